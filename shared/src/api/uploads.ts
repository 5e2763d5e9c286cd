import { z } from 'zod';

export const AttachmentSchema = z.object({
  id: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  originalName: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;
