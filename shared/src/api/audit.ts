import { z } from 'zod';
import { CalendarDateSchema, PageQuerySchema } from './common.ts';

/**
 * GET /api/audit query (county admin). All filters combine with AND; newest first.
 * `action` matches as a prefix (`hazard.` → every hazard action); `from`/`to` are local dates
 * (Asia/Shanghai), both inclusive.
 */
export const AuditQuerySchema = PageQuerySchema.extend({
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(64).optional(),
  actorId: z.uuid({ message: '编号格式无效' }).optional(),
  action: z.string().trim().max(60).optional(),
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** One audit row: who did what to which record, with the record before and after. */
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** null for the system (bootstrap, demo generator, jobs) or a deleted account */
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

/** GET /api/audit/actions: the values the filter dropdowns offer, sorted. */
export const AuditFacetsSchema = z.object({
  actions: z.array(z.string()),
  entityTypes: z.array(z.string()),
});
export type AuditFacets = z.infer<typeof AuditFacetsSchema>;
