import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '@lifeline/shared';
import { clientFor, createTestContext, makeInstitution, type Client, type TestContext } from '../../testing/harness.ts';

/** `count` deliverables: progress counted from the live records of the period (no submissions). */
let ctx: TestContext;
let admin: Client;
let township: Client;
let otherTownship: Client;
let instOfficer: Client;
let instId: string;
let campaignId: string;

const mine = async (c: Client): Promise<Assignment[]> => (await c.get(`/api/campaign-assignments?mine=true&campaignId=${campaignId}`)).json().items;

beforeAll(async () => {
  ctx = await createTestContext();
  const inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']! });
  instId = inst.id;
  admin = (await clientFor(ctx, 'county_admin')).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['浔中镇']! })).client;
  otherTownship = (await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['龙浔镇']! })).client;
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
  ctx.clock.now = new Date('2030-05-20T02:00:00Z');
  campaignId = (await admin.post('/api/campaigns/from-notice', { text: '关于开展2030年安全检查的通知\n\n各乡镇民政办：\n请做好安全工作。\n' })).json().campaign.id;
  await admin.patch(`/api/campaigns/${campaignId}`, { startsOn: '2030-06-01', endsOn: '2030-06-30' });
  const study = await admin.post(`/api/campaigns/${campaignId}/tasks`, { title: '开展学习《判定标准》专题学习', assigneeScope: 'each_township', deadline: '2030-06-20', deliverableKind: 'count', countOf: 'study_session', requiredQuantity: 1 });
  expect(study.statusCode, study.body).toBe(201);
  const drills = await admin.post(`/api/campaigns/${campaignId}/tasks`, { title: '组织应急疏散演练', assigneeScope: 'each_institution', deadline: '2030-06-25', deliverableKind: 'count', countOf: 'drill', requiredQuantity: 2 });
  expect(drills.statusCode, drills.body).toBe(201);
  expect((await admin.post(`/api/campaigns/${campaignId}/publish`)).statusCode).toBe(200);
});
afterAll(async () => ctx?.close());

describe('count tasks', () => {
  it('start at 0 of the quantity, tracked, and take no submissions (409)', async () => {
    const [a] = await mine(township);
    expect(a).toMatchObject({ state: 'not_started', count: { done: 0, required: 1, tracked: true } });
    const res = await township.post(`/api/campaign-assignments/${a!.id}/submissions`, { text: '已学习' });
    expect(res.statusCode).toBe(409);
  });

  it('a study session of the township in the period completes its task; before the period it does not count', async () => {
    ctx.clock.now = new Date('2030-06-10T02:00:00Z');
    expect((await township.post('/api/study-sessions', { kind: 'seminar', heldOn: '2030-05-30', topic: '活动前的学习', participantCount: 8 })).statusCode).toBe(201);
    expect((await mine(township))[0]).toMatchObject({ state: 'not_started', count: { done: 0 } });
    expect((await township.post('/api/study-sessions', { kind: 'seminar', heldOn: '2030-06-08', topic: '学习《养老机构重大事故隐患判定标准》', regulations: ['major_hazard_criteria'], participantCount: 12 })).statusCode).toBe(201);
    expect((await mine(township))[0]).toMatchObject({ state: 'accepted', count: { done: 1, required: 1 } });
    expect((await mine(otherTownship))[0]).toMatchObject({ state: 'not_started', count: { done: 0 } });
  });

  it('held drills count towards the institution (1 of 2, then done); the board shows the progress; missing ones turn 逾期', async () => {
    const held = (heldAt: string) => ({ institutionId: instId, scenario: 'fire', held: { heldAt, staffCount: 4, residentCount: 10, evacuationSeconds: 150 } });
    expect((await instOfficer.post('/api/drills', held('2030-06-09T02:00:00Z'))).statusCode).toBe(201);
    expect((await mine(instOfficer))[0]).toMatchObject({ state: 'not_started', count: { done: 1, required: 2 } });
    expect((await instOfficer.post('/api/drills', held('2030-06-10T01:00:00Z'))).statusCode).toBe(201);
    expect((await mine(instOfficer))[0]).toMatchObject({ state: 'accepted', count: { done: 2, required: 2 } });
    ctx.clock.now = new Date('2030-06-26T02:00:00Z');
    const board = (await admin.get(`/api/campaigns/${campaignId}/board`)).json();
    const row = board.units.find((u: { institutionId: string | null }) => u.institutionId === instId);
    expect(Object.values(row.cells)).toEqual([expect.objectContaining({ state: 'accepted', count: { done: 2, required: 2, tracked: true } })]);
    const lx = board.units.find((u: { unitName: string }) => u.unitName === '龙浔镇');
    expect(Object.values(lx.cells)).toEqual([expect.objectContaining({ state: 'overdue', count: { done: 0, required: 1, tracked: true } })]);
    ctx.clock.now = null;
  });
});
