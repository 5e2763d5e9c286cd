import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamSchema, InspectionCreateSchema, InspectionDetailSchema, InspectionListQuerySchema, InspectionSummarySchema, pageOf } from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { runIdempotent } from '../../lib/idempotency.ts';
import { actorOf } from '../../plugins/auth.ts';
import { createInspection, getInspectionDetail, listInspections } from './inspections.service.ts';

/** /api/inspections: record an inspection (failed items become hazards), list, detail. */
export async function inspectionRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/inspections', {
    config: { permission: 'inspection.read' },
    schema: { tags: ['inspections'], summary: '检查记录列表', querystring: InspectionListQuerySchema, response: { 200: pageOf(InspectionSummarySchema) } },
  }, async (req) => listInspections(db, actorOf(req), req.query));

  r.post('/api/inspections', {
    config: { permission: 'inspection.create' },
    schema: {
      tags: ['inspections'],
      summary: '提交检查（不合格项自动生成隐患；支持 Idempotency-Key）',
      headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
      body: InspectionCreateSchema,
      response: { 201: InspectionDetailSchema, 200: InspectionDetailSchema },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: 'POST /api/inspections', body: req.body }, async (tx) => {
      const insp = await createInspection(tx, actor, req.body, deps.now(), req.id);
      return { status: 201, body: await getInspectionDetail(tx, actor, insp.id) };
    });
    return reply.status(res.status as 200 | 201).send(res.body);
  });

  r.get('/api/inspections/:id', {
    config: { permission: 'inspection.read' },
    schema: { tags: ['inspections'], summary: '检查详情', params: IdParamSchema, response: { 200: InspectionDetailSchema } },
  }, async (req) => getInspectionDetail(db, actorOf(req), req.params.id));
}
