import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import {
  IdParamSchema,
  PlanCreateSchema,
  PlanDetailSchema,
  PlanFilterSchema,
  PlanListQuerySchema,
  PlanMissingQuerySchema,
  PlanMissingSchema,
  PlanReviewSchema,
  PlanSummarySchema,
  PlanVersionInputSchema,
  localDate,
  pageOf,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { actorOf } from '../../plugins/auth.ts';
import { exportPlansXlsx } from './plans.export.ts';
import { createPlan, findMissingPlans, getPlanDetail, listPlans, reviewPlanVersion, submitPlanVersion } from './plans.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** /api/plans (应急预案): list, export, missing kinds, detail, create, versions and their review. */
export async function planRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/plans', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['plans'], summary: '应急预案列表（乡镇、机构、类型、状态筛选；分页）', querystring: PlanListQuerySchema, response: { 200: pageOf(PlanSummarySchema) } },
  }, async (req) => listPlans(db, actorOf(req), req.query, deps.now()));

  r.get('/api/plans/export.xlsx', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['plans'], summary: '导出应急预案台账 .xlsx（与列表相同的筛选）', querystring: PlanFilterSchema },
  }, async (req, reply) => {
    const now = deps.now();
    const bytes = await exportPlansXlsx(db, actorOf(req), req.query, now);
    return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(`应急预案-${localDate(now)}.xlsx`)).header('cache-control', 'no-store').send(bytes);
  });

  r.get('/api/plans/missing', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['plans'], summary: '预案缺项清单：缺少已通过的必备预案的机构', querystring: PlanMissingQuerySchema, response: { 200: PlanMissingSchema } },
  }, async (req) => findMissingPlans(db, actorOf(req), req.query));

  r.post('/api/plans', {
    config: { permission: 'plan.manage' },
    schema: { tags: ['plans'], summary: '新建应急预案（之后上传文件版本）', body: PlanCreateSchema, response: { 201: PlanDetailSchema } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await db.transaction((tx) => createPlan(tx, actor, req.body, deps.now(), req.id));
    return reply.status(201).send(await getPlanDetail(db, actor, id, deps.now()));
  });

  r.get('/api/plans/:id', {
    config: { permission: 'preparedness.read' },
    schema: { tags: ['plans'], summary: '预案详情（各版本、文件、审核意见）', params: IdParamSchema, response: { 200: PlanDetailSchema } },
  }, async (req) => getPlanDetail(db, actorOf(req), req.params.id, deps.now()));

  r.post('/api/plans/:id/versions', {
    config: { permission: 'plan.manage' },
    schema: { tags: ['plans'], summary: '上传预案新版本（Word/PDF，提交审核；待审核时不能再上传）', params: IdParamSchema, body: PlanVersionInputSchema, response: { 201: PlanDetailSchema } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await db.transaction((tx) => submitPlanVersion(tx, actor, req.params.id, req.body, deps.now(), req.id));
    return reply.status(201).send(await getPlanDetail(db, actor, req.params.id, deps.now()));
  });

  r.post('/api/plan-versions/:id/review', {
    config: { permission: 'plan.review' },
    schema: { tags: ['plans'], summary: '审核预案版本：通过，或退回（须填写意见）', params: IdParamSchema, body: PlanReviewSchema, response: { 200: PlanDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    const planId = await db.transaction((tx) => reviewPlanVersion(tx, actor, req.params.id, req.body, deps.now(), req.id));
    return getPlanDetail(db, actor, planId, deps.now());
  });
}
