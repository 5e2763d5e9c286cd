import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { attachment, campaign } from '@lifeline/db';
import { anon, clientFor, createTestContext, localDateIn, makeInstitution, multipartFile, testPhoto, type Client, type TestContext } from '../../testing/harness.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

let ctx: TestContext;
let admin: Client;
let reviewer: Client;
let officerA: Client;
let officerB: Client;
let campaignId: string;
/** showcased submission of unit A: videos v1 (first) and v2 */
let shown: { id: string; unitName: string };
/** accepted but not showcased submission of unit B */
let hiddenId: string;
let v1: Buffer;

/** Bytes file-type reads as WebM (an EBML header with DocType "webm") followed by a counting pattern. */
function webm(size: number): Buffer {
  const head = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]);
  const body = Buffer.alloc(size - head.length);
  for (let i = 0; i < body.length; i++) body[i] = i % 251;
  return Buffer.concat([head, body]);
}
/** ftyp + moov + an mdat of 2000 bytes: a structurally sound MP4. */
const mp4 = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2'), Buffer.from([0, 0, 0, 8]), Buffer.from('moov'), Buffer.from([0, 0, 0x07, 0xd8]), Buffer.from('mdat'), Buffer.alloc(2000, 1)]);

async function uploadVideo(client: Client, filename: string, content: Buffer): Promise<string> {
  const { payload, headers } = multipartFile({ filename, content });
  const res = await client.request({ method: 'POST', url: '/api/uploads?kind=video', payload, headers });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

/** The unit's assignment of the video task, submitted with these videos and accepted by the county. */
async function submitAccepted(officer: Client, videoIds: string[]) {
  const mine = await officer.get(`/api/campaign-assignments?mine=true&campaignId=${campaignId}`);
  expect(mine.statusCode).toBe(200);
  const a = mine.json().items.find((i: { deliverableKind: string }) => i.deliverableKind === 'video');
  const sub = await officer.post(`/api/campaign-assignments/${a.id}/submissions`, { text: '', attachmentIds: videoIds });
  expect(sub.statusCode).toBe(201);
  const s = sub.json().submissions[0];
  expect((await reviewer.post(`/api/submissions/${s.id}/review`, { decision: 'accept' })).statusCode).toBe(200);
  return { id: s.id as string, unitName: a.unitName as string };
}

const video = (url: string, range?: string) => ctx.app.inject({ method: 'GET', url, ...(range ? { headers: { range } } : {}) });

beforeAll(async () => {
  ctx = await createTestContext();
  const instA = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '浔中镇敬老院' });
  const instB = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']!, name: '浔中镇福利中心' });
  admin = (await clientFor(ctx, 'county_admin')).client;
  reviewer = (await clientFor(ctx, 'county_staff')).client;
  officerA = (await clientFor(ctx, 'institution_officer', { institutionId: instA.id })).client;
  officerB = (await clientFor(ctx, 'institution_officer', { institutionId: instB.id })).client;

  const created = await admin.post('/api/campaigns/from-template', { templateId: 'safety-month' });
  campaignId = created.json().campaign.id;
  const task = await admin.post(`/api/campaigns/${campaignId}/tasks`, { title: '报送安全应急短视频', assigneeScope: 'each_institution', deadline: localDateIn(30), deliverableKind: 'video', requiredQuantity: 1 });
  expect(task.statusCode).toBe(201);
  expect((await admin.post(`/api/campaigns/${campaignId}/publish`)).statusCode).toBe(200);

  v1 = webm(10_000);
  shown = await submitAccepted(officerA, [await uploadVideo(officerA, '消防演练.webm', v1), await uploadVideo(officerA, '第二段.mp4', mp4())]);
  // another file on the submission, older than its videos: never exposed
  const photo = await testPhoto();
  await ctx.db.insert(attachment).values({
    ownerId: officerA.userId, entityType: 'submission', entityId: shown.id, mime: 'image/jpeg', sizeBytes: photo.length, sha256: 'x', originalName: '内部照片.jpg', storageKey: 'nowhere.jpg', createdAt: new Date('2000-01-01T00:00:00Z'),
  });
  expect((await reviewer.post(`/api/submissions/${shown.id}/showcased`, { showcased: true })).statusCode).toBe(200);
  hiddenId = (await submitAccepted(officerB, [await uploadVideo(officerB, '未展播.webm', webm(5000))])).id;
});
afterAll(async () => ctx?.close());

describe('GET /api/public/showcase', () => {
  it('is public: lists showcased videos with campaign, task, unit, time and video URL only', async () => {
    const res = await anon(ctx).get('/api/public/showcase');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      {
        id: shown.id,
        campaignName: expect.stringMatching(/^\d{4}年全县民政服务机构“安全生产月”活动$/),
        taskTitle: '报送安全应急短视频',
        unitName: shown.unitName,
        submittedAt: expect.any(String),
        videoUrl: `/api/public/showcase/${shown.id}/video`,
        videoMime: 'video/webm',
      },
    ]);
    expect(shown.unitName).toBe('浔中镇敬老院');
    // no submitter, no file names, no text
    expect(res.body).not.toMatch(/内部照片|消防演练\.webm|submittedBy/);
    // also answers a logged-in user the same way
    expect((await officerB.get('/api/public/showcase')).json().items).toHaveLength(1);
  });

  it('is rate limited per client', async () => {
    const res = await anon(ctx).get('/api/public/showcase');
    expect(res.headers['x-ratelimit-limit']).toBeDefined();
  });
});

describe('GET /api/public/showcase/:submissionId/video', () => {
  it('streams the first video of a showcased submission, whole, with accept-ranges', async () => {
    const res = await video(`/api/public/showcase/${shown.id}/video`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('video/webm');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(Number(res.headers['content-length'])).toBe(v1.length);
    expect(res.rawPayload.equals(v1)).toBe(true);
  });

  it('answers byte ranges with 206 and content-range (first-last, open-ended, suffix)', async () => {
    const url = `/api/public/showcase/${shown.id}/video`;
    const a = await video(url, 'bytes=0-99');
    expect(a.statusCode).toBe(206);
    expect(a.headers['content-range']).toBe(`bytes 0-99/${v1.length}`);
    expect(Number(a.headers['content-length'])).toBe(100);
    expect(a.rawPayload.equals(v1.subarray(0, 100))).toBe(true);
    const b = await video(url, 'bytes=9000-');
    expect(b.statusCode).toBe(206);
    expect(b.headers['content-range']).toBe(`bytes 9000-${v1.length - 1}/${v1.length}`);
    expect(b.rawPayload.equals(v1.subarray(9000))).toBe(true);
    const c = await video(url, 'bytes=-16');
    expect(c.statusCode).toBe(206);
    expect(c.rawPayload.equals(v1.subarray(v1.length - 16))).toBe(true);
    const d = await video(url, 'bytes=5000-999999');
    expect(d.headers['content-range']).toBe(`bytes 5000-${v1.length - 1}/${v1.length}`);
  });

  it('416 with content-range bytes */size for an unsatisfiable or malformed range', async () => {
    const url = `/api/public/showcase/${shown.id}/video`;
    for (const range of [`bytes=${v1.length}-`, 'bytes=500-100', 'bytes=abc', 'bytes=-0']) {
      const res = await video(url, range);
      expect(res.statusCode, range).toBe(416);
      expect(res.headers['content-range']).toBe(`bytes */${v1.length}`);
    }
  });

  it('404 for a submission that is not showcased, unknown, or un-showcased again; 400 for a bad id', async () => {
    expect((await video(`/api/public/showcase/${hiddenId}/video`)).statusCode).toBe(404);
    expect((await video(`/api/public/showcase/${hiddenId}/video`, 'bytes=0-10')).statusCode).toBe(404);
    expect((await video(`/api/public/showcase/${MISSING}/video`)).statusCode).toBe(404);
    expect((await video('/api/public/showcase/not-a-uuid/video')).statusCode).toBe(400);
    // the private attachment route stays private
    const [v] = await ctx.db.select().from(attachment).where(eq(attachment.entityId, hiddenId));
    expect((await anon(ctx).get(`/api/attachments/${v!.id}`)).statusCode).toBe(401);
  });

  it('a video leaves the public page when the county un-showcases it', async () => {
    expect((await reviewer.post(`/api/submissions/${shown.id}/showcased`, { showcased: false })).statusCode).toBe(200);
    expect((await anon(ctx).get('/api/public/showcase')).json().items).toEqual([]);
    expect((await video(`/api/public/showcase/${shown.id}/video`)).statusCode).toBe(404);
    expect((await reviewer.post(`/api/submissions/${shown.id}/showcased`, { showcased: true })).statusCode).toBe(200);
    expect((await video(`/api/public/showcase/${shown.id}/video`)).statusCode).toBe(200);
  });

  it('stays public after the campaign ends; a campaign back in draft would hide it', async () => {
    expect((await admin.post(`/api/campaigns/${campaignId}/end`)).statusCode).toBe(200);
    expect((await anon(ctx).get('/api/public/showcase')).json().items).toHaveLength(1);
    expect((await video(`/api/public/showcase/${shown.id}/video`)).statusCode).toBe(200);
    // no API turns a campaign back into a draft; the filter is checked on the row directly
    await ctx.db.update(campaign).set({ status: 'draft', publishedAt: null, endedAt: null }).where(eq(campaign.id, campaignId));
    expect((await anon(ctx).get('/api/public/showcase')).json().items).toEqual([]);
    expect((await video(`/api/public/showcase/${shown.id}/video`)).statusCode).toBe(404);
  });
});

describe('web security headers', () => {
  it('the CSP allows same-origin media', async () => {
    const res = await anon(ctx).get('/api/public/showcase');
    expect(res.headers['content-security-policy']).toMatch(/media-src 'self'/);
  });
});
