import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { auditLog, hazard, hazardEvent } from '@lifeline/db';
import { anon, clientFor, createTestContext, localDateIn, makeInstitution, testPhoto, upload, type Client, type TestContext } from '../../testing/harness.ts';

const D60 = localDateIn(60);
const D10 = localDateIn(10);
const D20 = localDateIn(20);
const D90 = localDateIn(90);
import { LEDGER_HEADERS } from './hazards.export.ts';

let ctx: TestContext;
let inst: { id: string; townshipId: string; name: string };
let otherInst: { id: string; townshipId: string };
let instOfficer: Client;
let township: Client;
let otherTownship: Client;
let county: Client;
let leader: Client;

const newHazard = (over: Record<string, unknown> = {}) => ({
  institutionId: inst.id,
  level: 'general',
  category: 'life_passage',
  title: '二楼疏散通道堆放杂物',
  location: '二楼东侧',
  description: '疏散通道堆放轮椅和纸箱，宽度不足',
  responsiblePerson: '张安全',
  rectificationMeasures: '清理杂物，设置禁止堆放标识',
  deadline: D60,
  ...over,
});

beforeAll(async () => {
  ctx = await createTestContext();
  inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '浔中镇测试敬老院' });
  otherInst = await makeInstitution(ctx, { townshipId: ctx.townships['龙浔镇']! });
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: inst.townshipId })).client;
  otherTownship = (await clientFor(ctx, 'township_officer', { townshipId: otherInst.townshipId })).client;
  county = (await clientFor(ctx, 'county_staff')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
});
afterAll(async () => ctx?.close());

describe('POST /api/hazards (随手拍)', () => {
  it('401 without a session, 403 for the read-only leader', async () => {
    expect((await anon(ctx).post('/api/hazards', newHazard())).statusCode).toBe(401);
    expect((await leader.post('/api/hazards', newHazard())).statusCode).toBe(403);
  });

  it('400 with per-field messages for bad input, and nothing is stored', async () => {
    const before = Number((await ctx.db.select({ n: count() }).from(hazard))[0]!.n);
    const res = await instOfficer.post('/api/hazards', newHazard({ title: '', deadline: '2026-02-30', level: 'huge' }));
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'deadline', 'level']));
    expect(res.json().error.details.find((d: { path: string }) => d.path === 'deadline').message).toMatch(/日期/);
    expect(Number((await ctx.db.select({ n: count() }).from(hazard))[0]!.n)).toBe(before);
  });

  it('404 for an institution outside the actor scope', async () => {
    expect((await instOfficer.post('/api/hazards', newHazard({ institutionId: otherInst.id }))).statusCode).toBe(404);
    expect((await otherTownship.post('/api/hazards', newHazard())).statusCode).toBe(404);
  });

  it('stores the deadline as the end of that day in Asia/Shanghai (server in UTC)', async () => {
    expect(process.env.TZ).toBe('UTC');
    const res = await instOfficer.post('/api/hazards', newHazard({ deadline: D10 }));
    expect(res.statusCode).toBe(201);
    const h = res.json();
    expect(h.deadline).toBe(`${D10}T15:59:59.999Z`);
    expect(h.deadlineDate).toBe(D10);
    expect(h.status).toBe('pending');
    expect(h.code).toMatch(/^YH\d{4}-\d{6}$/);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ action: 'register', toStatus: 'pending' });
  });

  it('makes one record for five identical requests with the same Idempotency-Key', async () => {
    const body = newHazard({ title: '幂等测试隐患' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => instOfficer.post('/api/hazards', body, { 'idempotency-key': 'phone-retry-0001' })),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    const rows = await ctx.db.select().from(hazard).where(eq(hazard.title, '幂等测试隐患'));
    expect(rows).toHaveLength(1);
    // the same key with another body is refused
    const reused = await instOfficer.post('/api/hazards', newHazard({ title: '另一条' }), { 'idempotency-key': 'phone-retry-0001' });
    expect(reused.statusCode).toBe(422);
  });
});

describe('the closed loop', () => {
  it('institution rectifies with evidence, township verifies and closes; every step is on the timeline and audited', async () => {
    const created = (await instOfficer.post('/api/hazards', newHazard())).json();
    expect(created.abilities).toMatchObject({ start_rectification: true, verify: false });
    const start = await instOfficer.post(`/api/hazards/${created.id}/start`, { note: '已安排清理', revision: created.revision });
    expect(start.statusCode).toBe(200);
    expect(start.json().status).toBe('rectifying');
    // submitting without a note is refused
    const noNote = await instOfficer.post(`/api/hazards/${created.id}/submit`, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details[0].path).toBe('note');
    const photo = (await upload(instOfficer, { filename: '整改后.jpg', content: await testPhoto() })).json();
    const submit = await instOfficer.post(`/api/hazards/${created.id}/submit`, { note: '杂物已清理，已张贴禁止堆放标识', photoIds: [photo.id] });
    expect(submit.json().status).toBe('awaiting_verification');
    // the institution cannot verify its own rectification
    expect((await instOfficer.post(`/api/hazards/${created.id}/verify`, { note: '自己验收' })).statusCode).toBe(403);
    // another township cannot even see it
    expect((await otherTownship.get(`/api/hazards/${created.id}`)).statusCode).toBe(404);
    expect((await otherTownship.post(`/api/hazards/${created.id}/verify`, { note: 'x' })).statusCode).toBe(404);
    const ret = await township.post(`/api/hazards/${created.id}/return`, { note: '标识未张贴到位' });
    expect(ret.json().status).toBe('rectifying');
    await instOfficer.post(`/api/hazards/${created.id}/submit`, { note: '标识已补贴' });
    const verify = await township.post(`/api/hazards/${created.id}/verify`, { note: '现场复查合格，同意销号' });
    expect(verify.statusCode).toBe(200);
    const closed = verify.json();
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.events.map((e: { action: string }) => e.action)).toEqual(['register', 'start_rectification', 'submit_rectification', 'return', 'submit_rectification', 'verify']);
    const evidence = closed.events.find((e: { action: string; photoIds: string[] }) => e.action === 'submit_rectification' && e.photoIds.length);
    expect(evidence.photoIds).toEqual([photo.id]);
    expect(closed.events[3]).toMatchObject({ note: '标识未张贴到位' });
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['hazard.register', 'hazard.start_rectification', 'hazard.return', 'hazard.verify']));
    // the ledger filters by the local date of 销号
    const closedDay = closed.closedAt ? new Date(Date.parse(closed.closedAt) + 8 * 3600_000).toISOString().slice(0, 10) : '';
    const sameDay = (await county.get(`/api/hazards?closedFrom=${closedDay}&closedTo=${closedDay}&pageSize=200`)).json();
    expect(sameDay.items.map((i: { id: string }) => i.id)).toContain(created.id);
    const before = (await county.get(`/api/hazards?closedTo=2020-01-01&pageSize=200`)).json();
    expect(before.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
    // a closed hazard is frozen
    const again = await township.post(`/api/hazards/${created.id}/return`, { note: '再退回' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ILLEGAL_TRANSITION');
    expect((await county.patch(`/api/hazards/${created.id}`, { deadline: D90 })).statusCode).toBe(409);
  });

  it('an illegal step answers 409 with a clear message and changes nothing', async () => {
    const h = (await instOfficer.post('/api/hazards', newHazard())).json();
    const res = await township.post(`/api/hazards/${h.id}/verify`, { note: '直接销号' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('待整改');
    const [row] = await ctx.db.select().from(hazard).where(eq(hazard.id, h.id));
    expect(row!.status).toBe('pending');
    const events = await ctx.db.select().from(hazardEvent).where(eq(hazardEvent.hazardId, h.id));
    expect(events).toHaveLength(1);
  });

  it('a stale revision answers 409', async () => {
    const h = (await instOfficer.post('/api/hazards', newHazard())).json();
    await instOfficer.post(`/api/hazards/${h.id}/start`, { revision: h.revision });
    const stale = await instOfficer.post(`/api/hazards/${h.id}/submit`, { note: '整改完成', revision: h.revision });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
  });

  it('a major hazard is under 挂牌督办: only county staff can close it', async () => {
    const h = (await instOfficer.post('/api/hazards', newHazard({ level: 'major', category: 'building', title: '房屋被鉴定为D级危房' }))).json();
    expect(h.listedSupervision).toBe(true);
    await instOfficer.post(`/api/hazards/${h.id}/start`, {});
    await instOfficer.post(`/api/hazards/${h.id}/submit`, { note: '已搬离并加固' });
    const tw = await township.get(`/api/hazards/${h.id}`);
    expect(tw.json().abilities.verify).toBe(false);
    const refused = await township.post(`/api/hazards/${h.id}/verify`, { note: '同意' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('挂牌督办');
    const ok = await county.post(`/api/hazards/${h.id}/verify`, { note: '县局复核同意销号' });
    expect(ok.json().status).toBe('closed');
  });

  it('refuses a deadline beyond the maximum period, and a township cannot move a major hazard deadline', async () => {
    const far = await instOfficer.post('/api/hazards', newHazard({ deadline: localDateIn(800) }));
    expect(far.statusCode).toBe(400);
    expect(far.json().error.details[0]).toMatchObject({ path: 'deadline', message: expect.stringContaining('730') });
    const major = (await instOfficer.post('/api/hazards', newHazard({ level: 'major', category: 'building', title: '承重墙裂缝' }))).json();
    const tw = await township.patch(`/api/hazards/${major.id}`, { deadline: D90 });
    expect(tw.statusCode).toBe(403);
    expect(tw.json().error.message).toContain('县局');
    expect((await county.patch(`/api/hazards/${major.id}`, { deadline: D90 })).statusCode).toBe(200);
    expect((await county.patch(`/api/hazards/${major.id}`, { deadline: localDateIn(900) })).statusCode).toBe(400);
  });

  it('whoever submitted a rectification cannot accept it (second pair of eyes)', async () => {
    const h = (await township.post('/api/hazards', newHazard({ title: '乡镇自行登记的隐患' }))).json();
    await township.post(`/api/hazards/${h.id}/start`, {});
    const sub = (await township.post(`/api/hazards/${h.id}/submit`, { note: '已整改' })).json();
    expect(sub.abilities.verify).toBe(false);
    const own = await township.post(`/api/hazards/${h.id}/verify`, { note: '自验' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('自己提交');
    const other = (await clientFor(ctx, 'township_officer', { townshipId: inst.townshipId })).client;
    expect((await other.post(`/api/hazards/${h.id}/verify`, { note: '同事验收' })).json().status).toBe('closed');
  });

  it('a retried step with the same Idempotency-Key gets the first answer, not a 409', async () => {
    const h = (await instOfficer.post('/api/hazards', newHazard())).json();
    const key = { 'idempotency-key': `step-${h.id}` };
    const [a, b] = await Promise.all([instOfficer.post(`/api/hazards/${h.id}/start`, { note: '开始' }, key), instOfficer.post(`/api/hazards/${h.id}/start`, { note: '开始' }, key)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.json().events.filter((e: { action: string }) => e.action === 'start_rectification')).toHaveLength(1);
    // without a key the second attempt is an illegal step
    expect((await instOfficer.post(`/api/hazards/${h.id}/start`, { note: '开始' })).statusCode).toBe(409);
  });

  it('PATCH extends the deadline, raising to major puts it under supervision; the leader cannot edit', async () => {
    const h = (await instOfficer.post('/api/hazards', newHazard())).json();
    expect((await leader.patch(`/api/hazards/${h.id}`, { deadline: D90 })).statusCode).toBe(403);
    expect((await township.patch(`/api/hazards/${h.id}`, { deadline: '2026-13-01' })).statusCode).toBe(400);
    const res = await township.patch(`/api/hazards/${h.id}`, { deadline: D90, level: 'major', note: '经研判升级为重大隐患' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ deadlineDate: D90, level: 'major', listedSupervision: true });
    // lowering a major hazard is for the county only
    expect((await township.patch(`/api/hazards/${h.id}`, { level: 'general' })).statusCode).toBe(403);
  });
});

describe('ledger and export', () => {
  it('filters by scope, overdue (derived from the clock), level and text; paginates', async () => {
    ctx.clock.now = new Date('2030-01-05T02:00:00Z'); // found on 2030-01-05
    const a = (await instOfficer.post('/api/hazards', newHazard({ title: '逾期测试A', deadline: '2030-01-10' }))).json();
    await instOfficer.post('/api/hazards', newHazard({ title: '逾期测试B', deadline: '2030-01-20' }));
    ctx.clock.now = null;
    await county.post('/api/hazards', newHazard({ institutionId: otherInst.id, title: '龙浔镇的隐患' }));
    ctx.clock.now = new Date('2030-01-10T16:30:00Z'); // 2030-01-11 00:30 in Shanghai: A is overdue, B is not
    try {
      const overdue = (await county.get('/api/hazards?overdue=true&q=逾期测试&pageSize=50')).json();
      expect(overdue.items.map((i: { title: string }) => i.title)).toEqual(['逾期测试A']);
      expect(overdue.items[0].overdue).toBe(true);
      const detail = (await county.get(`/api/hazards/${a.id}`)).json();
      expect(detail.overdue).toBe(true);
    } finally {
      ctx.clock.now = null;
    }
    const mine = (await township.get('/api/hazards?pageSize=200')).json();
    expect(mine.items.every((i: { townshipId: string }) => i.townshipId === inst.townshipId)).toBe(true);
    expect(mine.items.some((i: { title: string }) => i.title === '龙浔镇的隐患')).toBe(false);
    const instView = (await instOfficer.get('/api/hazards?pageSize=200')).json();
    expect(instView.items.every((i: { institutionId: string }) => i.institutionId === inst.id)).toBe(true);
    const page1 = (await county.get('/api/hazards?pageSize=2&page=1&sort=code&order=asc')).json();
    const page2 = (await county.get('/api/hazards?pageSize=2&page=2&sort=code&order=asc')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(3);
    expect(page1.items[1].code < page2.items[0].code).toBe(true);
    const majors = (await county.get('/api/hazards?level=major&pageSize=200')).json();
    expect(majors.items.every((i: { level: string }) => i.level === 'major')).toBe(true);
    expect((await county.get('/api/hazards?status=bogus')).statusCode).toBe(400);
    expect((await county.get('/api/hazards?from=2026-02-31')).statusCode).toBe(400);
    expect((await anon(ctx).get('/api/hazards')).statusCode).toBe(401);
  });

  it('exports .xlsx with Chinese headers and local-time date cells that read back', async () => {
    const h = (await instOfficer.post('/api/hazards', newHazard({ title: '导出测试隐患', deadline: D20 }))).json();
    const res = await township.get('/api/hazards/export.xlsx?q=导出测试');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('隐患台账')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGER_HEADERS);
    expect(ws.rowCount).toBe(2);
    const row = ws.getRow(2);
    const col = (name: string) => row.getCell(LEDGER_HEADERS.indexOf(name) + 1).value;
    expect(col('隐患编号')).toBe(h.code);
    expect(col('机构名称')).toBe('浔中镇测试敬老院');
    expect(col('隐患等级')).toBe('一般隐患');
    expect(col('状态')).toBe('待整改');
    // a real date cell holding the Shanghai wall time of the deadline: 23:59:59 of that day
    const deadline = col('整改期限') as Date;
    expect(deadline).toBeInstanceOf(Date);
    expect(deadline.toISOString().slice(0, 19)).toBe(`${D20}T23:59:59`);
    const found = col('发现时间') as Date;
    expect(found).toBeInstanceOf(Date);
    // the export is scoped: another township gets no rows for this search
    const other = await otherTownship.get('/api/hazards/export.xlsx?q=导出测试');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('隐患台账')!.rowCount).toBe(1);
  });
});
