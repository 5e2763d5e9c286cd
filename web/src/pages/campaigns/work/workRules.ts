import { dayjs, localDate, t, type Assignment, type AssignmentState } from '@lifeline/shared';

/** Pure rules of campaign work pages (no React): countdowns, urgency, derived markers. */

/**
 * How many deliverables a submission holds, as the server counts them: the files; or 1 when there
 * are none and the text box is filled, for kinds whose text is itself a deliverable (article,
 * summary). The text never adds to files (a PDF and its covering note are one article).
 */
export function deliverableCount(fileCount: number, text: string, textCounts: boolean): number {
  if (fileCount > 0) return fileCount;
  return textCounts && text.trim() ? 1 : 0;
}

/**
 * Whether a version was handed in and then returned, although the derived state says 逾期: past the
 * deadline a returned assignment counts as overdue (the latest version can only be a returned one
 * then — a submitted or accepted one would make the state 已提交 / 已通过).
 */
export const returnedButOverdue = (a: { state: AssignmentState; latestVersion: number | null }) => a.state === 'overdue' && a.latestVersion !== null;

/** Whole local days from today (Asia/Shanghai) to the deadline day: 0 today, negative once past. */
export function daysLeft(deadlineDate: string, now: Date = new Date()): number {
  return dayjs(deadlineDate).diff(dayjs(localDate(now)), 'day');
}

/**
 * The deadline countdown in words and its tone: 剩余 N 天, 今天截止, 已逾期 N 天 (a deadline is the end
 * of its day, so a task is late only from the next day). Nothing once the task is accepted.
 */
export function deadlineCountdown(deadlineDate: string, state: AssignmentState, now: Date = new Date()): { text: string; tone: 'danger' | 'warning' | 'secondary' } | null {
  if (state === 'accepted') return null;
  const n = daysLeft(deadlineDate, now);
  if (n < 0) return { text: t('campaignWork.deadline.overdue', { n: -n }), tone: state === 'submitted' ? 'secondary' : 'danger' };
  if (n === 0) return { text: t('campaignWork.deadline.today'), tone: 'danger' };
  return { text: t('campaignWork.deadline.left', { n }), tone: n <= 3 ? 'warning' : 'secondary' };
}

/**
 * How urgent an assignment is for its unit, smaller first: 逾期 and 已退回 (act now), then 未开始 by
 * deadline, then 已提交 (waiting for the county), then 已通过.
 */
export function urgencyRank(a: Pick<Assignment, 'state'>): number {
  switch (a.state) {
    case 'overdue':
      return 0;
    case 'returned':
      return 1;
    case 'not_started':
      return 2;
    case 'submitted':
      return 3;
    case 'accepted':
      return 4;
  }
}

/** Sorts assignments by urgency, then deadline (soonest first), then title. */
export function byUrgency(a: Assignment, b: Assignment): number {
  return urgencyRank(a) - urgencyRank(b) || a.deadline.localeCompare(b.deadline) || a.taskTitle.localeCompare(b.taskTitle, 'zh-CN');
}
