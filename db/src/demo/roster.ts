import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { t } from '@lifeline/shared';
import { DEHUA_TOWNSHIPS } from '../reference/dehua.ts';
import { ROSTER_WORDS } from './content.ts';
import { makeFictionalInstitutions } from './institutions.ts';
import { createRng } from './prng.ts';
import { DEFAULT_DEMO_SEED } from './generate.ts';

/**
 * The roster (机构名册) headers, exactly as the institution import reads them
 * (server/src/modules/institutions/institutions.roster.ts ROSTER_COLUMNS, in the same order).
 */
export const ROSTER_XLSX_HEADERS = [
  '乡镇',
  '机构名称',
  '机构类型',
  '状态',
  '地址',
  '统一社会信用代码',
  '备案号',
  '许可证号',
  '负责人',
  '负责人电话',
  '安全员',
  '安全员电话',
  '床位数',
  '在住人数',
  '失能半失能占比(%)',
] as const;

const WIDTHS = [12, 32, 18, 10, 30, 22, 18, 16, 10, 15, 10, 15, 8, 9, 16];
/** Columns holding numbers; every other column is a text cell (format `@`). */
const NUMERIC = new Set(['床位数', '在住人数', '失能半失能占比(%)']);

export interface RosterOptions {
  /** how many institutions (rows) */
  count: number;
  /** PRNG seed; the same seed gives the same rows. Default {@link DEFAULT_DEMO_SEED}. */
  seed?: string | number;
}

/**
 * Writes a roster .xlsx of `count` FICTIONAL institutions for trying the institution import:
 * one sheet 「机构名册」 with the headers {@link ROSTER_XLSX_HEADERS}, types and status as Chinese
 * labels (养老机构…, 运营中), credit codes empty, phones in the fake 1xx-0000-xxxx pattern, beds,
 * residents and the non-ambulatory percentage (0–100) as numbers. Names use a word pool disjoint
 * from the demo data's, so importing a roster into a demo database creates new institutions.
 * @param file the .xlsx path (directories are created)
 * @returns the absolute path and the number of data rows written
 * @throws RangeError when `count` is not a positive integer
 */
export async function writeRosterXlsx(file: string, opts: RosterOptions): Promise<{ path: string; rows: number }> {
  if (!Number.isInteger(opts.count) || opts.count < 1) throw new RangeError(`writeRosterXlsx: count must be a positive integer, got ${opts.count}`);
  const rng = createRng(`roster:${opts.seed ?? DEFAULT_DEMO_SEED}`);
  const rows = makeFictionalInstitutions(rng, opts.count, DEHUA_TOWNSHIPS.map((tw) => tw.name), ROSTER_WORDS);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lifeline 畅通生命通道（演示数据）';
  const ws = wb.addWorksheet('机构名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_XLSX_HEADERS.map((header, i) => ({ header, key: header, width: WIDTHS[i], style: NUMERIC.has(header) ? {} : { numFmt: '@' } }));
  for (const r of rows) {
    ws.addRow({
      乡镇: r.townshipName,
      机构名称: r.name,
      机构类型: t(`institutionType.${r.type}`),
      状态: t(`institutionStatus.${r.status}`),
      地址: r.address,
      统一社会信用代码: '',
      备案号: r.filingNo ?? '',
      许可证号: r.licenceNo ?? '',
      负责人: r.personInCharge,
      负责人电话: r.personInChargePhone,
      安全员: r.safetyOfficer,
      安全员电话: r.safetyOfficerPhone,
      床位数: r.beds,
      在住人数: r.residents,
      '失能半失能占比(%)': r.nonAmbulatoryPct,
    });
  }
  ws.getRow(1).font = { bold: true };
  const abs = path.resolve(file);
  mkdirSync(path.dirname(abs), { recursive: true });
  await wb.xlsx.writeFile(abs);
  return { path: abs, rows: rows.length };
}
