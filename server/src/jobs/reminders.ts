import { and, asc, eq, gte, lte, ne, sql } from 'drizzle-orm';
import { campaign, campaignTask, reminderLog, submission, taskAssignment, type Db } from '@lifeline/db';
import { formatLocalDateTime, localDate, localParts, startOfLocalDay, t } from '@lifeline/shared';
import { notifyUsers, usersOfAssignment } from '../modules/notifications/notify.ts';
import { getSetting, SETTING_DEFAULTS } from '../modules/settings/settings.service.ts';

/**
 * Deadline reminders of campaign tasks (专项活动任务截止提醒), docs/decisions/0002-campaigns.md
 * "Reminders".
 *
 * For every assignment of a published campaign whose unit still owes its deliverable (nothing
 * submitted yet, or the latest version was returned), reminders fall due at
 * `deadline − N days` for each N of the setting `campaign.reminderDaysBefore` (kind `before_Nd`)
 * and at the deadline itself (kind `due`). Deadlines are instants (a date means the end of that
 * day in Asia/Shanghai), so `before_3d` of a task due 6月5日 falls due at the end of 6月2日.
 *
 * - A reminder goes out when it is due (≤ now) and its kind is not in `reminder_log` for the
 *   assignment yet; catch-up after downtime falls out of that rule.
 * - When several are due at once for one assignment (after downtime, or a task published close to
 *   its deadline) only the most urgent is sent; the older ones are written to `reminder_log` at the
 *   same time (as skipped) so they never go out late. `reminder_log` has no outcome column: a
 *   skipped row looks like a sent one; the notifications written are the record of what was sent.
 * - Exactly once: each reminder is one transaction that first does
 *   `insert into reminder_log … on conflict do nothing returning`, and writes the notifications only
 *   if a row came back. With two server processes on one PostgreSQL database the second insert
 *   waits for the first transaction and then finds the conflict, so it sends nothing.
 * - Grace period: a `due` reminder is not sent more than {@link DUE_GRACE_DAYS} days after the
 *   deadline when it was never sent (the server was down for longer, or a campaign was published
 *   with past deadlines). An old overdue assignment is already visible on the completion board as
 *   逾期; a "just became due" message a fortnight late would only be noise. Such assignments are
 *   simply not picked up (nothing is written for them).
 * - Tasks of deliverable kind `count` (counts of linked inspections / drills / study sessions) are
 *   skipped: nothing is handed in for them, so "still owes" is not defined.
 */

/** Days after the deadline during which a never-sent `due` reminder is still sent (see above). */
export const DUE_GRACE_DAYS = 7;

const DAY_MS = 86_400_000;

/** A reminder kind written to `reminder_log`: `before_3d`, `before_1d`, …, or `due`. */
export type ReminderKind = `before_${number}d` | 'due';

/** One scheduled reminder of an assignment. `daysBefore` is null for `due`. */
export interface ScheduledReminder {
  kind: ReminderKind;
  at: Date;
  daysBefore: number | null;
}

/**
 * The valid reminder offsets of a stored setting value: integers 1–30, distinct, at most 5, largest
 * first. Anything else in the stored JSON is ignored (the settings route validates on write; this is
 * a guard against hand-edited rows).
 */
export function normaliseReminderDays(value: unknown): number[] {
  if (!Array.isArray(value)) return [...SETTING_DEFAULTS['campaign.reminderDaysBefore']];
  const days = value.filter((d): d is number => Number.isInteger(d) && d >= 1 && d <= 30);
  return [...new Set(days)].sort((a, b) => b - a).slice(0, 5);
}

/**
 * All reminders of a deadline, least urgent first: `before_Nd` at `deadline − N × 24 h` for each N
 * (largest N first), then `due` at the deadline.
 * @param deadline the task's deadline instant
 * @param daysBefore offsets in days (as {@link normaliseReminderDays} returns them)
 */
export function reminderSchedule(deadline: Date, daysBefore: readonly number[]): ScheduledReminder[] {
  const before = [...new Set(daysBefore)]
    .sort((a, b) => b - a)
    .map((n) => ({ kind: `before_${n}d` as ReminderKind, at: new Date(deadline.getTime() - n * DAY_MS), daysBefore: n }));
  return [...before, { kind: 'due', at: deadline, daysBefore: null }];
}

/** What to do for one assignment at one instant. */
export interface ReminderPlan {
  /** the reminder to send now, or null */
  send: ScheduledReminder | null;
  /** older due reminders not yet logged, to log as skipped together with `send` (most urgent first) */
  skip: ReminderKind[];
}

/**
 * Decides which reminder of an assignment goes out at `now` (a pure function).
 * Only the most urgent due reminder is a candidate: if it is already logged, nothing goes out (an
 * older one would be late; a newer one is not due yet). Otherwise it is sent and every older
 * unlogged one is skipped. A `due` reminder more than `graceDays` after the deadline is not sent.
 * @param logged kinds already in `reminder_log` for the assignment
 */
export function planReminder(deadline: Date, daysBefore: readonly number[], now: Date, logged: ReadonlySet<string>, graceDays = DUE_GRACE_DAYS): ReminderPlan {
  const due = reminderSchedule(deadline, daysBefore).filter((r) => r.at.getTime() <= now.getTime());
  const mostUrgent = due.at(-1);
  if (!mostUrgent || logged.has(mostUrgent.kind)) return { send: null, skip: [] };
  if (mostUrgent.kind === 'due' && now.getTime() - deadline.getTime() > graceDays * DAY_MS) return { send: null, skip: [] };
  const skip = due
    .slice(0, -1)
    .reverse()
    .map((r) => r.kind)
    .filter((k) => !logged.has(k));
  return { send: mostUrgent, skip };
}

/** Whether a deadline is the end of a local day (a deadline given as a date), not a time of day. */
const isEndOfDay = (deadline: Date) => {
  const p = localParts(deadline);
  return p.hour === 23 && p.minute === 59;
};

/** `6月5日`, or `6月5日 17:00` when the deadline is not the end of a day (Asia/Shanghai). */
function formatDeadline(deadline: Date): string {
  const p = localParts(deadline);
  if (isEndOfDay(deadline)) return t('notifications.reminder.monthDay', { month: p.month, day: p.day });
  return t('notifications.reminder.monthDayTime', { month: p.month, day: p.day, time: formatLocalDateTime(deadline).slice(11) });
}

/** What one reminder says. */
export interface ReminderText {
  kind: 'reminder_before' | 'reminder_due';
  title: string;
  body: string;
}

/**
 * The Chinese title and body of a reminder, e.g. 「报送经验做法」将于 6月5日 截止（还有 3 天）.
 * Days left are counted from `now` (rounded up), so a reminder sent late after downtime still
 * states the truth; after the deadline the title says how many whole days it is overdue, or
 * "today" when the deadline was a time of day earlier today.
 */
export function reminderText(
  r: ScheduledReminder,
  a: { taskTitle: string; campaignName: string; unitName: string; deadline: Date; returned: boolean },
  now: Date,
): ReminderText {
  const deadline = formatDeadline(a.deadline);
  const vars = { task: a.taskTitle, campaign: a.campaignName, unit: a.unitName, at: formatLocalDateTime(a.deadline) };
  const body = t(a.returned ? 'notifications.reminder.bodyReturned' : 'notifications.reminder.body', vars);
  if (r.kind !== 'due') {
    // calendar days, as people count them: due tomorrow 23:59 is 「明天截止」, not 「还有 2 天」
    const days = Math.round((startOfLocalDay(localDate(a.deadline)).getTime() - startOfLocalDay(localDate(now)).getTime()) / DAY_MS);
    const title = days <= 0 ? t('notifications.reminder.beforeToday', { task: a.taskTitle, deadline }) : days === 1 ? t('notifications.reminder.beforeTomorrow', { task: a.taskTitle, deadline }) : t('notifications.reminder.before', { task: a.taskTitle, deadline, days });
    return { kind: 'reminder_before', title, body };
  }
  const late = Math.floor((now.getTime() - a.deadline.getTime()) / DAY_MS);
  const title =
    !isEndOfDay(a.deadline) && localDate(now) === localDate(a.deadline)
      ? t('notifications.reminder.dueToday', { task: a.taskTitle, time: formatLocalDateTime(a.deadline).slice(11) })
      : late >= 1
        ? t('notifications.reminder.overdueDays', { task: a.taskTitle, deadline, days: late })
        : t('notifications.reminder.overdue', { task: a.taskTitle, deadline });
  return { kind: 'reminder_due', title, body };
}

/** The outcome of one run. */
export interface ReminderRunResult {
  /** reminders sent (at most one per assignment per run) */
  sent: number;
  /** older reminders logged as skipped */
  skipped: number;
  /** notifications written (one per user of each reminded assignment) */
  notified: number;
  /** assignments whose reminder failed (reported to `onError`; retried at the next run) */
  failed: number;
}

export interface ReminderRunOptions {
  /** told about an assignment whose reminder failed; without it the run throws at the end */
  onError?: (err: unknown, assignmentId: string) => void;
  /** see {@link DUE_GRACE_DAYS} */
  graceDays?: number;
}

/** Parses a json aggregate that the driver may hand back as text. */
const asStringArray = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? (JSON.parse(v) as string[]) : []).map(String);

/**
 * Sends the deadline reminders due at `now` (see the module comment for the rules). Safe to run
 * concurrently in several processes on one PostgreSQL database: each reminder is written exactly once.
 * One transaction per reminder; a failing assignment does not stop the others.
 * @param db the database (not a transaction: each reminder commits on its own)
 * @param now the current instant (injected; tests move it)
 * @returns counts of what was sent, skipped, notified and failed
 * @throws AggregateError after the run when some assignments failed and no `onError` was given;
 *   a database error when the candidate query itself fails
 */
export async function runReminders(db: Db, now: Date, opts: ReminderRunOptions = {}): Promise<ReminderRunResult> {
  const graceDays = opts.graceDays ?? DUE_GRACE_DAYS;
  const daysBefore = normaliseReminderDays(await getSetting(db, 'campaign.reminderDaysBefore'));
  const horizon = new Date(now.getTime() + (daysBefore[0] ?? 0) * DAY_MS);
  const oldest = new Date(now.getTime() - graceDays * DAY_MS);

  const latestStatus = sql<string | null>`(select ${submission.status} from ${submission} where ${submission.assignmentId} = ${taskAssignment.id} order by ${submission.version} desc limit 1)`;
  const rows = await db
    .select({
      assignmentId: taskAssignment.id,
      campaignId: taskAssignment.campaignId,
      unitName: taskAssignment.unitName,
      campaignName: campaign.name,
      taskTitle: campaignTask.title,
      deadline: campaignTask.deadline,
      latestStatus,
      logged: sql<unknown>`(select coalesce(json_agg(${reminderLog.kind}), '[]'::json) from ${reminderLog} where ${reminderLog.assignmentId} = ${taskAssignment.id})`,
    })
    .from(taskAssignment)
    .innerJoin(campaignTask, eq(campaignTask.id, taskAssignment.taskId))
    .innerJoin(campaign, eq(campaign.id, taskAssignment.campaignId))
    .where(
      and(
        eq(campaign.status, 'published'),
        ne(campaignTask.deliverableKind, 'count'),
        // some reminder is due, and the deadline is within the grace period
        lte(campaignTask.deadline, horizon),
        gte(campaignTask.deadline, oldest),
        // the unit still owes the deliverable
        sql`coalesce(${latestStatus}, 'returned') = 'returned'`,
        // once `due` is logged nothing more can go out
        sql`not exists (select 1 from ${reminderLog} where ${reminderLog.assignmentId} = ${taskAssignment.id} and ${reminderLog.kind} = 'due')`,
      ),
    )
    .orderBy(asc(campaignTask.deadline), asc(taskAssignment.id));

  const result: ReminderRunResult = { sent: 0, skipped: 0, notified: 0, failed: 0 };
  const errors: unknown[] = [];
  for (const row of rows) {
    const plan = planReminder(row.deadline, daysBefore, now, new Set(asStringArray(row.logged)), graceDays);
    if (!plan.send) continue;
    const send = plan.send;
    try {
      const outcome = await db.transaction(async (tx) => {
        // the exactly-once gate: only the transaction that inserts the row sends
        const won = await tx.insert(reminderLog).values({ assignmentId: row.assignmentId, kind: send.kind, sentAt: now }).onConflictDoNothing().returning({ kind: reminderLog.kind });
        if (won.length === 0) return null;
        let skipped = 0;
        if (plan.skip.length > 0) {
          const logged = await tx
            .insert(reminderLog)
            .values(plan.skip.map((kind) => ({ assignmentId: row.assignmentId, kind, sentAt: now })))
            .onConflictDoNothing()
            .returning({ kind: reminderLog.kind });
          skipped = logged.length;
        }
        const text = reminderText(send, { ...row, returned: row.latestStatus === 'returned' }, now);
        const users = await usersOfAssignment(tx, row.assignmentId);
        const notified = await notifyUsers(
          tx,
          users,
          { kind: text.kind, title: text.title, body: text.body, link: `/campaigns/${row.campaignId}/assignments/${row.assignmentId}`, entityType: 'task_assignment', entityId: row.assignmentId },
          now,
        );
        return { skipped, notified };
      });
      if (outcome) {
        result.sent += 1;
        result.skipped += outcome.skipped;
        result.notified += outcome.notified;
      }
    } catch (err) {
      result.failed += 1;
      if (opts.onError) opts.onError(err, row.assignmentId);
      else errors.push(err);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `reminders failed for ${errors.length} assignment(s)`);
  return result;
}
