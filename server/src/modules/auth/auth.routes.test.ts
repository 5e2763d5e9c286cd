import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anon, clientFor, createTestContext, loginAs, makeUser, TEST_PASSWORD, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('health and OpenAPI', () => {
  it('reports the database driver', async () => {
    const res = await anon(ctx).get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite' });
  });
  it('serves an OpenAPI 3 document listing the routes', async () => {
    const res = await anon(ctx).get('/api/openapi.json');
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/health', '/api/org']));
  });
});

describe('login', () => {
  it('starts a session with an httpOnly cookie and answers /me', async () => {
    const u = await makeUser(ctx, 'county_staff');
    const res = await anon(ctx).post('/api/auth/login', { username: u.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/lifeline_sid=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const c = await loginAs(ctx, u);
    const me = await c.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: u.username, role: 'county_staff', countyName: '德化县' });
  });

  it('answers 401 without a session and 400 for a malformed body', async () => {
    expect((await anon(ctx).get('/api/auth/me')).statusCode).toBe(401);
    const bad = await anon(ctx).post('/api/auth/login', { username: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const u = await makeUser(ctx, 'county_staff');
    const wrong = await anon(ctx).post('/api/auth/login', { username: u.username, password: 'nope-nope-1' });
    const unknown = await anon(ctx).post('/api/auth/login', { username: 'no-such-user-x', password: 'nope-nope-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('locks an account after 5 failures without locking other users, and the same for unknown names', async () => {
    const victim = await makeUser(ctx, 'county_staff');
    const other = await makeUser(ctx, 'county_staff');
    for (let i = 0; i < 5; i++) {
      const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: victim.username, password: 'wrong-pass-1' }, remoteAddress: `10.9.0.${i}` });
      expect(r.statusCode).toBe(401);
    }
    // even the right password is refused while locked
    const locked = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: victim.username, password: TEST_PASSWORD }, remoteAddress: '10.9.1.1' });
    expect(locked.statusCode).toBe(429);
    // another user logs in fine
    const ok = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: other.username, password: TEST_PASSWORD }, remoteAddress: '10.9.0.1' });
    expect(ok.statusCode).toBe(200);
    // an unknown name locks the same way: the lockout does not reveal which names exist
    for (let i = 0; i < 5; i++) {
      await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost-user', password: 'wrong-pass-1' }, remoteAddress: `10.9.2.${i}` });
    }
    const ghost = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost-user', password: 'wrong-pass-1' }, remoteAddress: '10.9.3.1' });
    // each lock leaves one audit row, without any client address
    const { auditLog } = await import('@lifeline/db');
    const { eq } = await import('drizzle-orm');
    const locks = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.lockout'));
    expect(locks.map((l) => l.summary).join('\n')).toContain(victim.username);
    expect(locks.map((l) => l.summary).join('\n')).toContain('ghost-user');
    expect(JSON.stringify(locks)).not.toMatch(/10\.9\./);
    expect(ghost.statusCode).toBe(429);
    expect(ghost.json().error.message).toBe(locked.json().error.message);
  });

  it('blocks a client after 20 failures without blocking other clients', async () => {
    const u = await makeUser(ctx, 'county_staff');
    for (let i = 0; i < 20; i++) {
      await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `spray-${i}`, password: 'wrong-pass-1' }, remoteAddress: '10.7.7.7' });
    }
    const blocked = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, remoteAddress: '10.7.7.7' });
    expect(blocked.statusCode).toBe(429);
    const elsewhere = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD }, remoteAddress: '10.7.7.8' });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('logout ends the session', async () => {
    const { client } = await clientFor(ctx, 'county_leader');
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('forces a change before anything else and then lets the user in', async () => {
    const u = await makeUser(ctx, 'county_admin');
    const { appUser } = await import('@lifeline/db');
    const { eq } = await import('drizzle-orm');
    await ctx.db.update(appUser).set({ mustChangePassword: true }).where(eq(appUser.id, u.id));
    const c = await loginAs(ctx, u);
    const blocked = await c.get('/api/org');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    const wrongCurrent = await c.post('/api/auth/password', { currentPassword: 'not-it-123A', newPassword: 'N3w-Strong-Pass' });
    expect(wrongCurrent.statusCode).toBe(400);
    const ok = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'N3w-Strong-Pass' });
    expect(ok.statusCode).toBe(200);
    expect((await c.get('/api/org')).statusCode).toBe(200);
    await expect(loginAs(ctx, u, 'N3w-Strong-Pass')).resolves.toBeTruthy();
  });
});

describe('org', () => {
  it('lists the 18 townships of 德化县 for county roles and only its own for a township officer', async () => {
    const { client: county } = await clientFor(ctx, 'county_leader');
    const all = (await county.get('/api/org')).json();
    expect(all.county).toMatchObject({ code: '350526', name: '德化县' });
    expect(all.townships).toHaveLength(18);
    expect(all.townships.map((t: { code: string }) => t.code)).toContain('350526209');
    const { client: tw } = await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['三班镇'] });
    const own = (await tw.get('/api/org')).json();
    expect(own.townships.map((t: { name: string }) => t.name)).toEqual(['三班镇']);
  });
});
