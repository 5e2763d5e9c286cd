import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './auth.ts';
import { hazard } from './hazard.ts';
import { institution, office, township } from './org.ts';

/**
 * Public hazard reports (群众举报, issue 5), their handling, rewards and the exposure board (曝光台).
 * Reporter protection: a report keeps no client IP, user agent or receipt code — only the receipt
 * code's hash — and a reporter's name and phone only encrypted (AES-256-GCM), readable by holders
 * of `report.reveal_identity`, every reveal audited.
 */

/** 举报 — one public report. */
export const publicReport = pgTable('public_report', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** human reference for staff (JB2026-000123), never shown to the institution as the reporter's */
  serialNo: text('serial_no').notNull(),
  /** SHA-256 of the receipt code (the code itself is shown once and never stored) */
  receiptHash: text('receipt_hash').notNull(),
  /** the institution picked by the reporter, if any */
  institutionId: uuid('institution_id').references(() => institution.id, { onDelete: 'restrict' }),
  /** the reporter's description of the place when no institution was picked */
  placeText: text('place_text').notNull().default(''),
  /** blocked_fire_lane | blocked_escape_route | locked_exit | sealed_window_bars | fire_facility | electrical_charging | other_major | other_violation */
  category: text('category').notNull(),
  description: text('description').notNull(),
  /** pending → accepted → verifying → verified → (hazard tracking) → rewarding → closed; rejected */
  status: text('status', { enum: ['pending', 'accepted', 'verifying', 'verified', 'rewarding', 'closed', 'rejected'] }).notNull().default('pending'),
  /** where it was assigned on acceptance (a township, or an office of the bureau) */
  townshipId: uuid('township_id').references(() => township.id, { onDelete: 'restrict' }),
  officeId: uuid('office_id').references(() => office.id, { onDelete: 'restrict' }),
  /** 属实 / 部分属实 / 不属实 */
  verdict: text('verdict', { enum: ['true', 'partly_true', 'false'] }),
  verdictNote: text('verdict_note').notNull().default(''),
  /** 不予受理: duplicate | out_of_remit (transferred) | insufficient | other */
  rejectionReason: text('rejection_reason'),
  rejectionNote: text('rejection_note').notNull().default(''),
  /** the department it was transferred to (out of remit) */
  transferredTo: text('transferred_to').notNull().default(''),
  duplicateOfId: uuid('duplicate_of_id'),
  /** the hazard created or linked for a true report */
  hazardId: uuid('hazard_id').references(() => hazard.id, { onDelete: 'set null' }),
  /** the reporter asked for a reward and left contact details */
  wantsReward: boolean('wants_reward').notNull().default(false),
  /** AES-256-GCM of {name, phone}: base64(iv | tag | ciphertext); null for anonymous reports */
  contactCiphertext: text('contact_ciphertext'),
  /** the current step's time limit (overdue alerts) */
  stepDueAt: timestamp('step_due_at', { withTimezone: true }),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  revision: integer('revision').notNull().default(0),
}, (t) => [
  unique('public_report_serial_uq').on(t.serialNo),
  unique('public_report_receipt_uq').on(t.receiptHash),
  index('public_report_status_idx').on(t.status, t.receivedAt),
  index('public_report_township_idx').on(t.townshipId, t.status),
  index('public_report_institution_idx').on(t.institutionId),
  check('public_report_place_ck', sql`${t.institutionId} is not null or length(${t.placeText}) > 0`),
  check('public_report_contact_ck', sql`not ${t.wantsReward} or ${t.contactCiphertext} is not null`),
]);

/** The handling history of a report (never overwritten): every step, with who and a note. */
export const publicReportEvent = pgTable('public_report_event', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  reportId: uuid('report_id').notNull().references(() => publicReport.id, { onDelete: 'cascade' }),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status'),
  note: text('note').notNull().default(''),
  actorId: uuid('actor_id').references(() => appUser.id, { onDelete: 'set null' }),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('public_report_event_report_idx').on(t.reportId, t.at)]);

/** Two-way messages between the handler and the reporter, through the receipt code. */
export const publicReportMessage = pgTable('public_report_message', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  reportId: uuid('report_id').notNull().references(() => publicReport.id, { onDelete: 'cascade' }),
  direction: text('direction', { enum: ['to_reporter', 'from_reporter'] }).notNull(),
  body: text('body').notNull(),
  /** staff author of a message to the reporter */
  authorId: uuid('author_id').references(() => appUser.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** read by staff (from_reporter) or by the reporter (to_reporter) */
  readAt: timestamp('read_at', { withTimezone: true }),
}, (t) => [index('public_report_message_report_idx').on(t.reportId, t.createdAt)]);

/** 举报奖励 — the reward of a true report: suggested by the rules, set, approved, paid or lapsed. */
export const reportReward = pgTable('report_reward', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').notNull().references(() => publicReport.id, { onDelete: 'restrict' }),
  /** major_hazard_fine | concealed_accident | general_hazard_tier */
  basis: text('basis').notNull(),
  /** the inputs of the rule (fine in yuan, deaths and grade …) */
  basisInput: jsonb('basis_input').$type<Record<string, unknown>>().notNull().default({}),
  /** amounts in fen (1/100 yuan) */
  suggestedFen: bigint('suggested_fen', { mode: 'number' }).notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  overrideReason: text('override_reason').notNull().default(''),
  status: text('status', { enum: ['proposed', 'approved', 'paid', 'lapsed', 'rejected'] }).notNull().default('proposed'),
  proposedById: uuid('proposed_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
  approvedById: uuid('approved_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  /** the reporter must claim by this time (by receipt code) */
  claimDeadline: timestamp('claim_deadline', { withTimezone: true }),
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  paymentRef: text('payment_ref').notNull().default(''),
  paidById: uuid('paid_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
}, (t) => [
  unique('report_reward_report_uq').on(t.reportId),
  check('report_reward_amount_ck', sql`${t.suggestedFen} >= 0 and ${t.amountFen} >= 0`),
]);

/** 曝光台 — a case prepared from a verified report or a closed hazard, published after approval. */
export const exposureCase = pgTable('exposure_case', {
  id: uuid('id').primaryKey().defaultRandom(),
  reportId: uuid('report_id').references(() => publicReport.id, { onDelete: 'set null' }),
  hazardId: uuid('hazard_id').references(() => hazard.id, { onDelete: 'set null' }),
  institutionId: uuid('institution_id').references(() => institution.id, { onDelete: 'set null' }),
  title: text('title').notNull(),
  /** the redacted account (no personal data) */
  body: text('body').notNull(),
  category: text('category').notNull(),
  /** show the institution's name on the public page (policy per case) */
  showInstitutionName: boolean('show_institution_name').notNull().default(false),
  /** the name as published (or a description such as 某养老机构) */
  displayName: text('display_name').notNull(),
  /** reviewed photos (attachment ids) to publish */
  photoIds: jsonb('photo_ids').$type<string[]>().notNull().default([]),
  /** rectification outcome shown with the case */
  outcome: text('outcome').notNull().default(''),
  status: text('status', { enum: ['draft', 'pending_approval', 'published', 'withdrawn'] }).notNull().default('draft'),
  createdById: uuid('created_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  approvedById: uuid('approved_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [index('exposure_case_status_idx').on(t.status, t.publishedAt)]);

/** The permanent publication log of the exposure board: every publish / withdraw with the text as published. */
export const exposurePublicationLog = pgTable('exposure_publication_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id').notNull().references(() => exposureCase.id, { onDelete: 'restrict' }),
  action: text('action', { enum: ['publish', 'withdraw'] }).notNull(),
  /** the case as it was published (title, body, display name, photos) */
  snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
  actorId: uuid('actor_id').references(() => appUser.id, { onDelete: 'set null' }),
  at: timestamp('at', { withTimezone: true }).notNull(),
  note: text('note').notNull().default(''),
}, (t) => [index('exposure_publication_log_case_idx').on(t.caseId, t.at)]);

/** Single-use proof-of-work challenges of the public forms (self-hosted; no third-party service). */
export const publicChallenge = pgTable('public_challenge', {
  /** SHA-256 of the challenge id */
  idHash: text('id_hash').primaryKey(),
  usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('public_challenge_expires_idx').on(t.expiresAt)]);
