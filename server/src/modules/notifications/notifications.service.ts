import type { Db, DbOrTx, notification } from '@lifeline/db';
import type { Notification, NotificationPage, NotificationQuery, ReadAllResult } from '@lifeline/shared';
import { notFound } from '../../lib/app-error.ts';
import type { Actor } from '../../policies/index.ts';
import { countUnreadNotifications, findNotificationPage, markAllRead, markOneRead } from './notifications.repo.ts';

/**
 * The notification centre (消息) of the signed-in user. There is no permission beyond being signed
 * in: the policy is "your own notifications only", enforced by every query filtering on the
 * actor's id, so another user's notification is indistinguishable from a missing one (404).
 *
 * Reading a notification is not audited: it changes nothing of a business record (hazard, campaign,
 * submission), only the reader's own inbox, and an audit row per click would drown the log.
 */

type NotificationRow = typeof notification.$inferSelect;

/** Row → wire DTO (ISO instants). */
export function presentNotification(r: NotificationRow): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    entityType: r.entityType,
    entityId: r.entityId,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt ? r.readAt.toISOString() : null,
  };
}

/**
 * A page of the actor's notifications, newest first, with their unread count.
 * @param q `page` (1-based), `pageSize` (1–200), `unreadOnly`
 * @returns `{ items, total, page, pageSize, unread }`
 */
export async function listNotifications(db: DbOrTx, actor: Actor, q: NotificationQuery): Promise<NotificationPage> {
  const [{ rows, total }, unread] = await Promise.all([
    findNotificationPage(db, actor.id, { unreadOnly: q.unreadOnly ?? false }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    countUnreadNotifications(db, actor.id),
  ]);
  return { items: rows.map(presentNotification), total, page: q.page, pageSize: q.pageSize, unread };
}

/** The number of the actor's unread notifications (the bell's badge). */
export async function countUnread(db: DbOrTx, actor: Actor): Promise<{ unread: number }> {
  return { unread: await countUnreadNotifications(db, actor.id) };
}

/**
 * Marks one of the actor's notifications read at `now`. Idempotent: a read notification keeps its
 * first `readAt`.
 * @returns the notification after the change
 * @throws AppError NOT_FOUND when it does not exist or belongs to another user
 */
export async function readNotification(db: DbOrTx, actor: Actor, id: number, now: Date): Promise<Notification> {
  const row = await markOneRead(db, actor.id, id, now);
  if (!row) throw notFound('消息不存在');
  return presentNotification(row);
}

/**
 * Marks every unread notification of the actor read at `now` (one statement).
 * @returns `{ updated, unread }` — how many changed, and the unread count afterwards (0 unless a
 *   notification arrived meanwhile)
 */
export async function readAllNotifications(db: Db, actor: Actor, now: Date): Promise<ReadAllResult> {
  const updated = await markAllRead(db, actor.id, now);
  return { updated, unread: await countUnreadNotifications(db, actor.id) };
}
