import { and, eq, gte, sql } from 'drizzle-orm';
import { notification, type Db } from '@lifeline/db';
import { getSetting } from '../modules/settings/settings.service.ts';
import { notifyUsers, usersOfInstitution } from '../modules/notifications/notify.ts';
import { findPlansDueForRevision, revisionCutoff, validUntil } from '../modules/plans/plans.repo.ts';

/**
 * 预案修订提醒: tells an institution's safety officers when one of its emergency plans becomes due
 * for revision — its approved version took effect more than `preparedness.planMaxAgeDays` days ago,
 * or a drill evaluation asked for a revision (`revision_requested`).
 *
 * - Once per plan per revision cycle: a cycle begins when a version is approved (or when the plan
 *   was created, if none ever was). A reminder is a `notification` of kind `plan_revision_due` on
 *   the plan; when one exists since the cycle began, nothing more is sent. A plan with a version
 *   pending review is not reminded (the revision is under way).
 * - Exactly once across processes: there is no log table for plans, so each plan's reminder is one
 *   transaction that first takes `pg_advisory_xact_lock(hashtext('plan-revision'))`, then checks
 *   for an existing reminder, then writes. A second process waits for the lock and finds it.
 * - A plan whose institution has no active safety officer gets no notification, and so is tried
 *   again at the next run (an officer added later is still told).
 */

/** The notification kind of a revision reminder (also the dedupe key, with the plan id). */
export const PLAN_REVISION_KIND = 'plan_revision_due';

export interface PlanRevisionRunResult {
  /** plans reminded this run */
  sent: number;
  /** notifications written */
  notified: number;
  /** plans whose reminder failed (retried at the next run) */
  failed: number;
}

/**
 * Sends the revision reminders due at `now` (rules above). One transaction per plan; a failing
 * plan does not stop the others.
 * @param db the database (not a transaction: each plan commits on its own)
 * @param now the current instant (injected; tests move it)
 * @param opts.onError told about a failing plan; without it the run throws at the end
 * @throws AggregateError when some plans failed and no `onError` was given
 */
export async function runPlanRevisionReminders(db: Db, now: Date, opts: { onError?: (err: unknown, planId: string) => void } = {}): Promise<PlanRevisionRunResult> {
  const maxAgeDays = await getSetting(db, 'preparedness.planMaxAgeDays');
  const due = await findPlansDueForRevision(db, revisionCutoff(now, maxAgeDays));
  const result: PlanRevisionRunResult = { sent: 0, notified: 0, failed: 0 };
  const errors: unknown[] = [];
  for (const row of due) {
    try {
      const notified = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('plan-revision'))`);
        const [already] = await tx
          .select({ id: notification.id })
          .from(notification)
          .where(and(eq(notification.kind, PLAN_REVISION_KIND), eq(notification.entityType, 'emergency_plan'), eq(notification.entityId, row.p.id), gte(notification.createdAt, row.cycleStart)))
          .limit(1);
        if (already) return 0;
        const why = row.p.revisionRequested
          ? `演练评估认为预案需要修订${row.p.revisionReason ? `：${row.p.revisionReason}` : ''}`
          : `现行版本于 ${row.approvedEffectiveOn} 实施，已超过 ${maxAgeDays} 天的修订周期（有效至 ${validUntil(row.approvedEffectiveOn!, maxAgeDays)}）`;
        return notifyUsers(
          tx,
          await usersOfInstitution(tx, row.p.institutionId),
          { kind: PLAN_REVISION_KIND, title: `「${row.p.title}」需要修订，请上传新版本`, body: `${row.institutionName}：${why}`, link: `/plans/${row.p.id}`, entityType: 'emergency_plan', entityId: row.p.id },
          now,
        );
      });
      if (notified > 0) {
        result.sent += 1;
        result.notified += notified;
      }
    } catch (err) {
      result.failed += 1;
      if (opts.onError) opts.onError(err, row.p.id);
      else errors.push(err);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `plan revision reminders failed for ${errors.length} plan(s)`);
  return result;
}
