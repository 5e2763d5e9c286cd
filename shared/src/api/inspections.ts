import { z } from 'zod';
import { INSPECTION_KINDS, ITEM_RESULTS } from '../domain.ts';
import { CalendarDateSchema, PageQuerySchema, UuidSchema, optText } from './common.ts';

export const InspectionResultInputSchema = z.object({
  itemId: UuidSchema,
  result: z.enum(ITEM_RESULTS, { message: '请选择合格、不合格或不适用' }),
  note: optText(1000, '说明').default(''),
  /** attachment ids from POST /api/uploads */
  photoIds: z.array(UuidSchema).max(9, { message: '每项最多 9 张照片' }).default([]),
  /** for a failed item: where in the institution */
  location: optText(200, '隐患位置').default(''),
  /** for a failed item: override the default rectification deadline */
  deadline: CalendarDateSchema.optional(),
});

export const InspectionCreateSchema = z.object({
  kind: z.enum(INSPECTION_KINDS, { message: '检查类型无效' }),
  institutionId: UuidSchema,
  checklistVersionId: UuidSchema,
  /** local date the inspection took place (Asia/Shanghai); not in the future */
  inspectedOn: CalendarDateSchema,
  inspectors: optText(200, '检查人员').default(''),
  summary: optText(2000, '检查小结').default(''),
  results: z.array(InspectionResultInputSchema).min(1, { message: '至少填写一个检查项' }).max(500),
});
export type InspectionCreate = z.input<typeof InspectionCreateSchema>;

export const InspectionSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  institutionId: z.string(),
  institutionName: z.string(),
  townshipId: z.string(),
  townshipName: z.string(),
  checklistName: z.string(),
  checklistVersion: z.number().int(),
  inspectedAt: z.string(),
  inspectors: z.string(),
  createdByName: z.string(),
  passCount: z.number().int(),
  failCount: z.number().int(),
  naCount: z.number().int(),
  hazardCount: z.number().int(),
});
export type InspectionSummary = z.infer<typeof InspectionSummarySchema>;

export const InspectionDetailSchema = InspectionSummarySchema.extend({
  summary: z.string(),
  checklistVersionId: z.string(),
  results: z.array(
    z.object({
      id: z.string(),
      itemId: z.string(),
      code: z.string(),
      category: z.string(),
      checkText: z.string(),
      hazardLevel: z.enum(['general', 'major']),
      result: z.enum(ITEM_RESULTS),
      note: z.string(),
      photoIds: z.array(z.string()),
      hazardId: z.string().nullable(),
      hazardCode: z.string().nullable(),
    }),
  ),
});
export type InspectionDetail = z.infer<typeof InspectionDetailSchema>;

export const InspectionListQuerySchema = PageQuerySchema.extend({
  townshipId: z.uuid().optional(),
  institutionId: z.uuid().optional(),
  kind: z.enum(INSPECTION_KINDS).optional(),
  from: CalendarDateSchema.optional(),
  to: CalendarDateSchema.optional(),
});
