import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { checklistTemplate, county, office, township } from '../schema/index.ts';
import { insertChecklistVersion } from '../checklist-versions.ts';
import { DEHUA_COUNTY, DEHUA_OFFICES, DEHUA_TOWNSHIPS } from '../reference/dehua.ts';
import { REFERENCE_CHECKLISTS } from '../reference/checklists.ts';

export interface ReferenceSeedResult {
  countyId: string;
  createdTemplates: string[];
}

/**
 * Loads the reference data every install needs, idempotently (safe at every start):
 * the county 德化县 with its bureau sections and 18 townships (dehua.ts), and the shipped checklist
 * templates (checklists.ts) as version 1 when a template code does not exist yet. Existing rows are
 * never overwritten, so the county admin's edits survive restarts.
 */
export async function seedReferenceData(db: Db): Promise<ReferenceSeedResult> {
  return db.transaction(async (tx) => {
    await tx.insert(county).values({ ...DEHUA_COUNTY }).onConflictDoNothing();
    const [c] = await tx.select().from(county).where(eq(county.code, DEHUA_COUNTY.code));
    const countyId = c!.id;
    await tx
      .insert(office)
      .values(DEHUA_OFFICES.map((name, i) => ({ countyId, name, sortOrder: i })))
      .onConflictDoNothing();
    await tx
      .insert(township)
      .values(DEHUA_TOWNSHIPS.map((t, i) => ({ countyId, code: t.code, name: t.name, kind: t.kind, sortOrder: i })))
      .onConflictDoNothing();

    const createdTemplates: string[] = [];
    for (const ref of REFERENCE_CHECKLISTS) {
      const [tpl] = await tx
        .insert(checklistTemplate)
        .values({ code: ref.code, name: ref.name, description: ref.description, institutionTypes: ref.institutionTypes, sourceNote: ref.sourceNote })
        .onConflictDoNothing()
        .returning();
      if (!tpl) continue;
      await insertChecklistVersion(tx, { templateId: tpl.id, version: 1, changeNote: '系统内置参考版本' }, ref.items);

      createdTemplates.push(ref.code);
    }
    return { countyId, createdTemplates };
  });
}
