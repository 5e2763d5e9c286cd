import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appUser, attachment, drill, drillEvaluation, drillFinding, emergencyPlan, hazard, institution, township, type DbOrTx } from '@lifeline/db';
import { endOfLocalDay, startOfLocalDay, type DrillFilter } from '@lifeline/shared';
import { scoped, type Actor } from '../../policies/index.ts';

/** Drizzle queries of drills; every query of drills carries the actor's scope filter. */

const SCOPE = { township: drill.townshipId, institution: drill.institutionId };
const INST_SCOPE = { township: institution.townshipId, institution: institution.id };

/** The date a drill is listed under: when it was held, else when it is planned. */
const whenCol = sql`coalesce(${drill.heldAt}, ${drill.plannedAt})`;

/** WHERE of the list and the export for a filter, inside the actor's scope. */
export function drillWhere(actor: Actor, f: Partial<DrillFilter>): SQL | undefined {
  return scoped(
    actor,
    SCOPE,
    f.townshipId ? eq(drill.townshipId, f.townshipId) : undefined,
    f.institutionId ? eq(drill.institutionId, f.institutionId) : undefined,
    f.scenario ? eq(drill.scenario, f.scenario) : undefined,
    f.status ? eq(drill.status, f.status) : undefined,
    f.night === undefined ? undefined : eq(drill.isNight, f.night),
    f.from ? sql`${whenCol} >= ${startOfLocalDay(f.from).toISOString()}` : undefined,
    f.to ? sql`${whenCol} <= ${endOfLocalDay(f.to).toISOString()}` : undefined,
  );
}

export const drillColumns = {
  d: drill,
  institutionName: institution.name,
  townshipName: township.name,
  score: drillEvaluation.totalScore,
  maxScore: drillEvaluation.maxScore,
  findingCount: sql<number>`(select count(*)::int from ${drillFinding} where ${drillFinding.drillId} = ${drill.id})`.mapWith(Number),
};

export type DrillRow = {
  d: typeof drill.$inferSelect;
  institutionName: string;
  townshipName: string;
  score: number | null;
  maxScore: number | null;
  findingCount: number;
};

/** One page of drills (or all of them when `page` is undefined, for the export), newest first. */
export async function findDrills(db: DbOrTx, actor: Actor, f: Partial<DrillFilter>, page?: { limit: number; offset: number }): Promise<{ rows: DrillRow[]; total: number }> {
  const where = drillWhere(actor, f);
  const base = db
    .select(drillColumns)
    .from(drill)
    .innerJoin(institution, eq(institution.id, drill.institutionId))
    .innerJoin(township, eq(township.id, drill.townshipId))
    .leftJoin(drillEvaluation, eq(drillEvaluation.drillId, drill.id))
    .where(where)
    .orderBy(desc(whenCol), desc(drill.createdAt));
  const rows = page ? await base.limit(page.limit).offset(page.offset) : await base;
  const [{ n } = { n: 0 }] = page ? await db.select({ n: count() }).from(drill).where(where) : [{ n: rows.length }];
  return { rows, total: Number(n) };
}

const creator = alias(appUser, 'drill_creator');
const recorder = alias(appUser, 'drill_recorder');

/** A drill with names (institution, township, plan, creator, recorder), if it exists and is in scope. */
export async function findDrillInScope(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ ...drillColumns, planTitle: emergencyPlan.title, createdByName: creator.displayName, recordedByName: recorder.displayName })
    .from(drill)
    .innerJoin(institution, eq(institution.id, drill.institutionId))
    .innerJoin(township, eq(township.id, drill.townshipId))
    .leftJoin(drillEvaluation, eq(drillEvaluation.drillId, drill.id))
    .leftJoin(emergencyPlan, eq(emergencyPlan.id, drill.planId))
    .innerJoin(creator, eq(creator.id, drill.createdById))
    .leftJoin(recorder, eq(recorder.id, drill.recordedById))
    .where(scoped(actor, SCOPE, eq(drill.id, id)));
  return row;
}

/** Locks a drill row for a change (inside a transaction), scope-filtered. */
export async function lockDrill(tx: DbOrTx, actor: Actor, id: string) {
  const [row] = await tx.select().from(drill).where(scoped(actor, SCOPE, eq(drill.id, id))).for('update');
  return row;
}

/** An institution in the actor's scope, if any. */
export async function findInstitutionInScope(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: institution.id, name: institution.name, townshipId: institution.townshipId, townshipName: township.name, isDemo: institution.isDemo })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(scoped(actor, INST_SCOPE, eq(institution.id, id)));
  return row;
}

/** An emergency plan's institution and title (to check a drill exercises a plan of its own institution). */
export async function findPlan(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: emergencyPlan.id, institutionId: emergencyPlan.institutionId, title: emergencyPlan.title }).from(emergencyPlan).where(eq(emergencyPlan.id, id));
  return row;
}

/**
 * Flags a plan for revision (预案需修订) because a drill found it wanting; the plans module clears
 * the flag with a new approved version.
 * @returns the plan before and after, or undefined when the plan no longer exists
 */
export async function flagPlanForRevision(tx: DbOrTx, planId: string, reason: string, now: Date) {
  const [before] = await tx.select().from(emergencyPlan).where(eq(emergencyPlan.id, planId)).for('update');
  if (!before) return undefined;
  const [after] = await tx.update(emergencyPlan).set({ revisionRequested: true, revisionReason: reason.slice(0, 1000), updatedAt: now }).where(eq(emergencyPlan.id, planId)).returning();
  return { before, after: after! };
}

/** MIME types of attachments by id (to tell photos from videos). */
export async function attachmentMimes(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: attachment.id, mime: attachment.mime }).from(attachment).where(inArray(attachment.id, ids));
  return new Map(rows.map((r) => [r.id, r.mime]));
}

/** Attachments of a drill (photos and videos), oldest first. */
export async function findDrillAttachments(db: DbOrTx, drillId: string) {
  return db
    .select({ id: attachment.id, mime: attachment.mime, originalName: attachment.originalName })
    .from(attachment)
    .where(and(eq(attachment.entityType, 'drill'), eq(attachment.entityId, drillId)))
    .orderBy(asc(attachment.createdAt));
}

/** A drill's evaluation with the evaluator's account name, if evaluated. */
export async function findEvaluation(db: DbOrTx, drillId: string) {
  const [row] = await db
    .select({ e: drillEvaluation, evaluatedByName: appUser.displayName })
    .from(drillEvaluation)
    .innerJoin(appUser, eq(appUser.id, drillEvaluation.evaluatedById))
    .where(eq(drillEvaluation.drillId, drillId));
  return row;
}

/** A drill's findings, oldest first, each with its hazard's live status. */
export async function findFindings(db: DbOrTx, drillId: string) {
  return db
    .select({
      f: drillFinding,
      hazard: { id: hazard.id, code: hazard.code, title: hazard.title, status: hazard.status, level: hazard.level, deadline: hazard.deadline },
    })
    .from(drillFinding)
    .leftJoin(hazard, eq(hazard.id, drillFinding.hazardId))
    .where(eq(drillFinding.drillId, drillId))
    .orderBy(asc(drillFinding.createdAt), asc(drillFinding.id));
}

/** Held drills of one institution, oldest first (the history and its trend). */
export async function findHeldDrillsOf(db: DbOrTx, institutionId: string) {
  return db
    .select()
    .from(drill)
    .where(and(eq(drill.institutionId, institutionId), eq(drill.status, 'held')))
    .orderBy(asc(drill.heldAt));
}

/** Planned (not yet held) drills of one institution, soonest first. */
export async function findPlannedDrillsOf(db: DbOrTx, institutionId: string) {
  return db
    .select()
    .from(drill)
    .where(and(eq(drill.institutionId, institutionId), eq(drill.status, 'planned')))
    .orderBy(asc(drill.plannedAt));
}

/** Operating institutions in the actor's scope (optionally of one township), by township and name. */
export async function findInstitutionsForCoverage(db: DbOrTx, actor: Actor, townshipId?: string) {
  return db
    .select({ id: institution.id, name: institution.name, townshipName: township.name })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(scoped(actor, INST_SCOPE, eq(institution.status, 'operating'), townshipId ? eq(institution.townshipId, townshipId) : undefined))
    .orderBy(asc(township.sortOrder), asc(institution.name));
}

/**
 * Held drills aggregated per institution × scenario, in the actor's scope: the last held time
 * (any, and at night) and the counts held since `since` (all, and at night).
 */
export async function aggregateHeldDrills(db: DbOrTx, actor: Actor, since: Date, townshipId?: string) {
  const sinceIso = since.toISOString();
  const rows = await db
    .select({
      institutionId: drill.institutionId,
      scenario: drill.scenario,
      lastHeldAt: sql<string | null>`max(${drill.heldAt})`,
      lastNightHeldAt: sql<string | null>`max(${drill.heldAt}) filter (where ${drill.isNight})`,
      inWindow: sql<number>`count(*) filter (where ${drill.heldAt} >= ${sinceIso})`.mapWith(Number),
      nightInWindow: sql<number>`count(*) filter (where ${drill.heldAt} >= ${sinceIso} and ${drill.isNight})`.mapWith(Number),
    })
    .from(drill)
    .where(scoped(actor, SCOPE, eq(drill.status, 'held'), townshipId ? eq(drill.townshipId, townshipId) : undefined))
    .groupBy(drill.institutionId, drill.scenario);
  // max() of a timestamptz comes back as text from some drivers: normalise to Date
  const asDate = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
  return rows.map((r) => ({ ...r, lastHeldAt: asDate(r.lastHeldAt), lastNightHeldAt: asDate(r.lastNightHeldAt) }));
}

/** Held drills in [from, to) in the actor's scope (for {@link drillStats}). */
export async function findHeldBetween(db: DbOrTx, actor: Actor, range: { from: Date; to: Date; townshipId?: string | undefined; institutionId?: string | undefined }) {
  return db
    .select({
      institutionId: drill.institutionId,
      scenario: drill.scenario,
      isNight: drill.isNight,
      staffCount: drill.staffCount,
      residentCount: drill.residentCount,
    })
    .from(drill)
    .where(
      scoped(
        actor,
        SCOPE,
        eq(drill.status, 'held'),
        gte(drill.heldAt, range.from),
        lt(drill.heldAt, range.to),
        range.townshipId ? eq(drill.townshipId, range.townshipId) : undefined,
        range.institutionId ? eq(drill.institutionId, range.institutionId) : undefined,
      ),
    );
}


