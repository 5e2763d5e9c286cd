import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anon, clientFor, createTestContext, makeInstitution, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

describe('/api/settings', () => {
  it('shows defaults, lets only the admin change them, validates, and the new default applies to inspections', async () => {
    expect((await anon(ctx).get('/api/settings')).statusCode).toBe(401);
    const { client: admin } = await clientFor(ctx, 'county_admin');
    const { client: staff } = await clientFor(ctx, 'county_staff');
    expect((await staff.get('/api/settings')).json()).toEqual({
      'hazard.defaultDeadlineDays': { general: 30, major: 15 },
      'hazard.maxDeadlineDays': 730,
      'campaign.reminderDaysBefore': [3, 1],
      'preparedness.drillWindowDays': 90,
      'preparedness.planMaxAgeDays': 365,
      'preparedness.requiredPlanKinds': {
        elderly_care: ['comprehensive', 'fire', 'missing_resident'],
        child_welfare: ['comprehensive', 'fire'],
        relief_station: ['comprehensive', 'fire'],
        funeral_service: ['comprehensive', 'fire'],
        mental_health_welfare: ['comprehensive', 'fire', 'missing_resident'],
      },
      'report.timeLimitDays': { accept: 3, verify: 15, handle: 60 },
      'report.rewardClaimDays': 60,
      'report.rewardRules': {
        fineRatePct: 15,
        minYuan: 3000,
        maxYuan: 300000,
        concealedPerDeathYuan: { general: 30000, larger: 40000, major: 50000, especially_major: 60000 },
        concealedCapYuan: 300000,
        generalHazardYuan: 0,
      },
    });
    const badRule = await admin.put('/api/settings', { 'report.rewardRules': { fineRatePct: 15, minYuan: 5000, maxYuan: 3000, concealedPerDeathYuan: { general: 1, larger: 1, major: 1, especially_major: 1 }, concealedCapYuan: 1, generalHazardYuan: 0 } });
    expect(badRule.statusCode).toBe(400);
    expect(badRule.json().error.details[0].message).toBe('最低金额不能高于最高金额');
    const badKinds = await admin.put('/api/settings', { 'preparedness.requiredPlanKinds': { elderly_care: ['bogus'] } });
    expect(badKinds.statusCode).toBe(400);
    expect((await staff.put('/api/settings', { 'hazard.defaultDeadlineDays': { general: 10, major: 5 } })).statusCode).toBe(403);
    const bad = await admin.put('/api/settings', { 'hazard.defaultDeadlineDays': { general: 0, major: 5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toContain('general');
    const ok = await admin.put('/api/settings', { 'hazard.defaultDeadlineDays': { general: 10, major: 5 } });
    expect(ok.json()['hazard.defaultDeadlineDays']).toEqual({ general: 10, major: 5 });

    // a hazard from an inspection without an explicit deadline now gets 10 days
    const inst = await makeInstitution(ctx, { townshipId: ctx.townships['浔中镇']! });
    const { checklistItem, checklistTemplate, checklistVersion } = await import('@lifeline/db');
    const { eq } = await import('drizzle-orm');
    const [v] = await ctx.db.select({ id: checklistVersion.id }).from(checklistVersion).innerJoin(checklistTemplate, eq(checklistTemplate.id, checklistVersion.templateId)).where(eq(checklistTemplate.code, 'life-passage'));
    const items = await ctx.db.select().from(checklistItem).where(eq(checklistItem.versionId, v!.id));
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const res = await staff.post('/api/inspections', {
      kind: 'county', institutionId: inst.id, checklistVersionId: v!.id, inspectedOn: today,
      results: items.map((i, n) => (n === 0 ? { itemId: i.id, result: 'fail', note: '通道堵塞' } : { itemId: i.id, result: 'pass' })),
    });
    expect(res.statusCode).toBe(201);
    const hz = (await staff.get(`/api/hazards/${res.json().results.find((r: { hazardId: string | null }) => r.hazardId).hazardId}`)).json();
    const days = (Date.parse(hz.deadline) - Date.parse(hz.foundAt)) / 86400_000;
    expect(days).toBeGreaterThan(9);
    expect(days).toBeLessThan(11.1);
  });

  it('campaign.reminderDaysBefore: integers 1–30, distinct, at most 5; an empty list is allowed', async () => {
    const { client: admin } = await clientFor(ctx, 'county_admin');
    const { client: township } = await clientFor(ctx, 'township_officer', { townshipId: ctx.townships['浔中镇']! });
    expect((await township.put('/api/settings', { 'campaign.reminderDaysBefore': [2] })).statusCode).toBe(403);
    for (const bad of [[0], [31], [1.5], [3, 3], [1, 2, 3, 4, 5, 6], '3', [null]]) {
      const res = await admin.put('/api/settings', { 'campaign.reminderDaysBefore': bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.details[0].path).toContain('campaign.reminderDaysBefore');
    }
    const ok = await admin.put('/api/settings', { 'campaign.reminderDaysBefore': [7, 3, 1] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()['campaign.reminderDaysBefore']).toEqual([7, 3, 1]);
    // the other settings are untouched by a partial update
    expect(ok.json()['hazard.maxDeadlineDays']).toBe(730);
    expect((await admin.put('/api/settings', { 'campaign.reminderDaysBefore': [] })).json()['campaign.reminderDaysBefore']).toEqual([]);
    await admin.put('/api/settings', { 'campaign.reminderDaysBefore': [3, 1] });
  });
});
