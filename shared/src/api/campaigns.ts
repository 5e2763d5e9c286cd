import { z } from 'zod';
import { INSTITUTION_TYPES } from '../domain.ts';
import { CalendarDateSchema, UuidSchema, optText, text } from './common.ts';

export const CAMPAIGN_STATUSES = ['draft', 'published', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_ASSIGNEE_SCOPES = ['each_township', 'each_institution', 'each_institution_of_types', 'office'] as const;
export type CampaignAssigneeScope = (typeof CAMPAIGN_ASSIGNEE_SCOPES)[number];
export const DELIVERABLE_KINDS = ['article', 'summary_report', 'photos', 'video', 'document', 'count'] as const;
export type DeliverableKindCode = (typeof DELIVERABLE_KINDS)[number];
export const COUNT_OF_KINDS = ['inspection', 'drill', 'study_session'] as const;

/** Creates a draft campaign from the plain text of a county notice (通知). */
export const CampaignFromNoticeSchema = z.object({
  text: text(50_000, '通知正文'),
  year: z.number().int().min(2000, { message: '年份无效' }).max(2100, { message: '年份无效' }).optional(),
  name: text(200, '活动名称').optional(),
});
export type CampaignFromNotice = z.input<typeof CampaignFromNoticeSchema>;

const scopeRule = (v: { assigneeScope?: string | undefined; institutionTypes?: string[] | undefined; officeId?: string | null | undefined }, ctx: z.RefinementCtx) => {
  if (v.assigneeScope === 'each_institution_of_types' && (!v.institutionTypes || v.institutionTypes.length === 0)) {
    ctx.addIssue({ code: 'custom', path: ['institutionTypes'], message: '请选择机构类型' });
  }
  if (v.assigneeScope === 'office' && !v.officeId) {
    ctx.addIssue({ code: 'custom', path: ['officeId'], message: '请选择股室' });
  }
};

const TaskFields = {
  title: text(200, '任务名称'),
  instructions: optText(4000, '任务说明'),
  assigneeScope: z.enum(CAMPAIGN_ASSIGNEE_SCOPES, { message: '报送对象无效' }),
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES, { message: '机构类型无效' })).max(INSTITUTION_TYPES.length),
  officeId: UuidSchema.nullable(),
  /** local date; the deadline is the end of that day (Asia/Shanghai) */
  deadline: CalendarDateSchema,
  deliverableKind: z.enum(DELIVERABLE_KINDS, { message: '报送内容类型无效' }),
  countOf: z.enum(COUNT_OF_KINDS, { message: '统计对象无效' }).nullable(),
  requiredQuantity: z.number({ message: '数量应为整数' }).int({ message: '数量应为整数' }).min(1, { message: '数量至少为 1' }).max(1000, { message: '数量不能超过 1000' }),
  reviewRequired: z.boolean(),
  recipient: optText(200, '报送单位'),
  sortOrder: z.number().int().min(0).max(10_000),
};

export const CampaignTaskInputSchema = z
  .object({
    ...TaskFields,
    instructions: TaskFields.instructions.default(''),
    institutionTypes: TaskFields.institutionTypes.default([]),
    officeId: TaskFields.officeId.default(null),
    countOf: TaskFields.countOf.default(null),
    requiredQuantity: TaskFields.requiredQuantity.default(1),
    reviewRequired: TaskFields.reviewRequired.default(true),
    recipient: TaskFields.recipient.default(''),
    sortOrder: TaskFields.sortOrder.optional(),
  })
  .superRefine(scopeRule)
  .superRefine((v, ctx) => {
    if (v.deliverableKind === 'count' && !v.countOf) ctx.addIssue({ code: 'custom', path: ['countOf'], message: '请选择统计对象' });
  });
export type CampaignTaskInput = z.input<typeof CampaignTaskInputSchema>;

export const CampaignTaskPatchSchema = z
  .object({
    title: TaskFields.title.optional(),
    instructions: TaskFields.instructions.optional(),
    assigneeScope: TaskFields.assigneeScope.optional(),
    institutionTypes: TaskFields.institutionTypes.optional(),
    officeId: TaskFields.officeId.optional(),
    deadline: TaskFields.deadline.optional(),
    deliverableKind: TaskFields.deliverableKind.optional(),
    countOf: TaskFields.countOf.optional(),
    requiredQuantity: TaskFields.requiredQuantity.optional(),
    reviewRequired: TaskFields.reviewRequired.optional(),
    recipient: TaskFields.recipient.optional(),
    sortOrder: TaskFields.sortOrder.optional(),
  })
  .superRefine(scopeRule);
export type CampaignTaskPatch = z.input<typeof CampaignTaskPatchSchema>;

export const CampaignPatchSchema = z
  .object({
    name: text(200, '活动名称').optional(),
    theme: optText(200, '活动主题').optional(),
    year: z.number().int().min(2000, { message: '年份无效' }).max(2100, { message: '年份无效' }).optional(),
    startsOn: CalendarDateSchema.nullable().optional(),
    endsOn: CalendarDateSchema.nullable().optional(),
    issuer: optText(100, '发文单位').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.startsOn > v.endsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开始日期' });
  });
export type CampaignPatch = z.input<typeof CampaignPatchSchema>;

export const CampaignTaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  instructions: z.string(),
  assigneeScope: z.enum(CAMPAIGN_ASSIGNEE_SCOPES),
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES)),
  officeId: z.string().nullable(),
  deadline: z.string(),
  deadlineDate: z.string(),
  deliverableKind: z.enum(DELIVERABLE_KINDS),
  countOf: z.enum(COUNT_OF_KINDS).nullable(),
  requiredQuantity: z.number().int(),
  reviewRequired: z.boolean(),
  recipient: z.string(),
  sortOrder: z.number().int(),
});
export type CampaignTask = z.infer<typeof CampaignTaskSchema>;

export const CampaignEventSchema = z.object({ id: z.string(), name: z.string(), date: z.string() });

export const CampaignSectionSchema = z.object({ number: z.number().int(), heading: z.string(), text: z.string(), activities: z.array(z.string()) });

export const CampaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  theme: z.string(),
  year: z.number().int(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
  taskCount: z.number().int(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;

export const CampaignAbilitiesSchema = z.object({
  edit: z.boolean(),
  publish: z.boolean(),
  end: z.boolean(),
});

export const CampaignDetailSchema = CampaignSummarySchema.extend({
  issuer: z.string(),
  officeId: z.string().nullable(),
  sourceText: z.string(),
  sections: z.array(CampaignSectionSchema),
  tasks: z.array(CampaignTaskSchema),
  events: z.array(CampaignEventSchema),
  abilities: CampaignAbilitiesSchema,
});
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;

export const ParseIssueSchema = z.object({
  kind: z.string(),
  message: z.string(),
  text: z.string().optional(),
  sectionNumber: z.number().int().nullable().optional(),
});

/** A task the parser found but could not place (no usable deadline, or no assignee scope). */
export const UnplacedTaskSchema = z.object({
  title: z.string(),
  deliverableKind: z.enum(DELIVERABLE_KINDS),
  quantity: z.number().int().nullable(),
  assigneeScope: z.string(),
  deadlineText: z.string(),
  sourceSentence: z.string(),
  notes: z.array(z.string()),
});

export const CampaignFromNoticeResultSchema = z.object({
  campaign: CampaignDetailSchema,
  unplacedTasks: z.array(UnplacedTaskSchema),
  issues: z.array(ParseIssueSchema),
});
export type CampaignFromNoticeResult = z.infer<typeof CampaignFromNoticeResultSchema>;

export const CampaignListSchema = z.object({ items: z.array(CampaignSummarySchema) });

export const CampaignTaskParamSchema = z.object({ id: UuidSchema, taskId: UuidSchema });
