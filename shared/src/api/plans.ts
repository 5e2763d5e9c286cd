import { z } from 'zod';
import { INSTITUTION_TYPES, PLAN_KINDS } from '../domain.ts';
import { CalendarDateSchema, PageQuerySchema, UuidSchema, optText, text } from './common.ts';
import { AttachmentSchema } from './uploads.ts';

/**
 * 应急预案 (emergency plans, issue 4 part 1): one plan per institution and kind, its documents as
 * versions reviewed by the township (通过 / 退回 with comments).
 */

/** Status of one version of a plan's document. */
export const PLAN_VERSION_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type PlanVersionStatus = (typeof PLAN_VERSION_STATUSES)[number];

/**
 * A plan's derived state:
 * - `draft` — created, no version uploaded yet;
 * - `pending` — the latest version awaits review;
 * - `returned` — the latest version was returned (退回), a new one is expected;
 * - `due_revision` — the latest version is approved but took effect longer ago than the setting
 *   `preparedness.planMaxAgeDays`, or a drill evaluation asked for a revision;
 * - `current` — the latest version is approved and in date.
 */
export const PLAN_STATES = ['draft', 'pending', 'returned', 'due_revision', 'current'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/** Create a plan (no document yet): POST /api/plans. */
export const PlanCreateSchema = z.object({
  institutionId: UuidSchema,
  kind: z.enum(PLAN_KINDS, { message: '预案类型无效' }),
  title: text(100, '预案名称'),
});
export type PlanCreate = z.input<typeof PlanCreateSchema>;

/** Upload a new version: POST /api/plans/:id/versions (files via POST /api/uploads?kind=document). */
export const PlanVersionInputSchema = z.object({
  /** the date the version takes effect (印发/实施日期), local */
  effectiveOn: CalendarDateSchema,
  notes: optText(2000, '修订说明').default(''),
  attachmentIds: z.array(UuidSchema).min(1, { message: '请上传预案文件（Word 或 PDF）' }).max(10, { message: '最多 10 个文件' }),
});
export type PlanVersionInput = z.input<typeof PlanVersionInputSchema>;

/** Review the pending version: POST /api/plan-versions/:id/review. */
export const PlanReviewSchema = z.object({
  decision: z.enum(['approve', 'return'], { message: '审核结论应为通过或退回' }),
  /** required when returning */
  comment: optText(1000, '审核意见').default(''),
});
export type PlanReview = z.input<typeof PlanReviewSchema>;

export const PlanFilterSchema = z.object({
  townshipId: z.uuid({ message: '乡镇编号无效' }).optional(),
  institutionId: z.uuid({ message: '机构编号无效' }).optional(),
  kind: z.enum(PLAN_KINDS, { message: '预案类型无效' }).optional(),
  state: z.enum(PLAN_STATES, { message: '预案状态无效' }).optional(),
});
export type PlanFilter = z.infer<typeof PlanFilterSchema>;

export const PlanListQuerySchema = PlanFilterSchema.extend(PageQuerySchema.shape);

export const PlanSummarySchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  institutionType: z.enum(INSTITUTION_TYPES),
  townshipId: z.string(),
  townshipName: z.string(),
  kind: z.enum(PLAN_KINDS),
  title: z.string(),
  /** the latest version's number (0 before the first upload) */
  currentVersion: z.number().int(),
  state: z.enum(PLAN_STATES),
  /** the latest approved version needs revising (too old, or a drill asked for it) */
  dueForRevision: z.boolean(),
  revisionRequested: z.boolean(),
  revisionReason: z.string(),
  /** the latest approved version, if any */
  approvedVersion: z.number().int().nullable(),
  approvedEffectiveOn: z.string().nullable(),
  /** last day the approved version counts as current by age (effectiveOn + planMaxAgeDays) */
  validUntil: z.string().nullable(),
  updatedAt: z.string(),
});
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

export const PlanVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  notes: z.string(),
  effectiveOn: z.string(),
  status: z.enum(PLAN_VERSION_STATUSES),
  submittedAt: z.string(),
  submittedByName: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewComment: z.string(),
  attachments: z.array(AttachmentSchema),
});
export type PlanVersion = z.infer<typeof PlanVersionSchema>;

export const PlanDetailSchema = PlanSummarySchema.extend({
  /** newest first */
  versions: z.array(PlanVersionSchema),
  abilities: z.object({ submitVersion: z.boolean(), review: z.boolean() }),
});
export type PlanDetail = z.infer<typeof PlanDetailSchema>;

export const PlanMissingQuerySchema = z.object({ townshipId: z.uuid({ message: '乡镇编号无效' }).optional() });

/** An institution lacking an approved plan of one or more kinds its type requires. */
export const PlanMissingItemSchema = z.object({
  institutionId: z.string(),
  institutionName: z.string(),
  institutionType: z.enum(INSTITUTION_TYPES),
  townshipId: z.string(),
  townshipName: z.string(),
  requiredKinds: z.array(z.enum(PLAN_KINDS)),
  missingKinds: z.array(z.enum(PLAN_KINDS)),
});
export type PlanMissingItem = z.infer<typeof PlanMissingItemSchema>;
export const PlanMissingSchema = z.object({ items: z.array(PlanMissingItemSchema), institutionsChecked: z.number().int() });
export type PlanMissing = z.infer<typeof PlanMissingSchema>;
