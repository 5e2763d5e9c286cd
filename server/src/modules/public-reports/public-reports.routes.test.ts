import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { attachment, idempotencyKey, institution, notification, publicChallenge, publicReport, publicReportEvent, publicReportMessage, reportReward } from '@lifeline/db';
import { RECEIPT_ALPHABET, RECEIPT_LENGTH, type Challenge } from '@lifeline/shared';
import { buildApp } from '../../app.ts';
import { decryptContact, secretKey } from '../../lib/contact-crypto.ts';
import { loggerOptions } from '../../lib/request-log.ts';
import { clientFor, createTestContext, makeInstitution, testPhoto, type Client, type TestContext } from '../../testing/harness.ts';
import { CHALLENGE_TTL_MS, solveChallenge } from './challenge.ts';
import { RECEIPT_FLOOR_MS } from './timing.ts';

let ctx: TestContext;
let staff: { user: { id: string }; client: Client };
let leader: Client;
let instOfficer: Client;
let townOfficer: Client;
let otherTownOfficer: Client;
let inst: { id: string; name: string; townshipId: string };
/** every receipt code handed out in this file: none may be found stored anywhere */
const codes: string[] = [];
/** every client address used: none may be found stored anywhere */
const addresses = new Set<string>();
const CONTACT = { name: '王小明测试', phone: '13912345678' };

/** A fresh client address (TRUST_PROXY is on: X-Forwarded-For decides req.ip). */
function newIp(): string {
  const ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;
  addresses.add(ip);
  return ip;
}

type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; contentType?: string };

/** multipart/form-data with any number of text and file parts. */
function multipart(parts: Part[]) {
  const boundary = `----lifeline${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'image/jpeg'}\r\n\r\n`), p.content, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function getChallenge(ip = newIp()): Promise<Challenge> {
  const res = await ctx.app.inject({ method: 'GET', url: '/api/public/report-form', headers: { 'x-forwarded-for': ip } });
  expect(res.statusCode).toBe(200);
  return res.json().challenge;
}

async function solved(ip?: string) {
  const c = await getChallenge(ip);
  return { ...c, nonce: solveChallenge(c) };
}

/** Valid report fields with a freshly solved challenge. */
async function fields(extra: Record<string, unknown> = {}) {
  return { institutionId: inst.id, category: 'locked_exit', description: '二楼安全出口被铁链锁住，老人无法通行。', wantsReward: false, challenge: await solved(), ...extra };
}

/** POST /api/public/reports as multipart (data + photos). */
function submit(data: unknown, opts: { photos?: Buffer[]; extraParts?: Part[]; key?: string; ip?: string; ua?: string; app?: TestContext['app'] } = {}) {
  const { payload, contentType } = multipart([
    { name: 'data', value: JSON.stringify(data) },
    ...(opts.photos ?? []).map((content, i) => ({ name: 'photos', filename: `IMG_${i}_张三家.jpg`, content })),
    ...(opts.extraParts ?? []),
  ]);
  const headers: Record<string, string> = { 'content-type': contentType, 'x-forwarded-for': opts.ip ?? newIp() };
  if (opts.key) headers['idempotency-key'] = opts.key;
  if (opts.ua) headers['user-agent'] = opts.ua;
  return (opts.app ?? ctx.app).inject({ method: 'POST', url: '/api/public/reports', payload, headers });
}

/** POST /api/public/reports as JSON (no photos). */
function submitJson(data: unknown, ip = newIp()) {
  return ctx.app.inject({ method: 'POST', url: '/api/public/reports', payload: data as object, headers: { 'x-forwarded-for': ip } });
}

const post = (url: string, payload: object, ip = newIp()) => ctx.app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': ip } });
const lookup = (code: string, ip = newIp()) => post('/api/public/receipts/lookup', { code }, ip);

/** Makes a report and returns its receipt code and row id. */
async function makeReport(extra: Record<string, unknown> = {}, photos: Buffer[] = []) {
  const res = await submit(await fields(extra), { photos });
  expect(res.statusCode, res.body).toBe(201);
  const receipt = res.json();
  codes.push(receipt.receiptCode);
  const [row] = await ctx.db.select().from(publicReport).where(eq(publicReport.serialNo, receipt.serialNo));
  return { receipt, row: row! };
}

const reportCount = async () => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(publicReport))[0]!.n;
const attachmentCount = async () => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(attachment))[0]!.n;

/** Every file under the uploads directory (relative paths). */
function storedFiles(dir = ctx.config.uploadsDir): string[] {
  let out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e);
    out = statSync(p).isDirectory() ? [...out, ...storedFiles(p)] : [...out, p];
  }
  return out;
}

beforeAll(async () => {
  ctx = await createTestContext({ TRUST_PROXY: 'true', UPLOAD_MAX_MB: '1' });
  const tw = ctx.townships['浔中镇']!;
  inst = await makeInstitution(ctx, { townshipId: tw, name: '浔中镇阳光敬老院' });
  await makeInstitution(ctx, { townshipId: tw, name: '浔中镇已停业养老院' }).then((i) => ctx.db.update(institution).set({ status: 'closed' }).where(eq(institution.id, i.id)));
  await makeInstitution(ctx, { townshipId: ctx.townships['龙浔镇'] ?? Object.values(ctx.townships)[1]!, name: '龙浔镇100%福利中心' });
  staff = await clientFor(ctx, 'county_staff');
  leader = (await clientFor(ctx, 'county_leader')).client;
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
  townOfficer = (await clientFor(ctx, 'township_officer', { townshipId: tw })).client;
  otherTownOfficer = (await clientFor(ctx, 'township_officer', { townshipId: Object.values(ctx.townships).find((x) => x !== tw)! })).client;
});
afterAll(async () => ctx?.close());

describe('GET /api/public/report-form', () => {
  it('is public: categories, the channels as the notice names them, a signed challenge; rate limited', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/public/report-form' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.categories.map((c: { value: string }) => c.value)).toContain('locked_exit');
    expect(body.categories.find((c: { value: string }) => c.value === 'sealed_window_bars').label).toBe('防盗窗/防盗网封闭未留逃生口');
    expect(body.channels.map((c: { label: string; phone: string | null }) => [c.label, c.phone])).toEqual([
      ['12350举报电话', '12350'],
      ['12345便民服务平台', '12345'],
      ['本平台在线举报', null],
    ]);
    expect(body.challenge).toEqual({ id: expect.any(String), salt: expect.any(String), bits: 16, expiresAt: expect.any(String), signature: expect.any(String) });
    expect(body.limits).toEqual({ maxPhotos: 6, maxPhotoMb: 1, descriptionMin: 10, descriptionMax: 2000 });
    expect(res.headers['x-ratelimit-limit']).toBeDefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('GET /api/public/institutions', () => {
  it('finds operating institutions by name: name and township only', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/api/public/institutions?q=${encodeURIComponent('浔中镇')}` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { name: string }) => i.name)).toEqual(['浔中镇阳光敬老院']); // the closed one is not offered
    expect(Object.keys(items[0]).sort()).toEqual(['id', 'name', 'townshipName']);
    expect(items[0].townshipName).toBe('浔中镇');
  });

  it('treats LIKE wildcards literally and refuses an empty query', async () => {
    const pct = await ctx.app.inject({ method: 'GET', url: `/api/public/institutions?q=${encodeURIComponent('%')}` });
    expect(pct.json().items.map((i: { name: string }) => i.name)).toEqual(['龙浔镇100%福利中心']);
    const under = await ctx.app.inject({ method: 'GET', url: `/api/public/institutions?q=_` });
    expect(under.json().items).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/institutions?q=%20' })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/institutions' })).statusCode).toBe(400);
  });
});

describe('POST /api/public/reports', () => {
  it('makes a pending report with a receipt, a serial, a time limit, an event, photos and a notice to handlers', async () => {
    const before = Date.now();
    const { receipt, row } = await makeReport({}, [await testPhoto(), await testPhoto({ width: 30, height: 20 })]);
    expect(receipt.receiptCode).toMatch(/^([23456789A-HJ-NP-Z]{4}-){4}[23456789A-HJ-NP-Z]{4}$/);
    expect(receipt.serialNo).toMatch(/^JB\d{4}-\d{6}$/);
    expect(receipt.photoCount).toBe(2);
    expect(row.status).toBe('pending');
    expect(row.institutionId).toBe(inst.id);
    expect(row.townshipId).toBeNull();
    expect(row.contactCiphertext).toBeNull();
    expect(row.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.stepDueAt!.getTime() - row.receivedAt.getTime()).toBe(3 * 86400_000); // report.timeLimitDays.accept
    const events = await ctx.db.select().from(publicReportEvent).where(eq(publicReportEvent.reportId, row.id));
    expect(events.map((e) => [e.action, e.toStatus, e.actorId])).toEqual([['receive', 'pending', null]]);
    const files = await ctx.db.select().from(attachment).where(eq(attachment.entityId, row.id));
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(f.entityType).toBe('public_report');
      expect(f.ownerId).toBeNull();
      expect(f.mime).toBe('image/jpeg');
      expect(f.originalName).toMatch(/^举报照片\d\.jpg$/); // never the client's file name
    }
    const notes = await ctx.db.select().from(notification).where(eq(notification.entityId, row.id));
    expect(notes.map((n) => n.userId)).toContain(staff.user.id);
    expect(notes[0]!.title).toContain(receipt.serialNo);
  });

  it('serves the photos to county roles and the assigned township only — never to institutions', async () => {
    const { row } = await makeReport({}, [await testPhoto()]);
    const [file] = await ctx.db.select().from(attachment).where(eq(attachment.entityId, row.id));
    const url = `/api/attachments/${file!.id}`;
    expect((await staff.client.get(url)).statusCode).toBe(200);
    expect((await leader.get(url)).statusCode).toBe(200);
    expect((await instOfficer.get(url)).statusCode).toBe(404);
    expect((await townOfficer.get(url)).statusCode).toBe(404); // not assigned yet
    await ctx.db.update(publicReport).set({ townshipId: inst.townshipId, status: 'accepted' }).where(eq(publicReport.id, row.id));
    expect((await townOfficer.get(url)).statusCode).toBe(200);
    expect((await otherTownOfficer.get(url)).statusCode).toBe(404);
    expect((await instOfficer.get(url)).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('strips every photo of EXIF/XMP/GPS/device tags, keeps it upright and never writes the original bytes', async () => {
    const original = await testPhoto({ withMetadata: true, orientation: 6, width: 64, height: 48 });
    const meta0 = await sharp(original).metadata();
    expect(meta0.exif).toBeDefined(); // the test photo does carry metadata
    expect(original.includes(Buffer.from('TestPhoneMaker'))).toBe(true);
    const { row } = await makeReport({}, [original]);
    const [file] = await ctx.db.select().from(attachment).where(eq(attachment.entityId, row.id));
    const stored = readFileSync(path.join(ctx.config.uploadsDir, file!.storageKey));
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // orientation 6 = rotate 90°: the stored picture is upright, 48 × 64
    expect([meta.width, meta.height]).toEqual([48, 64]);
    expect([file!.width, file!.height]).toEqual([48, 64]);
    for (const needle of ['TestPhoneMaker', 'TP-1000', 'GPSLatitude', '25,29.0N', 'Exif']) expect(stored.includes(Buffer.from(needle))).toBe(false);
    // no stored file anywhere is the original
    for (const f of storedFiles()) expect(readFileSync(f).equals(original)).toBe(false);
  });

  it('keeps a reward-seeker’s name and phone only encrypted', async () => {
    const res = await submitJson(await fields({ wantsReward: true, contact: CONTACT }));
    expect(res.statusCode, res.body).toBe(201);
    codes.push(res.json().receiptCode);
    const [row] = await ctx.db.select().from(publicReport).where(eq(publicReport.serialNo, res.json().serialNo));
    expect(row!.wantsReward).toBe(true);
    expect(row!.contactCiphertext).not.toContain(CONTACT.phone);
    expect(decryptContact(secretKey(ctx.config), row!.contactCiphertext!)).toEqual(CONTACT);
  });

  it('takes a place description instead of an institution', async () => {
    const res = await submitJson(await fields({ institutionId: undefined, placeText: '城关某小区一楼的托老所' }));
    expect(res.statusCode, res.body).toBe(201);
    codes.push(res.json().receiptCode);
    const status = (await lookup(res.json().receiptCode)).json();
    expect(status.place).toBe('城关某小区一楼的托老所');
  });

  it('400: fields the public may not set are refused by name, not ignored', async () => {
    const n = await reportCount();
    const forbidden = { status: 'closed', townshipId: inst.townshipId, assigneeId: randomUUID(), verdict: 'true', hazardId: randomUUID(), serialNo: 'JB1', receiptHash: 'x' };
    const res = await submitJson(await fields(forbidden));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(Object.keys(forbidden).sort());
    for (const k of Object.keys(forbidden)) expect(res.json().error.message).toContain(k);
    // the same through multipart, as JSON keys and as extra parts
    const mp = await submit(await fields({ status: 'closed' }), { extraParts: [{ name: 'townshipId', value: inst.townshipId }] });
    expect(mp.statusCode).toBe(400);
    expect(mp.json().error.details.map((d: { path: string }) => d.path)).toContain('townshipId');
    const mp2 = await submit(await fields({ status: 'closed' }));
    expect(mp2.json().error.details.map((d: { path: string }) => d.path)).toEqual(['status']);
    expect(await reportCount()).toBe(n);
  });

  it('400: identity on an anonymous report, or a reward wish without contact, or bad content', async () => {
    const n = await reportCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ contact: CONTACT }, 'contact'], // anonymous (wantsReward false) with identity
      [{ name: '张三', phone: '13900000000' }, 'name'], // identity outside `contact`
      [{ wantsReward: true }, 'contact'],
      [{ wantsReward: true, contact: { ...CONTACT, idNumber: '350000' } }, 'contact.idNumber'],
      [{ wantsReward: true, contact: { name: 'A', phone: '123' } }, 'contact.phone'],
      [{ description: '太短' }, 'description'],
      [{ description: 'x'.repeat(2001) }, 'description'],
      [{ category: 'nonsense' }, 'category'],
      [{ institutionId: undefined }, 'placeText'],
      [{ institutionId: randomUUID() }, 'institutionId'],
      [{ description: '\u200b'.repeat(20) }, 'description'], // zero-width characters are not words
    ];
    for (const [extra, p] of cases) {
      const res = await submitJson(await fields(extra));
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path), JSON.stringify(extra)).toContain(p);
    }
    // a NUL or half a surrogate pair inside the multipart `data` part: 400 naming the field, not a 500
    for (const bad of ['锁闭安全出口\u0000十个字以上的描述', '锁闭安全出口\ud800十个字以上的描述']) {
      const res = await submit(await fields({ description: bad }), { photos: [await testPhoto()] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ path: 'description', message: '内容含有无效的控制字符' }]);
    }
    // a closed institution is not accepted either
    const [closed] = await ctx.db.select().from(institution).where(eq(institution.name, '浔中镇已停业养老院'));
    expect((await submitJson(await fields({ institutionId: closed!.id }))).statusCode).toBe(400);
    expect(await reportCount()).toBe(n);
  });

  it('413 / 415 / 400 for oversized, non-image or too many photos — with no row and no file stored', async () => {
    const n = await reportCount();
    const a = await attachmentCount();
    const files = storedFiles().length;
    const big = Buffer.concat([await testPhoto(), randomBytes(1024 * 1024 + 10)]);
    const tooBig = await submit(await fields(), { photos: [await testPhoto(), big] });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await submit(await fields(), { photos: [await testPhoto(), Buffer.from('%PDF-1.4 not a photo at all '.repeat(20))] });
    expect(text.statusCode).toBe(415);
    const fake = await submit(await fields(), { photos: [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(500)])] }); // JPEG magic, garbage body
    expect(fake.statusCode).toBe(415);
    const photo = await testPhoto();
    const seven = await submit(await fields(), { photos: Array.from({ length: 7 }, () => photo) });
    expect(seven.statusCode).toBe(400);
    expect(seven.json().error.details[0].path).toBe('photos');
    const empty = await submit(await fields(), { photos: [Buffer.alloc(0)] });
    expect(empty.statusCode).toBe(400);
    expect(await reportCount()).toBe(n);
    expect(await attachmentCount()).toBe(a);
    expect(storedFiles().length).toBe(files);
  });

  it('a refused report (reused challenge) stores no photo', async () => {
    const data = await fields();
    const first = await submit(data);
    expect(first.statusCode).toBe(201);
    codes.push(first.json().receiptCode);
    const files = storedFiles().length;
    const again = await submit(data, { photos: [await testPhoto(), await testPhoto()] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details[0].path).toBe('challenge');
    expect(storedFiles().length).toBe(files);
  });
});

describe('Idempotency-Key', () => {
  it('five identical concurrent requests make ONE report and all get the same receipt', async () => {
    const n = await reportCount();
    const data = await fields();
    const key = randomUUID();
    const photo = await testPhoto();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(data, { photos: [photo], key })));
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const receipts = new Set(results.map((r) => r.json().receiptCode));
    expect(receipts.size).toBe(1);
    expect(new Set(results.map((r) => r.json().serialNo)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await reportCount()).toBe(n + 1);
    const code = results[0]!.json().receiptCode as string;
    codes.push(code);
    // a later retry (new challenge, same content and key) still answers the same receipt
    const retry = await submit({ ...data, challenge: await solved() }, { photos: [photo], key });
    expect(retry.statusCode).toBe(201);
    expect(retry.json().receiptCode).toBe(code);
    expect(await reportCount()).toBe(n + 1);
    // the replay record holds neither the key nor the receipt in clear
    const rows = await ctx.db.select().from(idempotencyKey).where(eq(idempotencyKey.scope, 'public-report'));
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(code.replace(/-/g, ''));
  });

  it('the same key with other content is refused (422); a short key is refused (400)', async () => {
    const key = randomUUID();
    const first = await submit(await fields(), { key });
    expect(first.statusCode).toBe(201);
    codes.push(first.json().receiptCode);
    const other = await submit(await fields({ description: '另一处问题：疏散通道堆满杂物，无法通行。' }), { key });
    expect(other.statusCode).toBe(422);
    expect((await submit(await fields(), { key: 'short-key-123' })).statusCode).toBe(400);
  });
});

describe('proof-of-work challenge', () => {
  it('missing, forged, unsolved, too easy, expired or reused → 400 on `challenge`, nothing stored', async () => {
    const n = await reportCount();
    const expectChallenge400 = async (data: unknown) => {
      const res = await submitJson(data);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path.split('.')[0])).toContain('challenge');
    };
    const { challenge: _c, ...noChallenge } = await fields();
    await expectChallenge400(noChallenge);
    const good = await solved();
    await expectChallenge400(await fields({ challenge: { ...good, signature: good.signature.slice(0, -2) + (good.signature.endsWith('AA') ? 'BB' : 'AA') } }));
    await expectChallenge400(await fields({ challenge: { ...good, bits: 1 } })); // signature covers the difficulty
    const bad = await getChallenge();
    await expectChallenge400(await fields({ challenge: { ...bad, nonce: 'x' } }));
    // a nonce that does not do the work (almost surely: 2^-16 chance per nonce)
    let nonce = 0;
    const { createHash } = await import('node:crypto');
    while (createHash('sha256').update(bad.salt + nonce).digest()[0] === 0) nonce++;
    await expectChallenge400(await fields({ challenge: { ...bad, nonce: String(nonce) } }));
    // expired
    const old = await solved();
    ctx.clock.now = new Date(Date.now() + CHALLENGE_TTL_MS + 1000);
    try {
      await expectChallenge400(await fields({ challenge: old }));
    } finally {
      ctx.clock.now = null;
    }
    // reused
    const once = await fields();
    const ok = await submitJson(once);
    expect(ok.statusCode).toBe(201);
    codes.push(ok.json().receiptCode);
    await expectChallenge400(once);
    expect(await reportCount()).toBe(n + 1);
    // used challenges are kept by id hash only
    const rows = await ctx.db.select().from(publicChallenge);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.idHash))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(once.challenge.id);
  });
});

describe('receipt codes', () => {
  it('have at least 100 bits of entropy and do not repeat', async () => {
    expect(RECEIPT_ALPHABET).toHaveLength(32);
    expect(new Set(RECEIPT_ALPHABET).size).toBe(32);
    expect(RECEIPT_LENGTH * Math.log2(RECEIPT_ALPHABET.length)).toBeGreaterThanOrEqual(100);
    for (const ambiguous of ['0', 'O', '1', 'I']) expect(RECEIPT_ALPHABET).not.toContain(ambiguous);
    const { newReceiptCode } = await import('./receipt.ts');
    const many = Array.from({ length: 20_000 }, () => newReceiptCode());
    expect(new Set(many).size).toBe(many.length);
  });

  it('POST /api/public/receipts/lookup: status, place, steps in public wording, messages both ways', async () => {
    const { receipt, row } = await makeReport({}, [await testPhoto()]);
    // the staff side accepts it with an internal note and writes to the reporter
    await ctx.db.update(publicReport).set({ status: 'accepted', townshipId: inst.townshipId, acceptedAt: new Date() }).where(eq(publicReport.id, row.id));
    await ctx.db.insert(publicReportEvent).values([
      { reportId: row.id, action: 'accept', fromStatus: 'pending', toStatus: 'accepted', note: '内部备注：请重点核查', actorId: staff.user.id, at: new Date(Date.now() + 1000) },
      { reportId: row.id, action: 'reveal_identity', note: '查看身份原因', actorId: staff.user.id, at: new Date(Date.now() + 2000) },
    ]);
    await ctx.db.insert(publicReportMessage).values({ reportId: row.id, direction: 'to_reporter', body: '您好，已安排乡镇核查。', authorId: staff.user.id, createdAt: new Date(Date.now() - 1000) });

    // the code is accepted however it is typed
    const res = await lookup(` ${receipt.receiptCode.toLowerCase().replace(/-/g, ' ')} `);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      serialNo: receipt.serialNo,
      status: 'accepted',
      statusLabel: '已受理',
      category: 'locked_exit',
      categoryLabel: '锁闭安全出口',
      place: inst.name,
      verdict: null,
      rejection: null,
      reward: null,
    });
    expect(s.history.map((h: { label: string }) => h.label)).toEqual(['待受理', '已受理']);
    expect(s.messages).toEqual([{ direction: 'to_reporter', body: '您好，已安排乡镇核查。', at: expect.any(String) }]);
    expect(res.body).not.toMatch(/内部备注|查看身份原因|reveal|note|townshipId|assignee|authorId|actor/);
    expect(res.body).not.toContain(staff.user.id);
    // opening the page marks the handler's message read
    const [m] = await ctx.db.select().from(publicReportMessage).where(eq(publicReportMessage.reportId, row.id));
    expect(m!.readAt).not.toBeNull();

    // the reporter answers
    const sent = await post('/api/public/receipts/messages', { code: receipt.receiptCode, body: '出口今天还是锁着的。' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().messages.map((x: { direction: string }) => x.direction)).toEqual(['to_reporter', 'from_reporter']);
    const [stored] = await ctx.db.select().from(publicReportMessage).where(eq(publicReportMessage.direction, 'from_reporter'));
    expect(stored!.authorId).toBeNull();
    // county handlers and the assigned township are told — without the text
    const notes = await ctx.db.select().from(notification).where(eq(notification.kind, 'report_message'));
    expect(notes.map((x) => x.userId)).toEqual(expect.arrayContaining([staff.user.id, townOfficer.userId]));
    expect(notes.map((x) => x.userId)).not.toContain(instOfficer.userId);
    expect(JSON.stringify(notes)).not.toContain('出口今天还是锁着的');
    expect((await post('/api/public/receipts/messages', { code: receipt.receiptCode, body: '' })).statusCode).toBe(400);
  });

  it('shows why a report was not accepted, in public words', async () => {
    const { receipt, row } = await makeReport();
    await ctx.db.update(publicReport).set({ status: 'rejected', rejectionReason: 'out_of_remit', transferredTo: '县住建局', rejectionNote: '内部：不归我们管' }).where(eq(publicReport.id, row.id));
    const s = (await lookup(receipt.receiptCode)).json();
    expect(s.rejection).toBe('不属于民政部门职责范围，已转交县住建局');
    expect(JSON.stringify(s)).not.toContain('不归我们管');
  });

  it('a wrong, malformed or expired code gets the same 404 — for lookups, messages and claims', async () => {
    const { receipt, row } = await makeReport();
    await ctx.db.update(publicReport).set({ status: 'closed', closedAt: new Date(Date.now() - 181 * 86400_000) }).where(eq(publicReport.id, row.id));
    const wrong = 'ABCD-EFGH-JKLM-NPQR-STUV';
    const shape = (r: { statusCode: number; json(): { error: { code: string; message: string; details?: unknown } } }) => [r.statusCode, r.json().error.code, r.json().error.message, r.json().error.details];
    const expected = shape(await lookup(wrong));
    expect(expected.slice(0, 3)).toEqual([404, 'NOT_FOUND', '回执码不正确，或该举报已无法查询']);
    for (const code of [receipt.receiptCode, 'abc', '']) {
      if (code === '') {
        expect((await lookup(code)).statusCode).toBe(400); // an empty field is a form error
        continue;
      }
      expect(shape(await lookup(code))).toEqual(expected);
      expect(shape(await post('/api/public/receipts/messages', { code, body: '还在吗' }))).toEqual(expected);
      expect(shape(await post('/api/public/receipts/claim', { code }))).toEqual(expected);
    }
    expect(shape(await post('/api/public/receipts/messages', { code: wrong, body: '还在吗' }))).toEqual(expected);
    // nothing was written for them
    expect((await ctx.db.select().from(publicReportMessage).where(eq(publicReportMessage.reportId, row.id)))).toHaveLength(0);
    // a code recently closed still answers
    await ctx.db.update(publicReport).set({ closedAt: new Date(Date.now() - 10 * 86400_000) }).where(eq(publicReport.id, row.id));
    expect((await lookup(receipt.receiptCode)).statusCode).toBe(200);
  });

  it('answers in the same time whether the code exists or not (medians over many tries)', async () => {
    const { receipt, row } = await makeReport({}, [await testPhoto()]);
    // give the existing report some weight: events and messages to load
    await ctx.db.insert(publicReportMessage).values(Array.from({ length: 20 }, (_, i) => ({ reportId: row.id, direction: 'to_reporter' as const, body: `进展说明 ${i}`, authorId: staff.user.id, createdAt: new Date(Date.now() + i) })));
    const time = async (code: string) => {
      const t0 = performance.now();
      const res = await lookup(code);
      const ms = performance.now() - t0;
      expect([200, 404]).toContain(res.statusCode);
      return ms;
    };
    await time(receipt.receiptCode); // warm-up
    await time('WXYZ-WXYZ-WXYZ-WXYZ-WXYZ');
    const hit: number[] = [];
    const miss: number[] = [];
    for (let i = 0; i < 25; i++) {
      hit.push(await time(receipt.receiptCode));
      const { newReceiptCode } = await import('./receipt.ts');
      miss.push(await time(newReceiptCode()));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    for (const ms of [...hit, ...miss]) expect(ms).toBeGreaterThanOrEqual(RECEIPT_FLOOR_MS - 1);
    expect(Math.abs(median(hit) - median(miss))).toBeLessThan(15);
  }, 60_000);

  it('POST /api/public/receipts/claim: only an approved reward, once, within the claim window', async () => {
    const { receipt, row } = await makeReport({ wantsReward: true, contact: CONTACT });
    const claim = () => post('/api/public/receipts/claim', { code: receipt.receiptCode });
    // no reward yet
    expect((await claim()).statusCode).toBe(409);
    const [reward] = await ctx.db
      .insert(reportReward)
      .values({ reportId: row.id, basis: 'major_hazard_fine', suggestedFen: 300000, amountFen: 300000, proposedById: staff.user.id, proposedAt: new Date(), status: 'proposed' })
      .returning();
    expect((await claim()).statusCode).toBe(409);
    expect((await lookup(receipt.receiptCode)).json().reward).toBeNull(); // a proposal is not shown
    const deadline = new Date(Date.now() + 60 * 86400_000);
    await ctx.db.update(reportReward).set({ status: 'approved', approvedAt: new Date(), approvedById: staff.user.id, claimDeadline: deadline }).where(eq(reportReward.id, reward!.id));
    const before = (await lookup(receipt.receiptCode)).json().reward;
    expect(before).toMatchObject({ status: 'approved', amountYuan: 3000, canClaim: true, claimedAt: null, claimDeadline: deadline.toISOString() });
    expect(before.claimInfo).toContain('回执码');
    const ok = await claim();
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().reward).toMatchObject({ status: 'approved', canClaim: false, claimedAt: expect.any(String) });
    const [after] = await ctx.db.select().from(reportReward).where(eq(reportReward.id, reward!.id));
    expect(after!.claimedAt).not.toBeNull();
    // a second claim changes nothing
    const again = await claim();
    expect(again.statusCode).toBe(200);
    expect(again.json().reward.claimedAt).toBe(after!.claimedAt!.toISOString());
    expect((await ctx.db.select().from(notification).where(eq(notification.kind, 'report_reward_claimed')))).toHaveLength(1);

    // past the deadline: refused, shown as lapsed
    const late = await makeReport();
    await ctx.db.insert(reportReward).values({ reportId: late.row.id, basis: 'major_hazard_fine', suggestedFen: 300000, amountFen: 450000, proposedById: staff.user.id, proposedAt: new Date(), status: 'approved', claimDeadline: new Date(Date.now() - 1000) });
    const lateClaim = await post('/api/public/receipts/claim', { code: late.receipt.receiptCode });
    expect(lateClaim.statusCode).toBe(409);
    expect(lateClaim.json().error.message).toBe('已超过奖励领取期限');
    expect((await lookup(late.receipt.receiptCode)).json().reward).toMatchObject({ status: 'lapsed', canClaim: false, amountYuan: 4500 });
  });
});

describe('abuse controls', () => {
  it('a client over its limit is refused (429) while another client goes on', async () => {
    const a = newIp();
    const b = newIp();
    const codes429: number[] = [];
    for (let i = 0; i < 11; i++) codes429.push((await submitJson({ nothing: true }, a)).statusCode);
    expect(codes429.slice(0, 10).every((c) => c === 400)).toBe(true);
    expect(codes429[10]).toBe(429);
    expect((await submitJson({ nothing: true }, b)).statusCode).toBe(400);
    // the search too
    const search = (ip: string) => ctx.app.inject({ method: 'GET', url: '/api/public/institutions?q=abc', headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 60; i++) expect((await search(a)).statusCode).toBe(200);
    expect((await search(a)).statusCode).toBe(429);
    expect((await search(b)).statusCode).toBe(200);
  });

  it('writes no client address, user agent or receipt code to the logs; staff API logs keep the address', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildApp({ db: ctx.db, driver: ctx.database.driver, config: ctx.config, now: () => new Date() }, { logger: { ...loggerOptions('trace'), stream } });
    await app.ready();
    try {
      const ip = '203.0.113.77';
      const ua = 'SecretPhone/9.9 (ReporterDevice)';
      const form = await app.inject({ method: 'GET', url: '/api/public/report-form', headers: { 'x-forwarded-for': ip, 'user-agent': ua } });
      const challenge = form.json().challenge;
      const data = { institutionId: inst.id, category: 'blocked_fire_lane', description: '消防车通道被私家车长期占用。', wantsReward: true, contact: CONTACT, challenge: { ...challenge, nonce: solveChallenge(challenge) } };
      const res = await submit(data, { ip, ua, app, photos: [await testPhoto({ withMetadata: true })], key: randomUUID() });
      expect(res.statusCode, res.body).toBe(201);
      const code = res.json().receiptCode as string;
      codes.push(code);
      await app.inject({ method: 'GET', url: `/api/public/institutions?q=${encodeURIComponent('阳光')}`, headers: { 'x-forwarded-for': ip, 'user-agent': ua } });
      await app.inject({ method: 'POST', url: '/api/public/receipts/lookup', payload: { code }, headers: { 'x-forwarded-for': ip, 'user-agent': ua } });
      await app.inject({ method: 'POST', url: '/api/public/receipts/messages', payload: { code, body: '补充' }, headers: { 'x-forwarded-for': ip, 'user-agent': ua } });
      await app.inject({ method: 'GET', url: '/report', headers: { 'x-forwarded-for': ip, 'user-agent': ua } });
      // a staff API call still logs its address
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-forwarded-for': '198.51.100.9' } });
      const log = lines.join('');
      if (log.includes(ip)) console.log(lines.filter((l) => l.includes(ip)).join(''));
      expect(log).toContain('/api/public/reports');
      expect(log).toContain('/api/public/receipts/lookup');
      for (const secret of [ip, ua, 'SecretPhone', code, code.replace(/-/g, ''), CONTACT.phone, CONTACT.name, '阳光', encodeURIComponent('阳光')]) expect(log).not.toContain(secret);
      expect(log).toContain('198.51.100.9');
    } finally {
      await app.close();
    }
  });

  it('no receipt code, client address, user agent or contact in clear in ANY column of ANY table', async () => {
    expect(codes.length).toBeGreaterThan(10);
    const cols = await ctx.db.execute<{ table_name: string; column_name: string }>(
      sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and data_type in ('text', 'jsonb', 'json', 'character varying')`,
    );
    const rows = (cols as unknown as { rows?: { table_name: string; column_name: string }[] }).rows ?? (cols as unknown as { table_name: string; column_name: string }[]);
    expect(rows.length).toBeGreaterThan(20);
    const needles = [...codes, ...codes.map((c) => c.replace(/-/g, '')), ...addresses, '203.0.113.77', 'SecretPhone', CONTACT.phone, CONTACT.name];
    const dump: string[] = [];
    for (const { table_name, column_name } of rows) {
      const r = await ctx.db.execute(sql.raw(`select "${column_name}"::text as v from "${table_name}" where "${column_name}" is not null`));
      const vs = ((r as unknown as { rows?: { v: string }[] }).rows ?? (r as unknown as { v: string }[])).map((x) => x.v);
      dump.push(...vs);
    }
    const all = dump.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const needle of needles) expect(all.includes(needle), needle).toBe(false);
  });
});
