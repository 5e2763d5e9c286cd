import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CampaignFromNoticeFileQuerySchema,
  CampaignFromTemplateSchema,
  CampaignTemplateListSchema,
  CampaignDetailSchema,
  CampaignFromNoticeResultSchema,
  CampaignFromNoticeSchema,
  CampaignListSchema,
  CampaignPatchSchema,
  CampaignTaskInputSchema,
  CampaignTaskParamSchema,
  CampaignTaskPatchSchema,
  CampaignStepSchema,
  IdParamSchema,
  OkSchema,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { summaryReportRoutes } from './summary-report.routes.ts';
import { actorOf } from '../../plugins/auth.ts';
import { AppError } from '../../lib/app-error.ts';
import { createCampaignFromNoticeFile, createCampaignFromTemplate, listCampaignTemplates } from './campaign-sources.service.ts';
import {
  addTask,
  createCampaignFromNotice,
  deleteDraftCampaign,
  deleteTask,
  getCampaignDetail,
  listCampaigns,
  stepCampaign,
  updateCampaign,
  updateTask,
} from './campaigns.service.ts';

/** /api/campaigns: 专项活动 — draft from a notice, edit the draft and its tasks, publish, end. */
export async function campaignRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.post('/api/campaigns/from-notice', {
    config: { permission: 'campaign.manage' },
    schema: {
      tags: ['campaigns'],
      summary: '根据通知正文生成活动草稿（任务、活动日、识别问题）',
      body: CampaignFromNoticeSchema,
      response: { 201: CampaignFromNoticeResultSchema },
    },
  }, async (req, reply) => {
    const res = await createCampaignFromNotice(db, actorOf(req), req.body, deps.now(), req.id);
    return reply.status(201).send(res);
  });

  r.get('/api/campaigns', {
    config: { permission: 'campaign.read' },
    schema: { tags: ['campaigns'], summary: '专项活动列表', response: { 200: CampaignListSchema } },
  }, async (req) => listCampaigns(db, actorOf(req)));

  r.get('/api/campaigns/:id', {
    config: { permission: 'campaign.read' },
    schema: { tags: ['campaigns'], summary: '专项活动详情（章节、任务、活动日）', params: IdParamSchema, response: { 200: CampaignDetailSchema } },
  }, async (req) => getCampaignDetail(db, actorOf(req), req.params.id));

  r.patch('/api/campaigns/:id', {
    config: { permission: 'campaign.manage' },
    schema: { tags: ['campaigns'], summary: '修改活动草稿（名称、主题、时间等）', params: IdParamSchema, body: CampaignPatchSchema, response: { 200: CampaignDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateCampaign(db, actor, req.params.id, req.body, deps.now(), req.id);
    return getCampaignDetail(db, actor, req.params.id);
  });

  r.post('/api/campaigns/:id/tasks', {
    config: { permission: 'campaign.manage' },
    schema: { tags: ['campaigns'], summary: '为活动草稿添加任务', params: IdParamSchema, body: CampaignTaskInputSchema, response: { 201: CampaignDetailSchema } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await addTask(db, actor, req.params.id, req.body, deps.now(), req.id);
    return reply.status(201).send(await getCampaignDetail(db, actor, req.params.id));
  });

  r.patch('/api/campaigns/:id/tasks/:taskId', {
    config: { permission: 'campaign.manage' },
    schema: { tags: ['campaigns'], summary: '修改活动草稿中的任务', params: CampaignTaskParamSchema, body: CampaignTaskPatchSchema, response: { 200: CampaignDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateTask(db, actor, req.params.id, req.params.taskId, req.body, deps.now(), req.id);
    return getCampaignDetail(db, actor, req.params.id);
  });

  r.delete('/api/campaigns/:id/tasks/:taskId', {
    config: { permission: 'campaign.manage' },
    schema: { tags: ['campaigns'], summary: '删除活动草稿中的任务', params: CampaignTaskParamSchema, response: { 200: OkSchema } },
  }, async (req) => {
    await deleteTask(db, actorOf(req), req.params.id, req.params.taskId, deps.now(), req.id);
    return { ok: true as const };
  });

  for (const step of ['publish', 'end'] as const) {
    r.post(`/api/campaigns/:id/${step}`, {
      config: { permission: 'campaign.manage' },
      schema: {
        tags: ['campaigns'],
        summary: step === 'publish' ? '发布活动（草稿 → 已发布，至少一项任务；截止日期已过的任务须 confirmPastDeadlines 确认）' : '结束活动（已发布 → 已结束）',
        params: IdParamSchema,
        body: CampaignStepSchema.nullish(),
        response: { 200: CampaignDetailSchema },
      },
    }, async (req) => {
      const actor = actorOf(req);
      await stepCampaign(db, actor, req.params.id, step, deps.now(), req.id, { confirmPastDeadlines: req.body?.confirmPastDeadlines === true });
      return getCampaignDetail(db, actor, req.params.id);
    });
  }

  r.delete('/api/campaigns/:id', {
    config: { permission: 'campaign.manage' },
    schema: { tags: ['campaigns'], summary: '删除活动草稿（已发布的活动不能删除，只能结束）', params: IdParamSchema, response: { 200: OkSchema } },
  }, async (req) => {
    await deleteDraftCampaign(db, actorOf(req), req.params.id, req.id);
    return { ok: true as const };
  });

  // ── other ways to start a draft: an uploaded notice (.docx) or a built-in template ──

  r.post('/api/campaigns/from-notice-file', {
    config: { permission: 'campaign.manage' },
    schema: {
      tags: ['campaigns'],
      summary: '上传通知（.docx，multipart 字段 file）生成活动草稿；原文件作为活动附件保存',
      consumes: ['multipart/form-data'],
      querystring: CampaignFromNoticeFileQuerySchema,
      response: { 201: CampaignFromNoticeResultSchema },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传通知文件');
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION_FAILED', '没有收到文件', [{ path: 'file', message: '请选择通知文件（.docx）' }]);
    const bytes = await file.toBuffer(); // throws 413 past UPLOAD_MAX_MB, nothing stored
    if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件为空', [{ path: 'file', message: '文件为空' }]);
    const res = await createCampaignFromNoticeFile(db, deps.config.uploadsDir, actorOf(req), { bytes, filename: file.filename, year: req.query.year }, deps.now(), req.id);
    return reply.status(201).send(res);
  });

  r.get('/api/campaign-templates', {
    config: { permission: 'campaign.manage' },
    schema: { tags: ['campaigns'], summary: '内置活动模板（如 民政服务机构安全生产月）', response: { 200: CampaignTemplateListSchema } },
  }, async (req) => listCampaignTemplates(actorOf(req)));

  r.post('/api/campaigns/from-template', {
    config: { permission: 'campaign.manage' },
    schema: {
      tags: ['campaigns'],
      summary: '根据内置模板生成活动草稿（可指定年份，日期顺延到该年）',
      body: CampaignFromTemplateSchema,
      response: { 201: CampaignFromNoticeResultSchema },
    },
  }, async (req, reply) => {
    const res = await createCampaignFromTemplate(db, actorOf(req), req.body, deps.now(), req.id);
    return reply.status(201).send(res);
  });

  // 活动情况总结 (figures + .docx draft)
  await summaryReportRoutes(app, deps);
}
