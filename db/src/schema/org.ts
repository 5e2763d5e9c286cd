import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** 县 — the county a bureau (县民政局) governs. One row in a normal install. */
export const county = pgTable('county', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** GB/T 2260 six-digit code, e.g. 350526 */
  code: text('code').notNull(),
  name: text('name').notNull(),
  bureauName: text('bureau_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('county_code_uq').on(t.code)]);

/** 股室 — a section of the county bureau. */
export const office = pgTable('office', {
  id: uuid('id').primaryKey().defaultRandom(),
  countyId: uuid('county_id').notNull().references(() => county.id, { onDelete: 'restrict' }),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
}, (t) => [unique('office_county_name_uq').on(t.countyId, t.name)]);

/** 乡镇 — a town (镇) or township (乡) with its township civil-affairs office (乡镇民政办). */
export const township = pgTable('township', {
  id: uuid('id').primaryKey().defaultRandom(),
  countyId: uuid('county_id').notNull().references(() => county.id, { onDelete: 'restrict' }),
  /** NBS 9-digit 统计用区划代码, e.g. 350526100 */
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['town', 'township'] }).notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
}, (t) => [unique('township_code_uq').on(t.code), unique('township_county_name_uq').on(t.countyId, t.name)]);

/** 民政服务机构 — a supervised service institution. */
export const institution = pgTable('institution', {
  id: uuid('id').primaryKey().defaultRandom(),
  townshipId: uuid('township_id').notNull().references(() => township.id, { onDelete: 'restrict' }),
  name: text('name').notNull(),
  type: text('type', { enum: ['elderly_care', 'child_welfare', 'relief_station', 'funeral_service', 'mental_health_welfare'] }).notNull(),
  status: text('status', { enum: ['operating', 'suspended', 'closed'] }).notNull().default('operating'),
  address: text('address').notNull().default(''),
  /** 统一社会信用代码 (18 characters) */
  creditCode: text('credit_code'),
  /** 备案号 (filing number, e.g. 养老机构备案回执) */
  filingNo: text('filing_no'),
  /** 许可证 / 登记证号 (licence or registration number) */
  licenceNo: text('licence_no'),
  personInCharge: text('person_in_charge').notNull().default(''),
  personInChargePhone: text('person_in_charge_phone').notNull().default(''),
  safetyOfficer: text('safety_officer').notNull().default(''),
  safetyOfficerPhone: text('safety_officer_phone').notNull().default(''),
  beds: integer('beds').notNull().default(0),
  residents: integer('residents').notNull().default(0),
  /** share of residents who cannot walk unaided (失能/半失能, needing help to evacuate), percent 0–100 */
  nonAmbulatoryPct: numeric('non_ambulatory_pct', { precision: 5, scale: 2, mode: 'number' }).notNull().default(0),
  /** 在岗员工人数 — the denominator of training coverage (0 = not given) */
  staffCount: integer('staff_count').notNull().default(0),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  unique('institution_township_name_uq').on(t.townshipId, t.name),
  unique('institution_credit_code_uq').on(t.creditCode),
  index('institution_township_idx').on(t.townshipId),
  check('institution_beds_ck', sql`${t.beds} >= 0`),
  check('institution_residents_ck', sql`${t.residents} >= 0`),
  check('institution_staff_count_ck', sql`${t.staffCount} >= 0`),
  check('institution_non_ambulatory_ck', sql`${t.nonAmbulatoryPct} between 0 and 100`),
]);
