import type { Db, DbOrTx } from '@lifeline/db';
import {
  ChecklistTemplateInputSchema,
  type ChecklistDiff,
  type ChecklistImportReport,
  type ChecklistItemValues,
  type ChecklistTemplateDetail,
  type ChecklistTemplateList,
  type ChecklistVersion,
  type InstitutionType,
} from '@lifeline/shared';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { describeDiff, diffItems, type ItemContent } from './checklists.diff.ts';
import { toTemplateSummary, toVersion, toVersionSummary } from './checklists.presenter.ts';
import {
  findItems,
  findTemplate,
  findTemplateByCode,
  findTemplates,
  findVersion,
  findVersions,
  insertTemplate,
  insertVersion,
  lockTemplate,
  updateTemplateRow,
  type ItemRow,
  type TemplateRow,
} from './checklists.repo.ts';
import { META_LABELS, assertXlsx, buildChecklistWorkbook, parseChecklistWorkbook, parseInstitutionTypes, type ParsedWorkbook } from './checklists.xlsx.ts';

/**
 * Checklist (检查表) use cases. A template's items live in immutable versions: every change of
 * items publishes version max + 1 in one transaction with its audit row; no version is ever
 * updated or deleted, so inspections and hazards keep resolving the item ids they recorded.
 * Reading is open to every role (`checklist.read`); writing is the county admin's (`checklist.manage`).
 */

const TEMPLATE_NOT_FOUND = '检查表不存在';
const VERSION_NOT_FOUND = '检查表版本不存在';

/** Where a write came from, for the audit summary. */
export interface WriteSource {
  /** the uploaded file name when the items came from an Excel import */
  importFile?: string;
}

/** Whether a database error (possibly wrapped by drizzle) is a unique violation of `constraint`. */
function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint === undefined || e.constraint === constraint;
  }
  return false;
}

const dedupe = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** Item rows → the comparable content of each item. */
const contentOf = (rows: readonly ItemRow[]): ItemContent[] =>
  rows.map((r) => ({
    code: r.code,
    category: r.category,
    hazardCategory: r.hazardCategory as ItemContent['hazardCategory'],
    checkText: r.checkText,
    checkPoints: r.checkPoints,
    legalBasis: r.legalBasis,
    hazardLevel: r.hazardLevel,
    isPlaceholder: r.isPlaceholder,
  }));

const countPlaceholders = (items: readonly { isPlaceholder: boolean }[]) => items.filter((i) => i.isPlaceholder).length;

// ------------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------------

/**
 * Lists templates with their current version number / id and its item counts.
 * Inactive templates are listed only for actors holding `checklist.manage` (the admin's filter
 * `active` then applies); for everyone else the list is the inspection picker and shows active
 * templates only, whatever `active` says.
 * @param q `institutionType`: templates for all types or including this type; `active`
 * @returns `{ items }` ordered by creation, then code
 */
export async function listChecklistTemplates(
  db: DbOrTx,
  actor: Actor,
  q: { institutionType?: InstitutionType | undefined; active?: boolean | undefined },
): Promise<ChecklistTemplateList> {
  requirePermission(actor, 'checklist.read');
  const admin = actor.permissions.has('checklist.manage');
  if (!admin && q.active === false) return { items: [] };
  const rows = await findTemplates(db, { institutionType: q.institutionType, active: admin ? q.active : true });
  return { items: rows.map((r) => toTemplateSummary(r, actor)) };
}

/**
 * One template with its version history (newest first). Readable by every role even when the
 * template is inactive: past inspections link to it.
 * @throws AppError NOT_FOUND
 */
export async function getChecklistTemplateDetail(db: DbOrTx, actor: Actor, id: string): Promise<ChecklistTemplateDetail> {
  requirePermission(actor, 'checklist.read');
  const [row] = await findTemplates(db, { id });
  if (!row) throw notFound(TEMPLATE_NOT_FOUND);
  const versions = await findVersions(db, id);
  return { ...toTemplateSummary(row, actor), versions: versions.map(toVersionSummary) };
}

/**
 * One version with its items in display order, and whether it is the template's current one.
 * @param opts `forInspection`: leave out placeholder items (待补充), which are never offered in an
 *   inspection
 * @throws AppError NOT_FOUND
 */
export async function getChecklistVersion(db: DbOrTx, actor: Actor, versionId: string, opts: { forInspection?: boolean | undefined } = {}): Promise<ChecklistVersion> {
  requirePermission(actor, 'checklist.read');
  const row = await findVersion(db, { versionId });
  if (!row) throw notFound(VERSION_NOT_FOUND);
  const tpl = await findTemplate(db, row.v.templateId);
  if (!tpl) throw notFound(VERSION_NOT_FOUND);
  const items = await findItems(db, row.v.id, { withPlaceholders: !opts.forInspection });
  return toVersion(row, tpl, items);
}

/**
 * The current (highest) version of a template, as {@link getChecklistVersion}.
 * @throws AppError NOT_FOUND
 */
export async function getCurrentChecklistVersion(db: DbOrTx, actor: Actor, templateId: string, opts: { forInspection?: boolean | undefined } = {}): Promise<ChecklistVersion> {
  requirePermission(actor, 'checklist.read');
  const row = await findVersion(db, { templateId, current: true });
  if (!row) throw notFound(TEMPLATE_NOT_FOUND);
  return getChecklistVersion(db, actor, row.v.id, opts);
}

// ------------------------------------------------------------------------------------------------
// Writing
// ------------------------------------------------------------------------------------------------

export interface CreateTemplateInput {
  code: string;
  name: string;
  description: string;
  institutionTypes: InstitutionType[];
  sourceNote: string;
  changeNote: string;
  /** validated items of version 1 (ChecklistItemInputSchema output), display order, unique codes */
  items: ChecklistItemValues[];
}

/**
 * Creates a template with its version 1 from the given items, in one transaction with the audit
 * row `checklist.create`.
 * @returns the new template id and version 1's id
 * @throws AppError FORBIDDEN without `checklist.manage`; DUPLICATE (409, path `code`) when the
 *   code is taken
 */
export async function createChecklistTemplate(db: Db, actor: Actor, input: CreateTemplateInput, now: Date, requestId?: string, source: WriteSource = {}) {
  requirePermission(actor, 'checklist.manage');
  const taken = (code: string) => new AppError('DUPLICATE', `检查表代码「${code}」已被使用`, [{ path: 'code', message: `代码「${code}」已被使用` }]);
  return db.transaction(async (tx) => {
    if (await findTemplateByCode(tx, input.code)) throw taken(input.code);
    let tpl: TemplateRow;
    try {
      tpl = await insertTemplate(tx, {
        code: input.code,
        name: input.name,
        description: input.description,
        institutionTypes: dedupe(input.institutionTypes),
        sourceNote: input.sourceNote,
        createdAt: now,
      });
    } catch (err) {
      if (isUniqueViolation(err, 'checklist_template_code_uq')) throw taken(input.code);
      throw err;
    }
    const ver = await insertVersion(tx, { templateId: tpl.id, version: 1, changeNote: input.changeNote, createdById: actor.id, createdAt: now }, input.items);
    const placeholders = countPlaceholders(input.items);
    await writeAudit(
      tx,
      actor,
      {
        action: 'checklist.create',
        entityType: 'checklist_template',
        entityId: tpl.id,
        summary: `创建检查表「${tpl.name}」（${tpl.code}）第1版，${input.items.length - placeholders} 项${placeholders ? `，另有待补充 ${placeholders} 项` : ''}${source.importFile ? `（从 Excel 导入：${source.importFile}）` : ''}`,
        after: { ...tpl, version: 1, versionId: ver.id, changeNote: input.changeNote, codes: input.items.map((i) => i.code) },
      },
      requestId,
    );
    return { templateId: tpl.id, versionId: ver.id };
  });
}

/** Labels of the metadata fields in audit summaries. */
const FIELD_LABELS = { name: '名称', description: '说明', institutionTypes: '适用机构类型', sourceNote: '来源说明' } as const;

/**
 * Changes a template's metadata (name, description, institution types, source note, active flag),
 * never its items, in one transaction with the audit row `checklist.update` (before/after of the
 * changed fields). Deactivating hides the template from non-admins' pickers only.
 * @throws AppError FORBIDDEN; NOT_FOUND; VALIDATION_FAILED when nothing would change
 */
export async function updateChecklistTemplate(
  db: Db,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; description?: string | undefined; institutionTypes?: InstitutionType[] | undefined; sourceNote?: string | undefined; isActive?: boolean | undefined },
  requestId?: string,
): Promise<void> {
  requirePermission(actor, 'checklist.manage');
  await db.transaction(async (tx) => {
    const tpl = await lockTemplate(tx, id);
    if (!tpl) throw notFound(TEMPLATE_NOT_FOUND);
    const changes: Partial<Pick<TemplateRow, 'name' | 'description' | 'institutionTypes' | 'sourceNote' | 'isActive'>> = {};
    if (patch.name !== undefined && patch.name !== tpl.name) changes.name = patch.name;
    if (patch.description !== undefined && patch.description !== tpl.description) changes.description = patch.description;
    if (patch.sourceNote !== undefined && patch.sourceNote !== tpl.sourceNote) changes.sourceNote = patch.sourceNote;
    if (patch.institutionTypes !== undefined) {
      const types = dedupe(patch.institutionTypes);
      if (JSON.stringify(types) !== JSON.stringify(tpl.institutionTypes)) changes.institutionTypes = types;
    }
    if (patch.isActive !== undefined && patch.isActive !== tpl.isActive) changes.isActive = patch.isActive;
    if (Object.keys(changes).length === 0) throw invalidField('', '没有需要修改的内容');
    await updateTemplateRow(tx, id, changes);
    const parts: string[] = (Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[]).filter((k) => k in changes).map((k) => FIELD_LABELS[k]);
    if (changes.isActive !== undefined) parts.push(changes.isActive ? '启用' : '停用');
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, tpl[k as keyof typeof changes]]));
    await writeAudit(
      tx,
      actor,
      { action: 'checklist.update', entityType: 'checklist_template', entityId: id, summary: `修改检查表「${tpl.name}」：${parts.join('、')}`, before, after: changes },
      requestId,
    );
  });
}

export interface PublishInput {
  changeNote: string;
  /** the version the editor started from; refused with 409 when the current one is newer */
  baseVersion?: number | undefined;
  /** validated items (ChecklistItemInputSchema output), display order, unique codes */
  items: ChecklistItemValues[];
}

/**
 * Publishes a new version of a template: locks the template row (publishers queue), compares the
 * items with the current version, inserts version max + 1 with its items and writes the audit row
 * `checklist.publish` whose summary lists the added / removed / changed codes — all in one
 * transaction. Earlier versions are never touched.
 * @returns the new version's id and number, and the diff against the previous version
 * @throws AppError FORBIDDEN; NOT_FOUND; CONFLICT (409) when `baseVersion` is not the current
 *   version or another publish took the number (unique constraint
 *   `checklist_version_template_version_uq`); VALIDATION_FAILED (path `items`) when the items are
 *   identical to the current version
 */
export async function publishChecklistVersion(
  db: Db,
  actor: Actor,
  templateId: string,
  input: PublishInput,
  now: Date,
  requestId?: string,
  source: WriteSource = {},
): Promise<{ versionId: string; version: number; diff: ChecklistDiff }> {
  requirePermission(actor, 'checklist.manage');
  return db.transaction(async (tx) => {
    const tpl = await lockTemplate(tx, templateId);
    if (!tpl) throw notFound(TEMPLATE_NOT_FOUND);
    const cur = await findVersion(tx, { templateId, current: true });
    const curVersion = cur?.v.version ?? 0;
    if (input.baseVersion !== undefined && input.baseVersion !== curVersion) {
      throw new AppError('CONFLICT', `检查表已被他人更新为第${curVersion}版（您编辑的是第${input.baseVersion}版），请刷新后在最新版本上修改`, {
        currentVersion: curVersion,
      });
    }
    const prevItems = cur ? await findItems(tx, cur.v.id) : [];
    const diff = diffItems(contentOf(prevItems), input.items, cur ? curVersion : null);
    if (diff.identical) throw invalidField('items', `检查项与当前第${curVersion}版完全相同，无需发布新版本`);
    const next = curVersion + 1;
    let ver;
    try {
      ver = await insertVersion(tx, { templateId, version: next, changeNote: input.changeNote, createdById: actor.id, createdAt: now }, input.items);
    } catch (err) {
      if (isUniqueViolation(err, 'checklist_version_template_version_uq')) {
        throw new AppError('CONFLICT', `第${next}版刚刚已由他人发布，请刷新后在最新版本上修改`);
      }
      throw err;
    }
    await writeAudit(
      tx,
      actor,
      {
        action: 'checklist.publish',
        entityType: 'checklist_template',
        entityId: templateId,
        summary: `发布检查表「${tpl.name}」第${next}版${source.importFile ? `（从 Excel 导入：${source.importFile}）` : ''}：${describeDiff(diff)}${input.changeNote ? `。修订说明：${input.changeNote}` : ''}`,
        before: cur ? { version: curVersion, versionId: cur.v.id, itemCount: prevItems.length } : null,
        after: { version: next, versionId: ver.id, itemCount: input.items.length, changeNote: input.changeNote, diff },
      },
      requestId,
    );
    return { versionId: ver.id, version: next, diff };
  });
}

// ------------------------------------------------------------------------------------------------
// Excel
// ------------------------------------------------------------------------------------------------

/** A file name safe on Windows and in a Content-Disposition header (Chinese kept). */
const safeFileName = (s: string) => s.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '').trim() || '检查表';

/**
 * The workbook of one version of a template (default: the current one); see
 * `buildChecklistWorkbook` in checklists.xlsx.ts for the layout.
 * @returns the bytes and a download name such as `生命通道检查表-第2版.xlsx`
 * @throws AppError NOT_FOUND for an unknown template or version number
 */
export async function exportChecklistXlsx(db: DbOrTx, actor: Actor, templateId: string, version: number | undefined, now: Date): Promise<{ bytes: Buffer; fileName: string }> {
  requirePermission(actor, 'checklist.read');
  const tpl = await findTemplate(db, templateId);
  if (!tpl) throw notFound(TEMPLATE_NOT_FOUND);
  const row = await findVersion(db, version === undefined ? { templateId, current: true } : { templateId, version });
  if (!row) throw notFound(`检查表「${tpl.name}」没有第${version}版`);
  const items = await findItems(db, row.v.id);
  const bytes = await buildChecklistWorkbook({ template: tpl, version: row.v.version, changeNote: row.v.changeNote, items: contentOf(items), now });
  return { bytes, fileName: `${safeFileName(tpl.name)}-第${row.v.version}版.xlsx` };
}

/** An uploaded workbook. */
export interface UploadedWorkbook {
  bytes: Buffer;
  filename: string;
}

/**
 * Diff of the parsed rows against base items. A row with errors counts by its code only: as
 * added when the code is new, as unchanged when it exists (its content cannot be trusted yet).
 */
function diffParsed(parsed: ParsedWorkbook, base: ItemContent[], baseVersion: number | null): ChecklistDiff {
  const byCode = new Map(base.map((b) => [b.code, b]));
  const seen = new Set<string>();
  const next: ItemContent[] = [];
  for (const r of parsed.rows) {
    if (!r.code || seen.has(r.code)) continue;
    seen.add(r.code);
    next.push(r.item ?? byCode.get(r.code) ?? { code: r.code, category: '', hazardCategory: 'other', checkText: '', checkPoints: '', legalBasis: '', hazardLevel: 'general', isPlaceholder: false });
  }
  return diffItems(base, next, baseVersion);
}

/** The report skeleton of a parsed workbook. */
function reportOf(parsed: ParsedWorkbook, dryRun: boolean, diff: ChecklistDiff, extraErrors: string[] = []): ChecklistImportReport {
  const errors = [...parsed.errors, ...extraErrors];
  const badRows = parsed.rows.filter((r) => r.errors.length > 0).length;
  const items = parsed.rows.flatMap((r) => (r.item ? [r.item] : []));
  return {
    dryRun,
    valid: errors.length === 0 && badRows === 0,
    errorCount: errors.length + badRows,
    sheetName: parsed.sheetName,
    errors,
    warnings: [...parsed.warnings],
    rows: parsed.rows.map((r) => ({ row: r.row, code: r.code, errors: r.errors })),
    itemCount: items.length - countPlaceholders(items),
    placeholderCount: countPlaceholders(items),
    diff,
    template: null,
    published: null,
  };
}

/** 400 carrying the whole report: nothing was written. */
const rejected = (report: ChecklistImportReport) =>
  new AppError('VALIDATION_FAILED', `导入文件有 ${report.errorCount} 处问题，未写入任何内容，请按报告修改后重新导入`, report as unknown as Record<string, unknown>);

/**
 * Imports a workbook as a new version of an existing template. The file must be .xlsx by
 * content. Every row is validated like the API and compared with the current version.
 * - `dryRun` (default): nothing is written; the report lists every row (row, code, errors) and the
 *   added / removed / changed codes.
 * - `dryRun=false` with no error: publishes through {@link publishChecklistVersion} (same
 *   transaction, lock, audit and 409 rules as POST …/versions).
 * - `dryRun=false` with errors: 400 VALIDATION_FAILED with the report in `details`; nothing written.
 * @returns HTTP status (200 dry run, 201 published) and the report
 * @throws AppError FORBIDDEN; NOT_FOUND; UNSUPPORTED_MEDIA_TYPE (415) for a non-xlsx file;
 *   VALIDATION_FAILED; CONFLICT (see publishChecklistVersion)
 */
export async function importChecklistVersion(
  db: Db,
  actor: Actor,
  templateId: string,
  file: UploadedWorkbook,
  opts: { dryRun: boolean; changeNote?: string | undefined; baseVersion?: number | undefined },
  now: Date,
  requestId?: string,
): Promise<{ status: 200 | 201; report: ChecklistImportReport }> {
  requirePermission(actor, 'checklist.manage');
  const tpl = await findTemplate(db, templateId);
  if (!tpl) throw notFound(TEMPLATE_NOT_FOUND);
  await assertXlsx(file.bytes);
  const parsed = await parseChecklistWorkbook(file.bytes);
  const cur = await findVersion(db, { templateId, current: true });
  const base = cur ? contentOf(await findItems(db, cur.v.id)) : [];
  const report = reportOf(parsed, opts.dryRun, diffParsed(parsed, base, cur?.v.version ?? null));
  if (parsed.meta.code && parsed.meta.code !== tpl.code) {
    report.warnings.push(`此文件导出自另一检查表（代码 ${parsed.meta.code}），将作为「${tpl.name}」的新版本导入，请确认`);
  }
  if (cur && parsed.meta.code === tpl.code && parsed.meta.version !== undefined && parsed.meta.version < cur.v.version) {
    report.warnings.push(`此文件导出自第${parsed.meta.version}版，当前已是第${cur.v.version}版；导入将以文件内容为准`);
  }
  if (report.valid && report.diff.identical) report.warnings.push(`文件内容与当前第${cur?.v.version}版完全相同，无需导入`);
  if (opts.dryRun) return { status: 200, report };
  if (!report.valid) throw rejected(report);
  const items = parsed.rows.map((r) => r.item!);
  const pub = await publishChecklistVersion(
    db,
    actor,
    templateId,
    { changeNote: opts.changeNote || `从 Excel 导入（${file.filename}）`, baseVersion: opts.baseVersion, items },
    now,
    requestId,
    { importFile: file.filename },
  );
  return { status: 201, report: { ...report, diff: pub.diff, published: { templateId, versionId: pub.versionId, version: pub.version } } };
}

/**
 * Creates a new template from a workbook: items from sheet 检查项; code, name, description,
 * institution types and source note from sheet 说明 (`code` / `name` override it — an export of
 * an existing template carries that template's code, which is taken). Same dry-run / report /
 * 400 rules as {@link importChecklistVersion}; template-field problems (bad or taken code, empty
 * name, unknown institution type) are workbook-level errors in the report.
 * @returns HTTP status (200 dry run, 201 created) and the report (`template` = the fields used)
 * @throws AppError FORBIDDEN; UNSUPPORTED_MEDIA_TYPE (415); VALIDATION_FAILED; DUPLICATE (409) when
 *   the code was taken between the check and the write
 */
export async function importNewChecklistTemplate(
  db: Db,
  actor: Actor,
  file: UploadedWorkbook,
  opts: { dryRun: boolean; code?: string | undefined; name?: string | undefined; changeNote?: string | undefined },
  now: Date,
  requestId?: string,
): Promise<{ status: 200 | 201; report: ChecklistImportReport }> {
  requirePermission(actor, 'checklist.manage');
  await assertXlsx(file.bytes);
  const parsed = await parseChecklistWorkbook(file.bytes);
  const m = parsed.meta;
  const types = parseInstitutionTypes(m.institutionTypes ?? '');
  const fields = {
    code: opts.code || m.code || '',
    name: opts.name || m.name || '',
    description: m.description ?? '',
    institutionTypes: types.types,
    sourceNote: m.sourceNote ?? '',
  };
  const errors: string[] = [];
  if (types.unknown.length) errors.push(`${META_LABELS.institutionTypes}：无法识别 ${types.unknown.join('、')}`);
  const tplParsed = ChecklistTemplateInputSchema.safeParse(fields);
  if (!tplParsed.success) {
    // say which 说明-sheet field is wrong (the schema's own labels differ, e.g. 说明 vs 简介)
    const labels: Record<string, string> = META_LABELS;
    errors.push(...tplParsed.error.issues.map((i) => `${labels[String(i.path[0])] ?? ''}：${i.message}`));
  }
  const clash = fields.code ? await findTemplateByCode(db, fields.code) : undefined;
  if (clash) errors.push(`代码「${fields.code}」已被检查表「${clash.name}」使用，请在导入时另行指定代码`);
  const report = reportOf(parsed, opts.dryRun, diffParsed(parsed, [], null), errors);
  report.template = { ...fields, institutionTypes: [...fields.institutionTypes] };
  if (opts.dryRun) return { status: 200, report };
  if (!report.valid || !tplParsed.success) throw rejected(report);
  const created = await createChecklistTemplate(
    db,
    actor,
    { ...tplParsed.data, changeNote: opts.changeNote || `从 Excel 导入（${file.filename}）`, items: parsed.rows.map((r) => r.item!) },
    now,
    requestId,
    { importFile: file.filename },
  );
  return { status: 201, report: { ...report, published: { templateId: created.templateId, versionId: created.versionId, version: 1 } } };
}

