import { inArray } from 'drizzle-orm';
import { hazard } from '@lifeline/db';
import { t, toExcelLocal, type ReportFilter } from '@lifeline/shared';
import type { DbOrTx } from '@lifeline/db';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { registerWorkbook } from '../../lib/xlsx-register.ts';
import { findReports } from './reports.repo.ts';
import { isReportOverdue } from './reports.workflow.ts';

/**
 * Report register columns. There is deliberately NO column of the reporter's identity (name, phone)
 * nor of whether they left one beyond "申请奖励": exports travel, identity never does.
 */
const COLUMNS = [
  { header: '举报编号', key: 'serialNo', width: 16 },
  { header: '收到时间', key: 'receivedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '举报类别', key: 'category', width: 22 },
  { header: '被举报机构', key: 'institution', width: 26 },
  { header: '地点描述', key: 'place', width: 24 },
  { header: '举报内容', key: 'description', width: 48 },
  { header: '状态', key: 'status', width: 10 },
  { header: '承办乡镇/股室', key: 'assignee', width: 14 },
  { header: '受理时间', key: 'acceptedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '核查结论', key: 'verdict', width: 10 },
  { header: '核查情况', key: 'verdictNote', width: 36 },
  { header: '不予受理原因', key: 'rejection', width: 24 },
  { header: '关联隐患', key: 'hazardCode', width: 16 },
  { header: '申请奖励', key: 'wantsReward', width: 10 },
  { header: '奖励状态', key: 'reward', width: 10 },
  { header: '当前时限', key: 'stepDueAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '是否逾期', key: 'overdue', width: 10 },
  { header: '办结时间', key: 'closedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
] as const;

export const REPORT_EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/**
 * The report register (举报登记台账) as .xlsx: Chinese headers, one row per report in the actor's
 * scope matching the filter, Asia/Shanghai date cells, frozen header and auto-filter. Never any
 * identity column.
 * @returns the workbook bytes
 * @throws AppError FORBIDDEN without `report.read`
 */
export async function exportReportsXlsx(db: DbOrTx, actor: Actor, filter: Partial<ReportFilter>, now: Date): Promise<Buffer> {
  requirePermission(actor, 'report.read');
  const { rows } = await findReports(db, actor, filter, now);
  const hazardIds = [...new Set(rows.map((r) => r.r.hazardId).filter((h): h is string => h !== null))];
  const codes = new Map(
    hazardIds.length ? (await db.select({ id: hazard.id, code: hazard.code }).from(hazard).where(inArray(hazard.id, hazardIds))).map((h) => [h.id, h.code]) : [],
  );
  return registerWorkbook({
    sheetName: '举报台账',
    columns: COLUMNS,
    now,
    rows: rows.map(({ r, ...row }) => ({
      serialNo: r.serialNo,
      receivedAt: toExcelLocal(r.receivedAt),
      category: t(`reportCategory.${r.category}`),
      institution: row.institutionName ?? '',
      place: r.placeText,
      description: r.description,
      status: t(`reportStatus.${r.status}`),
      assignee: row.townshipName ?? row.officeName ?? '',
      acceptedAt: r.acceptedAt ? toExcelLocal(r.acceptedAt) : null,
      verdict: r.verdict ? t(`reportVerdict.${r.verdict}`) : '',
      verdictNote: r.verdictNote,
      rejection: r.rejectionReason ? `${t(`reportRejection.${r.rejectionReason}`)}${r.transferredTo ? `（移送${r.transferredTo}）` : ''}：${r.rejectionNote}` : '',
      hazardCode: r.hazardId ? codes.get(r.hazardId) ?? '' : '',
      wantsReward: r.wantsReward ? '是' : '否',
      reward: row.rewardStatus ? t(`rewardStatus.${row.rewardStatus}`) : '',
      stepDueAt: r.stepDueAt ? toExcelLocal(r.stepDueAt) : null,
      overdue: isReportOverdue(r, now) ? '是' : '否',
      closedAt: r.closedAt ? toExcelLocal(r.closedAt) : null,
    })),
  });
}
