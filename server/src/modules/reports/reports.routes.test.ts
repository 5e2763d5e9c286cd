import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { attachment, auditLog, hazard, idempotencyKey, notification, publicReport, publicReportEvent, publicReportMessage, reportReward } from '@lifeline/db';
import { localDate, type Dashboard, type ReportDetail } from '@lifeline/shared';
import { anon, clientFor, createTestContext, makeInstitution, testPhoto, type Client, type TestContext } from '../../testing/harness.ts';
import { runReportDeadlines } from '../../jobs/report-deadlines.ts';
import { makeReport } from './reports.testing.ts';

/**
 * The staff side of public reports through the real API on a fresh database: scope (a township
 * handler sees only reports assigned to it; institutions nothing), the workflow with its 400/409s,
 * hazards opened in the closed loop and closed through the hazard API, rewards (rules, first valid
 * reporter, approval by another person, claim by receipt code, payment, lapse), the audited
 * identity reveal, and the absence of the reporter's identity everywhere else.
 */

const NAME = '王守信';
const PHONE = '13912345678';
const DAY = 86_400_000;

let ctx: TestContext;
let xunzhong: string;
let longxun: string;
let inst: { id: string; name: string };
let admin: Client;
let staff: Client;
let leader: Client;
let townA: Client;
let townB: Client;
let instOfficer: Client;

const at = (iso: string) => {
  ctx.clock.now = new Date(iso);
};
const today = () => localDate(ctx.clock.now!);
const inDays = (n: number) => localDate(new Date(ctx.clock.now!.getTime() + n * DAY));

async function ok(res: { statusCode: number; body: string; json: () => unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as ReportDetail;
}

beforeAll(async () => {
  ctx = await createTestContext();
  at('2026-05-10T02:00:00Z');
  xunzhong = ctx.townships['浔中镇']!;
  longxun = ctx.townships['龙浔镇']!;
  inst = await makeInstitution(ctx, { townshipId: xunzhong, name: '举报测试敬老院' });
  ({ client: admin } = await clientFor(ctx, 'county_admin'));
  ({ client: staff } = await clientFor(ctx, 'county_staff'));
  ({ client: leader } = await clientFor(ctx, 'county_leader'));
  ({ client: townA } = await clientFor(ctx, 'township_officer', { townshipId: xunzhong }));
  ({ client: townB } = await clientFor(ctx, 'township_officer', { townshipId: longxun }));
  ({ client: instOfficer } = await clientFor(ctx, 'institution_officer', { institutionId: inst.id }));
});
afterAll(async () => ctx?.close());

describe('GET /api/reports: authentication, permission and scope', () => {
  it('answers 401 without a session, 403 to an institution officer, 400 for bad filters', async () => {
    const { report } = await makeReport(ctx, { institutionId: inst.id });
    expect((await anon(ctx).get('/api/reports')).statusCode).toBe(401);
    expect((await anon(ctx).get(`/api/reports/${report.id}`)).statusCode).toBe(401);
    expect((await instOfficer.get('/api/reports')).statusCode).toBe(403);
    expect((await instOfficer.get(`/api/reports/${report.id}`)).statusCode).toBe(403);
    expect((await instOfficer.get('/api/reports/export.xlsx')).statusCode).toBe(403);
    const bad = await staff.get('/api/reports?status=nope&townshipId=x');
    expect(bad.statusCode).toBe(400);
    expect((await staff.get('/api/reports/not-a-uuid')).statusCode).toBe(400);
    expect((await staff.get(`/api/reports/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('shows a township officer only reports assigned to its township (others are 404)', async () => {
    const { report } = await makeReport(ctx, { institutionId: inst.id, description: '分派范围测试' });
    expect((await townA.get(`/api/reports/${report.id}`)).statusCode).toBe(404);
    expect((await townA.get('/api/reports?q=分派范围测试')).json().total).toBe(0);
    await ok(await staff.post(`/api/reports/${report.id}/accept`, { townshipId: xunzhong }));
    const mine = await townA.get('/api/reports?q=分派范围测试');
    expect(mine.json().items.map((r: { id: string }) => r.id)).toEqual([report.id]);
    expect((await townB.get(`/api/reports/${report.id}`)).statusCode).toBe(404);
    expect((await townB.get('/api/reports?q=分派范围测试')).json().total).toBe(0);
    expect((await townB.post(`/api/reports/${report.id}/start-verification`, {})).statusCode).toBe(404);
    expect((await townB.post(`/api/reports/${report.id}/messages`, { body: '您好' })).statusCode).toBe(404);
    // the county leader reads everything but takes no step
    expect((await leader.get(`/api/reports/${report.id}`)).statusCode).toBe(200);
    expect((await leader.post(`/api/reports/${report.id}/start-verification`, {})).statusCode).toBe(403);
    expect((await leader.post(`/api/reports/${report.id}/messages`, { body: '您好' })).statusCode).toBe(403);
    // a township officer verifies but does not accept, reject or close
    const other = await makeReport(ctx, { institutionId: inst.id });
    expect((await townA.post(`/api/reports/${other.report.id}/accept`, { townshipId: xunzhong })).statusCode).toBe(403);
  });

  it('filters by status, category, township, overdue, date and text, and pages', async () => {
    at('2026-05-11T02:00:00Z');
    await makeReport(ctx, { institutionId: inst.id, category: 'sealed_window_bars', description: '筛选测试：防盗网封死' });
    const r = await staff.get('/api/reports?category=sealed_window_bars&q=筛选测试&status=pending&from=2026-05-11&to=2026-05-11&pageSize=1');
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBe(1);
    expect(r.json().items[0]).toMatchObject({ category: 'sealed_window_bars', status: 'pending', overdue: false, wantsReward: false });
    expect((await staff.get('/api/reports?category=sealed_window_bars&from=2026-05-12')).json().total).toBe(0);
    at('2026-05-20T02:00:00Z');
    const overdue = await staff.get('/api/reports?category=sealed_window_bars&overdue=true');
    expect(overdue.json().items[0].overdue).toBe(true);
    expect((await staff.get(`/api/reports?townshipId=${longxun}`)).json().total).toBe(0);
    at('2026-05-10T02:00:00Z');
  });
});

describe('the full path: pending → accepted → verifying → verified → hazard closed → reward paid → closed', () => {
  let id: string;
  let code: string;
  let d: ReportDetail;

  it('accepts and assigns the report (400 for a bad assignment, 409 for a stale revision)', async () => {
    ({ report: { id }, code } = await makeReport(ctx, { institutionId: null, placeText: '城东路 8 号民办养老点', contact: { name: NAME, phone: PHONE } }));
    expect((await staff.post(`/api/reports/${id}/accept`, {})).statusCode).toBe(400);
    expect((await staff.post(`/api/reports/${id}/accept`, { townshipId: xunzhong, officeId: randomUUID() })).statusCode).toBe(400);
    const unknown = await staff.post(`/api/reports/${id}/accept`, { townshipId: randomUUID() });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('townshipId');
    d = await ok(await staff.get(`/api/reports/${id}`));
    expect(d).toMatchObject({ status: 'pending', hasContact: true, wantsReward: true, abilities: { accept: true, reject: true, verdict: false } });
    expect((await staff.post(`/api/reports/${id}/accept`, { townshipId: xunzhong, revision: d.revision + 5 })).statusCode).toBe(409);
    d = await ok(await staff.post(`/api/reports/${id}/accept`, { townshipId: xunzhong, note: '请浔中镇核查', revision: d.revision }));
    expect(d).toMatchObject({ status: 'accepted', townshipId: xunzhong, townshipName: '浔中镇', acceptedAt: ctx.clock.now!.toISOString() });
    // the verify limit runs from acceptance (default 15 days)
    expect(d.stepDueAt).toBe(new Date(ctx.clock.now!.getTime() + 15 * DAY).toISOString());
    const again = await staff.post(`/api/reports/${id}/accept`, { townshipId: xunzhong });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ILLEGAL_TRANSITION');
    const notes = await ctx.db.select().from(notification).where(and(eq(notification.entityId, id), eq(notification.kind, 'report_assigned')));
    expect(notes.length).toBe(1);
    expect(notes[0]!.userId).toBe(townA.userId);
  });

  it('lets the township verify: start, then a true verdict that opens a hazard for the picked institution', async () => {
    d = await ok(await townA.post(`/api/reports/${id}/start-verification`, { note: '已安排现场核查' }));
    expect(d.status).toBe('verifying');
    const verdict = { verdict: 'true', note: '现场核实安全出口被锁', hazard: { mode: 'create', level: 'major', category: 'life_passage', title: '安全出口被铁链锁闭', deadline: inDays(7) } };
    expect((await townA.post(`/api/reports/${id}/verdict`, { verdict: 'true', note: '属实' })).statusCode).toBe(400); // no hazard
    expect((await townA.post(`/api/reports/${id}/verdict`, { ...verdict, verdict: 'false' })).statusCode).toBe(400); // hazard on a false report
    const noInst = await townA.post(`/api/reports/${id}/verdict`, verdict);
    expect(noInst.statusCode).toBe(400);
    expect(noInst.json().error.details[0].path).toBe('hazard.institutionId');
    const badDeadline = await townA.post(`/api/reports/${id}/verdict`, { ...verdict, hazard: { ...verdict.hazard, institutionId: inst.id, deadline: '2026-01-01' } });
    expect(badDeadline.statusCode).toBe(400);
    expect(badDeadline.json().error.details[0].path).toBe('hazard.deadline');
    d = await ok(await townA.post(`/api/reports/${id}/verdict`, { ...verdict, hazard: { ...verdict.hazard, institutionId: inst.id } }, { 'idempotency-key': 'verdict-key-0001' }));
    // a retry with the same key returns the first answer and opens no second hazard
    const replay = await ok(await townA.post(`/api/reports/${id}/verdict`, { ...verdict, hazard: { ...verdict.hazard, institutionId: inst.id } }, { 'idempotency-key': 'verdict-key-0001' }));
    expect(replay.hazard!.id).toBe(d.hazard!.id);
    expect(d).toMatchObject({ status: 'verified', verdict: 'true', verdictNote: '现场核实安全出口被锁' });
    expect(d.hazard).toMatchObject({ status: 'pending', level: 'major', institutionName: inst.name });
    const [h] = await ctx.db.select().from(hazard).where(eq(hazard.id, d.hazard!.id));
    expect(h).toMatchObject({ source: 'public_report', institutionId: inst.id, townshipId: xunzhong, listedSupervision: true });
    expect(d.events.map((e) => e.action)).toEqual(['receive', 'accept', 'start_verification', 'verdict', 'link_hazard']);
    expect(d.events.find((e) => e.action === 'accept')!.actorName).toBeTruthy();
    // not yet closable or rewardable: the hazard is open
    expect(d.abilities).toMatchObject({ close: false, propose_reward: false });
    const early = await staff.post(`/api/reports/${id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 50000 } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('尚未销号');
    expect((await staff.post(`/api/reports/${id}/close`, { note: '办结' })).statusCode).toBe(409);
  });

  it('tracks the hazard to 销号 through the hazard API and shows its live status', async () => {
    const hid = d.hazard!.id;
    // the institution rectifies; it sees the hazard (its own), never the report
    expect((await instOfficer.post(`/api/hazards/${hid}/start`, { note: '' })).statusCode).toBe(200);
    expect((await instOfficer.post(`/api/hazards/${hid}/submit`, { note: '已拆除铁链，出口保持畅通' })).statusCode).toBe(200);
    expect((await staff.post(`/api/hazards/${hid}/verify`, { note: '复查合格' })).statusCode).toBe(200);
    d = await ok(await staff.get(`/api/reports/${id}`));
    expect(d.hazard!.status).toBe('closed');
    expect(d.abilities).toMatchObject({ close: true, propose_reward: true });
  });

  it('proposes a reward from the rules; an override needs a reason; the report moves to 奖励中', async () => {
    const sug = await staff.get(`/api/reports/${id}/reward-suggestion?basis=major_hazard_fine&fineYuan=50000`);
    expect(sug.json()).toMatchObject({ suggestedYuan: 7500, suggestedFen: 750000 });
    expect((await townA.post(`/api/reports/${id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 50000 } })).statusCode).toBe(403);
    expect((await staff.post(`/api/reports/${id}/reward`, { basis: 'major_hazard_fine', basisInput: {} })).statusCode).toBe(400);
    const noReason = await staff.post(`/api/reports/${id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 50000 }, amountYuan: 8000 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('overrideReason');
    expect((await staff.post(`/api/reports/${id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 50000 }, amountYuan: 400000, overrideReason: '太多' })).statusCode).toBe(400);
    d = await ok(await staff.post(`/api/reports/${id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 50000 }, amountYuan: 8000, overrideReason: '举报人协助固定证据' }));
    expect(d.status).toBe('rewarding');
    expect(d.reward).toMatchObject({ status: 'proposed', suggestedYuan: 7500, amountYuan: 8000, overrideReason: '举报人协助固定证据' });
    const [w] = await ctx.db.select().from(reportReward).where(eq(reportReward.reportId, id));
    expect(w).toMatchObject({ suggestedFen: 750000, amountFen: 800000 });
    expect((await staff.post(`/api/reports/${id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 50000 } })).statusCode).toBe(409);
  });

  it('needs an approver other than the proposer; approval opens the claim window and tells the reporter', async () => {
    const rid = d.reward!.id;
    expect((await staff.post(`/api/rewards/${rid}/approve`, {})).statusCode).toBe(403); // no reward.approve
    expect((await townA.post(`/api/rewards/${rid}/approve`, {})).statusCode).toBe(403);
    expect((await leader.post(`/api/rewards/${randomUUID()}/approve`, {})).statusCode).toBe(404);
    // the admin may approve, but not a reward they proposed themselves
    const other = await makeReport(ctx, { institutionId: inst.id, contact: { name: '李四', phone: '13800000001' } });
    void other;
    d = await ok(await leader.post(`/api/rewards/${rid}/approve`, { note: '同意' }));
    expect(d.reward!.status).toBe('approved');
    expect(d.reward!.claimDeadline).toBe(new Date(`${inDays(60)}T15:59:59.999Z`).toISOString());
    expect(d.messages.at(-1)).toMatchObject({ direction: 'to_reporter' });
    expect(d.messages.at(-1)!.body).toContain('凭回执码申领');
    expect((await leader.post(`/api/rewards/${rid}/approve`, {})).statusCode).toBe(409);
  });

  it('pays only after the reporter claimed by receipt code, and closes the report', async () => {
    const rid = d.reward!.id;
    const early = await staff.post(`/api/rewards/${rid}/pay`, { paymentRef: 'ZF-2026-001', paidAt: today() });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('尚未');
    expect((await leader.post(`/api/rewards/${rid}/pay`, { paymentRef: 'x', paidAt: today() })).statusCode).toBe(403);
    const claim = await anon(ctx).post('/api/public/receipts/claim', { code });
    expect(claim.statusCode, claim.body).toBe(200);
    d = await ok(await staff.get(`/api/reports/${id}`));
    expect(d.reward!.claimedAt).not.toBeNull();
    expect(d.reward!.abilities.pay).toBe(true);
    expect((await staff.post(`/api/rewards/${rid}/pay`, { paymentRef: '', paidAt: today() })).statusCode).toBe(400);
    expect((await staff.post(`/api/rewards/${rid}/pay`, { paymentRef: 'ZF', paidAt: inDays(3) })).statusCode).toBe(400);
    d = await ok(await staff.post(`/api/rewards/${rid}/pay`, { paymentRef: 'ZF-2026-001', paidAt: today() }));
    expect(d).toMatchObject({ status: 'closed', closedAt: ctx.clock.now!.toISOString() });
    expect(d.reward).toMatchObject({ status: 'paid', paymentRef: 'ZF-2026-001' });
    expect(d.events.map((e) => e.action).slice(-4)).toEqual(['propose_reward', 'approve_reward', 'pay_reward', 'close']);
    expect((await staff.post(`/api/reports/${id}/close`, { note: 'x' })).statusCode).toBe(409);
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['report.accept', 'report.start_verification', 'report.verdict', 'report.propose_reward', 'report.close']));
  });

  it('lets the reporter see progress and messages by receipt code', async () => {
    await ok(await staff.post(`/api/reports/${id}/messages`, { body: '感谢您的举报，奖励已发放。' }));
    const status = await anon(ctx).post('/api/public/receipts/lookup', { code });
    expect(status.statusCode, status.body).toBe(200);
    expect(status.body).toContain('感谢您的举报');
  });
});

describe('rejection (不予受理)', () => {
  it('needs a reason and note; a duplicate names the earlier report, out of remit the department', async () => {
    const first = await makeReport(ctx, { institutionId: inst.id });
    const { report } = await makeReport(ctx, { institutionId: inst.id });
    expect((await staff.post(`/api/reports/${report.id}/reject`, { reason: 'duplicate', note: '' })).statusCode).toBe(400);
    const noDup = await staff.post(`/api/reports/${report.id}/reject`, { reason: 'duplicate', note: '与前一举报同一事项' });
    expect(noDup.statusCode).toBe(400);
    expect(noDup.json().error.details[0].path).toBe('duplicateOfId');
    expect((await staff.post(`/api/reports/${report.id}/reject`, { reason: 'duplicate', note: '同一事项', duplicateOfId: report.id })).statusCode).toBe(400);
    expect((await staff.post(`/api/reports/${report.id}/reject`, { reason: 'out_of_remit', note: '属住建部门' })).statusCode).toBe(400);
    expect((await townA.post(`/api/reports/${report.id}/reject`, { reason: 'other', note: 'x' })).statusCode).toBe(403);
    const d = await ok(await staff.post(`/api/reports/${report.id}/reject`, { reason: 'duplicate', note: '与前一举报同一事项', duplicateOfId: first.report.id }));
    expect(d).toMatchObject({ status: 'rejected', rejectionReason: 'duplicate', duplicateOf: { id: first.report.id } });
    expect(d.abilities).toMatchObject({ accept: false, reject: false, close: false });
    const transfer = await makeReport(ctx, { placeText: '某建筑工地' });
    const t = await ok(await staff.post(`/api/reports/${transfer.report.id}/reject`, { reason: 'out_of_remit', note: '不属民政职责', transferredTo: '县住建局' }));
    expect(t).toMatchObject({ status: 'rejected', transferredTo: '县住建局', closedAt: ctx.clock.now!.toISOString() });
    expect((await staff.post(`/api/reports/${transfer.report.id}/accept`, { townshipId: xunzhong })).statusCode).toBe(409);
  });

  it('closes a false report with the verdict note; no hazard, no reward', async () => {
    const { report } = await makeReport(ctx, { institutionId: inst.id, contact: { name: '赵六', phone: '13700000002' } });
    await ok(await staff.post(`/api/reports/${report.id}/accept`, { townshipId: xunzhong }));
    await ok(await staff.post(`/api/reports/${report.id}/start-verification`, {}));
    const d = await ok(await staff.post(`/api/reports/${report.id}/verdict`, { verdict: 'false', note: '现场查看出口未锁' }));
    expect(d.hazard).toBeNull();
    expect(d.abilities).toMatchObject({ close: true, propose_reward: false });
    const w = await staff.post(`/api/reports/${report.id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 1000 } });
    expect(w.statusCode).toBe(409);
    expect(w.json().error.message).toContain('不属实');
    expect((await ok(await staff.post(`/api/reports/${report.id}/close`, { note: '经核查不属实，办结' }))).status).toBe('closed');
  });
});

describe('rewards: eligibility', () => {
  /** A report taken to verified-true with a closed hazard (linking `hazardId` when given). */
  async function verifiedTrue(opts: { contact?: { name: string; phone: string } | null; hazardId?: string; receivedAt?: Date } = {}) {
    const { report } = await makeReport(ctx, { institutionId: inst.id, contact: opts.contact === undefined ? { name: '钱七', phone: '13600000003' } : opts.contact, ...(opts.receivedAt ? { receivedAt: opts.receivedAt } : {}) });
    await ok(await staff.post(`/api/reports/${report.id}/accept`, { townshipId: xunzhong }));
    await ok(await staff.post(`/api/reports/${report.id}/start-verification`, {}));
    const hz = opts.hazardId ? { mode: 'link', hazardId: opts.hazardId } : { mode: 'create', level: 'general', category: 'life_passage', title: '疏散通道堆物', deadline: inDays(5) };
    const d = await ok(await staff.post(`/api/reports/${report.id}/verdict`, { verdict: 'partly_true', note: '部分属实', hazard: hz }));
    if (!opts.hazardId) {
      const hid = d.hazard!.id;
      await instOfficer.post(`/api/hazards/${hid}/start`, { note: '' });
      await instOfficer.post(`/api/hazards/${hid}/submit`, { note: '已清理' });
      expect((await townA.post(`/api/hazards/${hid}/verify`, { note: '合格' })).statusCode).toBe(200);
    }
    return ok(await staff.get(`/api/reports/${report.id}`));
  }

  it('refuses an anonymous reporter (409) and closes without reward', async () => {
    const d = await verifiedTrue({ contact: null });
    const w = await staff.post(`/api/reports/${d.id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 1000 } });
    expect(w.statusCode).toBe(409);
    expect(w.json().error.message).toContain('匿名');
    expect((await ok(await staff.post(`/api/reports/${d.id}/close`, { note: '' }))).status).toBe('closed');
  });

  it('needs a reason to close a true report of a reporter who asked for a reward without one', async () => {
    const d = await verifiedTrue();
    expect((await staff.post(`/api/reports/${d.id}/close`, { note: '' })).statusCode).toBe(400);
    expect((await ok(await staff.post(`/api/reports/${d.id}/close`, { note: '举报人系该机构安全管理人员，依规不予奖励' }))).status).toBe('closed');
  });

  it('rewards only the first valid reporter of the same matter (同一事项仅奖励首位有效举报人)', async () => {
    const first = await verifiedTrue({ receivedAt: new Date('2026-05-09T01:00:00Z') });
    const second = await verifiedTrue({ hazardId: first.hazard!.id, receivedAt: new Date('2026-05-09T05:00:00Z') });
    expect(second.abilities.propose_reward).toBe(false);
    const w = await staff.post(`/api/reports/${second.id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 1000 } });
    expect(w.statusCode).toBe(409);
    expect(w.json().error.message).toBe('同一事项仅奖励首位有效举报人');
    const d = await ok(await staff.post(`/api/reports/${first.id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 1000 } }));
    expect(d.reward).toMatchObject({ suggestedYuan: 3000, amountYuan: 3000 });
    // a report marked as the same matter as a rewarded one is refused too
    const third = await makeReport(ctx, { institutionId: inst.id, contact: { name: '孙八', phone: '13500000004' } });
    await ok(await staff.post(`/api/reports/${third.report.id}/accept`, { townshipId: xunzhong }));
    await ok(await staff.post(`/api/reports/${third.report.id}/start-verification`, {}));
    const newHz = { mode: 'create', level: 'general', category: 'life_passage', title: '另一处堆物', deadline: inDays(5) };
    const t3 = await ok(await staff.post(`/api/reports/${third.report.id}/verdict`, { verdict: 'true', note: '属实', hazard: newHz, duplicateOfId: first.id }));
    const hid = t3.hazard!.id;
    await instOfficer.post(`/api/hazards/${hid}/start`, { note: '' });
    await instOfficer.post(`/api/hazards/${hid}/submit`, { note: '已清理' });
    await townA.post(`/api/hazards/${hid}/verify`, { note: '合格' });
    const w3 = await staff.post(`/api/reports/${third.report.id}/reward`, { basis: 'major_hazard_fine', basisInput: { fineYuan: 1000 } });
    expect(w3.statusCode).toBe(409);
    expect(w3.json().error.message).toBe('同一事项仅奖励首位有效举报人');
  });

  it('lets the approver refuse (then propose again), and lapses an unclaimed reward after the deadline', async () => {
    const d0 = await verifiedTrue();
    let d = await ok(await admin.post(`/api/reports/${d0.id}/reward`, { basis: 'concealed_accident', basisInput: { deaths: 2, grade: 'larger' } }));
    expect(d.reward).toMatchObject({ suggestedYuan: 80000, amountYuan: 80000 });
    const own = await admin.post(`/api/rewards/${d.reward!.id}/approve`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('自己');
    expect((await leader.post(`/api/rewards/${d.reward!.id}/reject`, { note: '' })).statusCode).toBe(400);
    d = await ok(await leader.post(`/api/rewards/${d.reward!.id}/reject`, { note: '死亡人数尚未最终认定' }));
    expect(d).toMatchObject({ status: 'rewarding', reward: { status: 'rejected' }, abilities: { propose_reward: false } }); // the leader does not propose
    expect((await ok(await staff.get(`/api/reports/${d0.id}`))).abilities.propose_reward).toBe(true);
    d = await ok(await staff.post(`/api/reports/${d0.id}/reward`, { basis: 'concealed_accident', basisInput: { deaths: 1, grade: 'larger' } }));
    expect(d.reward).toMatchObject({ status: 'proposed', amountYuan: 40000 });
    d = await ok(await admin.post(`/api/rewards/${d.reward!.id}/approve`, {}));
    const deadline = new Date(d.reward!.claimDeadline!);
    at(new Date(deadline.getTime() + 1000).toISOString());
    d = await ok(await staff.get(`/api/reports/${d0.id}`));
    expect(d.reward!.status).toBe('lapsed');
    expect(d.reward!.abilities.pay).toBe(false);
    const res = await runReportDeadlines(ctx.db, ctx.clock.now!);
    expect(res.lapsed).toBeGreaterThanOrEqual(1);
    d = await ok(await staff.get(`/api/reports/${d0.id}`));
    expect(d).toMatchObject({ status: 'closed', reward: { status: 'lapsed' } });
    expect(d.events.at(-1)!.action).toBe('reward_lapsed');
    expect((await runReportDeadlines(ctx.db, ctx.clock.now!)).lapsed).toBe(0);
    at('2026-05-10T02:00:00Z');
  });
});

describe('messages to the reporter', () => {
  it('are sent by handlers and the assigned township, never carry the identity, and mark replies read', async () => {
    const { report, code } = await makeReport(ctx, { institutionId: inst.id, contact: { name: NAME, phone: PHONE } });
    expect((await staff.post(`/api/reports/${report.id}/messages`, { body: '' })).statusCode).toBe(400);
    const withPhone = await staff.post(`/api/reports/${report.id}/messages`, { body: `请拨打 139 1234 5678 联系` });
    expect(withPhone.statusCode).toBe(400);
    expect((await staff.post(`/api/reports/${report.id}/messages`, { body: `${NAME}您好` })).statusCode).toBe(400);
    expect((await townA.post(`/api/reports/${report.id}/messages`, { body: '您好' })).statusCode).toBe(404); // not assigned yet
    const fromReporter = await anon(ctx).post('/api/public/receipts/messages', { code, body: '请问处理进度？' });
    expect(fromReporter.statusCode, fromReporter.body).toBe(201);
    expect((await staff.get(`/api/reports?q=${encodeURIComponent('晚上安全出口')}&pageSize=200`)).json().items.find((i: { id: string }) => i.id === report.id).unreadMessages).toBe(1);
    await ok(await staff.post(`/api/reports/${report.id}/accept`, { townshipId: xunzhong }));
    const d = await ok(await townA.post(`/api/reports/${report.id}/messages`, { body: '已转乡镇核查，请耐心等待。' }));
    expect(d.messages.map((m) => m.direction)).toEqual(['from_reporter', 'to_reporter']);
    expect(d.messages[0]!.readAt).not.toBeNull();
    expect(d.unreadMessages).toBe(0);
    const stored = await ctx.db.select().from(publicReportMessage).where(eq(publicReportMessage.reportId, report.id));
    expect(stored.find((m) => m.direction === 'to_reporter')!.authorId).toBe(townA.userId);
  });
});

describe('reporter identity', () => {
  let id: string;
  beforeAll(async () => {
    ({ report: { id } } = await makeReport(ctx, { institutionId: inst.id, contact: { name: NAME, phone: PHONE }, description: '身份测试举报' }));
    await ok(await staff.post(`/api/reports/${id}/accept`, { townshipId: xunzhong }));
  });

  it('is revealed only to report.reveal_identity with a reason, and every reveal is audited', async () => {
    expect((await anon(ctx).post(`/api/reports/${id}/reveal-identity`, { reason: '需要联系举报人核实细节' })).statusCode).toBe(401);
    for (const c of [staff, leader, townA, instOfficer]) expect((await c.post(`/api/reports/${id}/reveal-identity`, { reason: '需要联系举报人核实细节' })).statusCode).toBe(403);
    expect((await admin.post(`/api/reports/${id}/reveal-identity`, {})).statusCode).toBe(400);
    expect((await admin.post(`/api/reports/${id}/reveal-identity`, { reason: '核实' })).statusCode).toBe(400);
    expect((await admin.post(`/api/reports/${randomUUID()}/reveal-identity`, { reason: '需要联系举报人核实细节' })).statusCode).toBe(404);
    for (let i = 0; i < 2; i++) {
      const res = await admin.post(`/api/reports/${id}/reveal-identity`, { reason: `需要联系举报人核实细节 ${i}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ name: NAME, phone: PHONE });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const audits = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'report.reveal_identity')));
    expect(audits).toHaveLength(2);
    expect(audits[0]!.actorId).toBe(admin.userId);
    expect(audits.map((a) => (a.after as { reason: string }).reason).sort()).toEqual(['需要联系举报人核实细节 0', '需要联系举报人核实细节 1']);
    const events = await ctx.db.select().from(publicReportEvent).where(and(eq(publicReportEvent.reportId, id), eq(publicReportEvent.action, 'reveal_identity')));
    expect(events).toHaveLength(2);
    const d = await ok(await admin.get(`/api/reports/${id}`));
    expect(d.abilities.reveal_identity).toBe(true);
    expect((await ok(await staff.get(`/api/reports/${id}`))).abilities.reveal_identity).toBe(false);
  });

  it('answers 409 for an anonymous report', async () => {
    const { report } = await makeReport(ctx, { institutionId: inst.id });
    const res = await admin.post(`/api/reports/${report.id}/reveal-identity`, { reason: '需要联系举报人核实细节' });
    expect(res.statusCode).toBe(409);
    expect((await ok(await admin.get(`/api/reports/${report.id}`))).abilities.reveal_identity).toBe(false);
  });

  it('is absent from every list, detail, export, notification, message, event, audit row and idempotency record', async () => {
    const bodies: string[] = [];
    for (const c of [admin, staff, leader, townA]) {
      bodies.push((await c.get('/api/reports?pageSize=200')).body);
      bodies.push((await c.get(`/api/reports/${id}`)).body);
      bodies.push((await c.get('/api/notifications')).body);
      const x = await c.get('/api/reports/export.xlsx');
      expect(x.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))));
      expect(cells).toContain('举报编号');
      expect(cells.some((v) => v.includes('身份测试举报'))).toBe(true);
      bodies.push(cells.join('|'));
    }
    bodies.push(JSON.stringify(await ctx.db.select().from(notification)));
    bodies.push(JSON.stringify(await ctx.db.select().from(publicReportMessage)));
    bodies.push(JSON.stringify(await ctx.db.select().from(publicReportEvent)));
    bodies.push(JSON.stringify(await ctx.db.select().from(auditLog)));
    bodies.push(JSON.stringify(await ctx.db.select().from(idempotencyKey)));
    bodies.push(JSON.stringify(await ctx.db.select().from(reportReward)));
    const all = bodies.join('\n');
    expect(all).not.toContain(NAME);
    expect(all).not.toContain(PHONE);
    expect(all).not.toContain('contactCiphertext');
  });
});

describe('photos of a report', () => {
  it('are served to staff in scope only', async () => {
    const { report } = await makeReport(ctx, { institutionId: inst.id });
    const bytes = await testPhoto();
    const key = `public-reports/${report.id}.jpg`;
    mkdirSync(path.join(ctx.config.uploadsDir, 'public-reports'), { recursive: true });
    writeFileSync(path.join(ctx.config.uploadsDir, key), bytes);
    const [a] = await ctx.db.insert(attachment).values({ ownerId: null, entityType: 'public_report', entityId: report.id, mime: 'image/jpeg', sizeBytes: bytes.length, sha256: 'x', originalName: '现场.jpg', storageKey: key }).returning();
    const d = await ok(await staff.get(`/api/reports/${report.id}`));
    expect(d.photos).toEqual([{ id: a!.id, url: `/api/reports/${report.id}/photos/${a!.id}` }]);
    const img = await staff.get(d.photos[0]!.url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect((await townA.get(d.photos[0]!.url)).statusCode).toBe(404);
    expect((await instOfficer.get(d.photos[0]!.url)).statusCode).toBe(403);
    expect((await staff.get(`/api/reports/${report.id}/photos/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('dashboard figures', () => {
  it('counts received, accepted, true, handled in time and rewards paid, by township and category', async () => {
    const dash = async (c: Client, q = '') => {
      const res = await c.get(`/api/dashboard${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Dashboard;
    };
    const all = await ctx.db.select().from(publicReport);
    const county = (await dash(staff)).reports!;
    expect(county.totals.received).toBe(all.length);
    expect(county.totals.accepted).toBe(all.filter((r) => r.acceptedAt).length);
    expect(county.totals.confirmed).toBe(all.filter((r) => r.verdict === 'true' || r.verdict === 'partly_true').length);
    expect(county.totals.handled).toBe(all.filter((r) => ['rewarding', 'closed', 'rejected'].includes(r.status)).length);
    expect(county.totals.handledInTime).toBe(county.totals.handled); // everything here ended on time
    expect(county.totals.rewardsPaid).toBe(1);
    expect(county.totals.rewardsPaidYuan).toBe(8000);
    const a = county.byTownship.find((t) => t.townshipId === xunzhong)!;
    expect(a.received).toBe(all.filter((r) => r.townshipId === xunzhong).length);
    expect(a.rewardsPaid).toBe(1);
    expect(county.byCategory.reduce((n, c) => n + c.received, 0)).toBe(all.length);
    expect(county.byCategory.find((c) => c.category === 'locked_exit')!.rewardsPaid).toBe(1);
    const mine = (await dash(townA)).reports!;
    expect(mine.totals.received).toBe(a.received);
    expect(mine.byTownship.map((t) => t.townshipId)).toEqual([xunzhong]);
    expect((await dash(townB)).reports!.totals.received).toBe(0);
    expect((await dash(instOfficer)).reports).toBeNull();
    expect((await dash(staff, `?townshipId=${xunzhong}`)).reports!.totals.received).toBe(a.received);
  });

  it('counts a report handled late as not in time', async () => {
    const before = (await (await staff.get('/api/dashboard')).json()).reports.totals;
    const { report } = await makeReport(ctx, { placeText: '迟办测试地点' });
    at('2026-05-20T02:00:00Z'); // past the 3-day accept limit
    await ok(await staff.post(`/api/reports/${report.id}/reject`, { reason: 'insufficient', note: '线索不足' }));
    const after = (await (await staff.get('/api/dashboard')).json()).reports.totals;
    expect(after.handled).toBe(before.handled + 1);
    expect(after.handledInTime).toBe(before.handledInTime);
    const [row] = await ctx.db.select().from(publicReport).where(eq(publicReport.id, report.id));
    expect(row!.stepDueAt!.getTime()).toBeLessThan(row!.closedAt!.getTime());
    at('2026-05-10T02:00:00Z');
  });
});
