import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { appUser, checklistItem, checklistTemplate, checklistVersion, insertChecklistVersion, type DbOrTx } from '@lifeline/db';
import type { ChecklistItemValues, InstitutionType } from '@lifeline/shared';

/**
 * Drizzle queries of checklist templates, versions and items. Checklists are county-wide
 * reference data (no township / institution columns), so there is no scope filter; who may see
 * inactive templates is decided by the service.
 */

export type TemplateRow = typeof checklistTemplate.$inferSelect;
export type VersionRow = typeof checklistVersion.$inferSelect;
export type ItemRow = typeof checklistItem.$inferSelect;

/** Checkable (non-placeholder) items of the version in the current row, as a correlated count. */
const itemCountOf = (versionId: SQL | typeof checklistVersion.id) =>
  sql<number>`(select count(*) from ${checklistItem} where ${checklistItem.versionId} = ${versionId} and not ${checklistItem.isPlaceholder})`.mapWith(Number);
/** Placeholder items of the version in the current row, as a correlated count. */
const placeholderCountOf = (versionId: SQL | typeof checklistVersion.id) =>
  sql<number>`(select count(*) from ${checklistItem} where ${checklistItem.versionId} = ${versionId} and ${checklistItem.isPlaceholder})`.mapWith(Number);
/** The highest version number of the template in the current row. */
const maxVersionOf = (templateId: typeof checklistVersion.templateId | typeof checklistTemplate.id) =>
  sql<number>`(select max(v2.version) from ${checklistVersion} v2 where v2.template_id = ${templateId})`.mapWith(Number);

/** A template with its current (highest) version and that version's item counts. */
export interface TemplateListRow {
  t: TemplateRow;
  versionId: string;
  version: number;
  itemCount: number;
  placeholderCount: number;
}

/**
 * Templates with their current version, filtered.
 * @param f `institutionType`: templates whose institutionTypes is empty or contains it;
 *   `active`: only (in)active templates; `id`: one template
 * @returns rows ordered by creation, then code
 */
export async function findTemplates(db: DbOrTx, f: { institutionType?: InstitutionType | undefined; active?: boolean | undefined; id?: string }): Promise<TemplateListRow[]> {
  const cur = db
    .selectDistinctOn([checklistVersion.templateId], { templateId: checklistVersion.templateId, id: checklistVersion.id, version: checklistVersion.version })
    .from(checklistVersion)
    .orderBy(checklistVersion.templateId, desc(checklistVersion.version))
    .as('cur');
  const rows = await db
    .select({
      t: checklistTemplate,
      versionId: cur.id,
      version: cur.version,
      itemCount: itemCountOf(sql`${cur.id}`),
      placeholderCount: placeholderCountOf(sql`${cur.id}`),
    })
    .from(checklistTemplate)
    .innerJoin(cur, eq(cur.templateId, checklistTemplate.id))
    .where(
      and(
        f.id ? eq(checklistTemplate.id, f.id) : undefined,
        f.active === undefined ? undefined : eq(checklistTemplate.isActive, f.active),
        f.institutionType
          ? sql`(jsonb_array_length(${checklistTemplate.institutionTypes}) = 0 or ${checklistTemplate.institutionTypes} @> ${JSON.stringify([f.institutionType])}::jsonb)`
          : undefined,
      ),
    )
    .orderBy(asc(checklistTemplate.createdAt), asc(checklistTemplate.code));
  return rows;
}

/** One template row, or undefined. */
export async function findTemplate(db: DbOrTx, id: string): Promise<TemplateRow | undefined> {
  const [row] = await db.select().from(checklistTemplate).where(eq(checklistTemplate.id, id));
  return row;
}

/** One template row by its code, or undefined. */
export async function findTemplateByCode(db: DbOrTx, code: string): Promise<TemplateRow | undefined> {
  const [row] = await db.select().from(checklistTemplate).where(eq(checklistTemplate.code, code));
  return row;
}

/**
 * Locks a template row until the transaction ends (SELECT … FOR UPDATE): publishers of the same
 * template queue here, so each reads the max version only after the previous one committed.
 */
export async function lockTemplate(tx: DbOrTx, id: string): Promise<TemplateRow | undefined> {
  const [row] = await tx.select().from(checklistTemplate).where(eq(checklistTemplate.id, id)).for('update');
  return row;
}

/** A version with names and counts, as the version history and version views need it. */
export interface VersionListRow {
  v: VersionRow;
  createdByName: string | null;
  itemCount: number;
  placeholderCount: number;
  maxVersion: number;
}

const versionColumns = {
  v: checklistVersion,
  createdByName: appUser.displayName,
  itemCount: itemCountOf(checklistVersion.id),
  placeholderCount: placeholderCountOf(checklistVersion.id),
  maxVersion: maxVersionOf(checklistVersion.templateId),
};

/** Every version of a template, newest first. */
export async function findVersions(db: DbOrTx, templateId: string): Promise<VersionListRow[]> {
  return db
    .select(versionColumns)
    .from(checklistVersion)
    .leftJoin(appUser, eq(appUser.id, checklistVersion.createdById))
    .where(eq(checklistVersion.templateId, templateId))
    .orderBy(desc(checklistVersion.version));
}

/**
 * One version by id, or by template + number, or the template's current one, with names and counts.
 * @returns undefined when no such version exists
 */
export async function findVersion(
  db: DbOrTx,
  by: { versionId: string } | { templateId: string; version: number } | { templateId: string; current: true },
): Promise<VersionListRow | undefined> {
  const where =
    'versionId' in by
      ? eq(checklistVersion.id, by.versionId)
      : 'version' in by
        ? and(eq(checklistVersion.templateId, by.templateId), eq(checklistVersion.version, by.version))
        : eq(checklistVersion.templateId, by.templateId);
  const [row] = await db
    .select(versionColumns)
    .from(checklistVersion)
    .leftJoin(appUser, eq(appUser.id, checklistVersion.createdById))
    .where(where)
    .orderBy(desc(checklistVersion.version))
    .limit(1);
  return row;
}

/** A version's items in display order (sortOrder, then code). */
export async function findItems(db: DbOrTx, versionId: string, opts: { withPlaceholders: boolean } = { withPlaceholders: true }): Promise<ItemRow[]> {
  return db
    .select()
    .from(checklistItem)
    .where(and(eq(checklistItem.versionId, versionId), opts.withPlaceholders ? undefined : eq(checklistItem.isPlaceholder, false)))
    .orderBy(asc(checklistItem.sortOrder), asc(checklistItem.code));
}

/** Inserts a template row. A taken code fails with the unique constraint `checklist_template_code_uq`. */
export async function insertTemplate(tx: DbOrTx, values: typeof checklistTemplate.$inferInsert): Promise<TemplateRow> {
  const [row] = await tx.insert(checklistTemplate).values(values).returning();
  return row!;
}

/** Updates a template's metadata. */
export async function updateTemplateRow(tx: DbOrTx, id: string, changes: Partial<typeof checklistTemplate.$inferInsert>): Promise<TemplateRow> {
  const [row] = await tx.update(checklistTemplate).set(changes).where(eq(checklistTemplate.id, id)).returning();
  return row!;
}

/**
 * Inserts a version and its items (sortOrder = position in `items`). A version number already
 * taken fails with the unique constraint `checklist_version_template_version_uq`.
 */
export async function insertVersion(
  tx: DbOrTx,
  v: { templateId: string; version: number; changeNote: string; createdById: string | null; createdAt: Date },
  items: readonly ChecklistItemValues[],
): Promise<VersionRow> {
  return insertChecklistVersion(tx, v, items);
}
