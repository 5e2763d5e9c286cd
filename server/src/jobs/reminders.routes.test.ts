import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { campaign, campaignTask, notification, openDatabase, reminderLog, submission, taskAssignment, type Db } from '@lifeline/db';
import { endOfLocalDay } from '@lifeline/shared';
import { clientFor, createTestContext, makeInstitution, makeUser, type TestContext } from '../testing/harness.ts';
import { runReminders } from './reminders.ts';
import { startJobs } from './scheduler.ts';

/**
 * The deadline reminders job on a real database (fresh PGlite; again on PostgreSQL in api-pg, where
 * two separate connection pools race each other). The clock is injected: `runReminders(db, now)`.
 * Each test uses its own deadline year so that a run only ever sees that test's assignments.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

let ctx: TestContext;
let adminId: string;
let townshipId: string;
let inst: { id: string; name: string };
let otherInst: { id: string; name: string };
let officers: string[];
let otherOfficer: string;
let townshipOfficer: string;

beforeAll(async () => {
  ctx = await createTestContext();
  townshipId = ctx.townships['浔中镇']!;
  adminId = (await makeUser(ctx, 'county_admin')).id;
  inst = await makeInstitution(ctx, { townshipId });
  otherInst = await makeInstitution(ctx, { townshipId });
  officers = [(await makeUser(ctx, 'institution_officer', { institutionId: inst.id })).id, (await makeUser(ctx, 'institution_officer', { institutionId: inst.id })).id];
  otherOfficer = (await makeUser(ctx, 'institution_officer', { institutionId: otherInst.id })).id;
  townshipOfficer = (await makeUser(ctx, 'township_officer', { townshipId })).id;
});
afterAll(async () => ctx?.close());

/**
 * A campaign with one task and its assignments, written directly (the publish step that snapshots
 * units into assignments is exercised in the campaigns module's own tests).
 */
async function makeTask(opts: {
  deadline: Date;
  title?: string;
  status?: 'draft' | 'published' | 'ended';
  deliverableKind?: 'article' | 'count';
  units?: { kind: 'institution' | 'township'; institutionId?: string; name: string }[];
}) {
  const status = opts.status ?? 'published';
  const [c] = await ctx.db
    .insert(campaign)
    .values({
      name: '安全生产月',
      year: 2030,
      status,
      createdById: adminId,
      publishedAt: status === 'draft' ? null : new Date('2030-01-01T00:00:00Z'),
      publishedById: status === 'draft' ? null : adminId,
      endedAt: status === 'ended' ? new Date('2030-01-02T00:00:00Z') : null,
      endedById: status === 'ended' ? adminId : null,
    })
    .returning();
  const kind = opts.deliverableKind ?? 'article';
  const [task] = await ctx.db
    .insert(campaignTask)
    .values({
      campaignId: c!.id,
      title: opts.title ?? '报送经验做法',
      assigneeScope: 'each_institution',
      deadline: opts.deadline,
      deliverableKind: kind,
      countOf: kind === 'count' ? 'drill' : null,
    })
    .returning();
  const units = opts.units ?? [{ kind: 'institution' as const, institutionId: inst.id, name: inst.name }];
  const assignments = await ctx.db
    .insert(taskAssignment)
    .values(units.map((u) => ({ taskId: task!.id, campaignId: c!.id, unitKind: u.kind, townshipId, institutionId: u.kind === 'institution' ? u.institutionId! : null, unitName: u.name })))
    .returning();
  return { campaignId: c!.id, taskId: task!.id, assignmentIds: assignments.map((a) => a.id) };
}

const notesOf = (assignmentId: string) =>
  ctx.db.select().from(notification).where(eq(notification.entityId, assignmentId)).orderBy(asc(notification.id));
const logOf = async (assignmentId: string) =>
  (await ctx.db.select({ kind: reminderLog.kind }).from(reminderLog).where(eq(reminderLog.assignmentId, assignmentId))).map((r) => r.kind).sort();

async function submit(assignmentId: string, version: number, at: Date, status: 'submitted' | 'returned' | 'accepted' = 'submitted') {
  await ctx.db.insert(submission).values({
    assignmentId,
    version,
    text: '经验做法全文',
    status,
    submittedById: officers[0]!,
    submittedAt: at,
    reviewedAt: status === 'submitted' ? null : at,
    reviewedById: status === 'submitted' ? null : adminId,
  });
}
async function review(assignmentId: string, version: number, status: 'returned' | 'accepted', at: Date) {
  await ctx.db
    .update(submission)
    .set({ status, reviewedAt: at, reviewedById: adminId, reviewComment: status === 'returned' ? '请补充照片' : '' })
    .where(and(eq(submission.assignmentId, assignmentId), eq(submission.version, version)));
}

describe('runReminders: injected clock', () => {
  it('sends nothing before each reminder time, one reminder at it, to the unit’s active users only', async () => {
    const deadline = endOfLocalDay('2030-06-05');
    const { campaignId, assignmentIds } = await makeTask({
      deadline,
      units: [
        { kind: 'institution', institutionId: inst.id, name: inst.name },
        { kind: 'township', name: '浔中镇' },
      ],
    });
    const [instA, townA] = assignmentIds as [string, string];
    const at = (ms: number) => new Date(deadline.getTime() + ms);

    expect(await runReminders(ctx.db, at(-3 * DAY - 1))).toMatchObject({ sent: 0 });
    expect(await notesOf(instA)).toHaveLength(0);

    // before_3d: the end of 6月2日
    expect(await runReminders(ctx.db, at(-3 * DAY))).toEqual({ sent: 2, skipped: 0, notified: 3, failed: 0 });
    const first = await notesOf(instA);
    expect(first.map((n) => n.userId).sort()).toEqual([...officers].sort());
    expect(first[0]).toMatchObject({
      kind: 'reminder_before',
      title: '「报送经验做法」将于 6月5日 截止（还有 3 天）',
      link: `/campaigns/${campaignId}/assignments/${instA}`,
      entityType: 'task_assignment',
      entityId: instA,
      readAt: null,
    });
    expect(first[0]!.body).toContain('安全生产月');
    expect((await notesOf(townA)).map((n) => n.userId)).toEqual([townshipOfficer]);
    // nobody of another unit hears of it
    expect(await ctx.db.select().from(notification).where(eq(notification.userId, otherOfficer))).toHaveLength(0);

    // the minute after: nothing again
    expect((await runReminders(ctx.db, at(-3 * DAY + 60_000))).sent).toBe(0);
    expect((await runReminders(ctx.db, at(-1 * DAY - 1))).sent).toBe(0);

    expect((await runReminders(ctx.db, at(-1 * DAY))).sent).toBe(2);
    expect((await notesOf(instA)).at(-1)!.title).toBe('「报送经验做法」明天（6月5日）截止');

    expect((await runReminders(ctx.db, at(-1))).sent).toBe(0);
    expect((await runReminders(ctx.db, at(0))).sent).toBe(2);
    const last = (await notesOf(instA)).at(-1)!;
    expect(last).toMatchObject({ kind: 'reminder_due', title: '「报送经验做法」已于 6月5日 截止，尚未报送' });

    expect((await runReminders(ctx.db, at(DAY))).sent).toBe(0);
    expect(await notesOf(instA)).toHaveLength(6); // 3 reminders × 2 officers
    expect(await logOf(instA)).toEqual(['before_1d', 'before_3d', 'due']);
  });

  it('follows the setting campaign.reminderDaysBefore', async () => {
    const { client: admin } = await clientFor(ctx, 'county_admin');
    expect((await admin.put('/api/settings', { 'campaign.reminderDaysBefore': [5] })).statusCode).toBe(200);
    try {
      const deadline = endOfLocalDay('2031-06-05');
      const [a] = (await makeTask({ deadline })).assignmentIds as [string];
      expect((await runReminders(ctx.db, new Date(deadline.getTime() - 5 * DAY - 1))).sent).toBe(0);
      expect((await runReminders(ctx.db, new Date(deadline.getTime() - 5 * DAY))).sent).toBe(1);
      expect((await runReminders(ctx.db, new Date(deadline.getTime() - 1 * DAY))).sent).toBe(0);
      expect(await logOf(a)).toEqual(['before_5d']);
      expect((await notesOf(a))[0]!.title).toContain('还有 5 天');
    } finally {
      await admin.put('/api/settings', { 'campaign.reminderDaysBefore': [3, 1] });
    }
  });
});

describe('runReminders: what the unit still owes', () => {
  it('sends nothing once submitted; a returned submission brings the reminders back; accepted ends them', async () => {
    const deadline = endOfLocalDay('2032-06-05');
    const [a] = (await makeTask({ deadline })).assignmentIds as [string];
    await submit(a, 1, new Date(deadline.getTime() - 4 * DAY));
    expect((await runReminders(ctx.db, new Date(deadline.getTime() - 3 * DAY))).sent).toBe(0);

    await review(a, 1, 'returned', new Date(deadline.getTime() - 2.5 * DAY));
    expect((await runReminders(ctx.db, new Date(deadline.getTime() - 2.5 * DAY))).sent).toBe(1);
    const back = (await notesOf(a)).at(-1)!;
    expect(back.title).toBe('「报送经验做法」将于 6月5日 截止（还有 2 天）'); // noon on 6月3日: calendar days
    expect(back.body).toContain('退回');

    await submit(a, 2, new Date(deadline.getTime() - 2 * DAY));
    expect((await runReminders(ctx.db, new Date(deadline.getTime() - 1 * DAY))).sent).toBe(0);
    await review(a, 2, 'returned', new Date(deadline.getTime() - 0.5 * DAY));
    expect((await runReminders(ctx.db, new Date(deadline.getTime() - 0.5 * DAY))).sent).toBe(1);
    expect((await notesOf(a)).at(-1)!.title).toBe('「报送经验做法」今天（6月5日）截止');

    await submit(a, 3, new Date(deadline.getTime() - 0.4 * DAY), 'accepted');
    expect((await runReminders(ctx.db, deadline)).sent).toBe(0);
    expect((await runReminders(ctx.db, new Date(deadline.getTime() + DAY))).sent).toBe(0);
    expect(await logOf(a)).toEqual(['before_1d', 'before_3d']);
  });

  it('leaves out count tasks and campaigns that are not published', async () => {
    const deadline = endOfLocalDay('2033-06-05');
    const ids = [
      ...(await makeTask({ deadline, deliverableKind: 'count' })).assignmentIds,
      ...(await makeTask({ deadline, status: 'draft' })).assignmentIds,
      ...(await makeTask({ deadline, status: 'ended' })).assignmentIds,
    ];
    for (const t of [-3 * DAY, -DAY, 0, DAY]) expect((await runReminders(ctx.db, new Date(deadline.getTime() + t))).sent).toBe(0);
    expect(await ctx.db.select().from(reminderLog).where(inArray(reminderLog.assignmentId, ids))).toHaveLength(0);
  });
});

describe('runReminders through the campaign API', () => {
  it('publish → reminder in the inbox → submit silences it → return brings it back', async () => {
    const { client: admin } = await clientFor(ctx, 'county_admin');
    const relief = await makeInstitution(ctx, { townshipId, type: 'relief_station' });
    const { user: officer, client: officerClient } = await clientFor(ctx, 'institution_officer', { institutionId: relief.id });
    const notice = readFileSync(new URL('../../../db/src/reference/notice-2024-safety-month.txt', import.meta.url), 'utf8');
    const created = await admin.post('/api/campaigns/from-notice', { text: notice });
    expect(created.statusCode).toBe(201);
    const campaignId: string = created.json().campaign.id;
    // keep one task, for relief stations only (the only relief station is the one made here)
    for (const task of created.json().campaign.tasks as { id: string }[]) expect((await admin.delete(`/api/campaigns/${campaignId}/tasks/${task.id}`)).statusCode).toBeLessThan(300);
    const added = await admin.post(`/api/campaigns/${campaignId}/tasks`, {
      title: '报送经验做法', assigneeScope: 'each_institution_of_types', institutionTypes: ['relief_station'], deadline: '2024-06-20', deliverableKind: 'article', requiredQuantity: 1,
    });
    expect(added.statusCode).toBe(201);
    const deadline = endOfLocalDay('2024-06-20');
    ctx.clock.now = new Date(deadline.getTime() - 10 * DAY);
    expect((await admin.post(`/api/campaigns/${campaignId}/publish`)).statusCode).toBe(200);
    const [assignment] = await ctx.db.select().from(taskAssignment).where(eq(taskAssignment.campaignId, campaignId));
    expect(assignment).toMatchObject({ unitKind: 'institution', institutionId: relief.id });
    const reminders = async () => (await notesOf(assignment!.id)).filter((n) => n.kind.startsWith('reminder_'));

    expect((await runReminders(ctx.db, new Date(deadline.getTime() - 3 * DAY))).sent).toBe(1);
    const inbox = (await officerClient.get('/api/notifications?unreadOnly=true')).json();
    expect(inbox.items[0]).toMatchObject({ title: '「报送经验做法」将于 6月20日 截止（还有 3 天）', link: `/campaigns/${campaignId}/assignments/${assignment!.id}` });
    expect((await officerClient.get('/api/notifications/unread-count')).json().unread).toBeGreaterThanOrEqual(1);

    ctx.clock.now = new Date(deadline.getTime() - 2 * DAY);
    const sub = await officerClient.post(`/api/campaign-assignments/${assignment!.id}/submissions`, { text: '我站开展疏散演练的做法……' });
    expect(sub.statusCode).toBe(201);
    expect((await runReminders(ctx.db, new Date(deadline.getTime() - 1 * DAY))).sent).toBe(0);

    const [latest] = await ctx.db.select().from(submission).where(eq(submission.assignmentId, assignment!.id));
    ctx.clock.now = new Date(deadline.getTime() - 0.8 * DAY);
    expect((await admin.post(`/api/submissions/${latest!.id}/review`, { decision: 'return', comment: '请补充现场照片' })).statusCode).toBe(200);
    expect((await runReminders(ctx.db, new Date(deadline.getTime() - 0.8 * DAY))).sent).toBe(1);
    expect((await reminders()).map((n) => [n.userId, n.title])).toEqual([
      [officer.id, '「报送经验做法」将于 6月20日 截止（还有 3 天）'],
      [officer.id, '「报送经验做法」今天（6月20日）截止'],
    ]);
    ctx.clock.now = null;
  });
});

describe('runReminders: catch-up after downtime', () => {
  it('after a restart sends only the most urgent reminder, logs the older ones as skipped, and never sends them', async () => {
    const deadline = endOfLocalDay('2034-06-05');
    const [a] = (await makeTask({ deadline })).assignmentIds as [string];
    expect((await runReminders(ctx.db, new Date(deadline.getTime() - 3 * DAY + HOUR))).sent).toBe(1);
    // the server is down past before_1d and the deadline; one run at restart
    expect(await runReminders(ctx.db, new Date(deadline.getTime() + 2 * HOUR))).toEqual({ sent: 1, skipped: 1, notified: 2, failed: 0 });
    expect(await logOf(a)).toEqual(['before_1d', 'before_3d', 'due']);
    for (const t of [3 * HOUR, DAY, 3 * DAY]) expect((await runReminders(ctx.db, new Date(deadline.getTime() + t))).sent).toBe(0);
    const notes = await notesOf(a);
    expect(notes.map((n) => n.kind)).toEqual(['reminder_before', 'reminder_before', 'reminder_due', 'reminder_due']);
    expect(notes.some((n) => n.title.includes('明天'))).toBe(false);
  });

  it('a task published close to its deadline gets one reminder counting the real days left', async () => {
    const deadline = endOfLocalDay('2035-06-05');
    const [a] = (await makeTask({ deadline })).assignmentIds as [string];
    expect(await runReminders(ctx.db, new Date(deadline.getTime() - 1.5 * DAY))).toMatchObject({ sent: 1, skipped: 0 });
    expect((await notesOf(a))[0]!.title).toBe('「报送经验做法」明天（6月5日）截止'); // noon on 6月4日
  });

  it('sends a never-sent due reminder up to 7 days late (saying how late), and not later than that', async () => {
    const deadline = endOfLocalDay('2036-06-05');
    const [late] = (await makeTask({ deadline, title: '报送活动总结' })).assignmentIds as [string];
    expect(await runReminders(ctx.db, new Date(deadline.getTime() + 6 * DAY + HOUR))).toMatchObject({ sent: 1, skipped: 2 });
    expect((await notesOf(late))[0]!.title).toBe('「报送活动总结」已于 6月5日 截止，逾期 6 天仍未报送');

    const deadline2 = endOfLocalDay('2037-06-05');
    const [tooLate] = (await makeTask({ deadline: deadline2 })).assignmentIds as [string];
    expect((await runReminders(ctx.db, new Date(deadline2.getTime() + 7 * DAY + 1))).sent).toBe(0);
    expect(await notesOf(tooLate)).toHaveLength(0);
    expect(await logOf(tooLate)).toEqual([]);
  });
});

describe('runReminders: exactly once with concurrent runners', () => {
  it(`two runners${process.env.TEST_DATABASE_URL ? ' on two separate PostgreSQL connection pools' : ' on one PGlite database'} send each reminder once`, async () => {
    // on PostgreSQL a second pool on the same database plays the second server process
    const second = ctx.database.driver === 'postgresql' ? await openDatabase({ databaseUrl: ctx.database.url, poolSize: 4 }) : undefined;
    try {
      const deadline = endOfLocalDay('2038-06-05');
      const units = [];
      for (let i = 0; i < 12; i++) {
        const it = await makeInstitution(ctx, { townshipId });
        await makeUser(ctx, 'institution_officer', { institutionId: it.id });
        units.push({ kind: 'institution' as const, institutionId: it.id, name: it.name });
      }
      const { assignmentIds } = await makeTask({ deadline, units });
      const dbs: Db[] = [ctx.db, second?.db ?? ctx.db, ctx.db, second?.db ?? ctx.db];
      // a normal reminder time, then a catch-up (send + skip) with everybody racing
      for (const now of [new Date(deadline.getTime() - 3 * DAY + 1000), new Date(deadline.getTime() + HOUR)]) {
        const results = await Promise.all(dbs.map((db) => runReminders(db, now)));
        expect(results.reduce((n, r) => n + r.sent, 0)).toBe(units.length);
        expect(results.reduce((n, r) => n + r.notified, 0)).toBe(units.length);
        expect(results.every((r) => r.failed === 0)).toBe(true);
      }
      for (const a of assignmentIds) {
        expect((await notesOf(a)).map((n) => n.kind)).toEqual(['reminder_before', 'reminder_due']);
        expect(await logOf(a)).toEqual(['before_1d', 'before_3d', 'due']);
      }
      if (second) expect((await second.db.select().from(reminderLog).where(inArray(reminderLog.assignmentId, assignmentIds))).length).toBe(3 * units.length);
    } finally {
      await second?.close();
    }
  });
});

describe('startJobs', () => {
  it('runs the reminders once at start (catch-up) and stop() waits for that run', async () => {
    const deadline = endOfLocalDay('2039-06-05');
    const [a] = (await makeTask({ deadline })).assignmentIds as [string];
    const logs: { level: string; obj: object }[] = [];
    const log = { info: (obj: object) => logs.push({ level: 'info', obj }), warn: (obj: object) => logs.push({ level: 'warn', obj }), error: (obj: object) => logs.push({ level: 'error', obj }) };
    const jobs = startJobs({ db: ctx.db, now: () => new Date(deadline.getTime() - DAY + 1000), log });
    await jobs.stop();
    expect(await logOf(a)).toEqual(['before_1d', 'before_3d']);
    expect(logs).toContainEqual({ level: 'info', obj: expect.objectContaining({ job: 'reminders', sent: 1, skipped: 1 }) });
  });

  it('logs a failing run and does not throw', async () => {
    // a database handle whose connection is closed: every query fails
    const broken = await openDatabase({ databaseUrl: ctx.database.driver === 'postgresql' ? ctx.database.url : undefined, poolSize: 1 });
    await broken.close();
    const errors: object[] = [];
    const jobs = startJobs({ db: broken.db, now: () => new Date(), log: { info: () => undefined, warn: () => undefined, error: (obj) => errors.push(obj) } });
    await jobs.stop();
    // one failed run per job started at start: the reminders and the plan-revision reminders
    expect(errors.filter((e) => (e as { job?: string }).job === 'reminders')).toHaveLength(1);
    expect(errors.filter((e) => (e as { job?: string }).job === 'plan-revision')).toHaveLength(1);
    expect(errors).toHaveLength(2);
  });
});
