import { aliasedTable, and, asc, count, desc, eq, gte, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { appUser, institution, studySession, township, type DbOrTx } from '@lifeline/db';
import { ROLE_SCOPE, type StudyFilter } from '@lifeline/shared';
import { scoped, type Actor } from '../../policies/index.ts';

/**
 * Drizzle queries of study sessions (学习宣传 / 安全培训). Every query carries the visibility rule
 * of `canSeeStudySession` (server/src/policies): county sessions are seen by all, township
 * sessions by the township and its institutions, institution sessions by their scope.
 */

/** The SQL form of `canSeeStudySession` for the actor (undefined = everything). */
export function studyVisibility(actor: Actor): SQL | undefined {
  switch (ROLE_SCOPE[actor.role]) {
    case 'county':
      return undefined;
    case 'township':
      return or(eq(studySession.level, 'county'), eq(studySession.townshipId, actor.townshipId!));
    case 'institution':
      return or(
        eq(studySession.level, 'county'),
        and(eq(studySession.level, 'township'), eq(studySession.townshipId, actor.townshipId!)),
        eq(studySession.institutionId, actor.institutionId!),
      );
  }
}

/** The WHERE of the list for a filter, inside the actor's visibility. */
export function studyWhere(actor: Actor, f: Partial<StudyFilter>): SQL | undefined {
  return and(
    studyVisibility(actor),
    f.townshipId ? eq(studySession.townshipId, f.townshipId) : undefined,
    f.institutionId ? eq(studySession.institutionId, f.institutionId) : undefined,
    f.level ? eq(studySession.level, f.level) : undefined,
    f.kind ? eq(studySession.kind, f.kind) : undefined,
    f.regulation ? sql`${studySession.regulations} @> ${JSON.stringify([f.regulation])}::jsonb` : undefined,
    f.from ? gte(studySession.heldOn, f.from) : undefined,
    f.to ? lte(studySession.heldOn, f.to) : undefined,
  );
}

const creator = aliasedTable(appUser, 'study_creator');

const columns = {
  s: studySession,
  townshipName: township.name,
  institutionName: institution.name,
  createdByName: creator.displayName,
};

export interface StudyRow {
  s: typeof studySession.$inferSelect;
  townshipName: string | null;
  institutionName: string | null;
  createdByName: string;
}

/** Sessions matching the filter, newest first: one page, or all when `page` is undefined. */
export async function findStudySessions(db: DbOrTx, actor: Actor, f: Partial<StudyFilter>, page?: { limit: number; offset: number }): Promise<{ rows: StudyRow[]; total: number }> {
  const where = studyWhere(actor, f);
  const base = db
    .select(columns)
    .from(studySession)
    .leftJoin(township, eq(township.id, studySession.townshipId))
    .leftJoin(institution, eq(institution.id, studySession.institutionId))
    .innerJoin(creator, eq(creator.id, studySession.createdById))
    .where(where)
    .orderBy(desc(studySession.heldOn), desc(studySession.createdAt));
  const rows = page ? await base.limit(page.limit).offset(page.offset) : await base;
  if (!page) return { rows, total: rows.length };
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(studySession).where(where);
  return { rows, total: Number(n) };
}

/** One session with names, if the actor may see it. */
export async function findStudySession(db: DbOrTx, actor: Actor, id: string): Promise<StudyRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(studySession)
    .leftJoin(township, eq(township.id, studySession.townshipId))
    .leftJoin(institution, eq(institution.id, studySession.institutionId))
    .innerJoin(creator, eq(creator.id, studySession.createdById))
    .where(and(studyVisibility(actor), eq(studySession.id, id)));
  return row;
}

/** Locks a session row the actor may see (inside a transaction). */
export async function lockStudySession(tx: DbOrTx, actor: Actor, id: string) {
  const [row] = await tx.select().from(studySession).where(and(studyVisibility(actor), eq(studySession.id, id))).for('update');
  return row;
}

/** Institutions (not closed) in the actor's scope with their staff count, optionally of one township. */
export async function coverageInstitutions(db: DbOrTx, actor: Actor, townshipId?: string) {
  return db
    .select({ id: institution.id, name: institution.name, staffCount: institution.staffCount, townshipId: institution.townshipId, townshipName: township.name })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(scoped(actor, { township: institution.townshipId, institution: institution.id }, ne(institution.status, 'closed'), townshipId ? eq(institution.townshipId, townshipId) : undefined))
    .orderBy(asc(township.sortOrder), asc(institution.name));
}

/** The institution-level sessions of some institutions held between two local dates (inclusive). */
export async function institutionSessions(db: DbOrTx, institutionIds: string[], from: string, to: string) {
  if (institutionIds.length === 0) return [];
  return db
    .select({ institutionId: studySession.institutionId, regulations: studySession.regulations, participantCount: studySession.participantCount, participantNames: studySession.participantNames })
    .from(studySession)
    .where(and(eq(studySession.level, 'institution'), inArray(studySession.institutionId, institutionIds), gte(studySession.heldOn, from), lte(studySession.heldOn, to)));
}

/** Counts of the sessions matching a filter: sessions, participants, per kind, on the criteria. */
export async function studyCounts(db: DbOrTx, actor: Actor, f: Partial<StudyFilter>) {
  return db
    .select({
      kind: studySession.kind,
      sessions: count(),
      participants: sql<string | number>`coalesce(sum(${studySession.participantCount}), 0)`,
      criteria: sql<string | number>`count(*) filter (where ${studySession.regulations} @> '["major_hazard_criteria"]'::jsonb)`,
    })
    .from(studySession)
    .where(studyWhere(actor, f))
    .groupBy(studySession.kind);
}
