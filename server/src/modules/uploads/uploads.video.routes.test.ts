import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { attachment } from '@lifeline/db';
import { anon, clientFor, createTestContext, makeInstitution, multipartFile, testPhoto, type Client, type TestContext } from '../../testing/harness.ts';

// VIDEO_MAX_MB is 3 here while UPLOAD_MAX_MB stays 2: videos have their own, separate limit
let ctx: TestContext;
let staff: Client;
let instOfficer: Client;
let leader: Client;

const MB = 1024 * 1024;

/** The head of a real WebM file (EBML header, DocType "webm"), which file-type recognises, + filler. */
function webm(size = 4096): Buffer {
  const head = Buffer.from([
    0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, 0x77, 0x65,
    0x62, 0x6d, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02,
  ]);
  const filler = Buffer.alloc(Math.max(0, size - head.length));
  for (let i = 0; i < filler.length; i++) filler[i] = (i * 31) & 0xff;
  return Buffer.concat([head, filler]);
}

/** A structurally sound MP4 (boxes ftyp brand isom, moov, then an mdat of filler to `size` bytes). */
function mp4(size = 4096): Buffer {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2')]);
  const moov = Buffer.concat([Buffer.from([0, 0, 0, 8]), Buffer.from('moov')]);
  const mdatBody = Math.max(0, size - ftyp.length - moov.length - 8);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(8 + mdatBody, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, moov, mdat, Buffer.alloc(mdatBody, 7)]);
}

const uploadVideo = (client: Client, filename: string, content: Buffer) => {
  const { payload, headers } = multipartFile({ filename, content, contentType: 'video/mp4' });
  return client.request({ method: 'POST', url: '/api/uploads?kind=video', payload, headers });
};

/** Every file under the uploads directory (temporary `.part` files included). */
function storedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) (e.isDirectory() ? walk : (p: string) => out.push(p))(path.join(dir, e.name));
  };
  walk(ctx.config.uploadsDir);
  return out;
}
const rowCount = async () => Number((await ctx.db.select({ n: count() }).from(attachment))[0]!.n);

beforeAll(async () => {
  ctx = await createTestContext({ VIDEO_MAX_MB: '3' });
  const inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']! });
  staff = (await clientFor(ctx, 'county_staff')).client;
  instOfficer = (await clientFor(ctx, 'institution_officer', { institutionId: inst.id })).client;
  leader = (await clientFor(ctx, 'county_leader')).client;
});
afterAll(async () => ctx?.close());

describe('POST /api/uploads?kind=video', () => {
  it('reads VIDEO_MAX_MB from the configuration, 200 MB by default', async () => {
    expect(ctx.config.VIDEO_MAX_MB).toBe(3);
    const { loadConfig } = await import('../../config/env.ts');
    expect(loadConfig({ DATA_DIR: '/tmp/x' }).VIDEO_MAX_MB).toBe(200);
    expect(() => loadConfig({ DATA_DIR: '/tmp/x', VIDEO_MAX_MB: '0' })).toThrow(/VIDEO_MAX_MB/);
  });

  it('401 without a session, 403 for a read-only role', async () => {
    const { payload, headers } = multipartFile({ filename: 'a.webm', content: webm() });
    expect((await ctx.app.inject({ method: 'POST', url: '/api/uploads?kind=video', payload, headers })).statusCode).toBe(401);
    expect((await uploadVideo(leader, 'a.webm', webm())).statusCode).toBe(403);
    expect((await anon(ctx).post('/api/uploads?kind=video')).statusCode).toBe(401);
  });

  it('400 for an unknown kind and for an empty file', async () => {
    const { payload, headers } = multipartFile({ filename: 'a.webm', content: webm() });
    expect((await staff.request({ method: 'POST', url: '/api/uploads?kind=film', payload, headers })).statusCode).toBe(400);
    const empty = await uploadVideo(staff, 'empty.webm', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
  });

  it('accepts a WebM by its content, keeps the Chinese name and the exact bytes', async () => {
    const content = webm(64 * 1024);
    const res = await uploadVideo(instOfficer, '消防演练短视频.webm', content);
    expect(res.statusCode).toBe(201);
    const dto = res.json();
    expect(dto).toMatchObject({ mime: 'video/webm', sizeBytes: content.length, originalName: '消防演练短视频.webm', width: null, height: null });
    const [row] = await ctx.db.select().from(attachment).where(eq(attachment.id, dto.id));
    expect(row!.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(row!.entityType).toBeNull(); // pending until a submission binds it
    expect(readFileSync(path.join(ctx.config.uploadsDir, row!.storageKey)).equals(content)).toBe(true);
    expect(storedFiles().some((f) => f.endsWith('.part'))).toBe(false);
    const dl = await instOfficer.get(dto.url);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('video/webm');
    expect(dl.rawPayload.equals(content)).toBe(true);
  });

  it('decides MP4 from the content, whatever the name says', async () => {
    const res = await uploadVideo(staff, 'IMG_0001.mov', mp4());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'video/mp4', originalName: 'IMG_0001.mp4' });
  });

  it('an MP4 header glued onto an executable is 415 (the box structure is checked), nothing stored', async () => {
    const rows = await rowCount();
    const files = storedFiles().length;
    const glued = Buffer.concat([mp4(64).subarray(0, 24), Buffer.from('MZ'), Buffer.alloc(5000, 0x90)]);
    const res = await uploadVideo(staff, '宣传片.mp4', glued);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toBe('视频文件已损坏或不是有效的 MP4');
    expect(await rowCount()).toBe(rows);
    expect(storedFiles()).toHaveLength(files);
  });

  it('a PNG renamed .mp4 is 415 and nothing is stored; so is a photo sent as a video', async () => {
    const png = await (await import('sharp')).default({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer();
    const rows = await rowCount();
    const files = storedFiles().length;
    const res = await uploadVideo(staff, '宣传片.mp4', png);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await uploadVideo(staff, 'photo.mp4', await testPhoto())).statusCode).toBe(415);
    expect((await uploadVideo(staff, 'notes.webm', Buffer.from('这不是视频'.repeat(200)))).statusCode).toBe(415);
    expect(await rowCount()).toBe(rows);
    expect(storedFiles()).toHaveLength(files);
  });

  it('has its own limit: 2.5 MB is over UPLOAD_MAX_MB (2) but within VIDEO_MAX_MB (3) and is stored', async () => {
    const res = await uploadVideo(staff, 'long.mp4', mp4(2.5 * MB));
    expect(res.statusCode).toBe(201);
    expect(res.json().sizeBytes).toBe(2.5 * MB);
    // photos and documents keep UPLOAD_MAX_MB
    const { payload, headers } = multipartFile({ filename: 'big.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2.5 * MB)]) });
    expect((await staff.request({ method: 'POST', url: '/api/uploads?kind=document', payload, headers })).statusCode).toBe(413);
  });

  it('over VIDEO_MAX_MB is 413: no row, no file (not even a partial one) left on disk', async () => {
    const rows = await rowCount();
    const files = storedFiles();
    const res = await uploadVideo(staff, 'too-long.webm', webm(3 * MB + 10 * 1024));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await rowCount()).toBe(rows);
    expect(storedFiles()).toEqual(files);
    // exactly at the limit is fine
    expect((await uploadVideo(staff, 'just-right.webm', webm(3 * MB))).statusCode).toBe(201);
  });
});
