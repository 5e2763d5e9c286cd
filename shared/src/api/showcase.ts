import { z } from 'zod';
import { UuidSchema } from './common.ts';

/** One video of the public showcase (展播): an accepted, showcased video submission. */
export const ShowcaseItemSchema = z.object({
  /** the submission id */
  id: z.string(),
  campaignName: z.string(),
  taskTitle: z.string(),
  /** the submitting unit's name when the campaign was published */
  unitName: z.string(),
  submittedAt: z.string(),
  /** public URL of the video (supports HTTP Range) */
  videoUrl: z.string(),
  videoMime: z.string(),
});
export type ShowcaseItem = z.infer<typeof ShowcaseItemSchema>;

export const ShowcaseListSchema = z.object({ items: z.array(ShowcaseItemSchema) });
export type ShowcaseList = z.infer<typeof ShowcaseListSchema>;

export const ShowcaseVideoParamSchema = z.object({ submissionId: UuidSchema });
