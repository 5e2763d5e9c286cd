import { t, toExcelLocal, type PlanFilter } from '@lifeline/shared';
import type { DbOrTx } from '@lifeline/db';
import type { Actor } from '../../policies/index.ts';
import { registerWorkbook } from '../../lib/xlsx-register.ts';
import { allPlans } from './plans.service.ts';

/** Plan register columns: Chinese header, width and, for dates, the number format. */
const COLUMNS = [
  { header: '乡镇', key: 'township', width: 10 },
  { header: '机构名称', key: 'institution', width: 26 },
  { header: '机构类型', key: 'institutionType', width: 14 },
  { header: '预案类型', key: 'kind', width: 22 },
  { header: '预案名称', key: 'title', width: 32 },
  { header: '当前版本', key: 'version', width: 9 },
  { header: '状态', key: 'state', width: 10 },
  { header: '已通过版本', key: 'approvedVersion', width: 10 },
  { header: '实施日期', key: 'effectiveOn', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '有效至', key: 'validUntil', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '需修订', key: 'due', width: 8 },
  { header: '修订原因', key: 'reason', width: 30 },
  { header: '更新时间', key: 'updatedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
] as const;

/** A local `YYYY-MM-DD` as an Excel date cell (midnight, no time zone shift). */
const dateCell = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

/**
 * The emergency-plan register (应急预案台账) as .xlsx: one row per plan in the actor's scope
 * matching the filter, Chinese headers, real date cells (dates as local calendar days, times in
 * Asia/Shanghai wall time), a frozen header and an auto-filter.
 * @returns the workbook bytes
 */
export async function exportPlansXlsx(db: DbOrTx, actor: Actor, filter: Partial<PlanFilter>, now: Date): Promise<Buffer> {
  const plans = await allPlans(db, actor, filter, now);
  return registerWorkbook({
    sheetName: '应急预案',
    columns: COLUMNS,
    now,
    rows: plans.map((p) => {
      const reasons = [p.revisionRequested ? p.revisionReason || '演练评估要求修订' : '', p.dueForRevision && !p.revisionRequested ? '超过修订周期' : ''].filter(Boolean);
      return {
        township: p.townshipName,
        institution: p.institutionName,
        institutionType: t(`institutionType.${p.institutionType}`),
        kind: t(`planKind.${p.kind}`),
        title: p.title,
        version: p.currentVersion,
        state: t(`plans.state.${p.state}`),
        approvedVersion: p.approvedVersion,
        effectiveOn: dateCell(p.approvedEffectiveOn),
        validUntil: dateCell(p.validUntil),
        due: p.dueForRevision ? '是' : '否',
        reason: reasons.join('；'),
        updatedAt: toExcelLocal(new Date(p.updatedAt)),
      };
    }),
  });
}
