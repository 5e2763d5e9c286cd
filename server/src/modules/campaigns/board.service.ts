import { eq, inArray } from 'drizzle-orm';
import { campaign, institution, taskAssignment, township, type DbOrTx } from '@lifeline/db';
import { localDate, startOfLocalDay, t, toExcelLocal, type Assignment, type Board, type BoardQuery, type BoardUnit } from '@lifeline/shared';
import { notFound } from '../../lib/app-error.ts';
import { newWorkbook } from '../../lib/xlsx-register.ts';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { toCampaignSummary } from './campaigns.presenter.ts';
import { findTasks } from './campaigns.repo.ts';
import { canSeeCampaign } from './campaigns.service.ts';
import { findAssignments, toAssignmentDtos } from './assignments.ts';

/**
 * 完成情况看板: units × tasks with the derived state of each cell, completion rates per task and per
 * unit (accepted ÷ assigned), the overdue list and totals — all within the actor's scope (a township
 * sees its own row and its institutions' rows).
 */

const KIND_ORDER = { township: 0, institution: 1, office: 2 } as const;
const DAY = 86_400_000;
/** Chinese collation for unit names (one collator: `localeCompare(…, 'zh-CN')` builds one per call). */
const byName = new Intl.Collator('zh-CN').compare;
const rate = (done: number, total: number) => (total === 0 ? 0 : Math.round((done / total) * 1000) / 1000);

/**
 * The completion board of a campaign.
 * @param q filters: unit kind, township, one task, one state (units with at least one cell in it)
 * @throws AppError NOT_FOUND (unknown campaign)
 */
export async function getBoard(db: DbOrTx, actor: Actor, campaignId: string, q: BoardQuery, now: Date): Promise<Board> {
  requirePermission(actor, 'campaign.read');
  const [c] = await db.select().from(campaign).where(eq(campaign.id, campaignId));
  if (!c || !canSeeCampaign(actor, c)) throw notFound('活动不存在');
  const allTasks = await findTasks(db, campaignId);
  const tasks = q.taskId ? allTasks.filter((x) => x.id === q.taskId) : allTasks;
  const rows = await findAssignments(
    db,
    actor,
    eq(taskAssignment.campaignId, campaignId),
    q.unitKind ? eq(taskAssignment.unitKind, q.unitKind) : undefined,
    q.townshipId ? eq(taskAssignment.townshipId, q.townshipId) : undefined,
    q.taskId ? eq(taskAssignment.taskId, q.taskId) : undefined,
  );
  const cells = await toAssignmentDtos(db, rows, now);
  const order = await unitOrder(db, cells);

  const units = new Map<string, BoardUnit>();
  for (const a of cells) {
    const key = `${a.unitKind}:${a.institutionId ?? a.officeId ?? a.townshipId}`;
    const u = units.get(key) ?? { key, unitKind: a.unitKind, unitName: a.unitName, townshipId: a.townshipId, institutionId: a.institutionId, officeId: a.officeId, cells: {}, total: 0, accepted: 0, rate: 0 };
    u.cells[a.taskId] = { assignmentId: a.id, state: a.state, isLate: a.isLate, latestVersion: a.latestVersion, featured: a.featured, count: a.count };
    u.total += 1;
    if (a.state === 'accepted') u.accepted += 1;
    units.set(key, u);
  }
  let unitList = [...units.values()].map((u) => ({ ...u, rate: rate(u.accepted, u.total) }));
  unitList.sort((x, y) => KIND_ORDER[x.unitKind] - KIND_ORDER[y.unitKind] || (order.get(x.key) ?? 0) - (order.get(y.key) ?? 0) || byName(x.unitName, y.unitName));
  if (q.state) unitList = unitList.filter((u) => Object.values(u.cells).some((cell) => cell.state === q.state));

  const count = (list: Assignment[], s: Assignment['state']) => list.filter((a) => a.state === s).length;
  const today = startOfLocalDay(localDate(now)).getTime();
  // a campaign has a handful of deadline days: convert each once (the time-zone conversion is not cheap)
  const dayStart = new Map<string, number>();
  const startOf = (d: string) => dayStart.get(d) ?? dayStart.set(d, startOfLocalDay(d).getTime()).get(d)!;
  return {
    campaign: toCampaignSummary(c, allTasks.length),
    tasks: tasks.map((task) => {
      const mine = cells.filter((a) => a.taskId === task.id);
      const accepted = count(mine, 'accepted');
      return {
        id: task.id,
        title: task.title,
        deadline: task.deadline.toISOString(),
        deadlineDate: localDate(task.deadline),
        deliverableKind: task.deliverableKind,
        total: mine.length,
        accepted,
        submitted: count(mine, 'submitted'),
        overdue: count(mine, 'overdue'),
        rate: rate(accepted, mine.length),
      };
    }),
    units: unitList,
    overdue: cells
      .filter((a) => a.state === 'overdue')
      .map((a) => ({
        assignmentId: a.id,
        unitName: a.unitName,
        taskTitle: a.taskTitle,
        deadline: a.deadline,
        daysOverdue: Math.max(0, Math.round((today - startOf(a.deadlineDate)) / DAY)),
      }))
      .sort((x, y) => y.daysOverdue - x.daysOverdue || byName(x.unitName, y.unitName)),
    totals: {
      assignments: cells.length,
      notStarted: count(cells, 'not_started'),
      submitted: count(cells, 'submitted'),
      returned: count(cells, 'returned'),
      accepted: count(cells, 'accepted'),
      overdue: count(cells, 'overdue'),
      rate: rate(count(cells, 'accepted'), cells.length),
    },
  };
}

/** Official order of units: townships by their sort order, institutions by their township's, then name. */
async function unitOrder(db: DbOrTx, cells: Assignment[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const townshipIds = [...new Set(cells.map((c) => c.townshipId).filter((x): x is string => !!x))];
  if (townshipIds.length === 0) return out;
  const tws = await db.select({ id: township.id, sortOrder: township.sortOrder }).from(township).where(inArray(township.id, townshipIds));
  const tOrder = new Map(tws.map((x) => [x.id, x.sortOrder]));
  const instIds = [...new Set(cells.map((c) => c.institutionId).filter((x): x is string => !!x))];
  const insts = instIds.length ? await db.select({ id: institution.id, townshipId: institution.townshipId }).from(institution).where(inArray(institution.id, instIds)) : [];
  for (const tw of tws) out.set(`township:${tw.id}`, tw.sortOrder);
  for (const i of insts) out.set(`institution:${i.id}`, tOrder.get(i.townshipId) ?? 0);
  return out;
}

/** 6月5日, or 2025年1月5日 when the deadline falls outside the campaign's year. */
function deadlineLabel(date: string, year: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y === year ? '' : `${y}年`}${m}月${d}日`;
}

/** The label of a board cell as written in the export (state, plus 逾期报送 / 优选 / x/y). */
function cellLabel(cell: BoardUnit['cells'][string]): string {
  const parts = [t(`assignmentState.${cell.state}`)];
  if (cell.count) parts.push(cell.count.tracked ? `${cell.count.done}/${cell.count.required}` : '尚无记录');
  if (cell.isLate) parts.push('逾期报送');
  if (cell.featured) parts.push('优选推送');
  return parts.join('·');
}

/**
 * The board as .xlsx (Excel and WPS): sheet 完成情况 (units × tasks, rate per unit, a rate row per
 * task) and sheet 逾期清单. Same scope and filters as {@link getBoard}.
 * @returns the workbook bytes
 */
export async function exportBoardXlsx(db: DbOrTx, actor: Actor, campaignId: string, q: BoardQuery, now: Date): Promise<{ bytes: Buffer; name: string }> {
  const board = await getBoard(db, actor, campaignId, q, now);
  const wb = newWorkbook(now);
  const ws = wb.addWorksheet('完成情况', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  ws.columns = [
    { header: '单位', key: 'unit', width: 28 },
    { header: '单位类型', key: 'kind', width: 12 },
    ...board.tasks.map((task) => ({ header: `${task.title}（${deadlineLabel(task.deadlineDate, board.campaign.year)}截止）`, key: task.id, width: 22 })),
    { header: '完成率', key: 'rate', width: 10, style: { numFmt: '0.0%' } },
  ];
  for (const u of board.units) {
    ws.addRow({
      unit: u.unitName,
      kind: t(`unitKind.${u.unitKind}`),
      ...Object.fromEntries(board.tasks.map((task) => [task.id, u.cells[task.id] ? cellLabel(u.cells[task.id]!) : '—'])),
      rate: u.rate,
    });
  }
  const totalRow = ws.addRow({ unit: '任务完成率', kind: '', ...Object.fromEntries(board.tasks.map((task) => [task.id, task.rate])), rate: board.totals.rate });
  totalRow.font = { bold: true };
  for (const task of board.tasks) totalRow.getCell(task.id).numFmt = '0.0%';
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 36;
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

  const od = wb.addWorksheet('逾期清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  od.columns = [
    { header: '单位', key: 'unit', width: 28 },
    { header: '任务', key: 'task', width: 30 },
    { header: '截止时间', key: 'deadline', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { header: '逾期天数', key: 'days', width: 10 },
  ];
  for (const o of board.overdue) od.addRow({ unit: o.unitName, task: o.taskTitle, deadline: toExcelLocal(new Date(o.deadline)), days: o.daysOverdue });
  od.getRow(1).font = { bold: true };
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), name: `${board.campaign.name}-完成情况-${localDate(now)}.xlsx` };
}
