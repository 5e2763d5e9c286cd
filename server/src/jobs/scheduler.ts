import { Cron } from 'croner';
import type { Db } from '@lifeline/db';
import { runReminders } from './reminders.ts';
import { runPlanRevisionReminders } from './plan-revision.ts';
import { runReportDeadlines } from './report-deadlines.ts';

/**
 * Scheduled work of the server (croner). Started by main.ts (never by buildApp, so API tests
 * decide themselves when a job runs) unless `LIFELINE_JOBS=false`.
 *
 * - reminders: every minute, plus one run right at start (catch-up after downtime). Runs never
 *   overlap within a process (`protect`); across processes on one PostgreSQL database the
 *   reminder_log gate makes each reminder go out once (see reminders.ts).
 *
 * - plan revisions: every hour (minute 17), plus one run at start: 预案修订提醒 to the safety
 *   officers of plans that became due for revision (see plan-revision.ts; exactly once per plan
 *   per revision cycle, across processes too).
 *
 * - report deadlines: every 5 minutes (no run at start): overdue alerts of public reports, once per
 *   report per step across processes, and lapsing of unclaimed rewards (see report-deadlines.ts).
 *
 * A failing run is logged and the next one tries again; nothing a job throws can crash the server.
 */

/** The logger methods jobs use (pino / Fastify's logger fits). */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobDeps {
  db: Db;
  /** the clock (main.ts passes `() => new Date()`) */
  now: () => Date;
  log: JobLogger;
}

/** Handle of the running jobs. */
export interface Jobs {
  /** Stops scheduling and waits for a run in progress to finish (call before closing the database). */
  stop(): Promise<void>;
}

/** Every minute, at second 0. */
export const REMINDERS_PATTERN = '* * * * *';

/** Every hour at minute 17 (plan ages change by the day; no need to look every minute). */
export const PLAN_REVISION_PATTERN = '17 * * * *';

/**
 * Report deadlines (举报处理超期提醒 + unclaimed rewards lapse): every 5 minutes. Not run at start
 * (the first tick comes within 5 minutes; the limits are days long), see report-deadlines.ts.
 */
export const REPORT_DEADLINES_PATTERN = '*/5 * * * *';

/**
 * Starts the scheduled jobs.
 * @param deps database, clock and logger
 * @param opts `runAtStart` (default true): run the reminders once immediately (catch-up);
 *   `pattern`: the cron pattern of the reminders job (default every minute)
 * @returns a handle whose `stop()` ends the schedule and awaits the run in progress
 */
export function startJobs(deps: JobDeps, opts: { runAtStart?: boolean; pattern?: string } = {}): Jobs {
  const inFlight = new Set<Promise<void>>();

  const remind = async () => {
    const started = Date.now();
    try {
      const r = await runReminders(deps.db, deps.now(), {
        onError: (err, assignmentId) => deps.log.error({ err, job: 'reminders', assignmentId }, 'reminder failed; retried at the next run'),
      });
      if (r.sent > 0 || r.failed > 0) deps.log.info({ job: 'reminders', ...r, ms: Date.now() - started }, 'reminders sent');
    } catch (err) {
      deps.log.error({ err, job: 'reminders' }, 'reminders run failed; retried at the next run');
    }
  };
  const tracked = () => {
    const p = remind();
    inFlight.add(p);
    return p.finally(() => inFlight.delete(p));
  };

  const reminders = new Cron(
    opts.pattern ?? REMINDERS_PATTERN,
    {
      protect: () => deps.log.warn({ job: 'reminders' }, 'previous reminders run still busy; this run skipped'),
      catch: (err) => deps.log.error({ err, job: 'reminders' }, 'reminders job threw'),
    },
    tracked,
  );
  // croner marks the job busy during a manual trigger too, so a scheduled run cannot overlap it
  if (opts.runAtStart ?? true) void reminders.trigger();

  const planRevisions = new Cron(
    PLAN_REVISION_PATTERN,
    {
      protect: () => deps.log.warn({ job: 'plan-revision' }, 'previous plan-revision run still busy; this run skipped'),
      catch: (err) => deps.log.error({ err, job: 'plan-revision' }, 'plan-revision job threw'),
    },
    () => {
      const p = (async () => {
        try {
          const r = await runPlanRevisionReminders(deps.db, deps.now(), {
            onError: (err, planId) => deps.log.error({ err, job: 'plan-revision', planId }, 'plan revision reminder failed; retried at the next run'),
          });
          if (r.sent > 0 || r.failed > 0) deps.log.info({ job: 'plan-revision', ...r }, 'plan revision reminders sent');
        } catch (err) {
          deps.log.error({ err, job: 'plan-revision' }, 'plan-revision run failed; retried at the next run');
        }
      })();
      inFlight.add(p);
      return p.finally(() => inFlight.delete(p));
    },
  );
  if (opts.runAtStart ?? true) void planRevisions.trigger();

  const reportDeadlines = new Cron(
    REPORT_DEADLINES_PATTERN,
    {
      protect: () => deps.log.warn({ job: 'report-deadlines' }, 'previous report-deadlines run still busy; this run skipped'),
      catch: (err) => deps.log.error({ err, job: 'report-deadlines' }, 'report-deadlines job threw'),
    },
    () => {
      const p = (async () => {
        try {
          const r = await runReportDeadlines(deps.db, deps.now(), {
            onError: (err, id) => deps.log.error({ err, job: 'report-deadlines', id }, 'report deadline work failed; retried at the next run'),
          });
          if (r.alerted > 0 || r.lapsed > 0 || r.failed > 0) deps.log.info({ job: 'report-deadlines', ...r }, 'report deadlines handled');
        } catch (err) {
          deps.log.error({ err, job: 'report-deadlines' }, 'report-deadlines run failed; retried at the next run');
        }
      })();
      inFlight.add(p);
      return p.finally(() => inFlight.delete(p));
    },
  );

  return {
    async stop() {
      reminders.stop();
      planRevisions.stop();
      reportDeadlines.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
