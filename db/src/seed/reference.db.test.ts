import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { checklistItem, checklistTemplate, checklistVersion, county, township } from '../schema/index.ts';
import { REFERENCE_CHECKLISTS } from '../reference/checklists.ts';
import { seedReferenceData } from './reference.ts';
import { clientFor, createTestContext, type TestContext } from '../../../server/src/testing/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext(); // already seeded once
});
afterAll(async () => ctx?.close());

const versionsOf = async (code: string) =>
  ctx.db
    .select({ version: checklistVersion.version, id: checklistVersion.id })
    .from(checklistVersion)
    .innerJoin(checklistTemplate, eq(checklistTemplate.id, checklistVersion.templateId))
    .where(eq(checklistTemplate.code, code))
    .orderBy(asc(checklistVersion.version));

describe('reference data', () => {
  it('has 德化县 (350526) and its 18 townships with NBS codes, and is idempotent', async () => {
    const again = await seedReferenceData(ctx.db);
    expect(again.createdTemplates).toEqual([]);
    expect(again.updatedTemplates).toEqual([]);
    expect(await ctx.db.select().from(county)).toHaveLength(1);
    const tws = await ctx.db.select().from(township);
    expect(tws).toHaveLength(18);
    expect(tws.find((t) => t.name === '春美乡')?.code).toBe('350526209');
    expect(tws.filter((t) => t.kind === 'town')).toHaveLength(12);
  });

  it('ships the major-hazard criteria with 7 confirmed items and marks the rest as placeholders', async () => {
    const [v] = await versionsOf('elderly-major-hazard-2023');
    const items = await ctx.db.select().from(checklistItem).where(eq(checklistItem.versionId, v!.id));
    expect(items.filter((i) => !i.isPlaceholder).map((i) => i.code).sort()).toEqual(['4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3']);
    expect(items.filter((i) => !i.isPlaceholder).every((i) => i.hazardLevel === 'major')).toBe(true);
    const placeholders = items.filter((i) => i.isPlaceholder);
    expect(placeholders.length).toBeGreaterThan(0);
    for (const p of placeholders) expect(p.checkText).toMatch(/待/);
  });

  it('publishes newer shipped content as a new version while the template is untouched, never over an admin version', async () => {
    const code = 'life-passage';
    const shipped = REFERENCE_CHECKLISTS.find((c) => c.code === code)!;
    const newer = { ...shipped, items: [...shipped.items, { ...shipped.items[0]!, code: 'LP-99', checkText: '新增的参考检查项' }] };
    const r1 = await seedReferenceData(ctx.db, [newer]);
    expect(r1.updatedTemplates).toEqual([code]);
    expect((await versionsOf(code)).map((v) => v.version)).toEqual([1, 2]);
    // the admin publishes their own version; later shipped content no longer replaces it
    const { client: admin } = await clientFor(ctx, 'county_admin');
    const [tpl] = await ctx.db.select().from(checklistTemplate).where(eq(checklistTemplate.code, code));
    const cur = await ctx.db.select().from(checklistItem).where(and(eq(checklistItem.versionId, (await versionsOf(code))[1]!.id))).orderBy(asc(checklistItem.sortOrder));
    const items = cur.slice(0, -1).map(({ code, category, hazardCategory, checkText, checkPoints, legalBasis, hazardLevel, isPlaceholder }) => ({ code, category, hazardCategory, checkText, checkPoints, legalBasis, hazardLevel, isPlaceholder }));
    const pub = await admin.post(`/api/checklists/${tpl!.id}/versions`, { changeNote: '县局修订', items });
    expect(pub.statusCode).toBe(201);
    const r2 = await seedReferenceData(ctx.db, [{ ...newer, items: [...newer.items, { ...shipped.items[0]!, code: 'LP-98', checkText: '再新增' }] }]);
    expect(r2.updatedTemplates).toEqual([]);
    expect((await versionsOf(code)).map((v) => v.version)).toEqual([1, 2, 3]);
  });
});
