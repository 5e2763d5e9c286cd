import { z } from 'zod';
import { HAZARD_CATEGORIES, HAZARD_LEVELS, INSTITUTION_TYPES } from '../domain.ts';
import { optText, text } from './common.ts';

export const ChecklistItemInputSchema = z.object({
  code: z.string().trim().min(1, { message: '编号不能为空' }).max(20, { message: '编号不能超过 20 个字符' }),
  category: text(100, '类别'),
  hazardCategory: z.enum(HAZARD_CATEGORIES, { message: '隐患类别无效' }),
  checkText: text(500, '检查内容'),
  checkPoints: optText(2000, '检查要点').default(''),
  legalBasis: optText(500, '依据').default(''),
  hazardLevel: z.enum(HAZARD_LEVELS, { message: '隐患等级应为一般或重大' }),
  isPlaceholder: z.boolean().default(false),
});
export type ChecklistItemInput = z.input<typeof ChecklistItemInputSchema>;

/** Saving a template's items publishes a new version; past inspections keep theirs. */
export const ChecklistVersionInputSchema = z
  .object({
    changeNote: optText(200, '修订说明').default(''),
    items: z.array(ChecklistItemInputSchema).min(1, { message: '检查表至少需要一项' }).max(500),
  })
  .superRefine((v, ctx) => {
    const seen = new Map<string, number>();
    v.items.forEach((it, i) => {
      const prev = seen.get(it.code);
      if (prev !== undefined) ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: `编号 ${it.code} 与第 ${prev + 1} 项重复` });
      else seen.set(it.code, i);
    });
  });

export const ChecklistTemplateInputSchema = z.object({
  code: z.string().trim().regex(/^[a-z0-9-]{2,60}$/, { message: '代码为 2–60 位小写字母、数字或 -' }),
  name: text(100, '名称'),
  description: optText(500, '说明').default(''),
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES)).default([]),
  sourceNote: optText(2000, '来源说明').default(''),
});

export const ChecklistTemplatePatchSchema = z.object({
  name: text(100, '名称').optional(),
  description: optText(500, '说明').optional(),
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES)).optional(),
  sourceNote: optText(2000, '来源说明').optional(),
  isActive: z.boolean().optional(),
});

export const ChecklistItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  category: z.string(),
  hazardCategory: z.enum(HAZARD_CATEGORIES),
  checkText: z.string(),
  checkPoints: z.string(),
  legalBasis: z.string(),
  hazardLevel: z.enum(HAZARD_LEVELS),
  isPlaceholder: z.boolean(),
  sortOrder: z.number().int(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ChecklistTemplateSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  institutionTypes: z.array(z.enum(INSTITUTION_TYPES)),
  sourceNote: z.string(),
  isActive: z.boolean(),
  currentVersion: z.number().int(),
  currentVersionId: z.string(),
  itemCount: z.number().int(),
  placeholderCount: z.number().int(),
});
export type ChecklistTemplateSummary = z.infer<typeof ChecklistTemplateSummarySchema>;

export const ChecklistVersionSchema = z.object({
  id: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  version: z.number().int(),
  isCurrent: z.boolean(),
  changeNote: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  items: z.array(ChecklistItemSchema),
});
export type ChecklistVersion = z.infer<typeof ChecklistVersionSchema>;
