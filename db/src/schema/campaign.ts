import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './auth.ts';
import { institution, office, township } from './org.ts';
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

/**
 * One unit's share of a task (a cell of the completion board): created when the campaign is
 * published, from the units that exist then (a snapshot; later units are not added silently).
 * `townshipId` is set for township and institution units and is what the scope filter uses.
 */
export const taskAssignment = pgTable('task_assignment', {
  id: uuid('id').primaryKey().defaultRandom(),
  taskId: uuid('task_id').notNull().references(() => campaignTask.id, { onDelete: 'cascade' }),
  campaignId: uuid('campaign_id').notNull().references(() => campaign.id, { onDelete: 'cascade' }),
  unitKind: text('unit_kind', { enum: ['township', 'institution', 'office'] }).notNull(),
  townshipId: uuid('township_id').references(() => township.id, { onDelete: 'restrict' }),
  institutionId: uuid('institution_id').references(() => institution.id, { onDelete: 'restrict' }),
  officeId: uuid('office_id').references(() => office.id, { onDelete: 'restrict' }),
  /** the unit's name when the campaign was published */
  unitName: text('unit_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('task_assignment_unit_uq').on(t.taskId, t.unitKind, t.townshipId, t.institutionId, t.officeId).nullsNotDistinct(),
  index('task_assignment_campaign_idx').on(t.campaignId, t.townshipId),
  index('task_assignment_institution_idx').on(t.institutionId),
  check('task_assignment_unit_ck', sql`(${t.unitKind} = 'township' and ${t.townshipId} is not null and ${t.institutionId} is null and ${t.officeId} is null)
    or (${t.unitKind} = 'institution' and ${t.townshipId} is not null and ${t.institutionId} is not null and ${t.officeId} is null)
    or (${t.unitKind} = 'office' and ${t.townshipId} is null and ${t.institutionId} is null and ${t.officeId} is not null)`),
]);

/**
 * 报送 — what a unit handed in for its assignment. A returned submission is answered with a new
 * version (version n+1); older versions are kept. A submission after the deadline is stored and
 * marked late (`isLate`), never refused.
 */
export const submission = pgTable('submission', {
  id: uuid('id').primaryKey().defaultRandom(),
  assignmentId: uuid('assignment_id').notNull().references(() => taskAssignment.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  text: text('text').notNull().default(''),
  status: text('status', { enum: ['submitted', 'returned', 'accepted'] }).notNull().default('submitted'),
  isLate: boolean('is_late').notNull().default(false),
  submittedById: uuid('submitted_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  reviewedById: uuid('reviewed_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewComment: text('review_comment').notNull().default(''),
  /** 优选推送: selected to forward to the city and province */
  featured: boolean('featured').notNull().default(false),
  featuredById: uuid('featured_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
  featuredAt: timestamp('featured_at', { withTimezone: true }),
  /** 展播: a video shown on the public showcase page */
  showcased: boolean('showcased').notNull().default(false),
  showcasedById: uuid('showcased_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
  showcasedAt: timestamp('showcased_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('submission_version_uq').on(t.assignmentId, t.version),
  index('submission_featured_idx').on(t.featured),
  index('submission_showcased_idx').on(t.showcased, t.showcasedAt),
  check('submission_version_ck', sql`${t.version} >= 1`),
  check('submission_reviewed_ck', sql`(${t.status} = 'submitted') = (${t.reviewedAt} is null)`),
  check('submission_featured_ck', sql`not ${t.featured} or ${t.status} = 'accepted'`),
  check('submission_showcased_ck', sql`not ${t.showcased} or ${t.status} = 'accepted'`),
]);

/** 消息 — an in-app notification to one user (reminders, returns, acceptances, new submissions). */
export const notification = pgTable('notification', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  /** reminder_before | reminder_due | submission_returned | submission_accepted | submission_received … */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  /** a path in the web app */
  link: text('link').notNull().default(''),
  entityType: text('entity_type'),
  entityId: uuid('entity_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [
  index('notification_user_idx').on(t.userId, t.createdAt),
  index('notification_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
]);

/**
 * Which scheduled reminder went out for which assignment (`before_3d`, `before_1d`, `due`): the
 * primary key makes "insert … on conflict do nothing" the exactly-once gate, also with two server
 * processes on one database.
 */
export const reminderLog = pgTable('reminder_log', {
  assignmentId: uuid('assignment_id').notNull().references(() => taskAssignment.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.assignmentId, t.kind] })]);
