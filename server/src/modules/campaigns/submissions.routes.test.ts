import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, notification, submission, taskAssignment, township as townshipTable } from '@lifeline/db';
import type { Assignment, AssignmentDetail, Board } from '@lifeline/shared';
import { anon, clientFor, createTestContext, makeInstitution, testPhoto, upload, type Client, type TestContext } from '../../testing/harness.ts';

const NOTICE = readFileSync(new URL('../../../../db/src/reference/notice-2024-safety-month.txt', import.meta.url), 'utf8');
const MISSING = '00000000-0000-4000-8000-000000000000';
/** A tiny but real PDF (file-type recognises it by its %PDF header). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let ctx: TestContext;
let admin: Client;
let adminId: string;
let staff: Client;
let leader: Client;
let xunzhong: Client;
let xunzhongId: string;
let longmen: Client;
let instOfficer: Client;
let campaignId: string;
let articleTaskId: string;

const at = (iso: string) => {
  ctx.clock.now = new Date(iso);
};
const notificationsOf = async (userId: string, kind: string) =>
  Number((await ctx.db.select({ n: count() }).from(notification).where(and(eq(notification.userId, userId), eq(notification.kind, kind))))[0]!.n);

beforeAll(async () => {
  ctx = await createTestContext();
  const inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']! });
  const a = await clientFor(ctx, 'county_admin');
  admin = a.client;
  adminId = a.user.id;
  staff = (await clientFor(ctx, 'county_staff')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
  const x = await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['浔中镇']! });
  xunzhong = x.client;
  xunzhongId = x.user.id;
  longmen = (await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['龙门滩镇']! })).client;
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;

  at('2024-05-30T02:00:00Z'); // 10:00 on 30 May in Shanghai
  const created = (await admin.post('/api/campaigns/from-notice', { text: NOTICE })).json();
  campaignId = created.campaign.id;
  articleTaskId = created.campaign.tasks.find((t: { deadlineDate: string }) => t.deadlineDate === '2024-06-05').id;
});
afterAll(async () => ctx?.close());

const myArticle = async (c: Client): Promise<Assignment> => {
  const res = await c.get(`/api/campaign-assignments?mine=true&campaignId=${campaignId}`);
  expect(res.statusCode).toBe(200);
  return res.json().items.find((a: Assignment) => a.taskId === articleTaskId);
};

describe('publishing hands the tasks out', () => {
  it('a draft is hidden from townships and has no assignments; publishing creates one per township for each township task', async () => {
    expect((await xunzhong.get(`/api/campaign-assignments?campaignId=${campaignId}`)).json().items).toEqual([]);
    expect((await xunzhong.get(`/api/campaigns/${campaignId}`)).statusCode).toBe(404);
    expect((await xunzhong.get(`/api/campaigns/${campaignId}/board`)).statusCode).toBe(404);
    expect((await xunzhong.get('/api/campaigns')).json().items).toEqual([]);
    expect((await admin.get('/api/campaigns')).json().items).toHaveLength(1);
    expect((await admin.post(`/api/campaigns/${campaignId}/publish`)).statusCode).toBe(200);
    const townships = Number((await ctx.db.select({ n: count() }).from(townshipTable))[0]!.n);
    const rows = await ctx.db.select().from(taskAssignment).where(eq(taskAssignment.taskId, articleTaskId));
    expect(rows).toHaveLength(townships);
    expect(new Set(rows.map((r) => r.unitName))).toContain('浔中镇');
    expect(rows.every((r) => r.unitKind === 'township' && r.townshipId && !r.institutionId)).toBe(true);
  });

  it('each township sees its own unit\'s tasks as 未开始 with the deadline of 5 June', async () => {
    const a = await myArticle(xunzhong);
    expect(a).toMatchObject({ unitName: '浔中镇', state: 'not_started', deadlineDate: '2024-06-05', latestVersion: null, isLate: false });
    expect(a.deadline).toBe('2024-06-05T15:59:59.999Z');
    expect((await xunzhong.get(`/api/campaigns/${campaignId}`)).json().status).toBe('published');
  });
});

describe('access and scope', () => {
  it('401 without a session; 403 for roles without the permission', async () => {
    expect((await anon(ctx).get('/api/campaign-assignments')).statusCode).toBe(401);
    expect((await anon(ctx).get(`/api/campaigns/${campaignId}/board`)).statusCode).toBe(401);
    expect((await leader.post(`/api/campaign-assignments/${MISSING}/submissions`, { text: '稿件' })).statusCode).toBe(403);
    expect((await xunzhong.post(`/api/submissions/${MISSING}/review`, { decision: 'accept' })).statusCode).toBe(403);
  });

  it('a township cannot see or hand in another township\'s assignment (404), nor can an institution', async () => {
    const a = await myArticle(xunzhong);
    expect((await longmen.get(`/api/campaign-assignments/${a.id}`)).statusCode).toBe(404);
    expect((await longmen.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '冒名报送' })).statusCode).toBe(404);
    expect((await instOfficer.get(`/api/campaign-assignments/${a.id}`)).statusCode).toBe(404);
    const visible = (await longmen.get(`/api/campaign-assignments?campaignId=${campaignId}`)).json().items as Assignment[];
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((x) => x.unitName === '龙门滩镇')).toBe(true);
  });

  it('county staff see every unit but cannot hand in for a township (403)', async () => {
    const a = await myArticle(xunzhong);
    expect((await staff.get(`/api/campaign-assignments/${a.id}`)).json().abilities).toEqual({ submit: false, review: false, return: false, feature: false, showcase: false });
    expect((await staff.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '代报' })).statusCode).toBe(403);
  });
});

describe('submit → return → resubmit (late) → accept → 优选推送', () => {
  let attachmentId: string;
  let v1: string;

  it('400 for an empty submission or a file of the wrong kind; nothing stored', async () => {
    const a = await myArticle(xunzhong);
    const empty = await xunzhong.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details).toEqual([{ path: 'text', message: '请填写报送内容或上传附件' }]);
    const photo = (await upload(xunzhong, { filename: '现场.jpg', content: await testPhoto() })).json();
    const wrong = await xunzhong.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '', attachmentIds: [photo.id] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('attachmentIds');
    // another unit's upload is refused without its name being read out
    const theirs = (await upload(longmen, { filename: '机密文件.pdf', content: PDF }, 'document')).json();
    const foreign = await xunzhong.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '', attachmentIds: [theirs.id] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details).toEqual([{ path: 'attachmentIds', message: '附件无效或已被使用，请重新上传' }]);
    expect(foreign.body).not.toContain('机密文件');
    expect(await ctx.db.select().from(submission)).toEqual([]);
  });

  it('the township hands in an article with a PDF; reviewers are notified; a second hand-in is 409', async () => {
    const a = await myArticle(xunzhong);
    attachmentId = (await upload(xunzhong, { filename: '浔中镇经验做法.pdf', content: PDF }, 'document')).json().id;
    const key = 'sub-1-0000-idem';
    const first = await xunzhong.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '浔中镇畅通生命通道的经验做法', attachmentIds: [attachmentId] }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const d = first.json() as AssignmentDetail;
    expect(d.state).toBe('submitted');
    expect(d.submissions).toHaveLength(1);
    expect(d.submissions[0]).toMatchObject({ version: 1, status: 'submitted', isLate: false, attachments: [{ originalName: '浔中镇经验做法.pdf' }] });
    v1 = d.submissions[0]!.id;
    // a phone retrying with the same key gets the same answer, not a second version
    const retry = await xunzhong.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '浔中镇畅通生命通道的经验做法', attachmentIds: [attachmentId] }, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().submissions).toHaveLength(1);
    const again = await xunzhong.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '再交一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('已报送，正在等待审核');
    expect(await notificationsOf(adminId, 'submission_received')).toBe(1);
    expect(Number((await ctx.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'campaign.submit'), eq(auditLog.entityId, v1))))[0]!.n)).toBe(1);
  });

  it('the file is visible to the county and the township, not to another township', async () => {
    expect((await admin.get(`/api/attachments/${attachmentId}`)).statusCode).toBe(200);
    expect((await xunzhong.get(`/api/attachments/${attachmentId}`)).statusCode).toBe(200);
    expect((await longmen.get(`/api/attachments/${attachmentId}`)).statusCode).toBe(404);
  });

  it('the county returns it with a comment (a return without one is 400); the township is notified', async () => {
    expect((await admin.post(`/api/submissions/${v1}/review`, { decision: 'return', comment: ' ' })).statusCode).toBe(400);
    const res = await admin.post(`/api/submissions/${v1}/review`, { decision: 'return', comment: '请补充隐患整改的具体数据' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'returned', submissions: [{ status: 'returned', reviewComment: '请补充隐患整改的具体数据' }] });
    expect((await admin.post(`/api/submissions/${v1}/review`, { decision: 'accept' })).statusCode).toBe(409);
    expect(await notificationsOf(xunzhongId, 'submission_returned')).toBe(1);
    expect((await xunzhong.get(`/api/campaign-assignments/${(await myArticle(xunzhong)).id}`)).json().abilities.submit).toBe(true);
  });

  it('a returned article becomes 逾期 after the deadline; the resubmission is version 2, accepted and marked late', async () => {
    at('2024-06-05T16:30:00Z'); // 00:30 on 6 June in Shanghai
    const a = await myArticle(xunzhong);
    expect(a.state).toBe('overdue');
    const res = await xunzhong.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '浔中镇经验做法（补充数据后）' });
    expect(res.statusCode).toBe(201);
    expect(res.json().submissions.map((s: { version: number; isLate: boolean }) => [s.version, s.isLate])).toEqual([
      [2, true],
      [1, false],
    ]);
    const v2 = res.json().submissions[0].id;
    expect((await admin.post(`/api/submissions/${v1}/review`, { decision: 'accept' })).statusCode).toBe(409); // an old version
    expect((await admin.post(`/api/submissions/${v2}/featured`, { featured: true })).statusCode).toBe(409); // not accepted yet
    const ok = await admin.post(`/api/submissions/${v2}/review`, { decision: 'accept', comment: '' });
    expect(ok.json()).toMatchObject({ state: 'accepted', isLate: true, abilities: { feature: true, showcase: false } });
    expect(await notificationsOf(xunzhongId, 'submission_accepted')).toBe(1);
    const featured = await admin.post(`/api/submissions/${v2}/featured`, { featured: true });
    expect(featured.json()).toMatchObject({ featured: true, submissions: [{ featured: true }, { featured: false }] });
    expect((await admin.post(`/api/submissions/${v2}/showcased`, { showcased: true })).statusCode).toBe(409); // not a video
  });

  it('the featured set downloads as a zip with the text and the files', async () => {
    const res = await admin.get(`/api/campaigns/${campaignId}/featured.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    expect(names).toHaveLength(1); // version 2 has text only
    expect(names[0]).toMatch(/^01-浔中镇-.+\/正文\.txt$/);
    expect(await zip.file(names[0]!)!.async('string')).toContain('浔中镇经验做法（补充数据后）');
  });
});

describe('completion board', () => {
  it('shows the accepted, late, featured cell; rates per task and unit; the overdue list', async () => {
    const res = await admin.get(`/api/campaigns/${campaignId}/board`);
    expect(res.statusCode).toBe(200);
    const b = res.json() as Board;
    const task = b.tasks.find((t) => t.id === articleTaskId)!;
    const townships = Number((await ctx.db.select({ n: count() }).from(townshipTable))[0]!.n);
    expect(task).toMatchObject({ total: townships, accepted: 1, overdue: townships - 1 });
    expect(task.rate).toBeCloseTo(Math.round((1 / townships) * 1000) / 1000);
    const row = b.units.find((u) => u.unitName === '浔中镇')!;
    expect(row.cells[articleTaskId]).toMatchObject({ state: 'accepted', isLate: true, featured: true, latestVersion: 2 });
    expect(b.units.find((u) => u.unitName === '龙门滩镇')!.cells[articleTaskId]!.state).toBe('overdue');
    expect(b.overdue.filter((o) => o.taskTitle === task.title)).toHaveLength(townships - 1);
    expect(b.overdue.find((o) => o.unitName === '龙门滩镇' && o.taskTitle === task.title)!.daysOverdue).toBe(1);
    expect(b.totals.accepted).toBe(1);
  });

  it('filters by state and township; a township officer sees only its own row', async () => {
    const accepted = (await admin.get(`/api/campaigns/${campaignId}/board?state=accepted`)).json() as Board;
    expect(accepted.units.map((u) => u.unitName)).toEqual(['浔中镇']);
    const one = (await admin.get(`/api/campaigns/${campaignId}/board?townshipId=${ctx.townships['龙门滩镇']}`)).json() as Board;
    expect(one.units.map((u) => u.unitName)).toEqual(['龙门滩镇']);
    const own = (await longmen.get(`/api/campaigns/${campaignId}/board`)).json() as Board;
    expect(own.units.map((u) => u.unitName)).toEqual(['龙门滩镇']);
    expect(own.totals.accepted).toBe(0);
    expect((await admin.get(`/api/campaigns/${MISSING}/board`)).statusCode).toBe(404);
    expect((await admin.get(`/api/campaigns/${campaignId}/board?state=bogus`)).statusCode).toBe(400);
  });

  it('exports the board as .xlsx with the same cells', async () => {
    const res = await admin.get(`/api/campaigns/${campaignId}/board.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('完成情况')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = header.findIndex((h) => String(h).endsWith('（6月5日截止）')) + 1;
    expect(col).toBeGreaterThan(0);
    let found = '';
    ws.eachRow((row) => {
      if (row.getCell(1).value === '浔中镇') found = String(row.getCell(col).value);
    });
    expect(found).toBe('已通过·逾期报送·优选推送');
    expect(wb.getWorksheet('逾期清单')!.rowCount).toBeGreaterThan(1);
  });
});

describe('ended campaigns', () => {
  it('refuse new submissions (409), can no longer return a pending one (only accept it), and keep everything', async () => {
    const a = (await longmen.get(`/api/campaign-assignments?mine=true&campaignId=${campaignId}`)).json().items.find((x: Assignment) => x.taskId === articleTaskId);
    const pending = (await longmen.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '龙门滩镇经验做法（逾期）' })).json().submissions[0].id;
    expect((await admin.post(`/api/campaigns/${campaignId}/end`)).statusCode).toBe(200);
    const res = await longmen.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '迟到的稿件' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('活动已结束，不能再报送');
    expect((await admin.get(`/api/campaign-assignments/${a.id}`)).json().abilities).toMatchObject({ review: true, return: false });
    const ret = await admin.post(`/api/submissions/${pending}/review`, { decision: 'return', comment: '请补充' });
    expect(ret.statusCode).toBe(409);
    expect(ret.json().error.message).toBe('活动已结束，单位无法再次报送，只能审核通过');
    expect((await admin.post(`/api/submissions/${pending}/review`, { decision: 'accept' })).json().state).toBe('accepted');
    expect((await ctx.db.select().from(submission)).length).toBe(3);
    ctx.clock.now = null;
  });

  it('the county leader downloads the featured set; a township cannot', async () => {
    expect((await leader.get(`/api/campaigns/${campaignId}/featured.zip`)).statusCode).toBe(200);
    expect((await xunzhong.get(`/api/campaigns/${campaignId}/featured.zip`)).statusCode).toBe(403);
  });
});
