import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, emergencyPlan, notification, setting } from '@lifeline/db';
import type { PlanDetail, PlanSummary } from '@lifeline/shared';
import { runPlanRevisionReminders } from '../../jobs/plan-revision.ts';
import { anon, clientFor, createTestContext, makeInstitution, upload, type Client, type TestContext } from '../../testing/harness.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';
/** A tiny but real PDF (file-type recognises it by its %PDF header). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let ctx: TestContext;
let admin: Client;
let leader: Client;
let xunzhong: Client;
let xunzhongId: string;
let longmen: Client;
let officer: Client;
let officerId: string;
let otherOfficer: Client;
let instId: string;
let otherInstId: string;

const at = (iso: string) => {
  ctx.clock.now = new Date(iso);
};
const notes = async (userId: string, kind: string) =>
  Number((await ctx.db.select({ n: count() }).from(notification).where(and(eq(notification.userId, userId), eq(notification.kind, kind))))[0]!.n);
const pdfId = async (c: Client, name = '火灾事故应急预案.pdf') => {
  const res = await upload(c, { filename: name, content: PDF }, 'document');
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};

beforeAll(async () => {
  ctx = await createTestContext();
  const inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '浔中镇预案测试敬老院' });
  const other = await makeInstitution(ctx, { townshipId: ctx.townships['龙门滩镇']!, name: '龙门滩镇预案测试敬老院' });
  instId = inst.id;
  otherInstId = other.id;
  admin = (await clientFor(ctx, 'county_admin')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
  const x = await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['浔中镇']! });
  xunzhong = x.client;
  xunzhongId = x.user.id;
  longmen = (await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['龙门滩镇']! })).client;
  const o = await clientFor(ctx, 'institution_officer', { institutionId: inst.id });
  officer = o.client;
  officerId = o.user.id;
  otherOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: other.id })).client;
  at('2024-06-03T02:00:00Z');
});
afterAll(async () => ctx?.close());

let planId: string;

describe('creating a plan', () => {
  it('401 without a session, 403 without plan.manage, 400 field errors, 404 for another institution', async () => {
    expect((await anon(ctx).post('/api/plans', { institutionId: instId, kind: 'fire', title: 'x' })).statusCode).toBe(401);
    expect((await anon(ctx).get('/api/plans')).statusCode).toBe(401);
    expect((await xunzhong.post('/api/plans', { institutionId: instId, kind: 'fire', title: '火灾预案' })).statusCode).toBe(403);
    expect((await admin.post('/api/plans', { institutionId: instId, kind: 'fire', title: '火灾预案' })).statusCode).toBe(403);
    const bad = await officer.post('/api/plans', { institutionId: 'nope', kind: 'volcano', title: '' });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['institutionId', 'kind', 'title']));
    expect((await officer.post('/api/plans', { institutionId: otherInstId, kind: 'fire', title: '火灾预案' })).statusCode).toBe(404);
  });

  it('the institution officer creates a plan (draft, audited); a second plan of the same kind is 409', async () => {
    const res = await officer.post('/api/plans', { institutionId: instId, kind: 'fire', title: '火灾事故应急预案' });
    expect(res.statusCode).toBe(201);
    const p = res.json() as PlanDetail;
    planId = p.id;
    expect(p).toMatchObject({ kind: 'fire', state: 'draft', currentVersion: 0, versions: [], institutionName: '浔中镇预案测试敬老院', abilities: { submitVersion: true, review: false } });
    const [audit] = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityId, planId), eq(auditLog.action, 'plan.create')));
    expect(audit).toBeTruthy();
    const dup = await officer.post('/api/plans', { institutionId: instId, kind: 'fire', title: '另一个' });
    expect(dup.statusCode).toBe(409);
  });

  it('plans outside the scope do not exist (404) and are not listed', async () => {
    expect((await longmen.get(`/api/plans/${planId}`)).statusCode).toBe(404);
    expect((await otherOfficer.get(`/api/plans/${planId}`)).statusCode).toBe(404);
    expect((await longmen.get('/api/plans')).json().items).toEqual([]);
    expect((await xunzhong.get(`/api/plans/${planId}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/plans/${planId}`)).json().abilities).toEqual({ submitVersion: false, review: false });
  });
});

describe('versions and review', () => {
  let v1: string;
  it('400 without files, for an xlsx, a far future date; the first version goes to review and tells the township', async () => {
    expect((await officer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2024-06-01', attachmentIds: [] })).statusCode).toBe(400);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['a']);
    const xlsx = await upload(officer, { filename: '表.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) }, 'document');
    expect(xlsx.statusCode).toBe(201);
    const wrong = await officer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2024-06-01', attachmentIds: [xlsx.json().id] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('attachmentIds');
    const file = await pdfId(officer);
    const future = await officer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2025-06-01', attachmentIds: [file] });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('effectiveOn');
    expect((await officer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2024-02-30', attachmentIds: [file] })).statusCode).toBe(400);
    // another user's upload cannot be used
    expect((await otherOfficer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2024-06-01', attachmentIds: [file] })).statusCode).toBe(404);

    const res = await officer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2024-06-01', notes: '首次编制', attachmentIds: [file] });
    expect(res.statusCode).toBe(201);
    const p = res.json() as PlanDetail;
    expect(p).toMatchObject({ state: 'pending', currentVersion: 1, abilities: { submitVersion: false } });
    expect(p.versions[0]).toMatchObject({ version: 1, status: 'submitted', notes: '首次编制', effectiveOn: '2024-06-01' });
    expect(p.versions[0]!.attachments[0]!.originalName).toBe('火灾事故应急预案.pdf');
    v1 = p.versions[0]!.id;
    expect(await notes(xunzhongId, 'plan_submitted')).toBe(1);
    // the township reviewer can open the file; another township cannot
    const url = p.versions[0]!.attachments[0]!.url;
    expect((await xunzhong.get(url)).statusCode).toBe(200);
    expect((await longmen.get(url)).statusCode).toBe(404);
  });

  it('409 while a version is pending; 403 review without plan.review; 404 out of scope; 400 return without comment', async () => {
    const again = await officer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2024-06-01', attachmentIds: [await pdfId(officer)] });
    expect(again.statusCode).toBe(409);
    expect((await officer.post(`/api/plan-versions/${v1}/review`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await leader.post(`/api/plan-versions/${v1}/review`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await longmen.post(`/api/plan-versions/${v1}/review`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await xunzhong.post(`/api/plan-versions/${MISSING}/review`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await xunzhong.post(`/api/plan-versions/${v1}/review`, { decision: 'maybe' })).statusCode).toBe(400);
    const noComment = await xunzhong.post(`/api/plan-versions/${v1}/review`, { decision: 'return', comment: '  ' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.details[0].path).toBe('comment');
  });

  it('the township returns v1 with a comment (institution told), the officer uploads v2, the township approves it', async () => {
    const detail = (await xunzhong.get(`/api/plans/${planId}`)).json() as PlanDetail;
    expect(detail.abilities).toEqual({ submitVersion: false, review: true });
    const ret = await xunzhong.post(`/api/plan-versions/${v1}/review`, { decision: 'return', comment: '缺少失能老人疏散分工' });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ state: 'returned', abilities: { review: false } });
    expect(ret.json().versions[0]).toMatchObject({ status: 'returned', reviewComment: '缺少失能老人疏散分工' });
    expect(await notes(officerId, 'plan_returned')).toBe(1);
    expect((await xunzhong.post(`/api/plan-versions/${v1}/review`, { decision: 'approve' })).statusCode).toBe(409);

    at('2024-06-04T02:00:00Z');
    const v2 = await officer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2024-06-04', notes: '补充失能老人疏散分工', attachmentIds: [await pdfId(officer)] });
    expect(v2.statusCode).toBe(201);
    const d2 = v2.json() as PlanDetail;
    expect(d2.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(await notes(xunzhongId, 'plan_submitted')).toBe(2);
    // the old version can no longer be reviewed
    expect((await xunzhong.post(`/api/plan-versions/${v1}/review`, { decision: 'approve' })).statusCode).toBe(409);
    const ok = await admin.post(`/api/plan-versions/${d2.versions[0]!.id}/review`, { decision: 'approve', comment: '' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'current', approvedVersion: 2, approvedEffectiveOn: '2024-06-04', validUntil: '2025-06-04', dueForRevision: false });
    expect(await notes(officerId, 'plan_approved')).toBe(1);
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'plan.approve'));
    expect(audits).toHaveLength(1);
  });

  it('lists with filters and state', async () => {
    const list = (await xunzhong.get('/api/plans?state=current')).json();
    expect(list.items.map((p: PlanSummary) => p.id)).toEqual([planId]);
    expect((await xunzhong.get('/api/plans?state=pending')).json().items).toEqual([]);
    expect((await admin.get(`/api/plans?townshipId=${ctx.townships['浔中镇']}&kind=fire`)).json().total).toBe(1);
    expect((await admin.get('/api/plans?kind=earthquake')).json().total).toBe(0);
    expect((await admin.get('/api/plans?state=bogus')).statusCode).toBe(400);
  });
});

describe('due for revision', () => {
  it('becomes due when the approved version is older than planMaxAgeDays (by the clock), and the reminder goes out exactly once', async () => {
    at('2025-06-04T12:00:00Z'); // 20:00 on 4 June 2025 in Shanghai: exactly 365 days, still current
    expect((await officer.get(`/api/plans/${planId}`)).json()).toMatchObject({ state: 'current', dueForRevision: false });
    expect((await runPlanRevisionReminders(ctx.db, ctx.clock.now!)).sent).toBe(0);

    at('2025-06-04T16:30:00Z'); // 00:30 on 5 June in Shanghai
    expect((await officer.get(`/api/plans/${planId}`)).json()).toMatchObject({ state: 'due_revision', dueForRevision: true });
    expect((await xunzhong.get('/api/plans?state=due_revision')).json().total).toBe(1);

    const [first, second] = await Promise.all([runPlanRevisionReminders(ctx.db, ctx.clock.now!), runPlanRevisionReminders(ctx.db, ctx.clock.now!)]);
    expect(first.sent + second.sent).toBe(1);
    at('2025-06-10T02:00:00Z');
    expect((await runPlanRevisionReminders(ctx.db, ctx.clock.now!)).sent).toBe(0);
    expect(await notes(officerId, 'plan_revision_due')).toBe(1);
  });

  it('a shorter setting makes it due sooner; a drill revision request makes it due and approval clears it (new cycle, new reminder)', async () => {
    at('2025-06-11T02:00:00Z');
    const v3 = await officer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2025-06-11', attachmentIds: [await pdfId(officer)] });
    expect(v3.json().state).toBe('pending');
    // no reminder while a version is pending
    expect((await runPlanRevisionReminders(ctx.db, ctx.clock.now!)).sent).toBe(0);
    const approved = await xunzhong.post(`/api/plan-versions/${v3.json().versions[0].id}/review`, { decision: 'approve' });
    expect(approved.json()).toMatchObject({ state: 'current', approvedVersion: 3 });

    // a drill evaluation flags the plan (the drills module sets these columns)
    await ctx.db.update(emergencyPlan).set({ revisionRequested: true, revisionReason: '夜间演练疏散超时' }).where(eq(emergencyPlan.id, planId));
    at('2025-06-12T02:00:00Z');
    expect((await officer.get(`/api/plans/${planId}`)).json()).toMatchObject({ state: 'due_revision', revisionRequested: true, revisionReason: '夜间演练疏散超时' });
    expect((await runPlanRevisionReminders(ctx.db, ctx.clock.now!)).sent).toBe(1);
    expect((await runPlanRevisionReminders(ctx.db, ctx.clock.now!)).sent).toBe(0);
    expect(await notes(officerId, 'plan_revision_due')).toBe(2);

    const v4 = await officer.post(`/api/plans/${planId}/versions`, { effectiveOn: '2025-06-12', attachmentIds: [await pdfId(officer)] });
    const ok = await xunzhong.post(`/api/plan-versions/${v4.json().versions[0].id}/review`, { decision: 'approve' });
    expect(ok.json()).toMatchObject({ state: 'current', revisionRequested: false, revisionReason: '' });

    await ctx.db.insert(setting).values({ key: 'preparedness.planMaxAgeDays', value: 30 }).onConflictDoUpdate({ target: setting.key, set: { value: 30 } });
    at('2025-07-20T02:00:00Z');
    expect((await officer.get(`/api/plans/${planId}`)).json()).toMatchObject({ state: 'due_revision', validUntil: '2025-07-12' });
    await ctx.db.delete(setting).where(eq(setting.key, 'preparedness.planMaxAgeDays'));
    expect((await officer.get(`/api/plans/${planId}`)).json().state).toBe('current');
  });
});

describe('missing kinds and export', () => {
  it('lists institutions lacking an approved plan of a required kind', async () => {
    const res = await xunzhong.get('/api/plans/missing');
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.find((i: { institutionId: string }) => i.institutionId === instId);
    // elderly care requires comprehensive, fire, missing_resident by default; fire is approved
    expect(mine).toMatchObject({ requiredKinds: ['comprehensive', 'fire', 'missing_resident'], missingKinds: ['comprehensive', 'missing_resident'] });
    expect(res.json().items.every((i: { townshipId: string }) => i.townshipId === ctx.townships['浔中镇'])).toBe(true);
    expect((await xunzhong.get(`/api/plans/missing?townshipId=${ctx.townships['龙门滩镇']}`)).statusCode).toBe(404);
    expect((await xunzhong.get('/api/plans/missing?townshipId=x')).statusCode).toBe(400);
    const county = (await admin.get(`/api/plans/missing?townshipId=${ctx.townships['龙门滩镇']}`)).json();
    expect(county.items.find((i: { institutionId: string }) => i.institutionId === otherInstId).missingKinds).toEqual(['comprehensive', 'fire', 'missing_resident']);
    // an unapproved plan still counts as missing
    await otherOfficer.post('/api/plans', { institutionId: otherInstId, kind: 'comprehensive', title: '综合应急预案' });
    const again = (await admin.get(`/api/plans/missing?townshipId=${ctx.townships['龙门滩镇']}`)).json();
    expect(again.items.find((i: { institutionId: string }) => i.institutionId === otherInstId).missingKinds).toContain('comprehensive');
  });

  it('exports the register as .xlsx readable with exceljs (scope-filtered)', async () => {
    const res = await xunzhong.get('/api/plans/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('乡镇');
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe('浔中镇预案测试敬老院');
    expect(ws.getRow(2).getCell(9).value).toBeInstanceOf(Date);
    expect((await anon(ctx).get('/api/plans/export.xlsx')).statusCode).toBe(401);
  });
});
