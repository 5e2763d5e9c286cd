import { readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { count } from 'drizzle-orm';
import { attachment } from '@lifeline/db';
import { anon, clientFor, localDateIn, createTestContext, makeInstitution, multipartFile, testPhoto, upload, type Client, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let officer: Client;
let inst: { id: string; townshipId: string };

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
const attachmentCount = async () => Number((await ctx.db.select({ n: count() }).from(attachment))[0]!.n);

beforeAll(async () => {
  ctx = await createTestContext();
  inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']! });
  officer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
});
afterAll(async () => ctx?.close());

describe('POST /api/uploads', () => {
  it('401 without a session, 403 for a read-only role', async () => {
    const { payload, headers } = multipartFile({ filename: 'a.jpg', content: await testPhoto() });
    expect((await ctx.app.inject({ method: 'POST', url: '/api/uploads', payload, headers })).statusCode).toBe(401);
    const { client: leader } = await clientFor(ctx, 'county_leader');
    expect((await upload(leader, { filename: 'a.jpg', content: await testPhoto() })).statusCode).toBe(403);
  });

  it('strips EXIF device tags and XMP GPS, applies the orientation, keeps the Chinese name', async () => {
    const original = await testPhoto({ width: 200, height: 100, orientation: 6, withMetadata: true });
    expect(original.toString('latin1')).toContain('TestPhoneMaker');
    expect(original.toString('latin1')).toContain('GPSLatitude');
    const res = await upload(officer, { filename: '二楼疏散通道.jpg', content: original, contentType: 'image/jpeg' });
    expect(res.statusCode).toBe(201);
    const dto = res.json();
    expect(dto.originalName).toBe('二楼疏散通道.jpg');
    // the orientation tag is applied to the pixels: 200×100 rotated 90° is 100×200
    expect([dto.width, dto.height]).toEqual([100, 200]);
    const file = await officer.get(dto.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(String(file.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('二楼疏散通道.jpg')}`);
    const stored = file.rawPayload;
    expect(stored.toString('latin1')).not.toContain('TestPhoneMaker');
    expect(stored.toString('latin1')).not.toContain('GPSLatitude');
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // the original bytes are not on disk anywhere
    for (const f of filesUnder(ctx.config.uploadsDir)) {
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(f).toString('latin1')).not.toContain('TestPhoneMaker');
    }
  });

  it('decides the type by content: a renamed text file is 415 and nothing is stored', async () => {
    const before = await attachmentCount();
    const filesBefore = filesUnder(ctx.config.uploadsDir).length;
    const res = await upload(officer, { filename: 'photo.jpg', content: Buffer.from('not really an image, just text'), contentType: 'image/jpeg' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await attachmentCount()).toBe(before);
    expect(filesUnder(ctx.config.uploadsDir).length).toBe(filesBefore);
  });

  it('a file over the limit is 413 and nothing is stored', async () => {
    const before = await attachmentCount();
    const filesBefore = filesUnder(ctx.config.uploadsDir).length;
    const big = Buffer.concat([await testPhoto(), Buffer.alloc(3 * 1024 * 1024, 1)]); // limit is 2 MB in tests
    const res = await upload(officer, { filename: 'big.jpg', content: big, contentType: 'image/jpeg' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await attachmentCount()).toBe(before);
    expect(filesUnder(ctx.config.uploadsDir).length).toBe(filesBefore);
  });

  it('a JSON body instead of multipart is 415; a corrupt JPEG is 415', async () => {
    const res = await officer.post('/api/uploads', { file: 'x' });
    expect(res.statusCode).toBe(415);
    const corrupt = (await testPhoto()).subarray(0, 200);
    const r2 = await upload(officer, { filename: 'c.jpg', content: corrupt });
    expect(r2.statusCode).toBe(415);
  });
});

describe('GET /api/attachments/:id', () => {
  it('a pending upload is visible to its owner only', async () => {
    const up = (await upload(officer, { filename: 'p.jpg', content: await testPhoto() })).json();
    const { client: other } = await clientFor(ctx, 'county_staff');
    expect((await other.get(up.url)).statusCode).toBe(404);
    expect((await officer.get(up.url)).statusCode).toBe(200);
    expect((await anon(ctx).get(up.url)).statusCode).toBe(401);
    expect((await officer.get('/api/attachments/not-a-uuid')).statusCode).toBe(400);
  });

  it('an attached photo follows the scope of its hazard', async () => {
    const up = (await upload(officer, { filename: 'h.jpg', content: await testPhoto() })).json();
    const res = await officer.post('/api/hazards', { institutionId: inst.id, level: 'general', category: 'life_passage', title: '疏散通道堆放杂物', deadline: localDateIn(30), photoIds: [up.id] });
    expect(res.statusCode).toBe(201);
    const { client: sameTownship } = await clientFor(ctx, 'township_officer', { townshipId: inst.townshipId });
    const { client: otherTownship } = await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['龙浔镇']! });
    expect((await sameTownship.get(up.url)).statusCode).toBe(200);
    expect((await otherTownship.get(up.url)).statusCode).toBe(404);
  });

  it('another user cannot attach my upload, and an upload is used once', async () => {
    const up = (await upload(officer, { filename: 'x.jpg', content: await testPhoto() })).json();
    const { client: county } = await clientFor(ctx, 'county_staff');
    const steal = await county.post('/api/hazards', { institutionId: inst.id, level: 'general', category: 'other', title: '测试', deadline: localDateIn(30), photoIds: [up.id] });
    expect(steal.statusCode).toBe(400);
    expect(steal.json().error.details[0].path).toBe('photoIds');
    const first = await officer.post('/api/hazards', { institutionId: inst.id, level: 'general', category: 'other', title: '测试1', deadline: localDateIn(30), photoIds: [up.id] });
    expect(first.statusCode).toBe(201);
    const again = await officer.post('/api/hazards', { institutionId: inst.id, level: 'general', category: 'other', title: '测试2', deadline: localDateIn(30), photoIds: [up.id] });
    expect(again.statusCode).toBe(400);
  });
});
