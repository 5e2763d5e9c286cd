import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './auth.ts';
import { campaign } from './campaign.ts';
import { hazard } from './hazard.ts';
import { institution, township } from './org.ts';

/**
 * Preparedness (issue 4): emergency plans with versions and township review, drills with their
 * evaluation and findings (→ hazards), study/training sessions, and the knowledge quiz.
 * `township_id` is denormalised on every institution record for the scope filter.
 */

/** 应急预案 — one plan of an institution (综合预案, 火灾 …); its documents are versions. */
export const emergencyPlan = pgTable('emergency_plan', {
  id: uuid('id').primaryKey().defaultRandom(),
  institutionId: uuid('institution_id').notNull().references(() => institution.id, { onDelete: 'restrict' }),
  townshipId: uuid('township_id').notNull().references(() => township.id, { onDelete: 'restrict' }),
  /** comprehensive | fire | earthquake | flood_typhoon | food_poisoning | missing_resident | infectious_disease | other */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  /** the latest version's number (0 before the first upload) */
  currentVersion: integer('current_version').notNull().default(0),
  /** set when a drill found the plan wanting; cleared by a new approved version */
  revisionRequested: boolean('revision_requested').notNull().default(false),
  revisionReason: text('revision_reason').notNull().default(''),
  createdById: uuid('created_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('emergency_plan_institution_idx').on(t.institutionId, t.kind),
  index('emergency_plan_township_idx').on(t.townshipId),
]);

/** One version of a plan's document, reviewed by the township (通过 / 退回 with comments). */
export const emergencyPlanVersion = pgTable('emergency_plan_version', {
  id: uuid('id').primaryKey().defaultRandom(),
  planId: uuid('plan_id').notNull().references(() => emergencyPlan.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  /** what changed, by the author */
  notes: text('notes').notNull().default(''),
  /** the date the version takes effect (印发日期), local */
  effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
  status: text('status', { enum: ['submitted', 'approved', 'returned'] }).notNull().default('submitted'),
  submittedById: uuid('submitted_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  reviewedById: uuid('reviewed_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  reviewComment: text('review_comment').notNull().default(''),
}, (t) => [
  unique('emergency_plan_version_uq').on(t.planId, t.version),
  check('emergency_plan_version_reviewed_ck', sql`(${t.status} = 'submitted') = (${t.reviewedAt} is null)`),
]);

/** 应急演练 — a drill, planned then held (or cancelled), with the record of how it went. */
export const drill = pgTable('drill', {
  id: uuid('id').primaryKey().defaultRandom(),
  institutionId: uuid('institution_id').notNull().references(() => institution.id, { onDelete: 'restrict' }),
  townshipId: uuid('township_id').notNull().references(() => township.id, { onDelete: 'restrict' }),
  /** fire | earthquake | flood_typhoon | food_poisoning | missing_resident | infectious_disease | other */
  scenario: text('scenario').notNull(),
  title: text('title').notNull().default(''),
  isNight: boolean('is_night').notNull().default(false),
  status: text('status', { enum: ['planned', 'held', 'cancelled'] }).notNull().default('planned'),
  /** when it is planned to start */
  plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
  /** when it was held (alarm time) */
  heldAt: timestamp('held_at', { withTimezone: true }),
  /** the plan it exercises */
  planId: uuid('plan_id').references(() => emergencyPlan.id, { onDelete: 'set null' }),
  staffCount: integer('staff_count'),
  residentCount: integer('resident_count'),
  /** residents who cannot walk unaided, and how they were moved */
  nonAmbulatoryCount: integer('non_ambulatory_count'),
  nonAmbulatoryMethod: text('non_ambulatory_method').notNull().default(''),
  /** seconds from the alarm to everyone at the assembly point */
  evacuationSeconds: integer('evacuation_seconds'),
  exitsUsed: text('exits_used').notNull().default(''),
  routesUsed: text('routes_used').notNull().default(''),
  /** a 生命通道 point (exit, stair, corridor, window) was blocked during the drill */
  lifePassageBlocked: boolean('life_passage_blocked').notNull().default(false),
  notes: text('notes').notNull().default(''),
  createdById: uuid('created_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  recordedById: uuid('recorded_by_id').references(() => appUser.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  revision: integer('revision').notNull().default(0),
}, (t) => [
  index('drill_institution_idx').on(t.institutionId, t.heldAt),
  index('drill_township_idx').on(t.townshipId, t.status, t.heldAt),
  check('drill_held_ck', sql`(${t.status} = 'held') = (${t.heldAt} is not null)`),
  check('drill_counts_ck', sql`coalesce(${t.staffCount}, 0) >= 0 and coalesce(${t.residentCount}, 0) >= 0 and coalesce(${t.nonAmbulatoryCount}, 0) >= 0`),
  check('drill_non_ambulatory_ck', sql`${t.nonAmbulatoryCount} is null or ${t.residentCount} is null or ${t.nonAmbulatoryCount} <= ${t.residentCount}`),
  check('drill_evacuation_ck', sql`${t.evacuationSeconds} is null or ${t.evacuationSeconds} between 1 and 86400`),
]);

/** 演练评估 — the scored evaluation of a held drill (one per drill). */
export const drillEvaluation = pgTable('drill_evaluation', {
  drillId: uuid('drill_id').primaryKey().references(() => drill.id, { onDelete: 'cascade' }),
  /** scored items: [{ code, label, score, maxScore, comment }] */
  items: jsonb('items').$type<{ code: string; label: string; score: number; maxScore: number; comment: string }[]>().notNull(),
  totalScore: integer('total_score').notNull(),
  maxScore: integer('max_score').notNull(),
  comments: text('comments').notNull().default(''),
  evaluatorName: text('evaluator_name').notNull().default(''),
  /** the drill showed the plan needs revising (flags the plan) */
  planNeedsRevision: boolean('plan_needs_revision').notNull().default(false),
  evaluatedById: uuid('evaluated_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
}, (t) => [check('drill_evaluation_score_ck', sql`${t.totalScore} between 0 and ${t.maxScore}`)]);

/** A problem a drill found: a hazard in the closed loop (`hazardId`) or an improvement action. */
export const drillFinding = pgTable('drill_finding', {
  id: uuid('id').primaryKey().defaultRandom(),
  drillId: uuid('drill_id').notNull().references(() => drill.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['hazard', 'improvement'] }).notNull(),
  description: text('description').notNull(),
  hazardId: uuid('hazard_id').references(() => hazard.id, { onDelete: 'set null' }),
  /** improvement actions: what will be done, and whether it is done */
  action: text('action').notNull().default(''),
  doneAt: timestamp('done_at', { withTimezone: true }),
  createdById: uuid('created_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('drill_finding_drill_idx').on(t.drillId),
  index('drill_finding_hazard_idx').on(t.hazardId),
  check('drill_finding_hazard_ck', sql`${t.kind} = 'hazard' or ${t.hazardId} is null`),
]);

/**
 * 学习宣传 / 安全培训 — a study or training session held by an institution, a township or the county
 * (the kinds of the notice: 专题研讨, 集中宣讲, 安全生产大家谈, 班前会, 以案普法 …).
 */
export const studySession = pgTable('study_session', {
  id: uuid('id').primaryKey().defaultRandom(),
  level: text('level', { enum: ['county', 'township', 'institution'] }).notNull(),
  townshipId: uuid('township_id').references(() => township.id, { onDelete: 'restrict' }),
  institutionId: uuid('institution_id').references(() => institution.id, { onDelete: 'restrict' }),
  /** seminar | lecture | tutorial_report | safety_talk | pre_shift_meeting | case_law | warning_film | expert_talk | public_class | drill_training | other */
  kind: text('kind').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  organiser: text('organiser').notNull().default(''),
  topic: text('topic').notNull(),
  /** codes of the regulations studied (major_hazard_criteria, fire_law …) */
  regulations: jsonb('regulations').$type<string[]>().notNull().default([]),
  participantCount: integer('participant_count').notNull(),
  /** named staff who took part (optional) */
  participantNames: jsonb('participant_names').$type<string[]>().notNull().default([]),
  notes: text('notes').notNull().default(''),
  createdById: uuid('created_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('study_session_township_idx').on(t.townshipId, t.heldOn),
  index('study_session_institution_idx').on(t.institutionId, t.heldOn),
  check('study_session_level_ck', sql`(${t.level} = 'county' and ${t.townshipId} is null and ${t.institutionId} is null)
    or (${t.level} = 'township' and ${t.townshipId} is not null and ${t.institutionId} is null)
    or (${t.level} = 'institution' and ${t.townshipId} is not null and ${t.institutionId} is not null)`),
  check('study_session_participants_ck', sql`${t.participantCount} between 0 and 100000`),
]);

/** 题库 — a knowledge-quiz question, citing its source in shared/reference. */
export const quizQuestion = pgTable('quiz_question', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** stable code (Q001 …), the key for .xlsx round trips and the shipped seed */
  code: text('code').notNull(),
  kind: text('kind', { enum: ['single', 'multiple', 'true_false'] }).notNull(),
  stem: text('stem').notNull(),
  /** [{ key: 'A', text }] (true_false: T/F) */
  options: jsonb('options').$type<{ key: string; text: string }[]>().notNull(),
  /** the correct option keys, sorted */
  answer: jsonb('answer').$type<string[]>().notNull(),
  explanation: text('explanation').notNull().default(''),
  tags: jsonb('tags').$type<string[]>().notNull().default([]),
  /** where the answer comes from (document and article) */
  source: text('source').notNull().default(''),
  isActive: boolean('is_active').notNull().default(true),
  /** shipped with Lifeline (seeded) rather than written by the bureau */
  isBuiltIn: boolean('is_built_in').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('quiz_question_code_uq').on(t.code)]);

/** 网络知识答题 — a quiz: random draw by tags, time limit, attempt limit, staff-only or public. */
export const quiz = pgTable('quiz', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  campaignId: uuid('campaign_id').references(() => campaign.id, { onDelete: 'set null' }),
  /** draw from questions having any of these tags (empty = all) */
  tags: jsonb('tags').$type<string[]>().notNull().default([]),
  questionCount: integer('question_count').notNull(),
  timeLimitSeconds: integer('time_limit_seconds').notNull(),
  /** per account (staff) or per browser (public); 0 = unlimited */
  maxAttempts: integer('max_attempts').notNull().default(1),
  isPublic: boolean('is_public').notNull().default(false),
  status: text('status', { enum: ['draft', 'open', 'closed'] }).notNull().default('draft'),
  opensAt: timestamp('opens_at', { withTimezone: true }),
  closesAt: timestamp('closes_at', { withTimezone: true }),
  createdById: uuid('created_by_id').notNull().references(() => appUser.id, { onDelete: 'restrict' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('quiz_count_ck', sql`${t.questionCount} between 1 and 200`),
  check('quiz_time_ck', sql`${t.timeLimitSeconds} between 30 and 14400`),
  check('quiz_attempts_ck', sql`${t.maxAttempts} between 0 and 100`),
]);

/** One attempt at a quiz: the drawn questions, the clock, and (once submitted) the score. */
export const quizAttempt = pgTable('quiz_attempt', {
  id: uuid('id').primaryKey().defaultRandom(),
  quizId: uuid('quiz_id').notNull().references(() => quiz.id, { onDelete: 'cascade' }),
  /** staff attempt */
  userId: uuid('user_id').references(() => appUser.id, { onDelete: 'set null' }),
  /** public attempt: optional nickname and a random browser token's hash (attempt limit) */
  nickname: text('nickname').notNull().default(''),
  participantHash: text('participant_hash'),
  /** where the participant belongs, for per-township/-institution results (staff only) */
  townshipId: uuid('township_id').references(() => township.id, { onDelete: 'set null' }),
  institutionId: uuid('institution_id').references(() => institution.id, { onDelete: 'set null' }),
  questionIds: jsonb('question_ids').$type<string[]>().notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  /** startedAt + the time limit */
  deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
  status: text('status', { enum: ['in_progress', 'submitted'] }).notNull().default('in_progress'),
  /** when the answers counted: the submission time, or the deadline when submitted late */
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  /** the answers arrived after the deadline and were scored as at the deadline */
  late: boolean('late').notNull().default(false),
  correctCount: integer('correct_count'),
  score: integer('score'),
  maxScore: integer('max_score'),
}, (t) => [
  index('quiz_attempt_quiz_idx').on(t.quizId, t.status),
  index('quiz_attempt_user_idx').on(t.userId),
  index('quiz_attempt_participant_idx').on(t.quizId, t.participantHash),
  check('quiz_attempt_who_ck', sql`${t.userId} is not null or ${t.participantHash} is not null`),
  check('quiz_attempt_submitted_ck', sql`(${t.status} = 'submitted') = (${t.submittedAt} is not null)`),
]);

/** One answered question of a submitted attempt (for the most-missed questions). */
export const quizAttemptAnswer = pgTable('quiz_attempt_answer', {
  attemptId: uuid('attempt_id').notNull().references(() => quizAttempt.id, { onDelete: 'cascade' }),
  questionId: uuid('question_id').notNull().references(() => quizQuestion.id, { onDelete: 'cascade' }),
  chosen: jsonb('chosen').$type<string[]>().notNull(),
  isCorrect: boolean('is_correct').notNull(),
}, (t) => [primaryKey({ columns: [t.attemptId, t.questionId] }), index('quiz_attempt_answer_question_idx').on(t.questionId, t.isCorrect)]);
