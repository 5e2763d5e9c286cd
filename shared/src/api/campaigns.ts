import { z } from 'zod';
import { HAZARD_CATEGORIES, INSTITUTION_TYPES } from '../domain.ts';
import { CalendarDateSchema, UuidSchema, optText, text } from './common.ts';
import { AttachmentSchema } from './uploads.ts';

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

/** Publishing: tasks whose deadline has already passed are published only when confirmed. */
export const CampaignStepSchema = z.object({ confirmPastDeadlines: z.boolean().optional() });

export const CampaignTaskParamSchema = z.object({ id: UuidSchema, taskId: UuidSchema });

// ---------------------------------------------------------------------------------------------
// Assignments (one unit × one task), submissions, completion board
// ---------------------------------------------------------------------------------------------

/** A cell of the completion board, derived from submissions and the deadline (never stored). */
export const ASSIGNMENT_STATES = ['not_started', 'submitted', 'returned', 'accepted', 'overdue'] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];
export const UNIT_KINDS = ['township', 'institution', 'office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const SUBMISSION_STATUSES = ['submitted', 'returned', 'accepted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Hand in (or hand in again after a return): text and/or uploaded files (POST …/submissions, Idempotency-Key honoured). */
export const SubmissionInputSchema = z.object({
  text: optText(20_000, '报送内容').default(''),
  attachmentIds: z.array(UuidSchema).max(30, { message: '附件不能超过 30 个' }).default([]),
});
export type SubmissionInput = z.input<typeof SubmissionInputSchema>;

/** The county's decision on the latest submission. A return needs a comment. */
export const SubmissionReviewSchema = z
  .object({
    decision: z.enum(['accept', 'return'], { message: '审核结论无效' }),
    comment: optText(2000, '审核意见').default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: '退回时请填写退回意见' });
  });
export type SubmissionReview = z.input<typeof SubmissionReviewSchema>;

/** 优选推送 on/off for an accepted submission. */
export const SubmissionFeatureSchema = z.object({ featured: z.boolean() });
/** 展播 on/off for an accepted video submission. */
export const SubmissionShowcaseSchema = z.object({ showcased: z.boolean() });

export const SubmissionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  text: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  isLate: z.boolean(),
  submittedAt: z.string(),
  submittedByName: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewComment: z.string(),
  featured: z.boolean(),
  showcased: z.boolean(),
  attachments: z.array(AttachmentSchema),
});
export type Submission = z.infer<typeof SubmissionSchema>;

/** Progress of a `count` task: records of the period (inspections …) against the required quantity. */
export const CountProgressSchema = z.object({
  done: z.number().int(),
  required: z.number().int(),
  /** false while the counted kind of record does not exist in Lifeline yet (drills, study sessions) */
  tracked: z.boolean(),
});

export const AssignmentSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  taskId: z.string(),
  taskTitle: z.string(),
  deliverableKind: z.enum(DELIVERABLE_KINDS),
  deadline: z.string(),
  deadlineDate: z.string(),
  unitKind: z.enum(UNIT_KINDS),
  unitName: z.string(),
  townshipId: z.string().nullable(),
  institutionId: z.string().nullable(),
  officeId: z.string().nullable(),
  state: z.enum(ASSIGNMENT_STATES),
  /** the latest version was handed in after the deadline */
  isLate: z.boolean(),
  latestVersion: z.number().int().nullable(),
  latestSubmittedAt: z.string().nullable(),
  featured: z.boolean(),
  count: CountProgressSchema.nullable(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const AssignmentAbilitiesSchema = z.object({
  submit: z.boolean(),
  /** accept the latest version */
  review: z.boolean(),
  /** return it (not once the campaign has ended: no new version could follow) */
  return: z.boolean(),
  feature: z.boolean(),
  showcase: z.boolean(),
});

export const AssignmentDetailSchema = AssignmentSchema.extend({
  campaignStatus: z.enum(CAMPAIGN_STATUSES),
  task: CampaignTaskSchema,
  /** every version, newest first */
  submissions: z.array(SubmissionSchema),
  abilities: AssignmentAbilitiesSchema,
});
export type AssignmentDetail = z.infer<typeof AssignmentDetailSchema>;

export const AssignmentListQuerySchema = z.object({
  campaignId: UuidSchema.optional(),
  state: z.enum(ASSIGNMENT_STATES).optional(),
  /** only the assignments the actor's own unit must deliver (我的任务) */
  mine: z.enum(['true', 'false']).optional(),
});
export const AssignmentListSchema = z.object({ items: z.array(AssignmentSchema) });

export const BoardQuerySchema = z.object({
  unitKind: z.enum(UNIT_KINDS).optional(),
  townshipId: UuidSchema.optional(),
  state: z.enum(ASSIGNMENT_STATES).optional(),
  taskId: UuidSchema.optional(),
});
export type BoardQuery = z.infer<typeof BoardQuerySchema>;

export const BoardCellSchema = z.object({
  assignmentId: z.string(),
  state: z.enum(ASSIGNMENT_STATES),
  isLate: z.boolean(),
  latestVersion: z.number().int().nullable(),
  featured: z.boolean(),
  count: CountProgressSchema.nullable(),
});
export type BoardCell = z.infer<typeof BoardCellSchema>;

export const BoardTaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  deadline: z.string(),
  deadlineDate: z.string(),
  deliverableKind: z.enum(DELIVERABLE_KINDS),
  total: z.number().int(),
  accepted: z.number().int(),
  submitted: z.number().int(),
  overdue: z.number().int(),
  /** accepted ÷ total, 0..1 (0 when no units) */
  rate: z.number(),
});

export const BoardUnitSchema = z.object({
  key: z.string(),
  unitKind: z.enum(UNIT_KINDS),
  unitName: z.string(),
  townshipId: z.string().nullable(),
  institutionId: z.string().nullable(),
  officeId: z.string().nullable(),
  /** taskId → cell; a task that does not apply to the unit has no key */
  cells: z.record(z.string(), BoardCellSchema),
  total: z.number().int(),
  accepted: z.number().int(),
  rate: z.number(),
});
export type BoardUnit = z.infer<typeof BoardUnitSchema>;

export const BoardOverdueSchema = z.object({
  assignmentId: z.string(),
  unitName: z.string(),
  taskTitle: z.string(),
  deadline: z.string(),
  /** whole local days past the deadline day */
  daysOverdue: z.number().int(),
});

export const BoardSchema = z.object({
  campaign: CampaignSummarySchema,
  tasks: z.array(BoardTaskSchema),
  units: z.array(BoardUnitSchema),
  overdue: z.array(BoardOverdueSchema),
  totals: z.object({
    assignments: z.number().int(),
    notStarted: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    accepted: z.number().int(),
    overdue: z.number().int(),
    rate: z.number(),
  }),
});
export type Board = z.infer<typeof BoardSchema>;

// ---------------------------------------------------------------------------------------------
// Summary report (活动情况总结): the figures of the campaign period behind the generated .docx
// ---------------------------------------------------------------------------------------------

/** ?townshipId= : one township's summary; without it the county's (a township officer always gets their own). */
export const SummaryReportQuerySchema = z.object({ townshipId: UuidSchema.optional() });
export type SummaryReportQuery = z.infer<typeof SummaryReportQuerySchema>;

const FoundClosedSchema = z.object({ found: z.number().int(), closed: z.number().int() });

/** A kind of record Lifeline does not keep yet (drills, study sessions, public reports): `tracked: false`, counts 0. */
const UntrackedNote = { tracked: z.boolean() };

/**
 * The figures of a campaign's 活动情况总结 for one township or the county, all counted in the
 * campaign period and in the actor's scope (server/src/modules/campaigns/summary-report.ts).
 */
export const SummaryFiguresSchema = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    theme: z.string(),
    year: z.number().int(),
    issuer: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
  }),
  scope: z.object({
    kind: z.enum(['county', 'township']),
    townshipId: z.string().nullable(),
    townshipName: z.string().nullable(),
    countyName: z.string(),
    /** who signs the summary: the bureau (德化县民政局) or the township office (浔中镇民政办) */
    unitName: z.string(),
  }),
  /** the counting window: [from, to] as instants (ISO) and as Asia/Shanghai dates */
  period: z.object({
    from: z.string(),
    to: z.string(),
    fromDate: z.string(),
    toDate: z.string(),
    /** `campaign`: startsOn..endsOn; `published`/`created`: no period set, from that instant to `asOf` */
    basis: z.enum(['campaign', 'published', 'created']),
  }),
  /** when the figures were taken (ISO) */
  asOf: z.string(),
  /** addressee of the summary (the task's recipient, else 县民政局办公室) */
  recipient: z.string(),
  sections: z.array(z.object({ number: z.number().int(), heading: z.string(), activities: z.array(z.string()) })),
  events: z.array(z.object({ name: z.string(), date: z.string() })),
  inspections: z.object({
    /** inspections (家次) with inspectedAt in the period */
    total: z.number().int(),
    byKind: z.object({ county: z.number().int(), township: z.number().int(), self: z.number().int() }),
    /** distinct institutions inspected at least once in the period */
    institutionsCovered: z.number().int(),
    /** operating institutions in scope now */
    institutionsInScope: z.number().int(),
  }),
  hazards: z.object({
    /** found in the period; `closed` = of those, 已销号 by `asOf` */
    found: z.number().int(),
    closed: z.number().int(),
    byLevel: z.object({ general: FoundClosedSchema, major: FoundClosedSchema }),
    byCategory: z.array(FoundClosedSchema.extend({ category: z.enum(HAZARD_CATEGORIES), major: z.number().int() })),
    /** closed (销号) within the period, whenever found */
    closedInPeriod: z.number().int(),
    /** of `closedInPeriod`, found before the period (存量) */
    closedInPeriodStock: z.number().int(),
  }),
  /** hazards of 生命通道 checklist items (LP-xx): found in the period, and fixed = closed in the period */
  lifePassage: z.object({
    found: z.number().int(),
    fixed: z.number().int(),
    /** of the fixed ones, found before the period (存量) */
    fixedStock: z.number().int(),
    byGroup: z.array(z.object({ group: z.string(), found: z.number().int(), fixed: z.number().int() })),
  }),
  drills: z.object({ ...UntrackedNote, count: z.number().int(), participants: z.number().int(), nightCount: z.number().int().optional(), institutionsCovered: z.number().int().optional() }),
  studySessions: z.object({ ...UntrackedNote, count: z.number().int(), attendance: z.number().int(), criteriaSessions: z.number().int().optional() }),
  /** knowledge-quiz attempts submitted in the period */
  quiz: z.object({ ...UntrackedNote, attempts: z.number().int(), participants: z.number().int(), averageScore: z.number().nullable() }).optional(),
  publicReports: z.object({ ...UntrackedNote, received: z.number().int(), handled: z.number().int(), confirmed: z.number().int().optional() }),
  tasks: z.object({
    items: z.array(
      z.object({
        taskId: z.string(),
        title: z.string(),
        deliverableKind: z.enum(DELIVERABLE_KINDS),
        deadline: z.string(),
        deadlineDate: z.string(),
        /** assignments in scope */
        total: z.number().int(),
        /** latest submission accepted */
        done: z.number().int(),
        /** done, and the first version was handed in by the deadline */
        onTime: z.number().int(),
      }),
    ),
    total: z.number().int(),
    done: z.number().int(),
    onTime: z.number().int(),
  }),
});
export type SummaryFigures = z.infer<typeof SummaryFiguresSchema>;
