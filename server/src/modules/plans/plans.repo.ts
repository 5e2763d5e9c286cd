import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { appUser, emergencyPlan, emergencyPlanVersion, institution, township, type DbOrTx } from '@lifeline/db';
import { dayjs, localDate, type PlanFilter, type PlanState } from '@lifeline/shared';
import { scoped, type Actor } from '../../policies/index.ts';

/** Drizzle queries of emergency plans (应急预案); every query carries the actor's scope filter. */

const SCOPE = { township: emergencyPlan.townshipId, institution: emergencyPlan.institutionId };

/**
 * The first local date on which an approved version that took effect on `effectiveOn` is still
 * current is `cutoff`: a version is due for revision when `effectiveOn < cutoff`, i.e. when it
 * took effect more than `maxAgeDays` days before today (Asia/Shanghai).
 * @param now the current instant
 * @param maxAgeDays the setting `preparedness.planMaxAgeDays`
 * @returns `YYYY-MM-DD`
 */
export function revisionCutoff(now: Date, maxAgeDays: number): string {
  return dayjs(localDate(now)).subtract(maxAgeDays, 'day').format('YYYY-MM-DD');
}

/** `effectiveOn + maxAgeDays`: the last local day the version counts as current by age. */
export function validUntil(effectiveOn: string, maxAgeDays: number): string {
  return dayjs(effectiveOn).add(maxAgeDays, 'day').format('YYYY-MM-DD');
}

/** The status of the plan's latest version (null before the first upload). */
const latestStatus = sql<'submitted' | 'approved' | 'returned' | null>`(select v.status from ${emergencyPlanVersion} v where v.plan_id = ${emergencyPlan.id} order by v.version desc limit 1)`;
/** The latest approved version's number and effective date. */
const approvedVersion = sql<number | null>`(select max(v.version) from ${emergencyPlanVersion} v where v.plan_id = ${emergencyPlan.id} and v.status = 'approved')`;
const approvedEffectiveOn = sql<string | null>`(select v.effective_on::text from ${emergencyPlanVersion} v where v.plan_id = ${emergencyPlan.id} and v.status = 'approved' order by v.version desc limit 1)`;

/** SQL: the approved version is too old or a drill asked for a revision. */
function dueExpr(cutoff: string): SQL<boolean> {
  return sql<boolean>`(${emergencyPlan.revisionRequested} or coalesce(${approvedEffectiveOn} < ${cutoff}, false))`;
}

/** SQL of the derived {@link PlanState} (see PLAN_STATES in shared/src/api/plans.ts). */
function stateExpr(cutoff: string): SQL<PlanState> {
  return sql<PlanState>`(case coalesce(${latestStatus}, 'none')
    when 'none' then 'draft' when 'submitted' then 'pending' when 'returned' then 'returned'
    else (case when ${dueExpr(cutoff)} then 'due_revision' else 'current' end) end)`;
}

/** Columns of a plan row with its institution, township and derived state. */
function planColumns(cutoff: string) {
  return {
    p: emergencyPlan,
    institutionName: institution.name,
    institutionType: institution.type,
    townshipName: township.name,
    state: stateExpr(cutoff),
    dueForRevision: dueExpr(cutoff),
    approvedVersion,
    approvedEffectiveOn,
  };
}

export interface PlanRow {
  p: typeof emergencyPlan.$inferSelect;
  institutionName: string;
  institutionType: typeof institution.$inferSelect.type;
  townshipName: string;
  state: PlanState;
  dueForRevision: boolean;
  approvedVersion: number | null;
  approvedEffectiveOn: string | null;
}

/** The WHERE of the plan list for a filter, inside the actor's scope. */
function planWhere(actor: Actor, f: Partial<PlanFilter>, cutoff: string): SQL | undefined {
  return scoped(
    actor,
    SCOPE,
    f.townshipId ? eq(emergencyPlan.townshipId, f.townshipId) : undefined,
    f.institutionId ? eq(emergencyPlan.institutionId, f.institutionId) : undefined,
    f.kind ? eq(emergencyPlan.kind, f.kind) : undefined,
    f.state ? sql`${stateExpr(cutoff)} = ${f.state}` : undefined,
  );
}

/** Drivers may hand booleans/integers of raw SQL back as text; normalise a row. */
function normalise(r: PlanRow): PlanRow {
  const b = r.dueForRevision as unknown;
  return {
    ...r,
    dueForRevision: b === true || b === 't' || b === 'true',
    approvedVersion: r.approvedVersion === null ? null : Number(r.approvedVersion),
  };
}

/**
 * Plans in the actor's scope matching the filter, township → institution → kind order; one page,
 * or all rows when `page` is undefined (exports).
 * @param cutoff see {@link revisionCutoff}
 */
export async function findPlans(db: DbOrTx, actor: Actor, f: Partial<PlanFilter>, cutoff: string, page?: { limit: number; offset: number }): Promise<{ rows: PlanRow[]; total: number }> {
  const where = planWhere(actor, f, cutoff);
  const base = db
    .select(planColumns(cutoff))
    .from(emergencyPlan)
    .innerJoin(institution, eq(institution.id, emergencyPlan.institutionId))
    .innerJoin(township, eq(township.id, emergencyPlan.townshipId))
    .where(where)
    .orderBy(asc(township.sortOrder), asc(institution.name), asc(emergencyPlan.kind), asc(emergencyPlan.createdAt));
  const rows = (page ? await base.limit(page.limit).offset(page.offset) : await base).map(normalise);
  if (!page) return { rows, total: rows.length };
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(emergencyPlan).where(where);
  return { rows, total: Number(n) };
}

/** One plan with names and derived state, if it exists and is in scope. */
export async function findPlanInScope(db: DbOrTx, actor: Actor, id: string, cutoff: string): Promise<PlanRow | undefined> {
  const [row] = await db
    .select(planColumns(cutoff))
    .from(emergencyPlan)
    .innerJoin(institution, eq(institution.id, emergencyPlan.institutionId))
    .innerJoin(township, eq(township.id, emergencyPlan.townshipId))
    .where(scoped(actor, SCOPE, eq(emergencyPlan.id, id)));
  return row ? normalise(row) : undefined;
}

/** Locks a plan row (inside a transaction), scope-filtered. */
export async function lockPlan(tx: DbOrTx, actor: Actor, id: string) {
  const [row] = await tx.select().from(emergencyPlan).where(scoped(actor, SCOPE, eq(emergencyPlan.id, id))).for('update');
  return row;
}

/** A plan's versions, newest first, with the submitter's and reviewer's names. */
export async function findVersions(db: DbOrTx, planId: string) {
  const rows = await db.select().from(emergencyPlanVersion).where(eq(emergencyPlanVersion.planId, planId)).orderBy(desc(emergencyPlanVersion.version));
  const ids = [...new Set(rows.flatMap((r) => [r.submittedById, r.reviewedById]).filter((x): x is string => !!x))];
  const users = ids.length ? await db.select({ id: appUser.id, name: appUser.displayName }).from(appUser).where(inArray(appUser.id, ids)) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((v) => ({ v, submittedByName: names.get(v.submittedById) ?? '', reviewedByName: v.reviewedById ? (names.get(v.reviewedById) ?? '') : null }));
}

/** The latest version of a plan, if any. */
export async function latestVersion(db: DbOrTx, planId: string) {
  const [v] = await db.select().from(emergencyPlanVersion).where(eq(emergencyPlanVersion.planId, planId)).orderBy(desc(emergencyPlanVersion.version)).limit(1);
  return v;
}

/** Institutions (not closed) in the actor's scope, optionally of one township. */
export async function institutionsInScope(db: DbOrTx, actor: Actor, townshipId?: string) {
  return db
    .select({ id: institution.id, name: institution.name, type: institution.type, townshipId: institution.townshipId, townshipName: township.name })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(scoped(actor, { township: institution.townshipId, institution: institution.id }, ne(institution.status, 'closed'), townshipId ? eq(institution.townshipId, townshipId) : undefined))
    .orderBy(asc(township.sortOrder), asc(institution.name));
}

/** `institutionId:kind` pairs having at least one approved version, among the given institutions. */
export async function approvedKinds(db: DbOrTx, institutionIds: string[]): Promise<Set<string>> {
  if (institutionIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ institutionId: emergencyPlan.institutionId, kind: emergencyPlan.kind })
    .from(emergencyPlan)
    .innerJoin(emergencyPlanVersion, and(eq(emergencyPlanVersion.planId, emergencyPlan.id), eq(emergencyPlanVersion.status, 'approved')))
    .where(inArray(emergencyPlan.institutionId, institutionIds));
  return new Set(rows.map((r) => `${r.institutionId}:${r.kind}`));
}

/**
 * Every plan (all scopes: for the scheduled reminder) that is due for revision now and has no
 * version pending review, with when its current revision cycle began: the approval time of its
 * latest approved version, or the plan's creation when none was approved.
 * @param cutoff see {@link revisionCutoff}
 */
export async function findPlansDueForRevision(db: DbOrTx, cutoff: string) {
  const cycleStart = sql<Date | string>`coalesce((select max(v.reviewed_at) from ${emergencyPlanVersion} v where v.plan_id = ${emergencyPlan.id} and v.status = 'approved'), ${emergencyPlan.createdAt})`;
  const rows = await db
    .select({ p: emergencyPlan, institutionName: institution.name, approvedEffectiveOn, cycleStart })
    .from(emergencyPlan)
    .innerJoin(institution, eq(institution.id, emergencyPlan.institutionId))
    .where(and(dueExpr(cutoff), sql`coalesce(${latestStatus}, 'none') <> 'submitted'`, ne(institution.status, 'closed')))
    .orderBy(asc(emergencyPlan.createdAt), asc(emergencyPlan.id));
  return rows.map((r) => ({ ...r, cycleStart: new Date(r.cycleStart) }));
}
