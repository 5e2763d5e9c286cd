import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  PUBLIC_REPORT_MAX_PHOTOS,
  PublicInstitutionListSchema,
  PublicInstitutionQuerySchema,
  PublicReportFormSchema,
  PublicReportInputSchema,
  PublicReportReceiptSchema,
  PublicReportStatusSchema,
  ReceiptCodeBodySchema,
  ReceiptMessageBodySchema,
  t,
  type FieldIssue,
  type PublicReportInput,
} from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { findNul } from '../../plugins/errors.ts';
import { AppError } from '../../lib/app-error.ts';
import { publicClientKey } from './client-key.ts';
import { claimReward, getReportForm, lookupReport, postReporterMessage, searchInstitutions, submitPublicReport } from './public-reports.service.ts';
import { withTimeFloor } from './timing.ts';

/**
 * Per-client limits of the public report routes. The client key is a salted, hourly re-salted hash
 * of the address kept in memory only ({@link publicClientKey}); each client counts alone, so one
 * client over its limit never blocks another reporter.
 */
export const PUBLIC_REPORT_RATE_LIMITS = {
  form: { max: 30, timeWindow: '1 minute' },
  institutions: { max: 60, timeWindow: '1 minute' },
  create: { max: 10, timeWindow: '10 minutes' },
  lookup: { max: 30, timeWindow: '1 minute' },
  message: { max: 10, timeWindow: '10 minutes' },
  claim: { max: 10, timeWindow: '10 minutes' },
} as const;

const limit = (l: { max: number; timeWindow: string }) => ({ ...l, keyGenerator: publicClientKey });

/**
 * Zod issues → per-field details. A key the public may not set (`.strict()`) becomes one entry per
 * key, so a 400 lists every refused field by name.
 */
function issuesOf(error: z.ZodError): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const i of error.issues) {
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) out.push({ path: [...i.path, k].join('.'), message: t('publicReports.fieldNotAllowed') });
    } else {
      out.push({ path: i.path.join('.'), message: i.message });
    }
  }
  return out;
}

/**
 * Validates the report fields; refused keys are named in the message too.
 * @throws AppError VALIDATION_FAILED (400) with per-field details
 */
function parseFields(raw: unknown): PublicReportInput {
  // the multipart `data` part is parsed here, after the global NUL / lone-surrogate guard ran
  const bad = findNul(raw);
  if (bad !== null) throw new AppError('VALIDATION_FAILED', t('errors.VALIDATION_FAILED'), [{ path: bad, message: '内容含有无效的控制字符' }]);
  const parsed = PublicReportInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = issuesOf(parsed.error);
  const refused = details.filter((d) => d.message === t('publicReports.fieldNotAllowed')).map((d) => d.path);
  throw new AppError('VALIDATION_FAILED', refused.length > 0 ? `以下字段不允许填写：${refused.join('、')}` : t('errors.VALIDATION_FAILED'), details);
}

/**
 * Reads a report request: multipart/form-data with a `data` part (the JSON fields) and up to six
 * `photos` file parts, or a plain JSON body without photos. Unknown parts are refused by name.
 * @throws AppError 413 past UPLOAD_MAX_MB per photo (from the multipart limits), 400 for a 7th
 *   photo, unknown parts, an empty file or malformed JSON
 */
async function readReportRequest(req: FastifyRequest, maxPhotoBytes: number): Promise<{ fields: PublicReportInput; photos: Buffer[] }> {
  if (!req.isMultipart()) {
    if (req.body === undefined || req.body === null || typeof req.body !== 'object') throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 或 JSON 提交');
    return { fields: parseFields(req.body), photos: [] };
  }
  let data: string | undefined;
  const photos: Buffer[] = [];
  const unknown: string[] = [];
  for await (const part of req.parts({ limits: { fileSize: maxPhotoBytes, files: PUBLIC_REPORT_MAX_PHOTOS + 1, fields: 4, parts: PUBLIC_REPORT_MAX_PHOTOS + 5 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'photos') {
        unknown.push(part.fieldname);
        part.file.resume();
        continue;
      }
      if (photos.length === PUBLIC_REPORT_MAX_PHOTOS) {
        const message = t('publicReports.tooManyPhotos', { n: PUBLIC_REPORT_MAX_PHOTOS });
        throw new AppError('VALIDATION_FAILED', message, [{ path: 'photos', message }]);
      }
      const bytes = await part.toBuffer(); // 413 past the size limit, before anything is stored
      if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '照片文件为空', [{ path: 'photos', message: '照片文件为空' }]);
      photos.push(bytes);
    } else if (part.fieldname === 'data' && data === undefined) {
      data = String(part.value);
    } else {
      unknown.push(part.fieldname);
    }
  }
  if (unknown.length > 0) {
    throw new AppError('VALIDATION_FAILED', `以下字段不允许填写：${unknown.join('、')}`, unknown.map((path) => ({ path, message: t('publicReports.fieldNotAllowed') })));
  }
  if (data === undefined) throw new AppError('VALIDATION_FAILED', t('errors.VALIDATION_FAILED'), [{ path: 'data', message: '缺少举报内容' }]);
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    throw new AppError('VALIDATION_FAILED', t('errors.VALIDATION_FAILED'), [{ path: 'data', message: '举报内容格式无效' }]);
  }
  return { fields: parseFields(raw), photos };
}

/**
 * /api/public/report-form, /api/public/institutions, /api/public/reports and /api/public/receipts/*:
 * 群众举报 without an account (issue 5 parts 1–4). Receipt codes travel only in request bodies
 * (never in a URL, so never in an access log), and every answer to a code takes the same time.
 */
export async function publicReportRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/public/report-form', {
    config: { access: 'public', rateLimit: limit(PUBLIC_REPORT_RATE_LIMITS.form) },
    schema: { tags: ['public'], summary: '举报表单：类别、举报渠道和一次性安全校验题（公开）', security: [], response: { 200: PublicReportFormSchema } },
  }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return getReportForm(deps);
  });

  r.get('/api/public/institutions', {
    config: { access: 'public', rateLimit: limit(PUBLIC_REPORT_RATE_LIMITS.institutions) },
    schema: { tags: ['public'], summary: '按名称搜索在营民政服务机构（仅名称和乡镇，公开）', security: [], querystring: PublicInstitutionQuerySchema, response: { 200: PublicInstitutionListSchema } },
  }, async (req) => searchInstitutions(deps.db, req.query.q));

  r.post('/api/public/reports', {
    config: { access: 'public', rateLimit: limit(PUBLIC_REPORT_RATE_LIMITS.create) },
    schema: {
      tags: ['public'],
      summary: '提交举报（multipart：data 为 JSON 字段，photos 最多 6 张；或 JSON 无照片）。支持 Idempotency-Key；回执码只返回这一次',
      security: [],
      consumes: ['multipart/form-data', 'application/json'],
      response: { 201: PublicReportReceiptSchema },
    },
  }, async (req, reply) => {
    const { fields, photos } = await readReportRequest(req, deps.config.UPLOAD_MAX_MB * 1024 * 1024);
    const key = req.headers['idempotency-key'];
    const { receipt, replayed } = await submitPublicReport(deps, { fields, photos, idempotencyKey: typeof key === 'string' ? key : undefined, requestId: req.id });
    reply.header('cache-control', 'no-store');
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.status(201).send(receipt);
  });

  r.post('/api/public/receipts/lookup', {
    config: { access: 'public', rateLimit: limit(PUBLIC_REPORT_RATE_LIMITS.lookup) },
    schema: { tags: ['public'], summary: '凭回执码查询举报进度（应答时间与回执码是否存在无关）', security: [], body: ReceiptCodeBodySchema, response: { 200: PublicReportStatusSchema } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return withTimeFloor(() => lookupReport(deps, req.body.code));
  });

  r.post('/api/public/receipts/messages', {
    config: { access: 'public', rateLimit: limit(PUBLIC_REPORT_RATE_LIMITS.message) },
    schema: { tags: ['public'], summary: '举报人凭回执码给办理人员留言', security: [], body: ReceiptMessageBodySchema, response: { 201: PublicReportStatusSchema } },
  }, async (req, reply) => {
    const status = await withTimeFloor(() => postReporterMessage(deps, req.body.code, req.body.body, req.id));
    return reply.header('cache-control', 'no-store').status(201).send(status);
  });

  r.post('/api/public/receipts/claim', {
    config: { access: 'public', rateLimit: limit(PUBLIC_REPORT_RATE_LIMITS.claim) },
    schema: { tags: ['public'], summary: '举报人凭回执码申请领取已核准的奖励（领取期限内）', security: [], body: ReceiptCodeBodySchema, response: { 200: PublicReportStatusSchema } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return withTimeFloor(() => claimReward(deps, req.body.code, req.id));
  });
}
