import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { auditLog, institution } from '@lifeline/db';
import type { StudyCoverage, StudySession } from '@lifeline/shared';
import { anon, clientFor, createTestContext, makeInstitution, testPhoto, upload, type Client, type TestContext } from '../../testing/harness.ts';
import { studyStats } from './study.service.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

let ctx: TestContext;
let admin: Client;
let leader: Client;
let xunzhong: Client;
let longmen: Client;
let officer: Client;
let otherOfficer: Client;
let instId: string;
let inst2Id: string;
let otherInstId: string;

const at = (iso: string) => {
  ctx.clock.now = new Date(iso);
};
const body = (over: Record<string, unknown> = {}) => ({
  kind: 'seminar',
  heldOn: '2024-06-10',
  organiser: '院长',
  topic: '专题学习《养老机构重大事故隐患判定标准》',
  regulations: ['major_hazard_criteria'],
  participantCount: 12,
  ...over,
});

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '浔中镇培训测试院' });
  const b = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '浔中镇培训测试院二' });
  const c = await makeInstitution(ctx, { townshipId: ctx.townships['龙门滩镇']!, name: '龙门滩镇培训测试院' });
  await ctx.db.update(institution).set({ staffCount: 20 }).where(eq(institution.id, a.id));
  await ctx.db.update(institution).set({ staffCount: 10 }).where(eq(institution.id, b.id));
  instId = a.id;
  inst2Id = b.id;
  otherInstId = c.id;
  admin = (await clientFor(ctx, 'county_admin')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
  xunzhong = (await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['浔中镇']! })).client;
  longmen = (await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['龙门滩镇']! })).client;
  officer = (await clientFor(ctx, 'institution_officer', { institutionId: a.id })).client;
  otherOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: c.id })).client;
  at('2024-06-12T02:00:00Z');
});
afterAll(async () => ctx?.close());

let sessionId: string;
let countySessionId: string;
let townshipSessionId: string;

describe('recording a session', () => {
  it('401, 403 (leader), 400 field errors, future date 400, fewer people than names 400', async () => {
    expect((await anon(ctx).post('/api/study-sessions', body())).statusCode).toBe(401);
    expect((await anon(ctx).get('/api/study-sessions')).statusCode).toBe(401);
    expect((await leader.post('/api/study-sessions', body())).statusCode).toBe(403);
    const bad = await officer.post('/api/study-sessions', body({ kind: 'party', heldOn: '2024-13-01', topic: '', participantCount: -1, regulations: ['bogus'], participantNames: ['x'.repeat(51)] }));
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'heldOn', 'topic', 'participantCount', 'regulations.0', 'participantNames.0']));
    expect((await officer.post('/api/study-sessions', body({ participantCount: 100001 }))).statusCode).toBe(400);
    const future = await officer.post('/api/study-sessions', body({ heldOn: '2024-06-13' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('heldOn');
    const names = await officer.post('/api/study-sessions', body({ participantCount: 1, participantNames: ['张三', '李四'] }));
    expect(names.statusCode).toBe(400);
    expect(names.json().error.details[0].path).toBe('participantCount');
  });

  it('the level follows the actor: institution officer → own institution; other institution → 404; county level → 403', async () => {
    const photo = await upload(officer, { filename: '现场.jpg', content: await testPhoto() });
    const res = await officer.post('/api/study-sessions', body({ participantCount: 5, participantNames: ['张三', '李四', ' 张三 ', ''], photoIds: [photo.json().id] }));
    expect(res.statusCode).toBe(201);
    const s = res.json();
    sessionId = s.id;
    expect(s).toMatchObject({ level: 'institution', institutionId: instId, unitName: '浔中镇培训测试院', participantNames: ['张三', '李四'], abilities: { update: true, delete: true } });
    expect(s.attachments).toHaveLength(1);
    expect((await xunzhong.get(s.attachments[0].url)).statusCode).toBe(200);
    expect((await longmen.get(s.attachments[0].url)).statusCode).toBe(404);
    expect((await officer.post('/api/study-sessions', body({ institutionId: otherInstId }))).statusCode).toBe(404);
    expect((await officer.post('/api/study-sessions', body({ level: 'county' }))).statusCode).toBe(403);
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, sessionId), eq(auditLog.action, 'study.record')));
    expect(audit).toBeTruthy();
  });

  it('county records county-level sessions only; township records its own or its institutions\'', async () => {
    const county = await admin.post('/api/study-sessions', body({ kind: 'lecture', topic: '全县民政系统安全生产集中宣讲', participantCount: 80, regulations: ['work_safety_law'] }));
    expect(county.statusCode).toBe(201);
    expect(county.json()).toMatchObject({ level: 'county', townshipId: null, institutionId: null });
    countySessionId = county.json().id;
    expect((await admin.post('/api/study-sessions', body({ institutionId: instId }))).statusCode).toBe(403);

    const tw = await xunzhong.post('/api/study-sessions', body({ kind: 'case_law', topic: '以案普法', participantCount: 15, regulations: ['fire_law'] }));
    expect(tw.statusCode).toBe(201);
    expect(tw.json()).toMatchObject({ level: 'township', townshipId: ctx.townships['浔中镇'], unitName: '浔中镇' });
    townshipSessionId = tw.json().id;
    const forInst = await xunzhong.post('/api/study-sessions', body({ institutionId: inst2Id, participantCount: 8, kind: 'expert_talk' }));
    expect(forInst.statusCode).toBe(201);
    expect(forInst.json()).toMatchObject({ level: 'institution', institutionId: inst2Id, abilities: { update: true } });
    expect((await xunzhong.post('/api/study-sessions', body({ institutionId: otherInstId }))).statusCode).toBe(404);
    expect((await xunzhong.post('/api/study-sessions', body({ townshipId: ctx.townships['龙门滩镇'] }))).statusCode).toBe(404);
  });

  it('an Idempotency-Key retry returns the first record', async () => {
    const key = 'study-retry-0001';
    const first = await otherOfficer.post('/api/study-sessions', body({ topic: '班前会', kind: 'pre_shift_meeting', regulations: [] }), { 'idempotency-key': key });
    const again = await otherOfficer.post('/api/study-sessions', body({ topic: '班前会', kind: 'pre_shift_meeting', regulations: [] }), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
  });
});

describe('reading, editing, deleting', () => {
  it('visibility: county sessions for all, township sessions for its township, institution sessions in scope', async () => {
    const ids = (c: Client) => c.get('/api/study-sessions?pageSize=100').then((r) => r.json().items.map((s: StudySession) => s.id));
    expect(await ids(officer)).toEqual(expect.arrayContaining([sessionId, countySessionId, townshipSessionId]));
    expect(await ids(otherOfficer)).not.toContain(sessionId);
    expect(await ids(otherOfficer)).not.toContain(townshipSessionId);
    expect(await ids(otherOfficer)).toContain(countySessionId);
    expect((await longmen.get(`/api/study-sessions/${sessionId}`)).statusCode).toBe(404);
    expect((await longmen.get(`/api/study-sessions/${MISSING}`)).statusCode).toBe(404);
    expect((await officer.get(`/api/study-sessions/${countySessionId}`)).json().abilities).toEqual({ update: false, delete: false });
  });

  it('filters by township, kind, regulation and dates', async () => {
    const q = (s: string) => admin.get(`/api/study-sessions?${s}`).then((r) => r.json());
    expect((await q(`townshipId=${ctx.townships['浔中镇']}`)).total).toBe(3);
    expect((await q('kind=lecture')).items.map((s: StudySession) => s.id)).toEqual([countySessionId]);
    expect((await q('regulation=major_hazard_criteria')).total).toBe(2);
    expect((await q('from=2024-06-11')).total).toBe(0);
    expect((await q('to=2024-06-10&pageSize=2')).items).toHaveLength(2);
    expect((await admin.get('/api/study-sessions?regulation=nope')).statusCode).toBe(400);
  });

  it('PATCH and DELETE only at the actor\'s own level (403 otherwise), audited', async () => {
    expect((await xunzhong.patch(`/api/study-sessions/${sessionId}`, { topic: '改' })).statusCode).toBe(403);
    expect((await officer.patch(`/api/study-sessions/${countySessionId}`, { topic: '改' })).statusCode).toBe(403);
    expect((await longmen.patch(`/api/study-sessions/${sessionId}`, { topic: '改' })).statusCode).toBe(404);
    expect((await officer.patch(`/api/study-sessions/${sessionId}`, { heldOn: '2030-01-01' })).statusCode).toBe(400);
    expect((await officer.patch(`/api/study-sessions/${sessionId}`, {})).statusCode).toBe(400);
    const ok = await officer.patch(`/api/study-sessions/${sessionId}`, { participantCount: 6, notes: '补充' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ participantCount: 6, notes: '补充' });
    expect((await officer.delete(`/api/study-sessions/${townshipSessionId}`)).statusCode).toBe(403);
    const temp = (await officer.post('/api/study-sessions', body({ topic: '待删除' }))).json();
    expect((await officer.delete(`/api/study-sessions/${temp.id}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/study-sessions/${temp.id}`)).statusCode).toBe(404);
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, temp.id));
    expect(audits.map((a) => a.action).sort()).toEqual(['study.delete', 'study.record']);
  });
});

describe('coverage on the major-hazard criteria', () => {
  it('named participants are counted once; count-only sessions use the largest single count; capped at the staff count', async () => {
    // inst A (20 staff): session 1 names 张三, 李四 (count 6); add a named session with 李四, 王五
    await officer.post('/api/study-sessions', body({ heldOn: '2024-06-11', participantCount: 2, participantNames: ['李四', '王五'] }));
    // a session on other regulations does not count
    await officer.post('/api/study-sessions', body({ heldOn: '2024-06-11', participantCount: 19, regulations: ['fire_law'] }));
    // inst B (10 staff): count-only sessions 8 (by the township) and 7 → 8; then 30 → capped at 10
    await xunzhong.post('/api/study-sessions', body({ institutionId: inst2Id, participantCount: 7 }));
    let cov = (await xunzhong.get('/api/study-sessions/coverage?year=2024')).json() as StudyCoverage;
    const a = () => cov.items.find((i) => i.institutionId === instId)!;
    const b = () => cov.items.find((i) => i.institutionId === inst2Id)!;
    // A: names {张三, 李四, 王五} = 3, largest count 6 → 6 of 20
    expect(a()).toMatchObject({ staffCount: 20, trained: 6, share: 0.3, sessions: 3, criteriaSessions: 2 });
    expect(b()).toMatchObject({ staffCount: 10, trained: 8, share: 0.8, criteriaSessions: 2 });
    expect(cov.items.every((i) => i.townshipId === ctx.townships['浔中镇'])).toBe(true);

    await xunzhong.post('/api/study-sessions', body({ institutionId: inst2Id, participantCount: 30 }));
    // more names than the largest count: 8 distinct named people
    await officer.post('/api/study-sessions', body({ heldOn: '2024-06-12', participantCount: 5, participantNames: ['赵一', '钱二', '孙三', '周四', '吴五'] }));
    cov = (await xunzhong.get('/api/study-sessions/coverage?year=2024')).json();
    expect(b()).toMatchObject({ trained: 10, share: 1 });
    expect(a()).toMatchObject({ trained: 8, share: 0.4 });
    expect(cov.totals).toMatchObject({ staffCount: 30, trained: 18 });

    // another year has nothing; staff count 0 → share null; out-of-scope township 404
    const y2023 = (await admin.get(`/api/study-sessions/coverage?year=2023&townshipId=${ctx.townships['龙门滩镇']}`)).json() as StudyCoverage;
    expect(y2023.items.find((i) => i.institutionId === otherInstId)).toMatchObject({ staffCount: 0, trained: 0, share: null, sessions: 0 });
    expect((await xunzhong.get(`/api/study-sessions/coverage?townshipId=${ctx.townships['龙门滩镇']}`)).statusCode).toBe(404);
    expect((await xunzhong.get('/api/study-sessions/coverage?year=99')).statusCode).toBe(400);
    // the year defaults to this local year
    expect((await officer.get('/api/study-sessions/coverage')).json()).toMatchObject({ year: 2024, items: [{ institutionId: instId, trained: 8 }] });
  });

  it('studyStats counts sessions, participants, kinds and criteria sessions in the actor\'s visibility', async () => {
    const me = { id: 'x', username: 'x', displayName: 'x', role: 'county_admin' as const, countyId: ctx.countyId, officeId: null, townshipId: null, institutionId: null, mustChangePassword: false, permissions: new Set(['preparedness.read' as const]) };
    const all = await studyStats(ctx.db, me, { from: '2024-01-01', to: '2024-12-31' });
    const tw = await studyStats(ctx.db, me, { from: '2024-01-01', to: '2024-12-31', townshipId: ctx.townships['浔中镇']! });
    expect(all.sessions).toBe(tw.sessions + 2); // + the county lecture and 龙门滩's 班前会
    expect(tw.byKind.case_law).toBe(1);
    expect(all.byKind.lecture).toBe(1);
    expect(tw.criteriaSessions).toBe(6);
    expect(all.participants).toBeGreaterThan(80);
    expect((await studyStats(ctx.db, me, { from: '2025-01-01', to: '2025-12-31' })).sessions).toBe(0);
  });
});

describe('export', () => {
  it('exports the register as .xlsx readable with exceljs', async () => {
    const res = await xunzhong.get('/api/study-sessions/export.xlsx?regulation=major_hazard_criteria');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('活动日期');
    expect(ws.rowCount).toBe(1 + 6);
    expect(ws.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    expect(String(ws.getRow(2).getCell(8).value)).toContain('判定标准');
    expect((await anon(ctx).get('/api/study-sessions/export.xlsx')).statusCode).toBe(401);
  });
});
