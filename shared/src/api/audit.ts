import { z } from 'zod';
import { CalendarDateSchema, PageQuerySchema } from './common.ts';

export const AuditQuerySchema = PageQuerySchema.extend({
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(64).optional(),
  actorId: z.uuid().optional(),
  action: z.string().trim().max(60).optional(),
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
});

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
