import { z } from 'zod';
import { PERMISSIONS } from '../permissions.ts';
import { ROLES } from '../domain.ts';

export const LoginBodySchema = z.object({
  username: z.string().trim().min(1, { message: '请输入用户名' }).max(64),
  password: z.string().min(1, { message: '请输入密码' }).max(256),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

/** Password rule: 10–128 characters with at least three of: lower, upper, digit, symbol. */
export const NewPasswordSchema = z
  .string()
  .min(10, { message: '密码至少 10 位' })
  .max(128, { message: '密码不能超过 128 位' })
  .refine(
    (p) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length >= 3,
    { message: '密码需包含大写字母、小写字母、数字、符号中的至少三种' },
  );

export const ChangePasswordBodySchema = z.object({
  currentPassword: z.string().min(1, { message: '请输入当前密码' }).max(256),
  newPassword: NewPasswordSchema,
});

/** The logged-in user as the web app sees it. */
export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  townshipId: z.string().nullable(),
  townshipName: z.string().nullable(),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  countyName: z.string(),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type Me = z.infer<typeof MeSchema>;
