import { and, eq, sql } from 'drizzle-orm';
import { notification, type Db } from '@lifeline/db';
import { formatLocalDateTime, t, type ReportStatus } from '@lifeline/shared';
import { countyUsersWith, notifyUsers, usersOfTownship } from '../modules/notifications/notify.ts';
import { findLapsingRewards, findOverdueReports } from '../modules/reports/reports.repo.ts';
import { lapseReward } from '../modules/reports/reports.service.ts';
import { dueStepOf, type ReportDueStep } from '../modules/reports/reports.workflow.ts';

/**
 * 举报处理超期提醒 and reward lapsing (issue 5 §5, §7).
 *
 * Overdue alerts: when a report's current step passes its time limit (`stepDueAt`, from the setting
 * `report.timeLimitDays`), its handlers are told once:
 * - the county accounts holding `report.handle` (county staff / admin), always;
 * - the assigned township's officers too when the running step is theirs (核查, the verify step of a
 *   report assigned to a township).
 * - Once per report per step: the alert is a `notification` of kind `report_overdue_<step>` on the
 *   report; when one exists, nothing more is sent for that step (a later step alerts again).
 * - Exactly once across processes: there is no log table for reports, so each alert is one
 *   transaction that first takes `pg_advisory_xact_lock(hashtext('report-deadlines'))`, then checks
 *   for an existing alert, then writes (the pattern of plan-revision.ts). A second process waits for
 *   the lock and finds the alert.
 * - A step nobody could be told about (no active handler) writes nothing and is tried again at the
 *   next run.
 * - Texts carry the serial number, category and time limit — never the reporter's identity.
 *
 * Reward lapsing: an approved reward whose claim deadline passed unclaimed becomes `lapsed` (逾期未
 * 申领视为放弃) and its report is closed, by the system (audited). Reads already show it as lapsed
 * between runs (reports.service.ts effectiveRewardStatus).
 */

/** The notification kind of an overdue alert of a step (also the dedupe key, with the report id). */
export const reportOverdueKind = (step: ReportDueStep) => `report_overdue_${step}`;

const STEP_TEXT: Record<ReportDueStep, string> = { accept: '受理', verify: '核查', handle: '办结' };

export interface ReportDeadlineRunResult {
  /** reports alerted this run (one step each) */
  alerted: number;
  /** notifications written */
  notified: number;
  /** rewards lapsed */
  lapsed: number;
  /** reports or rewards whose work failed (retried at the next run) */
  failed: number;
}

/**
 * Sends the overdue alerts due at `now` and lapses unclaimed rewards (rules above). One transaction
 * per report / reward; a failing one does not stop the others.
 * @param db the database (not a transaction: each alert commits on its own)
 * @param now the current instant (injected; tests move it)
 * @param opts.onError told about a failing report/reward; without it the run throws at the end
 * @throws AggregateError when some failed and no `onError` was given
 */
export async function runReportDeadlines(db: Db, now: Date, opts: { onError?: (err: unknown, id: string) => void } = {}): Promise<ReportDeadlineRunResult> {
  const result: ReportDeadlineRunResult = { alerted: 0, notified: 0, lapsed: 0, failed: 0 };
  const errors: unknown[] = [];
  const fail = (err: unknown, id: string) => {
    result.failed += 1;
    if (opts.onError) opts.onError(err, id);
    else errors.push(err);
  };

  for (const r of await findOverdueReports(db, now)) {
    const step = dueStepOf(r.status as ReportStatus);
    if (!step) continue;
    try {
      const notified = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('report-deadlines'))`);
        const kind = reportOverdueKind(step);
        const [already] = await tx
          .select({ id: notification.id })
          .from(notification)
          .where(and(eq(notification.kind, kind), eq(notification.entityType, 'public_report'), eq(notification.entityId, r.id)))
          .limit(1);
        if (already) return 0;
        const users = await countyUsersWith(tx, 'report.handle');
        if (step === 'verify' && r.townshipId) users.push(...(await usersOfTownship(tx, r.townshipId)));
        return notifyUsers(
          tx,
          users,
          {
            kind,
            title: `举报 ${r.serialNo} ${STEP_TEXT[step]}已超过时限`,
            body: `${t(`reportCategory.${r.category}`)}：${STEP_TEXT[step]}时限为 ${formatLocalDateTime(r.stepDueAt!)}，请尽快处理。`,
            link: `/reports/${r.id}`,
            entityType: 'public_report',
            entityId: r.id,
          },
          now,
        );
      });
      if (notified > 0) {
        result.alerted += 1;
        result.notified += notified;
      }
    } catch (err) {
      fail(err, r.id);
    }
  }

  for (const w of await findLapsingRewards(db, now)) {
    try {
      if (await lapseReward(db, w.id, now)) result.lapsed += 1;
    } catch (err) {
      fail(err, w.id);
    }
  }

  if (errors.length > 0) throw new AggregateError(errors, `report deadlines failed for ${errors.length} item(s)`);
  return result;
}
