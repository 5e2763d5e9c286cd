import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { notification, openDatabase, publicReport, type Db } from '@lifeline/db';
import { clientFor, createTestContext, makeInstitution, makeUser, type Client, type TestContext } from '../testing/harness.ts';
import { makeReport } from '../modules/reports/reports.testing.ts';
import { reportOverdueKind, runReportDeadlines } from './report-deadlines.ts';

/**
 * 举报处理超期提醒 on a real database with an injected clock: once per report per step, to the county
 * handlers (and the assigned township's officers for its verify step), never with the reporter's
 * identity; exactly once when two runners race (two PostgreSQL pools in api-pg).
 */

const DAY = 86_400_000;
let ctx: TestContext;
let townshipId: string;
let otherTownship: string;
let staff: Client;
let handlers: string[];
let townOfficer: string;
let otherOfficer: string;
let leaderId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  townshipId = ctx.townships['浔中镇']!;
  otherTownship = ctx.townships['龙浔镇']!;
  const s = await clientFor(ctx, 'county_staff');
  staff = s.client;
  handlers = [s.user.id, (await makeUser(ctx, 'county_admin')).id];
  leaderId = (await makeUser(ctx, 'county_leader')).id;
  townOfficer = (await makeUser(ctx, 'township_officer', { townshipId })).id;
  otherOfficer = (await makeUser(ctx, 'township_officer', { townshipId: otherTownship })).id;
});
afterAll(async () => ctx?.close());

const alertsOf = (reportId: string) => ctx.db.select().from(notification).where(and(eq(notification.entityId, reportId), like(notification.kind, 'report_overdue_%')));

describe('runReportDeadlines: overdue alerts', () => {
  it('alerts the county handlers once when the accept limit passes, and the township for its verify step', async () => {
    const receivedAt = new Date('2031-03-01T02:00:00Z');
    const { report } = await makeReport(ctx, { institutionId: (await makeInstitution(ctx, { townshipId })).id, receivedAt, contact: { name: '周九', phone: '13311112222' } });
    const due = new Date(receivedAt.getTime() + 3 * DAY);
    expect((await runReportDeadlines(ctx.db, new Date(due.getTime() - 1000))).alerted).toBe(0);
    const r1 = await runReportDeadlines(ctx.db, new Date(due.getTime() + 1000));
    expect(r1.alerted).toBe(1);
    let alerts = await alertsOf(report.id);
    expect(alerts.map((a) => a.userId).sort()).toEqual([...handlers].sort());
    expect(alerts.every((a) => a.kind === reportOverdueKind('accept') && a.link === `/reports/${report.id}`)).toBe(true);
    expect(alerts.some((a) => a.userId === leaderId || a.userId === townOfficer)).toBe(false);
    // again, later: nothing more for this step
    expect((await runReportDeadlines(ctx.db, new Date(due.getTime() + 5 * DAY))).alerted).toBe(0);
    expect(await alertsOf(report.id)).toHaveLength(2);

    // accepted and assigned late: the verify step runs from acceptance; its alert reaches the township too
    ctx.clock.now = new Date(due.getTime() + 5 * DAY);
    const acc = await staff.post(`/api/reports/${report.id}/accept`, { townshipId });
    expect(acc.statusCode, acc.body).toBe(200);
    const verifyDue = new Date(ctx.clock.now.getTime() + 15 * DAY);
    expect(acc.json().stepDueAt).toBe(verifyDue.toISOString());
    expect((await runReportDeadlines(ctx.db, new Date(verifyDue.getTime() - 1000))).alerted).toBe(0);
    expect((await runReportDeadlines(ctx.db, new Date(verifyDue.getTime() + 1000))).alerted).toBe(1);
    alerts = (await alertsOf(report.id)).filter((a) => a.kind === reportOverdueKind('verify'));
    expect(alerts.map((a) => a.userId).sort()).toEqual([...handlers, townOfficer].sort());
    expect(alerts.some((a) => a.userId === otherOfficer)).toBe(false);
    const text = JSON.stringify(await alertsOf(report.id));
    expect(text).not.toContain('周九');
    expect(text).not.toContain('13311112222');
    expect(text).toContain(report.serialNo);
  });

  it('sends nothing for ended reports', async () => {
    const { report } = await makeReport(ctx, { placeText: '已办结地点', receivedAt: new Date('2031-04-01T02:00:00Z') });
    await ctx.db.update(publicReport).set({ status: 'rejected', closedAt: new Date('2031-04-02T02:00:00Z') }).where(eq(publicReport.id, report.id));
    await runReportDeadlines(ctx.db, new Date('2031-05-01T00:00:00Z'));
    expect(await alertsOf(report.id)).toHaveLength(0);
  });
});

describe('runReportDeadlines: exactly once with concurrent runners', () => {
  it(`two runners${process.env.TEST_DATABASE_URL ? ' on two PostgreSQL connection pools' : ' on one PGlite database'} alert each report once`, async () => {
    const second = ctx.database.driver === 'postgresql' ? await openDatabase({ databaseUrl: ctx.database.url, poolSize: 4 }) : undefined;
    try {
      const receivedAt = new Date('2032-01-01T02:00:00Z');
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await makeReport(ctx, { placeText: `并发测试 ${i}`, receivedAt })).report.id);
      const dbs: Db[] = [ctx.db, second?.db ?? ctx.db, ctx.db];
      const now = new Date(receivedAt.getTime() + 4 * DAY);
      const results = await Promise.all(dbs.map((db) => runReportDeadlines(db, now)));
      expect(results.reduce((n, r) => n + r.alerted, 0)).toBe(ids.length);
      expect(results.every((r) => r.failed === 0)).toBe(true);
      for (const id of ids) expect(await alertsOf(id)).toHaveLength(handlers.length);
    } finally {
      await second?.close();
    }
  });
});
