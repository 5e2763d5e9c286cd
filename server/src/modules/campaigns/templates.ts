import { readFile } from 'node:fs/promises';
import type { CampaignTemplate } from '@lifeline/shared';

/**
 * A built-in campaign template: a notice shipped with the application that the notice parser turns
 * into a draft campaign (sections, tasks with deadlines, dated events), which the admin then edits
 * and publishes (docs/decisions/0002-campaigns.md, "Template").
 */
export interface CampaignTemplateDef {
  id: string;
  /** zh-CN name shown in the template list */
  name: string;
  description: string;
  /** the shipped notice (plain text, UTF-8) */
  noticeFile: URL;
  /** the year the notice was written for */
  noticeYear: number;
  /** the draft's name for a year (the notice title names its own year) */
  campaignName: (year: number) => string;
}

/** The templates the application ships. Data only: add an entry (and its notice file) for another one. */
export const CAMPAIGN_TEMPLATES: readonly CampaignTemplateDef[] = [
  {
    id: 'safety-month',
    name: '民政服务机构安全生产月',
    description: '依据德化县民政局《关于开展2024年全县民政服务机构“安全生产月”活动的通知》：六月全月，报送经验做法（6月5日前）、活动情况总结（6月24日前）等，6月16日安全宣传咨询日。选择其他年份时日期顺延到该年。',
    // the real county notice kept as reference data (db/src/reference), read at run time
    noticeFile: new URL('../../../../db/src/reference/notice-2024-safety-month.txt', import.meta.url),
    noticeYear: 2024,
    campaignName: (year) => `${year}年全县民政服务机构“安全生产月”活动`,
  },
];

/** A template → its API summary. */
export const toCampaignTemplate = (t: CampaignTemplateDef): CampaignTemplate => ({ id: t.id, name: t.name, description: t.description, noticeYear: t.noticeYear });

/** The template with this id, or undefined. */
export const findTemplate = (id: string): CampaignTemplateDef | undefined => CAMPAIGN_TEMPLATES.find((t) => t.id === id);

/**
 * The text of a template's notice.
 * @throws Error when the shipped file is missing (a broken install, not a user error)
 */
export async function readTemplateNotice(t: CampaignTemplateDef): Promise<string> {
  return readFile(t.noticeFile, 'utf8');
}
