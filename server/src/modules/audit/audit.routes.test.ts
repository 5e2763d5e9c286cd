import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, type AuditEntry } from '@lifeline/shared';
import { anon, clientFor, createTestContext, makeInstitution, type Client, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let admin: Client;
let staff: Client;
let staffId: string;
let hazardId: string;
let hazardCode: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '审计测试院' });
  ({ client: admin } = await clientFor(ctx, 'county_admin'));
  const s = await clientFor(ctx, 'county_staff');
  staff = s.client;
  staffId = s.user.id;
  const created = await staff.post('/api/hazards', { institutionId: inst.id, level: 'general', category: 'life_passage', title: '疏散通道堆放杂物', deadline: localDate(new Date(Date.now() + 10 * 86400_000)) });
  expect(created.statusCode, created.body).toBe(201);
  hazardId = created.json().id;
  hazardCode = created.json().code;
  const started = await staff.post(`/api/hazards/${hazardId}/start`, { note: '已安排人员清理' });
  expect(started.statusCode, started.body).toBe(200);
});
afterAll(async () => ctx?.close());

const page = async (c: Client, query: string) => {
  const res = await c.get(`/api/audit${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: AuditEntry[]; total: number; page: number; pageSize: number };
};

describe('GET /api/audit', () => {
  it('answers 401 without a session and 403 for county staff', async () => {
    expect((await anon(ctx).get('/api/audit')).statusCode).toBe(401);
    const res = await staff.get('/api/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const { client: officer } = await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['浔中镇']! });
    expect((await officer.get('/api/audit')).statusCode).toBe(403);
  });

  it('shows a hazard registration and its step with before/after, newest first', async () => {
    const res = await page(admin, `?entityType=hazard&entityId=${hazardId}`);
    expect(res.total).toBe(2);
    const [start, register] = res.items;
    expect(start).toMatchObject({
      action: 'hazard.start_rectification',
      entityType: 'hazard',
      entityId: hazardId,
      actorId: staffId,
      before: { status: 'pending', revision: 0 },
      after: { status: 'rectifying', revision: 1, note: '已安排人员清理' },
    });
    expect(start!.requestId).toEqual(expect.any(String));
    expect(register).toMatchObject({ action: 'hazard.register', actorId: staffId, before: null, after: { code: hazardCode, status: 'pending', title: '疏散通道堆放杂物' } });
    expect(register!.summary).toContain(hazardCode);
    expect(start!.id).toBeGreaterThan(register!.id);
  });

  it('filters by action prefix, actor and local dates, and pages', async () => {
    expect((await page(admin, '?action=hazard.start')).items.map((e) => e.action)).toEqual(['hazard.start_rectification']);
    expect((await page(admin, '?action=hazard.')).total).toBe(2);
    expect((await page(admin, '?action=hazard_')).total).toBe(0); // `_` is literal, not a wildcard
    const byStaff = await page(admin, `?actorId=${staffId}`);
    expect(byStaff.items.every((e) => e.actorId === staffId)).toBe(true);
    expect(byStaff.items.map((e) => e.action)).toEqual(expect.arrayContaining(['hazard.register', 'hazard.start_rectification']));
    expect((await page(admin, `?actorId=${staffId}&entityType=hazard`)).total).toBe(2);
    expect((await page(admin, `?actorId=${randomUUID()}`)).total).toBe(0);
    const today = localDate(new Date());
    const yesterday = localDate(new Date(Date.now() - 86400_000));
    expect((await page(admin, `?entityType=hazard&from=${today}&to=${today}`)).total).toBe(2);
    expect((await page(admin, `?entityType=hazard&to=${yesterday}`)).total).toBe(0);
    const p1 = await page(admin, '?entityType=hazard&pageSize=1');
    const p2 = await page(admin, '?entityType=hazard&pageSize=1&page=2');
    expect([p1.total, p1.items.length, p2.items.length]).toEqual([2, 1, 1]);
    expect(p1.items[0]!.action).toBe('hazard.start_rectification');
    expect(p2.items[0]!.action).toBe('hazard.register');
  });

  it('answers 400 for bad filters', async () => {
    for (const q of ['?actorId=nope', '?from=2026-02-30', '?pageSize=1000', `?from=${localDate(new Date())}&to=2020-01-01`]) {
      const res = await admin.get(`/api/audit${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('GET /api/audit/actions', () => {
  it('lists the distinct actions and entity types for the filters (county admin only)', async () => {
    expect((await anon(ctx).get('/api/audit/actions')).statusCode).toBe(401);
    expect((await staff.get('/api/audit/actions')).statusCode).toBe(403);
    const res = await admin.get('/api/audit/actions');
    expect(res.statusCode).toBe(200);
    const { actions, entityTypes } = res.json();
    expect(actions).toEqual(expect.arrayContaining(['hazard.register', 'hazard.start_rectification']));
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).toEqual([...actions].sort());
    expect(entityTypes).toContain('hazard');
  });
});
