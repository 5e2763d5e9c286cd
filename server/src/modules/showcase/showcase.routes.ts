import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ShowcaseListSchema, ShowcaseVideoParamSchema } from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { listShowcase, openShowcaseVideo } from './showcase.service.ts';

/** Per-client limits of the public showcase: the list, and the video (players send many range requests while seeking). */
const LIST_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };
const VIDEO_RATE_LIMIT = { max: 600, timeWindow: '1 minute' };

/** /api/public/showcase: 短视频展播 — the public (no login) list of showcased videos and the videos themselves. */
export async function showcaseRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/public/showcase', {
    config: { access: 'public', rateLimit: LIST_RATE_LIMIT },
    schema: { tags: ['public'], summary: '短视频展播列表（公开，无需登录）', security: [], response: { 200: ShowcaseListSchema } },
  }, async (_req, reply) => {
    reply.header('cache-control', 'no-cache');
    return listShowcase(db);
  });

  r.get('/api/public/showcase/:submissionId/video', {
    config: { access: 'public', rateLimit: VIDEO_RATE_LIMIT },
    schema: { tags: ['public'], summary: '展播视频（公开；支持 Range 分段请求，仅限已展播的报送）', security: [], params: ShowcaseVideoParamSchema },
  }, async (req, reply) => {
    const video = await openShowcaseVideo(db, deps.config.uploadsDir, req.params.submissionId, req.headers.range);
    reply.header('accept-ranges', 'bytes').header('x-content-type-options', 'nosniff');
    if (video.kind === 'unsatisfiable') {
      return reply
        .status(416)
        .header('content-range', `bytes */${video.size}`)
        .type('application/json; charset=utf-8')
        .send({ error: { code: 'BAD_REQUEST', message: '请求的视频范围无效', requestId: req.id } });
    }
    // un-showcasing must take effect soon: caches revalidate
    reply.header('cache-control', 'public, max-age=60').type(video.mime);
    if (video.kind === 'full') return reply.header('content-length', video.size).send(video.stream);
    return reply
      .status(206)
      .header('content-range', `bytes ${video.start}-${video.end}/${video.size}`)
      .header('content-length', video.end - video.start + 1)
      .send(video.stream);
  });
}
