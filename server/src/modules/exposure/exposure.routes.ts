import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  EXPOSURE_STEPS,
  ExposureCreateSchema,
  ExposureDetailSchema,
  ExposureListQuerySchema,
  ExposurePatchSchema,
  ExposurePhotoParamSchema,
  ExposureRedactPreviewResultSchema,
  ExposureRedactPreviewSchema,
  ExposureSourceListSchema,
  ExposureSourceQuerySchema,
  ExposureStepSchema,
  ExposureSummarySchema,
  IdParamSchema,
  PublicExposureItemSchema,
  PublicExposureQuerySchema,
  pageOf,
  type ExposureStep,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { secretKey } from '../../lib/contact-crypto.ts';
import { actorOf } from '../../plugins/auth.ts';
import { STEP_PERMISSION } from './exposure.policy.ts';
import {
  createExposureCase,
  getExposureDetail,
  getPublicExposure,
  listExposureCases,
  listExposureSources,
  listPublicExposure,
  openExposureCandidatePhoto,
  openPublicExposurePhoto,
  previewExposureRedaction,
  takeExposureStep,
  updateExposureCase,
  type PhotoFile,
} from './exposure.service.ts';

/** Per-client limits of the public board: the list/detail, and photos (a page shows several). */
const LIST_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };
const PHOTO_RATE_LIMIT = { max: 300, timeWindow: '1 minute' };

const STEP_SUMMARY: Record<ExposureStep, string> = {
  submit: '提交审批（草稿 → 待审批）',
  approve: '审批发布（待审批 → 已发布，仅局领导，不能审批自己创建的案例；写入发布记录）',
  return: '退回修改（待审批 → 草稿），须填写原因',
  withdraw: '撤回（已发布 → 已撤回），须填写原因；写入发布记录',
};

/** Sends a photo with no file name (a reporter's original file name never leaves). */
function sendPhoto(reply: FastifyReply, photo: PhotoFile, cache: string) {
  return reply.header('cache-control', cache).header('x-content-type-options', 'nosniff').header('content-length', photo.size).type(photo.mime).send(photo.stream);
}

/**
 * /api/exposure-cases (staff: prepare, edit, approve, withdraw) and /api/public/exposure (the public
 * 曝光台: published cases and their picked photos, no login).
 */
export async function exposureRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  // list and detail: exposure.manage OR exposure.approve (the leader reviews) — decided by the policy
  r.get('/api/exposure-cases', {
    config: { access: 'authenticated' },
    schema: { tags: ['exposure'], summary: '曝光台案例列表（按状态筛选；县局股室、管理员、局领导）', querystring: ExposureListQuerySchema, response: { 200: pageOf(ExposureSummarySchema) } },
  }, async (req) => listExposureCases(db, actorOf(req), req.query));

  r.get('/api/exposure-cases/sources', {
    config: { permission: 'exposure.manage' },
    schema: { tags: ['exposure'], summary: '可生成案例的来源：已核实（属实/部分属实）举报或已销号隐患', querystring: ExposureSourceQuerySchema, response: { 200: ExposureSourceListSchema } },
  }, async (req) => listExposureSources(db, actorOf(req), req.query));

  r.post('/api/exposure-cases', {
    config: { permission: 'exposure.manage' },
    schema: { tags: ['exposure'], summary: '从已核实举报或已销号隐患生成案例草稿（自动脱敏）', body: ExposureCreateSchema, response: { 201: ExposureDetailSchema } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createExposureCase(db, actor, req.body, deps.now(), req.id, secretKey(deps.config));
    return reply.status(201).send(await getExposureDetail(db, actor, id));
  });

  r.get('/api/exposure-cases/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['exposure'], summary: '曝光案例详情（来源照片、处理记录、发布记录）', params: IdParamSchema, response: { 200: ExposureDetailSchema } },
  }, async (req) => getExposureDetail(db, actorOf(req), req.params.id));

  r.patch('/api/exposure-cases/:id', {
    config: { permission: 'exposure.manage' },
    schema: { tags: ['exposure'], summary: '修改草稿（文字再次脱敏；选择发布的照片；是否公开机构名称）', params: IdParamSchema, body: ExposurePatchSchema, response: { 200: ExposureDetailSchema } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateExposureCase(db, actor, req.params.id, req.body, deps.now(), req.id, secretKey(deps.config));
    return getExposureDetail(db, actor, req.params.id);
  });

  r.post('/api/exposure-cases/:id/redaction-preview', {
    config: { permission: 'exposure.manage' },
    schema: { tags: ['exposure'], summary: '脱敏预览（不保存）', params: IdParamSchema, body: ExposureRedactPreviewSchema, response: { 200: ExposureRedactPreviewResultSchema } },
  }, async (req) => previewExposureRedaction(db, actorOf(req), req.params.id, req.body, secretKey(deps.config)));

  for (const step of EXPOSURE_STEPS) {
    r.post(`/api/exposure-cases/:id/${step}`, {
      config: { permission: STEP_PERMISSION[step] },
      schema: { tags: ['exposure'], summary: STEP_SUMMARY[step], params: IdParamSchema, body: ExposureStepSchema, response: { 200: ExposureDetailSchema } },
    }, async (req) => {
      const actor = actorOf(req);
      await takeExposureStep(db, actor, req.params.id, step, req.body.note, deps.now(), req.id);
      return getExposureDetail(db, actor, req.params.id);
    });
  }

  r.get('/api/exposure-cases/:id/photos/:attachmentId', {
    config: { access: 'authenticated' },
    schema: { tags: ['exposure'], summary: '案例来源照片（审阅用）', params: ExposurePhotoParamSchema },
  }, async (req, reply) => sendPhoto(reply, await openExposureCandidatePhoto(db, deps.config.uploadsDir, actorOf(req), req.params.id, req.params.attachmentId), 'private, no-store'));

  r.get('/api/public/exposure', {
    config: { access: 'public', rateLimit: LIST_RATE_LIMIT },
    schema: { tags: ['public'], summary: '曝光台（公开，无需登录）：已发布案例，最新在前', security: [], querystring: PublicExposureQuerySchema, response: { 200: pageOf(PublicExposureItemSchema) } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-cache');
    return listPublicExposure(db, req.query);
  });

  r.get('/api/public/exposure/:id', {
    config: { access: 'public', rateLimit: LIST_RATE_LIMIT },
    schema: { tags: ['public'], summary: '曝光案例详情（公开；仅已发布）', security: [], params: IdParamSchema, response: { 200: PublicExposureItemSchema } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-cache');
    return getPublicExposure(db, req.params.id);
  });

  r.get('/api/public/exposure/:id/photos/:attachmentId', {
    config: { access: 'public', rateLimit: PHOTO_RATE_LIMIT },
    schema: { tags: ['public'], summary: '曝光案例照片（公开；仅已发布案例中选定发布的照片）', security: [], params: ExposurePhotoParamSchema },
  }, async (req, reply) =>
    // withdrawing must take effect soon: caches revalidate after a minute
    sendPhoto(reply, await openPublicExposurePhoto(db, deps.config.uploadsDir, req.params.id, req.params.attachmentId), 'public, max-age=60'),
  );
}
