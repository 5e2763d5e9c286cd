import type { HazardDetail, HazardSummary, HazardCategory } from '@lifeline/shared';
import { localDate } from '@lifeline/shared';
import { hazardAbilities, type Actor } from '../../policies/index.ts';
import type { LedgerRow } from './hazards.repo.ts';
import { isOverdue, nextStatus } from './hazards.workflow.ts';

/** Ledger row → summary DTO. */
export function toHazardSummary(r: LedgerRow, now: Date): HazardSummary {
  const h = r.h;
  return {
    id: h.id,
    code: h.code,
    title: h.title,
    level: h.level,
    category: h.category as HazardCategory,
    status: h.status,
    source: h.source,
    listedSupervision: h.listedSupervision,
    overdue: isOverdue(h, now),
    institutionId: h.institutionId,
    institutionName: r.institutionName,
    institutionType: r.institutionType,
    townshipId: h.townshipId,
    townshipName: r.townshipName,
    location: h.location,
    responsiblePerson: h.responsiblePerson,
    deadline: h.deadline.toISOString(),
    deadlineDate: localDate(h.deadline),
    foundAt: h.foundAt.toISOString(),
    closedAt: h.closedAt?.toISOString() ?? null,
  };
}

/**
 * What the actor can do on this hazard now: the policy's permission AND the workflow's legality,
 * so the UI shows exactly the buttons that will work.
 */
export function presentAbilities(actor: Actor, h: LedgerRow['h'], lastSubmitterId: string | null = null): HazardDetail['abilities'] {
  const may = hazardAbilities(actor, h);
  // whoever submitted the rectification cannot also accept or return it (see takeHazardStep)
  const ownSubmission = lastSubmitterId === actor.id;
  return {
    start_rectification: may.start_rectification && nextStatus(h.status, 'start_rectification') !== null,
    submit_rectification: may.submit_rectification && nextStatus(h.status, 'submit_rectification') !== null,
    verify: may.verify && !ownSubmission && nextStatus(h.status, 'verify') !== null,
    return: may.return && !ownSubmission && nextStatus(h.status, 'return') !== null,
    update: may.update && h.status !== 'closed',
  };
}
