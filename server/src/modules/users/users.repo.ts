import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { appUser, institution, loginThrottle, office, township, userSession, type DbOrTx } from '@lifeline/db';
import type { Role } from '@lifeline/shared';
import { escapeLike } from '../../lib/sql.ts';
import { accountKey } from '../auth/auth.service.ts';

/**
 * Drizzle queries of staff accounts. Accounts are administered county-wide (permission
 * `user.manage`, county admin only), so every query is restricted to the admin's county. The
 * password hash is never selected here except where a write needs the row for locking — and then
 * it is dropped before the row leaves the repo.
 */

/** An account as listed: every column but the password hash, with the bound units' names. */
export interface UserListRow {
  id: string;
  username: string;
  displayName: string;
  phone: string;
  role: Role;
  townshipId: string | null;
  townshipName: string | null;
  institutionId: string | null;
  institutionName: string | null;
  officeId: string | null;
  officeName: string | null;
  isActive: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** An account row without its password hash. */
export type UserRow = Omit<typeof appUser.$inferSelect, 'passwordHash'>;

const listColumns = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  phone: appUser.phone,
  role: appUser.role,
  townshipId: appUser.townshipId,
  townshipName: township.name,
  institutionId: appUser.institutionId,
  institutionName: institution.name,
  officeId: appUser.officeId,
  officeName: office.name,
  isActive: appUser.isActive,
  mustChangePassword: appUser.mustChangePassword,
  lastLoginAt: appUser.lastLoginAt,
  createdAt: appUser.createdAt,
};

/** Escapes LIKE wildcards so a search term matches literally. */

export interface UserFilter {
  role?: Role | undefined;
  townshipId?: string | undefined;
  q?: string | undefined;
  active?: boolean | undefined;
}

function userWhere(countyId: string, f: UserFilter): SQL | undefined {
  const q = f.q ? `%${escapeLike(f.q)}%` : undefined;
  return and(
    eq(appUser.countyId, countyId),
    f.role ? eq(appUser.role, f.role) : undefined,
    f.townshipId ? eq(appUser.townshipId, f.townshipId) : undefined,
    f.active === undefined ? undefined : eq(appUser.isActive, f.active),
    q ? or(ilike(appUser.username, q), ilike(appUser.displayName, q), ilike(appUser.phone, q)) : undefined,
  );
}

const ROLE_ORDER = sql`array_position(array['county_admin','county_staff','county_leader','township_officer','institution_officer'], ${appUser.role})`;

/** A page of the county's accounts matching the filter, by role then username, with the total. */
export async function findUsers(db: DbOrTx, countyId: string, f: UserFilter, page: { limit: number; offset: number }): Promise<{ rows: UserListRow[]; total: number }> {
  const where = userWhere(countyId, f);
  const rows = await db
    .select(listColumns)
    .from(appUser)
    .leftJoin(township, eq(township.id, appUser.townshipId))
    .leftJoin(institution, eq(institution.id, appUser.institutionId))
    .leftJoin(office, eq(office.id, appUser.officeId))
    .where(where)
    .orderBy(ROLE_ORDER, asc(appUser.username))
    .limit(page.limit)
    .offset(page.offset);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(appUser).where(where);
  return { rows, total: Number(n) };
}

/** One account of the county with names, or undefined. */
export async function findUser(db: DbOrTx, countyId: string, id: string): Promise<UserListRow | undefined> {
  const [row] = await db
    .select(listColumns)
    .from(appUser)
    .leftJoin(township, eq(township.id, appUser.townshipId))
    .leftJoin(institution, eq(institution.id, appUser.institutionId))
    .leftJoin(office, eq(office.id, appUser.officeId))
    .where(and(eq(appUser.countyId, countyId), eq(appUser.id, id)));
  return row;
}

/** Locks one account of the county for a change (inside a transaction); no password hash. */
export async function lockUser(tx: DbOrTx, countyId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(appUser).where(and(eq(appUser.countyId, countyId), eq(appUser.id, id))).for('update');
  if (!row) return undefined;
  const { passwordHash: _drop, ...rest } = row;
  return rest;
}

/**
 * Ids of the county's active county admins, locked (inside a transaction) so that two admins
 * deactivating each other at once cannot leave the county without one. Locked in id order, so
 * concurrent callers queue instead of deadlocking.
 */
export async function lockActiveAdmins(tx: DbOrTx, countyId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(eq(appUser.countyId, countyId), eq(appUser.role, 'county_admin'), eq(appUser.isActive, true)))
    .orderBy(asc(appUser.id))
    .for('update');
  return rows.map((r) => r.id);
}

/** How many active county admins the county has. */
export async function countActiveAdmins(db: DbOrTx, countyId: string): Promise<number> {
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(appUser)
    .where(and(eq(appUser.countyId, countyId), eq(appUser.role, 'county_admin'), eq(appUser.isActive, true)));
  return Number(n);
}

/** Whether a username (lower-case) is taken, county-independent (usernames are unique system-wide). */
export async function usernameTaken(db: DbOrTx, username: string): Promise<boolean> {
  const [row] = await db.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, username));
  return !!row;
}

/** Inserts an account; returns it without its hash. */
export async function insertUser(tx: DbOrTx, values: typeof appUser.$inferInsert): Promise<UserRow> {
  const [row] = await tx.insert(appUser).values(values).returning();
  const { passwordHash: _drop, ...rest } = row!;
  return rest;
}

/** Updates an account; returns it without its hash. */
export async function updateUserRow(tx: DbOrTx, id: string, changes: Partial<typeof appUser.$inferInsert>): Promise<UserRow> {
  const [row] = await tx.update(appUser).set(changes).where(eq(appUser.id, id)).returning();
  const { passwordHash: _drop, ...rest } = row!;
  return rest;
}

/** Ends every session of an account (logs it out everywhere); returns how many ended. */
export async function deleteSessions(tx: DbOrTx, userId: string): Promise<number> {
  const rows = await tx.delete(userSession).where(eq(userSession.userId, userId)).returning({ t: userSession.tokenHash });
  return rows.length;
}

/** Clears the failed-login lockout of a username. */
export async function clearAccountLockout(tx: DbOrTx, username: string): Promise<void> {
  await tx.delete(loginThrottle).where(eq(loginThrottle.key, accountKey(username)));
}

/** A township of the county, by id. */
export async function findTownshipById(db: DbOrTx, countyId: string, id: string) {
  const [row] = await db.select({ id: township.id, name: township.name }).from(township).where(and(eq(township.countyId, countyId), eq(township.id, id)));
  return row;
}

/** An institution of the county, by id (with its township). */
export async function findInstitutionById(db: DbOrTx, countyId: string, id: string) {
  const [row] = await db
    .select({ id: institution.id, name: institution.name, townshipId: institution.townshipId })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(and(eq(township.countyId, countyId), eq(institution.id, id)));
  return row;
}

/** A bureau section (股室) of the county, by id. */
export async function findOfficeById(db: DbOrTx, countyId: string, id: string) {
  const [row] = await db.select({ id: office.id, name: office.name }).from(office).where(and(eq(office.countyId, countyId), eq(office.id, id)));
  return row;
}
