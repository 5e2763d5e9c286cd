import type { CampaignStatus } from '@lifeline/shared';

/**
 * The campaign lifecycle as a pure transition table:
 *
 *   草稿 draft ──publish──▶ 已发布 published ──end──▶ 已结束 ended
 *
 * Only a draft may be edited (header, tasks); publishing needs at least one task (the service checks).
 * Who may take a step is the permission `campaign.manage`.
 */
export const CAMPAIGN_TRANSITIONS = {
  publish: { from: ['draft'], to: 'published' },
  end: { from: ['published'], to: 'ended' },
} as const satisfies Record<string, { from: readonly CampaignStatus[]; to: CampaignStatus }>;

export type CampaignStep = keyof typeof CAMPAIGN_TRANSITIONS;

/**
 * The status a step leads to from `from`, or null when the step is illegal there.
 */
export function nextCampaignStatus(from: CampaignStatus, step: CampaignStep): CampaignStatus | null {
  const t = CAMPAIGN_TRANSITIONS[step];
  return (t.from as readonly CampaignStatus[]).includes(from) ? t.to : null;
}

/** Whether the campaign's header and tasks may still be edited. */
export function isEditable(status: CampaignStatus): boolean {
  return status === 'draft';
}
