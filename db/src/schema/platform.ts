import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appUser } from './auth.ts';

/**
 * An uploaded file. Images are re-encoded (metadata stripped) before they are stored; the original
 * bytes are never kept. A file is first `pending` (owned by its uploader), then attached to one
 * record (`entityType` + `entityId`).
 */
export const attachment = pgTable('attachment', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** the uploading account; null for files of a public report (no account), bound at once */
  ownerId: uuid('owner_id').references(() => appUser.id, { onDelete: 'restrict' }),
  /** e.g. `hazard`, `hazard_event`, `inspection_result`; null while pending */
  entityType: text('entity_type'),
  entityId: uuid('entity_id'),
  /** MIME type decided from the content */
  mime: text('mime').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  /** the client's file name, kept for downloads (Chinese names allowed) */
  originalName: text('original_name').notNull(),
  /** path relative to the uploads directory */
  storageKey: text('storage_key').notNull(),
  width: integer('width'),
  height: integer('height'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('attachment_entity_idx').on(t.entityType, t.entityId)]);

/** 审计日志 — every change: who, when, what, before → after. Written in the change's transaction. */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid('actor_id').references(() => appUser.id, { onDelete: 'set null' }),
  /** the actor's name at the time, kept when the account goes */
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  /** short human summary, zh-CN */
  summary: text('summary').notNull().default(''),
  before: jsonb('before'),
  after: jsonb('after'),
  requestId: text('request_id'),
}, (t) => [
  index('audit_log_at_idx').on(t.at),
  index('audit_log_entity_idx').on(t.entityType, t.entityId),
  index('audit_log_actor_idx').on(t.actorId, t.at),
  // prefix search on action (LIKE 'hazard.%') and the facet list
  index('audit_log_action_idx').on(t.action.op('text_pattern_ops')),
]);

/** Idempotency-Key records: a retried create returns the first result instead of making a second record. */
export const idempotencyKey = pgTable('idempotency_key', {
  /** the user (or a public scope) the key belongs to */
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  /** method + route */
  route: text('route').notNull(),
  /** SHA-256 of the request body, to refuse the same key reused for another request */
  requestHash: text('request_hash').notNull(),
  statusCode: integer('status_code'),
  response: jsonb('response'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ name: 'idempotency_key_pk', columns: [t.scope, t.key] })]);

/** Key-value settings editable by the county admin (e.g. default rectification days). */
export const setting = pgTable('setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
