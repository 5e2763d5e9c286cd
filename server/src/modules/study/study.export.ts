import { t, toExcelLocal, type StudyFilter } from '@lifeline/shared';
import type { DbOrTx } from '@lifeline/db';
import type { Actor } from '../../policies/index.ts';
import { registerWorkbook } from '../../lib/xlsx-register.ts';
import { allStudySessions } from './study.service.ts';

/** Study register columns: Chinese header, width and, for dates, the number format. */
const COLUMNS = [
  { header: '活动日期', key: 'heldOn', width: 12, numFmt: 'yyyy-mm-dd' },
  { header: '层级', key: 'level', width: 8 },
  { header: '乡镇', key: 'township', width: 10 },
  { header: '单位', key: 'unit', width: 26 },
  { header: '活动形式', key: 'kind', width: 16 },
  { header: '主题', key: 'topic', width: 36 },
  { header: '组织单位/主讲人', key: 'organiser', width: 18 },
  { header: '学习内容', key: 'regulations', width: 48 },
  { header: '参加人数', key: 'participants', width: 9 },
  { header: '参加人员', key: 'names', width: 40 },
  { header: '备注', key: 'notes', width: 30 },
  { header: '登记人', key: 'createdBy', width: 10 },
  { header: '登记时间', key: 'createdAt', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
] as const;

/**
 * The study and training register (学习培训台账) as .xlsx: one row per session the actor may see
 * matching the filter, Chinese headers, real date cells (活动日期 as the local calendar day,
 * 登记时间 in Asia/Shanghai wall time), a frozen header and an auto-filter.
 * @returns the workbook bytes
 */
export async function exportStudyXlsx(db: DbOrTx, actor: Actor, filter: Partial<StudyFilter>, now: Date): Promise<Buffer> {
  const rows = await allStudySessions(db, actor, filter);
  return registerWorkbook({
    sheetName: '学习培训',
    columns: COLUMNS,
    now,
    rows: rows.map((s) => ({
      heldOn: new Date(`${s.heldOn}T00:00:00Z`),
      level: t(`study.level.${s.level}`),
      township: s.townshipName ?? '',
      unit: s.unitName,
      kind: t(`studyKind.${s.kind}`),
      topic: s.topic,
      organiser: s.organiser,
      regulations: s.regulations.map((r) => t(`regulation.${r}`)).join('、'),
      participants: s.participantCount,
      names: s.participantNames.join('、'),
      notes: s.notes,
      createdBy: s.createdByName,
      createdAt: toExcelLocal(new Date(s.createdAt)),
    })),
  });
}
