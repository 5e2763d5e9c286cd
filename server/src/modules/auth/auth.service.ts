import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { appUser, county, dummyHash, hashPassword, institution, loginThrottle, township, userSession, verifyPassword, type Db } from '@lifeline/db';
import { ROLE_PERMISSIONS, type Me } from '@lifeline/shared';
import { AppError, invalidField } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { hashToken, newToken } from '../../plugins/auth.ts';
import type { Actor } from '../../policies/index.ts';

/** Lockout rules (OWASP Authentication Cheat Sheet, "Account lockout"): failures within a window. */
export const LOCKOUT = {
  windowMinutes: 15,
  lockMinutes: 15,
  /** failures of one username (existing or not) before that username is locked */
  accountFailures: 5,
  /** failures from one client before that client is blocked; never affects other clients */
  clientFailures: 20,
} as const;

// Client addresses are never stored: only an HMAC with a key that lives as long as the process.
const CLIENT_KEY = randomBytes(32);
const clientKey = (ip: string) => `client:${createHmac('sha256', CLIENT_KEY).update(ip).digest('hex').slice(0, 32)}`;
/** The lockout key of a username (whether or not the account exists). */
export const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;

async function lockedUntil(db: Db, keys: string[], now: Date): Promise<Date | null> {
  const rows = await db.select().from(loginThrottle).where(sql`${loginThrottle.key} in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
  const until = rows.map((r) => r.lockedUntil).filter((d): d is Date => !!d && d > now);
  return until.length ? new Date(Math.max(...until.map((d) => d.getTime()))) : null;
}

/** Counts one failure under `key`; returns true when this failure started a lock. */
async function recordFailure(db: Db, key: string, limit: number, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000);
  const lockTo = new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000);
  const expired = sql`${loginThrottle.windowStartedAt} < ${windowStart}`;
  const failures = sql`case when ${expired} then 1 else ${loginThrottle.failures} + 1 end`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: now, lockedUntil: limit <= 1 ? lockTo : null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures,
        windowStartedAt: sql`case when ${expired} then ${now} else ${loginThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${failures} >= ${limit} then ${lockTo}::timestamptz else ${loginThrottle.lockedUntil} end`,
      },
    })
    .returning({ failures: loginThrottle.failures });
  return row?.failures === limit;
}

export interface LoginResult {
  token: string;
  mustChangePassword: boolean;
}

/**
 * Checks a username and password and opens a session.
 * The answer for an unknown username, a wrong password and an inactive account is the same
 * (401 INVALID_CREDENTIALS), and takes the same time (a dummy argon2id verify). Failures are
 * counted per username and per client; past the limits that username, or that client, gets 429
 * for {@link LOCKOUT}.lockMinutes — other users and other clients are unaffected.
 * @param ip the client address (only its HMAC is stored)
 * @throws AppError INVALID_CREDENTIALS (401) | TOO_MANY_REQUESTS (429)
 */
export async function login(db: Db, input: { username: string; password: string; ip: string; ttlHours: number; requestId?: string }): Promise<LoginResult> {
  const now = new Date();
  const aKey = accountKey(input.username);
  const cKey = clientKey(input.ip);
  const locked = await lockedUntil(db, [aKey, cKey], now);
  if (locked) {
    const minutes = Math.max(1, Math.ceil((locked.getTime() - now.getTime()) / 60_000));
    throw new AppError('TOO_MANY_REQUESTS', `登录失败次数过多，请 ${minutes} 分钟后再试`, { retryAfterMinutes: minutes });
  }
  const [user] = await db.select().from(appUser).where(eq(appUser.username, input.username.trim().toLowerCase()));
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
  if (!user || !ok || !user.isActive) {
    const accountLocked = await recordFailure(db, aKey, LOCKOUT.accountFailures, now);
    const clientLocked = await recordFailure(db, cKey, LOCKOUT.clientFailures, now);
    // a lock is a security event worth a trace for the admin (never the client address)
    if (accountLocked || clientLocked) {
      const name = input.username.trim().toLowerCase().slice(0, 64);
      await writeAudit(
        db,
        { id: null, displayName: '系统' },
        {
          action: 'auth.lockout',
          entityType: 'login',
          entityId: user?.id ?? null,
          summary: accountLocked ? `用户名「${name}」连续 ${LOCKOUT.accountFailures} 次登录失败，锁定 ${LOCKOUT.lockMinutes} 分钟` : `某客户端连续 ${LOCKOUT.clientFailures} 次登录失败，锁定 ${LOCKOUT.lockMinutes} 分钟（最后尝试的用户名「${name}」）`,
        },
        input.requestId,
      );
    }
    throw new AppError('INVALID_CREDENTIALS');
  }
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, aKey));
    // housekeeping, cheap at login time: the user's expired sessions and stale throttle counters
    await tx.delete(userSession).where(and(eq(userSession.userId, user.id), lt(userSession.expiresAt, now)));
    await tx
      .delete(loginThrottle)
      .where(and(lt(loginThrottle.windowStartedAt, new Date(now.getTime() - 24 * 3600_000)), or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now))));
    await tx.insert(userSession).values({
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt: new Date(now.getTime() + input.ttlHours * 3600_000),
    });
    await tx.update(appUser).set({ lastLoginAt: now }).where(eq(appUser.id, user.id));
    await writeAudit(tx, user, { action: 'auth.login', entityType: 'user', entityId: user.id, summary: `${user.displayName} 登录` }, input.requestId);
  });
  return { token, mustChangePassword: user.mustChangePassword };
}

/** Ends the session with this token hash. */
export async function logout(db: Db, tokenHash: string): Promise<void> {
  await db.delete(userSession).where(eq(userSession.tokenHash, tokenHash));
}

/**
 * The logged-in user's profile with names of the bound township / institution and permissions.
 * @throws AppError NOT_FOUND if the account vanished
 */
export async function getMe(db: Db, actor: Actor): Promise<Me> {
  const [row] = await db
    .select({ u: appUser, countyName: county.name, townshipName: township.name, institutionName: institution.name })
    .from(appUser)
    .innerJoin(county, eq(county.id, appUser.countyId))
    .leftJoin(township, eq(township.id, appUser.townshipId))
    .leftJoin(institution, eq(institution.id, appUser.institutionId))
    .where(eq(appUser.id, actor.id));
  if (!row) throw new AppError('NOT_FOUND');
  return {
    id: row.u.id,
    username: row.u.username,
    displayName: row.u.displayName,
    role: row.u.role,
    townshipId: row.u.townshipId,
    townshipName: row.townshipName,
    institutionId: row.u.institutionId,
    institutionName: row.institutionName,
    countyName: row.countyName,
    mustChangePassword: row.u.mustChangePassword,
    permissions: [...ROLE_PERMISSIONS[row.u.role]],
  };
}

/**
 * Changes the actor's own password after checking the current one; ends the user's other sessions.
 * @throws AppError VALIDATION_FAILED when the current password is wrong or the new one equals it
 */
export async function changePassword(db: Db, actor: Actor, sessionTokenHash: string, input: { currentPassword: string; newPassword: string }, requestId?: string): Promise<void> {
  const [user] = await db.select().from(appUser).where(eq(appUser.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalidField('currentPassword', '当前密码不正确');
  }
  if (input.currentPassword === input.newPassword) throw invalidField('newPassword', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(appUser).set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() }).where(eq(appUser.id, actor.id));
    await tx.delete(userSession).where(and(eq(userSession.userId, actor.id), ne(userSession.tokenHash, sessionTokenHash)));
    await writeAudit(tx, actor, { action: 'auth.change_password', entityType: 'user', entityId: actor.id, summary: `${actor.displayName} 修改了密码` }, requestId);
  });
}
