import { t, toExcelLocal, type DrillFilter } from '@lifeline/shared';
import type { DbOrTx } from '@lifeline/db';
import type { Actor } from '../../policies/index.ts';
import { registerWorkbook } from '../../lib/xlsx-register.ts';
import { findDrills } from './drills.repo.ts';

/** Export columns: Chinese header, width, number format. Times are real date cells in local time. */
const COLUMNS = [
  { header: '乡镇', key: 'township', width: 10 },
  { header: '机构名称', key: 'institution', width: 26 },
  { header: '演练名称', key: 'title', width: 24 },
  { header: '演练场景', key: 'scenario', width: 14 },
  { header: '夜间演练', key: 'night', width: 10 },
  { header: '状态', key: 'status', width: 10 },
  { header: '计划时间', key: 'plannedAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '演练时间', key: 'heldAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '参演工作人员', key: 'staff', width: 12 },
  { header: '参演服务对象', key: 'residents', width: 12 },
  { header: '其中失能人员', key: 'nonAmbulatory', width: 12 },
  { header: '疏散用时（秒）', key: 'seconds', width: 14 },
  { header: '生命通道受阻', key: 'blocked', width: 12 },
  { header: '评估得分', key: 'score', width: 10 },
  { header: '满分', key: 'maxScore', width: 8 },
  { header: '发现问题数', key: 'findings', width: 10 },
] as const;

export const DRILL_EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/**
 * The drill register (应急演练台账) as .xlsx: Chinese headers, one row per drill in the actor's
 * scope matching the filter, time cells holding Asia/Shanghai wall time, frozen header, auto-filter.
 * @returns the workbook bytes
 */
export async function exportDrillsXlsx(db: DbOrTx, actor: Actor, filter: Partial<DrillFilter>, now: Date): Promise<Buffer> {
  const { rows } = await findDrills(db, actor, filter);
  return registerWorkbook({
    sheetName: '应急演练',
    columns: COLUMNS,
    now,
    rows: rows.map(({ d, ...r }) => ({
      township: r.townshipName,
      institution: r.institutionName,
      title: d.title,
      scenario: t(`drillScenario.${d.scenario}`),
      night: d.isNight ? '是' : '否',
      status: t(`drillStatus.${d.status}`),
      plannedAt: toExcelLocal(d.plannedAt),
      heldAt: d.heldAt ? toExcelLocal(d.heldAt) : null,
      staff: d.staffCount,
      residents: d.residentCount,
      nonAmbulatory: d.nonAmbulatoryCount,
      seconds: d.evacuationSeconds,
      blocked: d.status === 'held' ? (d.lifePassageBlocked ? '是' : '否') : null,
      score: r.score,
      maxScore: r.maxScore,
      findings: r.findingCount,
    })),
  });
}
