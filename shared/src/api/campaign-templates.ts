import { z } from 'zod';

/** A built-in campaign template (e.g. 民政服务机构安全生产月): a shipped notice the parser turns into a draft. */
export const CampaignTemplateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** the year the shipped notice was written for; other years are shifted */
  noticeYear: z.number().int(),
});
export type CampaignTemplate = z.infer<typeof CampaignTemplateSchema>;

export const CampaignTemplateListSchema = z.object({ items: z.array(CampaignTemplateSchema) });
export type CampaignTemplateList = z.infer<typeof CampaignTemplateListSchema>;

/** Creates a draft campaign from a built-in template, optionally for another year (dates shifted). */
export const CampaignFromTemplateSchema = z.object({
  templateId: z.string().trim().min(1, { message: '请选择模板' }).max(100, { message: '模板编号过长' }),
  year: z.number().int().min(2000, { message: '年份无效' }).max(2100, { message: '年份无效' }).optional(),
});
export type CampaignFromTemplate = z.input<typeof CampaignFromTemplateSchema>;

/** Optional query of POST /api/campaigns/from-notice-file: the campaign year when the notice gives none. */
export const CampaignFromNoticeFileQuerySchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, { message: '年份无效' })
    .transform(Number)
    .refine((y) => y >= 2000 && y <= 2100, { message: '年份无效' })
    .optional(),
});
