import ExcelJS from 'exceljs';

/**
 * The shared layout of Lifeline's .xlsx "register" exports (台账): a workbook credited to Lifeline,
 * one sheet per table with Chinese headers in a frozen, bold, centred, grey first row carrying an
 * auto-filter, and one row per record below it.
 */

/** The `creator` written into every workbook Lifeline produces. */
export const WORKBOOK_CREATOR = 'Lifeline 畅通生命通道';

/**
 * One column of a register sheet.
 * - `header`: the Chinese header text in row 1
 * - `key`: the property of a row object that holds this column's value
 * - `width`: the column width in Excel characters
 * - `numFmt`: Excel number format of the column's cells, e.g. `'yyyy-mm-dd hh:mm'` for a time,
 *   `'yyyy-mm-dd'` for a date, `'0.0%'` for a rate; none for text and plain numbers
 */
export interface RegisterColumn {
  readonly header: string;
  readonly key: string;
  readonly width: number;
  readonly numFmt?: string;
}

/**
 * The contents of one register sheet.
 * - `sheetName`: the worksheet name
 * - `columns`: the columns in order (see {@link RegisterColumn})
 * - `rows`: one object per data row, keyed by the columns' `key` (other properties are ignored;
 *   `null`/missing leaves the cell empty). Values are written as they are, so date cells must
 *   already be Excel wall-time values: `toExcelLocal(instant)` from `@lifeline/shared` for an
 *   instant, `new Date('YYYY-MM-DDT00:00:00Z')` for a local calendar day.
 */
export interface RegisterSheet {
  sheetName: string;
  columns: readonly RegisterColumn[];
  rows: Iterable<Record<string, unknown>>;
}

/** A new empty workbook credited to Lifeline ({@link WORKBOOK_CREATOR}), created at `now`. */
export function newWorkbook(now: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = WORKBOOK_CREATOR;
  wb.created = now;
  return wb;
}

/**
 * Styles row 1 of a sheet as a register header: bold, centred, grey fill, with an auto-filter over
 * columns 1 … `columnCount`.
 */
export function styleRegisterHeader(ws: ExcelJS.Worksheet, columnCount: number): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columnCount } };
}

/**
 * Adds a register sheet to a workbook: frozen header row, the columns (header, width, number
 * format), the rows, then the header style and auto-filter ({@link styleRegisterHeader}).
 * @returns the new worksheet, for callers that add more to it
 */
export function addRegisterSheet(wb: ExcelJS.Workbook, sheet: RegisterSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  for (const row of sheet.rows) ws.addRow(row);
  styleRegisterHeader(ws, sheet.columns.length);
  return ws;
}

/**
 * A one-sheet register workbook (.xlsx bytes): {@link newWorkbook} + {@link addRegisterSheet}.
 * @param input the sheet (see {@link RegisterSheet}) and `now`, the workbook's creation time
 * @returns the workbook bytes
 */
export async function registerWorkbook(input: RegisterSheet & { now: Date }): Promise<Buffer> {
  const wb = newWorkbook(input.now);
  addRegisterSheet(wb, input);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
