import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { notification, type DbOrTx } from '@lifeline/db';

/**
 * Drizzle queries of the notification table. Every query is filtered by the owner (`userId`):
 * a notification belongs to exactly one user and nobody else may see or change it.
 */

const ownedBy = (userId: string, ...conds: (SQL | undefined)[]) => and(eq(notification.userId, userId), ...conds);

/** One page of a user's notifications, newest first (time, then insertion order), and the total. */
export async function findNotificationPage(db: DbOrTx, userId: string, f: { unreadOnly: boolean }, page: { limit: number; offset: number }) {
  const where = ownedBy(userId, f.unreadOnly ? isNull(notification.readAt) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(notification).where(where).orderBy(desc(notification.createdAt), desc(notification.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(notification).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** How many of the user's notifications are unread (uses the partial index notification_unread_idx). */
export async function countUnreadNotifications(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notification).where(ownedBy(userId, isNull(notification.readAt)));
  return Number(row?.n ?? 0);
}

/**
 * Marks one of the user's notifications read (keeps the first `readAt` when already read).
 * @returns the row, or undefined when it does not exist or belongs to someone else
 */
export async function markOneRead(db: DbOrTx, userId: string, id: number, at: Date) {
  await db.update(notification).set({ readAt: at }).where(ownedBy(userId, eq(notification.id, id), isNull(notification.readAt)));
  const [row] = await db.select().from(notification).where(ownedBy(userId, eq(notification.id, id)));
  return row;
}

/** Marks every unread notification of the user read. @returns how many changed */
export async function markAllRead(db: DbOrTx, userId: string, at: Date): Promise<number> {
  const rows = await db.update(notification).set({ readAt: at }).where(ownedBy(userId, isNull(notification.readAt))).returning({ id: notification.id });
  return rows.length;
}
