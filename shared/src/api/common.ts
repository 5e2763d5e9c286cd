import { z } from 'zod';
import { isCalendarDate } from '../dates.ts';

// Validation messages in Chinese wherever a schema runs (server and web).
z.config(z.locales.zhCN());

/** A calendar date `YYYY-MM-DD` that exists (2024-02-30 is rejected). */
export const CalendarDateSchema = z.string().refine(isCalendarDate, { message: '日期无效，应为真实存在的 YYYY-MM-DD 日期' });

export const UuidSchema = z.uuid({ message: '编号格式无效' });

/** Trimmed non-empty text up to `max` characters. */
export const text = (max: number, label = '内容') =>
  z.string().trim().min(1, { message: `${label}不能为空` }).max(max, { message: `${label}不能超过 ${max} 个字` });

/** Trimmed optional text up to `max` characters ('' allowed). */
export const optText = (max: number, label = '内容') =>
  z.string().trim().max(max, { message: `${label}不能超过 ${max} 个字` });

/** Mainland mobile or landline number, optional. */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^$|^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, { message: '电话号码格式无效' });

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const IdParamSchema = z.object({ id: UuidSchema });

/** A page of results. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const OkSchema = z.object({ ok: z.literal(true) });

/** Error body of every non-2xx answer. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});

/** `true`/`false`/`1`/`0` in a query string. */
export const QueryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
