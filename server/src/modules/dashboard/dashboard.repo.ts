import { and, asc, count, eq, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import { county, hazard, inspection, institution, township, type DbOrTx } from '@lifeline/db';
import { LOCAL_TZ, type HazardStatus } from '@lifeline/shared';
import { scoped, type Actor, type ScopeColumns } from '../../policies/index.ts';

/**
 * Aggregate queries of the dashboard. Each applies the policy scope filter of a {@link DashboardView}
 * (the township chosen by the service) and answers with ONE grouped SQL query — no per-row work in JS, so the
 * figures stay fast with tens of thousands of hazards (indexes: hazard_township_status_idx,
 * hazard_status_deadline_idx, hazard_found_at_idx, inspection_inspected_at_idx).
 */

/**
 * What the dashboard looks at: the actor (whose policy scope filter every query applies) and,
 * optionally, one township inside that scope (decided by the service). For an institution officer
 * the policy filter narrows everything to their institution.
 */
export interface DashboardView {
  actor: Actor;
  /** the township looked at, or null for the whole county */
  townshipId: string | null;
}

/** The policy scope filter plus the chosen township, for a table's scope columns. */
function viewWhere(view: DashboardView, cols: ScopeColumns): SQL | undefined {
  return scoped(view.actor, cols, view.townshipId ? eq(cols.township, view.townshipId) : undefined);
}

const HAZARD_SCOPE = { township: hazard.townshipId, institution: hazard.institutionId };
const n = (q: SQL) => sql<number>`${q}`.mapWith(Number);
const countWhere = (cond: SQL) => n(sql`count(*) filter (where ${cond})`);
const isOpen = ne(hazard.status, 'closed');
const isStatus = (s: HazardStatus) => eq(hazard.status, s);

/** Institutions under supervision (status other than closed) in scope. */
export async function countInstitutions(db: DbOrTx, view: DashboardView): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(institution)
    .where(and(ne(institution.status, 'closed'), viewWhere(view, { township: institution.townshipId, institution: institution.id })));
  return Number(row?.n ?? 0);
}

/** Inspections in scope whose inspection time falls in `[from, to)`. */
export async function countInspections(db: DbOrTx, view: DashboardView, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(inspection)
    .where(and(gte(inspection.inspectedAt, from), lt(inspection.inspectedAt, to), viewWhere(view, { township: inspection.townshipId, institution: inspection.institutionId })));
  return Number(row?.n ?? 0);
}

export interface HazardTotals {
  pending: number;
  rectifying: number;
  awaiting_verification: number;
  closed: number;
  open: number;
  overdue: number;
  openMajor: number;
  foundThisMonth: number;
  closedThisMonth: number;
}

/**
 * Every headline hazard figure in one pass (`count(*) filter (where …)`).
 * @param now overdue means open with `deadline < now`
 * @param month `[start, end)` of the local month
 */
export async function hazardTotals(db: DbOrTx, view: DashboardView, now: Date, month: [Date, Date]): Promise<HazardTotals> {
  const [start, end] = month;
  const [row] = await db
    .select({
      pending: countWhere(isStatus('pending')),
      rectifying: countWhere(isStatus('rectifying')),
      awaiting_verification: countWhere(isStatus('awaiting_verification')),
      closed: countWhere(isStatus('closed')),
      open: countWhere(isOpen),
      overdue: countWhere(and(isOpen, lt(hazard.deadline, now))!),
      openMajor: countWhere(and(isOpen, eq(hazard.level, 'major'))!),
      foundThisMonth: countWhere(and(gte(hazard.foundAt, start), lt(hazard.foundAt, end))!),
      closedThisMonth: countWhere(and(gte(hazard.closedAt, start), lt(hazard.closedAt, end))!),
    })
    .from(hazard)
    .where(viewWhere(view, HAZARD_SCOPE));
  return row!;
}

/**
 * Hazard counts by status and overdue, one row per township of the county (zeros included), in the
 * county's township order. A view of one township yields just that row; for an institution officer
 * it counts only that institution's hazards.
 */
export async function hazardsByTownship(db: DbOrTx, view: DashboardView, now: Date) {
  const h = (cond: SQL) => n(sql`count(${hazard.id}) filter (where ${cond})`);
  return db
    .select({
      townshipId: township.id,
      townshipName: township.name,
      pending: h(isStatus('pending')),
      rectifying: h(isStatus('rectifying')),
      awaiting_verification: h(isStatus('awaiting_verification')),
      closed: h(isStatus('closed')),
      overdue: h(and(isOpen, lt(hazard.deadline, now))!),
    })
    .from(township)
    .leftJoin(hazard, and(eq(hazard.townshipId, township.id), viewWhere(view, HAZARD_SCOPE)))
    .where(and(eq(township.countyId, view.actor.countyId), view.townshipId ? eq(township.id, view.townshipId) : undefined))
    .groupBy(township.id, township.name, township.sortOrder)
    .orderBy(asc(township.sortOrder), asc(township.name));
}

/** Open and total hazards per category (only categories that have hazards), most open first. */
export async function hazardsByCategory(db: DbOrTx, view: DashboardView) {
  return db
    .select({ category: hazard.category, open: countWhere(isOpen), total: n(sql`count(*)`) })
    .from(hazard)
    .where(viewWhere(view, HAZARD_SCOPE))
    .groupBy(hazard.category)
    .orderBy(sql`2 desc`, sql`3 desc`, asc(hazard.category));
}

/** `YYYY-MM` of a timestamptz column in Asia/Shanghai, whatever the session time zone. */
const localMonth = (col: typeof hazard.foundAt | typeof hazard.closedAt) => sql<string>`to_char(${col} at time zone ${sql.raw(`'${LOCAL_TZ}'`)}, 'YYYY-MM')`;

/**
 * Hazards found and closed per local month in `[from, to)`, as two grouped queries.
 * @returns maps `YYYY-MM` → count (months without hazards are absent)
 */
export async function monthlyFoundClosed(db: DbOrTx, view: DashboardView, from: Date, to: Date): Promise<{ found: Map<string, number>; closed: Map<string, number> }> {
  const where = viewWhere(view, HAZARD_SCOPE);
  const foundMonth = localMonth(hazard.foundAt);
  const closedMonth = localMonth(hazard.closedAt);
  const [found, closed] = await Promise.all([
    db
      .select({ month: foundMonth, n: count() })
      .from(hazard)
      .where(and(where, gte(hazard.foundAt, from), lt(hazard.foundAt, to)))
      .groupBy(foundMonth),
    db
      .select({ month: closedMonth, n: count() })
      .from(hazard)
      .where(and(where, gte(hazard.closedAt, from), lt(hazard.closedAt, to)))
      .groupBy(closedMonth),
  ]);
  return {
    found: new Map(found.map((r) => [r.month, Number(r.n)])),
    closed: new Map(closed.map((r) => [r.month, Number(r.n)])),
  };
}

/** A township of the county, or undefined. */
export async function findTownship(db: DbOrTx, countyId: string, townshipId: string) {
  const [row] = await db.select({ id: township.id, name: township.name }).from(township).where(and(eq(township.countyId, countyId), eq(township.id, townshipId)));
  return row;
}

/** The county's name (e.g. 德化县). */
export async function findCountyName(db: DbOrTx, countyId: string): Promise<string> {
  const [row] = await db.select({ name: county.name }).from(county).where(eq(county.id, countyId));
  return row?.name ?? '';
}

/** An institution's name and township, or undefined. */
export async function findInstitution(db: DbOrTx, institutionId: string) {
  const [row] = await db.select({ id: institution.id, name: institution.name, townshipId: institution.townshipId }).from(institution).where(eq(institution.id, institutionId));
  return row;
}
