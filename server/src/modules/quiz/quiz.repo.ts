import { and, asc, count, desc, eq, ilike, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { appUser, campaign, institution, quiz, quizAttempt, quizAttemptAnswer, quizQuestion, township, type DbOrTx } from '@lifeline/db';
import { ROLE_SCOPE, type QuizQuestionKind } from '@lifeline/shared';
import { escapeLike } from '../../lib/sql.ts';
import { scoped, type Actor } from '../../policies/index.ts';

/**
 * Drizzle queries of the knowledge quiz. The bank and the quizzes are county-wide (no scope
 * columns); attempts carry the participant's township / institution, and every results query
 * applies the policy scope filter on them.
 */

export type QuestionRow = typeof quizQuestion.$inferSelect;
export type QuizRow = typeof quiz.$inferSelect;
export type AttemptRow = typeof quizAttempt.$inferSelect;

/** Scope columns of an attempt (set for staff of a township or an institution). */
const ATTEMPT_SCOPE = { township: quizAttempt.townshipId, institution: quizAttempt.institutionId };

// ------------------------------------------------------------------------------------------------
// Question bank
// ------------------------------------------------------------------------------------------------

/** `jsonb` tag list contains `tag`. */
const hasTag = (tag: string) => sql`${quizQuestion.tags} @> ${JSON.stringify([tag])}::jsonb`;

/**
 * A page of questions ordered by code.
 * @param f `q` searches code, stem, options and source; `tag`; `kind`; `active`
 */
export async function findQuestionPage(
  db: DbOrTx,
  f: { q?: string | undefined; tag?: string | undefined; kind?: QuizQuestionKind | undefined; active?: boolean | undefined },
  page: number,
  pageSize: number,
): Promise<{ rows: QuestionRow[]; total: number }> {
  const p = f.q ? `%${escapeLike(f.q)}%` : undefined;
  const where = and(
    p ? or(ilike(quizQuestion.code, p), ilike(quizQuestion.stem, p), ilike(quizQuestion.source, p), sql`${quizQuestion.options}::text ilike ${p}`) : undefined,
    f.tag ? hasTag(f.tag) : undefined,
    f.kind ? eq(quizQuestion.kind, f.kind) : undefined,
    f.active === undefined ? undefined : eq(quizQuestion.isActive, f.active),
  );
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(quizQuestion).where(where);
  const rows = await db
    .select()
    .from(quizQuestion)
    .where(where)
    .orderBy(asc(quizQuestion.code))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: n };
}

/** Every question (for the .xlsx export and the import comparison), by code. */
export async function findAllQuestions(db: DbOrTx): Promise<QuestionRow[]> {
  return db.select().from(quizQuestion).orderBy(asc(quizQuestion.code));
}

/** Id and tags of every active question: the pool quizzes draw from. */
export async function findActivePool(db: DbOrTx): Promise<{ id: string; tags: string[] }[]> {
  return db.select({ id: quizQuestion.id, tags: quizQuestion.tags }).from(quizQuestion).where(eq(quizQuestion.isActive, true));
}

/** One question by id. */
export async function findQuestion(db: DbOrTx, id: string): Promise<QuestionRow | undefined> {
  const [row] = await db.select().from(quizQuestion).where(eq(quizQuestion.id, id));
  return row;
}

/** Questions by id (any order). */
export async function findQuestionsByIds(db: DbOrTx, ids: readonly string[]): Promise<QuestionRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(quizQuestion).where(inArray(quizQuestion.id, [...ids]));
}

/** A question by code. */
export async function findQuestionByCode(db: DbOrTx, code: string): Promise<QuestionRow | undefined> {
  const [row] = await db.select().from(quizQuestion).where(eq(quizQuestion.code, code));
  return row;
}

/** The highest number `n` among bureau codes `Bnnn` (0 when none). */
export async function maxBureauCodeNumber(db: DbOrTx): Promise<number> {
  const rows = await db.select({ code: quizQuestion.code }).from(quizQuestion).where(like(quizQuestion.code, 'B%'));
  return rows.reduce((m, r) => {
    const n = /^B(\d+)$/.exec(r.code);
    return n ? Math.max(m, Number(n[1])) : m;
  }, 0);
}

export type QuestionValues = Pick<QuestionRow, 'code' | 'kind' | 'stem' | 'options' | 'answer' | 'explanation' | 'tags' | 'source' | 'isActive'>;

/** Inserts a bureau question (isBuiltIn = false). */
export async function insertQuestion(db: DbOrTx, v: QuestionValues, now: Date): Promise<QuestionRow> {
  const [row] = await db.insert(quizQuestion).values({ ...v, isBuiltIn: false, createdAt: now, updatedAt: now }).returning();
  return row!;
}

/** Updates a question's fields. */
export async function updateQuestionRow(db: DbOrTx, id: string, v: Partial<QuestionValues>, now: Date): Promise<QuestionRow> {
  const [row] = await db.update(quizQuestion).set({ ...v, updatedAt: now }).where(eq(quizQuestion.id, id)).returning();
  return row!;
}

/** Every tag in use with its count of active questions, most used first. */
export async function findTagCounts(db: DbOrTx): Promise<{ tag: string; active: number }[]> {
  const rows = await db.select({ tags: quizQuestion.tags, isActive: quizQuestion.isActive }).from(quizQuestion);
  const m = new Map<string, number>();
  for (const r of rows) for (const t of r.tags) m.set(t, (m.get(t) ?? 0) + (r.isActive ? 1 : 0));
  return [...m].map(([tag, active]) => ({ tag, active })).sort((a, b) => b.active - a.active || a.tag.localeCompare(b.tag, 'zh-CN'));
}

// ------------------------------------------------------------------------------------------------
// Quizzes
// ------------------------------------------------------------------------------------------------

export interface QuizListRow {
  q: QuizRow;
  campaignName: string | null;
}

/**
 * Quizzes with their campaign's name, newest first.
 * @param f `withDrafts` false leaves drafts out; `id` one quiz; `status`
 */
export async function findQuizzes(db: DbOrTx, f: { withDrafts: boolean; id?: string; status?: QuizRow['status'] }): Promise<QuizListRow[]> {
  return db
    .select({ q: quiz, campaignName: campaign.name })
    .from(quiz)
    .leftJoin(campaign, eq(campaign.id, quiz.campaignId))
    .where(and(f.withDrafts ? undefined : ne(quiz.status, 'draft'), f.id ? eq(quiz.id, f.id) : undefined, f.status ? eq(quiz.status, f.status) : undefined))
    .orderBy(desc(quiz.createdAt), asc(quiz.id));
}

/** One quiz by id. */
export async function findQuiz(db: DbOrTx, id: string): Promise<QuizRow | undefined> {
  const [row] = await db.select().from(quiz).where(eq(quiz.id, id));
  return row;
}

/** One quiz, row-locked until the transaction ends (serialises attempt starts and edits). */
export async function lockQuiz(tx: DbOrTx, id: string): Promise<QuizRow | undefined> {
  const [row] = await tx.select().from(quiz).where(eq(quiz.id, id)).for('update');
  return row;
}

/** Whether a campaign exists. */
export async function campaignExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: campaign.id }).from(campaign).where(eq(campaign.id, id));
  return !!row;
}

/** Inserts a quiz and returns the row. */
export async function insertQuiz(db: DbOrTx, v: typeof quiz.$inferInsert): Promise<QuizRow> {
  const [row] = await db.insert(quiz).values(v).returning();
  return row!;
}

/** Updates a quiz's columns and returns the row. */
export async function updateQuizRow(db: DbOrTx, id: string, v: Partial<typeof quiz.$inferInsert>): Promise<QuizRow> {
  const [row] = await db.update(quiz).set(v).where(eq(quiz.id, id)).returning();
  return row!;
}

/** Submitted attempts per quiz inside the actor's scope. */
export async function countSubmittedByQuiz(db: DbOrTx, actor: Actor): Promise<Map<string, number>> {
  const rows = await db
    .select({ quizId: quizAttempt.quizId, n: count() })
    .from(quizAttempt)
    .where(scoped(actor, ATTEMPT_SCOPE, eq(quizAttempt.status, 'submitted')))
    .groupBy(quizAttempt.quizId);
  return new Map(rows.map((r) => [r.quizId, r.n]));
}

// ------------------------------------------------------------------------------------------------
// Attempts
// ------------------------------------------------------------------------------------------------

/** Who an attempt belongs to: a staff account, or a public participant token's hash. */
export type Participant = { userId: string } | { participantHash: string };

const whoIs = (p: Participant): SQL => ('userId' in p ? eq(quizAttempt.userId, p.userId) : eq(quizAttempt.participantHash, p.participantHash));

/** The participant's attempts at a quiz, newest first. */
export async function findParticipantAttempts(db: DbOrTx, quizId: string, p: Participant): Promise<AttemptRow[]> {
  return db
    .select()
    .from(quizAttempt)
    .where(and(eq(quizAttempt.quizId, quizId), whoIs(p)))
    .orderBy(desc(quizAttempt.startedAt), desc(quizAttempt.id));
}

/** A staff user's attempts at any of these quizzes (for the 参加答题 list). */
export async function findUserAttempts(db: DbOrTx, userId: string, quizIds: readonly string[]): Promise<AttemptRow[]> {
  if (quizIds.length === 0) return [];
  return db
    .select()
    .from(quizAttempt)
    .where(and(eq(quizAttempt.userId, userId), inArray(quizAttempt.quizId, [...quizIds])))
    .orderBy(desc(quizAttempt.startedAt), desc(quizAttempt.id));
}

/** Inserts an attempt (the drawn question ids, start and deadline) and returns the row. */
export async function insertAttempt(db: DbOrTx, v: typeof quizAttempt.$inferInsert): Promise<AttemptRow> {
  const [row] = await db.insert(quizAttempt).values(v).returning();
  return row!;
}

/** One attempt by id (no scope: the service checks ownership). */
export async function findAttempt(db: DbOrTx, id: string): Promise<AttemptRow | undefined> {
  const [row] = await db.select().from(quizAttempt).where(eq(quizAttempt.id, id));
  return row;
}

/** One attempt, row-locked: a second concurrent submission waits, then sees it submitted. */
export async function lockAttempt(tx: DbOrTx, id: string): Promise<AttemptRow | undefined> {
  const [row] = await tx.select().from(quizAttempt).where(eq(quizAttempt.id, id)).for('update');
  return row;
}

/** Updates an attempt's columns (scoring writes status, submittedAt, late and the score). */
export async function updateAttemptRow(db: DbOrTx, id: string, v: Partial<typeof quizAttempt.$inferInsert>): Promise<void> {
  await db.update(quizAttempt).set(v).where(eq(quizAttempt.id, id));
}

/** Records the answered questions of a submitted attempt (one row per drawn question). */
export async function insertAttemptAnswers(db: DbOrTx, rows: (typeof quizAttemptAnswer.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(quizAttemptAnswer).values(rows);
}

/** The recorded answers of an attempt, by question id. */
export async function findAttemptAnswers(db: DbOrTx, attemptId: string): Promise<Map<string, { chosen: string[]; isCorrect: boolean }>> {
  const rows = await db.select().from(quizAttemptAnswer).where(eq(quizAttemptAnswer.attemptId, attemptId));
  return new Map(rows.map((r) => [r.questionId, { chosen: r.chosen, isCorrect: r.isCorrect }]));
}

// ------------------------------------------------------------------------------------------------
// Results
// ------------------------------------------------------------------------------------------------

/** A submitted attempt with who made it and where they belong. */
export interface ResultRow {
  a: AttemptRow;
  userName: string | null;
  institutionName: string | null;
  townshipName: string | null;
}

/**
 * Submitted attempts inside the actor's scope, matching the filter (a county actor also sees the
 * public's attempts; township / institution actors only their own staff's).
 * @param f `quizId`; `from`/`to` (submittedAt in [from, to)); `townshipId`/`institutionId` narrow further
 */
export async function findSubmittedAttempts(
  db: DbOrTx,
  actor: Actor,
  f: { quizId?: string; from?: Date; to?: Date; townshipId?: string | undefined; institutionId?: string | undefined },
): Promise<ResultRow[]> {
  return db
    .select({ a: quizAttempt, userName: appUser.displayName, institutionName: institution.name, townshipName: township.name })
    .from(quizAttempt)
    .leftJoin(appUser, eq(appUser.id, quizAttempt.userId))
    .leftJoin(institution, eq(institution.id, quizAttempt.institutionId))
    .leftJoin(township, eq(township.id, quizAttempt.townshipId))
    .where(
      scoped(
        actor,
        ATTEMPT_SCOPE,
        eq(quizAttempt.status, 'submitted'),
        f.quizId ? eq(quizAttempt.quizId, f.quizId) : undefined,
        f.from ? sql`${quizAttempt.submittedAt} >= ${f.from.toISOString()}` : undefined,
        f.to ? sql`${quizAttempt.submittedAt} < ${f.to.toISOString()}` : undefined,
        f.townshipId ? eq(quizAttempt.townshipId, f.townshipId) : undefined,
        f.institutionId ? eq(quizAttempt.institutionId, f.institutionId) : undefined,
      ),
    )
    .orderBy(asc(quizAttempt.submittedAt), asc(quizAttempt.id));
}

/**
 * Per question of a quiz's submitted attempts in the actor's scope: how often it was answered and
 * answered wrongly (from quiz_attempt_answer).
 */
export async function findMissCounts(db: DbOrTx, actor: Actor, quizId: string): Promise<{ questionId: string; code: string; stem: string; answered: number; wrong: number }[]> {
  const rows = await db
    .select({
      questionId: quizAttemptAnswer.questionId,
      code: quizQuestion.code,
      stem: quizQuestion.stem,
      answered: count(),
      wrong: sql<number>`count(*) filter (where not ${quizAttemptAnswer.isCorrect})`.mapWith(Number),
    })
    .from(quizAttemptAnswer)
    .innerJoin(quizAttempt, eq(quizAttempt.id, quizAttemptAnswer.attemptId))
    .innerJoin(quizQuestion, eq(quizQuestion.id, quizAttemptAnswer.questionId))
    .where(scoped(actor, ATTEMPT_SCOPE, eq(quizAttempt.quizId, quizId), eq(quizAttempt.status, 'submitted')))
    .groupBy(quizAttemptAnswer.questionId, quizQuestion.code, quizQuestion.stem);
  return rows;
}

/** The townships whose rows the actor's results show: all for county roles, their own for a township officer, none for an institution officer. */
export async function findScopeTownships(db: DbOrTx, actor: Actor): Promise<{ id: string; name: string }[]> {
  const level = ROLE_SCOPE[actor.role];
  // an institution officer's results are their institution's only: no township rows
  if (level === 'institution') return [];
  const rows = await db.select({ id: township.id, name: township.name }).from(township).orderBy(asc(township.sortOrder), asc(township.name));
  return level === 'township' ? rows.filter((r) => r.id === actor.townshipId) : rows;
}

/** The institutions (not closed) inside the actor's scope, by township then name. */
export async function findScopeInstitutions(db: DbOrTx, actor: Actor): Promise<{ id: string; name: string; townshipId: string; townshipName: string }[]> {
  return db
    .select({ id: institution.id, name: institution.name, townshipId: institution.townshipId, townshipName: township.name })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(scoped(actor, { township: institution.townshipId, institution: institution.id }, ne(institution.status, 'closed')))
    .orderBy(asc(township.sortOrder), asc(institution.name));
}
