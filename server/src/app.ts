import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db, DriverName } from '@lifeline/db';
import { t } from '@lifeline/shared';
import type { Config } from './config/env.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { authPlugin } from './plugins/auth.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { institutionRoutes } from './modules/institutions/institutions.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { checklistRoutes } from './modules/checklists/checklists.routes.ts';
import { uploadRoutes } from './modules/uploads/uploads.routes.ts';
import { inspectionRoutes } from './modules/inspections/inspections.routes.ts';
import { hazardRoutes } from './modules/hazards/hazards.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { campaignRoutes } from './modules/campaigns/campaigns.routes.ts';
import { showcaseRoutes } from './modules/showcase/showcase.routes.ts';
import { submissionRoutes } from './modules/campaigns/submissions.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { studyRoutes } from './modules/study/study.routes.ts';
import { drillRoutes } from './modules/drills/drills.routes.ts';
import { quizRoutes } from './modules/quiz/quiz.routes.ts';
import { publicReportRoutes } from './modules/public-reports/public-reports.routes.ts';
import { exposureRoutes } from './modules/exposure/exposure.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { loggerOptions } from './lib/request-log.ts';

/** What the app is built from; tests build it on a fresh database. */
export interface AppDeps {
  db: Db;
  driver: DriverName;
  config: Config;
  /** the current time; tests may inject a clock */
  now: () => Date;
}

const WEB_DIST_DEFAULT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Builds the Fastify app (no listen): plugins, every /api route, OpenAPI at /api/openapi.json and
 * the built web app with an SPA fallback.
 */
export async function buildApp(deps: AppDeps, opts: { logger?: boolean | object } = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    // never log cookies, auth headers, bodies, nor the public's addresses (lib/request-log.ts)
    logger: opts.logger ?? loggerOptions(config.LOG_LEVEL),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // showcased videos are served by this origin (/api/public/showcase/:id/video)
        mediaSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, {
    limits: { fileSize: config.UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 10, parts: 12 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Lifeline API', version: '0.1.0', description: '畅通生命通道 — 民政服务机构安全管理平台' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lifeline_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(authPlugin, { db: deps.db, ttlHours: config.SESSION_TTL_HOURS });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', {
    config: { access: 'public' },
    schema: {
      tags: ['system'],
      summary: '健康检查',
      security: [],
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']) }) },
    },
  }, async () => {
    await deps.db.execute('select 1' as never);
    return { status: 'ok' as const, database: deps.driver };
  });
  r.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  for (const routes of [authRoutes, orgRoutes, institutionRoutes, userRoutes, checklistRoutes, uploadRoutes, inspectionRoutes, hazardRoutes, dashboardRoutes, auditRoutes, settingsRoutes, campaignRoutes, submissionRoutes, notificationRoutes, showcaseRoutes, drillRoutes, planRoutes, studyRoutes, quizRoutes, publicReportRoutes, exposureRoutes, reportRoutes]) {
    await routes(app, deps);
  }

  const webDist = config.WEB_DIST ? path.resolve(config.WEB_DIST) : WEB_DIST_DEFAULT;
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (res, file) => {
        // hashed build assets never change; the app shell must never be reused from a cache
        // (nor from the back/forward cache after a logout)
        res.header('cache-control', file.endsWith('.html') ? 'no-store' : file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) {
      // SPA fallback: client-side routes load the app shell
      return reply.header('cache-control', 'no-store').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: t('errors.NOT_FOUND'), requestId: req.id } });
  });
  return app;
}
