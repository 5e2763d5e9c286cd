import type { DrillStatus } from '@lifeline/shared';

/**
 * The drill state machine (应急演练) as a pure table: a drill is planned, then held (recorded) or
 * cancelled. A planned drill can be edited; a held drill can be evaluated and gain findings;
 * a cancelled drill is frozen.
 *
 *   planned --record--> held
 *   planned --cancel--> cancelled
 *   planned --update--> planned
 *   held    --evaluate / add_finding--> held
 */
export type DrillStep = 'update' | 'cancel' | 'record' | 'evaluate' | 'add_finding';

const TRANSITIONS: Record<DrillStatus, Partial<Record<DrillStep, DrillStatus>>> = {
  planned: { update: 'planned', cancel: 'cancelled', record: 'held' },
  held: { evaluate: 'held', add_finding: 'held' },
  cancelled: {},
};

/**
 * The status after `step`, or `null` when the step is not allowed from `from`.
 * @param from current status
 * @param step what is attempted
 */
export function nextDrillStatus(from: DrillStatus, step: DrillStep): DrillStatus | null {
  return TRANSITIONS[from][step] ?? null;
}

/** zh-CN name of a step, for 409 messages. */
export const DRILL_STEP_LABEL: Record<DrillStep, string> = {
  update: '修改演练计划',
  cancel: '取消演练',
  record: '登记演练情况',
  evaluate: '演练评估',
  add_finding: '登记发现的问题',
};
