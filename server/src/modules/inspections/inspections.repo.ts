import { and, count, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { appUser, checklistItem, checklistTemplate, checklistVersion, hazard, inspection, inspectionResult, institution, township, type DbOrTx } from '@lifeline/db';
import { endOfLocalDay, startOfLocalDay } from '@lifeline/shared';
import { scoped, type Actor } from '../../policies/index.ts';

/** Drizzle queries of inspections; every query carries the actor's scope filter. */

const SCOPE = { township: inspection.townshipId, institution: inspection.institutionId };

export interface InspectionFilter {
  townshipId?: string | undefined;
  institutionId?: string | undefined;
  kind?: 'county' | 'township' | 'self' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const counts = (db: DbOrTx) =>
  db
    .select({
      inspectionId: inspectionResult.inspectionId,
      pass: sql<number>`count(*) filter (where ${inspectionResult.result} = 'pass')`.as('pass'),
      fail: sql<number>`count(*) filter (where ${inspectionResult.result} = 'fail')`.as('fail'),
      na: sql<number>`count(*) filter (where ${inspectionResult.result} = 'na')`.as('na'),
    })
    .from(inspectionResult)
    .groupBy(inspectionResult.inspectionId)
    .as('rc');

const hazardCounts = (db: DbOrTx) =>
  db.select({ inspectionId: hazard.inspectionId, n: count().as('hn') }).from(hazard).groupBy(hazard.inspectionId).as('hc');

/** Selects inspections with names and result counts. */
function selectSummaries(db: DbOrTx) {
  const rc = counts(db);
  const hc = hazardCounts(db);
  return db
    .select({
      i: inspection,
      institutionName: institution.name,
      townshipName: township.name,
      checklistName: checklistTemplate.name,
      checklistVersion: checklistVersion.version,
      createdByName: appUser.displayName,
      pass: rc.pass,
      fail: rc.fail,
      na: rc.na,
      hazards: hc.n,
    })
    .from(inspection)
    .innerJoin(institution, eq(institution.id, inspection.institutionId))
    .innerJoin(township, eq(township.id, inspection.townshipId))
    .innerJoin(checklistVersion, eq(checklistVersion.id, inspection.checklistVersionId))
    .innerJoin(checklistTemplate, eq(checklistTemplate.id, checklistVersion.templateId))
    .innerJoin(appUser, eq(appUser.id, inspection.createdById))
    .leftJoin(rc, eq(rc.inspectionId, inspection.id))
    .leftJoin(hc, eq(hc.inspectionId, inspection.id));
}

export type InspectionSummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['execute']>>[number];

function where(actor: Actor, f: InspectionFilter) {
  return scoped(
    actor,
    SCOPE,
    f.townshipId ? eq(inspection.townshipId, f.townshipId) : undefined,
    f.institutionId ? eq(inspection.institutionId, f.institutionId) : undefined,
    f.kind ? eq(inspection.kind, f.kind) : undefined,
    f.from ? gte(inspection.inspectedAt, startOfLocalDay(f.from)) : undefined,
    f.to ? lte(inspection.inspectedAt, endOfLocalDay(f.to)) : undefined,
  );
}

/** A page of inspections in scope, newest first. */
export async function findInspections(db: DbOrTx, actor: Actor, f: InspectionFilter, page: { limit: number; offset: number }) {
  const w = where(actor, f);
  const rows = await selectSummaries(db).where(w).orderBy(desc(inspection.inspectedAt), desc(inspection.createdAt)).limit(page.limit).offset(page.offset);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(inspection).where(w);
  return { rows, total: Number(n) };
}

/** One inspection in scope with names and counts. */
export async function findInspectionInScope(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await selectSummaries(db).where(scoped(actor, SCOPE, eq(inspection.id, id)));
  return row;
}

/** The results of an inspection with their items and the hazards they produced. */
export async function findResults(db: DbOrTx, inspectionId: string) {
  return db
    .select({
      r: inspectionResult,
      item: checklistItem,
      hazardId: hazard.id,
      hazardCode: hazard.code,
    })
    .from(inspectionResult)
    .innerJoin(checklistItem, eq(checklistItem.id, inspectionResult.checklistItemId))
    .leftJoin(hazard, eq(hazard.inspectionResultId, inspectionResult.id))
    .where(and(eq(inspectionResult.inspectionId, inspectionId)))
    .orderBy(checklistItem.sortOrder);
}
