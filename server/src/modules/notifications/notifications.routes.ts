import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotificationIdParamSchema, NotificationPageSchema, NotificationQuerySchema, NotificationSchema, ReadAllResultSchema, UnreadCountSchema } from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { actorOf } from '../../plugins/auth.ts';
import { countUnread, listNotifications, readAllNotifications, readNotification } from './notifications.service.ts';

/**
 * /api/notifications: the signed-in user's own notifications (消息中心) — list, unread count,
 * mark one / all read. Open to every signed-in user; nobody sees anyone else's.
 */
export async function notificationRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/notifications', {
    config: { access: 'authenticated' },
    schema: { tags: ['notifications'], summary: '我的消息（最新在前，可只看未读）', querystring: NotificationQuerySchema, response: { 200: NotificationPageSchema } },
  }, async (req) => listNotifications(db, actorOf(req), req.query));

  r.get('/api/notifications/unread-count', {
    config: { access: 'authenticated' },
    schema: { tags: ['notifications'], summary: '我的未读消息数', response: { 200: UnreadCountSchema } },
  }, async (req) => countUnread(db, actorOf(req)));

  r.post('/api/notifications/read-all', {
    config: { access: 'authenticated' },
    schema: { tags: ['notifications'], summary: '全部标为已读', response: { 200: ReadAllResultSchema } },
  }, async (req) => readAllNotifications(db, actorOf(req), deps.now()));

  r.post('/api/notifications/:id/read', {
    config: { access: 'authenticated' },
    schema: { tags: ['notifications'], summary: '标为已读', params: NotificationIdParamSchema, response: { 200: NotificationSchema } },
  }, async (req) => readNotification(db, actorOf(req), req.params.id, deps.now()));
}
