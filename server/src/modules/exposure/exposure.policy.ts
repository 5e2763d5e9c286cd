import { ROLE_SCOPE, type ExposureStatus, type ExposureStep } from '@lifeline/shared';
import { forbidden } from '../../lib/app-error.ts';
import type { Actor } from '../../policies/index.ts';
import { isEditable, nextExposureStatus } from './exposure.workflow.ts';

/**
 * Who may do what on the exposure board (曝光台). The board is county-wide (no township scope):
 * - see cases (list, detail, source photos): `exposure.manage` (county staff/admin) or
 *   `exposure.approve` (county leader), county roles only;
 * - prepare, edit, submit, withdraw: `exposure.manage`;
 * - approve (publish) and return: `exposure.approve`, and never on a case the approver created
 *   (a second pair of eyes before anything about an institution becomes public).
 * Workflow legality (which step from which status) is exposure.workflow.ts; abilities combine both.
 * Kept beside the module; move to server/src/policies with the other resource policies if preferred.
 */
export function canSeeExposure(actor: Actor): boolean {
  return ROLE_SCOPE[actor.role] === 'county' && (actor.permissions.has('exposure.manage') || actor.permissions.has('exposure.approve'));
}

/**
 * Throws 403 unless the actor may see the exposure board's cases.
 * @throws AppError FORBIDDEN
 */
export function requireExposureView(actor: Actor): void {
  if (!canSeeExposure(actor)) throw forbidden();
}

/** What the actor may do on a case now (policy AND workflow), for the DTO's `abilities`. */
export function exposureAbilities(actor: Actor, c: { status: ExposureStatus; createdById: string }): Record<'update' | ExposureStep, boolean> {
  const manage = actor.permissions.has('exposure.manage');
  const approve = actor.permissions.has('exposure.approve');
  const legal = (s: ExposureStep) => nextExposureStatus(c.status, s) !== null;
  return {
    update: manage && isEditable(c.status),
    submit: manage && legal('submit'),
    approve: approve && c.createdById !== actor.id && legal('approve'),
    return: approve && legal('return'),
    withdraw: manage && legal('withdraw'),
  };
}

/** The permission each step needs. */
export const STEP_PERMISSION = { submit: 'exposure.manage', approve: 'exposure.approve', return: 'exposure.approve', withdraw: 'exposure.manage' } as const satisfies Record<ExposureStep, string>;
