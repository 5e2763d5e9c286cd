import { z } from 'zod';
import { DRILL_SCENARIOS, HAZARD_CATEGORIES, HAZARD_LEVELS, HAZARD_STATUSES } from '../domain.ts';
import { CalendarDateSchema, PageQuerySchema, QueryBool, UuidSchema, optText, text } from './common.ts';

/**
 * 应急演练 (issue 4 part 2): plan a drill, record it as held, evaluate it (演练评估), turn what it
 * found into hazards of the closed loop or improvement actions; per-institution history and
 * per-township coverage.
 */

export const DRILL_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

/** An instant with an explicit offset, e.g. `2026-06-12T20:30:00+08:00` or `…Z`. */
export const InstantSchema = z.iso.datetime({ offset: true, message: '时间格式无效，应为带时区的 ISO 时间' });

const count = (label: string) =>
  z
    .number({ message: `${label}应为整数` })
    .int({ message: `${label}应为整数` })
    .min(0, { message: `${label}不能为负数` })
    .max(100000, { message: `${label}不能超过 100000` });

/**
 * How a drill went (the record of a held drill). `heldAt` must not be in the future (checked by
 * the server against its clock); `nonAmbulatoryCount` ≤ `residentCount`.
 */
export const DrillHeldSchema = z
  .object({
    /** the alarm time */
    heldAt: InstantSchema,
    staffCount: count('参演工作人员数'),
    residentCount: count('参演服务对象数'),
    /** residents who cannot walk unaided */
    nonAmbulatoryCount: count('失能（行动不便）人数').default(0),
    /** how they were moved (轮椅、担架、背负、床单转移 …) */
    nonAmbulatoryMethod: optText(500, '转移方式').default(''),
    /** seconds from the alarm to everyone at the assembly point (1 s … 24 h) */
    evacuationSeconds: z
      .number({ message: '疏散用时应为整数秒' })
      .int({ message: '疏散用时应为整数秒' })
      .min(1, { message: '疏散用时至少 1 秒' })
      .max(86400, { message: '疏散用时不能超过 24 小时' }),
    exitsUsed: optText(500, '使用的安全出口').default(''),
    routesUsed: optText(500, '疏散路线').default(''),
    /** a 生命通道 point (exit, stair, corridor, window) was blocked during the drill */
    lifePassageBlocked: z.boolean().default(false),
    notes: optText(2000, '演练情况').default(''),
    photoIds: z.array(UuidSchema).max(9, { message: '最多 9 张照片' }).default([]),
    videoIds: z.array(UuidSchema).max(3, { message: '最多 3 段视频' }).default([]),
  })
  .superRefine((v, ctx) => {
    // a drill nobody took part in was not held
    if (v.staffCount + v.residentCount === 0) ctx.addIssue({ code: 'custom', path: ['staffCount'], message: '参演人数不能为 0' });
    if (v.nonAmbulatoryCount > v.residentCount) {
      ctx.addIssue({ code: 'custom', path: ['nonAmbulatoryCount'], message: '失能（行动不便）人数不能多于参演服务对象数' });
    }
  });
export type DrillHeld = z.input<typeof DrillHeldSchema>;

/** Plan a drill (or, with `held`, record one that was not planned in one step). */
export const DrillCreateSchema = z.object({
  institutionId: UuidSchema,
  scenario: z.enum(DRILL_SCENARIOS, { message: '演练场景无效' }),
  title: optText(100, '演练名称').default(''),
  isNight: z.boolean().default(false),
  /** when it is planned to start; for a one-step record, defaults to `held.heldAt` */
  plannedAt: InstantSchema.optional(),
  /** the emergency plan it exercises (same institution) */
  planId: UuidSchema.nullish(),
  held: DrillHeldSchema.optional(),
}).superRefine((v, ctx) => {
  if (!v.plannedAt && !v.held) ctx.addIssue({ code: 'custom', path: ['plannedAt'], message: '请填写计划演练时间' });
});
export type DrillCreate = z.input<typeof DrillCreateSchema>;

/** Change a planned drill. */
export const DrillPatchSchema = z.object({
  scenario: z.enum(DRILL_SCENARIOS, { message: '演练场景无效' }).optional(),
  title: optText(100, '演练名称').optional(),
  isNight: z.boolean().optional(),
  plannedAt: InstantSchema.optional(),
  planId: UuidSchema.nullish(),
  /** revision the client saw; a stale one answers 409 */
  revision: z.number().int().min(0).optional(),
});
export type DrillPatch = z.input<typeof DrillPatchSchema>;

export const DrillCancelSchema = z.object({ reason: optText(500, '取消原因').default('') });

/** One scored item of the evaluation form. */
export const DrillEvaluationItemSchema = z
  .object({
    code: z.string().trim().min(1).max(40),
    label: text(60, '评估项目'),
    score: z.number({ message: '得分应为数字' }).int({ message: '得分应为整数' }).min(0, { message: '得分不能为负数' }),
    maxScore: z.number().int().min(1, { message: '满分至少 1 分' }).max(100, { message: '满分不能超过 100 分' }),
    comment: optText(500, '评语').default(''),
  })
  .superRefine((v, ctx) => {
    if (v.score > v.maxScore) ctx.addIssue({ code: 'custom', path: ['score'], message: `得分不能超过满分 ${v.maxScore} 分` });
  });

/** 演练评估: scored items and comments; `planNeedsRevision` flags the exercised plan. */
export const DrillEvaluationInputSchema = z
  .object({
    items: z.array(DrillEvaluationItemSchema).min(1, { message: '至少需要一个评估项目' }).max(30),
    comments: optText(2000, '总体评价').default(''),
    evaluatorName: optText(40, '评估人').default(''),
    planNeedsRevision: z.boolean().default(false),
    /** why the plan needs revising (falls back to `comments`) */
    revisionReason: optText(500, '修订原因').default(''),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.items.forEach((it, i) => {
      if (seen.has(it.code)) ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: '评估项目重复' });
      seen.add(it.code);
    });
  });
export type DrillEvaluationInput = z.input<typeof DrillEvaluationInputSchema>;

export const DrillEvaluationSchema = z.object({
  items: z.array(z.object({ code: z.string(), label: z.string(), score: z.number(), maxScore: z.number(), comment: z.string() })),
  totalScore: z.number().int(),
  maxScore: z.number().int(),
  comments: z.string(),
  evaluatorName: z.string(),
  planNeedsRevision: z.boolean(),
  evaluatedAt: z.string(),
  evaluatedByName: z.string(),
});
export type DrillEvaluation = z.infer<typeof DrillEvaluationSchema>;

/** The default form (Lifeline's template, editable data — not a regulation). */
export const DrillEvaluationTemplateSchema = z.object({
  items: z.array(z.object({ code: z.string(), label: z.string(), maxScore: z.number().int(), hint: z.string() })),
  maxScore: z.number().int(),
});
export type DrillEvaluationTemplate = z.infer<typeof DrillEvaluationTemplateSchema>;

/** The hazard part of a 'hazard' finding (registered in the closed loop with source 'drill'). */
export const DrillFindingHazardSchema = z.object({
  level: z.enum(HAZARD_LEVELS, { message: '隐患等级应为一般或重大' }).default('general'),
  category: z.enum(HAZARD_CATEGORIES, { message: '隐患类别无效' }),
  title: text(100, '隐患名称'),
  location: optText(200, '隐患位置').default(''),
  responsiblePerson: optText(40, '整改责任人').default(''),
  rectificationMeasures: optText(2000, '整改措施').default(''),
  /** local date; default: the bureau's default period for the level (setting hazard.defaultDeadlineDays) */
  deadline: CalendarDateSchema.optional(),
  photoIds: z.array(UuidSchema).max(9, { message: '最多 9 张照片' }).default([]),
});

export const DRILL_FINDING_KINDS = ['hazard', 'improvement'] as const;

/** A problem the drill found: a hazard (with `hazard`) or an improvement action (with `action`). */
export const DrillFindingCreateSchema = z
  .object({
    kind: z.enum(DRILL_FINDING_KINDS, { message: '问题类型应为隐患或改进措施' }),
    description: text(2000, '问题描述'),
    action: optText(1000, '改进措施').default(''),
    hazard: DrillFindingHazardSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'hazard' && !v.hazard) ctx.addIssue({ code: 'custom', path: ['hazard'], message: '请填写隐患信息' });
    if (v.kind === 'improvement' && !v.action) ctx.addIssue({ code: 'custom', path: ['action'], message: '请填写改进措施' });
  });
export type DrillFindingCreate = z.input<typeof DrillFindingCreateSchema>;

export const DrillFindingSchema = z.object({
  id: z.string(),
  kind: z.enum(DRILL_FINDING_KINDS),
  description: z.string(),
  action: z.string(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
  /** the linked hazard with its live status */
  hazard: z
    .object({ id: z.string(), code: z.string(), title: z.string(), status: z.enum(HAZARD_STATUSES), level: z.enum(HAZARD_LEVELS), deadlineDate: z.string(), overdue: z.boolean() })
    .nullable(),
  abilities: z.object({ markDone: z.boolean() }),
});
export type DrillFinding = z.infer<typeof DrillFindingSchema>;

export const DrillSummarySchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  townshipId: z.string(),
  townshipName: z.string(),
  scenario: z.enum(DRILL_SCENARIOS),
  title: z.string(),
  isNight: z.boolean(),
  status: z.enum(DRILL_STATUSES),
  plannedAt: z.string(),
  heldAt: z.string().nullable(),
  staffCount: z.number().int().nullable(),
  residentCount: z.number().int().nullable(),
  nonAmbulatoryCount: z.number().int().nullable(),
  evacuationSeconds: z.number().int().nullable(),
  lifePassageBlocked: z.boolean(),
  /** evaluation total / max, when evaluated */
  score: z.number().int().nullable(),
  maxScore: z.number().int().nullable(),
  findingCount: z.number().int(),
});
export type DrillSummary = z.infer<typeof DrillSummarySchema>;

export const DrillDetailSchema = DrillSummarySchema.extend({
  planId: z.string().nullable(),
  planTitle: z.string().nullable(),
  nonAmbulatoryMethod: z.string(),
  exitsUsed: z.string(),
  routesUsed: z.string(),
  notes: z.string(),
  createdByName: z.string(),
  recordedByName: z.string().nullable(),
  revision: z.number().int(),
  photoIds: z.array(z.string()),
  videos: z.array(z.object({ id: z.string(), mime: z.string(), originalName: z.string() })),
  evaluation: DrillEvaluationSchema.nullable(),
  findings: z.array(DrillFindingSchema),
  abilities: z.object({ update: z.boolean(), cancel: z.boolean(), record: z.boolean(), evaluate: z.boolean(), addFinding: z.boolean() }),
});
export type DrillDetail = z.infer<typeof DrillDetailSchema>;

/** List / export filters. Dates are local (Asia/Shanghai) and match the held time, else the planned time. */
export const DrillFilterSchema = z.object({
  townshipId: z.uuid().optional(),
  institutionId: z.uuid().optional(),
  scenario: z.enum(DRILL_SCENARIOS).optional(),
  status: z.enum(DRILL_STATUSES).optional(),
  night: QueryBool.optional(),
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
});
export type DrillFilter = z.infer<typeof DrillFilterSchema>;
export const DrillListQuerySchema = PageQuerySchema.extend(DrillFilterSchema.shape);

export const DrillHistoryQuerySchema = z.object({ institutionId: UuidSchema });
/** Per institution: held drills by scenario, oldest first, for the evacuation-time trend. */
export const DrillHistorySchema = z.object({
  institutionId: z.string(),
  institutionName: z.string(),
  townshipName: z.string(),
  held: z.number().int(),
  nightHeld: z.number().int(),
  lastHeldAt: z.string().nullable(),
  scenarios: z.array(
    z.object({
      scenario: z.enum(DRILL_SCENARIOS),
      held: z.number().int(),
      nightHeld: z.number().int(),
      /** seconds, latest drill */
      lastSeconds: z.number().int().nullable(),
      bestSeconds: z.number().int().nullable(),
      points: z.array(z.object({ drillId: z.string(), heldAt: z.string(), isNight: z.boolean(), evacuationSeconds: z.number().int().nullable(), participants: z.number().int() })),
    }),
  ),
  upcoming: z.array(z.object({ id: z.string(), scenario: z.enum(DRILL_SCENARIOS), title: z.string(), plannedAt: z.string(), isNight: z.boolean() })),
});
export type DrillHistory = z.infer<typeof DrillHistorySchema>;

export const DrillCoverageQuerySchema = z.object({ townshipId: UuidSchema.optional() });
/**
 * Per township: each institution × scenario with the last held date (day and night counted
 * separately), and the institutions without a held drill in the last `windowDays` days.
 */
export const DrillCoverageSchema = z.object({
  townshipId: z.string().nullable(),
  townshipName: z.string().nullable(),
  windowDays: z.number().int(),
  /** start of the window (instant) */
  since: z.string(),
  scenarios: z.array(z.enum(DRILL_SCENARIOS)),
  institutions: z.array(
    z.object({
      institutionId: z.string(),
      institutionName: z.string(),
      townshipName: z.string(),
      lastHeldAt: z.string().nullable(),
      lastNightHeldAt: z.string().nullable(),
      heldInWindow: z.number().int(),
      nightHeldInWindow: z.number().int(),
      covered: z.boolean(),
      cells: z.array(z.object({ scenario: z.enum(DRILL_SCENARIOS), lastHeldAt: z.string().nullable(), lastNightHeldAt: z.string().nullable(), held: z.number().int() })),
    }),
  ),
  totals: z.object({ institutions: z.number().int(), covered: z.number().int(), uncovered: z.number().int(), heldInWindow: z.number().int(), nightHeldInWindow: z.number().int() }),
});
export type DrillCoverage = z.infer<typeof DrillCoverageSchema>;
