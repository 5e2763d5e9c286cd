import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import { z } from 'zod';
import {
  IdParamSchema,
  OkSchema,
  StudyCoverageQuerySchema,
  StudyCoverageSchema,
  StudyFilterSchema,
  StudyListQuerySchema,
  StudySessionDetailSchema,
  StudySessionInputSchema,
  StudySessionPatchSchema,
  StudySessionSchema,
  localDate,
  pageOf,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { runIdempotent } from '../../lib/idempotency.ts';
import { actorOf } from '../../plugins/auth.ts';
import { exportStudyXlsx } from './study.export.ts';
import { deleteStudySession, getStudyCoverage, getStudySession, listStudySessions, recordStudySession, updateStudySession } from './study.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** /api/study-sessions (学习宣传 / 安全培训): list, export, coverage, detail, record, edit, delete. */
export async function studyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/study-sessions', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['study'], summary: '学习培训记录（乡镇、机构、形式、学习内容、日期筛选；分页）', querystring: StudyListQuerySchema, response: { 200: pageOf(StudySessionSchema) } },
  }, async (req) => listStudySessions(db, actorOf(req), req.query));

  r.get('/api/study-sessions/export.xlsx', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['study'], summary: '导出学习培训台账 .xlsx（与列表相同的筛选）', querystring: StudyFilterSchema },
  }, async (req, reply) => {
    const now = deps.now();
    const bytes = await exportStudyXlsx(db, actorOf(req), req.query, now);
    return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(`学习培训-${localDate(now)}.xlsx`)).header('cache-control', 'no-store').send(bytes);
  });

  r.get('/api/study-sessions/coverage', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['study'], summary: '培训覆盖率：各机构在岗员工中本年度学习重大事故隐患判定标准的人数与占比', querystring: StudyCoverageQuerySchema, response: { 200: StudyCoverageSchema } },
  }, async (req) => getStudyCoverage(db, actorOf(req), req.query, deps.now()));

  r.post('/api/study-sessions', {
    config: { permission: 'study.record' },
    schema: {
      tags: ['study'],
      summary: '登记学习培训活动（县级、乡镇级或机构；支持 Idempotency-Key）',
      headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
      body: StudySessionInputSchema,
      response: { 201: StudySessionDetailSchema },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: 'POST /api/study-sessions', body: req.body }, async (tx) => {
      const id = await recordStudySession(tx, actor, req.body, deps.now(), req.id);
      return { status: 201, body: await getStudySession(tx, actor, id) };
    });
    return reply.status(res.status as 201).send(res.body);
  });

  r.get('/api/study-sessions/:id', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['study'], summary: '学习培训记录详情（含照片和资料）', params: IdParamSchema, response: { 200: StudySessionDetailSchema } },
  }, async (req) => getStudySession(db, actorOf(req), req.params.id));

  r.patch('/api/study-sessions/:id', {
    config: { permission: 'study.record' },
    schema: { tags: ['study'], summary: '修改本级登记的学习培训记录', params: IdParamSchema, body: StudySessionPatchSchema, response: { 200: StudySessionDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await db.transaction((tx) => updateStudySession(tx, actor, req.params.id, req.body, deps.now(), req.id));
    return getStudySession(db, actor, req.params.id);
  });

  r.delete('/api/study-sessions/:id', {
    config: { permission: 'study.record' },
    schema: { tags: ['study'], summary: '删除本级登记的学习培训记录', params: IdParamSchema, response: { 200: OkSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await db.transaction((tx) => deleteStudySession(tx, actor, req.params.id, req.id));
    return { ok: true as const };
  });
}
