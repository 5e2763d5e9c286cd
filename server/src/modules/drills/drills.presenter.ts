import type { DrillDetail, DrillFinding, DrillScenario, DrillSummary } from '@lifeline/shared';
import { localDate } from '@lifeline/shared';
import { canRecordDrill, type Actor } from '../../policies/index.ts';
import { isOverdue } from '../hazards/hazards.workflow.ts';
import type { DrillRow, findFindings } from './drills.repo.ts';
import { nextDrillStatus } from './drills.workflow.ts';

/** Drill row → summary DTO (list, cards). */
export function toDrillSummary(r: DrillRow): DrillSummary {
  const d = r.d;
  return {
    id: d.id,
    institutionId: d.institutionId,
    institutionName: r.institutionName,
    townshipId: d.townshipId,
    townshipName: r.townshipName,
    scenario: d.scenario as DrillScenario,
    title: d.title,
    isNight: d.isNight,
    status: d.status,
    plannedAt: d.plannedAt.toISOString(),
    heldAt: d.heldAt?.toISOString() ?? null,
    staffCount: d.staffCount,
    residentCount: d.residentCount,
    nonAmbulatoryCount: d.nonAmbulatoryCount,
    evacuationSeconds: d.evacuationSeconds,
    lifePassageBlocked: d.lifePassageBlocked,
    score: r.score,
    maxScore: r.maxScore,
    findingCount: r.findingCount,
  };
}

/**
 * What the actor can do on this drill now: the policy (scope + `drill.record`) AND the workflow's
 * legality for the drill's status, so the UI shows exactly the buttons that will work.
 */
export function presentDrillAbilities(actor: Actor, d: { townshipId: string; institutionId: string; status: DrillSummary['status'] }): DrillDetail['abilities'] {
  const may = canRecordDrill(actor, d);
  return {
    update: may && nextDrillStatus(d.status, 'update') !== null,
    cancel: may && nextDrillStatus(d.status, 'cancel') !== null,
    record: may && nextDrillStatus(d.status, 'record') !== null,
    evaluate: may && nextDrillStatus(d.status, 'evaluate') !== null,
    addFinding: may && nextDrillStatus(d.status, 'add_finding') !== null,
  };
}

/** Finding row → DTO, with its hazard's live status (待整改 … 已销号) and whether it can be marked done. */
export function toDrillFinding(r: Awaited<ReturnType<typeof findFindings>>[number], canChange: boolean, now: Date): DrillFinding {
  const f = r.f;
  const h = r.hazard;
  return {
    id: f.id,
    kind: f.kind,
    description: f.description,
    action: f.action,
    doneAt: f.doneAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
    hazard: h?.id
      ? { id: h.id, code: h.code, title: h.title, status: h.status, level: h.level, deadlineDate: localDate(h.deadline), overdue: isOverdue({ status: h.status, deadline: h.deadline }, now) }
      : null,
    abilities: { markDone: canChange && f.kind === 'improvement' && !f.doneAt },
  };
}
