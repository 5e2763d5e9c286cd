import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { county, institution, office, township } from './org.ts';
/** A staff account. Bound to the county (county roles), one township, or one institution. */
export const appUser = pgTable('app_user', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** login name, stored lower-case */
  username: text('username').notNull(),
  displayName: text('display_name').notNull(),
  phone: text('phone').notNull().default(''),
  role: text('role', { enum: ['county_admin', 'county_staff', 'county_leader', 'township_officer', 'institution_officer'] }).notNull(),
  countyId: uuid('county_id').notNull().references(() => county.id, { onDelete: 'restrict' }),
  officeId: uuid('office_id').references(() => office.id, { onDelete: 'set null' }),
  townshipId: uuid('township_id').references(() => township.id, { onDelete: 'restrict' }),
  institutionId: uuid('institution_id').references(() => institution.id, { onDelete: 'restrict' }),
  /** argon2id PHC string */
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  isActive: boolean('is_active').notNull().default(true),
  isDemo: boolean('is_demo').notNull().default(false),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('app_user_username_uq').on(t.username),
  check('app_user_scope_ck', sql`(${t.role} in ('county_admin','county_staff','county_leader') and ${t.townshipId} is null and ${t.institutionId} is null)
    or (${t.role} = 'township_officer' and ${t.townshipId} is not null and ${t.institutionId} is null)
    or (${t.role} = 'institution_officer' and ${t.institutionId} is not null)`),
]);

/** A server-side login session. The cookie holds a random token; only its SHA-256 is stored. */
export const userSession = pgTable('user_session', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull().references(() => appUser.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('user_session_user_idx').on(t.userId)]);

/**
 * Failed-login counters for lockout. `key` is `account:<username>` (whether or not that account
 * exists, so a lockout reveals nothing) or `client:<salted hash of the client address>`.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
