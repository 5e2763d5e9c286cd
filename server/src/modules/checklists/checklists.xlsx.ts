import ExcelJS from 'exceljs';
import { assertSafeXlsx } from '../../lib/xlsx.ts';
import {
  CHECKLIST_MAX_ITEMS,
  ChecklistItemInputSchema,
  HAZARD_CATEGORIES,
  INSTITUTION_TYPES,
  t,
  toExcelLocal,
  type ChecklistItemValues,
  type HazardCategory,
  type HazardLevel,
  type InstitutionType,
} from '@lifeline/shared';
import { AppError } from '../../lib/app-error.ts';
import type { ItemContent } from './checklists.diff.ts';

/**
 * The checklist workbook (.xlsx), in one place: the columns of the 检查项 sheet, the 说明 sheet, the
 * writer (export) and the reader (import). Export → import is lossless for every item field:
 * what {@link buildChecklistWorkbook} writes, {@link parseChecklistWorkbook} reads back unchanged.
 *
 * Reading is forgiving where people edit by hand: columns are matched by header text in any
 * order (spaces, `*` and a trailing `（…）` ignored), labels are matched with a few aliases
 * (一般隐患 for 一般, the English code names), and blank rows are skipped. Everything else is
 * reported per row in Chinese, never guessed.
 */

/** Name of the sheet holding the items. */
export const ITEMS_SHEET = '检查项';
/** Name of the sheet holding the template fields, column notes and allowed values. */
export const NOTES_SHEET = '说明';
/** MIME type of .xlsx, as `file-type` reports it. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 隐患等级 labels in the workbook. */
const LEVEL_LABELS: Record<HazardLevel, string> = { general: '一般', major: '重大' };
const YES = '是';
const NO = '否';

type ReadResult = { value: unknown } | { error: string };

/**
 * One column of the 检查项 sheet.
 * - `header`: the Chinese header text, which is also how the column is found on import;
 * - `required`: the column must be present on import (its cells are then validated like the API);
 * - `allowed`: the only values a cell may hold (offered as a drop-down, listed in 说明);
 * - `write`: item field → cell text; `read`: cell text → field value, or a zh-CN error.
 */
export interface ItemColumn {
  key: keyof ItemContent;
  header: string;
  required: boolean;
  width: number;
  /** what to enter, shown in the 说明 sheet */
  note: string;
  allowed?: readonly string[];
  /** keep the cell as text (so Excel does not turn 4.10 into 4.1) */
  textFormat?: boolean;
  write(item: ItemContent): string;
  read(text: string): ReadResult;
}

const plain = (key: keyof ItemContent) => ({
  write: (item: ItemContent) => String(item[key]),
  read: (text: string): ReadResult => ({ value: text }),
});

const categoryLabels = HAZARD_CATEGORIES.map((c) => t(`hazardCategory.${c}`));

/** Label or code name → value; `undefined` when unknown. */
function lookup<T>(text: string, table: Record<string, T>): T | undefined {
  return Object.hasOwn(table, text) ? table[text] : Object.hasOwn(table, text.toLowerCase()) ? table[text.toLowerCase()] : undefined;
}

const CATEGORY_BY_TEXT: Record<string, HazardCategory> = Object.fromEntries(
  HAZARD_CATEGORIES.flatMap((c) => [
    [t(`hazardCategory.${c}`), c],
    [c, c],
  ]),
);
const LEVEL_BY_TEXT: Record<string, HazardLevel> = {
  一般: 'general',
  一般隐患: 'general',
  general: 'general',
  重大: 'major',
  重大隐患: 'major',
  重大事故隐患: 'major',
  major: 'major',
};
const BOOL_BY_TEXT: Record<string, boolean> = { 是: true, 否: false, y: true, n: false, yes: true, no: false, true: true, false: false, '1': true, '0': false };

/**
 * The columns of the 检查项 sheet, in export order. Import matches them by header text, in any
 * order. Source of the allowed labels: the zh-CN catalogue (`hazardCategory.*`).
 */
export const ITEM_COLUMNS: readonly ItemColumn[] = [
  { key: 'code', header: '编号', required: true, width: 10, textFormat: true, note: '本检查表内唯一，如 4.1、LP-02；最多 20 个字符', ...plain('code') },
  { key: 'category', header: '类别', required: true, width: 24, note: '检查项所属的类别或条款，如“第四条 重要设施设备存在严重缺陷”', ...plain('category') },
  {
    key: 'hazardCategory',
    header: '隐患类别',
    required: true,
    width: 12,
    note: '不合格时登记的隐患类别',
    allowed: categoryLabels,
    write: (item) => t(`hazardCategory.${item.hazardCategory}`),
    read: (text) => {
      if (!text) return { error: '隐患类别不能为空' };
      const v = lookup(text, CATEGORY_BY_TEXT);
      return v ? { value: v } : { error: `隐患类别「${text}」无效，应为：${categoryLabels.join('、')}` };
    },
  },
  { key: 'checkText', header: '检查内容', required: true, width: 48, note: '检查什么（本系统意译，不作为官方原文）；最多 500 字', ...plain('checkText') },
  { key: 'checkPoints', header: '检查要点', required: false, width: 60, note: '怎么查，每行一个要点；可空；最多 2000 字', ...plain('checkPoints') },
  { key: 'legalBasis', header: '依据', required: false, width: 40, note: '法规、标准及条款；可空；最多 500 字', ...plain('legalBasis') },
  {
    key: 'hazardLevel',
    header: '隐患等级',
    required: true,
    width: 10,
    note: '不合格时的隐患等级',
    allowed: [LEVEL_LABELS.general, LEVEL_LABELS.major],
    write: (item) => LEVEL_LABELS[item.hazardLevel],
    read: (text) => {
      if (!text) return { error: '隐患等级不能为空' };
      const v = lookup(text, LEVEL_BY_TEXT);
      return v ? { value: v } : { error: `隐患等级「${text}」无效，应为“一般”或“重大”` };
    },
  },
  {
    key: 'isPlaceholder',
    header: '待补充',
    required: false,
    width: 8,
    note: '“是”表示原文尚未取得的占位项，只显示不用于检查；空白视为“否”',
    allowed: [YES, NO],
    write: (item) => (item.isPlaceholder ? YES : NO),
    read: (text) => {
      if (!text) return { value: false };
      const v = lookup(text, BOOL_BY_TEXT);
      return v === undefined ? { error: `待补充「${text}」无效，应为“是”或“否”` } : { value: v };
    },
  },
];

/** The 编号 column: rows are identified by it in reports and diffs. */
const CODE_COLUMN = ITEM_COLUMNS.find((c) => c.key === 'code')!;

/** The labels of the template fields in the 说明 sheet (column A), the values in column B. */
export const META_LABELS = {
  name: '检查表名称',
  code: '代码',
  version: '版本',
  institutionTypes: '适用机构类型',
  description: '简介',
  sourceNote: '来源说明',
  changeNote: '修订说明',
  exportedAt: '导出时间',
} as const;

/** 适用机构类型 written for "every type". */
const ALL_TYPES_LABEL = '全部机构类型';

/** Template fields written to / read from the 说明 sheet. */
export interface WorkbookTemplate {
  code: string;
  name: string;
  description: string;
  institutionTypes: readonly string[];
  sourceNote: string;
}

// ------------------------------------------------------------------------------------------------
// Writing
// ------------------------------------------------------------------------------------------------

/**
 * Builds the checklist workbook of one version: sheet 检查项 (Chinese headers of
 * {@link ITEM_COLUMNS}, one row per item in display order, drop-downs for 隐患类别 / 隐患等级 /
 * 待补充, frozen header, auto-filter) and sheet 说明 (template name, code, version, institution
 * types, description, sourceNote, change note, export time as a local date cell, and per column:
 * required or not, what to enter and the allowed values).
 * @param input the template, the version number and change note, its items (display order) and now
 * @returns the .xlsx bytes
 */
export async function buildChecklistWorkbook(input: {
  template: WorkbookTemplate;
  version: number;
  changeNote: string;
  items: readonly ItemContent[];
  now: Date;
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lifeline 畅通生命通道';
  wb.created = input.now;

  const ws = wb.addWorksheet(ITEMS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ITEM_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: { alignment: { vertical: 'top', wrapText: true }, ...(c.textFormat ? { numFmt: '@' } : {}) },
  }));
  for (const item of input.items) {
    ws.addRow(Object.fromEntries(ITEM_COLUMNS.map((c) => [c.key, c.write(item)])));
  }
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ITEM_COLUMNS.length } };
  // drop-downs: the runtime supports range addresses, the typings only know single cells
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const lastRow = Math.max(input.items.length + 200, 500);
  ITEM_COLUMNS.forEach((c, i) => {
    if (!c.allowed) return;
    const col = ws.getColumn(i + 1).letter;
    validations.add(`${col}2:${col}${lastRow}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${c.allowed.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `请选择：${c.allowed.join('、')}`,
    });
  });

  const notes = wb.addWorksheet(NOTES_SHEET);
  notes.columns = [{ width: 16 }, { width: 70 }, { width: 48 }, { width: 40 }];
  const tpl = input.template;
  const meta: [string, ExcelJS.CellValue][] = [
    [META_LABELS.name, tpl.name],
    [META_LABELS.code, tpl.code],
    [META_LABELS.version, input.version],
    [META_LABELS.institutionTypes, formatInstitutionTypes(tpl.institutionTypes)],
    [META_LABELS.description, tpl.description],
    [META_LABELS.sourceNote, tpl.sourceNote],
    [META_LABELS.changeNote, input.changeNote],
    [META_LABELS.exportedAt, toExcelLocal(input.now)],
  ];
  for (const [label, value] of meta) {
    const row = notes.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    if (value instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
    if (label === META_LABELS.code) row.getCell(2).numFmt = '@';
  }
  notes.addRow([]);
  const tableHead = notes.addRow(['列名', '是否必填', '填写说明', '可选值']);
  tableHead.font = { bold: true };
  for (const c of ITEM_COLUMNS) {
    const row = notes.addRow([c.header, c.required ? '必填' : '可空', c.note, c.allowed ? c.allowed.join('、') : '']);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  notes.addRow([]);
  for (const line of [
    '导入规则：按表头文字识别列，列的顺序不限；空白行跳过；每个数据行对应一个检查项，显示顺序即行的顺序。',
    '导入到已有检查表时，系统先逐行检查并列出与当前版本相比新增、删除、修改的编号；确认无误后发布为新版本，以往版本保持不变。',
    `代码为 2–60 位小写字母、数字或 -；${META_LABELS.institutionTypes}填“${ALL_TYPES_LABEL}”或用顿号分隔的类型：${INSTITUTION_TYPES.map((x) => t(`institutionType.${x}`)).join('、')}。`,
  ]) {
    const row = notes.addRow([line]);
    notes.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 32;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `养老机构、儿童福利机构`, or {@link ALL_TYPES_LABEL} for an empty list. */
export function formatInstitutionTypes(types: readonly string[]): string {
  return types.length ? types.map((x) => t(`institutionType.${x}`)).join('、') : ALL_TYPES_LABEL;
}

/**
 * Reads 适用机构类型 text back into type codes: blank, `全部` or {@link ALL_TYPES_LABEL} → `[]`;
 * otherwise labels (or code names) separated by 、，, ; or spaces.
 * @returns the types and the parts that matched no type
 */
export function parseInstitutionTypes(text: string): { types: InstitutionType[]; unknown: string[] } {
  const s = text.trim();
  if (!s || s === '全部' || s === ALL_TYPES_LABEL) return { types: [], unknown: [] };
  const byText: Record<string, InstitutionType> = Object.fromEntries(INSTITUTION_TYPES.flatMap((x) => [[t(`institutionType.${x}`), x], [x, x]]));
  const types: InstitutionType[] = [];
  const unknown: string[] = [];
  for (const part of s.split(/[、,，;；\s]+/).filter(Boolean)) {
    const v = byText[part];
    if (!v) unknown.push(part);
    else if (!types.includes(v)) types.push(v);
  }
  return { types, unknown };
}

// ------------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------------

/** Checks type by content and unpacked size (server/src/lib/xlsx.ts). */
export const assertXlsx = assertSafeXlsx;

/** One data row as read. `item` is set only when the row has no error. */
export interface ParsedRow {
  /** Excel row number (1-based, as shown in Excel) */
  row: number;
  code: string;
  errors: string[];
  item: ChecklistItemValues | null;
}

/** What the 说明 sheet says (raw text; absent labels are undefined). */
export interface ParsedMeta {
  name?: string;
  code?: string;
  version?: number;
  institutionTypes?: string;
  description?: string;
  sourceNote?: string;
}

/** A read workbook: workbook-level errors and warnings, every data row, and the 说明 fields. */
export interface ParsedWorkbook {
  sheetName: string | null;
  errors: string[];
  warnings: string[];
  rows: ParsedRow[];
  meta: ParsedMeta;
}

/** The text of a cell whatever Excel stored: rich text, hyperlinks, formula results, numbers. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.replace(/\r\n?/g, '\n').trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? YES : NO;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return cellText((o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join(''));
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
  }
  return '';
}

/** Header text → comparable key: no whitespace, no `*`, no trailing `（…）`/`(…)`. */
const normHeader = (s: string) => s.replace(/\s+/g, '').replace(/[*＊]/g, '').replace(/[（(][^）)]*[）)]$/, '');

const HEADER_SCAN_ROWS = 10;
/** Sheets larger than this are refused before reading (protects memory). */
const MAX_SHEET_ROWS = 5000;

/** Finds the header row of a sheet: the first of its top rows naming at least 3 known columns. */
function findHeader(ws: ExcelJS.Worksheet): { rowNo: number; cols: Map<string, number[]>; unknown: string[] } | null {
  const known = new Set(ITEM_COLUMNS.map((c) => c.header));
  for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, ws.rowCount); r++) {
    const cols = new Map<string, number[]>();
    const unknown: string[] = [];
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, colNo) => {
      const h = normHeader(cellText(cell.value));
      if (!h) return;
      if (known.has(h)) cols.set(h, [...(cols.get(h) ?? []), colNo]);
      else unknown.push(h);
    });
    if (cols.size >= 3) return { rowNo: r, cols, unknown };
  }
  return null;
}

/** The 说明 sheet's label → value pairs (first occurrence of each label wins). */
function readMeta(wb: ExcelJS.Workbook): ParsedMeta {
  const ws = wb.getWorksheet(NOTES_SHEET);
  const meta: ParsedMeta = {};
  if (!ws) return meta;
  const byLabel = new Map<string, string>();
  ws.eachRow({ includeEmpty: false }, (row) => {
    const label = normHeader(cellText(row.getCell(1).value));
    if (label && !byLabel.has(label)) byLabel.set(label, cellText(row.getCell(2).value));
  });
  const get = (l: string) => byLabel.get(l);
  const version = Number.parseInt(get(META_LABELS.version) ?? '', 10);
  const out: ParsedMeta = {};
  const put = <K extends keyof ParsedMeta>(k: K, v: ParsedMeta[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  put('name', get(META_LABELS.name));
  put('code', get(META_LABELS.code));
  put('version', Number.isFinite(version) ? version : undefined);
  put('institutionTypes', get(META_LABELS.institutionTypes));
  put('description', get(META_LABELS.description));
  put('sourceNote', get(META_LABELS.sourceNote));
  return out;
}

/**
 * Reads a checklist workbook (pure: no database). Takes sheet 检查项, or else the first sheet
 * with a recognisable header row; maps columns by header text; validates every data row with the
 * API's item schema (ChecklistItemInputSchema) after turning labels into values; flags repeated
 * 编号. Problems are collected, never thrown, so the caller can report every bad row at once.
 * @param bytes an .xlsx file (check it with {@link assertXlsx} first)
 * @returns the rows (Excel row numbers), workbook-level errors / warnings and the 说明 fields
 * @throws AppError VALIDATION_FAILED (path `file`) when the workbook cannot be opened at all
 */
export async function parseChecklistWorkbook(bytes: Buffer): Promise<ParsedWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    // maxRows/maxCols are honoured by the reader but missing from the typings
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'],
      maxRows: MAX_SHEET_ROWS,
      maxCols: 200,
    } as ExcelJS.XlsxReadOptions);
  } catch {
    throw new AppError('VALIDATION_FAILED', '无法读取该 Excel 文件：文件已损坏，或超过 5000 行 / 200 列', [
      { path: 'file', message: '无法读取该 Excel 文件' },
    ]);
  }
  const out: ParsedWorkbook = { sheetName: null, errors: [], warnings: [], rows: [], meta: readMeta(wb) };

  const candidates = [wb.getWorksheet(ITEMS_SHEET), ...wb.worksheets.filter((w) => w.name !== ITEMS_SHEET && w.name !== NOTES_SHEET)].filter(
    (w): w is ExcelJS.Worksheet => w !== undefined,
  );
  let ws: ExcelJS.Worksheet | undefined;
  let header: ReturnType<typeof findHeader> = null;
  for (const w of candidates) {
    header = findHeader(w);
    if (header) {
      ws = w;
      break;
    }
  }
  if (!ws || !header) {
    out.errors.push(`未找到检查项表头：工作表“${ITEMS_SHEET}”的第一行应包含 ${ITEM_COLUMNS.map((c) => c.header).join('、')}`);
    return out;
  }
  out.sheetName = ws.name;

  const colOf = new Map<ItemColumn, number>();
  for (const c of ITEM_COLUMNS) {
    const at = header.cols.get(c.header);
    if (at && at.length > 1) out.errors.push(`列“${c.header}”出现了 ${at.length} 次，请只保留一列`);
    if (at) colOf.set(c, at[0]!);
  }
  const missing = ITEM_COLUMNS.filter((c) => c.required && !colOf.has(c)).map((c) => c.header);
  if (missing.length) out.errors.push(`缺少必填列：${missing.join('、')}`);
  if (header.unknown.length) out.warnings.push(`以下列无法识别，已忽略：${header.unknown.join('、')}`);
  if (out.errors.length) return out;

  const firstRowOf = new Map<string, number>();
  let dataRows = 0;
  for (let r = header.rowNo + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const texts = new Map<ItemColumn, string>([...colOf].map(([c, colNo]) => [c, cellText(row.getCell(colNo).value)]));
    if ([...texts.values()].every((v) => v === '')) continue;
    dataRows++;
    if (dataRows > CHECKLIST_MAX_ITEMS) {
      out.errors.push(`检查项超过 ${CHECKLIST_MAX_ITEMS} 项（从第 ${r} 行起未读取），请拆分为多个检查表`);
      break;
    }
    const errors: string[] = [];
    const failed = new Set<string>();
    const raw: Record<string, unknown> = {};
    for (const [c, text] of texts) {
      const res = c.read(text);
      if ('error' in res) {
        errors.push(res.error);
        failed.add(c.key);
      } else raw[c.key] = res.value;
    }
    const parsed = ChecklistItemInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (!failed.has(field)) errors.push(issue.message);
      }
    }
    const code = texts.get(CODE_COLUMN) ?? '';
    if (code) {
      const first = firstRowOf.get(code);
      if (first !== undefined) errors.push(`编号「${code}」与第 ${first} 行重复`);
      else firstRowOf.set(code, r);
    }
    out.rows.push({ row: r, code, errors, item: errors.length === 0 && parsed.success ? parsed.data : null });
  }
  if (dataRows === 0) out.errors.push('表中没有检查项：表头下方至少需要一行');
  return out;
}
