import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import { z } from 'zod';
import {
  DrillCancelSchema,
  DrillCoverageQuerySchema,
  DrillCoverageSchema,
  DrillCreateSchema,
  DrillDetailSchema,
  DrillEvaluationInputSchema,
  DrillEvaluationTemplateSchema,
  DrillFilterSchema,
  DrillFindingCreateSchema,
  DrillHeldSchema,
  DrillHistoryQuerySchema,
  DrillHistorySchema,
  DrillListQuerySchema,
  DrillPatchSchema,
  DrillSummarySchema,
  IdParamSchema,
  UuidSchema,
  localDate,
  pageOf,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { runIdempotent } from '../../lib/idempotency.ts';
import { actorOf } from '../../plugins/auth.ts';
import { evaluationTemplate } from './drills.evaluation.ts';
import { exportDrillsXlsx } from './drills.export.ts';
import {
  addDrillFinding,
  cancelDrill,
  completeImprovement,
  evaluateDrill,
  getDrillCoverage,
  getDrillDetail,
  getDrillHistory,
  listDrills,
  planDrill,
  recordDrill,
  updateDrill,
} from './drills.service.ts';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() }).passthrough();

/** /api/drills: 应急演练 — plan, record, evaluate, findings → hazards, history, coverage, export. */
export async function drillRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/drills', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['drills'], summary: '应急演练列表（按机构、乡镇、场景、状态、昼夜、日期筛选，分页）', querystring: DrillListQuerySchema, response: { 200: pageOf(DrillSummarySchema) } },
  }, async (req) => listDrills(db, actorOf(req), req.query));

  r.get('/api/drills/export.xlsx', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['drills'], summary: '导出应急演练台账 .xlsx（与列表相同的筛选）', querystring: DrillFilterSchema },
  }, async (req, reply) => {
    const now = deps.now();
    const buf = await exportDrillsXlsx(db, actorOf(req), req.query, now);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(`应急演练-${localDate(now)}.xlsx`))
      .send(buf);
  });

  r.get('/api/drills/history', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['drills'], summary: '机构演练历史：按场景的已举行演练与疏散用时趋势', querystring: DrillHistoryQuerySchema, response: { 200: DrillHistorySchema } },
  }, async (req) => getDrillHistory(db, actorOf(req), req.query.institutionId));

  r.get('/api/drills/coverage', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['drills'], summary: '乡镇演练覆盖：机构 × 场景的最近演练、夜间演练、近 N 天未演练的机构', querystring: DrillCoverageQuerySchema, response: { 200: DrillCoverageSchema } },
  }, async (req) => getDrillCoverage(db, actorOf(req), req.query.townshipId, deps.now()));

  r.get('/api/drills/evaluation-template', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['drills'], summary: '演练评估表默认模板（Lifeline 自拟，可修改，非规范要求）', response: { 200: DrillEvaluationTemplateSchema } },
  }, async () => evaluationTemplate());

  r.post('/api/drills', {
    config: { permission: 'drill.record' },
    schema: {
      tags: ['drills'],
      summary: '计划演练；带 held 时一步登记未经计划的已举行演练（支持 Idempotency-Key）',
      headers: IdempotencyHeaders,
      body: DrillCreateSchema,
      response: { 201: DrillDetailSchema, 200: DrillDetailSchema },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: 'POST /api/drills', body: req.body }, async (tx) => {
      const d = await planDrill(tx, actor, req.body, deps.now(), req.id);
      return { status: 201, body: await getDrillDetail(tx, actor, d.id, deps.now()) };
    });
    return reply.status(res.status as 200 | 201).send(res.body);
  });

  r.get('/api/drills/:id', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['drills'], summary: '演练详情：演练记录、评估、发现的问题（含隐患实时状态）、照片', params: IdParamSchema, response: { 200: DrillDetailSchema } },
  }, async (req) => getDrillDetail(db, actorOf(req), req.params.id, deps.now()));

  r.patch('/api/drills/:id', {
    config: { permission: 'drill.record' },
    schema: { tags: ['drills'], summary: '修改计划中的演练', params: IdParamSchema, body: DrillPatchSchema, response: { 200: DrillDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateDrill(db, actor, req.params.id, req.body, deps.now(), req.id);
    return getDrillDetail(db, actor, req.params.id, deps.now());
  });

  r.post('/api/drills/:id/cancel', {
    config: { permission: 'drill.record' },
    schema: { tags: ['drills'], summary: '取消计划中的演练', params: IdParamSchema, body: DrillCancelSchema, response: { 200: DrillDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await cancelDrill(db, actor, req.params.id, req.body.reason, deps.now(), req.id);
    return getDrillDetail(db, actor, req.params.id, deps.now());
  });

  r.post('/api/drills/:id/record', {
    config: { permission: 'drill.record' },
    schema: {
      tags: ['drills'],
      summary: '登记演练情况（计划 → 已举行）：参演人数、疏散用时、出口与路线、生命通道是否受阻、照片视频（支持 Idempotency-Key）',
      params: IdParamSchema,
      headers: IdempotencyHeaders,
      body: DrillHeldSchema,
      response: { 200: DrillDetailSchema },
    },
  }, async (req) => {
    const actor = actorOf(req);
    const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: `POST /api/drills/${req.params.id}/record`, body: req.body }, async (tx) => {
      await recordDrill(tx, actor, req.params.id, req.body, deps.now(), req.id);
      return { status: 200, body: await getDrillDetail(tx, actor, req.params.id, deps.now()) };
    });
    return res.body;
  });

  r.put('/api/drills/:id/evaluation', {
    config: { permission: 'drill.record' },
    schema: { tags: ['drills'], summary: '演练评估（评分表、总体评价；可标记预案需修订）', params: IdParamSchema, body: DrillEvaluationInputSchema, response: { 200: DrillDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await evaluateDrill(db, actor, req.params.id, req.body, deps.now(), req.id);
    return getDrillDetail(db, actor, req.params.id, deps.now());
  });

  r.post('/api/drills/:id/findings', {
    config: { permission: 'drill.record' },
    schema: {
      tags: ['drills'],
      summary: '登记演练发现的问题：隐患（进入隐患整改闭环）或改进措施（支持 Idempotency-Key）',
      params: IdParamSchema,
      headers: IdempotencyHeaders,
      body: DrillFindingCreateSchema,
      response: { 201: DrillDetailSchema, 200: DrillDetailSchema },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: `POST /api/drills/${req.params.id}/findings`, body: req.body }, async (tx) => {
      await addDrillFinding(tx, actor, req.params.id, req.body, deps.now(), req.id);
      return { status: 201, body: await getDrillDetail(tx, actor, req.params.id, deps.now()) };
    });
    return reply.status(res.status as 200 | 201).send(res.body);
  });

  r.post('/api/drills/:id/findings/:findingId/done', {
    config: { permission: 'drill.record' },
    schema: { tags: ['drills'], summary: '改进措施标记为已完成', params: z.object({ id: UuidSchema, findingId: UuidSchema }), response: { 200: DrillDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await completeImprovement(db, actor, req.params.id, req.params.findingId, deps.now(), req.id);
    return getDrillDetail(db, actor, req.params.id, deps.now());
  });
}
