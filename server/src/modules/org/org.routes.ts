import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OrgTreeSchema } from '@lifeline/shared';
import { actorOf } from '../../plugins/auth.ts';
import type { AppDeps } from '../../app.ts';
import { getOrgTree } from './org.service.ts';

/** /api/org: the county, its sections and townships. */
export async function orgRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/org', {
    config: { permission: 'org.read' },
    schema: { tags: ['org'], summary: '组织机构：县、股室、乡镇', response: { 200: OrgTreeSchema } },
  }, async (req) => getOrgTree(deps.db, actorOf(req)));
}
