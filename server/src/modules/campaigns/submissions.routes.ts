import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import JSZip from 'jszip';
import { z } from 'zod';
import {
  AssignmentDetailSchema,
  AssignmentListQuerySchema,
  AssignmentListSchema,
  BoardQuerySchema,
  BoardSchema,
  IdParamSchema,
  SubmissionFeatureSchema,
  SubmissionInputSchema,
  SubmissionReviewSchema,
  SubmissionShowcaseSchema,
  localDate,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { runIdempotent } from '../../lib/idempotency.ts';
import { actorOf } from '../../plugins/auth.ts';
import { exportBoardXlsx, getBoard } from './board.service.ts';
import { featuredSubmissions, getAssignmentDetail, listAssignments, markSubmission, reviewSubmission, submitDeliverable } from './submissions.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A name safe inside a zip entry path (no separators or control characters). */
const safe = (s: string) => s.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '').trim().slice(0, 60) || '未命名';

/**
 * Campaign work: assignments (我的任务), submissions and their review, 优选推送/展播 flags, the
 * completion board and its export, and the zip of featured submissions.
 */
export async function submissionRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/campaign-assignments', {
    config: { permission: 'campaign.read' },
    schema: { tags: ['campaigns'], summary: '活动任务（按范围；mine=true 只看本单位承担的）', querystring: AssignmentListQuerySchema, response: { 200: AssignmentListSchema } },
  }, async (req) => listAssignments(db, actorOf(req), req.query, deps.now()));

  r.get('/api/campaign-assignments/:id', {
    config: { permission: 'campaign.read' },
    schema: { tags: ['campaigns'], summary: '单位任务详情（各版本报送、审核意见）', params: IdParamSchema, response: { 200: AssignmentDetailSchema } },
  }, async (req) => getAssignmentDetail(db, actorOf(req), req.params.id, deps.now()));

  r.post('/api/campaign-assignments/:id/submissions', {
    config: { permission: 'campaign.submit' },
    schema: {
      tags: ['campaigns'],
      summary: '报送（正文 + 附件；退回后再次报送为新版本；逾期照收并标记）。支持 Idempotency-Key',
      params: IdParamSchema,
      headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
      body: SubmissionInputSchema,
      response: { 201: AssignmentDetailSchema },
    },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const res = await runIdempotent(db, { scope: actor.id, key: req.headers['idempotency-key'], route: `POST /api/campaign-assignments/${req.params.id}/submissions`, body: req.body }, async (tx) => {
      await submitDeliverable(tx, actor, req.params.id, req.body, deps.now(), req.id);
      return { status: 201, body: await getAssignmentDetail(tx, actor, req.params.id, deps.now()) };
    });
    return reply.status(res.status as 201).send(res.body as Awaited<ReturnType<typeof getAssignmentDetail>>);
  });

  r.post('/api/submissions/:id/review', {
    config: { permission: 'campaign.review' },
    schema: { tags: ['campaigns'], summary: '审核报送：通过，或退回（须填写意见）', params: IdParamSchema, body: SubmissionReviewSchema, response: { 200: AssignmentDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    const assignmentId = await db.transaction((tx) => reviewSubmission(tx, actor, req.params.id, req.body, deps.now(), req.id));
    return getAssignmentDetail(db, actor, assignmentId, deps.now());
  });

  r.post('/api/submissions/:id/featured', {
    config: { permission: 'campaign.review' },
    schema: { tags: ['campaigns'], summary: '优选推送（已通过的稿件，推送市、省）', params: IdParamSchema, body: SubmissionFeatureSchema, response: { 200: AssignmentDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    const assignmentId = await db.transaction((tx) => markSubmission(tx, actor, req.params.id, 'featured', req.body.featured, deps.now(), req.id));
    return getAssignmentDetail(db, actor, assignmentId, deps.now());
  });

  r.post('/api/submissions/:id/showcased', {
    config: { permission: 'campaign.review' },
    schema: { tags: ['campaigns'], summary: '短视频展播（已通过的视频，公开展示）', params: IdParamSchema, body: SubmissionShowcaseSchema, response: { 200: AssignmentDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    const assignmentId = await db.transaction((tx) => markSubmission(tx, actor, req.params.id, 'showcased', req.body.showcased, deps.now(), req.id));
    return getAssignmentDetail(db, actor, assignmentId, deps.now());
  });

  r.get('/api/campaigns/:id/board', {
    config: { permission: 'campaign.read' },
    schema: { tags: ['campaigns'], summary: '完成情况看板（单位 × 任务，完成率，逾期清单）', params: IdParamSchema, querystring: BoardQuerySchema, response: { 200: BoardSchema } },
  }, async (req) => getBoard(db, actorOf(req), req.params.id, req.query, deps.now()));

  r.get('/api/campaigns/:id/board.xlsx', {
    config: { permission: 'campaign.read' },
    schema: { tags: ['campaigns'], summary: '导出完成情况 .xlsx（与看板相同的筛选）', params: IdParamSchema, querystring: BoardQuerySchema },
  }, async (req, reply) => {
    const { bytes, name } = await exportBoardXlsx(db, actorOf(req), req.params.id, req.query, deps.now());
    return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(name)).header('cache-control', 'no-store').send(bytes);
  });

  r.get('/api/campaigns/:id/featured.zip', {
    config: { permission: 'campaign.read' },
    schema: { tags: ['campaigns'], summary: '下载优选推送稿件（zip：每篇一个文件夹，含正文和附件；县局）', params: IdParamSchema },
  }, async (req, reply) => {
    const { campaign, items } = await featuredSubmissions(db, actorOf(req), req.params.id);
    const zip = new JSZip();
    items.forEach((it, i) => {
      const dir = `${String(i + 1).padStart(2, '0')}-${safe(it.unitName)}-${safe(it.taskTitle)}`;
      if (it.s.text) zip.file(`${dir}/正文.txt`, `\ufeff${it.s.text}\n`);
      for (const f of it.files) zip.file(`${dir}/${safe(f.originalName)}`, readFile(path.join(deps.config.uploadsDir, f.storageKey)));
    });
    if (items.length === 0) zip.file('说明.txt', '\ufeff本活动暂无优选推送的稿件。\n');
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', contentDisposition(`${campaign.name}-优选稿件-${localDate(deps.now())}.zip`))
      .header('cache-control', 'no-store')
      .send(bytes);
  });
}
