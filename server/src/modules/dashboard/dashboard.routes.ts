import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DashboardQuerySchema, DashboardSchema } from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { actorOf } from '../../plugins/auth.ts';
import { getDashboard } from './dashboard.service.ts';

/**
 * /api/dashboard: the 工作台 figures for the caller's scope (every role holds `dashboard.read`;
 * the scope, not the permission, decides what is counted).
 */
export async function dashboardRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/dashboard', {
    config: { permission: 'dashboard.read' },
    schema: {
      tags: ['dashboard'],
      summary: '工作台统计：机构、本月检查、隐患（在办/逾期/销号/重大）、按状态/乡镇/类别分布、近 12 个月趋势',
      querystring: DashboardQuerySchema,
      response: { 200: DashboardSchema },
    },
  }, async (req) => getDashboard(deps.db, actorOf(req), req.query, deps.now()));
}
