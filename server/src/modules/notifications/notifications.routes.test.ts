import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { appUser } from '@lifeline/db';
import { anon, clientFor, createTestContext, loginAs, makeUser, type Client, type TestContext } from '../../testing/harness.ts';
import { notifyUsers } from './notify.ts';

let ctx: TestContext;
let alice: Client;
let bob: Client;
const ids: Record<string, number> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  alice = (await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['浔中镇']! })).client;
  bob = (await clientFor(ctx, 'county_staff')).client;
  // three for alice (oldest first), one for bob
  const base = Date.parse('2030-06-01T00:00:00Z');
  for (const [i, title] of ['第一条', '第二条', '第三条'].entries()) {
    await notifyUsers(ctx.db, [alice.userId], { kind: 'reminder_before', title, link: `/campaigns/x/${i}` }, new Date(base + i * 60_000));
  }
  await notifyUsers(ctx.db, [bob.userId], { kind: 'submission_received', title: '鲍的消息' }, new Date(base));
  const list = (await alice.get('/api/notifications')).json();
  for (const n of list.items) ids[n.title] = n.id;
  ids.bob = (await bob.get('/api/notifications')).json().items[0].id;
});
afterAll(async () => ctx?.close());

describe('/api/notifications', () => {
  it('401 without a session on every route', async () => {
    expect((await anon(ctx).get('/api/notifications')).statusCode).toBe(401);
    expect((await anon(ctx).get('/api/notifications/unread-count')).statusCode).toBe(401);
    expect((await anon(ctx).post(`/api/notifications/${ids['第一条']}/read`)).statusCode).toBe(401);
    expect((await anon(ctx).post('/api/notifications/read-all')).statusCode).toBe(401);
  });

  it('403 for an account that must change its initial password first', async () => {
    const u = await makeUser(ctx, 'county_staff');
    await ctx.db.update(appUser).set({ mustChangePassword: true }).where(eq(appUser.id, u.id));
    const c = await loginAs(ctx, u);
    const res = await c.get('/api/notifications/unread-count');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('400 for a bad id or query', async () => {
    expect((await alice.post('/api/notifications/abc/read')).statusCode).toBe(400);
    expect((await alice.post('/api/notifications/0/read')).statusCode).toBe(400);
    expect((await alice.get('/api/notifications?pageSize=0')).statusCode).toBe(400);
    expect((await alice.get('/api/notifications?unreadOnly=maybe')).statusCode).toBe(400);
  });

  it('404 for another user’s notification or one that does not exist; theirs stays unread', async () => {
    const res = await alice.post(`/api/notifications/${ids.bob}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await alice.post('/api/notifications/999999999/read')).statusCode).toBe(404);
    expect((await bob.get('/api/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('lists only the user’s own, newest first, paged, with the unread count', async () => {
    const page1 = (await alice.get('/api/notifications?pageSize=2')).json();
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2, unread: 3 });
    expect(page1.items.map((n: { title: string }) => n.title)).toEqual(['第三条', '第二条']);
    expect(page1.items[0]).toMatchObject({ kind: 'reminder_before', link: '/campaigns/x/2', body: '', readAt: null, createdAt: '2030-06-01T00:02:00.000Z' });
    const page2 = (await alice.get('/api/notifications?pageSize=2&page=2')).json();
    expect(page2.items.map((n: { title: string }) => n.title)).toEqual(['第一条']);
    expect((await bob.get('/api/notifications')).json().items.map((n: { title: string }) => n.title)).toEqual(['鲍的消息']);
    expect((await alice.get('/api/notifications/unread-count')).json()).toEqual({ unread: 3 });
  });

  it('marks one read (idempotent, keeps the first time), then all; unreadOnly follows', async () => {
    ctx.clock.now = new Date('2030-06-02T01:00:00Z');
    const read = await alice.post(`/api/notifications/${ids['第二条']}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: ids['第二条'], readAt: '2030-06-02T01:00:00.000Z' });
    ctx.clock.now = new Date('2030-06-02T02:00:00Z');
    expect((await alice.post(`/api/notifications/${ids['第二条']}/read`)).json().readAt).toBe('2030-06-02T01:00:00.000Z');
    expect((await alice.get('/api/notifications/unread-count')).json()).toEqual({ unread: 2 });
    const unread = (await alice.get('/api/notifications?unreadOnly=true')).json();
    expect(unread).toMatchObject({ total: 2, unread: 2 });
    expect(unread.items.map((n: { title: string }) => n.title)).toEqual(['第三条', '第一条']);

    const all = await alice.post('/api/notifications/read-all');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ updated: 2, unread: 0 });
    expect((await alice.post('/api/notifications/read-all')).json()).toEqual({ updated: 0, unread: 0 });
    expect((await alice.get('/api/notifications?unreadOnly=1')).json()).toMatchObject({ total: 0, items: [] });
    const everything = (await alice.get('/api/notifications')).json();
    expect(everything.items.every((n: { readAt: string | null }) => n.readAt !== null)).toBe(true);
    // bob's inbox is untouched by alice's read-all
    expect((await bob.get('/api/notifications/unread-count')).json()).toEqual({ unread: 1 });
    ctx.clock.now = null;
  });
});
