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

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority (1), organisation kind
 * (1), administrative division (6 digits), organisation code (9), check character (1); letters I, O,
 * Z, S, V are never used. Empty means "not known" and is stored as null.
 */
export const CreditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^$|^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: '统一社会信用代码应为 18 位数字或大写字母' })
  .transform((v) => v || null);

/**
 * The editable institution fields, each without a default so that the same rules serve a create
 * (see {@link InstitutionInputSchema}, which adds defaults) and a partial update
 * ({@link InstitutionPatchSchema}, where a missing field means "unchanged").
 */
const institutionFields = {
  townshipId: z.uuid({ message: '请选择所属乡镇' }),
  name: text(100, '机构名称'),
  type: z.enum(INSTITUTION_TYPES, { message: '机构类型无效' }),
  status: z.enum(INSTITUTION_STATUSES, { message: '机构状态无效' }),
  address: optText(200, '地址'),
  creditCode: CreditCodeSchema,
  filingNo: optText(60, '备案号').transform((v) => v || null),
  licenceNo: optText(60, '许可证号').transform((v) => v || null),
  personInCharge: optText(40, '负责人'),
  personInChargePhone: PhoneSchema,
  safetyOfficer: optText(40, '安全员'),
  safetyOfficerPhone: PhoneSchema,
  beds: z.coerce
    .number({ message: '床位数应为数字' })
    .int({ message: '床位数应为整数' })
    .min(0, { message: '床位数不能为负' })
    .max(100000, { message: '床位数不能超过 100000' }),
  residents: z.coerce
    .number({ message: '在住人数应为数字' })
    .int({ message: '在住人数应为整数' })
    .min(0, { message: '在住人数不能为负' })
    .max(100000, { message: '在住人数不能超过 100000' }),
  /** 在岗员工人数: the denominator of training coverage (0 = not given) */
  staffCount: z.coerce
    .number({ message: '在岗员工人数应为数字' })
    .int({ message: '在岗员工人数应为整数' })
    .min(0, { message: '在岗员工人数不能为负' })
    .max(100000, { message: '在岗员工人数不能超过 100000' }),
  /** share of residents who cannot walk unaided (失能/半失能), percent 0–100, two decimals */
  nonAmbulatoryPct: z.coerce
    .number({ message: '失能半失能占比应为数字' })
    .min(0, { message: '失能半失能占比应在 0–100 之间' })
    .max(100, { message: '失能半失能占比应在 0–100 之间' })
    .transform((v) => Math.round(v * 100) / 100),
};

/** Create an institution (民政服务机构). Optional fields default to empty / 0 / 运营中. */
export const InstitutionInputSchema = z.object({
  townshipId: institutionFields.townshipId,
  name: institutionFields.name,
  type: institutionFields.type,
  status: institutionFields.status.default('operating'),
  address: institutionFields.address.default(''),
  creditCode: institutionFields.creditCode.default(null),
  filingNo: institutionFields.filingNo.default(null),
  licenceNo: institutionFields.licenceNo.default(null),
  personInCharge: institutionFields.personInCharge.default(''),
  personInChargePhone: institutionFields.personInChargePhone.default(''),
  safetyOfficer: institutionFields.safetyOfficer.default(''),
  safetyOfficerPhone: institutionFields.safetyOfficerPhone.default(''),
  beds: institutionFields.beds.default(0),
  residents: institutionFields.residents.default(0),
  staffCount: institutionFields.staffCount.default(0),
  nonAmbulatoryPct: institutionFields.nonAmbulatoryPct.default(0),
});
/** What a client sends to create an institution. */
export type InstitutionInput = z.input<typeof InstitutionInputSchema>;
/** A create after validation (defaults filled in, empty codes as null). */
export type InstitutionValues = z.output<typeof InstitutionInputSchema>;

/**
 * Update an institution: only the fields present change. `creditCode`, `filingNo`, `licenceNo`
 * given as '' clear the value. Moving to another township also moves the institution's hazards,
 * inspections and bound accounts (their township is denormalised for scope filters).
 */
export const InstitutionPatchSchema = z.object(
  Object.fromEntries(Object.entries(institutionFields).map(([k, s]) => [k, s.optional()])) as {
    [K in keyof typeof institutionFields]: z.ZodOptional<(typeof institutionFields)[K]>;
  },
);
export type InstitutionPatch = z.input<typeof InstitutionPatchSchema>;

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
  /** 在岗员工人数 (0 = not given) */
  staffCount: z.number().int(),
  isDemo: z.boolean(),
  /** hazards of this institution that are not closed (待整改, 整改中, 待验收) */
  openHazards: z.number().int(),
  updatedAt: z.string(),
  /** what the current user may do on this record (the UI shows exactly these buttons) */
  abilities: z.object({ update: z.boolean() }),
});
export type Institution = z.infer<typeof InstitutionSchema>;

/** Filters of the institution list and of the roster export. */
export const InstitutionFilterSchema = z.object({
  townshipId: z.uuid({ message: '乡镇编号无效' }).optional(),
  type: z.enum(INSTITUTION_TYPES, { message: '机构类型无效' }).optional(),
  status: z.enum(INSTITUTION_STATUSES, { message: '机构状态无效' }).optional(),
  /** matches the name or the address, literally (% and _ are not wildcards) */
  q: z.string().trim().max(50).optional(),
});
export type InstitutionFilter = z.infer<typeof InstitutionFilterSchema>;

/** The institution list: filters, paging, and `all=true` for pickers (every match, no paging). */
export const InstitutionListQuerySchema = PageQuerySchema.extend({
  ...InstitutionFilterSchema.shape,
  all: QueryBool.optional(),
});
export type InstitutionListQuery = z.infer<typeof InstitutionListQuerySchema>;

/**
 * Options of a roster import (POST /api/institutions/import, multipart field `file`).
 * `dryRun` defaults to true: nothing is written unless the client says `dryRun=false`.
 */
export const RosterImportQuerySchema = z.object({
  /** only check and report (default) */
  dryRun: QueryBool.optional(),
  /** with dryRun=false: write the valid rows even when other rows have errors */
  skipInvalid: QueryBool.optional(),
});

/** One row of a roster import report. */
export const RosterRowReportSchema = z.object({
  /** the row number in the sheet, as Excel shows it */
  row: z.number().int(),
  name: z.string(),
  /** create a new institution, update the one with the same 乡镇 + 机构名称, or not importable */
  action: z.enum(['create', 'update', 'error']),
  /** id of the institution updated (or created, once committed) */
  institutionId: z.string().nullable(),
  /** for an update: the headers of the columns whose value changes (empty = nothing changes) */
  changes: z.array(z.string()),
  /** every problem of the row, by column header, zh-CN */
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
});
export type RosterRowReport = z.infer<typeof RosterRowReportSchema>;

export const RosterImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** true when the rows were written */
  committed: z.boolean(),
  /** the worksheet read */
  sheet: z.string(),
  /** non-empty data rows read (the example row of the template is not counted) */
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** rows that create (or, on a dry run, would create) an institution */
  created: z.number().int(),
  /** rows that update (or would update) an existing institution */
  updated: z.number().int(),
  /** header cells that are not roster columns and were ignored */
  ignoredColumns: z.array(z.string()),
  rows: z.array(RosterRowReportSchema),
});
export type RosterImportReport = z.infer<typeof RosterImportReportSchema>;
