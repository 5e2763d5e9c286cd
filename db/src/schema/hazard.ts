import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgSequence, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './auth.ts';
import { checklistItem } from './checklist.ts';
import { inspection, inspectionResult } from './inspection.ts';
import { institution, township } from './org.ts';

/** Numbers hazards for their human code (YH + year + number). */
export const hazardNoSeq = pgSequence('hazard_no_seq', { startWith: 1 });

/** 隐患 — a found problem to be rectified, tracked through the closed loop. */
export const hazard = pgTable('hazard', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** human code, e.g. YH2026-000123 */
  code: text('code').notNull().unique('hazard_code_uq'),
  institutionId: uuid('institution_id').notNull().references(() => institution.id, { onDelete: 'restrict' }),
  /** denormalised from the institution for scope filters */
  townshipId: uuid('township_id').notNull().references(() => township.id, { onDelete: 'restrict' }),
  source: text('source', { enum: ['inspection', 'adhoc', 'public_report', 'drill'] }).notNull(),
  inspectionId: uuid('inspection_id').references(() => inspection.id, { onDelete: 'set null' }),
  inspectionResultId: uuid('inspection_result_id').references(() => inspectionResult.id, { onDelete: 'set null' }),
  checklistItemId: uuid('checklist_item_id').references(() => checklistItem.id, { onDelete: 'restrict' }),
  level: text('level', { enum: ['general', 'major'] }).notNull(),
  category: text('category').notNull(),
  title: text('title').notNull(),
  /** where in the institution, e.g. 二楼东侧疏散楼梯 */
  location: text('location').notNull().default(''),
  description: text('description').notNull().default(''),
  responsiblePerson: text('responsible_person').notNull().default(''),
  rectificationMeasures: text('rectification_measures').notNull().default(''),
  /** end of the deadline day in Asia/Shanghai */
  deadline: timestamp('deadline', { withTimezone: true }).notNull(),
  status: text('status', { enum: ['pending', 'rectifying', 'awaiting_verification', 'closed'] }).notNull().default('pending'),
  /** 挂牌督办: a major hazard under county supervision */
  listedSupervision: boolean('listed_supervision').notNull().default(false),
  foundAt: timestamp('found_at', { withTimezone: true }).notNull(),
  reportedById: uuid('reported_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /** optimistic-lock counter, bumped on each step */
  revision: integer('revision').notNull().default(0),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('hazard_township_status_idx').on(t.townshipId, t.status),
  index('hazard_institution_idx').on(t.institutionId),
  index('hazard_status_deadline_idx').on(t.status, t.deadline),
  index('hazard_found_at_idx').on(t.foundAt),
  check('hazard_closed_ck', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
]);

/** One step in a hazard's history (who, when, what, note); never overwritten. */
export const hazardEvent = pgTable('hazard_event', {
  id: uuid('id').primaryKey().defaultRandom(),
  hazardId: uuid('hazard_id').notNull().references(() => hazard.id, { onDelete: 'cascade' }),
  action: text('action', { enum: ['register', 'start_rectification', 'submit_rectification', 'verify', 'return', 'update'] }).notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  note: text('note').notNull().default(''),
  actorId: uuid('actor_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('hazard_event_hazard_idx').on(t.hazardId, t.at)]);
