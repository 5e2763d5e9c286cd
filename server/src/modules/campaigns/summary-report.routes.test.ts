import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { checklistItem, checklistTemplate, checklistVersion, hazard, submission, taskAssignment, township, publicReport } from '@lifeline/db';
import { anon, clientFor, createTestContext, makeInstitution, type Client, type TestContext } from '../../testing/harness.ts';

const NOTICE = readFileSync(new URL('../../../../db/src/reference/notice-2024-safety-month.txt', import.meta.url), 'utf8');
const MISSING = '00000000-0000-4000-8000-000000000000';

let ctx: TestContext;
let admin: Client;
let leader: Client;
let staff: Client;
let twA: Client;
let twB: Client;
let instOfficer: Client;
let adminId: string;
let A: string;
let B: string;
let campaignId: string;
let draftId: string;
let articleTaskId: string;
let summaryTaskId: string;

/** Sets the app clock to an ISO instant. */
const at = (iso: string) => {
  ctx.clock.now = new Date(iso);
};

async function version(code: string) {
  const [v] = await ctx.db
    .select({ id: checklistVersion.id })
    .from(checklistVersion)
    .innerJoin(checklistTemplate, eq(checklistTemplate.id, checklistVersion.templateId))
    .where(and(eq(checklistTemplate.code, code), eq(checklistVersion.version, 1)));
  const items = await ctx.db.select().from(checklistItem).where(eq(checklistItem.versionId, v!.id)).orderBy(asc(checklistItem.sortOrder));
  return { id: v!.id, items };
}

/** Files an inspection through the API: every real item passes except `fails`; returns the hazard ids by item code. */
async function inspect(client: Client, kind: 'county' | 'township' | 'self', institutionId: string, checklist: string, inspectedOn: string, fails: string[] = []) {
  const v = await version(checklist);
  const res = await client.post('/api/inspections', {
    kind,
    institutionId,
    checklistVersionId: v.id,
    inspectedOn,
    results: v.items.filter((i) => !i.isPlaceholder).map((i) => ({ itemId: i.id, result: fails.includes(i.code) ? 'fail' : 'pass', note: fails.includes(i.code) ? `${i.code} 不符合` : '' })),
  });
  expect(res.statusCode, res.body).toBe(201);
  const detail = res.json();
  return Object.fromEntries(detail.results.filter((r: { hazardId?: string | null }) => r.hazardId).map((r: { code: string; hazardId: string }) => [r.code, r.hazardId])) as Record<string, string>;
}

/** 整改 → 提交验收 (the institution) → 验收销号 (the verifier) through the API. */
async function closeHazard(rectifier: Client, verifier: Client, id: string) {
  for (const [client, step, note] of [[rectifier, 'start', ''], [rectifier, 'submit', '已清理完毕'], [verifier, 'verify', '复查合格']] as const) {
    const res = await client.post(`/api/hazards/${id}/${step}`, { note });
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** An assignment of the task for the township (created at publishing; made here if publishing does not create them). */
async function assignmentOf(taskId: string, townshipId: string) {
  const [a] = await ctx.db.select().from(taskAssignment).where(and(eq(taskAssignment.taskId, taskId), eq(taskAssignment.townshipId, townshipId), eq(taskAssignment.unitKind, 'township')));
  return a!;
}

let hazardSeq = 0;
/** An ad-hoc hazard inserted directly at an exact instant (boundary cases of the period). */
async function insertHazard(townshipId: string, institutionId: string, foundAt: string, category: string) {
  await ctx.db.insert(hazard).values({
    code: `YH2024-T${String(++hazardSeq).padStart(5, '0')}`,
    institutionId,
    townshipId,
    source: 'adhoc',
    level: 'general',
    category,
    title: '测试隐患',
    deadline: new Date(Date.parse(foundAt) + 30 * 86400_000),
    foundAt: new Date(foundAt),
    reportedById: adminId,
  });
}

const docxText = async (buf: Buffer) => (await mammoth.extractRawText({ buffer: buf })).value;
const getDocx = (c: Client, url: string) => c.request({ method: 'GET', url });

beforeAll(async () => {
  ctx = await createTestContext();
  A = ctx.townships['浔中镇']!;
  B = ctx.townships['龙浔镇']!;
  const a1 = await makeInstitution(ctx, { townshipId: A, name: '浔中镇敬老院' });
  const a2 = await makeInstitution(ctx, { townshipId: A, name: '浔中镇福利中心' });
  const b1 = await makeInstitution(ctx, { townshipId: B, name: '龙浔镇敬老院' });
  const adm = await clientFor(ctx, 'county_admin');
  admin = adm.client;
  adminId = adm.user.id;
  leader = (await clientFor(ctx, 'county_leader')).client;
  staff = (await clientFor(ctx, 'county_staff')).client;
  twA = (await clientFor(ctx, 'township_officer', { townshipId: A })).client;
  twB = (await clientFor(ctx, 'township_officer', { townshipId: B })).client;
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: a1.id })).client;

  // before the campaign: a 生命通道 hazard in A (stock, found 2024-05-20)
  at('2024-05-20T02:00:00Z');
  const stock = await inspect(twA, 'township', a1.id, 'life-passage', '2024-05-20', ['LP-04']);

  // the campaign from the real notice (period 2024-06-01..06-30), published; and a draft one
  at('2024-05-28T02:00:00Z');
  const created = await admin.post('/api/campaigns/from-notice', { text: NOTICE });
  expect(created.statusCode, created.body).toBe(201);
  campaignId = created.json().campaign.id;
  const tasks = created.json().campaign.tasks as { id: string; deliverableKind: string }[];
  articleTaskId = tasks.find((t) => t.deliverableKind === 'article')!.id;
  summaryTaskId = tasks.find((t) => t.deliverableKind === 'summary_report')!.id;
  draftId = (await admin.post('/api/campaigns/from-notice', { text: NOTICE })).json().campaign.id;
  at('2024-05-30T02:00:00Z');
  expect((await admin.post(`/api/campaigns/${campaignId}/publish`)).statusCode).toBe(200);
  // the board's snapshot of units (publishing makes it; kept idempotent so this test stands alone)
  const tws = await ctx.db.select({ id: township.id, name: township.name }).from(township);
  for (const taskId of [articleTaskId, summaryTaskId]) {
    await ctx.db
      .insert(taskAssignment)
      .values(tws.map((tw) => ({ taskId, campaignId, unitKind: 'township' as const, townshipId: tw.id, unitName: tw.name })))
      .onConflictDoNothing();
  }

  // in the campaign: A — county inspection (LP-01, LP-02 fail), township inspection (all pass),
  // self-inspection (4.2 fails: a major hazard); B — township inspection (LP-03 fails)
  at('2024-06-10T02:00:00Z');
  // preparedness records: in A a night fire drill (5 staff + 20 residents) and a study session on
  // the major-hazard criteria (12 people); in B a drill that A's figures must not count
  const drill = await twA.post('/api/drills', { institutionId: a1.id, scenario: 'fire', isNight: true, held: { heldAt: '2024-06-09T13:00:00Z', staffCount: 5, residentCount: 20, nonAmbulatoryCount: 3, evacuationSeconds: 185 } });
  expect(drill.statusCode, drill.body).toBe(201);
  expect((await twB.post('/api/drills', { institutionId: b1.id, scenario: 'earthquake', held: { heldAt: '2024-06-09T02:00:00Z', staffCount: 2, residentCount: 6, evacuationSeconds: 90 } })).statusCode).toBe(201);
  // a public report about A's institution, received in the period, found true and concluded
  await ctx.db.insert(publicReport).values({ serialNo: 'JB2024-000001', receiptHash: 'a'.repeat(64), institutionId: a1.id, category: 'locked_exit', description: '敬老院二楼安全出口被锁闭', status: 'closed', townshipId: A, verdict: 'true', receivedAt: new Date('2024-06-12T02:00:00Z'), closedAt: new Date('2024-06-20T02:00:00Z') });
  const study = await twA.post('/api/study-sessions', { kind: 'seminar', heldOn: '2024-06-08', topic: '学习《养老机构重大事故隐患判定标准》', regulations: ['major_hazard_criteria'], participantCount: 12 });
  expect(study.statusCode, study.body).toBe(201);
  const county = await inspect(staff, 'county', a1.id, 'life-passage', '2024-06-10', ['LP-01', 'LP-02']);
  await inspect(twA, 'township', a2.id, 'life-passage', '2024-06-10');
  await inspect(instOfficer, 'self', a1.id, 'elderly-major-hazard-2023', '2024-06-10', ['4.2']);
  await inspect(twB, 'township', b1.id, 'life-passage', '2024-06-10', ['LP-03']);
  // A closes LP-01 and the stock LP-04 in the period
  at('2024-06-12T02:00:00Z');
  await closeHazard(instOfficer, twA, county['LP-01']!);
  await closeHazard(instOfficer, twA, stock['LP-04']!);
  // B: one hazard in the last minutes of 30 June (local) — in; one just after midnight — out
  await insertHazard(B, b1.id, '2024-06-30T15:30:00Z', 'electrical');
  await insertHazard(B, b1.id, '2024-06-30T16:30:00Z', 'gas');

  // submissions: A's article returned then accepted (first version on time), B's accepted late,
  // A's summary handed in but not reviewed yet
  const aArt = await assignmentOf(articleTaskId, A);
  const bArt = await assignmentOf(articleTaskId, B);
  const aSum = await assignmentOf(summaryTaskId, A);
  const sub = (assignmentId: string, version: number, submittedAt: string, status: 'submitted' | 'returned' | 'accepted', isLate = false) => ({
    assignmentId,
    version,
    text: '报送内容',
    status,
    isLate,
    submittedById: adminId,
    submittedAt: new Date(submittedAt),
    ...(status === 'submitted' ? {} : { reviewedById: adminId, reviewedAt: new Date(Date.parse(submittedAt) + 3600_000) }),
  });
  await ctx.db.insert(submission).values([
    sub(aArt.id, 1, '2024-06-04T02:00:00Z', 'returned'),
    sub(aArt.id, 2, '2024-06-07T02:00:00Z', 'accepted', true),
    sub(bArt.id, 1, '2024-06-08T02:00:00Z', 'accepted', true),
    sub(aSum.id, 1, '2024-06-20T02:00:00Z', 'submitted'),
  ]);

  at('2024-06-24T03:00:00Z');
});
afterAll(async () => ctx?.close());

describe('access', () => {
  it('401 without a session', async () => {
    expect((await anon(ctx).get(`/api/campaigns/${campaignId}/summary-figures`)).statusCode).toBe(401);
    expect((await anon(ctx).get(`/api/campaigns/${campaignId}/summary-report.docx`)).statusCode).toBe(401);
  });

  it('403 for an institution officer: there is no institution-level summary', async () => {
    const res = await instOfficer.get(`/api/campaigns/${campaignId}/summary-report.docx`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await instOfficer.get(`/api/campaigns/${campaignId}/summary-figures`)).statusCode).toBe(403);
  });

  it('404 for an unknown campaign, an unknown township, and another township for a township officer', async () => {
    expect((await admin.get(`/api/campaigns/${MISSING}/summary-report.docx`)).statusCode).toBe(404);
    expect((await twA.get(`/api/campaigns/${MISSING}/summary-figures`)).statusCode).toBe(404);
    expect((await admin.get(`/api/campaigns/${campaignId}/summary-figures?townshipId=${MISSING}`)).statusCode).toBe(404);
    expect((await twA.get(`/api/campaigns/${campaignId}/summary-report.docx?townshipId=${B}`)).statusCode).toBe(404);
    expect((await twA.get(`/api/campaigns/${campaignId}/summary-figures?townshipId=${B}`)).statusCode).toBe(404);
  });

  it('400 for a malformed id or township id', async () => {
    expect((await admin.get('/api/campaigns/not-a-uuid/summary-report.docx')).statusCode).toBe(400);
    const res = await admin.get(`/api/campaigns/${campaignId}/summary-figures?townshipId=abc`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('querystring.townshipId');
  });

  it('409 for a draft campaign, with a clear message', async () => {
    const res = await admin.get(`/api/campaigns/${draftId}/summary-report.docx`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('尚未发布');
    expect((await twA.get(`/api/campaigns/${draftId}/summary-figures`)).statusCode).toBe(409);
  });
});

describe('GET /api/campaigns/:id/summary-figures', () => {
  it('counts township A only, in the campaign period; a township officer gets their own township by default', async () => {
    const res = await twA.get(`/api/campaigns/${campaignId}/summary-figures`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.scope).toMatchObject({ kind: 'township', townshipId: A, townshipName: '浔中镇', unitName: '浔中镇民政办', countyName: '德化县' });
    expect(f.period).toMatchObject({ fromDate: '2024-06-01', toDate: '2024-06-30', basis: 'campaign', from: '2024-05-31T16:00:00.000Z', to: '2024-06-30T15:59:59.999Z' });
    expect(f.recipient).toBe('县民政局办公室');
    expect(f.inspections).toEqual({ total: 3, byKind: { county: 1, township: 1, self: 1 }, institutionsCovered: 2, institutionsInScope: 2 });
    expect(f.hazards).toMatchObject({
      found: 3,
      closed: 1,
      byLevel: { general: { found: 2, closed: 1 }, major: { found: 1, closed: 0 } },
      closedInPeriod: 2,
      closedInPeriodStock: 1,
    });
    expect(f.hazards.byCategory).toEqual([
      { category: 'life_passage', found: 2, closed: 1, major: 0 },
      { category: 'fire_facility', found: 1, closed: 0, major: 1 },
    ]);
    expect(f.lifePassage).toEqual({
      found: 2,
      fixed: 2,
      fixedStock: 1,
      byGroup: [
        { group: '疏散通道与安全出口', found: 2, fixed: 1 },
        { group: '门窗与逃生窗口', found: 0, fixed: 1 },
      ],
    });
    expect(f.drills).toEqual({ tracked: true, count: 1, participants: 25, nightCount: 1, institutionsCovered: 1 });
    expect(f.studySessions).toEqual({ tracked: true, count: 1, attendance: 12, criteriaSessions: 1 });
    expect(f.quiz).toEqual({ tracked: true, attempts: 0, participants: 0, averageScore: null });
    expect(f.publicReports).toEqual({ tracked: true, received: 1, handled: 1, confirmed: 1 });
    const article = f.tasks.items.find((x: { taskId: string }) => x.taskId === articleTaskId);
    const summary = f.tasks.items.find((x: { taskId: string }) => x.taskId === summaryTaskId);
    expect(article).toMatchObject({ total: 1, done: 1, onTime: 1, deadlineDate: '2024-06-05' });
    expect(summary).toMatchObject({ total: 1, done: 0, onTime: 0, deadlineDate: '2024-06-24' });
    // the county asking for A gets the same figures
    const byCounty = (await admin.get(`/api/campaigns/${campaignId}/summary-figures?townshipId=${A}`)).json();
    expect(byCounty.hazards).toEqual(f.hazards);
    expect(byCounty.tasks).toEqual(f.tasks);
  });

  it("township B's figures hold B's hazards only, with the 30 June 23:30 (local) hazard in and the 1 July 00:30 one out", async () => {
    const f = (await twB.get(`/api/campaigns/${campaignId}/summary-figures?townshipId=${B}`)).json();
    expect(f.inspections).toMatchObject({ total: 1, byKind: { county: 0, township: 1, self: 0 } });
    expect(f.hazards.byCategory).toEqual([
      { category: 'life_passage', found: 1, closed: 0, major: 0 },
      { category: 'electrical', found: 1, closed: 0, major: 0 },
    ]);
    expect(f.lifePassage).toMatchObject({ found: 1, fixed: 0 });
    expect(f.tasks.items.find((x: { taskId: string }) => x.taskId === articleTaskId)).toMatchObject({ total: 1, done: 1, onTime: 0 });
  });

  it('the county figures add up every township', async () => {
    const f = (await leader.get(`/api/campaigns/${campaignId}/summary-figures`)).json();
    expect(f.scope).toMatchObject({ kind: 'county', townshipId: null, unitName: '德化县民政局' });
    expect(f.inspections).toMatchObject({ total: 4, byKind: { county: 1, township: 2, self: 1 }, institutionsCovered: 3 });
    expect(f.hazards).toMatchObject({ found: 5, closed: 1, byLevel: { general: { found: 4, closed: 1 }, major: { found: 1, closed: 0 } }, closedInPeriod: 2, closedInPeriodStock: 1 });
    expect(f.lifePassage).toMatchObject({ found: 3, fixed: 2 });
    const townships = Object.keys(ctx.townships).length;
    expect(f.tasks.items.find((x: { taskId: string }) => x.taskId === articleTaskId)).toMatchObject({ total: townships, done: 2, onTime: 1 });
    expect(f.tasks).toMatchObject({ total: 2 * townships, done: 2, onTime: 1 });
  });
});

describe('GET /api/campaigns/:id/summary-report.docx', () => {
  it("township A's draft: title, addressee, sections of the notice, A's figures, the not-recorded wording, signature and date", async () => {
    const res = await getDocx(twA, `/api/campaigns/${campaignId}/summary-report.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const title = '德化县浔中镇2024年民政服务机构“安全生产月”活动情况总结';
    const cd = String(res.headers['content-disposition']);
    expect(cd).toContain("filename*=UTF-8''");
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe(`${title}.docx`);
    const text = await docxText(res.rawPayload);
    expect(text.startsWith(title)).toBe(true);
    expect(text).toContain('县民政局办公室：');
    expect(text).toContain('我镇于2024年6月1日至6月30日组织开展了2024年民政服务机构“安全生产月”活动，活动主题为“人人讲安全、个个会应急——畅通生命通道”');
    for (const heading of ['一、活动开展情况', '二、隐患排查整治情况', '三、畅通生命通道整治情况', '四、应急演练和宣传教育情况', '五、群众举报受理情况', '六、任务完成情况', '七、存在问题和下一步打算']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('（二）深入开展畅通生命通道宣传和演练。');
    expect(text).toContain('应急疏散演练');
    expect(text).toContain('6月16日安全宣传咨询日');
    expect(text).toContain('共检查民政服务机构3家次，覆盖机构2家（全镇现有在运营民政服务机构2家），其中县局检查1家次、乡镇检查1家次、机构自查1家次');
    expect(text).toContain('共排查发现隐患3处，其中一般隐患2处、重大隐患1处；截至2024年6月24日，已整改销号1处（一般隐患1处、重大隐患0处），整改率33.3%，尚有2处正在整改');
    expect(text).toContain('活动期间共整改销号隐患2处，其中活动开始前发现的存量隐患1处');
    expect(text).toContain('排查发现生命通道类隐患2处；整改销号生命通道类隐患2处，其中活动开始前发现的存量隐患1处');
    expect(text).toContain('活动期间共组织应急演练1次（其中夜间演练1次），覆盖1家机构，参演25人次。');
    expect(text).toContain('活动期间共开展学习培训和宣传活动1场，参加12人次，其中学习《养老机构重大事故隐患判定标准》1场。活动期间系统中无网络知识答题记录。');
    expect(text).toContain('活动期间共收到群众举报1件，经核查属实（含部分属实）1件，已办结1件。');
    expect(text).not.toContain('系统尚未登记');
    expect(text).toContain('共布置报送任务2项，应报送2份，已完成1份，其中按时完成1份');
    expect(text).toContain('报送安全管理工作经验做法');
    expect(text).toContain('【请填写】');
    expect(text).toMatch(/浔中镇民政办\s+2024年6月24日\s*$/);
    // tables: by level and by category (A has no 用电安全 hazard: that one is B's)
    expect(text).toContain('生命通道');
    expect(text).toContain('消防设施');
    expect(text).not.toContain('用电安全');
  });

  it("the county's draft counts every township and is signed by the bureau", async () => {
    const res = await getDocx(admin, `/api/campaigns/${campaignId}/summary-report.docx`);
    expect(res.statusCode).toBe(200);
    const text = await docxText(res.rawPayload);
    expect(text.startsWith('德化县民政局2024年全县民政服务机构“安全生产月”活动情况总结')).toBe(true);
    expect(text).toContain('【请填写主送单位】：'); // the notice names no addressee for the bureau's own summary
    expect(text).toContain('我局于2024年6月1日至6月30日');
    expect(text).toContain('共检查民政服务机构4家次');
    expect(text).toContain('共排查发现隐患5处，其中一般隐患4处、重大隐患1处');
    expect(text).toContain('用电安全');
    expect(text).toMatch(/德化县民政局\s+2024年6月24日\s*$/);
  });

  it('is a real .docx: A4, GB/T 9704 margins, East Asian fonts set on runs and in the default style', async () => {
    const res = await getDocx(twA, `/api/campaigns/${campaignId}/summary-report.docx`);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const doc = await zip.file('word/document.xml')!.async('string');
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toContain('w:eastAsia="黑体"');
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
  });
});
