import { z } from 'zod';
import { REPORT_CATEGORIES, REPORT_STATUSES } from '../domain.ts';
import { UuidSchema } from './common.ts';

/**
 * The PUBLIC side of 群众举报 (issue 5): the report form, the receipt code and the status page.
 * Nothing here carries staff names, internal notes, the reporter's identity or a client address.
 */

/** Most photos one report may carry. */
export const PUBLIC_REPORT_MAX_PHOTOS = 6;
/** Length limits of a report's description, in characters. */
export const PUBLIC_REPORT_DESCRIPTION = { min: 10, max: 2000 } as const;
/** Longest message between reporter and handler, in characters. */
export const PUBLIC_REPORT_MESSAGE_MAX = 1000;

/**
 * Receipt codes (回执码): 20 symbols of a 32-symbol alphabet without look-alikes (no 0/O, 1/I),
 * so 32^20 = 2^100 codes; shown grouped in fours (XXXX-XXXX-XXXX-XXXX-XXXX).
 */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const RECEIPT_LENGTH = 20;

/**
 * The canonical form of a typed receipt code: upper case, separators and spaces removed.
 * Whatever comes out is hashed and looked up; a malformed code simply finds nothing.
 */
export function normalizeReceiptCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-_.]/g, '');
}

/** A code grouped in fours for reading aloud and copying: ABCD-EFGH-… */
export function formatReceiptCode(code: string): string {
  return normalizeReceiptCode(code).replace(/(.{4})(?=.)/g, '$1-');
}

/** One official reporting channel shown beside the form (as the 2024 安全生产月 notice lists them). */
export const ReportChannelSchema = z.object({
  key: z.enum(['hotline_12350', 'hotline_12345', 'platform']),
  /** the channel's name, zh-CN */
  label: z.string(),
  /** phone number to dial, when it is a hotline */
  phone: z.string().nullable(),
  /** one line on what it is for, zh-CN */
  description: z.string(),
});
export type ReportChannel = z.infer<typeof ReportChannelSchema>;

/**
 * A proof-of-work challenge issued by the server (self-hosted; no third-party service): find a
 * `nonce` (decimal string) such that SHA-256(UTF-8 of `salt + nonce`) starts with `bits` zero bits.
 * `signature` is the server's HMAC over the other fields; `expiresAt` is an ISO instant.
 */
export const ChallengeSchema = z.object({
  id: z.string(),
  salt: z.string(),
  bits: z.number().int(),
  expiresAt: z.string(),
  signature: z.string(),
});
export type Challenge = z.infer<typeof ChallengeSchema>;

/** A solved challenge as sent back with a report. */
export const ChallengeSolutionSchema = z
  .object({
    id: z.string().min(1).max(64),
    salt: z.string().min(1).max(64),
    bits: z.number().int().min(0).max(64),
    expiresAt: z.string().min(1).max(40),
    signature: z.string().min(1).max(128),
    nonce: z.string().regex(/^\d{1,16}$/, { message: '校验码无效' }),
  })
  .strict();
export type ChallengeSolution = z.infer<typeof ChallengeSolutionSchema>;

/** GET /api/public/report-form: what the form needs. */
export const PublicReportFormSchema = z.object({
  categories: z.array(z.object({ value: z.enum(REPORT_CATEGORIES), label: z.string() })),
  channels: z.array(ReportChannelSchema),
  challenge: ChallengeSchema,
  limits: z.object({
    maxPhotos: z.number().int(),
    /** largest photo in megabytes (before the server re-encodes it) */
    maxPhotoMb: z.number(),
    descriptionMin: z.number().int(),
    descriptionMax: z.number().int(),
  }),
});
export type PublicReportForm = z.infer<typeof PublicReportFormSchema>;

/** GET /api/public/institutions?q=: operating institutions whose name contains `q`. */
export const PublicInstitutionQuerySchema = z.object({
  q: z.string().trim().min(1, { message: '请输入机构名称' }).max(30, { message: '不能超过 30 个字' }),
});
export const PublicInstitutionSchema = z.object({ id: z.string(), name: z.string(), townshipName: z.string() });
export type PublicInstitution = z.infer<typeof PublicInstitutionSchema>;
export const PublicInstitutionListSchema = z.object({ items: z.array(PublicInstitutionSchema) });
export type PublicInstitutionList = z.infer<typeof PublicInstitutionListSchema>;

/** A reporter's contact, only when they want a reward (stored encrypted). */
export const ReporterContactSchema = z
  .object({
    name: z.string().trim().min(1, { message: '请填写姓名' }).max(50, { message: '姓名不能超过 50 个字' }),
    phone: z
      .string()
      .trim()
      .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: '请填写有效的手机或固定电话号码' }),
  })
  .strict();

/**
 * The fields of a new public report (the `data` part of the multipart request, or a JSON body).
 * `.strict()`: a field the public may not set (status, townshipId, assignee, verdict, hazardId,
 * a name or phone outside `contact` …) is refused with 400, never ignored.
 * Rules: an institution or a place description; `contact` exactly when `wantsReward`.
 */
/** Zero-width characters count for nothing: a description of 20 of them is empty. */
const stripInvisible = (v: unknown) => (typeof v === 'string' ? v.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '') : v);

export const PublicReportInputSchema = z
  .object({
    institutionId: UuidSchema.optional(),
    placeText: z.preprocess(stripInvisible, z.string().trim().max(200, { message: '地点描述不能超过 200 个字' })).optional(),
    category: z.enum(REPORT_CATEGORIES, { message: '请选择举报类别' }),
    description: z.preprocess(stripInvisible, z
      .string()
      .trim()
      .min(PUBLIC_REPORT_DESCRIPTION.min, { message: `请至少写 ${PUBLIC_REPORT_DESCRIPTION.min} 个字，说明发现了什么问题` })
      .max(PUBLIC_REPORT_DESCRIPTION.max, { message: `描述不能超过 ${PUBLIC_REPORT_DESCRIPTION.max} 个字` })),
    wantsReward: z.boolean().default(false),
    contact: ReporterContactSchema.optional(),
    challenge: ChallengeSolutionSchema,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.institutionId && !v.placeText) {
      ctx.addIssue({ code: 'custom', path: ['placeText'], message: '请选择机构或描述地点' });
    }
    if (v.wantsReward && !v.contact) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: '希望获得奖励时请留下姓名和电话' });
    }
    if (!v.wantsReward && v.contact) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: '匿名举报不能填写联系方式' });
    }
  });
export type PublicReportInput = z.infer<typeof PublicReportInputSchema>;

/** 201 of POST /api/public/reports: the receipt code, shown once. */
export const PublicReportReceiptSchema = z.object({
  /** the receipt code, grouped (XXXX-XXXX-XXXX-XXXX-XXXX); the server keeps only its SHA-256 */
  receiptCode: z.string(),
  serialNo: z.string(),
  receivedAt: z.string(),
  photoCount: z.number().int(),
});
export type PublicReportReceipt = z.infer<typeof PublicReportReceiptSchema>;

/** A request carrying a receipt code (always in the body, never in a URL). */
export const ReceiptCodeBodySchema = z.object({ code: z.string().min(1, { message: '请输入回执码' }).max(64, { message: '回执码无效' }) }).strict();
export const ReceiptMessageBodySchema = z
  .object({
    code: z.string().min(1).max(64),
    body: z.string().trim().min(1, { message: '请输入留言内容' }).max(PUBLIC_REPORT_MESSAGE_MAX, { message: `留言不能超过 ${PUBLIC_REPORT_MESSAGE_MAX} 个字` }),
  })
  .strict();

/** One step of a report's history, in public wording (no staff names, no internal notes). */
export const PublicReportStepSchema = z.object({
  status: z.enum(REPORT_STATUSES),
  label: z.string(),
  at: z.string(),
});

export const PublicReportMessageSchema = z.object({
  direction: z.enum(['to_reporter', 'from_reporter']),
  body: z.string(),
  at: z.string(),
});

/** The reward as the reporter sees it (only once a reward was approved, paid, lapsed or refused). */
export const PublicRewardSchema = z.object({
  status: z.enum(['approved', 'paid', 'lapsed', 'rejected']),
  label: z.string(),
  /** yuan; null when refused */
  amountYuan: z.number().nullable(),
  claimDeadline: z.string().nullable(),
  claimedAt: z.string().nullable(),
  /** the reporter may claim it now (approved, not claimed, not past the deadline) */
  canClaim: z.boolean(),
  /** how to collect it, zh-CN */
  claimInfo: z.string(),
});
export type PublicReward = z.infer<typeof PublicRewardSchema>;

/** The status page of a report, by receipt code. */
export const PublicReportStatusSchema = z.object({
  serialNo: z.string(),
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  category: z.enum(REPORT_CATEGORIES),
  categoryLabel: z.string(),
  /** the institution's name, or the reporter's own description of the place */
  place: z.string(),
  receivedAt: z.string(),
  /** 属实 / 部分属实 / 不属实 once verified */
  verdict: z.enum(['true', 'partly_true', 'false']).nullable(),
  verdictLabel: z.string().nullable(),
  /** why it was not accepted (public wording) and where it was transferred, if so */
  rejection: z.string().nullable(),
  history: z.array(PublicReportStepSchema),
  messages: z.array(PublicReportMessageSchema),
  reward: PublicRewardSchema.nullable(),
});
export type PublicReportStatus = z.infer<typeof PublicReportStatusSchema>;
