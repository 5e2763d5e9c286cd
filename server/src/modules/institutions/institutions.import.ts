import ExcelJS from 'exceljs';
import { assertSafeXlsx } from '../../lib/xlsx.ts';
import type { Db, DbOrTx } from '@lifeline/db';
import { InstitutionInputSchema, type InstitutionValues, type RosterImportReport, type RosterRowReport } from '@lifeline/shared';
import { AppError } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { canSeeTownship, requirePermission, type Actor } from '../../policies/index.ts';
import { findAllInstitutions, findTownships, insertInstitutions, updateInstitutionRow, type InstitutionInsert, type InstitutionRow } from './institutions.repo.ts';
import {
  EXAMPLE_MARK,
  ROSTER_COLUMNS,
  ROSTER_MAX_ROWS,
  ROSTER_REQUIRED_HEADERS,
  columnForHeader,
  convertCell,
  readCell,
  type ColumnValue,
  type RosterColumn,
  type RosterField,
} from './institutions.roster.ts';
import { withInstitutionDuplicates } from './institutions.service.ts';

/** MIME type of an .xlsx workbook, as file-type reports it from the bytes. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sheet names never read as a roster (the template's instructions). */
const NOT_A_ROSTER = new Set(['填写说明']);
/** How many top rows are searched for the header row (a title row above it is allowed). */
const HEADER_SEARCH_ROWS = 10;

/** One non-empty data row of a roster sheet, each roster column present in the sheet converted. */
export interface RosterSheetRow {
  /** the row number as Excel shows it */
  row: number;
  /** converted cells by field; a field whose column is absent from the sheet is absent here */
  cells: Map<RosterField, ColumnValue>;
}

/** A roster worksheet as read: which columns it has and its data rows. */
export interface RosterSheet {
  sheet: string;
  /** roster columns present in the sheet */
  columns: RosterColumn[];
  /** header cells that are not roster columns */
  ignoredColumns: string[];
  rows: RosterSheetRow[];
}

/** Checks type by content and unpacked size (server/src/lib/xlsx.ts). */
export const assertXlsx = assertSafeXlsx;

/** The header cells of one row: column number → text. */
function headerCells(ws: ExcelJS.Worksheet, rowNo: number): Map<number, string> {
  const out = new Map<number, string>();
  ws.getRow(rowNo).eachCell({ includeEmpty: false }, (cell, col) => {
    const r = readCell(cell);
    if (r.ok && r.value !== null) out.set(col, String(r.value));
  });
  return out;
}

/**
 * Finds the roster sheet and its header row: the first sheet (except 填写说明) having, within its
 * first {@link HEADER_SEARCH_ROWS} rows, a row with every required header.
 * @throws AppError VALIDATION_FAILED listing the missing headers when no sheet has them all
 */
function findHeader(wb: ExcelJS.Workbook): { ws: ExcelJS.Worksheet; rowNo: number; headers: Map<number, string> } {
  let best: { missing: string[]; sheet: string } | undefined;
  for (const ws of wb.worksheets) {
    if (NOT_A_ROSTER.has(ws.name.trim())) continue;
    for (let rowNo = 1; rowNo <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); rowNo++) {
      const headers = headerCells(ws, rowNo);
      const present = new Set([...headers.values()].map((h) => columnForHeader(h)?.header).filter(Boolean));
      const missing = ROSTER_REQUIRED_HEADERS.filter((h) => !present.has(h));
      if (missing.length === 0) return { ws, rowNo, headers };
      if (!best || missing.length < best.missing.length) best = { missing, sheet: ws.name };
    }
  }
  const missing = best?.missing ?? [...ROSTER_REQUIRED_HEADERS];
  throw new AppError('VALIDATION_FAILED', `表格缺少必需的列：${missing.join('、')}（请使用导入模板，表头在第一行）`, {
    missingHeaders: missing,
    ...(best ? { sheet: best.sheet } : {}),
  });
}

/**
 * Reads a roster workbook: finds the sheet and header row (columns matched by header text, in any
 * order), converts every cell of the roster columns (numbers, rich text, formulas' results,
 * hyperlinks' text, % formats), skips empty rows and the template's example row (机构名称 starting
 * with 【示例】).
 * @param bytes an .xlsx file (checked by {@link assertXlsx} first)
 * @throws AppError BAD_REQUEST (unreadable workbook); VALIDATION_FAILED (missing or repeated
 *   headers, no data rows, more than {@link ROSTER_MAX_ROWS} rows)
 */
export async function readRosterWorkbook(bytes: Buffer): Promise<RosterSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', '文件已损坏或不是有效的 Excel（.xlsx）文件');
  }
  const { ws, rowNo, headers } = findHeader(wb);
  const byCol = new Map<number, RosterColumn>();
  const seen = new Map<RosterField, string>();
  const ignoredColumns: string[] = [];
  for (const [col, text] of headers) {
    const c = columnForHeader(text);
    if (!c) {
      ignoredColumns.push(text);
      continue;
    }
    if (seen.has(c.field)) {
      throw new AppError('VALIDATION_FAILED', `表头「${c.header}」出现了两次（「${seen.get(c.field)}」与「${text}」），请删除其中一列`, { duplicateHeader: c.header });
    }
    seen.set(c.field, text);
    byCol.set(col, c);
  }
  const nameCol = [...byCol].find(([, c]) => c.field === 'name')![0];
  const rows: RosterSheetRow[] = [];
  for (let r = rowNo + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const cells = new Map<RosterField, ColumnValue>();
    let empty = true;
    for (const [col, c] of byCol) {
      const read = readCell(row.getCell(col));
      if (!read.ok || read.value !== null) empty = false;
      cells.set(c.field, convertCell(c, read));
    }
    if (empty) continue;
    const name = readCell(row.getCell(nameCol));
    if (name.ok && typeof name.value === 'string' && name.value.startsWith(EXAMPLE_MARK)) continue;
    rows.push({ row: r, cells });
    if (rows.length > ROSTER_MAX_ROWS) {
      throw new AppError('VALIDATION_FAILED', `一次最多导入 ${ROSTER_MAX_ROWS} 行，请分批导入`);
    }
  }
  if (rows.length === 0) throw new AppError('VALIDATION_FAILED', `工作表「${ws.name}」中没有机构数据`);
  return { sheet: ws.name, columns: [...byCol.values()], ignoredColumns, rows };
}

/** What the import checks rows against: the importer, the county's townships and institutions. */
export interface RosterContext {
  actor: Actor;
  townships: { id: string; name: string }[];
  /** every institution of the county (one query) */
  existing: InstitutionRow[];
}

/** The writes a valid roster implies. */
export interface RosterPlan {
  report: RosterRowReport[];
  creates: { report: RosterRowReport; values: InstitutionValues }[];
  updates: { report: RosterRowReport; row: InstitutionRow; changes: Partial<InstitutionInsert> }[];
}

const COLUMN_BY_FIELD = new Map<RosterField, RosterColumn>(ROSTER_COLUMNS.map((c) => [c.field, c]));
const header = (f: RosterField) => COLUMN_BY_FIELD.get(f)!.header;

/** An existing row's value in the form InstitutionInputSchema reads (null codes as ''). */
function inputValueOf(row: InstitutionRow, f: RosterField): unknown {
  const v = row[f];
  return v === null ? '' : v;
}

/** Fields whose new value differs from the row. */
function diff(row: InstitutionRow, v: InstitutionValues): Partial<InstitutionInsert> {
  const out: Record<string, unknown> = {};
  for (const c of ROSTER_COLUMNS) {
    const cur = row[c.field];
    const next = v[c.field];
    if (c.field === 'nonAmbulatoryPct' ? Number(cur) !== Number(next) : cur !== next) out[c.field] = next;
  }
  return out as Partial<InstitutionInsert>;
}

/**
 * Validates every row of a roster with InstitutionInputSchema's rules and decides its action, without
 * writing: 乡镇 must name a township of the county inside the importer's scope; 机构类型 and 状态 must
 * be known labels; numbers, phones and codes as the schema says; 乡镇 + 机构名称 and 统一社会信用代码
 * must not repeat within the file; a credit code must not belong to another institution. A row
 * whose 乡镇 + 机构名称 exists updates that institution: columns absent from the sheet keep their
 * value, an empty 状态 keeps the status, other empty cells clear the field. Every error of a row is
 * reported, by column header, in Chinese.
 */
export function planRosterImport(sheet: RosterSheet, ctx: RosterContext): RosterPlan {
  const { actor } = ctx;
  const townshipByName = new Map(ctx.townships.map((t) => [t.name, t]));
  const townshipName = new Map(ctx.townships.map((t) => [t.id, t.name]));
  const byKey = new Map(ctx.existing.map((i) => [`${i.townshipId}|${i.name}`, i]));
  const byCode = new Map(ctx.existing.filter((i) => i.creditCode).map((i) => [i.creditCode!, i]));
  const present = new Set(sheet.columns.map((c) => c.field));

  type Work = { report: RosterRowReport; values?: InstitutionValues; target?: InstitutionRow; key?: string };
  const work: Work[] = sheet.rows.map((r) => {
    const errors: RosterRowReport['errors'] = [];
    const bad = new Set<RosterField>();
    const fail = (f: RosterField, message: string) => {
      if (!bad.has(f)) errors.push({ column: header(f), message });
      bad.add(f);
    };
    const value = (f: RosterField): unknown => {
      const c = r.cells.get(f);
      if (!c) return undefined;
      if (!c.ok) {
        fail(f, c.message);
        return undefined;
      }
      return c.value;
    };
    const raw = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.field, value(c.field)])) as Record<RosterField, unknown>;
    const name = typeof raw.name === 'string' ? raw.name : '';
    for (const c of ROSTER_COLUMNS) if (c.required && raw[c.field] === undefined && !bad.has(c.field)) fail(c.field, `${c.header}不能为空`);

    let townshipId: string | undefined;
    if (typeof raw.townshipId === 'string') {
      const tw = townshipByName.get(raw.townshipId.replace(/\s+/g, ''));
      if (!tw) fail('townshipId', `乡镇「${raw.townshipId}」不存在，请填写本县乡镇全称（如 浔中镇）`);
      else if (!canSeeTownship(actor, tw.id)) fail('townshipId', `乡镇「${raw.townshipId}」不在您的管辖范围内`);
      else townshipId = tw.id;
    }
    const target = townshipId && name ? byKey.get(`${townshipId}|${name.trim()}`) : undefined;

    // the candidate record: cells of the sheet; for an update, columns absent from the sheet (and an
    // empty 状态) keep the institution's value
    const input: Record<string, unknown> = { ...raw, townshipId };
    if (target) {
      for (const c of ROSTER_COLUMNS) {
        if (!present.has(c.field) || (c.field === 'status' && raw.status === undefined)) input[c.field] = inputValueOf(target, c.field);
      }
    }
    const parsed = InstitutionInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = issue.path[0] as RosterField | undefined;
        if (f && COLUMN_BY_FIELD.has(f)) fail(f, issue.message);
        else errors.push({ column: '', message: issue.message });
      }
    }
    const report: RosterRowReport = { row: r.row, name, action: 'error', institutionId: target?.id ?? null, changes: [], errors };
    return parsed.success && errors.length === 0
      ? { report, values: parsed.data, ...(target ? { target } : {}), key: `${parsed.data.townshipId}|${parsed.data.name}` }
      : { report, ...(townshipId && name ? { key: `${townshipId}|${name.trim()}` } : {}) };
  });

  // repeats within the file: every occurrence is reported (which one is right is the user's call)
  const group = (keyOf: (w: Work) => string | undefined) => {
    const m = new Map<string, Work[]>();
    for (const w of work) {
      const k = keyOf(w);
      if (k) m.set(k, [...(m.get(k) ?? []), w]);
    }
    return [...m.values()].filter((ws) => ws.length > 1);
  };
  for (const ws of group((w) => w.key)) {
    for (const w of ws) {
      const others = ws.filter((o) => o !== w).map((o) => o.report.row).join('、');
      w.report.errors.push({ column: header('name'), message: `同一乡镇的机构「${w.report.name}」在第 ${others} 行重复出现` });
    }
  }
  const codeOf = (w: Work) => w.values?.creditCode ?? undefined;
  for (const ws of group(codeOf)) {
    for (const w of ws) {
      const others = ws.filter((o) => o !== w).map((o) => o.report.row).join('、');
      w.report.errors.push({ column: header('creditCode'), message: `统一社会信用代码 ${codeOf(w)} 与第 ${others} 行重复` });
    }
  }
  // a credit code held by another institution
  for (const w of work) {
    const code = codeOf(w);
    const holder = code ? byCode.get(code) : undefined;
    if (code && holder && holder.id !== w.target?.id) {
      const visible = canSeeTownship(actor, holder.townshipId);
      w.report.errors.push({
        column: header('creditCode'),
        message: visible ? `统一社会信用代码 ${code} 已被「${townshipName.get(holder.townshipId) ?? ''}${holder.name}」使用` : `统一社会信用代码 ${code} 已被其他机构使用`,
      });
    }
  }

  const plan: RosterPlan = { report: [], creates: [], updates: [] };
  for (const w of work) {
    plan.report.push(w.report);
    if (w.report.errors.length > 0 || !w.values) {
      w.report.action = 'error';
      continue;
    }
    if (w.target) {
      const changes = diff(w.target, w.values);
      w.report.action = 'update';
      w.report.changes = Object.keys(changes).map((f) => header(f as RosterField));
      plan.updates.push({ report: w.report, row: w.target, changes });
    } else {
      w.report.action = 'create';
      plan.creates.push({ report: w.report, values: w.values });
    }
  }
  return plan;
}

/** Loads what {@link planRosterImport} checks against: two queries. */
async function loadContext(db: DbOrTx, actor: Actor): Promise<RosterContext> {
  return { actor, townships: await findTownships(db, actor.countyId), existing: await findAllInstitutions(db, actor.countyId) };
}

function toReport(sheet: RosterSheet, plan: RosterPlan, dryRun: boolean, committed: boolean): RosterImportReport {
  const invalid = plan.report.filter((r) => r.action === 'error').length;
  return {
    dryRun,
    committed,
    sheet: sheet.sheet,
    total: plan.report.length,
    valid: plan.report.length - invalid,
    invalid,
    created: plan.creates.length,
    updated: plan.updates.length,
    ignoredColumns: sheet.ignoredColumns,
    rows: plan.report,
  };
}

export interface RosterImportOptions {
  /** only check and report */
  dryRun: boolean;
  /** write the valid rows even when others have errors */
  skipInvalid: boolean;
  /** the uploaded file's name, for the audit row */
  filename: string;
  now: Date;
  requestId?: string;
}

/**
 * Imports a roster (机构名册) .xlsx (permission `institution.manage`; a township officer only for
 * their own township). Every row is validated by {@link planRosterImport} and reported (row number,
 * name, action create/update/error, every column error). With `dryRun` nothing is written. Otherwise
 * all writes happen in ONE transaction, with ONE audit row summarising the import (created rows,
 * and the before/after of every changed field of updated rows): if any row has an error nothing is
 * written unless `skipInvalid`, in which case only the valid rows are. New institutions are
 * inserted in batches; only updates that change something are written.
 * @returns the report; `committed` tells whether it was written
 * @throws AppError UNSUPPORTED_MEDIA_TYPE 415 (not an .xlsx), BAD_REQUEST (unreadable),
 *   VALIDATION_FAILED 400 (missing headers, no rows; or row errors without `skipInvalid`, with the
 *   report as `details`), DUPLICATE 409 (a concurrent write took a name or code)
 */
export async function importRoster(db: Db, actor: Actor, bytes: Buffer, opts: RosterImportOptions): Promise<RosterImportReport> {
  requirePermission(actor, 'institution.manage');
  await assertXlsx(bytes);
  const sheet = await readRosterWorkbook(bytes);
  if (opts.dryRun) {
    const plan = planRosterImport(sheet, await loadContext(db, actor));
    return toReport(sheet, plan, true, false);
  }
  return withInstitutionDuplicates(() =>
    db.transaction(async (tx) => {
      const plan = planRosterImport(sheet, await loadContext(tx, actor));
      const report = toReport(sheet, plan, false, false);
      if (report.invalid > 0 && !opts.skipInvalid) {
        throw new AppError('VALIDATION_FAILED', `有 ${report.invalid} 行数据有误，未导入任何数据；请按报告修改后重新导入，或选择只导入正确的行`, report);
      }
      const created = await insertInstitutions(tx, plan.creates.map((c) => ({ ...c.values, createdAt: opts.now, updatedAt: opts.now })));
      created.forEach((row, i) => (plan.creates[i]!.report.institutionId = row.id));
      const changed = plan.updates.filter((u) => Object.keys(u.changes).length > 0);
      for (const u of changed) await updateInstitutionRow(tx, u.row.id, { ...u.changes, updatedAt: opts.now });
      const unchanged = plan.updates.length - changed.length;
      await writeAudit(
        tx,
        actor,
        {
          action: 'institution.import',
          entityType: 'institution',
          summary: `导入机构名册「${opts.filename}」：新增 ${created.length} 家，更新 ${changed.length} 家${unchanged ? `，${unchanged} 家无变化` : ''}${report.invalid ? `，跳过有误的 ${report.invalid} 行` : ''}`,
          before: { updated: changed.map((u) => ({ id: u.row.id, name: u.row.name, ...Object.fromEntries(Object.keys(u.changes).map((k) => [k, u.row[k as keyof InstitutionRow]])) })) },
          after: {
            file: opts.filename,
            sheet: sheet.sheet,
            created: created.map((r) => ({ id: r.id, townshipId: r.townshipId, name: r.name })),
            updated: changed.map((u) => ({ id: u.row.id, name: u.row.name, ...u.changes })),
            skippedRows: plan.report.filter((r) => r.action === 'error').map((r) => r.row),
          },
        },
        opts.requestId,
      );
      return { ...toReport(sheet, plan, false, true) };
    }),
  );
}
