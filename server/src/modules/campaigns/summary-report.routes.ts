import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import { IdParamSchema, SummaryFiguresSchema, SummaryReportQuerySchema } from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { actorOf } from '../../plugins/auth.ts';
import { buildSummaryDocx, collectSummaryFigures, summaryFileName } from './summary-report.ts';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * /api/campaigns/:id/summary-figures and /api/campaigns/:id/summary-report.docx: the 活动情况总结 of a
 * published campaign for the county or one township (`?townshipId=`). Registered by campaignRoutes.
 */
export async function summaryReportRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/campaigns/:id/summary-figures', {
    config: { permission: 'campaign.read' },
    schema: {
      tags: ['campaigns'],
      summary: '活动情况总结的统计数字（活动期间，县或乡镇范围；机构无此项）',
      params: IdParamSchema,
      querystring: SummaryReportQuerySchema,
      response: { 200: SummaryFiguresSchema },
    },
  }, async (req) => collectSummaryFigures(db, actorOf(req), req.params.id, { townshipId: req.query.townshipId }, deps.now()));

  r.get('/api/campaigns/:id/summary-report.docx', {
    config: { permission: 'campaign.read' },
    schema: {
      tags: ['campaigns'],
      summary: '下载活动情况总结草稿（.docx，按活动期间数据预填）',
      params: IdParamSchema,
      querystring: SummaryReportQuerySchema,
    },
  }, async (req, reply) => {
    const figures = await collectSummaryFigures(db, actorOf(req), req.params.id, { townshipId: req.query.townshipId }, deps.now());
    const bytes = await buildSummaryDocx(figures);
    return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(summaryFileName(figures))).send(bytes);
  });
}
