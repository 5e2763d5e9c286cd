import { asc, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../client.ts';
import { checklistItem, checklistTemplate, checklistVersion, county, office, quizQuestion, township } from '../schema/index.ts';
import type { ReferenceChecklist } from '../reference/types.ts';
import { insertChecklistVersion } from '../checklist-versions.ts';
import { DEHUA_COUNTY, DEHUA_OFFICES, DEHUA_TOWNSHIPS } from '../reference/dehua.ts';
import { REFERENCE_CHECKLISTS } from '../reference/checklists.ts';
import { REFERENCE_QUIZ_QUESTIONS, type ReferenceQuizQuestion } from '../reference/quiz-questions.ts';

export interface ReferenceSeedResult {
  countyId: string;
  createdTemplates: string[];
  /** shipped templates whose newer content was published as a new version */
  updatedTemplates: string[];
  /** codes of the built-in quiz questions inserted by this run (missing codes only) */
  createdQuestions: string[];
}

const itemKey = (it: { code: string; category: string; hazardCategory: string; checkText: string; checkPoints: string; legalBasis: string; hazardLevel: string; isPlaceholder?: boolean | undefined }) =>
  JSON.stringify([it.code, it.category, it.hazardCategory, it.checkText, it.checkPoints, it.legalBasis, it.hazardLevel, it.isPlaceholder ?? false]);

/**
 * A release may ship better reference content (e.g. the missing situations of the major-hazard
 * criteria once the official text is obtained). It is published as a new version only while the
 * template's current version is still shipped content (no author); once the county admin has
 * published their own version, the bureau owns the template and nothing is overwritten.
 * @returns true when a new version was published
 */
async function refreshShippedChecklist(tx: DbOrTx, ref: ReferenceChecklist): Promise<boolean> {
  const [current] = await tx
    .select({ id: checklistVersion.id, version: checklistVersion.version, createdById: checklistVersion.createdById, templateId: checklistVersion.templateId })
    .from(checklistVersion)
    .innerJoin(checklistTemplate, eq(checklistTemplate.id, checklistVersion.templateId))
    .where(eq(checklistTemplate.code, ref.code))
    .orderBy(desc(checklistVersion.version))
    .limit(1);
  if (!current || current.createdById !== null) return false;
  const items = await tx.select().from(checklistItem).where(eq(checklistItem.versionId, current.id)).orderBy(asc(checklistItem.sortOrder));
  if (items.map(itemKey).join('\n') === ref.items.map(itemKey).join('\n')) return false;
  await insertChecklistVersion(tx, { templateId: current.templateId, version: current.version + 1, changeNote: '系统内置参考内容更新' }, ref.items);
  return true;
}

/**
 * Loads the reference data every install needs, idempotently (safe at every start):
 * the county 德化县 with its bureau sections and 18 townships (dehua.ts), and the shipped checklist
 * templates (checklists.ts) as version 1 when a template code does not exist yet. Existing rows are
 * never overwritten, so the county admin's edits survive restarts; newer shipped checklist content
 * becomes a new version only while nobody has published their own (see refreshShippedChecklist).
 * The built-in knowledge-quiz questions (quiz-questions.ts) are inserted with `isBuiltIn = true`
 * when their code is missing; an existing code is never touched, so a question the bureau edited
 * (or deactivated) stays as the bureau left it.
 * @param checklists the shipped templates (tests pass their own)
 * @param questions the shipped quiz questions (tests pass their own)
 */
export async function seedReferenceData(
  db: Db,
  checklists: readonly ReferenceChecklist[] = REFERENCE_CHECKLISTS,
  questions: readonly ReferenceQuizQuestion[] = REFERENCE_QUIZ_QUESTIONS,
): Promise<ReferenceSeedResult> {
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
    const updatedTemplates: string[] = [];
    for (const ref of checklists) {
      const [tpl] = await tx
        .insert(checklistTemplate)
        .values({ code: ref.code, name: ref.name, description: ref.description, institutionTypes: ref.institutionTypes, sourceNote: ref.sourceNote })
        .onConflictDoNothing()
        .returning();
      if (!tpl) {
        if (await refreshShippedChecklist(tx, ref)) updatedTemplates.push(ref.code);
        continue;
      }
      await insertChecklistVersion(tx, { templateId: tpl.id, version: 1, changeNote: '系统内置参考版本' }, ref.items);

      createdTemplates.push(ref.code);
    }
    const createdQuestions = questions.length
      ? (
          await tx
            .insert(quizQuestion)
            .values(questions.map((q) => ({ code: q.code, kind: q.kind, stem: q.stem, options: q.options, answer: [...q.answer].sort(), explanation: q.explanation, tags: q.tags, source: q.source, isBuiltIn: true })))
            .onConflictDoNothing({ target: quizQuestion.code })
            .returning({ code: quizQuestion.code })
        ).map((r) => r.code)
      : [];
    return { countyId, createdTemplates, updatedTemplates, createdQuestions };
  });
}
