import { z } from 'zod';
import { HAZARD_CATEGORIES, HAZARD_LEVELS, HAZARD_SOURCES, HAZARD_STATUSES, INSTITUTION_TYPES } from '../domain.ts';
import { CalendarDateSchema, PageQuerySchema, QueryBool, UuidSchema, optText, text } from './common.ts';

/** 随手拍: register a hazard directly, without a checklist. */
export const HazardCreateSchema = z.object({
  institutionId: UuidSchema,
  level: z.enum(HAZARD_LEVELS, { message: '隐患等级应为一般或重大' }),
  category: z.enum(HAZARD_CATEGORIES, { message: '隐患类别无效' }),
  title: text(100, '隐患名称'),
  location: optText(200, '隐患位置').default(''),
  description: optText(2000, '隐患描述').default(''),
  responsiblePerson: optText(40, '整改责任人').default(''),
  rectificationMeasures: optText(2000, '整改措施').default(''),
  /** the rectification deadline as a local date; the deadline is the end of that day (Asia/Shanghai) */
  deadline: CalendarDateSchema,
  photoIds: z.array(UuidSchema).max(9, { message: '最多 9 张照片' }).default([]),
});
export type HazardCreate = z.input<typeof HazardCreateSchema>;

/** Edit while open (supervisor): deadline extension, responsible person, measures, level. */
export const HazardPatchSchema = z.object({
  level: z.enum(HAZARD_LEVELS).optional(),
  category: z.enum(HAZARD_CATEGORIES).optional(),
  title: text(100, '隐患名称').optional(),
  location: optText(200, '隐患位置').optional(),
  description: optText(2000, '隐患描述').optional(),
  responsiblePerson: optText(40, '整改责任人').optional(),
  rectificationMeasures: optText(2000, '整改措施').optional(),
  deadline: CalendarDateSchema.optional(),
  note: optText(500, '说明').default(''),
});

/** A step of the closed loop. */
export const HazardStepSchema = z.object({
  note: optText(1000, '说明').default(''),
  photoIds: z.array(UuidSchema).max(9, { message: '最多 9 张照片' }).default([]),
  /** revision the client saw; a stale one answers 409 */
  revision: z.number().int().min(0).optional(),
  responsiblePerson: optText(40, '整改责任人').optional(),
  rectificationMeasures: optText(2000, '整改措施').optional(),
});

export const HazardEventSchema = z.object({
  id: z.string(),
  action: z.enum(['register', 'start_rectification', 'submit_rectification', 'verify', 'return', 'update']),
  fromStatus: z.enum(HAZARD_STATUSES).nullable(),
  toStatus: z.enum(HAZARD_STATUSES),
  note: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  at: z.string(),
  photoIds: z.array(z.string()),
});

export const HazardSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  level: z.enum(HAZARD_LEVELS),
  category: z.enum(HAZARD_CATEGORIES),
  status: z.enum(HAZARD_STATUSES),
  source: z.enum(HAZARD_SOURCES),
  listedSupervision: z.boolean(),
  overdue: z.boolean(),
  institutionId: z.string(),
  institutionName: z.string(),
  institutionType: z.enum(INSTITUTION_TYPES),
  townshipId: z.string(),
  townshipName: z.string(),
  location: z.string(),
  responsiblePerson: z.string(),
  deadline: z.string(),
  deadlineDate: z.string(),
  foundAt: z.string(),
  closedAt: z.string().nullable(),
});
export type HazardSummary = z.infer<typeof HazardSummarySchema>;

export const HazardDetailSchema = HazardSummarySchema.extend({
  description: z.string(),
  rectificationMeasures: z.string(),
  inspectionId: z.string().nullable(),
  /** 来自演练: the drill whose finding registered this hazard (source 'drill') */
  drill: z.object({ id: z.string(), title: z.string(), heldAt: z.string().nullable() }).nullable(),
  checklistItem: z.object({ code: z.string(), checkText: z.string(), legalBasis: z.string() }).nullable(),
  reportedByName: z.string(),
  revision: z.number().int(),
  photoIds: z.array(z.string()),
  events: z.array(HazardEventSchema),
  abilities: z.object({
    start_rectification: z.boolean(),
    submit_rectification: z.boolean(),
    verify: z.boolean(),
    return: z.boolean(),
    update: z.boolean(),
  }),
});
export type HazardDetail = z.infer<typeof HazardDetailSchema>;

export const HAZARD_SORTS = ['foundAt', 'deadline', 'code', 'level', 'status'] as const;

/** Ledger filters; shared by the list and the export. */
export const HazardFilterSchema = z.object({
  townshipId: z.uuid().optional(),
  institutionId: z.uuid().optional(),
  institutionType: z.enum(INSTITUTION_TYPES).optional(),
  level: z.enum(HAZARD_LEVELS).optional(),
  status: z.enum(HAZARD_STATUSES).optional(),
  /** `open` = not closed */
  open: QueryBool.optional(),
  category: z.enum(HAZARD_CATEGORIES).optional(),
  source: z.enum(HAZARD_SOURCES).optional(),
  overdue: QueryBool.optional(),
  /** found on or after this local date */
  from: CalendarDateSchema.optional(),
  /** found on or before this local date */
  to: CalendarDateSchema.optional(),
  /** closed (销号) on or after this local date */
  closedFrom: CalendarDateSchema.optional(),
  /** closed (销号) on or before this local date */
  closedTo: CalendarDateSchema.optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(HAZARD_SORTS).default('foundAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const HazardListQuerySchema = PageQuerySchema.extend(HazardFilterSchema.shape);
export type HazardFilter = z.infer<typeof HazardFilterSchema>;
