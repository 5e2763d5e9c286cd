import { and, asc, count, eq, ilike, ne, or, sql, type SQL } from 'drizzle-orm';
import { appUser, hazard, inspection, institution, township, type DbOrTx } from '@lifeline/db';
import type { InstitutionFilter } from '@lifeline/shared';
import { scoped, type Actor } from '../../policies/index.ts';
import { escapeLike } from '../../lib/sql.ts';

/**
 * Drizzle queries of institutions (民政服务机构). Every query that returns institutions to an actor
 * carries the policy's scope filter: county roles see the county, a township officer their
 * township, an institution officer their own institution.
 */

/** The institution table's columns for the scope filter. */
const SCOPE = { township: institution.townshipId, institution: institution.id };

/** An institution row. */
export type InstitutionRow = typeof institution.$inferSelect;
/** Values to insert an institution. */
export type InstitutionInsert = typeof institution.$inferInsert;

/** An institution with its township's name and its number of open hazards. */
export interface InstitutionListRow {
  i: InstitutionRow;
  townshipName: string;
  openHazards: number;
}

/**
 * Escapes LIKE wildcards (`%`, `_`) and the escape character itself so a search term matches
 * literally (PostgreSQL's default LIKE escape is the backslash).
 */

/** The WHERE of the list / export for a filter, inside the actor's scope (and county). */
export function institutionWhere(actor: Actor, f: Partial<InstitutionFilter>): SQL | undefined {
  const q = f.q ? `%${escapeLike(f.q)}%` : undefined;
  return scoped(
    actor,
    SCOPE,
    eq(township.countyId, actor.countyId),
    f.townshipId ? eq(institution.townshipId, f.townshipId) : undefined,
    f.type ? eq(institution.type, f.type) : undefined,
    f.status ? eq(institution.status, f.status) : undefined,
    q ? or(ilike(institution.name, q), ilike(institution.address, q)) : undefined,
  );
}

/**
 * Institutions in the actor's scope matching the filter, ordered by township (county order) then
 * name, with the number of hazards not yet closed. Without `page`, every match (exports, pickers).
 * @returns the rows and the total number of matches
 */
export async function findInstitutions(
  db: DbOrTx,
  actor: Actor,
  f: Partial<InstitutionFilter>,
  page?: { limit: number; offset: number },
): Promise<{ rows: InstitutionListRow[]; total: number }> {
  const where = institutionWhere(actor, f);
  const open = db
    .select({ institutionId: hazard.institutionId, n: count().as('n') })
    .from(hazard)
    .where(ne(hazard.status, 'closed'))
    .groupBy(hazard.institutionId)
    .as('open_hazards');
  const base = db
    .select({ i: institution, townshipName: township.name, openHazards: open.n })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .leftJoin(open, eq(open.institutionId, institution.id))
    .where(where)
    .orderBy(asc(township.sortOrder), asc(institution.name), asc(institution.id));
  const raw = page ? await base.limit(page.limit).offset(page.offset) : await base;
  const rows = raw.map((r) => ({ ...r, openHazards: Number(r.openHazards ?? 0) }));
  if (!page) return { rows, total: rows.length };
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(where);
  return { rows, total: Number(n) };
}

/** One institution with names and open-hazard count, if it exists and is in the actor's scope. */
export async function findInstitutionInScope(db: DbOrTx, actor: Actor, id: string): Promise<InstitutionListRow | undefined> {
  const [row] = await db
    .select({
      i: institution,
      townshipName: township.name,
      openHazards: sql<number>`(select count(*) from ${hazard} where ${hazard.institutionId} = ${institution.id} and ${hazard.status} <> 'closed')`.mapWith(Number),
    })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(scoped(actor, SCOPE, eq(township.countyId, actor.countyId), eq(institution.id, id)));
  return row;
}

/** Locks an institution row for an update (inside a transaction), scope-filtered. */
export async function lockInstitutionInScope(tx: DbOrTx, actor: Actor, id: string): Promise<InstitutionRow | undefined> {
  const [row] = await tx.select().from(institution).where(scoped(actor, SCOPE, eq(institution.id, id))).for('update');
  return row;
}

/** A township of the actor's county, by id. */
export async function findTownship(db: DbOrTx, countyId: string, id: string) {
  const [row] = await db.select().from(township).where(and(eq(township.countyId, countyId), eq(township.id, id)));
  return row;
}

/** The townships of a county, in county order. */
export async function findTownships(db: DbOrTx, countyId: string) {
  return db.select({ id: township.id, name: township.name }).from(township).where(eq(township.countyId, countyId)).orderBy(asc(township.sortOrder));
}

/**
 * Institutions that would collide with a record: same name in the township, or same credit code
 * (anywhere — the code is unique county-wide). Not scope-filtered: uniqueness holds across scopes;
 * callers must not reveal an out-of-scope holder's details.
 * @param excludeId the record itself, on an update
 */
export async function findCollisions(db: DbOrTx, rec: { townshipId: string; name: string; creditCode: string | null }, excludeId?: string) {
  return db
    .select({ id: institution.id, townshipId: institution.townshipId, name: institution.name, creditCode: institution.creditCode })
    .from(institution)
    .where(
      and(
        or(
          and(eq(institution.townshipId, rec.townshipId), eq(institution.name, rec.name)),
          rec.creditCode ? eq(institution.creditCode, rec.creditCode) : undefined,
        ),
        excludeId ? ne(institution.id, excludeId) : undefined,
      ),
    );
}

/** Inserts one institution. */
export async function insertInstitution(tx: DbOrTx, values: InstitutionInsert): Promise<InstitutionRow> {
  const [row] = await tx.insert(institution).values(values).returning();
  return row!;
}

/** Rows per INSERT statement of a batch (15 columns each, far below PostgreSQL's 65535 parameters). */
const INSERT_BATCH = 250;

/** Inserts many institutions in batches; returns the new rows in input order. */
export async function insertInstitutions(tx: DbOrTx, values: InstitutionInsert[]): Promise<InstitutionRow[]> {
  const out: InstitutionRow[] = [];
  for (let i = 0; i < values.length; i += INSERT_BATCH) {
    out.push(...(await tx.insert(institution).values(values.slice(i, i + INSERT_BATCH)).returning()));
  }
  return out;
}

/** Updates one institution's fields; returns the new row. */
export async function updateInstitutionRow(tx: DbOrTx, id: string, changes: Partial<InstitutionInsert>): Promise<InstitutionRow> {
  const [row] = await tx.update(institution).set(changes).where(eq(institution.id, id)).returning();
  return row!;
}

/**
 * After an institution moves to another township, moves the records whose township is denormalised
 * from it for scope filters: its hazards, its inspections and the accounts of its institution
 * officers. Any new table with a denormalised `township_id` of an institution belongs here too.
 */
export async function moveInstitutionRecords(tx: DbOrTx, institutionId: string, townshipId: string): Promise<void> {
  await tx.update(hazard).set({ townshipId }).where(eq(hazard.institutionId, institutionId));
  await tx.update(inspection).set({ townshipId }).where(eq(inspection.institutionId, institutionId));
  await tx.update(appUser).set({ townshipId }).where(and(eq(appUser.institutionId, institutionId), eq(appUser.role, 'institution_officer')));
}

/**
 * Every institution of the county (one query), for a roster import: matching rows by township +
 * name and checking credit codes county-wide.
 */
export async function findAllInstitutions(db: DbOrTx, countyId: string): Promise<InstitutionRow[]> {
  const rows = await db
    .select({ i: institution })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(eq(township.countyId, countyId));
  return rows.map((r) => r.i);
}
