import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import { z } from 'zod';
import {
  IdParamSchema,
  ReportAcceptSchema,
  ReportDetailSchema,
  ReportFilterSchema,
  ReportListQuerySchema,
  ReportMessageCreateSchema,
  ReportNoteStepSchema,
  ReportRejectSchema,
  ReportSummarySchema,
  ReportVerdictSchema,
  RevealIdentitySchema,
  RevealedIdentitySchema,
  RewardDecisionSchema,
  RewardPaySchema,
  RewardProposeSchema,
  RewardRejectSchema,
  RewardSuggestQuerySchema,
  RewardSuggestionSchema,
  UuidSchema,
  localDate,
  pageOf,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../lib/app-error.ts';
import { runIdempotent } from '../../lib/idempotency.ts';
import { actorOf } from '../../plugins/auth.ts';
import { exportReportsXlsx } from './reports.export.ts';
import { findReportPhoto } from './reports.repo.ts';
import {
  acceptReport,
  approveReward,
  closeReport,
  getReportDetail,
  giveVerdict,
  listReports,
  payReward,
  proposeReward,
  rejectReport,
  rejectReward,
  revealReporterIdentity,
  sendMessageToReporter,
  startVerification,
  suggestReward,
} from './reports.service.ts';

const idem = z.object({ 'idempotency-key': z.string().optional() }).passthrough();

/**
 * /api/reports (举报处理, staff side) and /api/rewards (举报奖励): list, export, detail, photos, the
 * workflow steps, messages to the reporter, the audited identity reveal and the reward steps.
 * Every step answers with the report's detail; steps phones may retry accept an Idempotency-Key.
 * The identity reveal is never idempotent-cached (its answer must not be stored anywhere).
 */
export async function reportRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const detail = (req: { id: string }, actor: ReturnType<typeof actorOf>, id: string) => getReportDetail(db, actor, id, deps.now());

  r.get('/api/reports', {
    config: { permission: 'report.read' },
    schema: { tags: ['reports'], summary: '举报列表（筛选：状态、类别、乡镇、逾期、日期、关键词；分页）。不含举报人身份', querystring: ReportListQuerySchema, response: { 200: pageOf(ReportSummarySchema) } },
  }, async (req) => listReports(db, actorOf(req), req.query, deps.now()));

  r.get('/api/reports/export.xlsx', {
    config: { permission: 'report.read' },
    schema: { tags: ['reports'], summary: '导出举报台账 .xlsx（与列表相同的筛选；永不含举报人身份）', querystring: ReportFilterSchema },
  }, async (req, reply) => {
    const now = deps.now();
    const buf = await exportReportsXlsx(db, actorOf(req), req.query, now);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(`举报台账-${localDate(now)}.xlsx`))
      .send(buf);
  });

  r.get('/api/reports/:id', {
    config: { permission: 'report.read' },
    schema: { tags: ['reports'], summary: '举报详情：处理记录、照片、与举报人的消息、关联隐患、奖励、可执行操作', params: IdParamSchema, response: { 200: ReportDetailSchema } },
  }, async (req) => detail(req, actorOf(req), req.params.id));

  r.get('/api/reports/:id/photos/:photoId', {
    config: { permission: 'report.read' },
    schema: { tags: ['reports'], summary: '举报照片（已去除元数据；按举报范围鉴权）', params: z.object({ id: UuidSchema, photoId: UuidSchema }) },
  }, async (req, reply) => {
    // the scope check: the report must be visible to the caller
    await getReportDetail(db, actorOf(req), req.params.id, deps.now());
    const a = await findReportPhoto(db, req.params.id, req.params.photoId);
    if (!a) throw notFound();
    return reply
      .header('content-type', a.mime)
      .header('content-length', a.sizeBytes)
      .header('content-disposition', contentDisposition(a.originalName || 'photo.jpg', { type: 'inline' }))
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(path.join(deps.config.uploadsDir, a.storageKey)));
  });

  const steps = [
    { path: 'accept', summary: '受理并分派（乡镇或股室）', permission: 'report.handle', body: ReportAcceptSchema, run: acceptReport },
    { path: 'reject', summary: '不予受理（重复、非本部门职责移送、线索不足、其他），须说明', permission: 'report.handle', body: ReportRejectSchema, run: rejectReport },
    { path: 'start-verification', summary: '开始核查（已受理 → 核查中）', permission: 'report.verify', body: ReportNoteStepSchema, run: startVerification },
    { path: 'verdict', summary: '核查结论（属实/部分属实须登记或关联隐患）', permission: 'report.verify', body: ReportVerdictSchema, run: giveVerdict },
    { path: 'close', summary: '办结', permission: 'report.handle', body: ReportNoteStepSchema, run: closeReport },
  ] as const;
  for (const s of steps) {
    r.post(`/api/reports/:id/${s.path}`, {
      config: { permission: s.permission },
      schema: { tags: ['reports'], summary: `${s.summary}（支持 Idempotency-Key）`, params: IdParamSchema, headers: idem, body: s.body, response: { 200: ReportDetailSchema } },
    }, async (req) => {
      const actor = actorOf(req);
      const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: `POST /api/reports/${req.params.id}/${s.path}`, body: req.body }, async (tx) => {
        await (s.run as (db: typeof tx, a: typeof actor, id: string, input: unknown, now: Date, requestId?: string) => Promise<unknown>)(tx, actor, req.params.id, req.body, deps.now(), req.id);
        return { status: 200, body: await getReportDetail(tx, actor, req.params.id, deps.now()) };
      });
      return res.body;
    });
  }

  r.post('/api/reports/:id/messages', {
    config: { permission: 'report.verify' },
    schema: { tags: ['reports'], summary: '给举报人发消息（举报人凭回执码查看；不得含举报人身份）', params: IdParamSchema, headers: idem, body: ReportMessageCreateSchema, response: { 200: ReportDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: `POST /api/reports/${req.params.id}/messages`, body: req.body }, async (tx) => {
      await sendMessageToReporter(tx, actor, deps.config, req.params.id, req.body.body, deps.now(), req.id);
      return { status: 200, body: await getReportDetail(tx, actor, req.params.id, deps.now()) };
    });
    return res.body;
  });

  r.post('/api/reports/:id/reveal-identity', {
    config: { permission: 'report.reveal_identity' },
    schema: { tags: ['reports'], summary: '查看举报人身份（须说明原因；每次查看都记入审计日志）', params: IdParamSchema, body: RevealIdentitySchema, response: { 200: RevealedIdentitySchema } },
  }, async (req, reply) => {
    const who = await revealReporterIdentity(db, actorOf(req), deps.config, req.params.id, req.body.reason, deps.now(), req.id);
    return reply.header('cache-control', 'no-store').send(who);
  });

  r.get('/api/reports/:id/reward-suggestion', {
    config: { permission: 'reward.manage' },
    schema: { tags: ['reports'], summary: '按本县奖励规则计算建议奖励金额（不保存）', params: IdParamSchema, querystring: RewardSuggestQuerySchema, response: { 200: RewardSuggestionSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await getReportDetail(db, actor, req.params.id, deps.now());
    const { basis, ...input } = req.query;
    return suggestReward(db, actor, basis, input);
  });

  r.post('/api/reports/:id/reward', {
    config: { permission: 'reward.manage' },
    schema: { tags: ['reports'], summary: '提出奖励（建议金额按规则计算，调整须说明理由；同一事项仅奖励首位有效举报人）', params: IdParamSchema, body: RewardProposeSchema, response: { 200: ReportDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await proposeReward(db, actor, req.params.id, req.body, deps.now(), req.id);
    return detail(req, actor, req.params.id);
  });

  r.post('/api/rewards/:id/approve', {
    config: { permission: 'reward.approve' },
    schema: { tags: ['reports'], summary: '批准奖励（审批人不能是提出人）；开始申领期限', params: IdParamSchema, body: RewardDecisionSchema, response: { 200: ReportDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    const reportId = await approveReward(db, actor, req.params.id, req.body.note, deps.now(), req.id);
    return detail(req, actor, reportId);
  });

  r.post('/api/rewards/:id/reject', {
    config: { permission: 'reward.approve' },
    schema: { tags: ['reports'], summary: '不予批准奖励（须说明理由；可重新提出）', params: IdParamSchema, body: RewardRejectSchema, response: { 200: ReportDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    const reportId = await rejectReward(db, actor, req.params.id, req.body.note, deps.now(), req.id);
    return detail(req, actor, reportId);
  });

  r.post('/api/rewards/:id/pay', {
    config: { permission: 'reward.manage' },
    schema: { tags: ['reports'], summary: '登记奖励发放（须已批准且举报人已申领）；举报办结', params: IdParamSchema, body: RewardPaySchema, response: { 200: ReportDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    const reportId = await payReward(db, actor, req.params.id, req.body, deps.now(), req.id);
    return detail(req, actor, reportId);
  });
}
