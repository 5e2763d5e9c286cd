import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { publicReport, publicReportEvent, reportReward, township, type DbOrTx } from '@lifeline/db';
import { REPORT_CATEGORIES, type ReportCategory, type ReportStats } from '@lifeline/shared';
import { reportScopeFilter, type Actor } from '../../policies/index.ts';

/**
 * Public-report figures of the dashboard (issue 5 §9): received, accepted, true (属实/部分属实),
 * handled and handled within the time limit, rewards paid — in total, by assigned township and by
 * category. Scope: county roles all reports (or one township's), a township officer the reports
 * assigned to its township; roles without `report.read` (institutions) get none.
 *
 * "Handled" = handling ended: 不予受理, 办结, or a reward proposed (奖励中 — what remains is the
 * reporter's claim). It ended in time when that moment (the first reward proposal, else closedAt)
 * is no later than the report's stepDueAt, which keeps the limit of the step it ended in
 * (reports.workflow.ts stepDueAt).
 */

const n = (q: SQL) => sql<number>`${q}`.mapWith(Number);

/** The aggregate columns of one group of reports (count … filter; one pass). */
function figures(now: Date) {
  const p = publicReport;
  const handled = sql`${p.status} in ('rewarding', 'closed', 'rejected')`;
  const endedAt = sql`coalesce((select min(${publicReportEvent.at}) from ${publicReportEvent} where ${publicReportEvent.reportId} = ${p.id} and ${publicReportEvent.action} = 'propose_reward'), ${p.closedAt})`;
  return {
    received: n(sql`count(${p.id})`),
    accepted: n(sql`count(${p.id}) filter (where ${p.acceptedAt} is not null)`),
    confirmed: n(sql`count(${p.id}) filter (where ${p.verdict} in ('true', 'partly_true'))`),
    handled: n(sql`count(${p.id}) filter (where ${handled})`),
    handledInTime: n(sql`count(${p.id}) filter (where ${handled} and ${endedAt} <= ${p.stepDueAt})`),
    rewardsPaid: n(sql`count(${reportReward.id}) filter (where ${reportReward.status} = 'paid')`),
    rewardsPaidFen: n(sql`coalesce(sum(${reportReward.amountFen}) filter (where ${reportReward.status} = 'paid'), 0)`),
    pending: n(sql`count(${p.id}) filter (where ${p.status} = 'pending')`),
    overdue: n(sql`count(${p.id}) filter (where ${p.status} in ('pending', 'accepted', 'verifying', 'verified') and ${p.stepDueAt} < ${now.toISOString()}::timestamptz)`),
  };
}

type Row = { received: number; accepted: number; confirmed: number; handled: number; handledInTime: number; rewardsPaid: number; rewardsPaidFen: number };
const toStat = (r: Row) => ({
  received: r.received,
  accepted: r.accepted,
  confirmed: r.confirmed,
  handled: r.handled,
  handledInTime: r.handledInTime,
  rewardsPaid: r.rewardsPaid,
  rewardsPaidYuan: r.rewardsPaidFen / 100,
});

/**
 * The report figures for the dashboard's view, or null when the actor may not read reports.
 * Three grouped queries (totals, by township, by category), whatever the number of reports.
 * @param townshipId the township the dashboard looks at (null = the whole county in scope)
 * @param now overdue = a time limit running and passed at `now`
 */
export async function reportStats(db: DbOrTx, actor: Actor, townshipId: string | null, now: Date): Promise<ReportStats | null> {
  if (!actor.permissions.has('report.read')) return null;
  const where = and(reportScopeFilter(actor, publicReport.townshipId), townshipId ? eq(publicReport.townshipId, townshipId) : undefined);
  const f = figures(now);
  const [totals, byTownship, byCategory] = await Promise.all([
    db.select(f).from(publicReport).leftJoin(reportReward, eq(reportReward.reportId, publicReport.id)).where(where),
    db
      .select({ townshipId: township.id, townshipName: township.name, ...f })
      .from(township)
      .leftJoin(publicReport, and(eq(publicReport.townshipId, township.id), where))
      .leftJoin(reportReward, eq(reportReward.reportId, publicReport.id))
      .where(and(eq(township.countyId, actor.countyId), townshipId ? eq(township.id, townshipId) : actor.role === 'township_officer' ? eq(township.id, actor.townshipId ?? '00000000-0000-0000-0000-000000000000') : undefined))
      .groupBy(township.id, township.name, township.sortOrder)
      .orderBy(asc(township.sortOrder), asc(township.name)),
    db.select({ category: publicReport.category, ...f }).from(publicReport).leftJoin(reportReward, eq(reportReward.reportId, publicReport.id)).where(where).groupBy(publicReport.category),
  ]);
  const t = totals[0]!;
  const cats = new Map(byCategory.map((c) => [c.category, c]));
  const zero: Row = { received: 0, accepted: 0, confirmed: 0, handled: 0, handledInTime: 0, rewardsPaid: 0, rewardsPaidFen: 0 };
  return {
    totals: { ...toStat(t), overdue: t.overdue, pending: t.pending },
    byTownship: byTownship.map((r) => ({ townshipId: r.townshipId, townshipName: r.townshipName, ...toStat(r) })),
    byCategory: REPORT_CATEGORIES.map((category: ReportCategory) => ({ category, ...toStat(cats.get(category) ?? zero) })),
  };
}
