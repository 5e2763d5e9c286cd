import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { appUser, auditLog, hazard, institution } from '@lifeline/db';
import { anon, clientFor, createTestContext, makeInstitution, type Client, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let A: string; // 浔中镇
let B: string; // 三班镇
let instA1: Awaited<ReturnType<typeof makeInstitution>>;
let instA2: Awaited<ReturnType<typeof makeInstitution>>;
let instB1: Awaited<ReturnType<typeof makeInstitution>>;
let admin: Client;
let staff: Client;
let leader: Client;
let township: Client;
let officer: Client;
let officerUserId: string;

const paths = (res: { json(): { error: { details?: { path: string }[] } } }) => (res.json().error.details ?? []).map((d) => d.path);

/** Registers an open hazard on an institution directly (a factory, not the API). */
async function makeHazard(inst: { id: string; townshipId: string }, reportedById: string, status: 'pending' | 'closed' = 'pending') {
  const code = `YH-T-${Math.random().toString(36).slice(2, 10)}`;
  const now = new Date();
  await ctx.db.insert(hazard).values({
    code,
    institutionId: inst.id,
    townshipId: inst.townshipId,
    source: 'adhoc',
    level: 'general',
    category: 'other',
    title: '测试隐患',
    deadline: new Date(now.getTime() + 86400_000),
    status,
    closedAt: status === 'closed' ? now : null,
    foundAt: now,
    reportedById,
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  A = ctx.townships['浔中镇']!;
  B = ctx.townships['三班镇']!;
  instA1 = await makeInstitution(ctx, { townshipId: A, name: '浔中镇敬老院' });
  instA2 = await makeInstitution(ctx, { townshipId: A, name: '浔中镇儿童福利院', type: 'child_welfare' });
  instB1 = await makeInstitution(ctx, { townshipId: B, name: '三班镇敬老院' });
  admin = (await clientFor(ctx, 'county_admin')).client;
  staff = (await clientFor(ctx, 'county_staff')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: A })).client;
  const o = await clientFor(ctx, 'institution_officer', { institutionId: instA1.id });
  officer = o.client;
  officerUserId = o.user.id;
  await makeHazard(instA1, o.user.id);
  await makeHazard(instA1, o.user.id);
  await makeHazard(instA1, o.user.id, 'closed');
});
afterAll(async () => ctx?.close());

describe('GET /api/institutions', () => {
  it('answers 401 without a session', async () => {
    expect((await anon(ctx).get('/api/institutions')).statusCode).toBe(401);
  });

  it('lists every institution for county roles, with open hazards and abilities', async () => {
    const res = await leader.get('/api/institutions?pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const names = body.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(expect.arrayContaining(['浔中镇敬老院', '浔中镇儿童福利院', '三班镇敬老院']));
    const a1 = body.items.find((i: { id: string }) => i.id === instA1.id);
    expect(a1).toMatchObject({ townshipName: '浔中镇', openHazards: 2, abilities: { update: false } });
    const asStaff = (await staff.get(`/api/institutions?townshipId=${A}`)).json();
    expect(asStaff.items.every((i: { townshipId: string; abilities: { update: boolean } }) => i.townshipId === A && i.abilities.update)).toBe(true);
  });

  it('limits a township officer to their township and an institution officer to their institution', async () => {
    const tw = (await township.get('/api/institutions?pageSize=200')).json();
    expect(tw.items.length).toBeGreaterThanOrEqual(2);
    expect(tw.items.every((i: { townshipId: string }) => i.townshipId === A)).toBe(true);
    // asking for another township is not a way around the scope
    const other = (await township.get(`/api/institutions?townshipId=${B}`)).json();
    expect(other).toMatchObject({ items: [], total: 0 });
    const own = (await officer.get('/api/institutions')).json();
    expect(own.items.map((i: { id: string }) => i.id)).toEqual([instA1.id]);
    expect(own.total).toBe(1);
    expect(own.items[0].abilities.update).toBe(false);
  });

  it('filters by type and status and pages', async () => {
    const res = (await admin.get(`/api/institutions?type=child_welfare`)).json();
    expect(res.items.map((i: { id: string }) => i.id)).toContain(instA2.id);
    expect(res.items.every((i: { type: string }) => i.type === 'child_welfare')).toBe(true);
    const closed = (await admin.get('/api/institutions?status=closed')).json();
    expect(closed.total).toBe(0);
    const page = (await admin.get('/api/institutions?pageSize=1&page=2')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(3);
  });

  it('searches name and address literally (LIKE wildcards escaped)', async () => {
    const pct = await makeInstitution(ctx, { townshipId: B, name: '百分百_安心%养老院' });
    await ctx.db.update(institution).set({ address: '德化县三班镇泗滨村' }).where(eq(institution.id, instB1.id));
    const byPct = (await admin.get(`/api/institutions?q=${encodeURIComponent('%')}`)).json();
    expect(byPct.items.map((i: { id: string }) => i.id)).toEqual([pct.id]);
    const byUnderscore = (await admin.get(`/api/institutions?q=${encodeURIComponent('_')}`)).json();
    expect(byUnderscore.items.map((i: { id: string }) => i.id)).toEqual([pct.id]);
    const byAddress = (await admin.get(`/api/institutions?q=${encodeURIComponent('泗滨')}`)).json();
    expect(byAddress.items.map((i: { id: string }) => i.id)).toEqual([instB1.id]);
  });

  it('returns every match without paging for pickers (all=true), still scoped', async () => {
    const all = (await township.get('/api/institutions?all=true&pageSize=1')).json();
    expect(all.items.length).toBe(all.total);
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect(all.items.every((i: { townshipId: string }) => i.townshipId === A)).toBe(true);
  });

  it('answers 400 with field paths for bad filters', async () => {
    const res = await admin.get('/api/institutions?type=hotel&pageSize=0');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(paths(res)).toEqual(expect.arrayContaining(['querystring.type', 'querystring.pageSize']));
  });
});

describe('GET /api/institutions/:id', () => {
  it('answers 401 without a session and 400 for a malformed id', async () => {
    expect((await anon(ctx).get(`/api/institutions/${instA1.id}`)).statusCode).toBe(401);
    const bad = await admin.get('/api/institutions/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(['params.id']);
  });

  it('answers 404 outside the scope: another township, another institution', async () => {
    expect((await township.get(`/api/institutions/${instB1.id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/institutions/${instA2.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/institutions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('shows the institution with abilities for the actor', async () => {
    const own = await officer.get(`/api/institutions/${instA1.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: instA1.id, name: '浔中镇敬老院', townshipName: '浔中镇', openHazards: 2, abilities: { update: false } });
    expect((await township.get(`/api/institutions/${instA1.id}`)).json().abilities.update).toBe(true);
  });
});

describe('POST /api/institutions', () => {
  const body = (over: Record<string, unknown> = {}) => ({ townshipId: A, name: `新建养老院${Math.random().toString(36).slice(2, 8)}`, type: 'elderly_care', ...over });

  it('answers 401 without a session, 403 for roles without institution.manage', async () => {
    expect((await anon(ctx).post('/api/institutions', body())).statusCode).toBe(401);
    expect((await leader.post('/api/institutions', body())).statusCode).toBe(403);
    expect((await officer.post('/api/institutions', body())).statusCode).toBe(403);
  });

  it('answers 400 with every bad field', async () => {
    const res = await staff.post('/api/institutions', {
      townshipId: 'x',
      name: ' ',
      type: 'hotel',
      personInChargePhone: '12345',
      beds: -1,
      staffCount: -3,
      nonAmbulatoryPct: 120,
      creditCode: 'ABC',
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(expect.arrayContaining(['townshipId', 'name', 'type', 'personInChargePhone', 'beds', 'staffCount', 'nonAmbulatoryPct', 'creditCode']));
    const msgs = res.json().error.details.map((d: { message: string }) => d.message).join(' ');
    expect(msgs).toMatch(/机构名称不能为空/);
    expect(msgs).toMatch(/电话号码格式无效/);
    const unknownTownship = await staff.post('/api/institutions', body({ townshipId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownTownship.statusCode).toBe(400);
    expect(paths(unknownTownship)).toEqual(['townshipId']);
  });

  it('creates an institution with defaults and an audit row', async () => {
    const res = await staff.post('/api/institutions', body({ name: '浔中镇新建幸福院', beds: 80, residents: 60, staffCount: 18, nonAmbulatoryPct: 33.333, creditCode: '52350526mj1234567x', personInChargePhone: '0595-23501234' }));
    expect(res.statusCode).toBe(201);
    const dto = res.json();
    expect(dto).toMatchObject({ name: '浔中镇新建幸福院', townshipName: '浔中镇', status: 'operating', beds: 80, staffCount: 18, nonAmbulatoryPct: 33.33, creditCode: '52350526MJ1234567X', filingNo: null, openHazards: 0, abilities: { update: true } });
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'institution.create'), eq(auditLog.entityId, dto.id)));
    expect(audit).toBeDefined();
    expect(audit!.after).toMatchObject({ name: '浔中镇新建幸福院', beds: 80 });
  });

  it('lets a township officer create only in their own township', async () => {
    const other = await township.post('/api/institutions', body({ townshipId: B }));
    expect(other.statusCode).toBe(403);
    const own = await township.post('/api/institutions', body({ name: '浔中镇民政办新建院' }));
    expect(own.statusCode).toBe(201);
    expect(own.json().townshipId).toBe(A);
  });

  it('answers 409 with a clear message for a name taken in the township or a credit code in use', async () => {
    const dupName = await staff.post('/api/institutions', body({ name: '浔中镇敬老院' }));
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json().error.message).toBe('浔中镇已有名为「浔中镇敬老院」的机构');
    expect(paths(dupName)).toEqual(['name']);
    // the same name in another township is fine
    expect((await staff.post('/api/institutions', body({ townshipId: B, name: '浔中镇儿童福利院' }))).statusCode).toBe(201);
    const dupCode = await staff.post('/api/institutions', body({ creditCode: '52350526MJ1234567X' }));
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().error.message).toMatch(/统一社会信用代码 52350526MJ1234567X 已被「浔中镇新建幸福院」使用/);
  });

  it('does not name an out-of-scope holder of a credit code', async () => {
    await staff.post('/api/institutions', body({ townshipId: B, name: '三班镇信用代码院', creditCode: '52350526MJ7654321X' }));
    const res = await township.post('/api/institutions', body({ creditCode: '52350526MJ7654321X' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('统一社会信用代码 52350526MJ7654321X 已被其他机构使用');
  });
});

describe('PATCH /api/institutions/:id', () => {
  it('answers 401, 403 and out-of-scope 404', async () => {
    expect((await ctx.app.inject({ method: 'PATCH', url: `/api/institutions/${instA1.id}`, payload: { beds: 10 } })).statusCode).toBe(401);
    expect((await leader.patch(`/api/institutions/${instA1.id}`, { beds: 10 })).statusCode).toBe(403);
    expect((await officer.patch(`/api/institutions/${instA1.id}`, { beds: 10 })).statusCode).toBe(403);
    expect((await township.patch(`/api/institutions/${instB1.id}`, { beds: 10 })).statusCode).toBe(404);
  });

  it('answers 400 for bad fields and for an empty patch', async () => {
    const bad = await township.patch(`/api/institutions/${instA1.id}`, { safetyOfficerPhone: 'abc', residents: 1.5 });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(expect.arrayContaining(['safetyOfficerPhone', 'residents']));
    const empty = await township.patch(`/api/institutions/${instA1.id}`, {});
    expect(empty.statusCode).toBe(400);
  });

  it('changes only the given fields and audits before/after', async () => {
    const res = await township.patch(`/api/institutions/${instA1.id}`, { beds: 120, safetyOfficer: '王五', safetyOfficerPhone: '13912345678' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ beds: 120, safetyOfficer: '王五', residents: 40, name: '浔中镇敬老院', status: 'operating' });
    const rows = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'institution.update'), eq(auditLog.entityId, instA1.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.before).toEqual({ beds: 50, safetyOfficer: '', safetyOfficerPhone: '' });
    expect(rows[0]!.after).toEqual({ beds: 120, safetyOfficer: '王五', safetyOfficerPhone: '13912345678' });
    // the same values again change nothing and write no audit row
    await township.patch(`/api/institutions/${instA1.id}`, { beds: 120 });
    expect(await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'institution.update'), eq(auditLog.entityId, instA1.id)))).toHaveLength(1);
  });

  it('clears a credit code with an empty string', async () => {
    const created = (await staff.post('/api/institutions', { townshipId: B, name: '三班镇清除代码院', type: 'funeral_service', creditCode: '52350526MJ1111111X' })).json();
    const res = await staff.patch(`/api/institutions/${created.id}`, { creditCode: '' });
    expect(res.json().creditCode).toBeNull();
  });

  it('answers 409 when renamed to a name taken in the township', async () => {
    const res = await staff.patch(`/api/institutions/${instA2.id}`, { name: '浔中镇敬老院' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
  });

  it('refuses a township officer moving an institution out of their township', async () => {
    expect((await township.patch(`/api/institutions/${instA2.id}`, { townshipId: B })).statusCode).toBe(403);
  });

  it('answers 409 when moved into a township that has an institution of the same name', async () => {
    const res = await staff.patch(`/api/institutions/${instA2.id}`, { townshipId: B });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('三班镇已有名为「浔中镇儿童福利院」的机构');
  });

  it('moves an institution with its hazards and officer accounts to another township', async () => {
    const moved = await staff.patch(`/api/institutions/${instA1.id}`, { townshipId: B });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ townshipId: B, townshipName: '三班镇', openHazards: 2 });
    const hz = await ctx.db.select().from(hazard).where(eq(hazard.institutionId, instA1.id));
    expect(hz.every((h) => h.townshipId === B)).toBe(true);
    const [u] = await ctx.db.select().from(appUser).where(eq(appUser.id, officerUserId));
    expect(u!.townshipId).toBe(B);
    // the old township's officer no longer sees it; the institution's own officer still does
    expect((await township.get(`/api/institutions/${instA1.id}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/institutions/${instA1.id}`)).statusCode).toBe(200);
  });
});

describe('unique violations that slip past the checks (a concurrent write)', () => {
  it('are recognised by constraint on this driver and answered 409 with the field', async () => {
    const { violatedUniqueConstraint, withInstitutionDuplicates } = await import('./institutions.service.ts');
    const insertSameName = () => ctx.db.insert(institution).values({ townshipId: B, name: '三班镇敬老院', type: 'elderly_care' });
    const err = await insertSameName().then(() => null, (e: unknown) => e);
    expect(violatedUniqueConstraint(err)).toBe('institution_township_name_uq');
    await expect(withInstitutionDuplicates(insertSameName)).rejects.toMatchObject({ code: 'DUPLICATE', status: 409, details: [{ path: 'name', message: '该乡镇已有同名机构' }] });
    await ctx.db.update(institution).set({ creditCode: '52350526MJ5555555X' }).where(eq(institution.id, instB1.id));
    const sameCode = () => ctx.db.update(institution).set({ creditCode: '52350526MJ5555555X' }).where(eq(institution.id, instA2.id));
    await expect(withInstitutionDuplicates(sameCode)).rejects.toMatchObject({ code: 'DUPLICATE', details: [{ path: 'creditCode', message: '统一社会信用代码已被其他机构使用' }] });
    expect(violatedUniqueConstraint(new Error('other'))).toBeUndefined();
  });
});
