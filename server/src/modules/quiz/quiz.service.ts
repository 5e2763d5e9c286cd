import type { Db, DbOrTx } from '@lifeline/db';
import {
  ROLE_SCOPE,
  checkQuizQuestion,
  sortKeys,
  type Quiz,
  type QuizImportReport,
  type QuizImportRow,
  type QuizInput,
  type QuizList,
  type QuizPaper,
  type QuizPatch,
  type QuizQuestion,
  type QuizQuestionListQuery,
  type QuizQuestionPage,
  type QuizQuestionPatch,
  type QuizQuestionValues,
  type QuizResult,
  type QuizResults,
  type TakeableQuizList,
  type PublicQuiz,
} from '@lifeline/shared';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { assertSafeXlsx } from '../../lib/xlsx.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { toQuestionDto, toQuizDto } from './quiz.presenter.ts';
import {
  campaignExists,
  countSubmittedByQuiz,
  findActivePool,
  findAllQuestions,
  findAttempt,
  findAttemptAnswers,
  findMissCounts,
  findParticipantAttempts,
  findQuestion,
  findQuestionByCode,
  findQuestionPage,
  findQuestionsByIds,
  findQuiz,
  findQuizzes,
  findScopeInstitutions,
  findScopeTownships,
  findSubmittedAttempts,
  findTagCounts,
  findUserAttempts,
  insertAttempt,
  insertAttemptAnswers,
  insertQuestion,
  insertQuiz,
  lockAttempt,
  lockQuiz,
  maxBureauCodeNumber,
  updateAttemptRow,
  updateQuestionRow,
  updateQuizRow,
  type AttemptRow,
  type Participant,
  type QuestionRow,
  type QuizRow,
  type ResultRow,
} from './quiz.repo.ts';
import { buildBankWorkbook, buildResultsWorkbook, parseBankWorkbook } from './quiz.xlsx.ts';
import { drawQuestions, isAnswerCorrect, isQuizAvailable, matchesTags, nextQuizStatus, scoreAttempt, submissionTime, type QuizStep } from './quiz.workflow.ts';

/**
 * 网络知识答题 use cases: the question bank (county admin), quizzes (county admin), attempts by staff
 * and by the public, and results (scoped). See shared/src/api/quiz.ts for the rules clients rely on
 * (answer key hidden until submission, all-or-nothing multiple choice, late answers scored as at
 * the limit, one score per attempt whatever the number of submissions).
 *
 * Attempts are not written to the audit log: each is its own record (who, when, what was drawn and
 * answered), and the public takes part without an account.
 */

const QUESTION_NOT_FOUND = '题目不存在';
const QUIZ_NOT_FOUND = '答题活动不存在';
const ATTEMPT_NOT_FOUND = '答卷不存在';

// ------------------------------------------------------------------------------------------------
// Question bank
// ------------------------------------------------------------------------------------------------

/**
 * A page of the bank with every tag's count of active questions.
 * @throws AppError FORBIDDEN without `quiz.manage`
 */
export async function listQuizQuestions(db: DbOrTx, actor: Actor, q: QuizQuestionListQuery): Promise<QuizQuestionPage> {
  requirePermission(actor, 'quiz.manage');
  const { rows, total } = await findQuestionPage(db, q, q.page, q.pageSize);
  return { items: rows.map(toQuestionDto), total, page: q.page, pageSize: q.pageSize, tags: await findTagCounts(db) };
}

/**
 * One question of the bank (with its key).
 * @throws AppError FORBIDDEN; NOT_FOUND
 */
export async function getQuizQuestion(db: DbOrTx, actor: Actor, id: string): Promise<QuizQuestion> {
  requirePermission(actor, 'quiz.manage');
  const row = await findQuestion(db, id);
  if (!row) throw notFound(QUESTION_NOT_FOUND);
  return toQuestionDto(row);
}

const codeTaken = (code: string) => new AppError('DUPLICATE', `编号「${code}」已被使用`, [{ path: 'code', message: `编号「${code}」已被使用` }]);

/** The next free bureau code B001, B002 … */
async function nextBureauCode(db: DbOrTx): Promise<string> {
  return `B${String((await maxBureauCodeNumber(db)) + 1).padStart(3, '0')}`;
}

/**
 * Adds a bureau question (isBuiltIn = false) with the audit row `quiz_question.create`. Without a
 * code it gets the next `Bnnn`.
 * @param input validated by QuizQuestionInputSchema (answer keys sorted here)
 * @throws AppError FORBIDDEN; DUPLICATE (409, path `code`) when the code is taken
 */
export async function createQuizQuestion(db: Db, actor: Actor, input: QuizQuestionValues, now: Date, requestId?: string): Promise<QuizQuestion> {
  requirePermission(actor, 'quiz.manage');
  return db.transaction(async (tx) => {
    const code = input.code ?? (await nextBureauCode(tx));
    if (await findQuestionByCode(tx, code)) throw codeTaken(code);
    const row = await insertQuestion(tx, { ...input, code, answer: sortKeys(input.answer) }, now);
    await writeAudit(tx, actor, { action: 'quiz_question.create', entityType: 'quiz_question', entityId: row.id, summary: `新增题目 ${row.code}`, after: row }, requestId);
    return toQuestionDto(row);
  });
}

const QUESTION_FIELDS = ['kind', 'stem', 'options', 'answer', 'explanation', 'tags', 'source', 'isActive'] as const;
type QuestionField = (typeof QUESTION_FIELDS)[number];

/** The fields of `next` that differ from `row` (compared as JSON). */
function changedFields(row: QuestionRow, next: Partial<Pick<QuestionRow, QuestionField>>): Partial<Pick<QuestionRow, QuestionField>> {
  const out: Record<string, unknown> = {};
  for (const f of QUESTION_FIELDS) {
    if (next[f] !== undefined && JSON.stringify(next[f]) !== JSON.stringify(row[f])) out[f] = next[f];
  }
  return out as Partial<Pick<QuestionRow, QuestionField>>;
}

/**
 * Edits a question (built-in ones too: the bureau owns its bank; the reference seed never
 * overwrites an existing code). The merged question must still be answerable (kind, options and
 * answer consistent). `isActive: false` retires it from new draws. Audit `quiz_question.update`
 * with before/after of the changed fields; nothing changed → nothing written.
 * @throws AppError FORBIDDEN; NOT_FOUND; VALIDATION_FAILED (path `options` / `answer`)
 */
export async function updateQuizQuestion(db: Db, actor: Actor, id: string, patch: QuizQuestionPatch, now: Date, requestId?: string): Promise<QuizQuestion> {
  requirePermission(actor, 'quiz.manage');
  return db.transaction(async (tx) => {
    const row = await findQuestion(tx, id);
    if (!row) throw notFound(QUESTION_NOT_FOUND);
    const merged = {
      kind: patch.kind ?? row.kind,
      options: patch.options ?? row.options,
      answer: sortKeys(patch.answer ?? row.answer),
    };
    const problems = checkQuizQuestion(merged);
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems[0]!.message, problems);
    const changes = changedFields(row, { ...patch, answer: patch.answer ? merged.answer : undefined } as Partial<Pick<QuestionRow, QuestionField>>);
    if (Object.keys(changes).length === 0) return toQuestionDto(row);
    const updated = await updateQuestionRow(tx, id, changes, now);
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as QuestionField]]));
    const summary = changes.isActive === false ? `停用题目 ${row.code}` : changes.isActive === true ? `启用题目 ${row.code}` : `修改题目 ${row.code}`;
    await writeAudit(tx, actor, { action: 'quiz_question.update', entityType: 'quiz_question', entityId: id, summary, before, after: changes }, requestId);
    return toQuestionDto(updated);
  });
}

/**
 * The whole bank as .xlsx (see buildBankWorkbook), in code order.
 * @throws AppError FORBIDDEN
 */
export async function exportQuizBankXlsx(db: DbOrTx, actor: Actor, now: Date): Promise<Buffer> {
  requirePermission(actor, 'quiz.manage');
  return buildBankWorkbook(await findAllQuestions(db), now);
}

/** What a valid import row carries over a stored question (code, built-in flag and ids stay). */
const importFields = (v: QuizQuestionValues) => ({ kind: v.kind, stem: v.stem, options: v.options, answer: sortKeys(v.answer), explanation: v.explanation, tags: v.tags, source: v.source, isActive: v.isActive });

/**
 * Imports the bank from .xlsx, round trip by 编号: a known code updates that question (only the
 * changed fields), a new code creates it, an empty code creates one numbered `Bnnn`. The file is
 * checked by content (assertSafeXlsx) and every row is validated like the API.
 * - `dryRun` (default): nothing is written; the report says row by row what would happen.
 * - `dryRun=false` and valid: all rows are written in one transaction with one audit row
 *   `quiz_question.import` (codes created / updated).
 * - `dryRun=false` with any error: 400 VALIDATION_FAILED with the report in `details`; nothing written.
 * @returns the report (`applied` tells whether it was written)
 * @throws AppError FORBIDDEN; UNSUPPORTED_MEDIA_TYPE (415); PAYLOAD_TOO_LARGE (413); VALIDATION_FAILED
 */
export async function importQuizBank(db: Db, actor: Actor, bytes: Buffer, opts: { dryRun: boolean; filename: string }, now: Date, requestId?: string): Promise<QuizImportReport> {
  requirePermission(actor, 'quiz.manage');
  await assertSafeXlsx(bytes);
  const parsed = await parseBankWorkbook(bytes);
  const existing = new Map((await findAllQuestions(db)).map((q) => [q.code, q]));
  const rows: QuizImportRow[] = parsed.rows.map((r) => {
    if (r.errors.length || !r.values) return { row: r.row, code: r.code, action: 'error', errors: r.errors };
    const cur = r.code ? existing.get(r.code) : undefined;
    if (!cur) return { row: r.row, code: r.code, action: 'create', errors: [] };
    const changes = changedFields(cur, importFields(r.values));
    return { row: r.row, code: r.code, action: Object.keys(changes).length ? 'update' : 'unchanged', errors: [] };
  });
  const badRows = rows.filter((r) => r.action === 'error').length;
  const report: QuizImportReport = {
    dryRun: opts.dryRun,
    valid: parsed.errors.length === 0 && badRows === 0,
    errorCount: parsed.errors.length + badRows,
    errors: parsed.errors,
    warnings: parsed.warnings,
    rows,
    created: rows.filter((r) => r.action === 'create').length,
    updated: rows.filter((r) => r.action === 'update').length,
    unchanged: rows.filter((r) => r.action === 'unchanged').length,
    applied: false,
  };
  if (opts.dryRun) return report;
  if (!report.valid) throw new AppError('VALIDATION_FAILED', `导入文件有 ${report.errorCount} 处问题，未写入任何内容，请按报告修改后重新导入`, report as unknown as Record<string, unknown>);
  await db.transaction(async (tx) => {
    const created: string[] = [];
    const updated: string[] = [];
    let nextB = await maxBureauCodeNumber(tx);
    for (const r of parsed.rows) {
      const v = r.values!;
      const cur = r.code ? await findQuestionByCode(tx, r.code) : undefined;
      if (cur) {
        const changes = changedFields(cur, importFields(v));
        if (Object.keys(changes).length) {
          await updateQuestionRow(tx, cur.id, changes, now);
          updated.push(cur.code);
        }
      } else {
        const code = r.code || `B${String(++nextB).padStart(3, '0')}`;
        await insertQuestion(tx, { code, ...importFields(v) }, now);
        created.push(code);
      }
    }
    await writeAudit(tx, actor, {
      action: 'quiz_question.import',
      entityType: 'quiz_question',
      summary: `从 Excel 导入题库（${opts.filename}）：新增 ${created.length} 道，修改 ${updated.length} 道`,
      after: { created, updated },
    }, requestId);
  });
  return { ...report, applied: true };
}

// ------------------------------------------------------------------------------------------------
// Quizzes
// ------------------------------------------------------------------------------------------------

/** Active questions that a quiz with these tags may draw from. */
async function poolFor(db: DbOrTx, tags: readonly string[]): Promise<string[]> {
  return (await findActivePool(db)).filter((q) => matchesTags(q.tags, tags)).map((q) => q.id);
}

/**
 * Quizzes for the admin (every status) and for results readers (open and closed ones), newest
 * first, each with its draw pool size, submitted attempts in the actor's scope and abilities.
 * @throws AppError FORBIDDEN without `quiz.results`
 */
export async function listQuizzes(db: DbOrTx, actor: Actor): Promise<QuizList> {
  requirePermission(actor, 'quiz.results');
  const rows = await findQuizzes(db, { withDrafts: actor.permissions.has('quiz.manage') });
  const pool = await findActivePool(db);
  const counts = await countSubmittedByQuiz(db, actor);
  return {
    items: rows.map((r) => toQuizDto(r, actor, pool.filter((q) => matchesTags(q.tags, r.q.tags)).length, counts.get(r.q.id) ?? 0)),
  };
}

/**
 * One quiz (drafts only for `quiz.manage`).
 * @throws AppError FORBIDDEN; NOT_FOUND
 */
export async function getQuiz(db: DbOrTx, actor: Actor, id: string): Promise<Quiz> {
  requirePermission(actor, 'quiz.results');
  const [row] = await findQuizzes(db, { withDrafts: actor.permissions.has('quiz.manage'), id });
  if (!row) throw notFound(QUIZ_NOT_FOUND);
  const counts = await countSubmittedByQuiz(db, actor);
  return toQuizDto(row, actor, (await poolFor(db, row.q.tags)).length, counts.get(id) ?? 0);
}

const toDate = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : new Date(s));

/** 400 when the campaign does not exist. */
async function checkCampaign(db: DbOrTx, campaignId: string | null | undefined) {
  if (campaignId && !(await campaignExists(db, campaignId))) throw invalidField('campaignId', '专项行动不存在');
}

/**
 * Creates a draft quiz with the audit row `quiz.create`.
 * @param input validated by QuizInputSchema
 * @throws AppError FORBIDDEN; VALIDATION_FAILED (unknown campaign)
 */
export async function createQuiz(db: Db, actor: Actor, input: Required<Omit<QuizInput, 'description' | 'tags'>> & { description: string; tags: string[] }, now: Date, requestId?: string): Promise<string> {
  requirePermission(actor, 'quiz.manage');
  return db.transaction(async (tx) => {
    await checkCampaign(tx, input.campaignId);
    const row = await insertQuiz(tx, {
      ...input,
      opensAt: toDate(input.opensAt) ?? null,
      closesAt: toDate(input.closesAt) ?? null,
      status: 'draft',
      createdById: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, actor, { action: 'quiz.create', entityType: 'quiz', entityId: row.id, summary: `新建答题活动「${row.title}」`, after: row }, requestId);
    return row.id;
  });
}

/**
 * Edits a quiz in any status (an open quiz's changes apply to attempts started afterwards) with
 * the audit row `quiz.update` (before/after of the changed fields).
 * @throws AppError FORBIDDEN; NOT_FOUND; VALIDATION_FAILED (unknown campaign, closesAt before opensAt)
 */
export async function updateQuiz(db: Db, actor: Actor, id: string, patch: QuizPatch, now: Date, requestId?: string): Promise<void> {
  requirePermission(actor, 'quiz.manage');
  await db.transaction(async (tx) => {
    const row = await lockQuiz(tx, id);
    if (!row) throw notFound(QUIZ_NOT_FOUND);
    await checkCampaign(tx, patch.campaignId);
    const next: Partial<QuizRow> = {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      const value = k === 'opensAt' || k === 'closesAt' ? toDate(v as string | null) : v;
      const cur = row[k as keyof QuizRow];
      const same = value instanceof Date && cur instanceof Date ? value.getTime() === cur.getTime() : JSON.stringify(value) === JSON.stringify(cur);
      if (!same) (next as Record<string, unknown>)[k] = value;
    }
    const opensAt = next.opensAt !== undefined ? next.opensAt : row.opensAt;
    const closesAt = next.closesAt !== undefined ? next.closesAt : row.closesAt;
    if (opensAt && closesAt && closesAt <= opensAt) throw invalidField('closesAt', '结束时间应晚于开始时间');
    if (Object.keys(next).length === 0) return;
    await updateQuizRow(tx, id, { ...next, updatedAt: now });
    const before = Object.fromEntries(Object.keys(next).map((k) => [k, row[k as keyof QuizRow]]));
    await writeAudit(tx, actor, { action: 'quiz.update', entityType: 'quiz', entityId: id, summary: `修改答题活动「${row.title}」`, before, after: next }, requestId);
  });
}

/**
 * Opens (draft or closed → open) or closes (open → closed) a quiz, with the audit row
 * `quiz.open` / `quiz.close`. Opening needs at least `questionCount` active questions matching the
 * quiz's tags. Closing stops new attempts; attempts already started can still be submitted.
 * @throws AppError FORBIDDEN; NOT_FOUND; ILLEGAL_TRANSITION (409); CONFLICT (409) when the bank is too small
 */
export async function changeQuizStatus(db: Db, actor: Actor, id: string, step: QuizStep, now: Date, requestId?: string): Promise<void> {
  requirePermission(actor, 'quiz.manage');
  await db.transaction(async (tx) => {
    const row = await lockQuiz(tx, id);
    if (!row) throw notFound(QUIZ_NOT_FOUND);
    const to = nextQuizStatus(row.status, step);
    if (!to) throw new AppError('ILLEGAL_TRANSITION', step === 'open' ? '该答题活动已开放' : '只有进行中的答题活动可以结束');
    if (step === 'open') {
      const pool = (await poolFor(tx, row.tags)).length;
      if (pool < row.questionCount) throw notEnoughQuestions(pool, row.questionCount);
    }
    await updateQuizRow(tx, id, { status: to, updatedAt: now });
    await writeAudit(tx, actor, {
      action: `quiz.${step}`,
      entityType: 'quiz',
      entityId: id,
      summary: `${step === 'open' ? '开放' : '结束'}答题活动「${row.title}」`,
      before: { status: row.status },
      after: { status: to },
    }, requestId);
  });
}

const notEnoughQuestions = (pool: number, need: number) =>
  new AppError('CONFLICT', `题库中符合标签的启用题目只有 ${pool} 道，少于每次抽取的 ${need} 道；请补充题目或减少题目数量`, { pool, need });

// ------------------------------------------------------------------------------------------------
// Attempts
// ------------------------------------------------------------------------------------------------

/** The participant's attempt use of a quiz: used, left (null = unlimited), in progress, last submitted, best. */
function attemptSummary(q: QuizRow, attempts: readonly AttemptRow[], now: Date) {
  const inProgress = attempts.find((a) => a.status === 'in_progress' && a.deadlineAt > now);
  const submitted = attempts.filter((a) => a.status === 'submitted');
  return {
    attemptsUsed: attempts.length,
    attemptsLeft: q.maxAttempts === 0 ? null : Math.max(0, q.maxAttempts - attempts.length),
    inProgressAttemptId: inProgress?.id ?? null,
    lastSubmittedAttemptId: submitted[0]?.id ?? null,
    bestScore: submitted.length ? Math.max(...submitted.map((a) => a.score ?? 0)) : null,
  };
}

/**
 * 参加答题: the quizzes a staff member can answer now (open, inside their window), with their own
 * attempts (used, left, best score, one to resume, the last result).
 * @throws AppError FORBIDDEN without `quiz.take`
 */
export async function listTakeableQuizzes(db: DbOrTx, actor: Actor, now: Date): Promise<TakeableQuizList> {
  requirePermission(actor, 'quiz.take');
  const rows = (await findQuizzes(db, { withDrafts: false, status: 'open' })).filter((r) => isQuizAvailable(r.q, now));
  const mine = await findUserAttempts(db, actor.id, rows.map((r) => r.q.id));
  return {
    items: rows.map(({ q }) => ({
      id: q.id,
      title: q.title,
      description: q.description,
      questionCount: q.questionCount,
      timeLimitSeconds: q.timeLimitSeconds,
      maxAttempts: q.maxAttempts,
      closesAt: q.closesAt?.toISOString() ?? null,
      ...attemptSummary(q, mine.filter((a) => a.quizId === q.id), now),
    })),
  };
}

/** Who starts an attempt, and what the attempt row records about them. */
export interface AttemptOwner {
  participant: Participant;
  /** public attempts are allowed on public quizzes only */
  isPublic: boolean;
  nickname?: string;
  townshipId?: string | null;
  institutionId?: string | null;
}

/** The paper of an attempt: its questions in drawn order, without key, explanation or source. */
async function paperOf(db: DbOrTx, q: QuizRow, a: AttemptRow, now: Date): Promise<QuizPaper> {
  const byId = new Map((await findQuestionsByIds(db, a.questionIds)).map((r) => [r.id, r]));
  return {
    attemptId: a.id,
    quizId: q.id,
    quizTitle: q.title,
    status: 'in_progress',
    startedAt: a.startedAt.toISOString(),
    deadlineAt: a.deadlineAt.toISOString(),
    timeLimitSeconds: Math.round((a.deadlineAt.getTime() - a.startedAt.getTime()) / 1000),
    serverNow: now.toISOString(),
    questions: a.questionIds.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ id: r.id, kind: r.kind, stem: r.stem, options: r.options.map((o) => ({ key: o.key, text: o.text })) }] : [];
    }),
  };
}

/**
 * Starts an attempt: draws `questionCount` distinct active questions matching the quiz's tags,
 * uniformly at random on the server, and sets the deadline (now + time limit). When the participant
 * already has an unfinished attempt still inside its time, that one is returned instead (200): a
 * reload or a double tap never burns an attempt. Attempt starts of one quiz are serialised (row
 * lock), so concurrent starts cannot exceed the limit.
 * @returns status 201 (new) or 200 (resumed) and the paper — never the key
 * @throws AppError NOT_FOUND (unknown quiz, a draft, or a non-public quiz for the public);
 *   CONFLICT (409) when the quiz is not open now, the attempt limit is used up, or the bank holds
 *   too few matching questions
 */
export async function startAttempt(db: Db, quizId: string, owner: AttemptOwner, now: Date): Promise<{ status: 200 | 201; paper: QuizPaper }> {
  return db.transaction(async (tx) => {
    const q = await lockQuiz(tx, quizId);
    if (!q || q.status === 'draft' || (owner.isPublic && !q.isPublic)) throw notFound(QUIZ_NOT_FOUND);
    const attempts = await findParticipantAttempts(tx, quizId, owner.participant);
    const running = attempts.find((a) => a.status === 'in_progress' && a.deadlineAt > now);
    if (running) return { status: 200 as const, paper: await paperOf(tx, q, running, now) };
    if (!isQuizAvailable(q, now)) {
      const msg = q.status === 'closed' || (q.closesAt && now >= q.closesAt) ? '该答题活动已结束' : '该答题活动尚未开始';
      throw new AppError('CONFLICT', msg);
    }
    if (q.maxAttempts > 0 && attempts.length >= q.maxAttempts) {
      throw new AppError('CONFLICT', `本次答题每人最多可答 ${q.maxAttempts} 次，您的答题次数已用完`, { maxAttempts: q.maxAttempts, used: attempts.length });
    }
    const pool = await poolFor(tx, q.tags);
    if (pool.length < q.questionCount) throw notEnoughQuestions(pool.length, q.questionCount);
    const drawn = drawQuestions(pool, q.questionCount);
    const p = owner.participant;
    const a = await insertAttempt(tx, {
      quizId,
      userId: 'userId' in p ? p.userId : null,
      participantHash: 'participantHash' in p ? p.participantHash : null,
      nickname: owner.nickname ?? '',
      townshipId: owner.townshipId ?? null,
      institutionId: owner.institutionId ?? null,
      questionIds: drawn,
      startedAt: now,
      deadlineAt: new Date(now.getTime() + q.timeLimitSeconds * 1000),
      status: 'in_progress',
    });
    return { status: 201 as const, paper: await paperOf(tx, q, a, now) };
  });
}

/**
 * Starts (or resumes) a staff member's attempt; it records their township and institution for
 * the results. See {@link startAttempt}.
 * @throws AppError FORBIDDEN without `quiz.take`; as startAttempt
 */
export async function startStaffAttempt(db: Db, actor: Actor, quizId: string, now: Date) {
  requirePermission(actor, 'quiz.take');
  return startAttempt(db, quizId, { participant: { userId: actor.id }, isPublic: false, townshipId: actor.townshipId, institutionId: actor.institutionId }, now);
}

/** Whether an attempt belongs to the participant. */
const owns = (a: AttemptRow, p: Participant) => ('userId' in p ? a.userId === p.userId : a.participantHash !== null && a.participantHash === p.participantHash);

/** The result of a submitted attempt, with the key and the explanations. */
async function resultOf(db: DbOrTx, a: AttemptRow): Promise<QuizResult> {
  const q = await findQuiz(db, a.quizId);
  const byId = new Map((await findQuestionsByIds(db, a.questionIds)).map((r) => [r.id, r]));
  const answers = await findAttemptAnswers(db, a.id);
  return {
    attemptId: a.id,
    quizId: a.quizId,
    quizTitle: q?.title ?? '',
    status: 'submitted',
    startedAt: a.startedAt.toISOString(),
    deadlineAt: a.deadlineAt.toISOString(),
    submittedAt: a.submittedAt!.toISOString(),
    late: a.late,
    correctCount: a.correctCount ?? 0,
    questionCount: a.questionIds.length,
    score: a.score ?? 0,
    maxScore: a.maxScore ?? 100,
    questions: a.questionIds.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const ans = answers.get(id);
      return [{
        id: r.id,
        kind: r.kind,
        stem: r.stem,
        options: r.options.map((o) => ({ key: o.key, text: o.text })),
        chosen: ans?.chosen ?? [],
        correctKeys: sortKeys(r.answer),
        isCorrect: ans?.isCorrect ?? false,
        explanation: r.explanation,
        source: r.source,
      }];
    }),
  };
}

/**
 * An attempt as its owner sees it: the paper while in progress (no key), the result once
 * submitted. An in-progress attempt past its deadline still shows the paper: submitting it scores
 * it as at the deadline.
 * @throws AppError NOT_FOUND for an unknown attempt or someone else's
 */
export async function getAttemptView(db: DbOrTx, attemptId: string, p: Participant, now: Date): Promise<QuizPaper | QuizResult> {
  const a = await findAttempt(db, attemptId);
  if (!a || !owns(a, p)) throw notFound(ATTEMPT_NOT_FOUND);
  if (a.status === 'submitted') return resultOf(db, a);
  const q = await findQuiz(db, a.quizId);
  if (!q) throw notFound(ATTEMPT_NOT_FOUND);
  return paperOf(db, q, a, now);
}

/**
 * Scores an attempt, once. Inside the caller's transaction: the attempt row is locked, so a
 * double-clicked or replayed submission waits for the first and then returns the same result
 * (scored once; later answers are ignored).
 * - Answers are `{ questionId: optionKeys[] }`; unanswered questions count as wrong.
 * - After the deadline the answers are still scored, as if submitted at the limit
 *   (`submittedAt = deadlineAt`, `late = true`); the server never rejects a late submission.
 * - Scoring: single / true_false — the one key; multiple — all-or-nothing (exact set).
 * - Every question's answer is recorded in quiz_attempt_answer (for the most-missed questions).
 * @returns the result with the key and explanations
 * @throws AppError NOT_FOUND (unknown or someone else's attempt); VALIDATION_FAILED when an answer
 *   names a question outside the attempt or an option the question does not have
 */
export async function submitAttempt(tx: DbOrTx, attemptId: string, p: Participant, answers: Record<string, string[]>, now: Date): Promise<QuizResult> {
  const a = await lockAttempt(tx, attemptId);
  if (!a || !owns(a, p)) throw notFound(ATTEMPT_NOT_FOUND);
  if (a.status === 'submitted') return resultOf(tx, a);
  const questions = new Map((await findQuestionsByIds(tx, a.questionIds)).map((r) => [r.id, r]));
  for (const [qid, chosen] of Object.entries(answers)) {
    const q = questions.get(qid);
    if (!q || !a.questionIds.includes(qid)) throw invalidField(`answers.${qid}`, '该题不在本次答卷中');
    const keys = q.options.map((o) => o.key);
    const bad = chosen.filter((k) => !keys.includes(k));
    if (bad.length) throw invalidField(`answers.${qid}`, `选项 ${bad.join('、')} 不是该题的选项`);
  }
  const rows = a.questionIds.flatMap((qid) => {
    const q = questions.get(qid);
    if (!q) return [];
    const chosen = sortKeys(answers[qid] ?? []);
    return [{ attemptId: a.id, questionId: qid, chosen, isCorrect: isAnswerCorrect(q.kind, q.answer, chosen) }];
  });
  const correctCount = rows.filter((r) => r.isCorrect).length;
  const { score, maxScore } = scoreAttempt(correctCount, a.questionIds.length);
  const { submittedAt, late } = submissionTime(a.deadlineAt, now);
  await insertAttemptAnswers(tx, rows);
  await updateAttemptRow(tx, a.id, { status: 'submitted', submittedAt, late, correctCount, score, maxScore });
  return resultOf(tx, { ...a, status: 'submitted', submittedAt, late, correctCount, score, maxScore });
}

// ------------------------------------------------------------------------------------------------
// Public
// ------------------------------------------------------------------------------------------------

/**
 * A public quiz as the public page shows it, with this browser's attempts (by participant token
 * hash, when the cookie is present).
 * @throws AppError NOT_FOUND unless the quiz is public and open or closed (drafts do not exist for the public)
 */
export async function getPublicQuiz(db: DbOrTx, quizId: string, participantHash: string | null, now: Date): Promise<PublicQuiz> {
  const q = await findQuiz(db, quizId);
  if (!q || !q.isPublic || q.status === 'draft') throw notFound(QUIZ_NOT_FOUND);
  const attempts = participantHash ? await findParticipantAttempts(db, quizId, { participantHash }) : [];
  const { bestScore: _best, ...summary } = attemptSummary(q, attempts, now);
  return {
    id: q.id,
    title: q.title,
    description: q.description,
    questionCount: q.questionCount,
    timeLimitSeconds: q.timeLimitSeconds,
    maxAttempts: q.maxAttempts,
    status: q.status,
    opensAt: q.opensAt?.toISOString() ?? null,
    closesAt: q.closesAt?.toISOString() ?? null,
    available: isQuizAvailable(q, now),
    ...summary,
  };
}

/**
 * Starts (or resumes) a public attempt, identified by the participant token's hash (the attempt
 * limit is per token). See {@link startAttempt}.
 * @param nickname optional, shown on the leaderboard
 */
export async function startPublicAttempt(db: Db, quizId: string, participantHash: string, nickname: string, now: Date) {
  return startAttempt(db, quizId, { participant: { participantHash }, isPublic: true, nickname }, now);
}

// ------------------------------------------------------------------------------------------------
// Results
// ------------------------------------------------------------------------------------------------

const participantKey = (a: AttemptRow) => (a.userId ? `u:${a.userId}` : `p:${a.participantHash}`);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Participants, submitted attempts and mean score of some attempts. */
function statsOf(rows: readonly ResultRow[]) {
  const participants = new Set(rows.map((r) => participantKey(r.a))).size;
  const averageScore = rows.length ? round1(rows.reduce((s, r) => s + (r.a.score ?? 0), 0) / rows.length) : null;
  return { participants, attempts: rows.length, averageScore };
}

/** Seconds from start to when the answers counted. */
const secondsUsed = (a: AttemptRow) => Math.max(0, Math.round(((a.submittedAt ?? a.deadlineAt).getTime() - a.startedAt.getTime()) / 1000));

/**
 * The results of a quiz inside the actor's scope (see QuizResultsSchema): totals; per township
 * and per institution (every one in scope, zero rows included, so the units that did not take part
 * show); county-office staff and the public (county roles only); the leaderboard (each
 * participant's best attempt: score desc, time used asc, earlier first); the most-missed questions
 * (wrong share, then count; never with the key).
 * @param top leaderboard length
 * @throws AppError FORBIDDEN without `quiz.results`; NOT_FOUND (unknown quiz; a draft for non-managers)
 */
export async function getQuizResults(db: DbOrTx, actor: Actor, quizId: string, top: number): Promise<{ results: QuizResults; rows: ResultRow[] }> {
  requirePermission(actor, 'quiz.results');
  const q = await findQuiz(db, quizId);
  if (!q || (q.status === 'draft' && !actor.permissions.has('quiz.manage'))) throw notFound(QUIZ_NOT_FOUND);
  const scope = ROLE_SCOPE[actor.role];
  const rows = await findSubmittedAttempts(db, actor, { quizId });
  const townships = await findScopeTownships(db, actor);
  const institutions = await findScopeInstitutions(db, actor);
  const county = scope === 'county';
  const publicRows = rows.filter((r) => !r.a.userId && r.a.participantHash);

  const best = new Map<string, ResultRow>();
  const better = (x: ResultRow, y: ResultRow) =>
    (x.a.score ?? 0) - (y.a.score ?? 0) || secondsUsed(y.a) - secondsUsed(x.a) || y.a.submittedAt!.getTime() - x.a.submittedAt!.getTime();
  for (const r of rows) {
    const k = participantKey(r.a);
    const cur = best.get(k);
    if (!cur || better(r, cur) > 0) best.set(k, r);
  }
  const leaderboard = [...best.values()]
    .sort((x, y) => better(y, x))
    .slice(0, top)
    .map((r, i) => ({
      rank: i + 1,
      kind: r.a.userId ? ('staff' as const) : ('public' as const),
      name: r.a.userId ? r.userName ?? '' : r.a.nickname,
      unitName: r.a.userId ? r.institutionName ?? r.townshipName ?? null : null,
      score: r.a.score ?? 0,
      secondsUsed: secondsUsed(r.a),
      submittedAt: r.a.submittedAt!.toISOString(),
      late: r.a.late,
    }));

  const misses = await findMissCounts(db, actor, quizId);
  const mostMissed = misses
    .filter((m) => m.wrong > 0)
    .map((m) => ({ ...m, wrongRate: Math.round((m.wrong / m.answered) * 1000) / 1000 }))
    .sort((x, y) => y.wrongRate - x.wrongRate || y.wrong - x.wrong || x.code.localeCompare(y.code))
    .slice(0, 10);

  return {
    rows,
    results: {
      quiz: { id: q.id, title: q.title, status: q.status, questionCount: q.questionCount, isPublic: q.isPublic },
      scope,
      totals: statsOf(rows),
      countyStaff: county ? statsOf(rows.filter((r) => r.a.userId && !r.a.townshipId)) : null,
      publicAttempts: county ? publicRows.length : null,
      publicParticipants: county ? new Set(publicRows.map((r) => r.a.participantHash)).size : null,
      byTownship: townships.map((t) => ({ townshipId: t.id, townshipName: t.name, ...statsOf(rows.filter((r) => r.a.townshipId === t.id)) })),
      byInstitution: institutions.map((i) => ({ institutionId: i.id, institutionName: i.name, townshipName: i.townshipName, ...statsOf(rows.filter((r) => r.a.institutionId === i.id)) })),
      leaderboard,
      mostMissed,
    },
  };
}

/**
 * The results workbook of a quiz (see buildResultsWorkbook) with the whole leaderboard (top 100)
 * and every submitted attempt in the actor's scope.
 * @throws AppError as getQuizResults
 */
export async function exportQuizResultsXlsx(db: DbOrTx, actor: Actor, quizId: string, now: Date): Promise<{ bytes: Buffer; title: string }> {
  const { results, rows } = await getQuizResults(db, actor, quizId, 100);
  return { bytes: await buildResultsWorkbook(results, rows, now), title: results.quiz.title };
}

/**
 * Knowledge-quiz participation for dashboards and the campaign summary report: submitted attempts
 * whose answers counted in [from, to), inside the actor's scope (county: everything, including
 * the public; township: its own staff and institutions; institution: its own), optionally narrowed
 * to a township or an institution.
 * @param range `from` inclusive, `to` exclusive (instants; use startOfLocalDay / endOfLocalDay
 *   for local dates); `townshipId` / `institutionId` narrow further (public attempts belong to
 *   neither, so they then count 0)
 * @returns `attempts` (submitted), `participants` (distinct accounts + distinct public tokens),
 *   `averageScore` (mean percentage, one decimal; null without attempts) and `publicAttempts`
 * @throws AppError FORBIDDEN without `quiz.results`
 */
export async function quizStats(
  db: DbOrTx,
  actor: Actor,
  range: { from: Date; to: Date; townshipId?: string | undefined; institutionId?: string | undefined },
): Promise<{ attempts: number; participants: number; averageScore: number | null; publicAttempts: number }> {
  requirePermission(actor, 'quiz.results');
  const rows = await findSubmittedAttempts(db, actor, range);
  const s = statsOf(rows);
  return { attempts: s.attempts, participants: s.participants, averageScore: s.averageScore, publicAttempts: rows.filter((r) => !r.a.userId).length };
}
