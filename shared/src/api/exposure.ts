import { z } from 'zod';
import { REPORT_CATEGORIES } from '../domain.ts';
import { PageQuerySchema, UuidSchema, optText, text } from './common.ts';

/**
 * 曝光台 (exposure board, issue 5 §8): cases prepared by the county from verified reports or closed
 * hazards, redacted, approved by a county leader, then public. Statuses:
 * 草稿 draft → 待审批 pending_approval → 已发布 published → 已撤回 withdrawn; 退回 returns a pending case to draft.
 */
export const EXPOSURE_STATUSES = ['draft', 'pending_approval', 'published', 'withdrawn'] as const;
export type ExposureStatus = (typeof EXPOSURE_STATUSES)[number];

/** Steps of the exposure workflow. */
export const EXPOSURE_STEPS = ['submit', 'approve', 'return', 'withdraw'] as const;
export type ExposureStep = (typeof EXPOSURE_STEPS)[number];

/** Where a case was prepared from. */
export const EXPOSURE_SOURCE_KINDS = ['report', 'hazard'] as const;
export type ExposureSourceKind = (typeof EXPOSURE_SOURCE_KINDS)[number];

/** Most photos one published case carries. */
export const EXPOSURE_MAX_PHOTOS = 9;

/** Create a draft from exactly one source: a verified (属实/部分属实) report or a closed hazard. */
export const ExposureCreateSchema = z
  .object({ reportId: UuidSchema.optional(), hazardId: UuidSchema.optional() })
  .strict()
  .refine((v) => (v.reportId ? 1 : 0) + (v.hazardId ? 1 : 0) === 1, { message: '请选择一条举报或一条隐患作为来源', path: ['reportId'] });
export type ExposureCreate = z.input<typeof ExposureCreateSchema>;

/** Edit a draft. Text is run through the redaction pass again on save. */
export const ExposurePatchSchema = z
  .object({
    title: text(100, '标题').optional(),
    body: text(4000, '案例内容').optional(),
    category: z.enum(REPORT_CATEGORIES, { message: '类别无效' }).optional(),
    showInstitutionName: z.boolean().optional(),
    photoIds: z.array(UuidSchema).max(EXPOSURE_MAX_PHOTOS, { message: `最多发布 ${EXPOSURE_MAX_PHOTOS} 张照片` }).optional(),
    outcome: optText(1000, '整改结果').optional(),
  })
  .strict();
export type ExposurePatch = z.input<typeof ExposurePatchSchema>;

/** A step: a note (the reason, required to return or withdraw). */
export const ExposureStepSchema = z.object({ note: optText(500, '说明').default('') }).strict();

/** Text to preview through the redaction pass (the editor's 脱敏预览). */
export const ExposureRedactPreviewSchema = z
  .object({
    title: optText(100, '标题').default(''),
    body: optText(4000, '案例内容').default(''),
    outcome: optText(1000, '整改结果').default(''),
    showInstitutionName: z.boolean().default(false),
  })
  .strict();

const HitsSchema = z.object({ id_card: z.number().int(), mobile: z.number().int(), landline: z.number().int(), name: z.number().int(), institution: z.number().int() });
export type ExposureRedactionHits = z.infer<typeof HitsSchema>;

export const ExposureRedactPreviewResultSchema = z.object({ title: z.string(), body: z.string(), outcome: z.string(), hits: HitsSchema });
export type ExposureRedactPreviewResult = z.infer<typeof ExposureRedactPreviewResultSchema>;

export const ExposureListQuerySchema = PageQuerySchema.extend({ status: z.enum(EXPOSURE_STATUSES).optional() });
export type ExposureListQuery = z.input<typeof ExposureListQuerySchema>;

const SourceSchema = z.object({
  kind: z.enum(EXPOSURE_SOURCE_KINDS),
  id: z.string().nullable(),
  /** the report's serial number (JB…) or the hazard's code (YH…) */
  ref: z.string().nullable(),
});

export const ExposureSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(REPORT_CATEGORIES),
  status: z.enum(EXPOSURE_STATUSES),
  showInstitutionName: z.boolean(),
  /** the name as published (or 某养老机构（浔中镇）) */
  displayName: z.string(),
  /** the real institution name, for staff only */
  institutionName: z.string().nullable(),
  townshipName: z.string().nullable(),
  source: SourceSchema,
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ExposureSummary = z.infer<typeof ExposureSummarySchema>;

/** A photo of the source offered for publication (staff preview URL). */
export const ExposureCandidatePhotoSchema = z.object({
  id: z.string(),
  /** report (举报照片), hazard (隐患照片), rectification (整改/验收照片) */
  origin: z.enum(['report', 'hazard', 'rectification']),
  url: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  picked: z.boolean(),
});
export type ExposureCandidatePhoto = z.infer<typeof ExposureCandidatePhotoSchema>;

export const ExposureLogEntrySchema = z.object({
  id: z.number().int(),
  action: z.enum(['publish', 'withdraw']),
  at: z.string(),
  actorName: z.string().nullable(),
  note: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
});
export type ExposureLogEntry = z.infer<typeof ExposureLogEntrySchema>;

export const ExposureHistoryEntrySchema = z.object({
  action: z.string(),
  at: z.string(),
  actorName: z.string(),
  note: z.string(),
});

export const ExposureDetailSchema = ExposureSummarySchema.extend({
  body: z.string(),
  outcome: z.string(),
  photoIds: z.array(z.string()),
  candidatePhotos: z.array(ExposureCandidatePhotoSchema),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** the reason of the last 退回, while the case is a draft again */
  returnNote: z.string().nullable(),
  history: z.array(ExposureHistoryEntrySchema),
  publicationLog: z.array(ExposureLogEntrySchema),
  abilities: z.object({ update: z.boolean(), submit: z.boolean(), approve: z.boolean(), return: z.boolean(), withdraw: z.boolean() }),
});
export type ExposureDetail = z.infer<typeof ExposureDetailSchema>;

export const ExposureSourceQuerySchema = z.object({
  kind: z.enum(EXPOSURE_SOURCE_KINDS),
  q: optText(50, '关键词').optional(),
});

/** An eligible source for a new case (picker row). */
export const ExposureSourceSchema = z.object({
  kind: z.enum(EXPOSURE_SOURCE_KINDS),
  id: z.string(),
  ref: z.string(),
  /** hazard title, or the report's category label key source */
  title: z.string(),
  category: z.string(),
  institutionName: z.string().nullable(),
  townshipName: z.string().nullable(),
  /** verified at (report) or closed at (hazard) */
  at: z.string().nullable(),
  /** a case (not withdrawn) already exists for it */
  hasCase: z.boolean(),
});
export type ExposureSource = z.infer<typeof ExposureSourceSchema>;
export const ExposureSourceListSchema = z.object({ items: z.array(ExposureSourceSchema) });

export const ExposurePhotoParamSchema = z.object({ id: UuidSchema, attachmentId: UuidSchema });

/** One published case on the public page (no staff names, no reporter, no source ids). */
export const PublicExposureItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  category: z.enum(REPORT_CATEGORIES),
  displayName: z.string(),
  townshipName: z.string().nullable(),
  outcome: z.string(),
  publishedAt: z.string(),
  photos: z.array(z.object({ id: z.string(), url: z.string(), width: z.number().int().nullable(), height: z.number().int().nullable() })),
});
export type PublicExposureItem = z.infer<typeof PublicExposureItemSchema>;

export const PublicExposureQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
