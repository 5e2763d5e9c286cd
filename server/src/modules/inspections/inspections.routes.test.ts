import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import { checklistItem, checklistTemplate, checklistVersion, hazard, inspection } from '@lifeline/db';
import { anon, clientFor, localDateIn, createTestContext, makeInstitution, testPhoto, upload, type Client, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let inst: { id: string; townshipId: string };
let otherInst: { id: string; townshipId: string };
let childHome: { id: string; townshipId: string };
let instOfficer: Client;
let township: Client;
let county: Client;
let leader: Client;

async function version(code: string) {
  const [v] = await ctx.db
    .select({ id: checklistVersion.id })
    .from(checklistVersion)
    .innerJoin(checklistTemplate, eq(checklistTemplate.id, checklistVersion.templateId))
    .where(and(eq(checklistTemplate.code, code), eq(checklistVersion.version, 1)));
  const items = await ctx.db.select().from(checklistItem).where(eq(checklistItem.versionId, v!.id)).orderBy(asc(checklistItem.sortOrder));
  return { id: v!.id, items };
}

/** All real items answered `pass`, except the given codes answered `fail`. */
function answers(items: Awaited<ReturnType<typeof version>>['items'], fails: Record<string, Record<string, unknown>> = {}) {
  return items
    .filter((i) => !i.isPlaceholder)
    .map((i) => (fails[i.code] ? { itemId: i.id, result: 'fail', note: '', photoIds: [], ...fails[i.code] } : { itemId: i.id, result: 'pass' }));
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ctx = await createTestContext();
  inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']! });
  otherInst = await makeInstitution(ctx, { townshipId: ctx.townships['龙浔镇']! });
  childHome = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, type: 'child_welfare' });
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: inst.townshipId })).client;
  county = (await clientFor(ctx, 'county_staff')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
});
afterAll(async () => ctx?.close());

describe('POST /api/inspections', () => {
  it('a self-inspection with one failed 生命通道 item and a photo creates exactly one hazard carrying that photo', async () => {
    const lp = await version('life-passage');
    const photo = (await upload(instOfficer, { filename: '安全出口上锁.jpg', content: await testPhoto() })).json();
    const res = await instOfficer.post('/api/inspections', {
      kind: 'self',
      institutionId: inst.id,
      checklistVersionId: lp.id,
      inspectedOn: today(),
      inspectors: '王安全',
      results: answers(lp.items, { 'LP-02': { note: '一楼北侧安全出口用铁链锁闭', location: '一楼北侧安全出口', photoIds: [photo.id] } }),
    });
    expect(res.statusCode).toBe(201);
    const detail = res.json();
    expect(detail.kind).toBe('self');
    expect(detail.failCount).toBe(1);
    expect(detail.hazardCount).toBe(1);
    const failed = detail.results.find((r: { code: string }) => r.code === 'LP-02');
    expect(failed.hazardCode).toMatch(/^YH/);
    expect(failed.photoIds).toEqual([photo.id]);
    const h = (await instOfficer.get(`/api/hazards/${failed.hazardId}`)).json();
    expect(h).toMatchObject({ source: 'inspection', category: 'life_passage', level: 'general', location: '一楼北侧安全出口', inspectionId: detail.id });
    expect(h.checklistItem.code).toBe('LP-02');
    expect(h.photoIds).toEqual([photo.id]);
    // default deadline for a general hazard: 30 days after the inspection
    const days = (Date.parse(h.deadline) - Date.parse(h.foundAt)) / 86400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31.1);
    // the township sees the inspection and the hazard in the ledger
    const list = (await township.get(`/api/hazards?institutionId=${inst.id}&source=inspection`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(h.id);
  });

  it('a failed major-hazard criterion becomes a major hazard under 挂牌督办', async () => {
    const v = await version('elderly-major-hazard-2023');
    const res = await township.post('/api/inspections', {
      kind: 'township',
      institutionId: inst.id,
      checklistVersionId: v.id,
      inspectedOn: today(),
      results: answers(v.items, { '4.4': { note: '电梯检验合格证过期', deadline: localDateIn(31) } }),
    });
    expect(res.statusCode).toBe(201);
    const r = res.json().results.find((x: { code: string }) => x.code === '4.4');
    const h = (await township.get(`/api/hazards/${r.hazardId}`)).json();
    expect(h).toMatchObject({ level: 'major', listedSupervision: true, deadlineDate: localDateIn(31) });
  });

  it('401 anonymous, 403 for the leader and for a kind the role may not file', async () => {
    const lp = await version('life-passage');
    const body = { kind: 'county', institutionId: inst.id, checklistVersionId: lp.id, inspectedOn: today(), results: answers(lp.items) };
    expect((await anon(ctx).post('/api/inspections', body)).statusCode).toBe(401);
    expect((await leader.post('/api/inspections', body)).statusCode).toBe(403);
    const wrongKind = await instOfficer.post('/api/inspections', body);
    expect(wrongKind.statusCode).toBe(403);
  });

  it('404 for an institution out of scope', async () => {
    const lp = await version('life-passage');
    const res = await township.post('/api/inspections', { kind: 'township', institutionId: otherInst.id, checklistVersionId: lp.id, inspectedOn: today(), results: answers(lp.items) });
    expect(res.statusCode).toBe(404);
  });

  it('400 for missing items, placeholder items, a future date, a checklist of another type, or a failure without note or photo', async () => {
    const lp = await version('life-passage');
    const before = Number((await ctx.db.select({ n: count() }).from(inspection))[0]!.n);
    const partial = await county.post('/api/inspections', { kind: 'county', institutionId: inst.id, checklistVersionId: lp.id, inspectedOn: today(), results: answers(lp.items).slice(1) });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.details[0]).toMatchObject({ path: 'results' });

    const major = await version('elderly-major-hazard-2023');
    const placeholder = major.items.find((i) => i.isPlaceholder)!;
    const withPlaceholder = await county.post('/api/inspections', {
      kind: 'county', institutionId: inst.id, checklistVersionId: major.id, inspectedOn: today(),
      results: [...answers(major.items), { itemId: placeholder.id, result: 'pass' }],
    });
    expect(withPlaceholder.statusCode).toBe(400);
    expect(withPlaceholder.json().error.details[0].message).toContain('待县局补充');

    const future = await county.post('/api/inspections', { kind: 'county', institutionId: inst.id, checklistVersionId: lp.id, inspectedOn: '2999-01-01', results: answers(lp.items) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('inspectedOn');

    const wrongType = await county.post('/api/inspections', { kind: 'county', institutionId: childHome.id, checklistVersionId: major.id, inspectedOn: today(), results: answers(major.items) });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details[0].path).toBe('checklistVersionId');

    const bare = await county.post('/api/inspections', { kind: 'county', institutionId: inst.id, checklistVersionId: lp.id, inspectedOn: today(), results: answers(lp.items, { 'LP-01': { note: '' } }) });
    expect(bare.statusCode).toBe(400);

    const ancient = await county.post('/api/inspections', { kind: 'county', institutionId: inst.id, checklistVersionId: lp.id, inspectedOn: '1999-01-01', results: answers(lp.items) });
    expect(ancient.statusCode).toBe(400);
    expect(ancient.json().error.details[0].path).toBe('inspectedOn');

    const farDeadline = await county.post('/api/inspections', { kind: 'county', institutionId: inst.id, checklistVersionId: lp.id, inspectedOn: today(), results: answers(lp.items, { 'LP-05': { note: '应急灯不亮', deadline: localDateIn(2000) } }) });
    expect(farDeadline.statusCode).toBe(400);
    const idx = answers(lp.items).findIndex((r) => r.itemId === lp.items.find((i) => i.code === 'LP-05')!.id);
    expect(farDeadline.json().error.details[0].path).toBe(`results.${idx}.deadline`);

    const malformed = await county.post('/api/inspections', { kind: 'county', institutionId: 'x', results: [] });
    expect(malformed.statusCode).toBe(400);
    expect(Number((await ctx.db.select({ n: count() }).from(inspection))[0]!.n)).toBe(before);
  });

  it('a phone retry with the same Idempotency-Key makes one inspection and one set of hazards', async () => {
    const lp = await version('life-passage');
    const body = { kind: 'self', institutionId: inst.id, checklistVersionId: lp.id, inspectedOn: today(), inspectors: '重试测试', results: answers(lp.items, { 'LP-03': { note: '消防车通道停放车辆' } }) };
    const [a, b] = await Promise.all([
      instOfficer.post('/api/inspections', body, { 'idempotency-key': 'insp-retry-000001' }),
      instOfficer.post('/api/inspections', body, { 'idempotency-key': 'insp-retry-000001' }),
    ]);
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    const rows = await ctx.db.select().from(inspection).where(eq(inspection.inspectors, '重试测试'));
    expect(rows).toHaveLength(1);
    const hz = await ctx.db.select().from(hazard).where(eq(hazard.inspectionId, rows[0]!.id));
    expect(hz).toHaveLength(1);
  });
});

describe('GET /api/inspections', () => {
  it('lists within scope and shows details; out of scope is 404', async () => {
    const lp = await version('life-passage');
    const other = await county.post('/api/inspections', { kind: 'county', institutionId: otherInst.id, checklistVersionId: lp.id, inspectedOn: today(), results: answers(lp.items) });
    expect(other.statusCode).toBe(201);
    const mine = (await township.get('/api/inspections?pageSize=100')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((i: { townshipId: string }) => i.townshipId === inst.townshipId)).toBe(true);
    expect((await township.get(`/api/inspections/${other.json().id}`)).statusCode).toBe(404);
    expect((await instOfficer.get(`/api/inspections/${other.json().id}`)).statusCode).toBe(404);
    const all = (await leader.get('/api/inspections?pageSize=100')).json();
    expect(all.items.map((i: { id: string }) => i.id)).toContain(other.json().id);
    const detail = (await leader.get(`/api/inspections/${other.json().id}`)).json();
    expect(detail.results.length).toBe(lp.items.length);
    expect(detail.checklistName).toBe('生命通道检查表');
    expect((await leader.get('/api/inspections?kind=nope')).statusCode).toBe(400);
    expect((await anon(ctx).get('/api/inspections')).statusCode).toBe(401);
  });
});
