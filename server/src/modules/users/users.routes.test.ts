import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, ne } from 'drizzle-orm';
import { appUser, auditLog, userSession } from '@lifeline/db';
import { ROLE_PERMISSIONS } from '@lifeline/shared';
import { anon, clientFor, createTestContext, loginAs, makeInstitution, makeUser, TEST_PASSWORD, type Client, type TestContext } from '../../testing/harness.ts';
import type { Actor } from '../../policies/index.ts';
import { updateUser } from './users.service.ts';

let ctx: TestContext;
let admin: Client;
let adminId: string;
let staff: Client;
let township: Client;
let A: string;
let B: string;
let instA: Awaited<ReturnType<typeof makeInstitution>>;

const NEW_PASSWORD = 'Init-Passw0rd#1';
const paths = (res: { json(): { error: { details?: { path: string }[] } } }) => [...new Set((res.json().error.details ?? []).map((d) => d.path))].sort();
const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => ctx.app.inject({ method, url, ...(payload ? { payload: payload as object } : {}) });

let seq = 0;
const uname = (p = 'newuser') => `${p}${Date.now().toString(36)}${seq++}`;

beforeAll(async () => {
  ctx = await createTestContext();
  A = ctx.townships['浔中镇']!;
  B = ctx.townships['三班镇']!;
  instA = await makeInstitution(ctx, { townshipId: A, name: '浔中镇测试养老院' });
  const a = await clientFor(ctx, 'county_admin');
  admin = a.client;
  adminId = a.user.id;
  staff = (await clientFor(ctx, 'county_staff')).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: A })).client;
});
afterAll(async () => ctx?.close());

describe('GET /api/users', () => {
  it('answers 401 without a session and 403 without user.manage', async () => {
    expect((await anon(ctx).get('/api/users')).statusCode).toBe(401);
    expect((await staff.get('/api/users')).statusCode).toBe(403);
    expect((await township.get('/api/users')).statusCode).toBe(403);
  });

  it('answers 400 for bad filters', async () => {
    const res = await admin.get('/api/users?role=boss&active=maybe');
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['querystring.active', 'querystring.role']);
  });

  it('lists accounts with names of their township and institution, filtered, never with a hash', async () => {
    const officer = await makeUser(ctx, 'institution_officer', { institutionId: instA.id });
    const res = await admin.get(`/api/users?townshipId=${A}&pageSize=100`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/argon2|passwordHash/);
    const body = res.json();
    expect(body.items.every((u: { townshipId: string }) => u.townshipId === A)).toBe(true);
    const row = body.items.find((u: { id: string }) => u.id === officer.id);
    expect(row).toMatchObject({ role: 'institution_officer', townshipName: '浔中镇', institutionName: '浔中镇测试养老院', isActive: true, abilities: { update: true, resetPassword: true, deactivate: true } });
    const byRole = (await admin.get('/api/users?role=county_admin')).json();
    expect(byRole.items.map((u: { id: string }) => u.id)).toContain(adminId);
    expect(byRole.items.find((u: { id: string }) => u.id === adminId).abilities).toEqual({ update: true, resetPassword: false, deactivate: false });
    const byQ = (await admin.get(`/api/users?q=${encodeURIComponent(officer.username)}`)).json();
    expect(byQ.items.map((u: { id: string }) => u.id)).toEqual([officer.id]);
    expect((await admin.get(`/api/users?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect((await admin.get('/api/users?active=false')).json().total).toBe(0);
  });
});

describe('POST /api/users', () => {
  const body = (over: Record<string, unknown> = {}) => ({ username: uname(), displayName: '新同事', role: 'county_staff', password: NEW_PASSWORD, ...over });

  it('answers 401 without a session and 403 without user.manage', async () => {
    expect((await anon(ctx).post('/api/users', body())).statusCode).toBe(401);
    expect((await staff.post('/api/users', body())).statusCode).toBe(403);
  });

  it('answers 400 with field paths for a bad body', async () => {
    const res = await admin.post('/api/users', { username: 'a b', displayName: '', role: 'boss', password: 'short', phone: 'x' });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['displayName', 'password', 'phone', 'role', 'username']);
  });

  it('answers 400 (not 500) for a binding that does not fit the role, per field', async () => {
    const noTownship = await admin.post('/api/users', body({ role: 'township_officer' }));
    expect(noTownship.statusCode).toBe(400);
    expect(noTownship.json().error.details).toEqual([{ path: 'townshipId', message: '乡镇民政办账号必须选择所属乡镇' }]);
    const countyBound = await admin.post('/api/users', body({ role: 'county_staff', townshipId: A, institutionId: instA.id }));
    expect(countyBound.statusCode).toBe(400);
    expect(paths(countyBound)).toEqual(['institutionId', 'townshipId']);
    const ghostInst = await admin.post('/api/users', body({ role: 'institution_officer', institutionId: '00000000-0000-4000-8000-000000000000' }));
    expect(ghostInst.statusCode).toBe(400);
    expect(ghostInst.json().error.details).toEqual([{ path: 'institutionId', message: '所选机构不存在' }]);
    const ghostTownship = await admin.post('/api/users', body({ role: 'township_officer', townshipId: '00000000-0000-4000-8000-000000000000' }));
    expect(ghostTownship.statusCode).toBe(400);
    const officeOnTownship = await admin.post('/api/users', body({ role: 'township_officer', townshipId: A, officeId: '00000000-0000-4000-8000-000000000000' }));
    expect(paths(officeOnTownship)).toEqual(['officeId']);
  });

  it('creates an account that must change its password at first login, audited without the hash', async () => {
    const username = uname('Inst.Officer');
    const res = await admin.post('/api/users', body({ username, displayName: '机构安全员甲', role: 'institution_officer', institutionId: instA.id, townshipId: B, phone: '13800001111' }));
    expect(res.statusCode).toBe(201);
    expect(res.body).not.toMatch(/argon2|passwordHash/);
    const dto = res.json();
    // the username is stored lower-case; the township comes from the institution, not the request
    expect(dto).toMatchObject({ username: username.toLowerCase(), role: 'institution_officer', institutionId: instA.id, townshipId: A, townshipName: '浔中镇', mustChangePassword: true, isActive: true });
    const [stored] = await ctx.db.select().from(appUser).where(eq(appUser.id, dto.id));
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.create'), eq(auditLog.entityId, dto.id)));
    expect(JSON.stringify(audit)).not.toMatch(/argon2|passwordHash|Init-Passw0rd/);
    expect(audit!.after).toMatchObject({ username: username.toLowerCase(), role: 'institution_officer' });

    // logging in works, but nothing else until the password is changed
    const c = await loginAs(ctx, { id: dto.id, username }, NEW_PASSWORD);
    const blocked = await c.get('/api/org');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.post('/api/auth/password', { currentPassword: NEW_PASSWORD, newPassword: 'Own-Passw0rd#2' })).statusCode).toBe(200);
    expect((await c.get('/api/org')).statusCode).toBe(200);
    expect((await c.get(`/api/institutions/${instA.id}`)).statusCode).toBe(200);
  });

  it('creates a county account with a bureau section', async () => {
    const org = (await admin.get('/api/org')).json();
    const res = await admin.post('/api/users', body({ officeId: org.offices[1].id }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ officeId: org.offices[1].id, officeName: org.offices[1].name, townshipId: null, institutionId: null });
  });

  it('answers 409 for a username that is taken (whatever its case)', async () => {
    const username = uname('dup');
    expect((await admin.post('/api/users', body({ username }))).statusCode).toBe(201);
    const again = await admin.post('/api/users', body({ username: username.toUpperCase() }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DUPLICATE', message: `用户名「${username}」已被使用`, details: [{ path: 'username', message: `用户名「${username}」已被使用` }] });
  });
});

describe('PATCH /api/users/:id', () => {
  it('answers 401, 403, 404 and 400', async () => {
    const u = await makeUser(ctx, 'county_staff');
    expect((await inject('PATCH', `/api/users/${u.id}`, { displayName: 'x' })).statusCode).toBe(401);
    expect((await staff.patch(`/api/users/${u.id}`, { displayName: 'x' })).statusCode).toBe(403);
    expect((await admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { displayName: 'x' })).statusCode).toBe(404);
    const bad = await admin.patch(`/api/users/${u.id}`, { displayName: '', phone: 'nope', isActive: 'no' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['displayName', 'isActive', 'phone']);
    expect((await admin.patch(`/api/users/${u.id}`, {})).statusCode).toBe(400);
  });

  it('changes name, phone and role with a consistent binding, audited', async () => {
    const u = await makeUser(ctx, 'county_staff');
    const res = await admin.patch(`/api/users/${u.id}`, { displayName: '改名后', phone: '0595-23521234', role: 'township_officer', townshipId: B });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '改名后', phone: '0595-23521234', role: 'township_officer', townshipId: B, townshipName: '三班镇' });
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.update'), eq(auditLog.entityId, u.id)));
    expect(audit!.before).toMatchObject({ role: 'county_staff', townshipId: null, displayName: u.displayName });
    expect(audit!.after).toMatchObject({ role: 'township_officer', townshipId: B, displayName: '改名后' });
    // back to a county role: the township is cleared without being asked
    const back = await admin.patch(`/api/users/${u.id}`, { role: 'county_leader' });
    expect(back.json()).toMatchObject({ role: 'county_leader', townshipId: null });
  });

  it('answers 400 (not 500) for an inconsistent binding', async () => {
    const u = await makeUser(ctx, 'county_staff');
    const noTownship = await admin.patch(`/api/users/${u.id}`, { role: 'township_officer' });
    expect(noTownship.statusCode).toBe(400);
    expect(noTownship.json().error.details).toEqual([{ path: 'townshipId', message: '乡镇民政办账号必须选择所属乡镇' }]);
    const bound = await admin.patch(`/api/users/${u.id}`, { townshipId: A });
    expect(bound.statusCode).toBe(400);
    expect(bound.json().error.details).toEqual([{ path: 'townshipId', message: '县局股室账号不能绑定乡镇' }]);
  });

  it('ends the sessions of an account it deactivates, and lets it back in when reactivated', async () => {
    const { user, client } = await clientFor(ctx, 'township_officer', { townshipId: A });
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    const res = await admin.patch(`/api/users/${user.id}`, { isActive: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isActive: false, abilities: { deactivate: false } });
    expect(await ctx.db.select().from(userSession).where(eq(userSession.userId, user.id))).toHaveLength(0);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    await expect(loginAs(ctx, user)).rejects.toThrow(/401/);
    expect((await admin.patch(`/api/users/${user.id}`, { isActive: true })).statusCode).toBe(200);
    await expect(loginAs(ctx, user)).resolves.toBeTruthy();
  });

  it('refuses an admin deactivating themself or changing their own role (409)', async () => {
    const self = await admin.patch(`/api/users/${adminId}`, { isActive: false });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe('不能停用自己的账号');
    expect((await admin.patch(`/api/users/${adminId}`, { role: 'county_staff' })).statusCode).toBe(409);
    // their own name is fine
    expect((await admin.patch(`/api/users/${adminId}`, { displayName: '管理员本人' })).statusCode).toBe(200);
  });

  it('lets an admin deactivate another admin but never the last active one', async () => {
    const other = await makeUser(ctx, 'county_admin');
    expect((await admin.patch(`/api/users/${other.id}`, { isActive: false })).statusCode).toBe(200);
    // now the only active county admin is `admin`; a second admin acting at the same moment (here,
    // one already past authentication) must not be able to remove them
    await ctx.db.update(appUser).set({ isActive: false }).where(and(eq(appUser.role, 'county_admin'), ne(appUser.id, adminId)));
    const ghost: Actor = {
      id: other.id,
      username: other.username,
      displayName: other.displayName,
      role: 'county_admin',
      countyId: ctx.countyId,
      officeId: null,
      townshipId: null,
      institutionId: null,
      mustChangePassword: false,
      permissions: new Set(ROLE_PERMISSIONS.county_admin),
    };
    await expect(updateUser(ctx.db, ghost, adminId, { isActive: false }, new Date())).rejects.toMatchObject({ code: 'CONFLICT', message: '至少需要保留一个启用的县局管理员账号' });
    await expect(updateUser(ctx.db, ghost, adminId, { role: 'county_staff' }, new Date())).rejects.toMatchObject({ code: 'CONFLICT' });
    const list = (await admin.get('/api/users?role=county_admin&active=true')).json();
    expect(list.items.map((u: { id: string }) => u.id)).toEqual([adminId]);
  });
});

describe('two admins deactivating each other at the same moment', () => {
  it('lets exactly one succeed, so the county keeps an active admin', async () => {
    const asActor = (u: { id: string; username: string; displayName: string }): Actor => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: 'county_admin',
      countyId: ctx.countyId,
      officeId: null,
      townshipId: null,
      institutionId: null,
      mustChangePassword: false,
      permissions: new Set(ROLE_PERMISSIONS.county_admin),
    });
    const x = await makeUser(ctx, 'county_admin');
    const y = await makeUser(ctx, 'county_admin');
    // only x and y are active admins now
    await ctx.db.update(appUser).set({ isActive: false }).where(and(eq(appUser.role, 'county_admin'), ne(appUser.id, x.id), ne(appUser.id, y.id)));
    const results = await Promise.allSettled([
      updateUser(ctx.db, asActor(x), y.id, { isActive: false }, new Date()),
      updateUser(ctx.db, asActor(y), x.id, { isActive: false }, new Date()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: 'CONFLICT', message: '至少需要保留一个启用的县局管理员账号' });
    const active = await ctx.db.select().from(appUser).where(and(eq(appUser.role, 'county_admin'), eq(appUser.isActive, true)));
    expect(active).toHaveLength(1);
    // restore the admin the other tests log in as
    await ctx.db.update(appUser).set({ isActive: true }).where(eq(appUser.id, adminId));
  });
});

describe('POST /api/users/:id/reset-password', () => {
  it('answers 401, 403, 404 and 400', async () => {
    const u = await makeUser(ctx, 'county_staff');
    expect((await inject('POST', `/api/users/${u.id}/reset-password`, { password: NEW_PASSWORD })).statusCode).toBe(401);
    expect((await staff.post(`/api/users/${u.id}/reset-password`, { password: NEW_PASSWORD })).statusCode).toBe(403);
    expect((await admin.post('/api/users/00000000-0000-4000-8000-000000000000/reset-password', { password: NEW_PASSWORD })).statusCode).toBe(404);
    const weak = await admin.post(`/api/users/${u.id}/reset-password`, { password: 'abc' });
    expect(weak.statusCode).toBe(400);
    expect(paths(weak)).toEqual(['password']);
  });

  it('sets a temporary password, ends every session and forces a change at next login', async () => {
    const { user, client } = await clientFor(ctx, 'county_staff');
    const second = await loginAs(ctx, user);
    const res = await admin.post(`/api/users/${user.id}/reset-password`, { password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, mustChangePassword: true });
    expect(res.body).not.toMatch(/argon2|passwordHash/);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    await expect(loginAs(ctx, user, TEST_PASSWORD)).rejects.toThrow(/401/);
    const c = await loginAs(ctx, user, NEW_PASSWORD);
    expect((await c.get('/api/hazards')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.reset_password'), eq(auditLog.entityId, user.id)));
    expect(audit!.summary).toContain('重置账号');
    expect(JSON.stringify(audit)).not.toMatch(/argon2|Init-Passw0rd/);
  });

  it('refuses resetting one\'s own password (409)', async () => {
    expect((await admin.post(`/api/users/${adminId}/reset-password`, { password: NEW_PASSWORD })).statusCode).toBe(409);
  });
});
