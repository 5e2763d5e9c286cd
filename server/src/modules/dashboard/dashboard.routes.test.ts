import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklistVersion, inspection, institution } from '@lifeline/db';
import type { Dashboard } from '@lifeline/shared';
import { anon, clientFor, createTestContext, makeInstitution, type Client, type TestContext } from '../../testing/harness.ts';

/**
 * Dashboard figures checked against hazards made through the real API (POST /api/hazards and the
 * closed-loop steps), with the app clock moved so that one more hazard becomes overdue.
 *
 * Timeline (Asia/Shanghai):
 *   2026-02-10  h0 in A (浔中镇), general, electrical, deadline 02-20 — left pending
 *   2026-03-15  h1 in A, general, life_passage, deadline 03-25 — started, submitted, verified (closed)
 *               h2 in A, major, fire_facility, deadline 04-30 — started (rectifying)
 *               h3 in B (龙浔镇), general, life_passage, deadline 03-18 — left pending
 *   2026-03-22  "now": h0 and h3 overdue
 */
let ctx: TestContext;
let staff: Client;
let xunzhong: string;
let longxun: string;
let instA: { id: string; name: string };
let instB: { id: string };
const h: Record<string, string> = {};

const at = (iso: string) => {
  ctx.clock.now = new Date(iso);
};

async function createHazard(institutionId: string, body: { level: 'general' | 'major'; category: string; title: string; deadline: string }) {
  const res = await staff.post('/api/hazards', { institutionId, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function step(id: string, path: string, note = '', by?: Client) {
  const res = await (by ?? staff).post(`/api/hazards/${id}/${path}`, { note });
  expect(res.statusCode, res.body).toBe(200);
}

async function dashboard(c: Client, query = ''): Promise<Dashboard> {
  const res = await c.get(`/api/dashboard${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  ctx = await createTestContext();
  xunzhong = ctx.townships['浔中镇']!;
  longxun = ctx.townships['龙浔镇']!;
  instA = await makeInstitution(ctx, { townshipId: xunzhong, name: '仪表盘测试甲院' });
  instB = await makeInstitution(ctx, { townshipId: longxun, name: '仪表盘测试乙院' });
  const closed = await makeInstitution(ctx, { townshipId: xunzhong, name: '仪表盘测试已关停院' });
  await ctx.db.update(institution).set({ status: 'closed' }).where(eq(institution.id, closed.id));
  ({ client: staff } = await clientFor(ctx, 'county_staff'));

  at('2026-02-10T02:00:00Z');
  h.h0 = await createHazard(instA.id, { level: 'general', category: 'electrical', title: '配电箱周边堆放纸箱', deadline: '2026-02-20' });
  at('2026-03-15T02:00:00Z');
  h.h1 = await createHazard(instA.id, { level: 'general', category: 'life_passage', title: '疏散通道堆放轮椅', deadline: '2026-03-25' });
  h.h2 = await createHazard(instA.id, { level: 'major', category: 'fire_facility', title: '自动喷水灭火系统无法启动', deadline: '2026-04-30' });
  h.h3 = await createHazard(instB.id, { level: 'general', category: 'life_passage', title: '安全出口上锁', deadline: '2026-03-18' });
  await step(h.h1!, 'start');
  await step(h.h1!, 'submit', '已清理通道并设置禁止堆放标识');
  // the one who submitted a rectification cannot accept it: a colleague verifies
  const { client: colleague } = await clientFor(ctx, 'county_staff');
  await step(h.h1!, 'verify', '复查合格，同意销号', colleague);
  await step(h.h2!, 'start');

  // inspections are counted by local month: 2026-02-28T17:00Z is 03-01 01:00 in Asia/Shanghai
  const [ver] = await ctx.db.select().from(checklistVersion).limit(1);
  const base = { checklistVersionId: ver!.id, createdById: staff.userId, kind: 'county' as const };
  await ctx.db.insert(inspection).values([
    { ...base, institutionId: instA.id, townshipId: xunzhong, inspectedAt: new Date('2026-03-02T03:00:00Z') },
    { ...base, institutionId: instB.id, townshipId: longxun, inspectedAt: new Date('2026-02-28T17:00:00Z') },
    { ...base, institutionId: instB.id, townshipId: longxun, inspectedAt: new Date('2026-02-28T15:00:00Z') },
  ]);
  at('2026-03-22T02:00:00Z');
});
afterAll(async () => ctx?.close());

describe('GET /api/dashboard', () => {
  it('answers 401 without a session and 400 for a malformed township id', async () => {
    expect((await anon(ctx).get('/api/dashboard')).statusCode).toBe(401);
    const bad = await staff.get('/api/dashboard?townshipId=not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(bad.json().error.details[0].path).toBe('querystring.townshipId');
  });

  it('gives a county role the whole county, with figures matching the hazards made through the API', async () => {
    const d = await dashboard(staff);
    expect(d.scope).toEqual({ level: 'county', name: '德化县', townshipId: null, institutionId: null });
    expect(d.generatedAt).toBe('2026-03-22T02:00:00.000Z');
    expect(d.month).toBe('2026-03');
    expect(d.institutions).toBe(2); // the closed one is not counted
    expect(d.inspectionsThisMonth).toBe(2); // 03-02 and the local 03-01 01:00; not local 02-28 23:00
    expect(d.hazards).toEqual({ open: 3, overdue: 2, closed: 1, openMajor: 1, closedThisMonth: 1, foundThisMonth: 3 });
    expect(d.byStatus).toEqual([
      { status: 'pending', count: 2 },
      { status: 'rectifying', count: 1 },
      { status: 'awaiting_verification', count: 0 },
      { status: 'closed', count: 1 },
    ]);
    expect(d.byTownship).toHaveLength(18);
    expect(d.byTownship[0]).toEqual({ townshipId: xunzhong, townshipName: '浔中镇', pending: 1, rectifying: 1, awaiting_verification: 0, closed: 1, overdue: 1 });
    expect(d.byTownship[1]).toEqual({ townshipId: longxun, townshipName: '龙浔镇', pending: 1, rectifying: 0, awaiting_verification: 0, closed: 0, overdue: 1 });
    expect(d.byTownship.slice(2).every((t) => t.pending + t.rectifying + t.awaiting_verification + t.closed + t.overdue === 0)).toBe(true);
    expect(d.byCategory).toEqual([
      { category: 'life_passage', open: 1, total: 2 },
      { category: 'electrical', open: 1, total: 1 },
      { category: 'fire_facility', open: 1, total: 1 },
    ]);
    expect(d.monthlyTrend).toHaveLength(12);
    expect(d.monthlyTrend[0]!.month).toBe('2025-04');
    expect(d.monthlyTrend.at(-2)).toEqual({ month: '2026-02', found: 1, closed: 0 });
    expect(d.monthlyTrend.at(-1)).toEqual({ month: '2026-03', found: 3, closed: 1 });
  });

  it('derives overdue from the clock: moving time past a deadline makes the hazard overdue', async () => {
    at('2026-03-18T15:59:00Z'); // 03-18 23:59 local: h3's deadline day has not ended
    expect((await dashboard(staff)).hazards.overdue).toBe(1);
    at('2026-03-18T16:00:00Z'); // 03-19 00:00 local
    expect((await dashboard(staff)).hazards.overdue).toBe(2);
    at('2026-04-01T02:00:00Z'); // next local month: this-month figures start again
    const april = await dashboard(staff);
    expect(april.month).toBe('2026-04');
    expect(april.hazards).toMatchObject({ foundThisMonth: 0, closedThisMonth: 0, open: 3, overdue: 2 });
    expect(april.inspectionsThisMonth).toBe(0);
    expect(april.monthlyTrend.at(-2)).toEqual({ month: '2026-03', found: 3, closed: 1 });
    at('2026-03-22T02:00:00Z');
  });

  it('lets a county role look at one township, and answers 404 for a township that does not exist', async () => {
    const d = await dashboard(staff, `?townshipId=${longxun}`);
    expect(d.scope).toEqual({ level: 'township', name: '龙浔镇', townshipId: longxun, institutionId: null });
    expect(d.institutions).toBe(1);
    expect(d.inspectionsThisMonth).toBe(1);
    expect(d.hazards).toEqual({ open: 1, overdue: 1, closed: 0, openMajor: 0, closedThisMonth: 0, foundThisMonth: 1 });
    expect(d.byTownship).toEqual([{ townshipId: longxun, townshipName: '龙浔镇', pending: 1, rectifying: 0, awaiting_verification: 0, closed: 0, overdue: 1 }]);
    const { client: leader } = await clientFor(ctx, 'county_leader');
    expect((await dashboard(leader, `?townshipId=${xunzhong}`)).hazards.open).toBe(2);
    expect((await staff.get(`/api/dashboard?townshipId=${randomUUID()}`)).statusCode).toBe(404);
  });

  it('shows a township officer only their township, whatever they pass; another township is 404', async () => {
    const { client: officer } = await clientFor(ctx, 'township_officer', { townshipId: xunzhong });
    const d = await dashboard(officer);
    expect(d.scope).toEqual({ level: 'township', name: '浔中镇', townshipId: xunzhong, institutionId: null });
    expect(d.institutions).toBe(1);
    expect(d.inspectionsThisMonth).toBe(1);
    expect(d.hazards).toEqual({ open: 2, overdue: 1, closed: 1, openMajor: 1, closedThisMonth: 1, foundThisMonth: 2 });
    expect(d.byTownship.map((t) => t.townshipName)).toEqual(['浔中镇']);
    expect(d.byCategory.map((c) => c.category).sort()).toEqual(['electrical', 'fire_facility', 'life_passage']);
    expect(await dashboard(officer, `?townshipId=${xunzhong}`)).toEqual(d);
    const other = await officer.get(`/api/dashboard?townshipId=${longxun}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('NOT_FOUND');
  });

  it('shows an institution officer their institution only', async () => {
    const { client: officer } = await clientFor(ctx, 'institution_officer', { institutionId: instB.id });
    const d = await dashboard(officer);
    expect(d.scope).toMatchObject({ level: 'institution', name: '仪表盘测试乙院', townshipId: longxun, institutionId: instB.id });
    expect(d.institutions).toBe(1);
    expect(d.hazards).toEqual({ open: 1, overdue: 1, closed: 0, openMajor: 0, closedThisMonth: 0, foundThisMonth: 1 });
    expect(d.byTownship).toEqual([{ townshipId: longxun, townshipName: '龙浔镇', pending: 1, rectifying: 0, awaiting_verification: 0, closed: 0, overdue: 1 }]);
    expect((await officer.get(`/api/dashboard?townshipId=${longxun}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/dashboard?townshipId=${xunzhong}`)).statusCode).toBe(404);
    const { client: officerA } = await clientFor(ctx, 'institution_officer', { institutionId: instA.id });
    expect((await dashboard(officerA)).hazards).toEqual({ open: 2, overdue: 1, closed: 1, openMajor: 1, closedThisMonth: 1, foundThisMonth: 2 });
  });
});
