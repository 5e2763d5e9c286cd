import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, quizQuestion, seedReferenceData } from '@lifeline/db';
import { anon, clientFor, createTestContext, makeInstitution, multipartFile, type Client, type TestContext } from '../../testing/harness.ts';
import { XLSX_MIME } from './quiz.xlsx.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

let ctx: TestContext;
let admin: Client;
let staff: Client;
let officer: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await clientFor(ctx, 'county_admin')).client;
  staff = (await clientFor(ctx, 'county_staff')).client;
  const inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']! });
  officer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
});
afterAll(async () => ctx?.close());

const single = { kind: 'single', stem: '测试单选题：安全宣传咨询日是哪天？', options: [{ key: 'A', text: '6月1日' }, { key: 'B', text: '6月16日' }], answer: ['B'], explanation: '每年6月16日。', tags: ['安全生产月'], source: 'safety-month-themes.md' };

function upload(c: Client, url: string, bytes: Buffer, filename = '题库.xlsx', contentType = XLSX_MIME) {
  const { payload, headers } = multipartFile({ filename, content: bytes, contentType });
  return c.request({ method: 'POST', url, payload, headers });
}
async function loadWorkbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}
const headerIndex = (ws: ExcelJS.Worksheet) => {
  const m = new Map<string, number>();
  ws.getRow(1).eachCell((c, i) => m.set(String(c.value), i));
  return m;
};

describe('the built-in bank', () => {
  it('is seeded with ≥ 60 built-in questions, and reseeding never overwrites an edited one', async () => {
    const all = await ctx.db.select().from(quizQuestion);
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(all.every((q) => q.isBuiltIn)).toBe(true);
    const q1 = all.find((q) => q.code === 'Q001')!;
    const edited = await admin.patch(`/api/quiz-questions/${q1.id}`, { stem: '县局修改过的题干', isActive: false });
    expect(edited.statusCode).toBe(200);
    // a removed row comes back, an edited one stays as the bureau left it
    await ctx.db.delete(quizQuestion).where(eq(quizQuestion.code, 'Q002'));
    const again = await seedReferenceData(ctx.db);
    expect(again.createdQuestions).toEqual(['Q002']);
    const [after] = await ctx.db.select().from(quizQuestion).where(eq(quizQuestion.code, 'Q001'));
    expect(after!.stem).toBe('县局修改过的题干');
    expect(after!.isActive).toBe(false);
    await admin.patch(`/api/quiz-questions/${q1.id}`, { isActive: true });
  });
});

describe('GET /api/quiz-questions', () => {
  it('401 without a session, 403 without quiz.manage', async () => {
    expect((await anon(ctx).get('/api/quiz-questions')).statusCode).toBe(401);
    expect((await staff.get('/api/quiz-questions')).statusCode).toBe(403);
    expect((await officer.get('/api/quiz-questions')).statusCode).toBe(403);
  });

  it('filters by tag, kind, active and text, and lists tag counts', async () => {
    const res = await admin.get('/api/quiz-questions?tag=%E4%B8%BE%E6%8A%A5%E5%A5%96%E5%8A%B1&pageSize=200');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(5);
    expect(body.items.every((q: { tags: string[] }) => q.tags.includes('举报奖励'))).toBe(true);
    expect(body.tags.find((t: { tag: string }) => t.tag === '生命通道').active).toBeGreaterThan(5);
    const tf = (await admin.get('/api/quiz-questions?kind=true_false&pageSize=200')).json();
    expect(tf.items.every((q: { kind: string; options: { key: string }[] }) => q.kind === 'true_false' && q.options.map((o) => o.key).join() === 'T,F')).toBe(true);
    const found = (await admin.get(`/api/quiz-questions?q=${encodeURIComponent('12350')}`)).json();
    expect(found.items.map((q: { code: string }) => q.code)).toContain('Q058');
    expect((await admin.get('/api/quiz-questions?kind=essay')).statusCode).toBe(400);
  });
});

describe('POST/PATCH /api/quiz-questions', () => {
  it('creates a bureau question numbered B001, and refuses invalid ones with 400', async () => {
    const res = await admin.post('/api/quiz-questions', single);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'B001', isBuiltIn: false, isActive: true, answer: ['B'] });
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, res.json().id));
    expect(audit!.action).toBe('quiz_question.create');

    const two = await admin.post('/api/quiz-questions', { ...single, answer: ['A', 'B'] });
    expect(two.statusCode).toBe(400);
    expect(two.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'answer' })]));
    const badKey = await admin.post('/api/quiz-questions', { ...single, answer: ['C'] });
    expect(badKey.statusCode).toBe(400);
    const multi1 = await admin.post('/api/quiz-questions', { ...single, kind: 'multiple' });
    expect(multi1.statusCode).toBe(400);
    const tfBad = await admin.post('/api/quiz-questions', { ...single, kind: 'true_false', answer: ['A'] });
    expect(tfBad.statusCode).toBe(400);
    const noTag = await admin.post('/api/quiz-questions', { ...single, tags: [] });
    expect(noTag.statusCode).toBe(400);
    const noSource = await admin.post('/api/quiz-questions', { ...single, source: '' });
    expect(noSource.statusCode).toBe(400);
    expect((await staff.post('/api/quiz-questions', single)).statusCode).toBe(403);
  });

  it('409 on a taken code', async () => {
    const res = await admin.post('/api/quiz-questions', { ...single, code: 'Q003' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
  });

  it('edits and deactivates; 404 for an unknown id; 400 when the edit breaks the answer', async () => {
    const created = (await admin.post('/api/quiz-questions', { ...single, code: 'T-EDIT' })).json();
    const res = await admin.patch(`/api/quiz-questions/${created.id}`, { kind: 'multiple', options: [...single.options, { key: 'C', text: '6月24日' }], answer: ['C', 'B'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'multiple', answer: ['B', 'C'] });
    const broken = await admin.patch(`/api/quiz-questions/${created.id}`, { kind: 'single' });
    expect(broken.statusCode).toBe(400);
    const off = await admin.patch(`/api/quiz-questions/${created.id}`, { isActive: false });
    expect(off.json().isActive).toBe(false);
    expect((await admin.patch(`/api/quiz-questions/${MISSING}`, { isActive: false })).statusCode).toBe(404);
    expect((await admin.get(`/api/quiz-questions/${MISSING}`)).statusCode).toBe(404);
    const active = (await admin.get('/api/quiz-questions?active=false&pageSize=200')).json();
    expect(active.items.map((q: { code: string }) => q.code)).toContain('T-EDIT');
  });
});

describe('.xlsx export and import', () => {
  it('round-trips: an unchanged export imports as all unchanged', async () => {
    const exp = await admin.get('/api/quiz-questions/export.xlsx');
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toBe(XLSX_MIME);
    expect(exp.headers['content-disposition']).toContain("filename*=UTF-8''");
    const report = await upload(admin, '/api/quiz-questions/import', exp.rawPayload);
    expect(report.statusCode).toBe(200);
    const body = report.json();
    const total = (await ctx.db.select().from(quizQuestion)).length;
    expect(body).toMatchObject({ dryRun: true, valid: true, created: 0, updated: 0, unchanged: total, applied: false });
  });

  it('reports row by row on a dry run, then applies: update by code, create new (auto code)', async () => {
    const exp = await admin.get('/api/quiz-questions/export.xlsx');
    const wb = await loadWorkbook(exp.rawPayload);
    const ws = wb.getWorksheet('题库')!;
    const col = headerIndex(ws);
    // row of Q010: change its stem
    let q10 = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(col.get('编号')!).value === 'Q010') q10 = n;
    });
    ws.getRow(q10).getCell(col.get('题干')!).value = '修改后的题干（导入测试）';
    // a new multiple-choice question without a code
    const add = ws.addRow([]);
    add.getCell(col.get('题型')!).value = '多选';
    add.getCell(col.get('题干')!).value = '导入测试：下列哪些是生命通道？';
    add.getCell(col.get('选项A')!).value = '疏散通道';
    add.getCell(col.get('选项B')!).value = '安全出口';
    add.getCell(col.get('选项C')!).value = '仓库';
    add.getCell(col.get('答案')!).value = 'A、B';
    add.getCell(col.get('解析')!).value = '疏散通道和安全出口是生命通道的组成部分。';
    add.getCell(col.get('标签')!).value = '生命通道、应急疏散';
    add.getCell(col.get('出处')!).value = 'life-passage-rules.md §2';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());

    const dry = (await upload(admin, '/api/quiz-questions/import?dryRun=true', bytes)).json();
    expect(dry).toMatchObject({ valid: true, created: 1, updated: 1, applied: false });
    expect(dry.rows.find((r: { code: string }) => r.code === 'Q010')).toMatchObject({ action: 'update', row: q10 });
    expect(dry.rows.find((r: { action: string }) => r.action === 'create')).toMatchObject({ code: '', row: add.number });
    // nothing was written by the dry run
    const [before] = await ctx.db.select().from(quizQuestion).where(eq(quizQuestion.code, 'Q010'));
    expect(before!.stem).not.toBe('修改后的题干（导入测试）');

    const applied = await upload(admin, '/api/quiz-questions/import?dryRun=false', bytes);
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, created: 1, updated: 1 });
    const [after] = await ctx.db.select().from(quizQuestion).where(eq(quizQuestion.code, 'Q010'));
    expect(after!.stem).toBe('修改后的题干（导入测试）');
    const [created] = await ctx.db.select().from(quizQuestion).where(eq(quizQuestion.stem, '导入测试：下列哪些是生命通道？'));
    expect(created).toMatchObject({ code: 'B002', kind: 'multiple', answer: ['A', 'B'], tags: ['生命通道', '应急疏散'], isBuiltIn: false });
    const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'quiz_question.import'));
    expect(audits).toHaveLength(1);
  });

  it('bad rows: the dry run names them; a real run answers 400 with the report and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('题库');
    ws.addRow(['编号', '题型', '题干', '选项A', '选项B', '答案', '解析', '标签', '出处']);
    ws.addRow(['N-1', '单选', '好题', '甲', '乙', 'A', '解析', '消防法', '出处']);
    ws.addRow(['N-2', '单选', '答案不是选项', '甲', '乙', 'D', '解析', '消防法', '出处']);
    ws.addRow(['N-3', '判断', '判断题答案无效', '', '', '也许', '解析', '消防法', '出处']);
    ws.addRow(['N-1', '问答', '重复编号和无效题型', '', '', 'A', '', '', '']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = (await upload(admin, '/api/quiz-questions/import', bytes)).json();
    expect(dry.valid).toBe(false);
    expect(dry.errorCount).toBe(3);
    expect(dry.rows.map((r: { row: number; action: string }) => [r.row, r.action])).toEqual([[2, 'create'], [3, 'error'], [4, 'error'], [5, 'error']]);
    expect(dry.rows[3].errors.join()).toMatch(/重复/);
    const real = await upload(admin, '/api/quiz-questions/import?dryRun=false', bytes);
    expect(real.statusCode).toBe(400);
    expect(real.json().error.details.rows).toHaveLength(4);
    expect(await ctx.db.select().from(quizQuestion).where(eq(quizQuestion.code, 'N-1'))).toHaveLength(0);
  });

  it('415 for a file that is not .xlsx; 403 for non-admins', async () => {
    const res = await upload(admin, '/api/quiz-questions/import', Buffer.from('编号,题干\nQ1,x\n'), '题库.csv', 'text/csv');
    expect(res.statusCode).toBe(415);
    expect((await upload(staff, '/api/quiz-questions/import', Buffer.from('x'))).statusCode).toBe(403);
    expect((await staff.get('/api/quiz-questions/export.xlsx')).statusCode).toBe(403);
  });
});
