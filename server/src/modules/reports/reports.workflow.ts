import type { ReportStatus } from '@lifeline/shared';

/**
 * The handling of a public report (举报处理, issue 5) as a pure transition table:
 *
 *   待受理 pending ──accept (assign a township or an office)──▶ 已受理 accepted ──start_verification──▶ 核查中 verifying
 *      │                                                                                                  │
 *      └─reject (不予受理) ──▶ rejected                                      verdict (属实/部分属实/不属实) ─┘
 *                                                                                                         ▼
 *                     办结 closed ◀──close── 奖励中 rewarding ◀──propose_reward── 已核实 verified ──close──▶ 办结 closed
 *
 * - a true / partly true verdict creates or links a hazard that is tracked to 销号 in the hazard loop;
 * - `propose_reward` (奖励) needs that hazard closed and a reporter who left contact details; paying
 *   or lapsing the reward closes the report (`close` from rewarding);
 * - `close` from verified: a false report, or a true one whose hazard is closed and that gets no reward.
 * Who may take a step is the policy's job (policies/index.ts reportAbilities); the extra conditions
 * (hazard closed, reward eligibility) are the service's.
 */
export const REPORT_TRANSITIONS = {
  accept: { from: ['pending'], to: 'accepted' },
  reject: { from: ['pending'], to: 'rejected' },
  start_verification: { from: ['accepted'], to: 'verifying' },
  verdict: { from: ['verifying'], to: 'verified' },
  propose_reward: { from: ['verified'], to: 'rewarding' },
  close: { from: ['verified', 'rewarding'], to: 'closed' },
} as const satisfies Record<string, { from: readonly ReportStatus[]; to: ReportStatus }>;

export type ReportStep = keyof typeof REPORT_TRANSITIONS;

/** Statuses in which a report has ended. */
export const ENDED_STATUSES: readonly ReportStatus[] = ['closed', 'rejected'];

/**
 * Statuses in which no time limit runs: ended, and 奖励中 (handling is done once a reward is
 * proposed; the reporter's claim window is the reward's own deadline).
 */
export const UNTIMED_STATUSES: readonly ReportStatus[] = ['rewarding', 'closed', 'rejected'];

/**
 * The status a step leads to from `from`, or null when the step is illegal there.
 * @param from current status
 * @param step the step
 */
export function nextReportStatus(from: ReportStatus, step: ReportStep): ReportStatus | null {
  const t = REPORT_TRANSITIONS[step];
  return (t.from as readonly ReportStatus[]).includes(from) ? t.to : null;
}

/** Steps legal from a status (before permissions and extra conditions). */
export function legalReportSteps(from: ReportStatus): ReportStep[] {
  return (Object.keys(REPORT_TRANSITIONS) as ReportStep[]).filter((s) => nextReportStatus(from, s) !== null);
}

/** Time limits of the steps, in days (setting `report.timeLimitDays`). */
export interface ReportTimeLimits {
  /** 受理: from receipt */
  accept: number;
  /** 核查: from acceptance to a verdict */
  verify: number;
  /** 办结: from acceptance to closing */
  handle: number;
}

/** The step whose time limit runs in a status: accept, verify or handle (null once ended). */
export type ReportDueStep = 'accept' | 'verify' | 'handle';

/**
 * Which time limit runs in a status: pending → accept; accepted / verifying → verify;
 * verified → handle; rewarding and ended → none.
 */
export function dueStepOf(status: ReportStatus): ReportDueStep | null {
  switch (status) {
    case 'pending':
      return 'accept';
    case 'accepted':
    case 'verifying':
      return 'verify';
    case 'verified':
      return 'handle';
    default:
      return null;
  }
}

const DAY_MS = 86_400_000;

/**
 * The time limit (stepDueAt) of a report in `status`: accept = receipt + accept days; verify =
 * acceptance + verify days; handle = acceptance + handle days (60 days in the 2012 办法 and many
 * local rules, whistleblower-reward-rules.md §2). Days are 24-hour periods from the instant.
 * A report in a status without a limit (rewarding, ended) keeps the limit of the step it left
 * (`keep`), so 按期办结 can be measured against it (the end of handling: the reward proposal, the
 * rejection, or the closing).
 * @param r the report's receipt and acceptance instants
 * @param keep the current stepDueAt, returned for an ended status
 */
export function stepDueAt(status: ReportStatus, r: { receivedAt: Date; acceptedAt: Date | null }, limits: ReportTimeLimits, keep: Date | null = null): Date | null {
  const step = dueStepOf(status);
  if (!step) return keep;
  if (step === 'accept') return new Date(r.receivedAt.getTime() + limits.accept * DAY_MS);
  const base = r.acceptedAt ?? r.receivedAt;
  return new Date(base.getTime() + (step === 'verify' ? limits.verify : limits.handle) * DAY_MS);
}

/**
 * Overdue (逾期) is derived: a time limit runs in the status and it has passed.
 * @param now the current instant
 */
export function isReportOverdue(r: { status: ReportStatus; stepDueAt: Date | null }, now: Date): boolean {
  return dueStepOf(r.status) !== null && r.stepDueAt !== null && r.stepDueAt.getTime() < now.getTime();
}
