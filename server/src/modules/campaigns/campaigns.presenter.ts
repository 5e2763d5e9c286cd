import type { CampaignDetail, CampaignStatus, CampaignSummary, CampaignTask, InstitutionType } from '@lifeline/shared';
import { localDate } from '@lifeline/shared';
import type { Actor } from '../../policies/index.ts';
import type { CampaignEventRow, CampaignRow, CampaignTaskRow } from './campaigns.repo.ts';
import { isEditable, nextCampaignStatus } from './campaigns.workflow.ts';

export function toCampaignSummary(c: CampaignRow, taskCount: number): CampaignSummary {
  return {
    id: c.id,
    name: c.name,
    theme: c.theme,
    year: c.year,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    status: c.status,
    taskCount,
    createdAt: c.createdAt.toISOString(),
    publishedAt: c.publishedAt?.toISOString() ?? null,
    endedAt: c.endedAt?.toISOString() ?? null,
  };
}

export function toCampaignTask(t: CampaignTaskRow): CampaignTask {
  return {
    id: t.id,
    title: t.title,
    instructions: t.instructions,
    assigneeScope: t.assigneeScope,
    institutionTypes: t.institutionTypes as InstitutionType[],
    officeId: t.officeId,
    deadline: t.deadline.toISOString(),
    deadlineDate: localDate(t.deadline),
    deliverableKind: t.deliverableKind,
    countOf: t.countOf,
    requiredQuantity: t.requiredQuantity,
    reviewRequired: t.reviewRequired,
    recipient: t.recipient,
    sortOrder: t.sortOrder,
  };
}

/** What the actor can do on the campaign now: permission AND workflow legality. */
export function campaignAbilities(actor: Actor, status: CampaignStatus, taskCount: number): CampaignDetail['abilities'] {
  const manage = actor.permissions.has('campaign.manage');
  return {
    edit: manage && isEditable(status),
    publish: manage && nextCampaignStatus(status, 'publish') !== null && taskCount > 0,
    end: manage && nextCampaignStatus(status, 'end') !== null,
  };
}

export function toCampaignDetail(actor: Actor, c: CampaignRow, tasks: CampaignTaskRow[], events: CampaignEventRow[]): CampaignDetail {
  return {
    ...toCampaignSummary(c, tasks.length),
    issuer: c.issuer,
    officeId: c.officeId,
    sourceText: c.sourceText,
    sections: c.sections,
    tasks: tasks.map(toCampaignTask),
    events: events.map((e) => ({ id: e.id, name: e.name, date: e.date })),
    abilities: campaignAbilities(actor, c.status, tasks.length),
  };
}
