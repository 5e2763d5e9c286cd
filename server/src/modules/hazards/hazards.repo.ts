import { and, asc, count, desc, eq, gte, ilike, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { appUser, checklistItem, drill, drillFinding, hazard, hazardEvent, institution, township, type DbOrTx } from '@lifeline/db';
import { endOfLocalDay, startOfLocalDay, type HazardFilter } from '@lifeline/shared';
import { scoped, type Actor } from '../../policies/index.ts';
import { escapeLike } from '../../lib/sql.ts';

/** Drizzle queries of hazards; every query carries the actor's scope filter. */

const SCOPE = { township: hazard.townshipId, institution: hazard.institutionId };

/** The WHERE of the ledger for a filter, inside the actor's scope. */
export function ledgerWhere(actor: Actor, f: Partial<HazardFilter>, now: Date): SQL | undefined {
  const conds: (SQL | undefined)[] = [
    f.townshipId ? eq(hazard.townshipId, f.townshipId) : undefined,
    f.institutionId ? eq(hazard.institutionId, f.institutionId) : undefined,
    f.institutionType ? eq(institution.type, f.institutionType) : undefined,
    f.level ? eq(hazard.level, f.level) : undefined,
    f.status ? eq(hazard.status, f.status) : undefined,
    f.open === true ? ne(hazard.status, 'closed') : f.open === false ? eq(hazard.status, 'closed') : undefined,
    f.category ? eq(hazard.category, f.category) : undefined,
    f.source ? eq(hazard.source, f.source) : undefined,
    f.overdue === true ? and(ne(hazard.status, 'closed'), lt(hazard.deadline, now)) : undefined,
    f.overdue === false ? or(eq(hazard.status, 'closed'), gte(hazard.deadline, now)) : undefined,
    f.from ? gte(hazard.foundAt, startOfLocalDay(f.from)) : undefined,
    f.to ? lte(hazard.foundAt, endOfLocalDay(f.to)) : undefined,
    f.closedFrom ? gte(hazard.closedAt, startOfLocalDay(f.closedFrom)) : undefined,
    f.closedTo ? lte(hazard.closedAt, endOfLocalDay(f.closedTo)) : undefined,
    f.q ? or(ilike(hazard.title, `%${escapeLike(f.q)}%`), ilike(hazard.code, `%${escapeLike(f.q)}%`), ilike(institution.name, `%${escapeLike(f.q)}%`), ilike(hazard.location, `%${escapeLike(f.q)}%`)) : undefined,
  ];
  return scoped(actor, SCOPE, ...conds);
}


const SORT_COLUMNS = {
  foundAt: hazard.foundAt,
  deadline: hazard.deadline,
  code: hazard.code,
  level: hazard.level,
  status: sql`array_position(array['pending','rectifying','awaiting_verification','closed'], ${hazard.status})`,
} as const;

export const ledgerColumns = {
  h: hazard,
  institutionName: institution.name,
  institutionType: institution.type,
  townshipName: township.name,
};

export type LedgerRow = { h: typeof hazard.$inferSelect; institutionName: string; institutionType: typeof institution.$inferSelect.type; townshipName: string };

/** One page of the ledger (or every row when `limit` is undefined, for exports). */
export async function findLedger(
  db: DbOrTx,
  actor: Actor,
  f: Partial<HazardFilter>,
  now: Date,
  page?: { limit: number; offset: number },
): Promise<{ rows: LedgerRow[]; total: number }> {
  const where = ledgerWhere(actor, f, now);
  const sortCol = SORT_COLUMNS[f.sort ?? 'foundAt'];
  const dir = f.order === 'asc' ? asc : desc;
  const base = db
    .select(ledgerColumns)
    .from(hazard)
    .innerJoin(institution, eq(institution.id, hazard.institutionId))
    .innerJoin(township, eq(township.id, hazard.townshipId))
    .where(where)
    .orderBy(dir(sortCol), desc(hazard.code));
  const rows = page ? await base.limit(page.limit).offset(page.offset) : await base;
  const [{ n } = { n: 0 }] = page
    ? await db
        .select({ n: count() })
        .from(hazard)
        .innerJoin(institution, eq(institution.id, hazard.institutionId))
        .where(where)
    : [{ n: rows.length }];
  return { rows, total: Number(n) };
}

/** A hazard with names, if it exists and is in scope. */
export async function findHazardInScope(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({
      ...ledgerColumns,
      reportedByName: appUser.displayName,
      item: { code: checklistItem.code, checkText: checklistItem.checkText, legalBasis: checklistItem.legalBasis },
    })
    .from(hazard)
    .innerJoin(institution, eq(institution.id, hazard.institutionId))
    .innerJoin(township, eq(township.id, hazard.townshipId))
    .innerJoin(appUser, eq(appUser.id, hazard.reportedById))
    .leftJoin(checklistItem, eq(checklistItem.id, hazard.checklistItemId))
    .where(scoped(actor, SCOPE, eq(hazard.id, id)));
  return row;
}

/** Locks a hazard row for a step (inside a transaction), scope-filtered. */
export async function lockHazard(tx: DbOrTx, actor: Actor, id: string) {
  const [row] = await tx.select().from(hazard).where(scoped(actor, SCOPE, eq(hazard.id, id))).for('update');
  return row;
}

/** A hazard's events, oldest first, with the actor's name and role. */
export async function findEvents(db: DbOrTx, hazardId: string) {
  return db
    .select({ e: hazardEvent, actorName: appUser.displayName, actorRole: appUser.role })
    .from(hazardEvent)
    .innerJoin(appUser, eq(appUser.id, hazardEvent.actorId))
    .where(eq(hazardEvent.hazardId, hazardId))
    .orderBy(asc(hazardEvent.at), asc(hazardEvent.id));
}

/** Next human hazard code, e.g. `YH2026-000123` for a hazard found in local year 2026. */
export async function nextHazardCode(tx: DbOrTx, localYear: number): Promise<string> {
  const res = (await tx.execute(sql`select nextval('hazard_no_seq') as n`)) as unknown as { rows: { n: string | number }[] };
  const n = Number(res.rows[0]!.n);
  return `YH${localYear}-${String(n).padStart(6, '0')}`;
}

/**
 * The drill whose finding registered a hazard (来自演练), if any. The drill belongs to the hazard's
 * institution, so it is in scope whenever the hazard is.
 */
export async function findDrillOfHazard(db: DbOrTx, hazardId: string): Promise<{ id: string; title: string; heldAt: Date | null } | undefined> {
  const [row] = await db
    .select({ id: drill.id, title: drill.title, heldAt: drill.heldAt })
    .from(drillFinding)
    .innerJoin(drill, eq(drill.id, drillFinding.drillId))
    .where(eq(drillFinding.hazardId, hazardId))
    .limit(1);
  return row;
}
