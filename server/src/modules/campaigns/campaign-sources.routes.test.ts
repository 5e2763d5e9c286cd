import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { attachment, auditLog, campaign } from '@lifeline/db';
import { DOCX_MAX_UNPACKED_BYTES } from '../../lib/docx.ts';
import { anon, clientFor, createTestContext, makeInstitution, multipartFile, type Client, type TestContext } from '../../testing/harness.ts';

const NOTICE = readFileSync(new URL('../../../../db/src/reference/notice-2024-safety-month.txt', import.meta.url), 'utf8');

let ctx: TestContext;
let admin: Client;
let staff: Client;
let township: Client;
let instOfficer: Client;

/** A real .docx with one paragraph per line of `text`, built with the docx library. */
const docxOf = async (lines: string[]) => Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph({ text: l })) }] })));

const uploadNotice = (client: Client, filename: string, content: Buffer, query = '') => {
  const { payload, headers } = multipartFile({ filename, content });
  return client.request({ method: 'POST', url: `/api/campaigns/from-notice-file${query}`, payload, headers });
};
const rowCount = async () => Number((await ctx.db.select({ n: count() }).from(attachment))[0]!.n);
const deadlines = (c: { tasks: { deadlineDate: string }[] }) => [...new Set(c.tasks.map((t) => t.deadlineDate))].sort();

beforeAll(async () => {
  ctx = await createTestContext();
  const inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']! });
  admin = (await clientFor(ctx, 'county_admin')).client;
  staff = (await clientFor(ctx, 'county_staff')).client;
  township = (await clientFor(ctx, 'township_officer', { townshipId: inst.townshipId })).client;
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
});
afterAll(async () => ctx?.close());

describe('POST /api/campaigns/from-notice-file', () => {
  it('401 without a session; 403 for a township officer and other roles without campaign.manage', async () => {
    const content = await docxOf(NOTICE.split('\n'));
    const { payload, headers } = multipartFile({ filename: '通知.docx', content });
    expect((await ctx.app.inject({ method: 'POST', url: '/api/campaigns/from-notice-file', payload, headers })).statusCode).toBe(401);
    for (const c of [township, staff, instOfficer]) expect((await uploadNotice(c, '通知.docx', content)).statusCode).toBe(403);
  });

  it('turns the real notice (.docx) into a draft with the June 5 and June 24 tasks and keeps the file', async () => {
    const res = await uploadNotice(admin, '关于开展2024年安全生产月活动的通知.docx', await docxOf(NOTICE.split('\n')));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.campaign).toMatchObject({ status: 'draft', year: 2024, startsOn: '2024-06-01', endsOn: '2024-06-30', theme: '人人讲安全、个个会应急——畅通生命通道' });
    expect(body.campaign.name).toBe('2024年全县民政服务机构“安全生产月”活动');
    expect(deadlines(body.campaign)).toEqual(['2024-06-05', '2024-06-24']);
    expect(body.campaign.events).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2024-06-16' })]));
    expect(body.campaign.sourceText).toContain('今年6月是第23个全国“安全生产月”');
    // the same draft as from the pasted text: same tasks, same deadlines
    const pasted = (await admin.post('/api/campaigns/from-notice', { text: NOTICE })).json();
    expect(body.campaign.tasks.map((t: { title: string; deadline: string }) => [t.title, t.deadline])).toEqual(pasted.campaign.tasks.map((t: { title: string; deadline: string }) => [t.title, t.deadline]));

    const [c] = await ctx.db.select().from(campaign).where(eq(campaign.id, body.campaign.id));
    expect(c!.sourceAttachmentId).toBeTruthy();
    const [a] = await ctx.db.select().from(attachment).where(eq(attachment.id, c!.sourceAttachmentId!));
    expect(a).toMatchObject({ entityType: 'campaign', entityId: c!.id, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', originalName: '关于开展2024年安全生产月活动的通知.docx' });
    expect(readFileSync(path.join(ctx.config.uploadsDir, a!.storageKey)).subarray(0, 2).toString()).toBe('PK');
    const audits = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'campaign.create'), eq(auditLog.entityId, c!.id)));
    expect(audits).toHaveLength(1);

    // the notice file is issued to the whole county: every role that reads campaigns may open it
    for (const client of [admin, staff, township, instOfficer]) {
      const dl = await client.get(`/api/attachments/${a!.id}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe(a!.mime);
    }
  });

  it('takes the campaign year from ?year= when given', async () => {
    const res = await uploadNotice(admin, '通知.docx', await docxOf(NOTICE.split('\n')), '?year=2026');
    expect(res.statusCode).toBe(201);
    expect(res.json().campaign.year).toBe(2026);
    expect(deadlines(res.json().campaign)).toEqual(['2026-06-05', '2026-06-24']);
    expect((await uploadNotice(admin, '通知.docx', await docxOf(['x']), '?year=24')).statusCode).toBe(400);
  });

  it('415 for anything that is not a .docx by content (a renamed text file, an .xlsx, a plain zip); nothing stored', async () => {
    const before = await rowCount();
    const text = await uploadNotice(admin, '通知.docx', Buffer.from(NOTICE));
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('通知').addRow(['德化县民政局']);
    expect((await uploadNotice(admin, '通知.docx', Buffer.from(await wb.xlsx.writeBuffer()))).statusCode).toBe(415);
    const zip = new JSZip();
    zip.file('readme.txt', '不是 Word 文件');
    expect((await uploadNotice(admin, '通知.docx', await zip.generateAsync({ type: 'nodebuffer' }))).statusCode).toBe(415);
    expect(await rowCount()).toBe(before);
  });

  it('400 with a clear message for an empty document, an unreadable one and an empty upload; nothing stored', async () => {
    const before = await rowCount();
    const campaigns = Number((await ctx.db.select({ n: count() }).from(campaign))[0]!.n);
    const empty = await uploadNotice(admin, '空白.docx', await docxOf([]));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('Word 文件中没有文字，请上传通知正文');
    const blank = await uploadNotice(admin, '空白.docx', await docxOf(['', '   ', '']));
    expect(blank.statusCode).toBe(400);
    // a .docx whose main part is missing: file-type still sees a Word document, mammoth cannot read it
    const broken = await JSZip.loadAsync(await docxOf(['正文']));
    broken.file('word/document.xml', '<not-xml');
    const bad = await uploadNotice(admin, '损坏.docx', await broken.generateAsync({ type: 'nodebuffer' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/无法读取该 Word 文件/);
    expect((await uploadNotice(admin, '空.docx', Buffer.alloc(0))).statusCode).toBe(400);
    expect(await rowCount()).toBe(before);
    expect(Number((await ctx.db.select({ n: count() }).from(campaign))[0]!.n)).toBe(campaigns);
  });

  it('413 for a zip bomb (declared unpacked size over the limit), without inflating it', async () => {
    const zip = await JSZip.loadAsync(await docxOf(NOTICE.split('\n')));
    zip.file('word/media/padding.bin', Buffer.alloc(DOCX_MAX_UNPACKED_BYTES + 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await uploadNotice(admin, '通知.docx', bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('415 for a JSON body instead of multipart', async () => {
    expect((await admin.post('/api/campaigns/from-notice-file', { text: NOTICE })).statusCode).toBe(415);
  });
});

describe('campaign templates', () => {
  it('401 / 403 like the other managing routes', async () => {
    expect((await anon(ctx).get('/api/campaign-templates')).statusCode).toBe(401);
    expect((await anon(ctx).post('/api/campaigns/from-template', { templateId: 'safety-month' })).statusCode).toBe(401);
    for (const c of [staff, township, instOfficer]) {
      expect((await c.get('/api/campaign-templates')).statusCode).toBe(403);
      expect((await c.post('/api/campaigns/from-template', { templateId: 'safety-month' })).statusCode).toBe(403);
    }
  });

  it('lists the built-in 民政服务机构安全生产月 template', async () => {
    const res = await admin.get('/api/campaign-templates');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ id: 'safety-month', name: '民政服务机构安全生产月', noticeYear: 2024 })]);
  });

  it('without a year, drafts the next campaign not yet over: this June until it ends, then next June', async () => {
    ctx.clock.now = new Date('2025-06-30T15:00:00Z'); // 23:00 on 30 June 2025 in Shanghai
    expect((await admin.post('/api/campaigns/from-template', { templateId: 'safety-month' })).json().campaign).toMatchObject({ year: 2025, startsOn: '2025-06-01' });
    ctx.clock.now = new Date('2025-06-30T16:30:00Z'); // 1 July 2025 in Shanghai
    expect((await admin.post('/api/campaigns/from-template', { templateId: 'safety-month' })).json().campaign).toMatchObject({ year: 2026, startsOn: '2026-06-01' });
    ctx.clock.now = null;
  });

  it('creates the whole draft from the shipped notice for its own year (2024)', async () => {
    const res = await admin.post('/api/campaigns/from-template', { templateId: 'safety-month', year: 2024 });
    expect(res.statusCode).toBe(201);
    const c = res.json().campaign;
    expect(c).toMatchObject({ status: 'draft', year: 2024, name: '2024年全县民政服务机构“安全生产月”活动', startsOn: '2024-06-01', endsOn: '2024-06-30' });
    expect(deadlines(c)).toEqual(['2024-06-05', '2024-06-24']);
    expect(c.sections.map((s: { number: number }) => s.number)).toEqual([1, 2, 3, 4, 5]);
    expect(c.sourceText).toBe(NOTICE);
    const pasted = (await admin.post('/api/campaigns/from-notice', { text: NOTICE })).json();
    expect(c.tasks.length).toBe(pasted.campaign.tasks.length);
  });

  it('shifts the period, deadlines and events to another year', async () => {
    const res = await admin.post('/api/campaigns/from-template', { templateId: 'safety-month', year: 2025 });
    expect(res.statusCode).toBe(201);
    const c = res.json().campaign;
    expect(c).toMatchObject({ year: 2025, name: '2025年全县民政服务机构“安全生产月”活动', startsOn: '2025-06-01', endsOn: '2025-06-30' });
    expect(deadlines(c)).toEqual(['2025-06-05', '2025-06-24']);
    // the end of the local day in Asia/Shanghai
    expect(c.tasks.find((t: { deadlineDate: string }) => t.deadlineDate === '2025-06-05').deadline).toBe('2025-06-05T15:59:59.999Z');
    expect(c.events).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2025-06-16' })]));
    expect(c.events.every((e: { date: string }) => e.date.startsWith('2025-'))).toBe(true);
  });

  it('400 for an unknown template or a bad year, with the field named', async () => {
    const unknown = await admin.post('/api/campaigns/from-template', { templateId: 'no-such-template' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([expect.objectContaining({ path: 'templateId' })]);
    const badYear = await admin.post('/api/campaigns/from-template', { templateId: 'safety-month', year: 1999 });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().error.details.map((d: { path: string }) => d.path)).toContain('year');
    expect((await admin.post('/api/campaigns/from-template', {})).statusCode).toBe(400);
  });
});
