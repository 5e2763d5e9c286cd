import { z } from 'zod';
import { PageQuerySchema, QueryBool, UuidSchema, optText, text } from './common.ts';

/**
 * 网络知识答题 (knowledge quiz) API contract: the question bank (题库), quizzes (答题活动), attempts
 * by staff (logged in) and by the public (no login, a random participant token in an httpOnly
 * cookie), and results.
 *
 * Rules every client can rely on:
 * - The answer key (`correctKeys`), explanations and sources never appear in an attempt before it
 *   is submitted; they come back only in the {@link QuizResultSchema} of a submitted attempt.
 * - Scoring is server-side: every drawn question weighs the same; a multiple-choice question counts
 *   only when the chosen set equals the correct set exactly (all-or-nothing, no partial credit);
 *   `score = round(100 × correct ÷ questions)` out of `maxScore = 100`.
 * - Submissions after the time limit are never rejected: they are scored with the answers sent, as
 *   if given at the limit (`submittedAt = deadlineAt`, `late = true`). The web client submits by
 *   itself when the countdown ends, so a late arrival is normally a slow network.
 * - A replayed or double-clicked submission is scored once: later calls return the first result
 *   (200, same body), with or without an `Idempotency-Key`.
 */

// ------------------------------------------------------------------------------------------------
// Vocabularies
// ------------------------------------------------------------------------------------------------

export const QUIZ_QUESTION_KINDS = ['single', 'multiple', 'true_false'] as const;
export type QuizQuestionKind = (typeof QUIZ_QUESTION_KINDS)[number];

export const QUIZ_STATUSES = ['draft', 'open', 'closed'] as const;
export type QuizStatus = (typeof QUIZ_STATUSES)[number];

/** The tags the shipped questions use (a bureau may add its own; tags are free text). */
export const QUIZ_TAGS = ['判定标准', '生命通道', '消防法', '举报奖励', '应急疏散', '安全生产月', '消防安全管理', '安全生产法', '民政服务机构'] as const;

/** Option keys of single/multiple questions, in order; true/false questions use T and F. */
export const QUIZ_OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const QUIZ_TRUE_FALSE_KEYS = ['T', 'F'] as const;

/** Points of a whole quiz: scores are percentages. */
export const QUIZ_MAX_SCORE = 100;

/** Code of a question: letters, digits, `-` or `_`, e.g. Q001 (shipped) or B001 (bureau). */
export const QUIZ_CODE_RE = /^[A-Za-z0-9_-]{1,20}$/;

// ------------------------------------------------------------------------------------------------
// Question bank
// ------------------------------------------------------------------------------------------------

export const QuizOptionSchema = z.object({
  key: z.string().trim().regex(/^[A-FTF]$/, { message: '选项标识应为 A–F（判断题为 T/F）' }),
  text: text(300, '选项内容'),
});
export type QuizOption = z.infer<typeof QuizOptionSchema>;

/** The parts of a question that make it answerable, checked by {@link checkQuizQuestion}. */
export interface QuizQuestionShape {
  kind: QuizQuestionKind;
  options: readonly { key: string; text: string }[];
  answer: readonly string[];
}

/**
 * Checks that a question can be answered and scored: option keys are A, B, C … in order (2–6
 * options) or exactly T/F for a true/false question; the answer keys are option keys without
 * repeats; a single-choice and a true/false question have exactly one answer, a multiple-choice
 * question at least two.
 * @returns zh-CN problems with the field they concern (`options`, `answer`); empty when fine
 */
export function checkQuizQuestion(q: QuizQuestionShape): { path: 'options' | 'answer'; message: string }[] {
  const out: { path: 'options' | 'answer'; message: string }[] = [];
  const keys = q.options.map((o) => o.key);
  if (q.kind === 'true_false') {
    if (keys.join() !== 'T,F') out.push({ path: 'options', message: '判断题的选项应为 T（正确）和 F（错误）两项' });
  } else {
    if (keys.length < 2 || keys.length > QUIZ_OPTION_KEYS.length) out.push({ path: 'options', message: `选择题应有 2–${QUIZ_OPTION_KEYS.length} 个选项` });
    else if (keys.some((k, i) => k !== QUIZ_OPTION_KEYS[i])) out.push({ path: 'options', message: '选项标识应依次为 A、B、C……' });
  }
  if (new Set(q.answer).size !== q.answer.length) out.push({ path: 'answer', message: '答案中有重复的选项' });
  const unknown = q.answer.filter((a) => !keys.includes(a));
  if (unknown.length) out.push({ path: 'answer', message: `答案 ${unknown.join('、')} 不是本题的选项` });
  if ((q.kind === 'single' || q.kind === 'true_false') && q.answer.length !== 1) out.push({ path: 'answer', message: q.kind === 'single' ? '单选题只能有一个答案' : '判断题只能有一个答案' });
  if (q.kind === 'multiple' && q.answer.length < 2) out.push({ path: 'answer', message: '多选题至少要有两个答案' });
  return out;
}

/** Sorted copy of answer keys (how answers are stored and compared). */
export const sortKeys = (keys: readonly string[]): string[] => [...new Set(keys)].sort();

const TagListSchema = z
  .array(text(20, '标签'))
  .max(10, { message: '标签最多 10 个' })
  .transform((tags) => [...new Set(tags)]);

const questionFields = {
  kind: z.enum(QUIZ_QUESTION_KINDS, { message: '题型应为单选、多选或判断' }),
  stem: text(500, '题干'),
  options: z.array(QuizOptionSchema).min(2, { message: '至少需要两个选项' }).max(QUIZ_OPTION_KEYS.length, { message: `最多 ${QUIZ_OPTION_KEYS.length} 个选项` }),
  answer: z.array(z.string().trim()).min(1, { message: '请选择答案' }),
  explanation: text(1000, '解析'),
  tags: TagListSchema.refine((t) => t.length > 0, { message: '至少需要一个标签' }),
  source: text(300, '出处'),
};

const refineQuestion = (v: QuizQuestionShape, ctx: z.RefinementCtx) => {
  for (const p of checkQuizQuestion(v)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
};

/**
 * Body of POST /api/quiz-questions. `code` is optional: a new bureau question without one gets the
 * next free `B001`, `B002` … (shipped questions are `Q001` …, so the two never collide).
 */
export const QuizQuestionInputSchema = z
  .object({
    code: z.string().trim().regex(QUIZ_CODE_RE, { message: '编号为 1–20 位字母、数字、- 或 _' }).optional(),
    ...questionFields,
    isActive: z.boolean().default(true),
  })
  .superRefine((v, ctx) => refineQuestion({ ...v, answer: v.answer }, ctx));
export type QuizQuestionInput = z.input<typeof QuizQuestionInputSchema>;
export type QuizQuestionValues = z.output<typeof QuizQuestionInputSchema>;

/**
 * Body of PATCH /api/quiz-questions/:id. Changing the kind, options or answer needs all three
 * consistent after the change (checked against the stored question). `isActive: false` retires a
 * question from new draws; past attempts keep resolving it.
 */
export const QuizQuestionPatchSchema = z.object({
  kind: questionFields.kind.optional(),
  stem: questionFields.stem.optional(),
  options: questionFields.options.optional(),
  answer: questionFields.answer.optional(),
  explanation: questionFields.explanation.optional(),
  tags: questionFields.tags.optional(),
  source: questionFields.source.optional(),
  isActive: z.boolean().optional(),
});
export type QuizQuestionPatch = z.input<typeof QuizQuestionPatchSchema>;

/** A question as the county admin sees it in the bank (with the answer key). */
export const QuizQuestionSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(QUIZ_QUESTION_KINDS),
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
  answer: z.array(z.string()),
  explanation: z.string(),
  tags: z.array(z.string()),
  source: z.string(),
  isActive: z.boolean(),
  isBuiltIn: z.boolean(),
  updatedAt: z.string(),
});
export type QuizQuestion = z.infer<typeof QuizQuestionSchema>;

/** GET /api/quiz-questions filters: text search (code, stem, options, source), tag, kind, active. */
export const QuizQuestionListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(20).optional(),
  kind: z.enum(QUIZ_QUESTION_KINDS, { message: '题型无效' }).optional(),
  active: QueryBool.optional(),
});
export type QuizQuestionListQuery = z.output<typeof QuizQuestionListQuerySchema>;

export const QuizQuestionPageSchema = z.object({
  items: z.array(QuizQuestionSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** every tag in the bank with its count of active questions (for the filter and quiz forms) */
  tags: z.array(z.object({ tag: z.string(), active: z.number().int() })),
});
export type QuizQuestionPage = z.infer<typeof QuizQuestionPageSchema>;

/** POST /api/quiz-questions/import (multipart, field `file`): `dryRun` defaults to true. */
export const QuizImportQuerySchema = z.object({ dryRun: QueryBool.default(true) });

/** One data row of an imported bank: what it would do, and what is wrong (zh-CN). */
export const QuizImportRowSchema = z.object({
  row: z.number().int(),
  code: z.string(),
  action: z.enum(['create', 'update', 'unchanged', 'error']),
  errors: z.array(z.string()),
});
export type QuizImportRow = z.infer<typeof QuizImportRowSchema>;

/**
 * What an import found, row by row. Rows are matched by 编号 (code): a known code updates that
 * question, a new or empty code creates one. `valid` = no workbook error and no row error; a
 * non-dry run that is not valid answers 400 with this report in `error.details` and writes nothing.
 */
export const QuizImportReportSchema = z.object({
  dryRun: z.boolean(),
  valid: z.boolean(),
  errorCount: z.number().int(),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  rows: z.array(QuizImportRowSchema),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** true once the rows were written */
  applied: z.boolean(),
});
export type QuizImportReport = z.infer<typeof QuizImportReportSchema>;

// ------------------------------------------------------------------------------------------------
// Quizzes
// ------------------------------------------------------------------------------------------------

const IsoDateTime = z.iso.datetime({ offset: true, message: '时间格式无效' });

const quizFields = {
  title: text(100, '标题'),
  description: optText(1000, '说明'),
  /** draw from active questions having any of these tags; empty = the whole bank */
  tags: TagListSchema,
  questionCount: z.number({ message: '题目数量应为整数' }).int({ message: '题目数量应为整数' }).min(1, { message: '题目数量为 1–200' }).max(200, { message: '题目数量为 1–200' }),
  timeLimitSeconds: z.number({ message: '答题时限应为整数秒' }).int({ message: '答题时限应为整数秒' }).min(30, { message: '答题时限为 30 秒到 4 小时' }).max(14400, { message: '答题时限为 30 秒到 4 小时' }),
  /** per account (staff) or per browser (public); 0 = unlimited */
  maxAttempts: z.number({ message: '答题次数应为整数' }).int({ message: '答题次数应为整数' }).min(0, { message: '答题次数为 0–100（0 为不限）' }).max(100, { message: '答题次数为 0–100（0 为不限）' }),
  isPublic: z.boolean(),
  campaignId: UuidSchema.nullable(),
  opensAt: IsoDateTime.nullable(),
  closesAt: IsoDateTime.nullable(),
};

const refineWindow = (v: { opensAt?: string | null | undefined; closesAt?: string | null | undefined }, ctx: z.RefinementCtx) => {
  if (v.opensAt && v.closesAt && new Date(v.closesAt) <= new Date(v.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '结束时间应晚于开始时间' });
};

/** Body of POST /api/quizzes. A new quiz is a draft until opened. */
export const QuizInputSchema = z
  .object({
    ...quizFields,
    description: quizFields.description.default(''),
    tags: quizFields.tags.default([]),
    maxAttempts: quizFields.maxAttempts.default(1),
    isPublic: quizFields.isPublic.default(false),
    campaignId: quizFields.campaignId.default(null),
    opensAt: quizFields.opensAt.default(null),
    closesAt: quizFields.closesAt.default(null),
  })
  .superRefine(refineWindow);
export type QuizInput = z.input<typeof QuizInputSchema>;

/** Body of PATCH /api/quizzes/:id (status changes through …/open and …/close). */
export const QuizPatchSchema = z
  .object({
    title: quizFields.title.optional(),
    description: quizFields.description.optional(),
    tags: quizFields.tags.optional(),
    questionCount: quizFields.questionCount.optional(),
    timeLimitSeconds: quizFields.timeLimitSeconds.optional(),
    maxAttempts: quizFields.maxAttempts.optional(),
    isPublic: quizFields.isPublic.optional(),
    campaignId: quizFields.campaignId.optional(),
    opensAt: quizFields.opensAt.optional(),
    closesAt: quizFields.closesAt.optional(),
  })
  .superRefine(refineWindow);
export type QuizPatch = z.input<typeof QuizPatchSchema>;

/** A quiz for the admin and for results readers, with what the current user may do. */
export const QuizSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  questionCount: z.number().int(),
  timeLimitSeconds: z.number().int(),
  maxAttempts: z.number().int(),
  isPublic: z.boolean(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  status: z.enum(QUIZ_STATUSES),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  createdAt: z.string(),
  /** active questions matching the tags now (a quiz opens only when this ≥ questionCount) */
  poolSize: z.number().int(),
  /** submitted attempts (all, unscoped count only for the county; scoped otherwise) */
  submittedAttempts: z.number().int(),
  /** the public page, when the quiz is public */
  publicPath: z.string().nullable(),
  abilities: z.object({ update: z.boolean(), open: z.boolean(), close: z.boolean(), results: z.boolean() }),
});
export type Quiz = z.infer<typeof QuizSchema>;
export const QuizListSchema = z.object({ items: z.array(QuizSchema) });
export type QuizList = z.infer<typeof QuizListSchema>;

/** One quiz a staff member can take now (GET /api/quizzes), with their own attempts. */
export const TakeableQuizSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  questionCount: z.number().int(),
  timeLimitSeconds: z.number().int(),
  maxAttempts: z.number().int(),
  closesAt: z.string().nullable(),
  /** how many attempts this account has started */
  attemptsUsed: z.number().int(),
  /** attempts left; null = unlimited */
  attemptsLeft: z.number().int().nullable(),
  bestScore: z.number().int().nullable(),
  /** an unfinished attempt still within its time (resume it) */
  inProgressAttemptId: z.string().nullable(),
  /** the latest submitted attempt (see its result) */
  lastSubmittedAttemptId: z.string().nullable(),
});
export type TakeableQuiz = z.infer<typeof TakeableQuizSchema>;
export const TakeableQuizListSchema = z.object({ items: z.array(TakeableQuizSchema) });
export type TakeableQuizList = z.infer<typeof TakeableQuizListSchema>;

/** GET /api/public/quizzes/:id — what the public page shows before starting. */
export const PublicQuizSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  questionCount: z.number().int(),
  timeLimitSeconds: z.number().int(),
  maxAttempts: z.number().int(),
  status: z.enum(['open', 'closed']),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  /** open and inside its time window now */
  available: z.boolean(),
  /** attempts this browser has started (0 without the participant cookie) */
  attemptsUsed: z.number().int(),
  attemptsLeft: z.number().int().nullable(),
  inProgressAttemptId: z.string().nullable(),
  lastSubmittedAttemptId: z.string().nullable(),
});
export type PublicQuiz = z.infer<typeof PublicQuizSchema>;

// ------------------------------------------------------------------------------------------------
// Attempts
// ------------------------------------------------------------------------------------------------

/** POST /api/public/quizzes/:id/attempts body: an optional nickname shown on the leaderboard. */
export const PublicAttemptInputSchema = z.object({
  nickname: optText(20, '昵称').default(''),
});

/** A drawn question as the participant sees it while answering: no key, no explanation, no source. */
export const QuizPaperQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(QUIZ_QUESTION_KINDS),
  stem: z.string(),
  options: z.array(z.object({ key: z.string(), text: z.string() })),
});
export type QuizPaperQuestion = z.infer<typeof QuizPaperQuestionSchema>;

/** The started attempt (201, or 200 when an unfinished one is resumed): questions without the key. */
export const QuizPaperSchema = z.object({
  attemptId: z.string(),
  quizId: z.string(),
  quizTitle: z.string(),
  status: z.literal('in_progress'),
  startedAt: z.string(),
  deadlineAt: z.string(),
  timeLimitSeconds: z.number().int(),
  /** the server's clock when this was sent (clients correct their countdown with it) */
  serverNow: z.string(),
  questions: z.array(QuizPaperQuestionSchema),
});
export type QuizPaper = z.infer<typeof QuizPaperSchema>;

/** POST …/quiz-attempts/:id/submit body: chosen option keys by question id (unanswered may be left out). */
export const QuizSubmitSchema = z.object({
  answers: z.record(UuidSchema, z.array(z.string().trim().max(2)).max(6)),
});
export type QuizSubmit = z.input<typeof QuizSubmitSchema>;

/** A submitted attempt's result: the score, then each question with the key and explanation. */
export const QuizResultSchema = z.object({
  attemptId: z.string(),
  quizId: z.string(),
  quizTitle: z.string(),
  status: z.literal('submitted'),
  startedAt: z.string(),
  deadlineAt: z.string(),
  /** when the answers counted: the time of submission, or the deadline when late */
  submittedAt: z.string(),
  late: z.boolean(),
  correctCount: z.number().int(),
  questionCount: z.number().int(),
  score: z.number().int(),
  maxScore: z.number().int(),
  questions: z.array(
    QuizPaperQuestionSchema.extend({
      chosen: z.array(z.string()),
      correctKeys: z.array(z.string()),
      isCorrect: z.boolean(),
      explanation: z.string(),
      source: z.string(),
    }),
  ),
});
export type QuizResult = z.infer<typeof QuizResultSchema>;

/** GET …/quiz-attempts/:id: the paper while in progress, the result once submitted. */
export const QuizAttemptViewSchema = z.union([QuizPaperSchema, QuizResultSchema]);
export type QuizAttemptView = z.infer<typeof QuizAttemptViewSchema>;

export const QuizAttemptParamSchema = z.object({ id: UuidSchema });

// ------------------------------------------------------------------------------------------------
// Results
// ------------------------------------------------------------------------------------------------

export const QuizResultsQuerySchema = z.object({
  top: z.coerce.number().int().min(1).max(100).default(10),
});

const GroupStatsSchema = z.object({
  participants: z.number().int(),
  attempts: z.number().int(),
  /** mean score of submitted attempts, one decimal; null without attempts */
  averageScore: z.number().nullable(),
});

/**
 * GET /api/quizzes/:id/results — scoped: the county sees everything; a township officer only the
 * rows of their township; an institution officer only their institution. Public (no account)
 * attempts are counted for county roles only (`publicAttempts` is null otherwise).
 */
export const QuizResultsSchema = z.object({
  quiz: z.object({ id: z.string(), title: z.string(), status: z.enum(QUIZ_STATUSES), questionCount: z.number().int(), isPublic: z.boolean() }),
  scope: z.enum(['county', 'township', 'institution']),
  totals: GroupStatsSchema,
  /** county-office staff (no township): county scope only */
  countyStaff: GroupStatsSchema.nullable(),
  publicAttempts: z.number().int().nullable(),
  publicParticipants: z.number().int().nullable(),
  byTownship: z.array(GroupStatsSchema.extend({ townshipId: z.string(), townshipName: z.string() })),
  byInstitution: z.array(GroupStatsSchema.extend({ institutionId: z.string(), institutionName: z.string(), townshipName: z.string() })),
  /** best submitted attempt per participant: score desc, then time used asc */
  leaderboard: z.array(
    z.object({
      rank: z.number().int(),
      kind: z.enum(['staff', 'public']),
      /** staff: the account's display name; public: the nickname ('' when none was given) */
      name: z.string(),
      unitName: z.string().nullable(),
      score: z.number().int(),
      secondsUsed: z.number().int(),
      submittedAt: z.string(),
      late: z.boolean(),
    }),
  ),
  /** questions answered wrongly most often (wrong share, then count) — never with the answer key */
  mostMissed: z.array(
    z.object({
      questionId: z.string(),
      code: z.string(),
      stem: z.string(),
      answered: z.number().int(),
      wrong: z.number().int(),
      wrongRate: z.number(),
    }),
  ),
});
export type QuizResults = z.infer<typeof QuizResultsSchema>;
