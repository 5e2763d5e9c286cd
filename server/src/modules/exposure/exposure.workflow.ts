import type { ExposureStatus, ExposureStep } from '@lifeline/shared';

/**
 * The exposure-board workflow (曝光台, issue 5 §8) as a pure transition table:
 *
 *   草稿 draft ──submit──▶ 待审批 pending_approval ──approve (局领导)──▶ 已发布 published ──withdraw──▶ 已撤回 withdrawn
 *        ▲                        │
 *        └──────── return ◀───────┘  (退回修改, with a note)
 *
 * Editing is allowed only in draft; withdrawn is final (a new case can be prepared from the source).
 * Who may take a step is the policy's job (exposure.policy.ts).
 */
export const EXPOSURE_TRANSITIONS = {
  submit: { from: ['draft'], to: 'pending_approval' },
  approve: { from: ['pending_approval'], to: 'published' },
  return: { from: ['pending_approval'], to: 'draft' },
  withdraw: { from: ['published'], to: 'withdrawn' },
} as const satisfies Record<ExposureStep, { from: readonly ExposureStatus[]; to: ExposureStatus }>;

/** Steps that must carry a note: the reason to return or to withdraw. */
export const EXPOSURE_NOTE_REQUIRED: ReadonlySet<ExposureStep> = new Set(['return', 'withdraw']);

/**
 * The status a step leads to from `from`, or null when the step is illegal there.
 * @param from current status
 * @param step the step
 */
export function nextExposureStatus(from: ExposureStatus, step: ExposureStep): ExposureStatus | null {
  const tr = EXPOSURE_TRANSITIONS[step];
  return (tr.from as readonly ExposureStatus[]).includes(from) ? tr.to : null;
}

/** Whether the case's text, category and photos may be edited (only drafts). */
export const isEditable = (status: ExposureStatus) => status === 'draft';
