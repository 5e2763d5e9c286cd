import { z } from 'zod';
import { HAZARD_STATUSES } from '../domain.ts';

/**
 * GET /api/dashboard query. A county role may pass `townshipId` to look at one township; a
 * township officer (or institution officer) always gets their own scope, and another township's id
 * answers 404.
 */
export const DashboardQuerySchema = z.object({ townshipId: z.uuid({ message: '编号格式无效' }).optional() });
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

/** Hazard counts of one township (for the county's comparison table and stacked bars). */
export const DashboardTownshipRowSchema = z.object({
  townshipId: z.string(),
  townshipName: z.string(),
  pending: z.number().int(),
  rectifying: z.number().int(),
  awaiting_verification: z.number().int(),
  closed: z.number().int(),
  /** not closed and past the deadline */
  overdue: z.number().int(),
});

/**
 * The dashboard (工作台) figures for the actor's scope. "This month" is the local calendar month
 * (Asia/Shanghai) containing `generatedAt`; overdue (逾期) is derived at `generatedAt`.
 */
export const DashboardSchema = z.object({
  scope: z.object({
    level: z.enum(['county', 'township', 'institution']),
    /** 德化县, 浔中镇, or the institution's name */
    name: z.string(),
    /** the township looked at (township and institution scopes), else null */
    townshipId: z.string().nullable(),
    /** the institution looked at (institution scope), else null */
    institutionId: z.string().nullable(),
  }),
  /** the instant the figures were computed (ISO 8601) */
  generatedAt: z.string(),
  /** the local month "this month" refers to, `YYYY-MM` */
  month: z.string(),
  /** institutions under supervision: every status except 已关停 (closed) */
  institutions: z.number().int(),
  /** inspections (county, township and self) held this local month */
  inspectionsThisMonth: z.number().int(),
  hazards: z.object({
    /** not closed (待整改 + 整改中 + 待验收) */
    open: z.number().int(),
    /** open and past the deadline (逾期) */
    overdue: z.number().int(),
    /** 已销号 */
    closed: z.number().int(),
    /** open 重大隐患 */
    openMajor: z.number().int(),
    /** closed (销号) this local month */
    closedThisMonth: z.number().int(),
    /** found (发现) this local month */
    foundThisMonth: z.number().int(),
  }),
  /** every status, in workflow order, zeros included */
  byStatus: z.array(z.object({ status: z.enum(HAZARD_STATUSES), count: z.number().int() })),
  /** one row per township in scope, in the county's township order (zeros included) */
  byTownship: z.array(DashboardTownshipRowSchema),
  /** categories that have hazards, most open first */
  byCategory: z.array(z.object({ category: z.string(), open: z.number().int(), total: z.number().int() })),
  /** the last 12 local months, oldest first, ending with this month: hazards found vs closed */
  monthlyTrend: z.array(z.object({ month: z.string(), found: z.number().int(), closed: z.number().int() })),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
