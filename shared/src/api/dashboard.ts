import { z } from 'zod';
import { HAZARD_STATUSES } from '../domain.ts';

export const DashboardQuerySchema = z.object({ townshipId: z.uuid().optional() });

export const DashboardSchema = z.object({
  scope: z.object({ level: z.enum(['county', 'township', 'institution']), name: z.string() }),
  generatedAt: z.string(),
  institutions: z.number().int(),
  inspectionsThisMonth: z.number().int(),
  hazards: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    closed: z.number().int(),
    openMajor: z.number().int(),
    closedThisMonth: z.number().int(),
    foundThisMonth: z.number().int(),
  }),
  byStatus: z.array(z.object({ status: z.enum(HAZARD_STATUSES), count: z.number().int() })),
  byTownship: z.array(
    z.object({
      townshipId: z.string(),
      townshipName: z.string(),
      pending: z.number().int(),
      rectifying: z.number().int(),
      awaiting_verification: z.number().int(),
      closed: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
  byCategory: z.array(z.object({ category: z.string(), open: z.number().int(), total: z.number().int() })),
  monthlyTrend: z.array(z.object({ month: z.string(), found: z.number().int(), closed: z.number().int() })),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
