import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEntrySchema, AuditFacetsSchema, AuditQuerySchema, pageOf } from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { actorOf } from '../../plugins/auth.ts';
import { listAudit, listAuditFacets } from './audit.service.ts';

/** /api/audit: the audit log for the county admin (filters, paging) and its filter values. */
export async function auditRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/audit', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: '审计日志（按对象、操作人、操作前缀、日期筛选，最新在前）',
      querystring: AuditQuerySchema,
      response: { 200: pageOf(AuditEntrySchema) },
    },
  }, async (req) => listAudit(db, actorOf(req), req.query));

  r.get('/api/audit/actions', {
    config: { permission: 'audit.read' },
    schema: { tags: ['audit'], summary: '审计日志筛选项：全部操作类型和对象类型', response: { 200: AuditFacetsSchema } },
  }, async (req) => listAuditFacets(db, actorOf(req)));
}
