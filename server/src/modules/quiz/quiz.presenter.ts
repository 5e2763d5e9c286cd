import type { Quiz, QuizQuestion } from '@lifeline/shared';
import type { Actor } from '../../policies/index.ts';
import type { QuestionRow, QuizListRow } from './quiz.repo.ts';
import { nextQuizStatus } from './quiz.workflow.ts';

/** Question row → the admin's DTO (with the answer key: bank routes require `quiz.manage`). */
export function toQuestionDto(r: QuestionRow): QuizQuestion {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    stem: r.stem,
    options: r.options.map((o) => ({ key: o.key, text: o.text })),
    answer: [...r.answer].sort(),
    explanation: r.explanation,
    tags: r.tags,
    source: r.source,
    isActive: r.isActive,
    isBuiltIn: r.isBuiltIn,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/**
 * Quiz row → DTO with what the actor may do: edit / open / close need `quiz.manage` and a legal
 * status change (quiz.workflow.ts); results need `quiz.results`.
 * @param poolSize active questions matching the quiz's tags now
 * @param submitted submitted attempts inside the actor's scope
 */
export function toQuizDto(r: QuizListRow, actor: Actor, poolSize: number, submitted: number): Quiz {
  const q = r.q;
  const manage = actor.permissions.has('quiz.manage');
  return {
    id: q.id,
    title: q.title,
    description: q.description,
    tags: q.tags,
    questionCount: q.questionCount,
    timeLimitSeconds: q.timeLimitSeconds,
    maxAttempts: q.maxAttempts,
    isPublic: q.isPublic,
    campaignId: q.campaignId,
    campaignName: r.campaignName,
    status: q.status,
    opensAt: q.opensAt?.toISOString() ?? null,
    closesAt: q.closesAt?.toISOString() ?? null,
    createdAt: q.createdAt.toISOString(),
    poolSize,
    submittedAttempts: submitted,
    publicPath: q.isPublic ? `/quiz/${q.id}` : null,
    abilities: {
      update: manage,
      open: manage && nextQuizStatus(q.status, 'open') !== null,
      close: manage && nextQuizStatus(q.status, 'close') !== null,
      results: actor.permissions.has('quiz.results'),
    },
  };
}
