import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { auditLog, drill, emergencyPlan, hazard } from '@lifeline/db';
import { anon, clientFor, createTestContext, makeInstitution, testPhoto, upload, type Client, type TestContext } from '../../testing/harness.ts';
import { DRILL_EXPORT_HEADERS } from './drills.export.ts';
import { drillStats } from './drills.service.ts';
import { DRILL_EVALUATION_TEMPLATE } from './drills.evaluation.ts';

let ctx: TestContext;
let inst: { id: string; townshipId: string; name: string };
let sibling: { id: string; townshipId: string; name: string };
let otherInst: { id: string; townshipId: string };
let instOfficer: Client;
let siblingOfficer: Client;
let township: Client;
let township2: Client;
let otherTownship: Client;
let county: Client;
let leader: Client;

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const HOUR = 3600_000;
const DAY = 86400_000;

const held = (over: Record<string, unknown> = {}) => ({
  heldAt: ago(2 * HOUR),
  staffCount: 12,
  residentCount: 40,
  nonAmbulatoryCount: 9,
  nonAmbulatoryMethod: '轮椅推行 6 人，担架转移 3 人',
  evacuationSeconds: 245,
  exitsUsed: '一楼东侧安全出口、西侧安全出口',
  routesUsed: '二楼走廊 → 东侧楼梯 → 院内集合点',
  lifePassageBlocked: false,
  notes: '夜间模拟二楼配电间起火',
  ...over,
});

const plan = (over: Record<string, unknown> = {}) => ({
  institutionId: inst.id,
  scenario: 'fire',
  title: '夜间火灾疏散演练',
  isNight: true,
  plannedAt: new Date(Date.now() + 3 * DAY).toISOString(),
  ...over,
});

const fullEvaluation = (over: Record<string, unknown> = {}) => ({
  items: DRILL_EVALUATION_TEMPLATE.map((i) => ({ code: i.code, label: i.label, maxScore: i.maxScore, score: i.maxScore - 1, comment: '' })),
  comments: '整体有序，失能老人转移偏慢',
  evaluatorName: '县消防救援大队 张教官',
  planNeedsRevision: false,
  ...over,
});

beforeAll(async () => {
  ctx = await createTestContext();
  inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '浔中镇演练测试敬老院' });
  sibling = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '浔中镇未演练福利院' });
  otherInst = await makeInstitution(ctx, { townshipId: ctx.townships['龙浔镇']! });
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
  siblingOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: sibling.id })).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: inst.townshipId })).client;
  township2 = (await clientFor(ctx, 'township_officer', { townshipId: inst.townshipId })).client;
  otherTownship = (await clientFor(ctx, 'township_officer', { townshipId: otherInst.townshipId })).client;
  county = (await clientFor(ctx, 'county_staff')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
});
afterAll(async () => ctx?.close());

describe('POST /api/drills (plan) and the guards', () => {
  it('401 without a session, 403 for the read-only leader', async () => {
    expect((await anon(ctx).post('/api/drills', plan())).statusCode).toBe(401);
    expect((await anon(ctx).get('/api/drills')).statusCode).toBe(401);
    expect((await leader.post('/api/drills', plan())).statusCode).toBe(403);
    // but the leader reads
    expect((await leader.get('/api/drills')).statusCode).toBe(200);
  });

  it('404 for an institution outside the actor scope', async () => {
    expect((await instOfficer.post('/api/drills', plan({ institutionId: otherInst.id }))).statusCode).toBe(404);
    expect((await otherTownship.post('/api/drills', plan())).statusCode).toBe(404);
    expect((await siblingOfficer.post('/api/drills', plan())).statusCode).toBe(404);
  });

  it('400 with field messages: bad scenario, missing planned time, far-off plan; nothing stored', async () => {
    const before = Number((await ctx.db.select({ n: count() }).from(drill))[0]!.n);
    const bad = await instOfficer.post('/api/drills', { institutionId: inst.id, scenario: 'meteor', isNight: false });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('scenario');
    const noTime = await instOfficer.post('/api/drills', { institutionId: inst.id, scenario: 'fire', isNight: false });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.json().error.details[0]).toEqual({ path: 'plannedAt', message: '请填写计划演练时间' });
    const far = await instOfficer.post('/api/drills', plan({ plannedAt: new Date(Date.now() + 1000 * DAY).toISOString() }));
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details[0]).toMatchObject({ path: 'plannedAt' });
    expect((await instOfficer.post('/api/drills', plan({ plannedAt: '2026-06-01 10:00' }))).statusCode).toBe(400);
    expect(Number((await ctx.db.select({ n: count() }).from(drill))[0]!.n)).toBe(before);
  });

  it('a plan of another institution cannot be exercised', async () => {
    const [p] = await ctx.db.insert(emergencyPlan).values({ institutionId: otherInst.id, townshipId: otherInst.townshipId, kind: 'fire', title: '别家的预案', createdById: county.userId }).returning();
    const res = await instOfficer.post('/api/drills', plan({ planId: p!.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('planId');
  });
});

describe('plan → record → evaluate → findings', () => {
  let drillId: string;
  let planId: string;
  let hazardId: string;

  it('plans a drill exercising the institution plan; PATCH while planned', async () => {
    const [p] = await ctx.db.insert(emergencyPlan).values({ institutionId: inst.id, townshipId: inst.townshipId, kind: 'fire', title: '火灾事故应急预案', createdById: instOfficer.userId }).returning();
    planId = p!.id;
    const res = await instOfficer.post('/api/drills', plan({ planId }));
    expect(res.statusCode).toBe(201);
    const d = res.json();
    drillId = d.id;
    expect(d).toMatchObject({ status: 'planned', scenario: 'fire', isNight: true, planId, planTitle: '火灾事故应急预案', heldAt: null });
    expect(d.abilities).toEqual({ update: true, cancel: true, record: true, evaluate: false, addFinding: false });
    // the township sees it with the same abilities; the leader only reads
    expect((await township.get(`/api/drills/${drillId}`)).json().abilities.record).toBe(true);
    expect((await leader.get(`/api/drills/${drillId}`)).json().abilities).toEqual({ update: false, cancel: false, record: false, evaluate: false, addFinding: false });
    // out of scope: 404
    expect((await otherTownship.get(`/api/drills/${drillId}`)).statusCode).toBe(404);
    expect((await siblingOfficer.get(`/api/drills/${drillId}`)).statusCode).toBe(404);
    expect((await otherTownship.post(`/api/drills/${drillId}/record`, held())).statusCode).toBe(404);
    const patched = await township.patch(`/api/drills/${drillId}`, { title: '夜间火灾疏散演练（二楼）', revision: d.revision });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().title).toBe('夜间火灾疏散演练（二楼）');
    expect((await township.patch(`/api/drills/${drillId}`, { title: 'x', revision: d.revision })).statusCode).toBe(409);
  });

  it('refuses a bad record with clear field messages (negative count, future time, 0 seconds, more non-ambulatory than residents)', async () => {
    const neg = await instOfficer.post(`/api/drills/${drillId}/record`, held({ staffCount: -1 }));
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'staffCount', message: expect.stringContaining('不能为负数') })]));
    const future = await instOfficer.post(`/api/drills/${drillId}/record`, held({ heldAt: new Date(Date.now() + DAY).toISOString() }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0]).toEqual({ path: 'heldAt', message: '演练时间不能晚于当前时间' });
    const zero = await instOfficer.post(`/api/drills/${drillId}/record`, held({ evacuationSeconds: 0 }));
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.details[0].path).toBe('evacuationSeconds');
    const tooLong = await instOfficer.post(`/api/drills/${drillId}/record`, held({ evacuationSeconds: 86401 }));
    expect(tooLong.statusCode).toBe(400);
    const nobody = await instOfficer.post(`/api/drills/${drillId}/record`, held({ staffCount: 0, residentCount: 0, nonAmbulatoryCount: 0 }));
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.details).toEqual([{ path: 'staffCount', message: '参演人数不能为 0' }]);
    const more = await instOfficer.post(`/api/drills/${drillId}/record`, held({ nonAmbulatoryCount: 41 }));
    expect(more.statusCode).toBe(400);
    expect(more.json().error.details[0].path).toBe('nonAmbulatoryCount');
    const [row] = await ctx.db.select().from(drill).where(eq(drill.id, drillId));
    expect(row!.status).toBe('planned');
  });

  it('records it held with photos; a retry with the same Idempotency-Key gets the first answer', async () => {
    const photo = (await upload(instOfficer, { filename: '演练现场.jpg', content: await testPhoto() })).json();
    const body = held({ photoIds: [photo.id], lifePassageBlocked: true, exitsUsed: '东侧安全出口（西侧出口被杂物堵塞）' });
    const key = { 'idempotency-key': `record-${drillId}` };
    const [a, b] = await Promise.all([instOfficer.post(`/api/drills/${drillId}/record`, body, key), instOfficer.post(`/api/drills/${drillId}/record`, body, key)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const d = a.json();
    expect(d).toMatchObject({ status: 'held', evacuationSeconds: 245, staffCount: 12, residentCount: 40, nonAmbulatoryCount: 9, lifePassageBlocked: true, photoIds: [photo.id] });
    expect(b.json().heldAt).toBe(d.heldAt);
    expect(d.abilities).toEqual({ update: false, cancel: false, record: false, evaluate: true, addFinding: true });
    // the photo is readable by the township (in scope) but not by another township
    expect((await township.get(`/api/attachments/${photo.id}`)).statusCode).toBe(200);
    expect((await otherTownship.get(`/api/attachments/${photo.id}`)).statusCode).toBe(404);
    // without a key, recording again is an illegal step
    const again = await instOfficer.post(`/api/drills/${drillId}/record`, held());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已举行');
    expect((await instOfficer.patch(`/api/drills/${drillId}`, { title: '改名' })).statusCode).toBe(409);
    expect((await instOfficer.post(`/api/drills/${drillId}/cancel`, {})).statusCode).toBe(409);
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, drillId));
    expect(audits.map((x) => x.action)).toEqual(expect.arrayContaining(['drill.plan', 'drill.update', 'drill.record']));
    expect(audits.filter((x) => x.action === 'drill.record')).toHaveLength(1);
  });

  it('evaluates it with the scored form; out-of-range scores are refused; planNeedsRevision flags the plan', async () => {
    const tpl = (await instOfficer.get('/api/drills/evaluation-template')).json();
    expect(tpl.maxScore).toBe(100);
    expect(tpl.items.map((i: { label: string }) => i.label)).toContain('失能老人转移');
    const over = await township.put(`/api/drills/${drillId}/evaluation`, fullEvaluation({ items: [{ code: 'alarm', label: '报警响应', score: 11, maxScore: 10 }] }));
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details[0].path).toBe('items.0.score');
    expect((await leader.put(`/api/drills/${drillId}/evaluation`, fullEvaluation())).statusCode).toBe(403);
    // a one-item "1/1" is not an evaluation: every item of the form, scored against its own maximum
    const partial = await township.put(`/api/drills/${drillId}/evaluation`, { ...fullEvaluation(), items: [{ code: 'alarm', label: '自评', score: 1, maxScore: 1, comment: '' }] });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.details[0]).toEqual({ path: 'items', message: `请按评估表逐项评分（共 ${DRILL_EVALUATION_TEMPLATE.length} 项）` });
    const res = await township.put(`/api/drills/${drillId}/evaluation`, fullEvaluation({ planNeedsRevision: true, revisionReason: '未明确夜间值班人员分工' }));
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.evaluation).toMatchObject({ totalScore: 92, maxScore: 100, planNeedsRevision: true, evaluatorName: '县消防救援大队 张教官' });
    expect(d.score).toBe(92);
    const [p] = await ctx.db.select().from(emergencyPlan).where(eq(emergencyPlan.id, planId));
    expect(p!.revisionRequested).toBe(true);
    expect(p!.revisionReason).toContain('未明确夜间值班人员分工');
    const planAudit = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, planId));
    expect(planAudit.map((a) => a.action)).toContain('plan.revision_requested');
    // re-evaluating replaces the evaluation
    const again = await township.put(`/api/drills/${drillId}/evaluation`, fullEvaluation());
    expect(again.json().evaluation.planNeedsRevision).toBe(false);
  });

  it('a hazard finding becomes a real hazard (source drill), linked both ways; closing it shows 已销号 on the drill', async () => {
    const bad = await instOfficer.post(`/api/drills/${drillId}/findings`, { kind: 'hazard', description: '西侧安全出口被杂物堵塞' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('hazard');
    const body = {
      kind: 'hazard',
      description: '演练中西侧安全出口被纸箱和轮椅堵塞，疏散人员只能绕行东侧出口',
      action: '立即清理，设置禁止堆放标识',
      hazard: { level: 'general', category: 'life_passage', title: '西侧安全出口被杂物堵塞', location: '一楼西侧安全出口' },
    };
    const key = { 'idempotency-key': `finding-${drillId}-1` };
    const res = await instOfficer.post(`/api/drills/${drillId}/findings`, body, key);
    expect(res.statusCode).toBe(201);
    const replay = await instOfficer.post(`/api/drills/${drillId}/findings`, body, key);
    expect(replay.json().findings).toHaveLength(1);
    const f = res.json().findings[0];
    expect(f.kind).toBe('hazard');
    expect(f.hazard).toMatchObject({ title: '西侧安全出口被杂物堵塞', status: 'pending', level: 'general' });
    hazardId = f.hazard.id;
    const [h] = await ctx.db.select().from(hazard).where(eq(hazard.id, hazardId));
    expect(h).toMatchObject({ source: 'drill', category: 'life_passage', institutionId: inst.id });
    // the hazard detail links back to the drill
    const hd = (await township.get(`/api/hazards/${hazardId}`)).json();
    expect(hd.source).toBe('drill');
    expect(hd.drill).toMatchObject({ id: drillId, title: '夜间火灾疏散演练（二楼）' });
    // it is in the ledger, filterable by source
    const ledger = (await township.get('/api/hazards?source=drill&pageSize=50')).json();
    expect(ledger.items.map((i: { id: string }) => i.id)).toContain(hazardId);
    // the closed loop: start → submit (institution) → verify (a different user: the township)
    expect((await instOfficer.post(`/api/hazards/${hazardId}/start`, { note: '已安排清理' })).statusCode).toBe(200);
    expect((await instOfficer.post(`/api/hazards/${hazardId}/submit`, { note: '杂物已清理，已张贴禁止堆放标识' })).statusCode).toBe(200);
    expect((await township.get(`/api/drills/${drillId}`)).json().findings[0].hazard.status).toBe('awaiting_verification');
    const verify = await township.post(`/api/hazards/${hazardId}/verify`, { note: '复查合格，同意销号' });
    expect(verify.statusCode).toBe(200);
    const after = (await instOfficer.get(`/api/drills/${drillId}`)).json();
    expect(after.findings[0].hazard.status).toBe('closed');
  });

  it('an improvement finding is marked done once; a hazard finding cannot be', async () => {
    const res = await township.post(`/api/drills/${drillId}/findings`, { kind: 'improvement', description: '夜班人员不熟悉失能老人转移方法', action: '每月组织一次床单转移法培训' });
    expect(res.statusCode).toBe(201);
    const f = res.json().findings.find((x: { kind: string }) => x.kind === 'improvement');
    expect(f.abilities.markDone).toBe(true);
    expect((await otherTownship.post(`/api/drills/${drillId}/findings/${f.id}/done`, {})).statusCode).toBe(404);
    const done = await instOfficer.post(`/api/drills/${drillId}/findings/${f.id}/done`, {});
    expect(done.statusCode).toBe(200);
    const doneF = done.json().findings.find((x: { id: string }) => x.id === f.id);
    expect(doneF.doneAt).not.toBeNull();
    expect(doneF.abilities.markDone).toBe(false);
    expect((await instOfficer.post(`/api/drills/${drillId}/findings/${f.id}/done`, {})).statusCode).toBe(409);
    const hz = done.json().findings.find((x: { kind: string }) => x.kind === 'hazard');
    expect((await instOfficer.post(`/api/drills/${drillId}/findings/${hz.id}/done`, {})).statusCode).toBe(409);
    expect(done.json().findingCount).toBe(2);
  });
});

describe('cancel, one-step record, lists, history, coverage, stats and export', () => {
  it('a cancelled drill cannot be recorded (409)', async () => {
    const d = (await instOfficer.post('/api/drills', plan({ title: '将取消的演练', isNight: false }))).json();
    const c = await instOfficer.post(`/api/drills/${d.id}/cancel`, { reason: '当天暴雨' });
    expect(c.statusCode).toBe(200);
    expect(c.json().status).toBe('cancelled');
    const rec = await instOfficer.post(`/api/drills/${d.id}/record`, held());
    expect(rec.statusCode).toBe(409);
    expect(rec.json().error.code).toBe('ILLEGAL_TRANSITION');
    expect(rec.json().error.message).toContain('已取消');
    expect((await instOfficer.post(`/api/drills/${d.id}/findings`, { kind: 'improvement', description: 'x', action: 'y' })).statusCode).toBe(409);
    expect((await instOfficer.put(`/api/drills/${d.id}/evaluation`, fullEvaluation())).statusCode).toBe(409);
  });

  it('records an unplanned drill in one step (idempotent), with the same range checks', async () => {
    const future = await instOfficer.post('/api/drills', { institutionId: inst.id, scenario: 'earthquake', held: held({ heldAt: new Date(Date.now() + HOUR).toISOString() }) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0]).toEqual({ path: 'held.heldAt', message: '演练时间不能晚于当前时间' });
    const neg = await instOfficer.post('/api/drills', { institutionId: inst.id, scenario: 'earthquake', held: held({ residentCount: -3 }) });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.details[0].path).toBe('held.residentCount');
    const body = { institutionId: inst.id, scenario: 'earthquake', title: '地震避险演练', held: held({ heldAt: ago(20 * DAY), evacuationSeconds: 300 }) };
    const key = { 'idempotency-key': 'drill-one-step-0001' };
    const results = await Promise.all([1, 2, 3].map(() => instOfficer.post('/api/drills', body, key)));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(results[0]!.json()).toMatchObject({ status: 'held', plannedAt: results[0]!.json().heldAt });
    expect(await ctx.db.select().from(drill).where(eq(drill.title, '地震避险演练'))).toHaveLength(1);
    // a second fire drill, earlier and slower, for the trend
    await instOfficer.post('/api/drills', { institutionId: inst.id, scenario: 'fire', title: '白天火灾疏散', held: held({ heldAt: ago(40 * DAY), evacuationSeconds: 320 }) });
    // an old drill of the sibling, outside the 90-day window
    await township.post('/api/drills', { institutionId: sibling.id, scenario: 'fire', title: '很久以前的演练', held: held({ heldAt: ago(200 * DAY) }) });
  });

  it('lists by scope and filters (scenario, status, night, dates); 400 on bad filters', async () => {
    const mine = (await instOfficer.get('/api/drills?pageSize=100')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((d: { institutionId: string }) => d.institutionId === inst.id)).toBe(true);
    const tw = (await township.get('/api/drills?pageSize=100')).json();
    expect(tw.items.some((d: { institutionId: string }) => d.institutionId === sibling.id)).toBe(true);
    expect((await otherTownship.get('/api/drills?pageSize=100')).json().total).toBe(0);
    const night = (await township.get('/api/drills?night=true&status=held')).json();
    expect(night.items.every((d: { isNight: boolean; status: string }) => d.isNight && d.status === 'held')).toBe(true);
    expect(night.total).toBe(1);
    const quake = (await county.get(`/api/drills?scenario=earthquake&institutionId=${inst.id}`)).json();
    expect(quake.items.map((d: { title: string }) => d.title)).toEqual(['地震避险演练']);
    const old = new Date(Date.now() - 150 * DAY + 8 * HOUR).toISOString().slice(0, 10);
    const recent = (await township.get(`/api/drills?from=${old}&status=held&pageSize=100`)).json();
    expect(recent.items.some((d: { title: string }) => d.title === '很久以前的演练')).toBe(false);
    const paged = (await township.get('/api/drills?pageSize=2&page=1')).json();
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBeGreaterThan(2);
    expect((await township.get('/api/drills?scenario=meteor')).statusCode).toBe(400);
    expect((await township.get('/api/drills?from=2026-02-30')).statusCode).toBe(400);
  });

  it('history: held drills per scenario with the evacuation-time trend (oldest first)', async () => {
    const h = (await instOfficer.get(`/api/drills/history?institutionId=${inst.id}`)).json();
    expect(h.held).toBe(3);
    expect(h.nightHeld).toBe(1);
    const fire = h.scenarios.find((s: { scenario: string }) => s.scenario === 'fire');
    expect(fire.points.map((p: { evacuationSeconds: number }) => p.evacuationSeconds)).toEqual([320, 245]);
    expect(fire).toMatchObject({ held: 2, nightHeld: 1, lastSeconds: 245, bestSeconds: 245 });
    expect(h.scenarios.find((s: { scenario: string }) => s.scenario === 'earthquake').held).toBe(1);
    expect((await siblingOfficer.get(`/api/drills/history?institutionId=${inst.id}`)).statusCode).toBe(404);
    expect((await otherTownship.get(`/api/drills/history?institutionId=${inst.id}`)).statusCode).toBe(404);
    expect((await township.get('/api/drills/history?institutionId=nope')).statusCode).toBe(400);
  });

  it('coverage: institutions × scenarios, night drills separately, the ones without a drill in 90 days', async () => {
    const c = (await township.get('/api/drills/coverage')).json();
    expect(c.windowDays).toBe(90);
    expect(c.townshipId).toBe(inst.townshipId);
    const row = c.institutions.find((i: { institutionId: string }) => i.institutionId === inst.id);
    expect(row).toMatchObject({ covered: true, heldInWindow: 3, nightHeldInWindow: 1 });
    expect(row.lastNightHeldAt).not.toBeNull();
    const fire = row.cells.find((x: { scenario: string }) => x.scenario === 'fire');
    expect(fire.held).toBe(2);
    expect(fire.lastNightHeldAt).not.toBeNull();
    expect(row.cells.find((x: { scenario: string }) => x.scenario === 'flood_typhoon')).toMatchObject({ held: 0, lastHeldAt: null });
    const sib = c.institutions.find((i: { institutionId: string }) => i.institutionId === sibling.id);
    expect(sib).toMatchObject({ covered: false, heldInWindow: 0 });
    expect(sib.lastHeldAt).not.toBeNull();
    expect(c.totals).toMatchObject({ institutions: 2, covered: 1, uncovered: 1 });
    // another township is not visible; the county picks any
    expect((await otherTownship.get(`/api/drills/coverage?townshipId=${inst.townshipId}`)).statusCode).toBe(404);
    const countyView = (await county.get(`/api/drills/coverage?townshipId=${inst.townshipId}`)).json();
    expect(countyView.totals.institutions).toBe(2);
    // the window is a setting
    ctx.clock.now = new Date(Date.now() + 80 * DAY);
    try {
      const later = (await township.get('/api/drills/coverage')).json();
      expect(later.institutions.find((i: { institutionId: string }) => i.institutionId === inst.id).heldInWindow).toBe(1);
    } finally {
      ctx.clock.now = null;
    }
  });

  it('drillStats counts held drills, night drills, participants and institutions in the scope', async () => {
    const actor = {
      id: township.userId,
      username: 't',
      displayName: 't',
      role: 'township_officer' as const,
      countyId: ctx.countyId,
      officeId: null,
      townshipId: inst.townshipId,
      institutionId: null,
      mustChangePassword: false,
      permissions: new Set(['preparedness.read' as const]),
    };
    const s = await drillStats(ctx.db, actor, { from: new Date(Date.now() - 90 * DAY), to: new Date() });
    expect(s).toMatchObject({ held: 3, nightHeld: 1, participants: 3 * 52, institutionsCovered: 1 });
    expect(s.byScenario).toMatchObject({ fire: 2, earthquake: 1, flood_typhoon: 0 });
    const all = await drillStats(ctx.db, actor, { from: new Date(Date.now() - 365 * DAY), to: new Date() });
    expect(all).toMatchObject({ held: 4, institutionsCovered: 2 });
    const otherActor = { ...actor, townshipId: otherInst.townshipId };
    expect((await drillStats(ctx.db, otherActor, { from: new Date(0), to: new Date() })).held).toBe(0);
  });

  it('exports .xlsx with Chinese headers and local-time date cells, scoped', async () => {
    const res = await township.get('/api/drills/export.xlsx?status=held');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('应急演练')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(DRILL_EXPORT_HEADERS);
    expect(ws.rowCount).toBe(5);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const col = (r: ExcelJS.Row, name: string) => r.getCell(DRILL_EXPORT_HEADERS.indexOf(name) + 1).value;
    const night = rows.find((r) => col(r, '夜间演练') === '是')!;
    expect(col(night, '演练场景')).toBe('火灾疏散');
    expect(col(night, '疏散用时（秒）')).toBe(245);
    expect(col(night, '生命通道受阻')).toBe('是');
    expect(col(night, '评估得分')).toBe(92);
    const heldCell = col(night, '演练时间') as Date;
    expect(heldCell).toBeInstanceOf(Date);
    const [d] = await ctx.db.select().from(drill).where(eq(drill.title, '夜间火灾疏散演练（二楼）'));
    // the cell holds the Shanghai wall time of the held instant
    expect(Math.abs(heldCell.getTime() - (d!.heldAt!.getTime() + 8 * HOUR))).toBeLessThan(1000);
    const other = await otherTownship.get('/api/drills/export.xlsx');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('应急演练')!.rowCount).toBe(1);
    expect((await anon(ctx).get('/api/drills/export.xlsx')).statusCode).toBe(401);
  });

  it('a second township officer may also verify: the drill still reads the live hazard status', async () => {
    const d = (await township2.get('/api/drills?status=held&night=true')).json().items[0];
    const detail = (await township2.get(`/api/drills/${d.id}`)).json();
    expect(detail.findings.find((f: { kind: string }) => f.kind === 'hazard').hazard.status).toBe('closed');
  });
});
