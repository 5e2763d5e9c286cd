import type ExcelJS from 'exceljs';
import { INSTITUTION_STATUSES, INSTITUTION_TYPES, localDate, t, type InstitutionStatus, type InstitutionType } from '@lifeline/shared';

/**
 * The institution roster (机构名册) spreadsheet, in ONE place: the columns the import reads, the
 * export writes and the template shows, with their Chinese headers, kinds and fill-in notes. An
 * export therefore re-imports cleanly (same headers, same value formats).
 *
 * Columns are matched by header text, in any order ({@link normalizeHeader}); only 乡镇, 机构名称
 * and 机构类型 are required. The key of a roster row is 乡镇 + 机构名称 (the database's
 * `institution_township_name_uq`): a row whose pair exists updates that institution, else it
 * creates one.
 */

/** The institution fields a roster column carries (InstitutionInputSchema's keys). */
export type RosterField =
  | 'townshipId'
  | 'name'
  | 'type'
  | 'status'
  | 'address'
  | 'creditCode'
  | 'filingNo'
  | 'licenceNo'
  | 'personInCharge'
  | 'personInChargePhone'
  | 'safetyOfficer'
  | 'safetyOfficerPhone'
  | 'beds'
  | 'residents'
  | 'nonAmbulatoryPct'
  | 'staffCount';

/**
 * How a column's cells are read and written:
 * - `township` — the township's name (e.g. 浔中镇), resolved to its id within the importer's scope;
 * - `type` / `status` — the Chinese label (养老机构, 运营中…); the code name is accepted too;
 * - `text` — trimmed text; the cell is formatted as text (`@`) so Excel keeps leading zeros;
 * - `integer` — a whole number; `percent` — a number 0–100 (a cell formatted as % is scaled ×100).
 */
export type RosterColumnKind = 'township' | 'type' | 'status' | 'text' | 'integer' | 'percent';

export interface RosterColumn {
  field: RosterField;
  /** the header cell text, exactly as exported and in the template */
  header: string;
  /** other header spellings accepted on import (after {@link normalizeHeader}) */
  aliases: readonly string[];
  kind: RosterColumnKind;
  /** a row without a value here is an error */
  required: boolean;
  /** column width in characters */
  width: number;
  /** what to fill in, for the template's 填写说明 sheet */
  note: string;
  /** the template's example value */
  example: string | number;
}

/** The roster columns in sheet order. */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: 'townshipId', header: '乡镇', aliases: ['所属乡镇', '乡镇(街道)', '乡镇名称'], kind: 'township', required: true, width: 12, note: '所属乡镇的全称，须为本县乡镇且在您的管辖范围内', example: '浔中镇' },
  { field: 'name', header: '机构名称', aliases: ['名称', '机构全称'], kind: 'text', required: true, width: 30, note: '机构全称，最多 100 字；同一乡镇内不能重名。乡镇 + 机构名称已存在时更新该机构，否则新增', example: '【示例】浔中镇幸福院' },
  { field: 'type', header: '机构类型', aliases: ['类型'], kind: 'type', required: true, width: 18, note: `只能填：${INSTITUTION_TYPES.map((v) => t(`institutionType.${v}`)).join('、')}`, example: t('institutionType.elderly_care') },
  { field: 'status', header: '状态', aliases: ['运营状态', '机构状态'], kind: 'status', required: false, width: 10, note: `只能填：${INSTITUTION_STATUSES.map((v) => t(`institutionStatus.${v}`)).join('、')}；新增时不填为运营中，更新时不填则保持原状态`, example: t('institutionStatus.operating') },
  { field: 'address', header: '地址', aliases: ['机构地址', '详细地址'], kind: 'text', required: false, width: 36, note: '最多 200 字', example: '德化县浔中镇示例路 1 号' },
  { field: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码'], kind: 'text', required: false, width: 22, note: '18 位数字或大写字母；全县不能重复。请把该列设为文本格式，避免 Excel 把它变成科学计数法', example: '52350526MJ0000000X' },
  { field: 'filingNo', header: '备案号', aliases: ['备案编号'], kind: 'text', required: false, width: 18, note: '养老机构备案回执号等，最多 60 字', example: '' },
  { field: 'licenceNo', header: '许可证号', aliases: ['许可证编号', '登记证号'], kind: 'text', required: false, width: 18, note: '许可证或登记证号，最多 60 字', example: '' },
  { field: 'personInCharge', header: '负责人', aliases: ['机构负责人'], kind: 'text', required: false, width: 10, note: '最多 40 字', example: '张三' },
  { field: 'personInChargePhone', header: '负责人电话', aliases: ['负责人联系电话', '负责人手机'], kind: 'text', required: false, width: 15, note: '手机号（11 位）或固定电话（如 0595-23500000）', example: '13800000000' },
  { field: 'safetyOfficer', header: '安全员', aliases: ['安全管理员'], kind: 'text', required: false, width: 10, note: '最多 40 字', example: '李四' },
  { field: 'safetyOfficerPhone', header: '安全员电话', aliases: ['安全员联系电话', '安全员手机'], kind: 'text', required: false, width: 15, note: '手机号（11 位）或固定电话', example: '13900000000' },
  { field: 'beds', header: '床位数', aliases: ['床位', '核定床位数'], kind: 'integer', required: false, width: 8, note: '0 或正整数', example: 60 },
  { field: 'residents', header: '在住人数', aliases: ['入住人数', '在院人数'], kind: 'integer', required: false, width: 9, note: '0 或正整数', example: 45 },
  { field: 'nonAmbulatoryPct', header: '失能半失能占比(%)', aliases: ['失能半失能占比', '失能占比(%)', '失能占比'], kind: 'percent', required: false, width: 16, note: '在住人员中失能、半失能人员的百分比，0–100，可带小数；填 35 表示 35%', example: 35 },
  { field: 'staffCount', header: '在岗员工人数', aliases: ['员工人数', '在岗人数', '职工人数', '工作人员数'], kind: 'integer', required: false, width: 12, note: '0 或正整数；安全培训覆盖率的分母（不填为 0，表示未填报）', example: 20 },
];

/** The headers, in sheet order. */
export const ROSTER_HEADERS: readonly string[] = ROSTER_COLUMNS.map((c) => c.header);

/** Headers a roster must have. */
export const ROSTER_REQUIRED_HEADERS: readonly string[] = ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.header);

/** Marks the template's example row: a row whose 机构名称 starts with this is never imported. */
export const EXAMPLE_MARK = '【示例】';

/** Most data rows one import accepts. */
export const ROSTER_MAX_ROWS = 5000;

/**
 * Canonical form of a header for matching: no whitespace, full-width （）％ → ()%, no required-field
 * star (`*机构名称`, `机构名称*`).
 */
export function normalizeHeader(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/％/g, '%')
    .replace(/^[*＊]+|[*＊]+$/g, '');
}

const HEADER_INDEX = new Map<string, RosterColumn>();
for (const c of ROSTER_COLUMNS) {
  for (const h of [c.header, ...c.aliases]) HEADER_INDEX.set(normalizeHeader(h), c);
}

/** The roster column a header cell names, or undefined for a column the roster does not know. */
export function columnForHeader(header: string): RosterColumn | undefined {
  return HEADER_INDEX.get(normalizeHeader(header));
}

const TYPE_BY_LABEL = new Map<string, InstitutionType>(INSTITUTION_TYPES.flatMap((v) => [[t(`institutionType.${v}`), v], [v, v]] as [string, InstitutionType][]));
const STATUS_BY_LABEL = new Map<string, InstitutionStatus>(INSTITUTION_STATUSES.flatMap((v) => [[t(`institutionStatus.${v}`), v], [v, v]] as [string, InstitutionStatus][]));

/** 养老机构 → elderly_care (also accepts the code name); undefined when unknown. */
export const typeFromLabel = (label: string): InstitutionType | undefined => TYPE_BY_LABEL.get(label.trim());
/** 运营中 → operating (also accepts the code name); undefined when unknown. */
export const statusFromLabel = (label: string): InstitutionStatus | undefined => STATUS_BY_LABEL.get(label.trim());
/** elderly_care → 养老机构. */
export const typeLabel = (v: InstitutionType): string => t(`institutionType.${v}`);
/** operating → 运营中. */
export const statusLabel = (v: InstitutionStatus): string => t(`institutionStatus.${v}`);

/** A cell reduced to a plain value, or the reason it cannot be read. */
export type CellRead =
  | { ok: true; value: string | number | boolean | Date | null; percentFormat: boolean }
  | { ok: false; message: string };

/**
 * Reads what a cell shows, whatever exceljs made of it: plain values; rich text (the runs joined);
 * hyperlinks (their text); formulas and shared formulas (their cached result — a formula Excel never
 * calculated has none and is reported); error values (#N/A…, reported). Strings are trimmed; an
 * empty string is null. `percentFormat` tells that the number format shows a percentage (0.35 → 35%).
 */
export function readCell(cell: ExcelJS.Cell): CellRead {
  const numFmt = typeof cell.numFmt === 'string' ? cell.numFmt : '';
  const percentFormat = numFmt.includes('%');
  const plain = (v: unknown, depth = 0): CellRead => {
    if (depth > 4) return { ok: false, message: '单元格内容无法识别' };
    if (v === null || v === undefined) return { ok: true, value: null, percentFormat };
    if (typeof v === 'string') {
      const s = v.trim();
      return { ok: true, value: s === '' ? null : s, percentFormat };
    }
    if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v, percentFormat } : { ok: false, message: '数值无效' };
    if (typeof v === 'boolean' || v instanceof Date) return { ok: true, value: v, percentFormat };
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('error' in o) return { ok: false, message: `单元格为错误值 ${String(o.error)}` };
      if (Array.isArray(o.richText)) return plain((o.richText as { text?: string }[]).map((r) => r.text ?? '').join(''), depth + 1);
      if ('formula' in o || 'sharedFormula' in o) {
        if (o.result === undefined || o.result === null) return { ok: false, message: '公式没有计算结果，请在 Excel 或 WPS 中打开、保存后再导入' };
        return plain(o.result, depth + 1);
      }
      if ('hyperlink' in o || 'text' in o) return plain(o.text, depth + 1);
    }
    return { ok: false, message: '单元格内容无法识别' };
  };
  return plain(cell.value);
}

/** Excel keeps 15 significant digits: a whole number from 10^15 up may have lost its last digits. */
const EXCEL_EXACT_LIMIT = 1e15;

/** Result of converting one cell for its column: the value for the input schema, or an error. */
export type ColumnValue = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Converts a read cell to the value the institution input schema expects for the column's kind.
 * `undefined` means "empty". Townships are returned as their name (resolved by the import, which
 * knows the importer's scope). Label columns turn 养老机构 into `elderly_care`.
 * @param col the column
 * @param read the cell as read by {@link readCell}
 */
export function convertCell(col: RosterColumn, read: CellRead): ColumnValue {
  if (!read.ok) return read;
  const v = read.value;
  if (v === null) return { ok: true, value: undefined };
  switch (col.kind) {
    case 'township':
    case 'text': {
      if (typeof v === 'number') {
        if (Math.abs(v) >= EXCEL_EXACT_LIMIT) {
          return { ok: false, message: '该值被 Excel 存成了数字，超过 15 位的部分已丢失；请把该列设为文本格式后重新填写' };
        }
        return { ok: true, value: String(v) };
      }
      if (typeof v === 'boolean') return { ok: true, value: v ? '是' : '否' };
      if (v instanceof Date) return { ok: true, value: localDate(v) };
      return { ok: true, value: v };
    }
    case 'type': {
      const code = typeof v === 'string' ? typeFromLabel(v) : undefined;
      return code ? { ok: true, value: code } : { ok: false, message: `「${String(v)}」不是有效的机构类型，只能填：${INSTITUTION_TYPES.map(typeLabel).join('、')}` };
    }
    case 'status': {
      const code = typeof v === 'string' ? statusFromLabel(v) : undefined;
      return code ? { ok: true, value: code } : { ok: false, message: `「${String(v)}」不是有效的状态，只能填：${INSTITUTION_STATUSES.map(statusLabel).join('、')}` };
    }
    case 'integer': {
      if (typeof v === 'number') return { ok: true, value: v };
      if (typeof v === 'string') {
        const s = v.replace(/[,，\s]/g, '');
        return /^[+-]?\d+(\.\d+)?$/.test(s) ? { ok: true, value: Number(s) } : { ok: false, message: `${col.header}应为数字，「${v}」无法识别` };
      }
      return { ok: false, message: `${col.header}应为数字` };
    }
    case 'percent': {
      if (typeof v === 'number') return { ok: true, value: read.percentFormat ? Math.round(v * 10000) / 100 : v };
      if (typeof v === 'string') {
        const s = v.replace(/[%％\s]/g, '');
        return /^[+-]?\d+(\.\d+)?$/.test(s) ? { ok: true, value: Number(s) } : { ok: false, message: `${col.header}应为 0–100 的数字，「${v}」无法识别` };
      }
      return { ok: false, message: `${col.header}应为 0–100 的数字` };
    }
  }
}
