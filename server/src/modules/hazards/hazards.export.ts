import { t, toExcelLocal, type HazardFilter } from '@lifeline/shared';
import type { DbOrTx } from '@lifeline/db';
import type { Actor } from '../../policies/index.ts';
import { registerWorkbook } from '../../lib/xlsx-register.ts';
import { findLedger } from './hazards.repo.ts';
import { isOverdue } from './hazards.workflow.ts';

/** Ledger columns: Chinese header, width, and how to read the value. Dates are real date cells. */
const COLUMNS = [
  { header: '隐患编号', key: 'code', width: 16 },
  { header: '乡镇', key: 'township', width: 10 },
  { header: '机构名称', key: 'institution', width: 26 },
  { header: '机构类型', key: 'institutionType', width: 14 },
  { header: '隐患名称', key: 'title', width: 36 },
  { header: '隐患等级', key: 'level', width: 10 },
  { header: '隐患类别', key: 'category', width: 10 },
  { header: '来源', key: 'source', width: 10 },
  { header: '隐患位置', key: 'location', width: 20 },
  { header: '隐患描述', key: 'description', width: 40 },
  { header: '整改责任人', key: 'responsiblePerson', width: 12 },
  { header: '整改措施', key: 'measures', width: 36 },
  { header: '发现时间', key: 'foundAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '整改期限', key: 'deadline', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '状态', key: 'status', width: 10 },
  { header: '是否逾期', key: 'overdue', width: 10 },
  { header: '挂牌督办', key: 'listed', width: 10 },
  { header: '销号时间', key: 'closedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
] as const;

export const LEDGER_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/**
 * The hazard ledger (隐患台账) as .xlsx: Chinese headers, one row per hazard in the actor's scope
 * matching the filter, date cells holding Asia/Shanghai wall time (so Excel and WPS show local
 * time), a frozen header row and an auto-filter.
 * @returns the workbook bytes
 */
export async function exportLedgerXlsx(db: DbOrTx, actor: Actor, filter: Partial<HazardFilter>, now: Date): Promise<Buffer> {
  const { rows } = await findLedger(db, actor, filter, now);
  return registerWorkbook({
    sheetName: '隐患台账',
    columns: COLUMNS,
    now,
    rows: rows.map(({ h, ...r }) => ({
      code: h.code,
      township: r.townshipName,
      institution: r.institutionName,
      institutionType: t(`institutionType.${r.institutionType}`),
      title: h.title,
      level: t(`hazardLevel.${h.level}`),
      category: t(`hazardCategory.${h.category}`),
      source: t(`hazardSource.${h.source}`),
      location: h.location,
      description: h.description,
      responsiblePerson: h.responsiblePerson,
      measures: h.rectificationMeasures,
      foundAt: toExcelLocal(h.foundAt),
      deadline: toExcelLocal(h.deadline),
      status: t(`hazardStatus.${h.status}`),
      overdue: isOverdue(h, now) ? '是' : '否',
      listed: h.listedSupervision ? '是' : '否',
      closedAt: h.closedAt ? toExcelLocal(h.closedAt) : null,
    })),
  });
}
