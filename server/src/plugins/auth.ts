import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { appUser, userSession, type Db } from '@lifeline/db';
import { ROLE_PERMISSIONS, type Permission } from '@lifeline/shared';
import { AppError } from '../lib/app-error.ts';
import type { Actor } from '../policies/index.ts';

export const SESSION_COOKIE = 'lifeline_sid';

/**
 * What a route declares about access, in its `config`:
 * - `{ access: 'public' }` — no login (health, login, public pages);
 * - `{ access: 'authenticated' }` — any logged-in user, even one who must change the password;
 * - `{ permission: '…' }` — a logged-in user holding that permission.
 * A route under /api that declares none of these makes the server refuse to start.
 */
export type RouteAccess = { access: 'public' | 'authenticated' } | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: 'public' | 'authenticated';
    permission?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionTokenHash: string | null;
  }
}

/** SHA-256 of a session token, hex; only this is stored. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new random session token (256 bits, base64url). */
export const newToken = () => randomBytes(32).toString('base64url');

/**
 * Loads the actor for a session token, sliding its expiry forward (at most once a minute).
 * @returns the actor, or null when the session is unknown, expired or the user is inactive
 */
export async function loadSessionActor(db: Db, tokenHash: string, ttlHours: number): Promise<Actor | null> {
  const now = new Date();
  const [row] = await db
    .select({ s: userSession, u: appUser })
    .from(userSession)
    .innerJoin(appUser, eq(appUser.id, userSession.userId))
    .where(and(eq(userSession.tokenHash, tokenHash), gt(userSession.expiresAt, now)));
  if (!row || !row.u.isActive) return null;
  if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
    await db
      .update(userSession)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + ttlHours * 3600_000) })
      .where(eq(userSession.tokenHash, tokenHash));
  }
  return {
    id: row.u.id,
    username: row.u.username,
    displayName: row.u.displayName,
    role: row.u.role,
    countyId: row.u.countyId,
    officeId: row.u.officeId,
    townshipId: row.u.townshipId,
    institutionId: row.u.institutionId,
    mustChangePassword: row.u.mustChangePassword,
    permissions: new Set(ROLE_PERMISSIONS[row.u.role]),
  };
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The routes a user who must change the initial password may still call. */
const PASSWORD_CHANGE_ALLOWED = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/**
 * Authenticates every /api request from its session cookie and enforces the route's declared
 * access. Also refuses cross-site state changes (Origin must match Host).
 */
export const authPlugin = fp(async function authPlugin(app: FastifyInstance, opts: { db: Db; ttlHours: number }) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionTokenHash', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const cfg = route.config as { access?: string; permission?: string } | undefined;
    if (!cfg?.access && !cfg?.permission) {
      throw new Error(`route ${route.method} ${route.url} declares no access or permission`);
    }
  });

  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const cfg = req.routeOptions.config as { access?: string; permission?: Permission } | undefined;
    // no matched route (404) or a public one: nothing to check
    if (!req.url.startsWith('/api/') || !req.routeOptions.url || !cfg || cfg.access === 'public') return;
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const origin = req.headers.origin;
      if (origin && originHost(origin) !== req.headers.host) throw new AppError('FORBIDDEN', '跨站请求被拒绝');
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED');
    const tokenHash = hashToken(token);
    const actor = await loadSessionActor(opts.db, tokenHash, opts.ttlHours);
    if (!actor) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
    req.actor = actor;
    req.sessionTokenHash = tokenHash;
    if (actor.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.has(req.routeOptions.url ?? '')) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (cfg.permission && !actor.permissions.has(cfg.permission)) throw new AppError('FORBIDDEN');
  });
});

/**
 * The actor of a request that passed the auth hook.
 * @throws AppError UNAUTHENTICATED when called on a public route without a session
 */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}
