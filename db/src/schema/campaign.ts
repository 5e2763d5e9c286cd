import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './auth.ts';
import { office } from './org.ts';
import { attachment } from './platform.ts';

/** A numbered section of the notice, as the parser read it. */
export interface CampaignSectionJson {
  number: number;
  heading: string;
  text: string;
  activities: string[];
}

/** 专项活动 — a campaign set up from a county notice (e.g. 安全生产月): draft → published → ended. */
export const campaign = pgTable('campaign', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  theme: text('theme').notNull().default(''),
  year: integer('year').notNull(),
  /** campaign period, local dates */
  startsOn: date('starts_on', { mode: 'string' }),
  endsOn: date('ends_on', { mode: 'string' }),
  /** issuing office (股室) of the bureau */
  officeId: uuid('office_id').references(() => office.id, { onDelete: 'restrict' }),
  /** issuer as written (德化县民政局) */
  issuer: text('issuer').notNull().default(''),
  /** the notice text the campaign was made from */
  sourceText: text('source_text').notNull().default(''),
  /** the uploaded notice (.docx) */
  sourceAttachmentId: uuid('source_attachment_id').references(() => attachment.id, { onDelete: 'set null' }),
  sections: jsonb('sections').$type<CampaignSectionJson[]>().notNull().default([]),
  status: text('status', { enum: ['draft', 'published', 'ended'] }).notNull().default('draft'),
  createdById: uuid('created_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  publishedById: uuid('published_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  endedById: uuid('ended_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('campaign_status_idx').on(t.status, t.year),
  check('campaign_year_ck', sql`${t.year} between 2000 and 2100`),
  check('campaign_period_ck', sql`${t.startsOn} is null or ${t.endsOn} is null or ${t.startsOn} <= ${t.endsOn}`),
  check('campaign_published_ck', sql`(${t.status} = 'draft') = (${t.publishedAt} is null)`),
  check('campaign_ended_ck', sql`(${t.status} = 'ended') = (${t.endedAt} is not null)`),
]);

/** A deliverable asked of every unit in a scope by a deadline (报送经验做法 6月5日前 …). */
export const campaignTask = pgTable('campaign_task', {
  id: uuid('id').primaryKey().defaultRandom(),
  campaignId: uuid('campaign_id').notNull().references(() => campaign.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  instructions: text('instructions').notNull().default(''),
  assigneeScope: text('assignee_scope', { enum: ['each_township', 'each_institution', 'each_institution_of_types', 'office'] }).notNull(),
  institutionTypes: jsonb('institution_types').$type<string[]>().notNull().default([]),
  officeId: uuid('office_id').references(() => office.id, { onDelete: 'restrict' }),
  /** end of the deadline day in Asia/Shanghai unless a time was given */
  deadline: timestamp('deadline', { withTimezone: true }).notNull(),
  deliverableKind: text('deliverable_kind', { enum: ['article', 'summary_report', 'photos', 'video', 'document', 'count'] }).notNull(),
  countOf: text('count_of', { enum: ['inspection', 'drill', 'study_session'] }),
  requiredQuantity: integer('required_quantity').notNull().default(1),
  reviewRequired: boolean('review_required').notNull().default(true),
  recipient: text('recipient').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('campaign_task_campaign_idx').on(t.campaignId, t.sortOrder),
  index('campaign_task_deadline_idx').on(t.deadline),
  check('campaign_task_quantity_ck', sql`${t.requiredQuantity} >= 1`),
  check('campaign_task_count_of_ck', sql`(${t.deliverableKind} = 'count') = (${t.countOf} is not null)`),
  check('campaign_task_office_ck', sql`${t.assigneeScope} <> 'office' or ${t.officeId} is not null`),
  check('campaign_task_types_ck', sql`${t.assigneeScope} <> 'each_institution_of_types' or jsonb_array_length(${t.institutionTypes}) > 0`),
]);

/** A dated event of the campaign (安全宣传咨询日 6月16日). */
export const campaignEvent = pgTable('campaign_event', {
  id: uuid('id').primaryKey().defaultRandom(),
  campaignId: uuid('campaign_id').notNull().references(() => campaign.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
}, (t) => [index('campaign_event_campaign_idx').on(t.campaignId, t.date)]);
