import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './auth.ts';

/**
 * 检查表 — a checklist template (e.g. 《养老机构重大事故隐患判定标准》). Its items live in versions:
 * an edit publishes a new version and inspections keep the version they used.
 */
export const checklistTemplate = pgTable('checklist_template', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** stable code, e.g. `elderly-major-hazard-2023` */
  code: text('code').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** institution types the template applies to; empty = all types */
  institutionTypes: jsonb('institution_types').$type<string[]>().notNull().default([]),
  /** where the content comes from and what is not yet confirmed */
  sourceNote: text('source_note').notNull().default(''),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('checklist_template_code_uq').on(t.code)]);

/** One immutable version of a template's items. */
export const checklistVersion = pgTable('checklist_version', {
  id: uuid('id').primaryKey().defaultRandom(),
  templateId: uuid('template_id').notNull().references(() => checklistTemplate.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  changeNote: text('change_note').notNull().default(''),
  createdById: uuid('created_by_id').references(() => appUser.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('checklist_version_template_version_uq').on(t.templateId, t.version)]);

/** 检查项 — one check item of a version. */
export const checklistItem = pgTable('checklist_item', {
  id: uuid('id').primaryKey().defaultRandom(),
  versionId: uuid('version_id').notNull().references(() => checklistVersion.id, { onDelete: 'cascade' }),
  /** code within the template, e.g. `4.1`, `LP-02` */
  code: text('code').notNull(),
  /** section the item belongs to, e.g. 第四条 重要设施设备存在严重缺陷 */
  category: text('category').notNull(),
  /** hazard category a failure is filed under (HAZARD_CATEGORIES) */
  hazardCategory: text('hazard_category').notNull().default('other'),
  checkText: text('check_text').notNull(),
  /** how to check, one point per line */
  checkPoints: text('check_points').notNull().default(''),
  legalBasis: text('legal_basis').notNull().default(''),
  /** hazard level a failure implies */
  hazardLevel: text('hazard_level', { enum: ['general', 'major'] }).notNull(),
  /**
   * true for a slot whose official text is not yet available: shown as "待县局补充", never
   * offered in an inspection until the bureau fills it in.
   */
  isPlaceholder: boolean('is_placeholder').notNull().default(false),
  sortOrder: integer('sort_order').notNull().default(0),
}, (t) => [unique('checklist_item_version_code_uq').on(t.versionId, t.code), index('checklist_item_version_idx').on(t.versionId)]);
