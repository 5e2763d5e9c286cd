import type { ChecklistItemValues } from '@lifeline/shared';
import type { DbOrTx } from './client.ts';
import { checklistItem, checklistVersion } from './schema/index.ts';

/**
 * Writes one immutable checklist version with its items (in list order → `sort_order`). Used by the
 * reference seed (version 1 of each shipped template) and by publishing a new version.
 * @param v the version row (template, number, note, author, time)
 * @param items the full item list of that version
 * @returns the new version row
 * @throws the unique violation `checklist_version_template_version_uq` when that number exists
 */
export async function insertChecklistVersion(
  tx: DbOrTx,
  v: { templateId: string; version: number; changeNote: string; createdById?: string | null; createdAt?: Date },
  items: readonly (Omit<ChecklistItemValues, 'isPlaceholder'> & { isPlaceholder?: boolean | undefined })[],
) {
  const [row] = await tx.insert(checklistVersion).values(v).returning();
  await tx.insert(checklistItem).values(
    items.map((it, i) => ({
      versionId: row!.id,
      code: it.code,
      category: it.category,
      hazardCategory: it.hazardCategory,
      checkText: it.checkText,
      checkPoints: it.checkPoints,
      legalBasis: it.legalBasis,
      hazardLevel: it.hazardLevel,
      isPlaceholder: it.isPlaceholder ?? false,
      sortOrder: i,
    })),
  );
  return row!;
}
