import { z } from 'zod';
import { HAZARD_CATEGORIES, HAZARD_LEVELS, HAZARD_STATUSES, REPORT_CATEGORIES, REPORT_STATUSES } from '../domain.ts';
import { CalendarDateSchema, PageQuerySchema, QueryBool, UuidSchema, optText, text } from './common.ts';

/**
 * Staff side of public reports (群众举报, issue 5): handling workflow, reporter identity (a separate,
 * audited permission), rewards and dashboard figures. No schema here ever carries the reporter's
 * name or phone except {@link RevealedIdentitySchema}, the answer of the audited reveal step.
 */

export const REPORT_VERDICTS = ['true', 'partly_true', 'false'] as const;
export type ReportVerdict = (typeof REPORT_VERDICTS)[number];

/** 不予受理 reasons: duplicate (重复举报), out of remit (移送其他部门), insufficient (线索不足), other. */
export const REPORT_REJECTION_REASONS = ['duplicate', 'out_of_remit', 'insufficient', 'other'] as const;
export type ReportRejectionReason = (typeof REPORT_REJECTION_REASONS)[number];

/** What a reward is computed from (report.rewardRules; whistleblower-reward-rules.md §2). */
export const REWARD_BASES = ['major_hazard_fine', 'concealed_accident', 'general_hazard_tier'] as const;
export type RewardBasis = (typeof REWARD_BASES)[number];

/** Final accident grades (事故等级) of a concealed accident: 一般 / 较大 / 重大 / 特别重大. */
export const ACCIDENT_GRADES = ['general', 'larger', 'major', 'especially_major'] as const;
export type AccidentGrade = (typeof ACCIDENT_GRADES)[number];

export const REWARD_STATUSES = ['proposed', 'approved', 'paid', 'lapsed', 'rejected'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** Report event actions (public_report_event.action). */
export const REPORT_EVENT_ACTIONS = [
  'receive',
  'accept',
  'reject',
  'start_verification',
  'verdict',
  'link_hazard',
  'propose_reward',
  'approve_reward',
  'reject_reward',
  'pay_reward',
  'reward_lapsed',
  'close',
  'reveal_identity',
  'message',
] as const;

const revision = z.number().int().min(0).optional();

/** 受理: assign to a township (its office verifies) or to an office of the bureau — exactly one. */
export const ReportAcceptSchema = z
  .object({
    townshipId: UuidSchema.optional(),
    officeId: UuidSchema.optional(),
    note: optText(1000, '说明').default(''),
    revision,
  })
  .refine((v) => (v.townshipId ? 1 : 0) + (v.officeId ? 1 : 0) === 1, { message: '请选择承办乡镇或股室（二选一）', path: ['townshipId'] });
export type ReportAccept = z.input<typeof ReportAcceptSchema>;

/** 不予受理 with a reason; a duplicate names the earlier report, out-of-remit the department it went to. */
export const ReportRejectSchema = z
  .object({
    reason: z.enum(REPORT_REJECTION_REASONS, { message: '请选择不予受理的原因' }),
    note: text(1000, '说明'),
    duplicateOfId: UuidSchema.optional(),
    transferredTo: optText(100, '移送部门').default(''),
    revision,
  })
  .superRefine((v, ctx) => {
    if (v.reason === 'duplicate' && !v.duplicateOfId) ctx.addIssue({ code: 'custom', path: ['duplicateOfId'], message: '重复举报须指明原举报' });
    if (v.reason === 'out_of_remit' && !v.transferredTo) ctx.addIssue({ code: 'custom', path: ['transferredTo'], message: '请填写移送的部门' });
  });
export type ReportReject = z.input<typeof ReportRejectSchema>;

/** A step with just a note (start verification, close). */
export const ReportNoteStepSchema = z.object({ note: optText(1000, '说明').default(''), revision });

/** The hazard a true report opens in the closed loop (隐患闭环), as the verifier describes it. */
export const ReportHazardCreateSchema = z.object({
  mode: z.literal('create'),
  /** required when the report names no institution; defaults to the report's */
  institutionId: UuidSchema.optional(),
  level: z.enum(HAZARD_LEVELS, { message: '隐患等级应为一般或重大' }),
  category: z.enum(HAZARD_CATEGORIES, { message: '隐患类别无效' }),
  title: text(100, '隐患名称'),
  location: optText(200, '隐患位置').default(''),
  description: optText(2000, '隐患描述').default(''),
  rectificationMeasures: optText(2000, '整改措施').default(''),
  deadline: CalendarDateSchema,
  photoIds: z.array(UuidSchema).max(9, { message: '最多 9 张照片' }).default([]),
});

/** Or an existing hazard (e.g. the institution already has it on its ledger). */
export const ReportHazardLinkSchema = z.object({ mode: z.literal('link'), hazardId: UuidSchema });

/** 核查结论: 属实 / 部分属实 / 不属实 with a note; a true report creates or links a hazard. */
export const ReportVerdictSchema = z
  .object({
    verdict: z.enum(REPORT_VERDICTS, { message: '请选择核查结论' }),
    note: text(2000, '核查情况'),
    hazard: z.discriminatedUnion('mode', [ReportHazardCreateSchema, ReportHazardLinkSchema]).optional(),
    /** the earlier report of the same matter (同一事项), if the verifier found one */
    duplicateOfId: UuidSchema.optional(),
    revision,
  })
  .superRefine((v, ctx) => {
    if (v.verdict !== 'false' && !v.hazard) ctx.addIssue({ code: 'custom', path: ['hazard'], message: '属实的举报须登记或关联一条隐患' });
    if (v.verdict === 'false' && v.hazard) ctx.addIssue({ code: 'custom', path: ['hazard'], message: '不属实的举报不登记隐患' });
  });
export type ReportVerdictInput = z.input<typeof ReportVerdictSchema>;

/** A message to the reporter (shown on the public status page by receipt code). */
export const ReportMessageCreateSchema = z.object({ body: text(1000, '消息') });

/** The reason for revealing a reporter's identity (audited). */
export const RevealIdentitySchema = z.object({ reason: z.string().trim().min(5, { message: '请说明查看原因（至少 5 个字）' }).max(500, { message: '原因不能超过 500 个字' }) });
/** The reporter's contact details — only ever in the answer of the audited reveal step. */
export const RevealedIdentitySchema = z.object({ name: z.string(), phone: z.string() });
export type RevealedIdentity = z.infer<typeof RevealedIdentitySchema>;

/** The inputs of a reward rule. */
export const RewardBasisInputSchema = z.object({
  /** the administrative fine, yuan (major_hazard_fine) */
  fineYuan: z.number().min(0).max(100_000_000).optional(),
  /** verified concealed deaths (concealed_accident) */
  deaths: z.number().int().min(1).max(1000).optional(),
  grade: z.enum(ACCIDENT_GRADES).optional(),
});
export type RewardBasisInput = z.infer<typeof RewardBasisInputSchema>;

/** 提出奖励: the rule's inputs, and an amount that differs from the suggestion only with a reason. */
export const RewardProposeSchema = z
  .object({
    basis: z.enum(REWARD_BASES, { message: '请选择奖励依据' }),
    basisInput: RewardBasisInputSchema.default({}),
    /** yuan with at most 2 decimals; omitted = the suggested amount */
    amountYuan: z.number().min(0).max(10_000_000).multipleOf(0.01, { message: '金额最多两位小数' }).optional(),
    overrideReason: optText(500, '调整理由').default(''),
    revision,
  })
  .superRefine((v, ctx) => {
    if (v.basis === 'major_hazard_fine' && v.basisInput.fineYuan === undefined) ctx.addIssue({ code: 'custom', path: ['basisInput', 'fineYuan'], message: '请填写罚款金额' });
    if (v.basis === 'concealed_accident') {
      if (v.basisInput.deaths === undefined) ctx.addIssue({ code: 'custom', path: ['basisInput', 'deaths'], message: '请填写核实的瞒报死亡人数' });
      if (!v.basisInput.grade) ctx.addIssue({ code: 'custom', path: ['basisInput', 'grade'], message: '请选择事故等级' });
    }
  });
export type RewardPropose = z.input<typeof RewardProposeSchema>;

/** Ask for the suggested amount only (no write). */
export const RewardSuggestQuerySchema = z.object({
  basis: z.enum(REWARD_BASES),
  fineYuan: z.coerce.number().min(0).max(100_000_000).optional(),
  deaths: z.coerce.number().int().min(1).max(1000).optional(),
  grade: z.enum(ACCIDENT_GRADES).optional(),
});
export const RewardSuggestionSchema = z.object({ suggestedYuan: z.number(), suggestedFen: z.number().int(), explanation: z.string() });
export type RewardSuggestion = z.infer<typeof RewardSuggestionSchema>;

export const RewardDecisionSchema = z.object({ note: optText(500, '说明').default('') });
export const RewardRejectSchema = z.object({ note: text(500, '不予批准的理由') });
export const RewardPaySchema = z.object({
  paymentRef: text(100, '支付凭证号'),
  /** the day it was paid (local date) */
  paidAt: CalendarDateSchema,
});

export const ReportRewardSchema = z.object({
  id: z.string(),
  basis: z.enum(REWARD_BASES),
  basisInput: z.record(z.string(), z.unknown()),
  suggestedYuan: z.number(),
  amountYuan: z.number(),
  overrideReason: z.string(),
  /** lapsed is shown as soon as the claim deadline passes unclaimed (the job writes it shortly after) */
  status: z.enum(REWARD_STATUSES),
  proposedByName: z.string(),
  proposedAt: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  claimDeadline: z.string().nullable(),
  claimedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  paymentRef: z.string(),
  abilities: z.object({ approve: z.boolean(), reject: z.boolean(), pay: z.boolean() }),
});
export type ReportReward = z.infer<typeof ReportRewardSchema>;

export const ReportSummarySchema = z.object({
  id: z.string(),
  serialNo: z.string(),
  category: z.enum(REPORT_CATEGORIES),
  status: z.enum(REPORT_STATUSES),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  placeText: z.string(),
  /** the first 120 characters of the description */
  excerpt: z.string(),
  townshipId: z.string().nullable(),
  townshipName: z.string().nullable(),
  officeId: z.string().nullable(),
  officeName: z.string().nullable(),
  verdict: z.enum(REPORT_VERDICTS).nullable(),
  receivedAt: z.string(),
  stepDueAt: z.string().nullable(),
  /** not ended and past the current step's time limit */
  overdue: z.boolean(),
  /** the reporter asked for a reward (left contact details); never the details themselves */
  wantsReward: z.boolean(),
  rewardStatus: z.enum(REWARD_STATUSES).nullable(),
  unreadMessages: z.number().int(),
  closedAt: z.string().nullable(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReportEventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  fromStatus: z.enum(REPORT_STATUSES).nullable(),
  toStatus: z.enum(REPORT_STATUSES).nullable(),
  note: z.string(),
  /** the staff member, or null for the reporter / the system */
  actorName: z.string().nullable(),
  at: z.string(),
});

export const ReportMessageSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['to_reporter', 'from_reporter']),
  body: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type ReportMessage = z.infer<typeof ReportMessageSchema>;

export const ReportDetailSchema = ReportSummarySchema.extend({
  description: z.string(),
  verdictNote: z.string(),
  rejectionReason: z.enum(REPORT_REJECTION_REASONS).nullable(),
  rejectionNote: z.string(),
  transferredTo: z.string(),
  duplicateOf: z.object({ id: z.string(), serialNo: z.string() }).nullable(),
  acceptedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  /** anonymous or not — the details need the audited reveal step */
  hasContact: z.boolean(),
  revision: z.number().int(),
  /** photo URLs (/api/reports/:id/photos/:photoId), metadata already stripped */
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  events: z.array(ReportEventSchema),
  messages: z.array(ReportMessageSchema),
  /** the hazard created or linked, with its live status (null when none or outside the viewer's scope) */
  hazard: z
    .object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      status: z.enum(HAZARD_STATUSES),
      level: z.enum(HAZARD_LEVELS),
      institutionName: z.string(),
      deadline: z.string(),
      overdue: z.boolean(),
      closedAt: z.string().nullable(),
    })
    .nullable(),
  reward: ReportRewardSchema.nullable(),
  abilities: z.object({
    accept: z.boolean(),
    reject: z.boolean(),
    start_verification: z.boolean(),
    verdict: z.boolean(),
    close: z.boolean(),
    message: z.boolean(),
    reveal_identity: z.boolean(),
    propose_reward: z.boolean(),
  }),
});
export type ReportDetail = z.infer<typeof ReportDetailSchema>;

/** List filters; shared by the list and the export. */
export const ReportFilterSchema = z.object({
  status: z.enum(REPORT_STATUSES).optional(),
  category: z.enum(REPORT_CATEGORIES).optional(),
  townshipId: UuidSchema.optional(),
  overdue: QueryBool.optional(),
  /** received on or after this local date */
  from: CalendarDateSchema.optional(),
  /** received on or before this local date */
  to: CalendarDateSchema.optional(),
  /** in the description, the place or the serial number */
  q: z.string().trim().max(50).optional(),
});
export type ReportFilter = z.infer<typeof ReportFilterSchema>;
export const ReportListQuerySchema = PageQuerySchema.extend(ReportFilterSchema.shape);

/** Report figures of the dashboard (issue 5 §9), for the viewer's scope. */
const ReportStatRowSchema = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  /** 属实 or 部分属实 */
  confirmed: z.number().int(),
  /** ended (办结 or 不予受理) */
  handled: z.number().int(),
  /** ended no later than the time limit of the step it ended in */
  handledInTime: z.number().int(),
  rewardsPaid: z.number().int(),
  rewardsPaidYuan: z.number(),
});
export const ReportStatsSchema = z.object({
  totals: ReportStatRowSchema.extend({ overdue: z.number().int(), pending: z.number().int() }),
  /** per township the reports were assigned to (county order; zeros included) */
  byTownship: z.array(ReportStatRowSchema.extend({ townshipId: z.string(), townshipName: z.string() })),
  /** every category, in vocabulary order */
  byCategory: z.array(ReportStatRowSchema.extend({ category: z.enum(REPORT_CATEGORIES) })),
});
export type ReportStats = z.infer<typeof ReportStatsSchema>;
