import { z } from 'zod';
import { HAZARD_STATUSES } from '../domain.ts';
import { ReportStatsSchema } from './reports.ts';

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
 * Preparedness figures (应急准备, issue 4 part 5) of one group of institutions — a township, one
 * institution, or the whole scope. Counted over institutions in operation (运营中).
 */
export const PreparednessFiguresSchema = z.object({
  /** institutions in operation (运营中) */
  institutions: z.number().int(),
  /** institutions with a held drill within the drill window (setting preparedness.drillWindowDays) */
  drillCovered: z.number().int(),
  /** institutions with a held NIGHT drill within the window (counted separately) */
  nightDrillCovered: z.number().int(),
  /** held drills within the window, and of them night drills */
  drillsHeld: z.number().int(),
  nightDrillsHeld: z.number().int(),
  /** institutions lacking an approved plan of a kind their type requires (preparedness.requiredPlanKinds) */
  plansMissing: z.number().int(),
  /** plans in state 应修订 (due_revision: approved version too old, or a drill asked for a revision) */
  plansDueRevision: z.number().int(),
  /** plans whose latest version awaits the township's review */
  plansPending: z.number().int(),
  /** 在岗员工 of the institutions that filled it in, and of them trained on the major-hazard criteria this year */
  staffCount: z.number().int(),
  trained: z.number().int(),
  /** trained / staffCount (0–1), null when no staff count is known */
  trainingShare: z.number().nullable(),
  /** staff quiz attempts submitted this year, distinct staff who took part, mean score (0–100, one decimal) */
  quizAttempts: z.number().int(),
  quizParticipants: z.number().int(),
  quizAverageScore: z.number().nullable(),
});
export type PreparednessFigures = z.infer<typeof PreparednessFiguresSchema>;

/**
 * The dashboard's 应急准备 block: totals of the scope, a row per township (county: every township;
 * township: its own), and per institution when one township is looked at (an institution officer:
 * only their own institution).
 */
export const PreparednessStatsSchema = z.object({
  /** the drill window in days and its start (ISO 8601) */
  windowDays: z.number().int(),
  since: z.string(),
  /** the local calendar year of the training and quiz figures */
  year: z.number().int(),
  totals: PreparednessFiguresSchema,
  byTownship: z.array(PreparednessFiguresSchema.extend({ townshipId: z.string(), townshipName: z.string() })),
  /** per institution: only when one township (or one institution) is looked at, else empty */
  byInstitution: z.array(PreparednessFiguresSchema.extend({ institutionId: z.string(), institutionName: z.string(), townshipId: z.string() })),
  /** public (anonymous) quiz attempts this year and distinct public participants: county scope only, else null */
  publicQuiz: z.object({ attempts: z.number().int(), participants: z.number().int() }).nullable(),
});
export type PreparednessStats = z.infer<typeof PreparednessStatsSchema>;

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
  /** public reports (举报) in scope; null for roles that may not read reports (institutions) */
  reports: ReportStatsSchema.nullable().optional(),
  /** preparedness (应急准备): drills, plans, training, quiz; null without `preparedness.read` */
  preparedness: PreparednessStatsSchema.nullable().optional(),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
