import { describe, expect, it } from 'vitest';
import { CAMPAIGN_STATUSES } from '@lifeline/shared';
import { isEditable, nextCampaignStatus } from './campaigns.workflow.ts';

describe('campaign workflow', () => {
  it('walks draft → published → ended', () => {
    expect(nextCampaignStatus('draft', 'publish')).toBe('published');
    expect(nextCampaignStatus('published', 'end')).toBe('ended');
  });
  it('refuses skipping, reversing and repeating steps', () => {
    expect(nextCampaignStatus('draft', 'end')).toBeNull();
    expect(nextCampaignStatus('published', 'publish')).toBeNull();
    expect(nextCampaignStatus('ended', 'publish')).toBeNull();
    expect(nextCampaignStatus('ended', 'end')).toBeNull();
  });
  it('lets only a draft be edited', () => {
    expect(CAMPAIGN_STATUSES.filter(isEditable)).toEqual(['draft']);
  });
});
