import type { HazardStatus } from '@lifeline/shared';

/**
 * The hazard closed loop (隐患排查治理闭环) as a pure transition table:
 *
 *   待整改 pending ──start_rectification──▶ 整改中 rectifying ──submit_rectification──▶ 待验收 awaiting_verification
 *                                               ▲                                                 │
 *                                               └──────────────────── return (退回) ◀──────────────┤
 *                                                                                                 └─ verify (验收销号) ──▶ 已销号 closed
 *
 * `update` (deadline, measures, level…) keeps the status and is allowed while not closed.
 * Who may take a step is the policy's job (policies/index.ts hazardAbilities).
 */
export const HAZARD_TRANSITIONS = {
  start_rectification: { from: ['pending'], to: 'rectifying' },
  submit_rectification: { from: ['rectifying'], to: 'awaiting_verification' },
  verify: { from: ['awaiting_verification'], to: 'closed' },
  return: { from: ['awaiting_verification'], to: 'rectifying' },
} as const satisfies Record<string, { from: readonly HazardStatus[]; to: HazardStatus }>;

export type HazardStep = keyof typeof HAZARD_TRANSITIONS;

/** Steps that must carry a note (why it was returned; what was done). */
export const NOTE_REQUIRED: ReadonlySet<HazardStep> = new Set(['submit_rectification', 'return']);

/**
 * The status a step leads to from `from`, or null when the step is illegal there.
 * @param from current status
 * @param step the step
 */
export function nextStatus(from: HazardStatus, step: HazardStep): HazardStatus | null {
  const t = HAZARD_TRANSITIONS[step];
  return (t.from as readonly HazardStatus[]).includes(from) ? t.to : null;
}

/** Steps legal from a status (before permissions). */
export function legalSteps(from: HazardStatus): HazardStep[] {
  return (Object.keys(HAZARD_TRANSITIONS) as HazardStep[]).filter((s) => nextStatus(from, s) !== null);
}

/**
 * Overdue (逾期) is derived, never stored: past the deadline and not closed.
 * @param now the current instant
 */
export function isOverdue(h: { status: HazardStatus; deadline: Date }, now: Date): boolean {
  return h.status !== 'closed' && h.deadline.getTime() < now.getTime();
}
