import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { t, type ErrorBody, type FieldIssue } from '@lifeline/shared';
import { AppError } from '../lib/app-error.ts';

/**
 * SQLSTATE → wire error, in one place (PGlite and PostgreSQL share the codes).
 * 23505 unique violation → 409 DUPLICATE; 23503 foreign key → 409 CONFLICT; 23514 check → 400;
 * 22P02/22007/22008/22003 bad value → 400; 40001/40P01 serialisation → 409.
 */
export function translateDbError(err: unknown): AppError | undefined {
  const e = err as { code?: unknown; cause?: unknown; constraint?: string };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) {
    return e?.cause ? translateDbError(e.cause) : undefined;
  }
  switch (code) {
    case '23505':
      return new AppError('DUPLICATE', t('errors.DUPLICATE'));
    case '23503':
      return new AppError('CONFLICT', '关联的记录不存在或仍被引用');
    case '23514':
    case '23502':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return new AppError('BAD_REQUEST', '数据不符合要求');
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', '数据正被他人修改，请重试');
    default:
      return undefined;
  }
}

function send(reply: import('fastify').FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** A NUL, or half of a UTF-16 surrogate pair (JSON may carry "\ud800"; stored it would turn into �). */
const INVALID_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Path of the first string holding a character no column can keep as sent — a NUL (PostgreSQL
 * text cannot store one) or a lone surrogate (not valid Unicode) — if any.
 */
export function findNul(v: unknown, path: string[] = []): string | null {
  if (typeof v === 'string') return INVALID_TEXT.test(v) ? path.join('.') : null;
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const hit = findNul(x, [...path, k]);
      if (hit !== null) return hit;
    }
  }
  return null;
}

/** The one error handler: every error leaves as `{ error: { code, message, details, requestId } }`. */
export const errorsPlugin = fp(async function errorsPlugin(app: FastifyInstance) {
  // a NUL character can reach no column: refuse it up front, with its field, instead of a 500
  app.addHook('preValidation', async (req) => {
    for (const [where, v] of [['', req.body], ['query', req.query], ['params', req.params]] as const) {
      const hit = findNul(v);
      if (hit !== null) {
        const path = [where, hit].filter(Boolean).join('.');
        throw new AppError('VALIDATION_FAILED', t('errors.VALIDATION_FAILED'), [{ path, message: '内容含有无效的控制字符' }]);
      }
    }
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const requestId = req.id;
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext;
      const details: FieldIssue[] = err.validation.map((v) => ({
        path: [where === 'body' ? '' : where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].filter(Boolean).join('.'),
        message: v.message ?? '无效',
      }));
      return send(reply, 400, { error: { code: 'VALIDATION_FAILED', message: t('errors.VALIDATION_FAILED'), details, requestId } });
    }
    if (err instanceof AppError) {
      return send(reply, err.status, { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}), requestId } });
    }
    const dbErr = translateDbError(err);
    if (dbErr) {
      req.log.warn({ sqlstate: (err as { code?: string }).code }, 'database constraint');
      return send(reply, dbErr.status, { error: { code: dbErr.code, message: dbErr.message, ...(dbErr.details ? { details: dbErr.details } : {}), requestId } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return send(reply, 500, { error: { code: 'INTERNAL', message: t('errors.INTERNAL'), requestId } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT') {
      // a file over the upload limit, or a request body (JSON) over the body limit
      const message = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? t('errors.BODY_TOO_LARGE') : t('errors.PAYLOAD_TOO_LARGE');
      return send(reply, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message, requestId } });
    }
    if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return send(reply, 415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: t('errors.UNSUPPORTED_MEDIA_TYPE'), requestId } });
    }
    if (status === 429) {
      return send(reply, 429, { error: { code: 'TOO_MANY_REQUESTS', message: t('errors.TOO_MANY_REQUESTS'), requestId } });
    }
    if (status >= 400 && status < 500) {
      // malformed JSON, empty body with a JSON content type, and similar client errors
      return send(reply, status === 404 ? 404 : 400, {
        error: { code: status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: status === 404 ? t('errors.NOT_FOUND') : t('errors.BAD_REQUEST'), requestId },
      });
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 500, { error: { code: 'INTERNAL', message: t('errors.INTERNAL'), requestId } });
  });
});
