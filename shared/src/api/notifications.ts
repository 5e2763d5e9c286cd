import { z } from 'zod';
import { PageQuerySchema, QueryBool } from './common.ts';

/**
 * In-app notifications (消息): deadline reminders of campaign tasks, returned / accepted / received
 * submissions. Each user only ever sees and changes their own.
 */

/** What a notification is about; open-ended on the wire (new kinds may be added by the server). */
export const NOTIFICATION_KINDS = ['reminder_before', 'reminder_due', 'submission_received', 'submission_returned', 'submission_accepted'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** GET /api/notifications query: newest first; `unreadOnly=true` leaves out the read ones. */
export const NotificationQuerySchema = PageQuerySchema.extend({
  unreadOnly: QueryBool.optional(),
});
export type NotificationQuery = z.infer<typeof NotificationQuerySchema>;

/** `:id` of a notification (a positive integer; notification ids are not uuids). */
export const NotificationIdParamSchema = z.object({
  id: z.coerce.number({ message: '编号格式无效' }).int({ message: '编号格式无效' }).min(1, { message: '编号格式无效' }).max(Number.MAX_SAFE_INTEGER, { message: '编号格式无效' }),
});

/** One notification of the current user. Times are ISO instants (UTC); `readAt` null = unread. */
export const NotificationSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** a path in the web app ('' = nothing to open) */
  link: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** A page of notifications, plus the user's unread count (so a list refresh also updates the bell). */
export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

/** GET /api/notifications/unread-count */
export const UnreadCountSchema = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

/** POST /api/notifications/read-all: how many were marked read, and the unread count after (0). */
export const ReadAllResultSchema = z.object({ updated: z.number().int(), unread: z.number().int() });
export type ReadAllResult = z.infer<typeof ReadAllResultSchema>;
