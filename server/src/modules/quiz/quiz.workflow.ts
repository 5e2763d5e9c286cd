import { randomInt } from 'node:crypto';
import { QUIZ_MAX_SCORE, sortKeys, type QuizQuestionKind, type QuizStatus } from '@lifeline/shared';

/**
 * Pure rules of the knowledge quiz (网络知识答题): the quiz status machine, the random draw and the
 * scoring. No database, no clock — the service passes `now` in.
 */

/** Status changes of a quiz: a draft opens; an open quiz closes; a closed quiz may reopen. */
export type QuizStep = 'open' | 'close';

const TRANSITIONS: Record<QuizStep, Partial<Record<QuizStatus, QuizStatus>>> = {
  open: { draft: 'open', closed: 'open' },
  close: { open: 'closed' },
};

/**
 * The status after a step, or null when the step is not allowed from `from`.
 * @example nextQuizStatus('draft', 'open') === 'open'; nextQuizStatus('draft', 'close') === null
 */
export function nextQuizStatus(from: QuizStatus, step: QuizStep): QuizStatus | null {
  return TRANSITIONS[step][from] ?? null;
}

/**
 * Whether a quiz can be answered at `now`: status open, and inside its optional window
 * (`opensAt` ≤ now < `closesAt`).
 */
export function isQuizAvailable(q: { status: QuizStatus; opensAt: Date | null; closesAt: Date | null }, now: Date): boolean {
  if (q.status !== 'open') return false;
  if (q.opensAt && now < q.opensAt) return false;
  if (q.closesAt && now >= q.closesAt) return false;
  return true;
}

/** Whether a question with these tags may be drawn for a quiz with `quizTags` (empty = every question). */
export const matchesTags = (questionTags: readonly string[], quizTags: readonly string[]): boolean =>
  quizTags.length === 0 || questionTags.some((t) => quizTags.includes(t));

/**
 * Draws `count` distinct ids uniformly at random (partial Fisher–Yates with a cryptographic RNG):
 * every subset of the pool is equally likely, in a random order.
 * @param pool candidate ids (not modified)
 * @param rand returns an integer in [0, max) — tests may inject one
 * @throws Error when the pool holds fewer than `count` ids (the service checks first)
 */
export function drawQuestions<T>(pool: readonly T[], count: number, rand: (max: number) => number = randomInt): T[] {
  if (pool.length < count) throw new Error(`pool of ${pool.length} cannot supply ${count}`);
  const a = [...pool];
  for (let i = 0; i < count; i++) {
    const j = i + rand(a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, count);
}

/**
 * Whether the chosen keys answer a question correctly. Single choice and true/false: the one
 * correct key. Multiple choice: all-or-nothing — exactly the correct set, no partial credit (one
 * missing or one extra key makes it wrong). Order and repeats do not matter.
 */
export function isAnswerCorrect(kind: QuizQuestionKind, correct: readonly string[], chosen: readonly string[]): boolean {
  const c = sortKeys(correct);
  const x = sortKeys(chosen);
  if (kind !== 'multiple' && x.length !== 1) return false;
  return c.length === x.length && c.every((k, i) => k === x[i]);
}

/**
 * The score of an attempt: every question weighs the same, as a percentage rounded to a whole
 * number (`round(100 × correct ÷ questions)`).
 * @returns `{ score, maxScore }` with maxScore = {@link QUIZ_MAX_SCORE}
 */
export function scoreAttempt(correctCount: number, questionCount: number): { score: number; maxScore: number } {
  if (questionCount <= 0) return { score: 0, maxScore: QUIZ_MAX_SCORE };
  return { score: Math.round((QUIZ_MAX_SCORE * correctCount) / questionCount), maxScore: QUIZ_MAX_SCORE };
}

/**
 * When the answers of a submission count: now, or the deadline when they arrive after it. Late
 * answers are never rejected; they are scored as if given at the limit.
 * @returns the time to record as `submittedAt` and whether it was late
 */
export function submissionTime(deadlineAt: Date, now: Date): { submittedAt: Date; late: boolean } {
  return now > deadlineAt ? { submittedAt: deadlineAt, late: true } : { submittedAt: now, late: false };
}
