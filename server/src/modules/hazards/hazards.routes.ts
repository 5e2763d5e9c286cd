import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import { z } from 'zod';
import {
  HazardCreateSchema,
  HazardDetailSchema,
  HazardFilterSchema,
  HazardListQuerySchema,
  HazardPatchSchema,
  HazardStepSchema,
  HazardSummarySchema,
  IdParamSchema,
  localDate,
  pageOf,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { runIdempotent } from '../../lib/idempotency.ts';
import { actorOf } from '../../plugins/auth.ts';
import { exportLedgerXlsx } from './hazards.export.ts';
import { createAdhocHazard, getHazardDetail, listHazards, takeHazardStep, updateHazard } from './hazards.service.ts';
import type { HazardStep } from './hazards.workflow.ts';

const STEPS: { path: string; step: HazardStep; summary: string; permission: 'hazard.rectify' | 'hazard.verify' }[] = [
  { path: 'start', step: 'start_rectification', summary: '开始整改（待整改 → 整改中）', permission: 'hazard.rectify' },
  { path: 'submit', step: 'submit_rectification', summary: '提交验收（整改中 → 待验收），附整改说明和照片', permission: 'hazard.rectify' },
  { path: 'verify', step: 'verify', summary: '验收销号（待验收 → 已销号）；重大隐患仅县局', permission: 'hazard.verify' },
  { path: 'return', step: 'return', summary: '退回整改（待验收 → 整改中），须填写原因', permission: 'hazard.verify' },
];

/** /api/hazards: ledger, export, 随手拍, detail, edits and the closed-loop steps. */
export async function hazardRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/hazards', {
    config: { permission: 'hazard.read' },
    schema: { tags: ['hazards'], summary: '隐患台账（筛选、排序、分页）', querystring: HazardListQuerySchema, response: { 200: pageOf(HazardSummarySchema) } },
  }, async (req) => listHazards(db, actorOf(req), req.query, deps.now()));

  r.get('/api/hazards/export.xlsx', {
    config: { permission: 'hazard.export' },
    schema: { tags: ['hazards'], summary: '导出隐患台账 .xlsx（与列表相同的筛选）', querystring: HazardFilterSchema },
  }, async (req, reply) => {
    const now = deps.now();
    const buf = await exportLedgerXlsx(db, actorOf(req), req.query, now);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(`隐患台账-${localDate(now)}.xlsx`))
      .send(buf);
  });

  r.post('/api/hazards', {
    config: { permission: 'hazard.register' },
    schema: {
      tags: ['hazards'],
      summary: '随手拍：直接登记隐患（支持 Idempotency-Key）',
      headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
      body: HazardCreateSchema,
      response: { 201: HazardDetailSchema, 200: HazardDetailSchema },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: 'POST /api/hazards', body: req.body }, async (tx) => {
      const h = await createAdhocHazard(tx, actor, req.body, deps.now(), req.id);
      return { status: 201, body: await getHazardDetail(tx, actor, h.id, deps.now()) };
    });
    return reply.status(res.status as 200 | 201).send(res.body);
  });

  r.get('/api/hazards/:id', {
    config: { permission: 'hazard.read' },
    schema: { tags: ['hazards'], summary: '隐患详情与处理时间线', params: IdParamSchema, response: { 200: HazardDetailSchema } },
  }, async (req) => getHazardDetail(db, actorOf(req), req.params.id, deps.now()));

  r.patch('/api/hazards/:id', {
    config: { permission: 'hazard.edit' },
    schema: { tags: ['hazards'], summary: '修改未销号隐患（期限、措施、等级等）', params: IdParamSchema, body: HazardPatchSchema, response: { 200: HazardDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateHazard(db, actor, req.params.id, req.body, deps.now(), req.id);
    return getHazardDetail(db, actor, req.params.id, deps.now());
  });

  for (const s of STEPS) {
    r.post(`/api/hazards/:id/${s.path}`, {
      config: { permission: s.permission },
      schema: {
        tags: ['hazards'],
        summary: `${s.summary}（支持 Idempotency-Key）`,
        params: IdParamSchema,
        headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
        body: HazardStepSchema,
        response: { 200: HazardDetailSchema },
      },
    }, async (req) => {
      const actor = actorOf(req);
      // a phone that retries a step gets the first answer, not a 409 for the second attempt
      const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: `POST /api/hazards/${req.params.id}/${s.path}`, body: req.body }, async (tx) => {
        await takeHazardStep(tx, actor, req.params.id, s.step, req.body, deps.now(), req.id);
        return { status: 200, body: await getHazardDetail(tx, actor, req.params.id, deps.now()) };
      });
      return res.body;
    });
  }
}
