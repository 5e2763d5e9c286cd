import ExcelJS from 'exceljs';
import { INSTITUTION_STATUSES, INSTITUTION_TYPES, type InstitutionFilter } from '@lifeline/shared';
import type { DbOrTx } from '@lifeline/db';
import { canSeeTownship, type Actor } from '../../policies/index.ts';
import { newWorkbook } from '../../lib/xlsx-register.ts';
import { findInstitutions, findTownships, type InstitutionListRow } from './institutions.repo.ts';
import { EXAMPLE_MARK, ROSTER_COLUMNS, statusLabel, typeLabel, type RosterColumn } from './institutions.roster.ts';

/** Name of the roster worksheet in exports and the template. */
export const ROSTER_SHEET = '机构名册';
/** Name of the template's instructions sheet. */
export const INSTRUCTIONS_SHEET = '填写说明';
/** Rows of the template that carry drop-down lists. */
const TEMPLATE_ROWS = 1000;

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };

/** Cell number format of a column: text columns are text (`@`) so Excel keeps codes and phones as typed. */
const numFmtOf = (c: RosterColumn) => (c.kind === 'integer' ? '0' : c.kind === 'percent' ? 'General' : '@');

/** A workbook with the roster sheet: headers, widths, formats, frozen and filtered header row. */
function rosterWorkbook(now: Date): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = newWorkbook(now);
  const ws = wb.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width, style: { numFmt: numFmtOf(c) } }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  ROSTER_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = c.required ? REQUIRED_FILL : HEADER_FILL;
    cell.numFmt = 'General';
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ROSTER_COLUMNS.length } };
  return { wb, ws };
}

/** One institution as a roster row (the values the import reads back unchanged). */
function rosterRow(r: InstitutionListRow): Record<string, string | number | null> {
  const i = r.i;
  const text = (s: string | null) => (s ? s : null);
  return {
    townshipId: r.townshipName,
    name: i.name,
    type: typeLabel(i.type),
    status: statusLabel(i.status),
    address: text(i.address),
    creditCode: text(i.creditCode),
    filingNo: text(i.filingNo),
    licenceNo: text(i.licenceNo),
    personInCharge: text(i.personInCharge),
    personInChargePhone: text(i.personInChargePhone),
    safetyOfficer: text(i.safetyOfficer),
    safetyOfficerPhone: text(i.safetyOfficerPhone),
    beds: i.beds,
    residents: i.residents,
    nonAmbulatoryPct: Number(i.nonAmbulatoryPct),
    staffCount: i.staffCount,
  };
}

/**
 * The institution roster (机构名册) as .xlsx: the institutions in the actor's scope matching the
 * filter, with exactly the import's headers and value formats (institutions.roster.ts), so the file
 * re-imports cleanly — as updates of the same institutions.
 * @returns the workbook bytes
 */
export async function exportRosterXlsx(db: DbOrTx, actor: Actor, filter: Partial<InstitutionFilter>, now: Date): Promise<Buffer> {
  const { rows } = await findInstitutions(db, actor, filter);
  const { wb, ws } = rosterWorkbook(now);
  for (const r of rows) ws.addRow(rosterRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Adds a drop-down list to a column of the template's data rows (exceljs keeps ranges in `dataValidations`). */
function addList(ws: ExcelJS.Worksheet, col: number, values: readonly string[], title: string) {
  const formula = `"${values.join(',')}"`;
  if (formula.length > 255) return; // Excel's limit for an inline list
  const letter = ws.getColumn(col).letter;
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: title,
    error: `请从下拉列表中选择：${values.join('、')}`,
  });
}

/**
 * The roster import template (.xlsx): sheet 机构名册 with the import's headers (required ones
 * shaded), one example row marked 【示例】 (never imported), drop-down lists for 乡镇 (the townships
 * in the actor's scope), 机构类型 and 状态; and sheet 填写说明 with the rules of every column and
 * the allowed values.
 * @returns the workbook bytes
 */
export async function buildRosterTemplate(db: DbOrTx, actor: Actor, now: Date): Promise<Buffer> {
  const townships = (await findTownships(db, actor.countyId)).filter((t) => canSeeTownship(actor, t.id)).map((t) => t.name);
  const { wb, ws } = rosterWorkbook(now);
  const example = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.field, c.field === 'townshipId' && townships[0] ? townships[0] : c.example === '' ? null : c.example]));
  const exampleRow = ws.addRow(example);
  exampleRow.font = { italic: true, color: { argb: 'FF808080' } };
  const nameCell = exampleRow.getCell(ROSTER_COLUMNS.findIndex((c) => c.field === 'name') + 1);
  nameCell.note = `这一行是示例：机构名称以「${EXAMPLE_MARK}」开头的行导入时会被忽略，可直接删除或覆盖。`;
  ROSTER_COLUMNS.forEach((c, i) => {
    if (c.kind === 'township') addList(ws, i + 1, townships, '乡镇');
    if (c.kind === 'type') addList(ws, i + 1, INSTITUTION_TYPES.map(typeLabel), '机构类型');
    if (c.kind === 'status') addList(ws, i + 1, INSTITUTION_STATUSES.map(statusLabel), '状态');
  });

  const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [{ width: 22 }, { width: 10 }, { width: 80 }];
  const title = help.addRow(['机构名册导入说明']);
  title.font = { bold: true, size: 14 };
  for (const line of [
    `1. 在「${ROSTER_SHEET}」工作表中每行填写一家机构；第一行为表头，请勿修改表头文字，列的顺序可以调整，不需要的非必填列可以删除。`,
    `2. 第 2 行为示例（机构名称以「${EXAMPLE_MARK}」开头），导入时自动忽略。`,
    '3. 「乡镇 + 机构名称」已存在时更新该机构，否则新增机构。',
    '4. 更新时：表中没有的列保持原值；有该列但单元格为空则清空该项；「状态」为空时保持原状态。',
    '5. 系统会先逐行检查并给出报告；默认只有全部行都正确才会写入，也可以选择只导入正确的行。',
    '6. 带底色的列（乡镇、机构名称、机构类型）为必填。',
  ]) {
    help.addRow([line]);
    help.mergeCells(help.rowCount, 1, help.rowCount, 3);
  }
  help.addRow([]);
  const colHead = help.addRow(['列名', '是否必填', '填写要求']);
  colHead.font = { bold: true };
  colHead.eachCell((c) => (c.fill = HEADER_FILL));
  for (const c of ROSTER_COLUMNS) help.addRow([c.header, c.required ? '必填' : '选填', c.note]);
  help.addRow([]);
  const listHead = help.addRow(['允许的值']);
  listHead.font = { bold: true };
  const lists: [string, readonly string[]][] = [
    ['机构类型', INSTITUTION_TYPES.map(typeLabel)],
    ['状态', INSTITUTION_STATUSES.map(statusLabel)],
    ['乡镇', townships],
  ];
  for (const [name, values] of lists) help.addRow([name, '', values.join('、')]);
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
