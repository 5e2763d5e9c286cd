import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { attachment, auditLog, exposureCase, exposurePublicationLog, institution, publicReport } from '@lifeline/db';
import { encryptContact, secretKey } from '../../lib/contact-crypto.ts';
import { anon, clientFor, createTestContext, localDateIn, makeInstitution, testPhoto, upload, type Client, type TestContext } from '../../testing/harness.ts';
import { REPORT_PHOTO_ENTITY } from './exposure.repo.ts';

let ctx: TestContext;
let inst: { id: string; townshipId: string; name: string };
let staff: Client;
let admin: Client;
let leader: Client;
let township: Client;
let instOfficer: Client;

/** The reporter's contact details: only ever stored encrypted. */
const REPORTER = { name: '林秀英', phone: '13912345678' };
const ID_NO = '350526199001011234';
let serial = 0;

/** A public report inserted directly (the report workflow is built elsewhere), with an encrypted contact and one photo. */
async function makeReport(over: Partial<typeof publicReport.$inferInsert> = {}) {
  const [r] = await ctx.db
    .insert(publicReport)
    .values({
      serialNo: `JB2026-E${String(++serial).padStart(5, '0')}`,
      receiptHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      institutionId: inst.id,
      category: 'locked_exit',
      description: `${inst.name}夜间锁闭二楼安全出口，老人无法疏散。院长张建国说钥匙在他那里。我的电话13800138000，身份证${ID_NO}。`,
      status: 'verified',
      verdict: 'true',
      verdictNote: '现场核查属实，安全出口被铁链锁闭',
      townshipId: inst.townshipId,
      wantsReward: true,
      contactCiphertext: encryptContact(secretKey(ctx.config), REPORTER),
      receivedAt: new Date(Date.now() - 5 * 86400_000),
      verifiedAt: new Date(Date.now() - 86400_000),
      ...over,
    })
    .returning();
  return r!;
}

/** Uploads a photo as `client` and binds it to a report the way the public flow does (no owner). */
async function reportPhoto(reportId: string) {
  const p = (await upload(staff, { filename: `${REPORTER.name}拍的照片.jpg`, content: await testPhoto() })).json();
  await ctx.db.update(attachment).set({ entityType: REPORT_PHOTO_ENTITY, entityId: reportId, ownerId: null }).where(eq(attachment.id, p.id));
  return p.id as string;
}

/** A hazard through the API; closed (register → start → submit with evidence → township verifies) unless `open`. */
async function makeHazard(open = false) {
  const photo = (await upload(instOfficer, { filename: 'h.jpg', content: await testPhoto() })).json();
  const h = (
    await instOfficer.post('/api/hazards', {
      institutionId: inst.id,
      level: 'general',
      category: 'life_passage',
      title: '一楼疏散通道堆放杂物',
      location: '一楼东侧',
      description: '疏散通道堆放轮椅和纸箱，安全员黄志强称临时堆放',
      responsiblePerson: '黄志强',
      rectificationMeasures: '清理杂物，设置禁止堆放标识',
      deadline: localDateIn(10),
      photoIds: [photo.id],
    })
  ).json();
  if (open) return h;
  await instOfficer.post(`/api/hazards/${h.id}/start`, { note: '开始清理' });
  const after = (await upload(instOfficer, { filename: 'after.jpg', content: await testPhoto() })).json();
  await instOfficer.post(`/api/hazards/${h.id}/submit`, { note: '已清理', photoIds: [after.id] });
  const v = await township.post(`/api/hazards/${h.id}/verify`, { note: '复查合格' });
  expect(v.json().status).toBe('closed');
  return v.json();
}

beforeAll(async () => {
  ctx = await createTestContext();
  inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '浔中镇幸福敬老院' });
  await ctx.db.update(institution).set({ personInCharge: '郑美玲', safetyOfficer: '黄志强' }).where(eq(institution.id, inst.id));
  staff = (await clientFor(ctx, 'county_staff')).client;
  admin = (await clientFor(ctx, 'county_admin')).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: inst.townshipId })).client;
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
});
afterAll(async () => ctx?.close());

describe('access', () => {
  it('401 without a session; 403 for roles outside the board; the leader cannot create, staff cannot approve', async () => {
    const report = await makeReport();
    expect((await anon(ctx).get('/api/exposure-cases')).statusCode).toBe(401);
    expect((await anon(ctx).post('/api/exposure-cases', { reportId: report.id })).statusCode).toBe(401);
    expect((await township.get('/api/exposure-cases')).statusCode).toBe(403);
    expect((await instOfficer.get('/api/exposure-cases')).statusCode).toBe(403);
    expect((await township.post('/api/exposure-cases', { reportId: report.id })).statusCode).toBe(403);
    expect((await leader.post('/api/exposure-cases', { reportId: report.id })).statusCode).toBe(403);
    expect((await leader.get('/api/exposure-cases/sources?kind=report')).statusCode).toBe(403);
    const created = await staff.post('/api/exposure-cases', { reportId: report.id });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await township.get(`/api/exposure-cases/${id}`)).statusCode).toBe(403);
    expect((await leader.get(`/api/exposure-cases/${id}`)).statusCode).toBe(200);
    expect((await leader.patch(`/api/exposure-cases/${id}`, { title: '改标题' })).statusCode).toBe(403);
    await staff.post(`/api/exposure-cases/${id}/submit`, {});
    // county staff and the county admin prepare cases but never approve them
    expect((await staff.post(`/api/exposure-cases/${id}/approve`, {})).statusCode).toBe(403);
    expect((await admin.post(`/api/exposure-cases/${id}/approve`, {})).statusCode).toBe(403);
    expect((await staff.post(`/api/exposure-cases/${id}/return`, { note: 'x' })).statusCode).toBe(403);
    expect((await leader.post(`/api/exposure-cases/${id}/withdraw`, { note: 'x' })).statusCode).toBe(403);
    const detail = (await leader.get(`/api/exposure-cases/${id}`)).json();
    expect(detail.abilities).toEqual({ update: false, submit: false, approve: true, return: true, withdraw: false });
    expect((await staff.get(`/api/exposure-cases/${id}`)).json().abilities).toEqual({ update: false, submit: false, approve: false, return: false, withdraw: false });
  });

  it('404 for unknown sources and cases', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await staff.post('/api/exposure-cases', { reportId: none })).statusCode).toBe(404);
    expect((await staff.post('/api/exposure-cases', { hazardId: none })).statusCode).toBe(404);
    expect((await staff.get(`/api/exposure-cases/${none}`)).statusCode).toBe(404);
    expect((await staff.patch(`/api/exposure-cases/${none}`, { title: 'x' })).statusCode).toBe(404);
    expect((await staff.post(`/api/exposure-cases/${none}/submit`, {})).statusCode).toBe(404);
    expect((await leader.post(`/api/exposure-cases/${none}/approve`, {})).statusCode).toBe(404);
    expect((await anon(ctx).get(`/api/public/exposure/${none}`)).statusCode).toBe(404);
  });

  it('400 for bad input', async () => {
    const report = await makeReport();
    const hazard = await makeHazard();
    expect((await staff.post('/api/exposure-cases', {})).statusCode).toBe(400);
    expect((await staff.post('/api/exposure-cases', { reportId: report.id, hazardId: hazard.id })).statusCode).toBe(400);
    expect((await staff.post('/api/exposure-cases', { reportId: 'not-a-uuid' })).statusCode).toBe(400);
    const id = (await staff.post('/api/exposure-cases', { reportId: report.id })).json().id;
    const empty = await staff.patch(`/api/exposure-cases/${id}`, { title: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].path).toBe('title');
    expect((await staff.patch(`/api/exposure-cases/${id}`, { status: 'published' })).statusCode).toBe(400);
    expect((await staff.patch(`/api/exposure-cases/${id}`, { category: 'nonsense' })).statusCode).toBe(400);
    // a photo that is not of the source cannot be picked
    const foreign = (await upload(staff, { filename: 'x.jpg', content: await testPhoto() })).json();
    const bad = await staff.patch(`/api/exposure-cases/${id}`, { photoIds: [foreign.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('photoIds.0');
  });
});

describe('sources', () => {
  it('409 from an unverified or false report and from an open hazard; one live case per source', async () => {
    const pending = await makeReport({ status: 'verifying', verdict: null });
    const falseReport = await makeReport({ verdict: 'false' });
    const open = await makeHazard(true);
    for (const body of [{ reportId: pending.id }, { reportId: falseReport.id }, { hazardId: open.id }]) {
      const res = await staff.post('/api/exposure-cases', body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ILLEGAL_TRANSITION');
    }
    const partly = await makeReport({ verdict: 'partly_true', status: 'closed' });
    expect((await staff.post('/api/exposure-cases', { reportId: partly.id })).statusCode).toBe(201);
    const again = await staff.post('/api/exposure-cases', { reportId: partly.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
  });

  it('the pickers list verified reports and closed hazards only', async () => {
    const ok = await makeReport();
    const pending = await makeReport({ status: 'accepted', verdict: null });
    const closed = await makeHazard();
    const open = await makeHazard(true);
    const reports = (await staff.get('/api/exposure-cases/sources?kind=report')).json().items.map((i: { id: string }) => i.id);
    expect(reports).toContain(ok.id);
    expect(reports).not.toContain(pending.id);
    const hazards = (await staff.get(`/api/exposure-cases/sources?kind=hazard&q=${encodeURIComponent(closed.code)}`)).json().items;
    expect(hazards.map((i: { id: string }) => i.id)).toEqual([closed.id]);
    const all = (await staff.get('/api/exposure-cases/sources?kind=hazard')).json().items.map((i: { id: string }) => i.id);
    expect(all).not.toContain(open.id);
  });
});

describe('redaction and reporter protection', () => {
  it('prefills a report case without the reporter, phone numbers, ID numbers, names or the hidden institution name', async () => {
    const report = await makeReport();
    await reportPhoto(report.id);
    const res = await staff.post('/api/exposure-cases', { reportId: report.id });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.status).toBe('draft');
    expect(c.category).toBe('locked_exit');
    expect(c.showInstitutionName).toBe(false);
    expect(c.displayName).toBe('某养老机构（浔中镇）');
    expect(c.institutionName).toBe(inst.name);
    expect(c.title).toBe('某养老机构（浔中镇）锁闭安全出口');
    expect(c.body).toContain('〔手机号已隐去〕');
    expect(c.body).toContain('〔身份证号已隐去〕');
    expect(c.body).toContain('院长某某说');
    expect(c.body).toContain('该机构夜间锁闭');
    expect(c.outcome).toBe('经核查属实，已责令整改。');
    const json = JSON.stringify(c);
    for (const secret of ['13800138000', ID_NO, '张建国', REPORTER.name, REPORTER.phone, report.contactCiphertext!]) expect(json).not.toContain(secret);
    expect(json).not.toContain(`"title":"${inst.name}`);
    // the reporter's photo is offered for review, not picked
    expect(c.candidatePhotos).toHaveLength(1);
    expect(c.candidatePhotos[0]).toMatchObject({ origin: 'report', picked: false });
    expect(c.photoIds).toEqual([]);
    // staff can look at the candidate through the case
    const img = await staff.get(c.candidatePhotos[0].url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect(img.headers['content-disposition']).toBeUndefined();
  });

  it('masks the reporter’s own name and phone (read from the encrypted contact), full-width digits and the short institution name', async () => {
    const report = await makeReport({ description: '我是林秀英，电话１３９１２３４５６７８。幸福敬老院夜里把安全出口锁了，老人出不去。' });
    const res = await staff.post('/api/exposure-cases', { reportId: report.id });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    for (const secret of [REPORTER.name, REPORTER.phone, '１３９１２３４５６７８', '幸福敬老院']) expect(`${c.title}${c.body}${c.outcome}`, secret).not.toContain(secret);
    expect(c.body).toContain('该机构');
    // typed back in by an editor, it is masked again on save
    const patched = await staff.patch(`/api/exposure-cases/${c.id}`, { body: `群众${REPORTER.name}（１３９１２３４５６７８）举报：幸福敬老院锁闭安全出口。` });
    expect(patched.statusCode).toBe(200);
    const body = (await staff.get(`/api/exposure-cases/${c.id}`)).json().body as string;
    expect(body).not.toContain(REPORTER.name);
    expect(body).not.toContain('１３９');
    expect(body).not.toContain('幸福敬老院');
  });

  it('masks what an editor types back in, and the preview shows what would be masked', async () => {
    const report = await makeReport();
    const id = (await staff.post('/api/exposure-cases', { reportId: report.id })).json().id;
    const preview = await staff.post(`/api/exposure-cases/${id}/redaction-preview`, { title: 't', body: `联系人李四13800138000，${inst.name}`, outcome: '' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().body).toBe('联系人某某〔手机号已隐去〕，该机构');
    expect(preview.json().hits).toMatchObject({ mobile: 1, name: 1, institution: 1, id_card: 0 });
    const saved = (await staff.patch(`/api/exposure-cases/${id}`, { body: `负责人郑美玲电话 138 0013 8000，证件 ${ID_NO}` })).json();
    expect(saved.body).toBe('负责人某某电话 〔手机号已隐去〕，证件 〔身份证号已隐去〕');
  });

  it('a hazard case: category mapped, staff names masked, outcome from the closing date, hazard and rectification photos offered', async () => {
    const h = await makeHazard();
    const c = (await staff.post('/api/exposure-cases', { hazardId: h.id })).json();
    expect(c.category).toBe('blocked_escape_route');
    expect(c.title).toBe('一楼疏散通道堆放杂物');
    expect(c.body).toContain('隐患位置：一楼东侧');
    expect(c.body).toContain('安全员某某称');
    expect(JSON.stringify(c)).not.toContain('黄志强');
    expect(c.outcome).toMatch(/^已于\d{4}年\d{1,2}月\d{1,2}日整改完毕，经验收销号。$/);
    expect(c.candidatePhotos.map((p: { origin: string }) => p.origin).sort()).toEqual(['hazard', 'rectification']);
    expect(c.source).toMatchObject({ kind: 'hazard', id: h.id, ref: h.code });
  });

  it('showing the institution name is a per-case choice', async () => {
    const report = await makeReport();
    const id = (await staff.post('/api/exposure-cases', { reportId: report.id })).json().id;
    const shown = (await staff.patch(`/api/exposure-cases/${id}`, { showInstitutionName: true, title: `${inst.name}锁闭安全出口` })).json();
    expect(shown.displayName).toBe(inst.name);
    expect(shown.title).toBe(`${inst.name}锁闭安全出口`);
    // hiding it again masks the name in the text too
    const hidden = (await staff.patch(`/api/exposure-cases/${id}`, { showInstitutionName: false })).json();
    expect(hidden.displayName).toBe('某养老机构（浔中镇）');
    expect(hidden.title).toBe('该机构锁闭安全出口');
  });
});

describe('workflow, public board and publication log', () => {
  it('draft → submit → return → submit → approve (published, logged) → public → withdraw (logged, gone)', async () => {
    const report = await makeReport();
    const p1 = await reportPhoto(report.id);
    const p2 = await reportPhoto(report.id);
    const id = (await staff.post('/api/exposure-cases', { reportId: report.id })).json().id;

    // approving a draft, withdrawing a draft: illegal
    expect((await leader.post(`/api/exposure-cases/${id}/approve`, {})).statusCode).toBe(409);
    expect((await staff.post(`/api/exposure-cases/${id}/withdraw`, { note: '撤回' })).statusCode).toBe(409);

    const picked = (await staff.patch(`/api/exposure-cases/${id}`, { photoIds: [p2] })).json();
    expect(picked.candidatePhotos.find((p: { id: string }) => p.id === p2).picked).toBe(true);
    expect((await staff.post(`/api/exposure-cases/${id}/submit`, {})).json().status).toBe('pending_approval');
    // no edits while pending
    expect((await staff.patch(`/api/exposure-cases/${id}`, { title: '再改' })).statusCode).toBe(409);
    // returning needs a note
    const noNote = await leader.post(`/api/exposure-cases/${id}/return`, { note: ' ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details[0].path).toBe('note');
    const returned = (await leader.post(`/api/exposure-cases/${id}/return`, { note: '标题请写明违法情形' })).json();
    expect(returned.status).toBe('draft');
    expect(returned.returnNote).toBe('标题请写明违法情形');
    await staff.patch(`/api/exposure-cases/${id}`, { title: '某养老机构夜间锁闭安全出口' });
    await staff.post(`/api/exposure-cases/${id}/submit`, {});

    // not public before approval
    expect((await anon(ctx).get(`/api/public/exposure/${id}`)).statusCode).toBe(404);
    expect((await anon(ctx).get(`/api/public/exposure/${id}/photos/${p2}`)).statusCode).toBe(404);

    const approved = await leader.post(`/api/exposure-cases/${id}/approve`, { note: '同意发布' });
    expect(approved.statusCode).toBe(200);
    const a = approved.json();
    expect(a.status).toBe('published');
    expect(a.publishedAt).toBeTruthy();
    expect(a.approvedByName).toBeTruthy();
    expect(a.publicationLog).toHaveLength(1);
    expect(a.publicationLog[0]).toMatchObject({ action: 'publish', note: '同意发布' });
    expect(a.publicationLog[0].snapshot).toMatchObject({ title: '某养老机构夜间锁闭安全出口', displayName: '某养老机构（浔中镇）', townshipName: '浔中镇', photoIds: [p2], category: 'locked_exit' });
    expect(a.history.map((h: { action: string }) => h.action)).toEqual(['exposure.create', 'exposure.update', 'exposure.submit', 'exposure.return', 'exposure.update', 'exposure.submit', 'exposure.approve']);
    // approving twice: illegal
    expect((await leader.post(`/api/exposure-cases/${id}/approve`, {})).statusCode).toBe(409);

    // the public list carries only published cases, with only the picked photo, and nothing personal
    const list = await anon(ctx).get('/api/public/exposure');
    expect(list.statusCode).toBe(200);
    const pub = list.json();
    expect(pub.items.every((i: { id: string }) => i.id !== undefined)).toBe(true);
    const mine = pub.items.find((i: { id: string }) => i.id === id);
    expect(mine).toMatchObject({ title: '某养老机构夜间锁闭安全出口', displayName: '某养老机构（浔中镇）', townshipName: '浔中镇', category: 'locked_exit' });
    expect(mine.photos.map((p: { id: string }) => p.id)).toEqual([p2]);
    const drafts = await ctx.db.select({ id: exposureCase.id }).from(exposureCase).where(eq(exposureCase.status, 'draft'));
    for (const d of drafts) expect(pub.items.map((i: { id: string }) => i.id)).not.toContain(d.id);
    const text = list.body + (await anon(ctx).get(`/api/public/exposure/${id}`)).body;
    for (const secret of [inst.name, REPORTER.name, REPORTER.phone, '13800138000', ID_NO, '张建国', report.serialNo, report.id]) expect(text).not.toContain(secret);
    expect(Object.keys(mine).sort()).toEqual(['body', 'category', 'displayName', 'id', 'outcome', 'photos', 'publishedAt', 'title', 'townshipName']);

    const photo = await anon(ctx).get(mine.photos[0].url);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['content-disposition']).toBeUndefined();
    // the photo that was not picked is not served; nor through another case
    expect((await anon(ctx).get(`/api/public/exposure/${id}/photos/${p1}`)).statusCode).toBe(404);

    // withdraw: reason required, then logged and gone from the public board
    expect((await staff.post(`/api/exposure-cases/${id}/withdraw`, {})).statusCode).toBe(400);
    const w = (await staff.post(`/api/exposure-cases/${id}/withdraw`, { note: '机构申诉，重新核实' })).json();
    expect(w.status).toBe('withdrawn');
    expect(w.publicationLog.map((l: { action: string }) => l.action)).toEqual(['publish', 'withdraw']);
    expect(w.publicationLog[1]).toMatchObject({ note: '机构申诉，重新核实' });
    expect(w.publicationLog[1].snapshot.title).toBe('某养老机构夜间锁闭安全出口');
    expect((await anon(ctx).get('/api/public/exposure')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await anon(ctx).get(`/api/public/exposure/${id}`)).statusCode).toBe(404);
    expect((await anon(ctx).get(`/api/public/exposure/${id}/photos/${p2}`)).statusCode).toBe(404);
    expect((await staff.post(`/api/exposure-cases/${id}/withdraw`, { note: '再撤回' })).statusCode).toBe(409);

    // the log is permanent: no route deletes it, and the database refuses to drop a logged case
    expect((await staff.delete(`/api/exposure-cases/${id}`)).statusCode).toBe(404);
    await expect(ctx.db.delete(exposureCase).where(eq(exposureCase.id, id))).rejects.toThrow();
    const logRows = await ctx.db.select().from(exposurePublicationLog).where(eq(exposurePublicationLog.caseId, id));
    expect(logRows.map((l) => l.action)).toEqual(['publish', 'withdraw']);

    // every change audited; no audit row carries the reporter's identity
    const audits = await ctx.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'exposure_case'), eq(auditLog.entityId, id)));
    expect(audits.map((x) => x.action)).toEqual(expect.arrayContaining(['exposure.create', 'exposure.submit', 'exposure.return', 'exposure.approve', 'exposure.withdraw']));
    const allAudit = JSON.stringify(await ctx.db.select().from(auditLog).where(eq(auditLog.entityType, 'exposure_case')));
    for (const secret of [REPORTER.name, REPORTER.phone]) expect(allAudit).not.toContain(secret);

    // a withdrawn case frees its source for a new case
    expect((await staff.post('/api/exposure-cases', { reportId: report.id })).statusCode).toBe(201);
  });

  it('lists cases by status for staff, and pages the public board newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await makeReport();
      const id = (await staff.post('/api/exposure-cases', { reportId: r.id })).json().id;
      await staff.post(`/api/exposure-cases/${id}/submit`, {});
      ctx.clock.now = new Date(Date.now() + (i + 1) * 60_000);
      await leader.post(`/api/exposure-cases/${id}/approve`, {});
      ctx.clock.now = null;
      ids.push(id);
    }
    const pending = (await leader.get('/api/exposure-cases?status=published&pageSize=100')).json();
    expect(pending.items.every((i: { status: string }) => i.status === 'published')).toBe(true);
    expect(pending.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(ids));
    const page1 = (await anon(ctx).get('/api/public/exposure?pageSize=2')).json();
    expect(page1.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    expect(page1.total).toBeGreaterThanOrEqual(3);
    const page2 = (await anon(ctx).get('/api/public/exposure?pageSize=2&page=2')).json();
    expect(page2.items[0].id).toBe(ids[0]);
    expect((await anon(ctx).get('/api/public/exposure?pageSize=500')).statusCode).toBe(400);
  });
});
