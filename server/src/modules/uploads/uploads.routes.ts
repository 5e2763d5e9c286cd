import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { create as contentDisposition } from 'content-disposition';
import { z } from 'zod';
import { AttachmentSchema, IdParamSchema, QueryBool } from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { AppError } from '../../lib/app-error.ts';
import { actorOf } from '../../plugins/auth.ts';
import { openAttachment, storeUpload, storeVideoUpload } from './uploads.service.ts';

/** /api/uploads (multipart, one file) and /api/attachments/:id (download, scope-checked). */
export async function uploadRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/uploads', {
    config: { permission: 'upload.create' },
    schema: {
      tags: ['uploads'],
      summary: '上传文件（multipart，字段 file）：照片去除元数据后保存；视频（mp4/webm）流式写盘，上限 VIDEO_MAX_MB',
      consumes: ['multipart/form-data'],
      querystring: z.object({ kind: z.enum(['photo', 'document', 'video']).default('photo') }),
      response: { 201: AttachmentSchema },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件');
    if (req.query.kind === 'video') {
      // videos have their own limit (VIDEO_MAX_MB) and are streamed to disk, never buffered
      const maxBytes = deps.config.VIDEO_MAX_MB * 1024 * 1024;
      const video = await req.file({ limits: { fileSize: maxBytes }, throwFileSizeLimit: false });
      if (!video) throw new AppError('VALIDATION_FAILED', '没有收到文件', [{ path: 'file', message: '请选择文件' }]);
      const dto = await storeVideoUpload(deps.db, deps.config.uploadsDir, actorOf(req), { stream: video.file, filename: video.filename, maxBytes });
      return reply.status(201).send(dto);
    }
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION_FAILED', '没有收到文件', [{ path: 'file', message: '请选择文件' }]);
    const bytes = await file.toBuffer(); // throws 413 past UPLOAD_MAX_MB, nothing stored
    if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件为空', [{ path: 'file', message: '文件为空' }]);
    const dto = await storeUpload(deps.db, deps.config.uploadsDir, actorOf(req), { bytes, filename: file.filename, kind: req.query.kind });
    return reply.status(201).send(dto);
  });

  r.get('/api/attachments/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['uploads'], summary: '下载附件（按记录范围鉴权）', params: IdParamSchema, querystring: z.object({ download: QueryBool.optional() }) },
  }, async (req, reply) => {
    const { row, stream } = await openAttachment(deps.db, deps.config.uploadsDir, actorOf(req), req.params.id);
    reply
      .header('content-type', row.mime)
      .header('content-length', row.sizeBytes)
      .header('content-disposition', contentDisposition(row.originalName, { type: req.query.download ? 'attachment' : 'inline' }))
      .header('cache-control', 'private, max-age=86400')
      .header('x-content-type-options', 'nosniff');
    return reply.send(stream);
  });
}
