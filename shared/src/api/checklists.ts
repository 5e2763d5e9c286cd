import { z } from 'zod';
import { HAZARD_CATEGORIES, HAZARD_LEVELS, INSTITUTION_TYPES } from '../domain.ts';
import { QueryBool, UuidSchema, optText, text } from './common.ts';

/**
 * 检查表 (checklist) API contract. A template (模板) has immutable versions; a version holds the
 * check items. Saving items always publishes a NEW version (max + 1); past versions are never
 * modified, so inspections keep pointing at the exact text they used.
 *
 * Counting convention used everywhere below: `itemCount` counts the items that can be checked
 * (non-placeholder); `placeholderCount` counts placeholder slots (待补充) whose official text the
 * bureau has not entered yet. A version has `itemCount + placeholderCount` items in total.
 */

// ------------------------------------------------------------------------------------------------
// Inputs
// ------------------------------------------------------------------------------------------------

export const ChecklistItemInputSchema = z.object({
  code: z.string().trim().min(1, { message: '编号不能为空' }).max(20, { message: '编号不能超过 20 个字符' }),
  category: text(100, '类别'),
  hazardCategory: z.enum(HAZARD_CATEGORIES, { message: '隐患类别无效' }),
  checkText: text(500, '检查内容'),
  checkPoints: optText(2000, '检查要点').default(''),
  legalBasis: optText(500, '依据').default(''),
  hazardLevel: z.enum(HAZARD_LEVELS, { message: '隐患等级应为一般或重大' }),
  /** a slot whose official text is missing (待补充): listed, never offered in an inspection */
  isPlaceholder: z.boolean().default(false),
});
export type ChecklistItemInput = z.input<typeof ChecklistItemInputSchema>;
/** An item after validation (trimmed, defaults applied). */
export type ChecklistItemValues = z.output<typeof ChecklistItemInputSchema>;

/** The most items one version may hold. */
export const CHECKLIST_MAX_ITEMS = 500;

const ItemListSchema = z
  .array(ChecklistItemInputSchema)
  .min(1, { message: '检查表至少需要一项' })
  .max(CHECKLIST_MAX_ITEMS, { message: `检查表最多 ${CHECKLIST_MAX_ITEMS} 项` });

/** Flags every repeated item code at `items.N.code` (N = index of the repeat, 0-based). */
function refineUniqueCodes(v: { items: { code: string }[] }, ctx: z.RefinementCtx) {
  const seen = new Map<string, number>();
  v.items.forEach((it, i) => {
    const prev = seen.get(it.code);
    if (prev !== undefined) ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: `编号 ${it.code} 与第 ${prev + 1} 项重复` });
    else seen.set(it.code, i);
  });
}

/**
 * Body of POST /api/checklists/:id/versions: the FULL item list of the new version, in display
 * order. `baseVersion` (optional, recommended) is the version the editor started from: when another
 * admin has published since, the request is refused with 409 instead of silently overwriting.
 */
export const ChecklistVersionInputSchema = z
  .object({
    changeNote: optText(200, '修订说明').default(''),
    baseVersion: z.number().int().min(1).optional(),
    items: ItemListSchema,
  })
  .superRefine(refineUniqueCodes);
export type ChecklistVersionInput = z.input<typeof ChecklistVersionInputSchema>;

/** Template metadata (code is fixed at creation). */
export const ChecklistTemplateInputSchema = z.object({
  code: z.string().trim().regex(/^[a-z0-9-]{2,60}$/, { message: '代码为 2–60 位小写字母、数字或 -' }),
  name: text(100, '名称'),
  description: optText(500, '说明').default(''),
  /** institution types the template applies to; empty = all types */
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES, { message: '机构类型无效' })).default([]),
  sourceNote: optText(2000, '来源说明').default(''),
});

/** Body of POST /api/checklists: the template and the items of its version 1. */
export const ChecklistTemplateCreateSchema = ChecklistTemplateInputSchema.extend({
  changeNote: optText(200, '修订说明').default(''),
  items: ItemListSchema,
}).superRefine(refineUniqueCodes);
export type ChecklistTemplateCreate = z.input<typeof ChecklistTemplateCreateSchema>;

/** Body of PATCH /api/checklists/:id: metadata only; items change by publishing a version. */
export const ChecklistTemplatePatchSchema = z.object({
  name: text(100, '名称').optional(),
  description: optText(500, '说明').optional(),
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES, { message: '机构类型无效' })).optional(),
  sourceNote: optText(2000, '来源说明').optional(),
  /** false hides the template from inspection pickers; its versions stay readable */
  isActive: z.boolean().optional(),
});
export type ChecklistTemplatePatch = z.input<typeof ChecklistTemplatePatchSchema>;

// ------------------------------------------------------------------------------------------------
// Queries and params
// ------------------------------------------------------------------------------------------------

/**
 * GET /api/checklists filters. `institutionType`: templates that apply to all types or include it.
 * `active`: only for admins; other users always see active templates only.
 */
export const ChecklistListQuerySchema = z.object({
  institutionType: z.enum(INSTITUTION_TYPES, { message: '机构类型无效' }).optional(),
  active: QueryBool.optional(),
});

/** `forInspection=true` leaves out placeholder items (what an inspection form offers). */
export const ChecklistVersionQuerySchema = z.object({
  forInspection: QueryBool.optional(),
});

export const ChecklistVersionParamSchema = z.object({ versionId: UuidSchema });

/** GET /api/checklists/:id/export.xlsx: `version` number, default the current one. */
export const ChecklistExportQuerySchema = z.object({
  version: z.coerce.number({ message: '版本号无效' }).int({ message: '版本号无效' }).min(1, { message: '版本号无效' }).optional(),
});

/**
 * POST /api/checklists/:id/import (multipart, field `file`, .xlsx).
 * `dryRun` defaults to true: nothing is written unless `dryRun=false` is given explicitly.
 */
export const ChecklistImportQuerySchema = z.object({
  dryRun: QueryBool.default(true),
  changeNote: optText(200, '修订说明').optional(),
  /** as in {@link ChecklistVersionInputSchema}: refuse with 409 when the current version moved on */
  baseVersion: z.coerce.number({ message: '版本号无效' }).int().min(1).optional(),
});

/**
 * POST /api/checklists/import-new (multipart, field `file`, .xlsx): a new template from a workbook.
 * `code`/`name` override the 说明 sheet's 代码 / 检查表名称 (needed when re-importing an export
 * of an existing template, whose code is taken).
 */
export const ChecklistImportNewQuerySchema = z.object({
  dryRun: QueryBool.default(true),
  code: z.string().trim().optional(),
  name: z.string().trim().optional(),
  changeNote: optText(200, '修订说明').optional(),
});

// ------------------------------------------------------------------------------------------------
// Outputs
// ------------------------------------------------------------------------------------------------

export const ChecklistItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  category: z.string(),
  hazardCategory: z.enum(HAZARD_CATEGORIES),
  checkText: z.string(),
  checkPoints: z.string(),
  legalBasis: z.string(),
  hazardLevel: z.enum(HAZARD_LEVELS),
  isPlaceholder: z.boolean(),
  sortOrder: z.number().int(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

/** What the current user may do on a template (the UI shows exactly these buttons). */
export const ChecklistAbilitiesSchema = z.object({
  /** PATCH metadata, activate / deactivate */
  update: z.boolean(),
  /** publish a new version (editor or Excel import) */
  publish: z.boolean(),
});
export type ChecklistAbilities = z.infer<typeof ChecklistAbilitiesSchema>;

export const ChecklistTemplateSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES)),
  sourceNote: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
  currentVersion: z.number().int(),
  currentVersionId: z.string(),
  /** checkable (non-placeholder) items of the current version */
  itemCount: z.number().int(),
  /** placeholder (待补充) items of the current version */
  placeholderCount: z.number().int(),
  abilities: ChecklistAbilitiesSchema,
});
export type ChecklistTemplateSummary = z.infer<typeof ChecklistTemplateSummarySchema>;

export const ChecklistTemplateListSchema = z.object({ items: z.array(ChecklistTemplateSummarySchema) });
export type ChecklistTemplateList = z.infer<typeof ChecklistTemplateListSchema>;

/** One entry of a template's version history. */
export const ChecklistVersionSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  isCurrent: z.boolean(),
  changeNote: z.string(),
  createdAt: z.string(),
  /** null for the shipped reference version (seeded by the system) */
  createdByName: z.string().nullable(),
  itemCount: z.number().int(),
  placeholderCount: z.number().int(),
});
export type ChecklistVersionSummary = z.infer<typeof ChecklistVersionSummarySchema>;

/** GET /api/checklists/:id: the template and its versions, newest first. */
export const ChecklistTemplateDetailSchema = ChecklistTemplateSummarySchema.extend({
  versions: z.array(ChecklistVersionSummarySchema),
});
export type ChecklistTemplateDetail = z.infer<typeof ChecklistTemplateDetailSchema>;

/** One version with its items in display order. */
export const ChecklistVersionSchema = z.object({
  id: z.string(),
  templateId: z.string(),
  templateCode: z.string(),
  templateName: z.string(),
  templateIsActive: z.boolean(),
  version: z.number().int(),
  isCurrent: z.boolean(),
  changeNote: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  items: z.array(ChecklistItemSchema),
});
export type ChecklistVersion = z.infer<typeof ChecklistVersionSchema>;

/** Item codes that differ between two item lists (matched by code). */
export const ChecklistDiffSchema = z.object({
  /** the version compared against; null when there is none (a new template) */
  baseVersion: z.number().int().nullable(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  /** same code, some field differs */
  changed: z.array(z.string()),
  /** the same codes are kept but in another order */
  reordered: z.boolean(),
  /** nothing differs: publishing would be refused */
  identical: z.boolean(),
});
export type ChecklistDiff = z.infer<typeof ChecklistDiffSchema>;

/** One data row of an imported sheet: the Excel row number, its 编号 and what is wrong (zh-CN). */
export const ChecklistImportRowSchema = z.object({
  row: z.number().int(),
  code: z.string(),
  errors: z.array(z.string()),
});
export type ChecklistImportRow = z.infer<typeof ChecklistImportRowSchema>;

/**
 * What an Excel import found. `valid` = no workbook-level error and no row error; only then can
 * `dryRun=false` publish. A non-dry run that is not valid answers 400 VALIDATION_FAILED with this
 * report in `error.details`, and writes nothing.
 */
export const ChecklistImportReportSchema = z.object({
  dryRun: z.boolean(),
  valid: z.boolean(),
  /** rows with errors + workbook-level errors */
  errorCount: z.number().int(),
  sheetName: z.string().nullable(),
  /** problems of the workbook as a whole (missing columns, no rows, template fields) */
  errors: z.array(z.string()),
  /** things worth a look that do not block (e.g. the file came from another template) */
  warnings: z.array(z.string()),
  /** every data row, in sheet order */
  rows: z.array(ChecklistImportRowSchema),
  itemCount: z.number().int(),
  placeholderCount: z.number().int(),
  diff: ChecklistDiffSchema,
  /** import-new only: the template fields read from the 说明 sheet and query */
  template: z
    .object({
      code: z.string(),
      name: z.string(),
      description: z.string(),
      institutionTypes: z.array(z.string()),
      sourceNote: z.string(),
    })
    .nullable(),
  /** set when the import published a version */
  published: z.object({ templateId: z.string(), versionId: z.string(), version: z.number().int() }).nullable(),
});
export type ChecklistImportReport = z.infer<typeof ChecklistImportReportSchema>;
