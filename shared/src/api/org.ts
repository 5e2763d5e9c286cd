import { z } from 'zod';
import { INSTITUTION_STATUSES, INSTITUTION_TYPES, TOWNSHIP_KINDS } from '../domain.ts';
import { PageQuerySchema, PhoneSchema, QueryBool, optText, text } from './common.ts';

export const TownshipSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(TOWNSHIP_KINDS),
  institutionCount: z.number().int(),
});
export type Township = z.infer<typeof TownshipSchema>;

export const OfficeSchema = z.object({ id: z.string(), name: z.string() });

export const OrgTreeSchema = z.object({
  county: z.object({ id: z.string(), code: z.string(), name: z.string(), bureauName: z.string() }),
  offices: z.array(OfficeSchema),
  townships: z.array(TownshipSchema),
});

/** Editable institution fields (create and update). */
export const InstitutionInputSchema = z.object({
  townshipId: z.uuid({ message: '请选择所属乡镇' }),
  name: text(100, '机构名称'),
  type: z.enum(INSTITUTION_TYPES, { message: '机构类型无效' }),
  status: z.enum(INSTITUTION_STATUSES).default('operating'),
  address: optText(200, '地址').default(''),
  creditCode: z
    .string()
    .trim()
    .regex(/^$|^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: '统一社会信用代码应为 18 位' })
    .default('')
    .transform((v) => v || null),
  filingNo: optText(60, '备案号').default('').transform((v) => v || null),
  licenceNo: optText(60, '许可证号').default('').transform((v) => v || null),
  personInCharge: optText(40, '负责人').default(''),
  personInChargePhone: PhoneSchema.default(''),
  safetyOfficer: optText(40, '安全员').default(''),
  safetyOfficerPhone: PhoneSchema.default(''),
  beds: z.coerce.number({ message: '床位数应为数字' }).int({ message: '床位数应为整数' }).min(0, { message: '床位数不能为负' }).max(100000).default(0),
  residents: z.coerce.number({ message: '在住人数应为数字' }).int({ message: '在住人数应为整数' }).min(0, { message: '在住人数不能为负' }).max(100000).default(0),
  nonAmbulatoryPct: z.coerce.number({ message: '失能比例应为数字' }).min(0, { message: '失能比例应在 0–100 之间' }).max(100, { message: '失能比例应在 0–100 之间' }).default(0),
});
export type InstitutionInput = z.input<typeof InstitutionInputSchema>;

export const InstitutionSchema = z.object({
  id: z.string(),
  townshipId: z.string(),
  townshipName: z.string(),
  name: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  status: z.enum(INSTITUTION_STATUSES),
  address: z.string(),
  creditCode: z.string().nullable(),
  filingNo: z.string().nullable(),
  licenceNo: z.string().nullable(),
  personInCharge: z.string(),
  personInChargePhone: z.string(),
  safetyOfficer: z.string(),
  safetyOfficerPhone: z.string(),
  beds: z.number().int(),
  residents: z.number().int(),
  nonAmbulatoryPct: z.number(),
  isDemo: z.boolean(),
  openHazards: z.number().int(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean() }),
});
export type Institution = z.infer<typeof InstitutionSchema>;

export const InstitutionListQuerySchema = PageQuerySchema.extend({
  townshipId: z.uuid().optional(),
  type: z.enum(INSTITUTION_TYPES).optional(),
  status: z.enum(INSTITUTION_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
  all: QueryBool.optional(),
});

/** One row of a roster import report. */
export const RosterRowReportSchema = z.object({
  row: z.number().int(),
  name: z.string(),
  action: z.enum(['create', 'update', 'error']),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
});
export const RosterImportReportSchema = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rows: z.array(RosterRowReportSchema),
});
export type RosterImportReport = z.infer<typeof RosterImportReportSchema>;
