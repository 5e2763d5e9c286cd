import { asc, count, eq, sql } from 'drizzle-orm';
import { county, institution, office, township, type Db } from '@lifeline/db';
import type { z } from 'zod';
import type { OrgTreeSchema } from '@lifeline/shared';
import { canSeeTownship, type Actor } from '../../policies/index.ts';

/**
 * The county, its bureau sections and the townships the actor may see, each with the number of
 * operating institutions (in the actor's scope). A township officer sees only their own township;
 * an institution officer sees the township of their institution.
 */
export async function getOrgTree(db: Db, actor: Actor): Promise<z.infer<typeof OrgTreeSchema>> {
  const [c] = await db.select().from(county).where(eq(county.id, actor.countyId));
  const offices = await db.select({ id: office.id, name: office.name }).from(office).where(eq(office.countyId, actor.countyId)).orderBy(asc(office.sortOrder));
  const instCount = db
    .select({ townshipId: institution.townshipId, n: count().as('n') })
    .from(institution)
    .where(actor.role === 'institution_officer' ? eq(institution.id, actor.institutionId!) : sql`${institution.status} <> 'closed'`)
    .groupBy(institution.townshipId)
    .as('ic');
  const rows = await db
    .select({ id: township.id, code: township.code, name: township.name, kind: township.kind, n: instCount.n })
    .from(township)
    .leftJoin(instCount, eq(instCount.townshipId, township.id))
    .where(eq(township.countyId, actor.countyId))
    .orderBy(asc(township.sortOrder));
  const visible = rows.filter((t) => canSeeTownship(actor, t.id) || (actor.role === 'institution_officer' && t.id === actor.townshipId));
  return {
    county: { id: c!.id, code: c!.code, name: c!.name, bureauName: c!.bureauName },
    offices,
    townships: visible.map((t) => ({ id: t.id, code: t.code, name: t.name, kind: t.kind, institutionCount: Number(t.n ?? 0) })),
  };
}
