import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import { z } from 'zod';
import {
  IdParamSchema,
  PublicAttemptInputSchema,
  PublicQuizSchema,
  QuizAttemptParamSchema,
  QuizAttemptViewSchema,
  QuizImportQuerySchema,
  QuizImportReportSchema,
  QuizInputSchema,
  QuizListSchema,
  QuizPaperSchema,
  QuizPatchSchema,
  QuizQuestionInputSchema,
  QuizQuestionListQuerySchema,
  QuizQuestionPageSchema,
  QuizQuestionPatchSchema,
  QuizQuestionSchema,
  QuizResultSchema,
  QuizResultsQuerySchema,
  QuizResultsSchema,
  QuizSchema,
  QuizSubmitSchema,
  TakeableQuizListSchema,
  localDate,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { AppError } from '../../lib/app-error.ts';
import { runIdempotent } from '../../lib/idempotency.ts';
import { actorOf } from '../../plugins/auth.ts';
import {
  changeQuizStatus,
  createQuiz,
  createQuizQuestion,
  exportQuizBankXlsx,
  exportQuizResultsXlsx,
  getAttemptView,
  getPublicQuiz,
  getQuiz,
  getQuizQuestion,
  getQuizResults,
  importQuizBank,
  listQuizQuestions,
  listQuizzes,
  listTakeableQuizzes,
  startPublicAttempt,
  startStaffAttempt,
  submitAttempt,
  updateQuiz,
  updateQuizQuestion,
} from './quiz.service.ts';
import { XLSX_MIME } from './quiz.xlsx.ts';

/** Cookie holding a public participant's random token (the database keeps only its hash). */
export const QUIZ_PARTICIPANT_COOKIE = 'lifeline_quiz_pt';
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
/** How long a browser keeps its participant token (its attempt limit follows it). */
const TOKEN_MAX_AGE_S = 180 * 24 * 3600;

/** Per-IP limits of the public quiz: starting attempts is the costly, abusable step. */
export const PUBLIC_QUIZ_RATE_LIMITS = {
  read: { max: 60, timeWindow: '1 minute' },
  start: { max: 10, timeWindow: '1 minute' },
  submit: { max: 30, timeWindow: '1 minute' },
};

const hashToken = (token: string) => createHash('sha256').update(`quiz:${token}`).digest('hex');

/** The hash of the request's participant token, or null without a valid cookie. */
function participantHashOf(req: FastifyRequest): string | null {
  const token = req.cookies[QUIZ_PARTICIPANT_COOKIE];
  return token && TOKEN_RE.test(token) ? hashToken(token) : null;
}

/** The request's participant hash; issues a new random token in an httpOnly cookie when it has none. */
function ensureParticipant(req: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = participantHashOf(req);
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(QUIZ_PARTICIPANT_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/api/public/', maxAge: TOKEN_MAX_AGE_S });
  return hashToken(token);
}

const IdemHeaders = z.object({ 'idempotency-key': z.string().optional() }).passthrough();

/**
 * /api/quiz-questions (题库, `quiz.manage`), /api/quizzes (答题活动: manage, take, results),
 * /api/quiz-attempts (staff attempts) and /api/public/quizzes + /api/public/quiz-attempts (the
 * public, no login, rate-limited, identified by a participant-token cookie).
 */
export async function quizRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['quiz'];

  // ---------------------------------------------------------------- question bank
  r.get('/api/quiz-questions', {
    config: { permission: 'quiz.manage' },
    schema: { tags, summary: '题库列表（按编号、题干、出处搜索；按标签、题型、启用筛选）', querystring: QuizQuestionListQuerySchema, response: { 200: QuizQuestionPageSchema } },
  }, async (req) => listQuizQuestions(db, actorOf(req), req.query));

  r.post('/api/quiz-questions', {
    config: { permission: 'quiz.manage' },
    schema: { tags, summary: '新增题目（不填编号时自动编为 B001 起）', body: QuizQuestionInputSchema, response: { 201: QuizQuestionSchema } },
  }, async (req, reply) => reply.status(201).send(await createQuizQuestion(db, actorOf(req), req.body, deps.now(), req.id)));

  r.get('/api/quiz-questions/export.xlsx', {
    config: { permission: 'quiz.manage' },
    schema: { tags, summary: '导出题库 .xlsx（可修改后按编号导入）' },
  }, async (req, reply) => {
    const now = deps.now();
    const bytes = await exportQuizBankXlsx(db, actorOf(req), now);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(`题库-${localDate(now)}.xlsx`)).send(bytes);
  });

  r.post('/api/quiz-questions/import', {
    config: { permission: 'quiz.manage' },
    schema: {
      tags,
      summary: '从 Excel 导入题库（multipart，字段 file；按编号更新或新增；dryRun 默认 true 只出逐行报告）',
      consumes: ['multipart/form-data'],
      querystring: QuizImportQuerySchema,
      response: { 200: QuizImportReportSchema },
    },
  }, async (req) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传 .xlsx 文件（字段 file）');
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION_FAILED', '没有收到文件', [{ path: 'file', message: '请选择 .xlsx 文件' }]);
    const bytes = await file.toBuffer();
    if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件为空', [{ path: 'file', message: '文件为空' }]);
    return importQuizBank(db, actorOf(req), bytes, { dryRun: req.query.dryRun, filename: file.filename || '题库.xlsx' }, deps.now(), req.id);
  });

  r.get('/api/quiz-questions/:id', {
    config: { permission: 'quiz.manage' },
    schema: { tags, summary: '题目详情（含答案）', params: IdParamSchema, response: { 200: QuizQuestionSchema } },
  }, async (req) => getQuizQuestion(db, actorOf(req), req.params.id));

  r.patch('/api/quiz-questions/:id', {
    config: { permission: 'quiz.manage' },
    schema: { tags, summary: '修改题目；isActive=false 停用（不再被抽到）', params: IdParamSchema, body: QuizQuestionPatchSchema, response: { 200: QuizQuestionSchema } },
  }, async (req) => updateQuizQuestion(db, actorOf(req), req.params.id, req.body, deps.now(), req.id));

  // ---------------------------------------------------------------- quizzes
  r.get('/api/quizzes', {
    config: { permission: 'quiz.take' },
    schema: { tags, summary: '参加答题：当前可参加的答题活动及本人答题情况', response: { 200: TakeableQuizListSchema } },
  }, async (req) => listTakeableQuizzes(db, actorOf(req), deps.now()));

  r.get('/api/quizzes/all', {
    config: { permission: 'quiz.results' },
    schema: { tags, summary: '答题活动列表（管理员含草稿；其他角色为进行中和已结束的，用于查看成绩）', response: { 200: QuizListSchema } },
  }, async (req) => listQuizzes(db, actorOf(req)));

  r.post('/api/quizzes', {
    config: { permission: 'quiz.manage' },
    schema: { tags, summary: '新建答题活动（草稿）', body: QuizInputSchema, response: { 201: QuizSchema } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createQuiz(db, actor, req.body, deps.now(), req.id);
    return reply.status(201).send(await getQuiz(db, actor, id));
  });

  r.get('/api/quizzes/:id', {
    config: { permission: 'quiz.results' },
    schema: { tags, summary: '答题活动详情', params: IdParamSchema, response: { 200: QuizSchema } },
  }, async (req) => getQuiz(db, actorOf(req), req.params.id));

  r.patch('/api/quizzes/:id', {
    config: { permission: 'quiz.manage' },
    schema: { tags, summary: '修改答题活动（对之后开始的答卷生效）', params: IdParamSchema, body: QuizPatchSchema, response: { 200: QuizSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateQuiz(db, actor, req.params.id, req.body, deps.now(), req.id);
    return getQuiz(db, actor, req.params.id);
  });

  for (const step of ['open', 'close'] as const) {
    r.post(`/api/quizzes/:id/${step}`, {
      config: { permission: 'quiz.manage' },
      schema: {
        tags,
        summary: step === 'open' ? '开放答题（草稿或已结束 → 进行中；题库中符合标签的启用题目须足够）' : '结束答题（进行中 → 已结束；已开始的答卷仍可交卷）',
        params: IdParamSchema,
        response: { 200: QuizSchema },
      },
    }, async (req) => {
      const actor = actorOf(req);
      await changeQuizStatus(db, actor, req.params.id, step, deps.now(), req.id);
      return getQuiz(db, actor, req.params.id);
    });
  }

  r.post('/api/quizzes/:id/attempts', {
    config: { permission: 'quiz.take' },
    schema: {
      tags,
      summary: '开始答题：服务器随机抽题，返回题目（不含答案和解析）和截止时间；有未完成的答卷时返回该答卷（200）',
      params: IdParamSchema,
      response: { 201: QuizPaperSchema, 200: QuizPaperSchema },
    },
  }, async (req, reply) => {
    const res = await startStaffAttempt(db, actorOf(req), req.params.id, deps.now());
    return reply.status(res.status).send(res.paper);
  });

  r.get('/api/quiz-attempts/:id', {
    config: { permission: 'quiz.take' },
    schema: { tags, summary: '本人的答卷：答题中返回题目（不含答案），已交卷返回成绩和解析', params: QuizAttemptParamSchema, response: { 200: QuizAttemptViewSchema } },
  }, async (req) => getAttemptView(db, req.params.id, { userId: actorOf(req).id }, deps.now()));

  r.post('/api/quiz-attempts/:id/submit', {
    config: { permission: 'quiz.take' },
    schema: {
      tags,
      summary: '交卷评分（超时提交按截止时刻计分并标记超时；重复提交只评分一次，返回首次结果；支持 Idempotency-Key）',
      params: QuizAttemptParamSchema,
      headers: IdemHeaders,
      body: QuizSubmitSchema,
      response: { 200: QuizResultSchema },
    },
  }, async (req) => {
    const actor = actorOf(req);
    const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: `POST /api/quiz-attempts/${req.params.id}/submit`, body: req.body }, async (tx) => ({
      status: 200,
      body: await submitAttempt(tx, req.params.id, { userId: actor.id }, req.body.answers, deps.now()),
    }));
    return res.body;
  });

  r.get('/api/quizzes/:id/results', {
    config: { permission: 'quiz.results' },
    schema: { tags, summary: '答题成绩（按权限范围：乡镇、机构参与率和平均分、排行榜、易错题）', params: IdParamSchema, querystring: QuizResultsQuerySchema, response: { 200: QuizResultsSchema } },
  }, async (req) => (await getQuizResults(db, actorOf(req), req.params.id, req.query.top)).results);

  r.get('/api/quizzes/:id/results.xlsx', {
    config: { permission: 'quiz.results' },
    schema: { tags, summary: '导出答题成绩 .xlsx（按权限范围）', params: IdParamSchema },
  }, async (req, reply) => {
    const now = deps.now();
    const { bytes, title } = await exportQuizResultsXlsx(db, actorOf(req), req.params.id, now);
    const name = `${title.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '').trim() || '答题'}-成绩-${localDate(now)}.xlsx`;
    return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(name)).send(bytes);
  });

  // ---------------------------------------------------------------- public (no login)
  const secure = deps.config.COOKIE_SECURE;

  r.get('/api/public/quizzes/:id', {
    config: { access: 'public', rateLimit: PUBLIC_QUIZ_RATE_LIMITS.read },
    schema: { tags: ['public'], summary: '公开答题活动信息（无需登录）', security: [], params: IdParamSchema, response: { 200: PublicQuizSchema } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return getPublicQuiz(db, req.params.id, participantHashOf(req), deps.now());
  });

  r.post('/api/public/quizzes/:id/attempts', {
    config: { access: 'public', rateLimit: PUBLIC_QUIZ_RATE_LIMITS.start },
    schema: {
      tags: ['public'],
      summary: '公众开始答题（可填昵称；以 httpOnly Cookie 中的随机参与凭证识别，按凭证限制次数；每个 IP 每分钟最多 10 次）',
      security: [],
      params: IdParamSchema,
      body: PublicAttemptInputSchema,
      response: { 201: QuizPaperSchema, 200: QuizPaperSchema },
    },
  }, async (req, reply) => {
    const hash = ensureParticipant(req, reply, secure);
    const res = await startPublicAttempt(db, req.params.id, hash, req.body.nickname, deps.now());
    return reply.status(res.status).header('cache-control', 'no-store').send(res.paper);
  });

  r.get('/api/public/quiz-attempts/:id', {
    config: { access: 'public', rateLimit: PUBLIC_QUIZ_RATE_LIMITS.read },
    schema: { tags: ['public'], summary: '公众本人的答卷（须带同一参与凭证 Cookie，否则 404）', security: [], params: QuizAttemptParamSchema, response: { 200: QuizAttemptViewSchema } },
  }, async (req, reply) => {
    const hash = participantHashOf(req);
    reply.header('cache-control', 'no-store');
    if (!hash) throw new AppError('NOT_FOUND', '答卷不存在');
    return getAttemptView(db, req.params.id, { participantHash: hash }, deps.now());
  });

  r.post('/api/public/quiz-attempts/:id/submit', {
    config: { access: 'public', rateLimit: PUBLIC_QUIZ_RATE_LIMITS.submit },
    schema: {
      tags: ['public'],
      summary: '公众交卷（须带同一参与凭证 Cookie，否则 404；重复提交只评分一次；支持 Idempotency-Key）',
      security: [],
      params: QuizAttemptParamSchema,
      headers: IdemHeaders,
      body: QuizSubmitSchema,
      response: { 200: QuizResultSchema },
    },
  }, async (req, reply) => {
    const hash = participantHashOf(req);
    if (!hash) throw new AppError('NOT_FOUND', '答卷不存在');
    const res = await runIdempotent(db, { scope: `quiz:${hash.slice(0, 40)}`, key: req.headers['idempotency-key'], route: `POST /api/public/quiz-attempts/${req.params.id}/submit`, body: req.body }, async (tx) => ({
      status: 200,
      body: await submitAttempt(tx, req.params.id, { participantHash: hash }, req.body.answers, deps.now()),
    }));
    reply.header('cache-control', 'no-store');
    return res.body;
  });
}
