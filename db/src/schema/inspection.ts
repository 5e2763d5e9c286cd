import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, unique, uuid, check } from 'drizzle-orm/pg-core';
import { appUser } from './auth.ts';
import { checklistItem, checklistVersion } from './checklist.ts';
import { institution, township } from './org.ts';

/** 排查 — one inspection of one institution against one checklist version. */
export const inspection = pgTable('inspection', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: ['county', 'township', 'self'] }).notNull(),
  institutionId: uuid('institution_id').notNull().references(() => institution.id, { onDelete: 'restrict' }),
  /** denormalised from the institution for scope filters */
  townshipId: uuid('township_id').notNull().references(() => township.id, { onDelete: 'restrict' }),
  checklistVersionId: uuid('checklist_version_id').notNull().references(() => checklistVersion.id, { onDelete: 'restrict' }),
  inspectedAt: timestamp('inspected_at', { withTimezone: true }).notNull(),
  /** names of the people who inspected, free text */
  inspectors: text('inspectors').notNull().default(''),
  summary: text('summary').notNull().default(''),
  createdById: uuid('created_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('inspection_institution_idx').on(t.institutionId),
  index('inspection_township_idx').on(t.townshipId, t.inspectedAt),
  index('inspection_inspected_at_idx').on(t.inspectedAt),
]);

/** One item's result in an inspection. */
export const inspectionResult = pgTable('inspection_result', {
  id: uuid('id').primaryKey().defaultRandom(),
  inspectionId: uuid('inspection_id').notNull().references(() => inspection.id, { onDelete: 'cascade' }),
  checklistItemId: uuid('checklist_item_id').notNull().references(() => checklistItem.id, { onDelete: 'restrict' }),
  result: text('result', { enum: ['pass', 'fail', 'na'] }).notNull(),
  note: text('note').notNull().default(''),
}, (t) => [
  unique('inspection_result_item_uq').on(t.inspectionId, t.checklistItemId),
  check('inspection_result_result_ck', sql`${t.result} in ('pass','fail','na')`),
]);
