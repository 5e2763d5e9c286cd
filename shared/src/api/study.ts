import { z } from 'zod';
import { REGULATIONS, STUDY_KINDS } from '../domain.ts';
import { CalendarDateSchema, PageQuerySchema, UuidSchema, optText, text } from './common.ts';
import { AttachmentSchema } from './uploads.ts';

/** 学习宣传 / 安全培训 (study and training sessions, issue 4 part 3). */

export const STUDY_LEVELS = ['county', 'township', 'institution'] as const;
export type StudyLevel = (typeof STUDY_LEVELS)[number];

const participantCount = z
  .number({ message: '参加人数应为整数' })
  .int({ message: '参加人数应为整数' })
  .min(0, { message: '参加人数不能为负' })
  .max(100000, { message: '参加人数不能超过 100000' });

const participantNames = z
  .array(z.string().trim().max(50, { message: '姓名不能超过 50 个字' }))
  .max(1000, { message: '参加人员名单最多 1000 人' })
  .transform((names) => [...new Set(names.filter((n) => n !== ''))]);

const fields = {
  kind: z.enum(STUDY_KINDS, { message: '活动形式无效' }),
  /** local date; not in the future */
  heldOn: CalendarDateSchema,
  organiser: optText(100, '组织单位/主讲人'),
  topic: text(200, '主题'),
  regulations: z.array(z.enum(REGULATIONS, { message: '学习内容无效' })).max(REGULATIONS.length).transform((r) => [...new Set(r)]),
  participantCount,
  /** named staff who took part (optional); blanks dropped, duplicates merged */
  participantNames,
  notes: optText(2000, '备注'),
  /** photos and materials uploaded through POST /api/uploads */
  photoIds: z.array(UuidSchema).max(20, { message: '最多 20 个文件' }),
};

/**
 * Record a session. The level follows from the actor and the unit: county roles record county
 * sessions; a township officer records for the township (default) or one of its institutions;
 * an institution officer records for their own institution.
 */
export const StudySessionInputSchema = z.object({
  level: z.enum(STUDY_LEVELS, { message: '层级无效' }).optional(),
  institutionId: UuidSchema.nullable().optional(),
  townshipId: UuidSchema.nullable().optional(),
  kind: fields.kind,
  heldOn: fields.heldOn,
  organiser: fields.organiser.default(''),
  topic: fields.topic,
  regulations: fields.regulations.default([]),
  participantCount: fields.participantCount,
  participantNames: fields.participantNames.default([]),
  notes: fields.notes.default(''),
  photoIds: fields.photoIds.default([]),
});
export type StudySessionInput = z.input<typeof StudySessionInputSchema>;

/** Change a session (the unit and level stay). New photoIds are added to the existing ones. */
export const StudySessionPatchSchema = z.object({
  kind: fields.kind.optional(),
  heldOn: fields.heldOn.optional(),
  organiser: fields.organiser.optional(),
  topic: fields.topic.optional(),
  regulations: fields.regulations.optional(),
  participantCount: fields.participantCount.optional(),
  participantNames: fields.participantNames.optional(),
  notes: fields.notes.optional(),
  photoIds: fields.photoIds.optional(),
});
export type StudySessionPatch = z.input<typeof StudySessionPatchSchema>;

export const StudyFilterSchema = z.object({
  townshipId: z.uuid({ message: '乡镇编号无效' }).optional(),
  institutionId: z.uuid({ message: '机构编号无效' }).optional(),
  level: z.enum(STUDY_LEVELS, { message: '层级无效' }).optional(),
  kind: z.enum(STUDY_KINDS, { message: '活动形式无效' }).optional(),
  regulation: z.enum(REGULATIONS, { message: '学习内容无效' }).optional(),
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
});
export type StudyFilter = z.infer<typeof StudyFilterSchema>;
export const StudyListQuerySchema = StudyFilterSchema.extend(PageQuerySchema.shape);

export const StudySessionSchema = z.object({
  id: z.string(),
  level: z.enum(STUDY_LEVELS),
  townshipId: z.string().nullable(),
  townshipName: z.string().nullable(),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  /** 县民政局 / the township / the institution, for display */
  unitName: z.string(),
  kind: z.enum(STUDY_KINDS),
  heldOn: z.string(),
  organiser: z.string(),
  topic: z.string(),
  regulations: z.array(z.enum(REGULATIONS)),
  participantCount: z.number().int(),
  participantNames: z.array(z.string()),
  notes: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), delete: z.boolean() }),
});
export type StudySession = z.infer<typeof StudySessionSchema>;

export const StudySessionDetailSchema = StudySessionSchema.extend({ attachments: z.array(AttachmentSchema) });
export type StudySessionDetail = z.infer<typeof StudySessionDetailSchema>;

export const StudyCoverageQuerySchema = z.object({
  year: z.coerce.number({ message: '年份无效' }).int({ message: '年份无效' }).min(2000, { message: '年份无效' }).max(2100, { message: '年份无效' }).optional(),
  townshipId: z.uuid({ message: '乡镇编号无效' }).optional(),
});

/** One institution's training coverage on the major-hazard criteria in a year. */
export const StudyCoverageItemSchema = z.object({
  institutionId: z.string(),
  institutionName: z.string(),
  townshipId: z.string(),
  townshipName: z.string(),
  /** 在岗员工人数 (0 = not filled in) */
  staffCount: z.number().int(),
  /** staff trained on the major-hazard criteria this year (see the rule in study.service.ts) */
  trained: z.number().int(),
  /** trained / staffCount, 0–1; null when staffCount is 0 */
  share: z.number().nullable(),
  /** the institution's study sessions that year, all kinds */
  sessions: z.number().int(),
  /** of which on the major-hazard criteria */
  criteriaSessions: z.number().int(),
});
export type StudyCoverageItem = z.infer<typeof StudyCoverageItemSchema>;
export const StudyCoverageSchema = z.object({
  year: z.number().int(),
  items: z.array(StudyCoverageItemSchema),
  totals: z.object({ staffCount: z.number().int(), trained: z.number().int(), share: z.number().nullable(), institutionsWithoutTraining: z.number().int() }),
});
export type StudyCoverage = z.infer<typeof StudyCoverageSchema>;
