import { ROLE_SCOPE, HAZARD_STATUSES, localMonthRange, local, type Dashboard, type DashboardQuery } from '@lifeline/shared';
import type { DbOrTx } from '@lifeline/db';
import { notFound } from '../../lib/app-error.ts';
import { canSeeTownship, requirePermission, type Actor } from '../../policies/index.ts';
import { reportStats } from './reports.stats.ts';
import { preparednessStats } from './preparedness.stats.ts';
import {
  countInspections,
  countInstitutions,
  findCountyName,
  findInstitution,
  findTownship,
  hazardTotals,
  hazardsByCategory,
  hazardsByTownship,
  monthlyFoundClosed,
  type DashboardView,
} from './dashboard.repo.ts';

/** How many local months the trend covers, this month included. */
export const TREND_MONTHS = 12;

/**
 * Decides what the dashboard shows for the actor (ARCHITECTURE.md "Users and scope"):
 * - county roles: the whole county, or the township they ask for;
 * - a township officer: their township, whatever they pass; asking for another township is 404;
 * - an institution officer: their institution; asking for a township other than their
 *   institution's is 404.
 * @throws AppError NOT_FOUND for a township that does not exist or is outside the actor's scope
 */
async function resolveView(db: DbOrTx, actor: Actor, townshipId: string | undefined): Promise<{ view: DashboardView; scope: Dashboard['scope'] }> {
  const level = ROLE_SCOPE[actor.role];
  if (level === 'institution') {
    const inst = actor.institutionId ? await findInstitution(db, actor.institutionId) : undefined;
    if (!inst || (townshipId && townshipId !== inst.townshipId)) throw notFound();
    return {
      view: { actor, townshipId: inst.townshipId },
      scope: { level, name: inst.name, townshipId: inst.townshipId, institutionId: inst.id },
    };
  }
  const wanted = level === 'township' ? townshipId ?? actor.townshipId! : townshipId;
  if (!wanted) {
    return { view: { actor, townshipId: null }, scope: { level: 'county', name: await findCountyName(db, actor.countyId), townshipId: null, institutionId: null } };
  }
  if (!canSeeTownship(actor, wanted)) throw notFound();
  const t = await findTownship(db, actor.countyId, wanted);
  if (!t) throw notFound();
  return { view: { actor, townshipId: t.id }, scope: { level: 'township', name: t.name, townshipId: t.id, institutionId: null } };
}

/**
 * The dashboard (工作台) for the actor's scope: institutions under supervision, inspections this
 * local month, headline hazard figures (open, overdue 逾期, closed 销号, open major, found and
 * closed this month), counts by status, township and category, and a 12-month found-vs-closed
 * trend. "Month" is the Asia/Shanghai calendar month; overdue is derived at `now`
 * (hazards.workflow.ts isOverdue: not closed and deadline < now).
 *
 * Cost: seven aggregate SQL queries (count … filter / group by) plus one name lookup, whatever the
 * number of hazards — no per-row work (≈40 ms on PostgreSQL, ≈90 ms on PGlite with 10 000 hazards).
 * @param query `townshipId` to look at one township (county roles)
 * @param now the current instant (deps.now())
 * @throws AppError FORBIDDEN without `dashboard.read`; NOT_FOUND for a township outside scope
 */
export async function getDashboard(db: DbOrTx, actor: Actor, query: DashboardQuery, now: Date): Promise<Dashboard> {
  requirePermission(actor, 'dashboard.read');
  const { view, scope } = await resolveView(db, actor, query.townshipId);
  const month = localMonthRange(now);
  const thisMonth = local(now).startOf('month');
  const months = Array.from({ length: TREND_MONTHS }, (_, i) => thisMonth.subtract(TREND_MONTHS - 1 - i, 'month'));
  const trendFrom = months[0]!.toDate();

  const [institutions, inspectionsThisMonth, totals, byTownship, byCategory, trend] = await Promise.all([
    countInstitutions(db, view),
    countInspections(db, view, month[0], month[1]),
    hazardTotals(db, view, now, month),
    hazardsByTownship(db, view, now),
    hazardsByCategory(db, view),
    monthlyFoundClosed(db, view, trendFrom, month[1]),
  ]);
  const reports = await reportStats(db, actor, view.townshipId, now);
  const preparedness = await preparednessStats(db, actor, view.townshipId, now);

  return {
    scope,
    generatedAt: now.toISOString(),
    month: thisMonth.format('YYYY-MM'),
    institutions,
    inspectionsThisMonth,
    hazards: {
      open: totals.open,
      overdue: totals.overdue,
      closed: totals.closed,
      openMajor: totals.openMajor,
      closedThisMonth: totals.closedThisMonth,
      foundThisMonth: totals.foundThisMonth,
    },
    byStatus: HAZARD_STATUSES.map((status) => ({ status, count: totals[status] })),
    byTownship,
    byCategory,
    monthlyTrend: months.map((m) => {
      const key = m.format('YYYY-MM');
      return { month: key, found: trend.found.get(key) ?? 0, closed: trend.closed.get(key) ?? 0 };
    }),
    reports,
    preparedness,
  };
}
