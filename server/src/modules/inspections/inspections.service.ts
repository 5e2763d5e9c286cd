import { eq } from 'drizzle-orm';
import { checklistItem, checklistTemplate, checklistVersion, inspection, inspectionResult, institution, type DbOrTx } from '@lifeline/db';
import {
  dayjs,
  LOCAL_TZ,
  localDate,
  t,
  type FieldIssue,
  type HazardCategory,
  type InspectionCreate,
  type InspectionDetail,
  type InspectionSummary,
  HAZARD_CATEGORIES,
  findingTitle,
} from '@lifeline/shared';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { allowedInspectionKinds, canActOnInstitution, requirePermission, type Actor } from '../../policies/index.ts';
import { registerHazard } from '../hazards/hazards.service.ts';
import { getSetting } from '../settings/settings.service.ts';
import { attachmentIdsFor, bindAttachments } from '../uploads/uploads.service.ts';
import { findInspectionInScope, findInspections, findResults, type InspectionFilter, type InspectionSummaryRow } from './inspections.repo.ts';

/** How far back an inspection may be entered (late entry of paper records), in days. */
export const INSPECTION_MAX_AGE_DAYS = 3 * 366;

type CreateInput = Required<Pick<InspectionCreate, 'kind' | 'institutionId' | 'checklistVersionId' | 'inspectedOn'>> & {
  inspectors: string;
  summary: string;
  results: { itemId: string; result: 'pass' | 'fail' | 'na'; note: string; photoIds: string[]; location: string; deadline?: string | undefined }[];
};

/**
 * Records an inspection (排查): a county or township inspection, or an institution's self-inspection
 * (自查), against one checklist version. Every non-placeholder item must have a result. Every failed
 * item becomes a hazard in the same transaction — major when its item says so (then under 挂牌督办)
 * — with the item's category, the inspector's note, location and photos, and a deadline (the given
 * date, else today + the default period of setting `hazard.defaultDeadlineDays`).
 * @param now the current instant (the inspection date may not be after today, Asia/Shanghai)
 * @throws AppError FORBIDDEN (kind not allowed for the role), NOT_FOUND (institution out of scope),
 *   VALIDATION_FAILED (unknown/placeholder/duplicate/missing items, future date, checklist not for
 *   this type of institution, bad photos)
 */
export async function createInspection(tx: DbOrTx, actor: Actor, input: CreateInput, now: Date, requestId?: string) {
  requirePermission(actor, 'inspection.create');
  if (!allowedInspectionKinds(actor).includes(input.kind)) {
    throw new AppError('FORBIDDEN', `您的角色不能创建「${t(`inspectionKind.${input.kind}`)}」`);
  }
  const [inst] = await tx.select().from(institution).where(eq(institution.id, input.institutionId));
  if (!inst || !canActOnInstitution(actor, inst)) throw notFound('机构不存在或不在您的管辖范围内');
  const today = localDate(now);
  if (input.inspectedOn > today) throw invalidField('inspectedOn', '检查日期不能晚于今天');
  // late entry of paper records is fine, but not of anything older than the records we keep
  const earliest = localDate(dayjs(now).subtract(INSPECTION_MAX_AGE_DAYS, 'day').toDate());
  if (input.inspectedOn < earliest) throw invalidField('inspectedOn', `检查日期不能早于 ${earliest}`);

  const [ver] = await tx
    .select({ v: checklistVersion, tpl: checklistTemplate })
    .from(checklistVersion)
    .innerJoin(checklistTemplate, eq(checklistTemplate.id, checklistVersion.templateId))
    .where(eq(checklistVersion.id, input.checklistVersionId));
  if (!ver) throw invalidField('checklistVersionId', '检查表不存在');
  if (ver.tpl.institutionTypes.length > 0 && !ver.tpl.institutionTypes.includes(inst.type)) {
    throw invalidField('checklistVersionId', `「${ver.tpl.name}」不适用于${t(`institutionType.${inst.type}`)}`);
  }
  const items = await tx.select().from(checklistItem).where(eq(checklistItem.versionId, ver.v.id));
  const byId = new Map(items.map((i) => [i.id, i]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.results.forEach((r, idx) => {
    const item = byId.get(r.itemId);
    if (!item) issues.push({ path: `results.${idx}.itemId`, message: '检查项不属于所选检查表版本' });
    else if (item.isPlaceholder) issues.push({ path: `results.${idx}.itemId`, message: `检查项 ${item.code} 待县局补充，不能填写` });
    else if (seen.has(r.itemId)) issues.push({ path: `results.${idx}.itemId`, message: `检查项 ${item.code} 重复填写` });
    seen.add(r.itemId);
    if (r.result === 'fail' && r.deadline && r.deadline < input.inspectedOn) {
      issues.push({ path: `results.${idx}.deadline`, message: '整改期限不能早于检查日期' });
    }
    if (item && r.result === 'fail' && !r.note.trim() && r.photoIds.length === 0) {
      issues.push({ path: `results.${idx}.note`, message: `不合格项 ${item.code} 请填写问题说明或拍照` });
    }
  });
  const missing = items.filter((i) => !i.isPlaceholder && !seen.has(i.id));
  if (missing.length > 0) issues.push({ path: 'results', message: `还有 ${missing.length} 项未填写：${missing.slice(0, 5).map((m) => m.code).join('、')}${missing.length > 5 ? '…' : ''}` });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', t('errors.VALIDATION_FAILED'), issues);

  // a past date is recorded at local noon; today at the current time
  const inspectedAt = input.inspectedOn === today ? now : dayjs.tz(`${input.inspectedOn} 12:00`, LOCAL_TZ).toDate();
  const [row] = await tx
    .insert(inspection)
    .values({
      kind: input.kind,
      institutionId: inst.id,
      townshipId: inst.townshipId,
      checklistVersionId: ver.v.id,
      inspectedAt,
      inspectors: input.inspectors,
      summary: input.summary,
      createdById: actor.id,
    })
    .returning();
  const insp = row!;
  const resultRows = await tx
    .insert(inspectionResult)
    .values(input.results.map((r) => ({ inspectionId: insp.id, checklistItemId: r.itemId, result: r.result, note: r.note })))
    .returning();
  const resultByItem = new Map(resultRows.map((r) => [r.checklistItemId, r]));

  const defaults = await getSetting(tx, 'hazard.defaultDeadlineDays');
  const hazards: { id: string; code: string }[] = [];
  for (const r of input.results) {
    const res = resultByItem.get(r.itemId)!;
    if (r.result !== 'fail') {
      await bindAttachments(tx, actor, r.photoIds, 'inspection_result', res.id, `results.${input.results.indexOf(r)}.photoIds`);
      continue;
    }
    const item = byId.get(r.itemId)!;
    const days = defaults[item.hazardLevel];
    const deadline = r.deadline ?? localDate(dayjs(inspectedAt).add(days, 'day').toDate());
    const category = (HAZARD_CATEGORIES as readonly string[]).includes(item.hazardCategory) ? (item.hazardCategory as HazardCategory) : 'other';
    const h = await registerHazard(
      tx,
      actor,
      {
        institutionId: inst.id,
        level: item.hazardLevel,
        category,
        title: findingTitle(item.code, item.checkText, r.note),
        location: r.location,
        description: r.note,
        deadline,
        photoIds: r.photoIds,
        source: 'inspection',
        inspectionId: insp.id,
        inspectionResultId: res.id,
        checklistItemId: item.id,
        foundAt: inspectedAt,
        deadlineField: `results.${input.results.indexOf(r)}.deadline`,
      },
      requestId,
    );
    hazards.push({ id: h.id, code: h.code });
  }
  const fails = input.results.filter((r) => r.result === 'fail').length;
  await writeAudit(
    tx,
    actor,
    {
      action: 'inspection.create',
      entityType: 'inspection',
      entityId: insp.id,
      summary: `${t(`inspectionKind.${insp.kind}`)}：${inst.name}，「${ver.tpl.name}」v${ver.v.version}，不合格 ${fails} 项，生成隐患 ${hazards.length} 条`,
      after: { ...insp, hazards },
    },
    requestId,
  );
  return insp;
}

/** Row → summary DTO. */
function toSummary(r: InspectionSummaryRow): InspectionSummary {
  return {
    id: r.i.id,
    kind: r.i.kind,
    institutionId: r.i.institutionId,
    institutionName: r.institutionName,
    townshipId: r.i.townshipId,
    townshipName: r.townshipName,
    checklistName: r.checklistName,
    checklistVersion: r.checklistVersion,
    inspectedAt: r.i.inspectedAt.toISOString(),
    inspectors: r.i.inspectors,
    createdByName: r.createdByName,
    passCount: Number(r.pass ?? 0),
    failCount: Number(r.fail ?? 0),
    naCount: Number(r.na ?? 0),
    hazardCount: Number(r.hazards ?? 0),
  };
}

/** A page of inspections in the actor's scope. */
export async function listInspections(db: DbOrTx, actor: Actor, q: InspectionFilter & { page: number; pageSize: number }) {
  const { rows, total } = await findInspections(db, actor, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
}

/**
 * One inspection with every item's result, note, photos and the hazard it produced.
 * Photos of a failed item live on its hazard; those of other items on the result.
 * @throws AppError NOT_FOUND when missing or outside scope
 */
export async function getInspectionDetail(db: DbOrTx, actor: Actor, id: string): Promise<InspectionDetail> {
  const row = await findInspectionInScope(db, actor, id);
  if (!row) throw notFound();
  const results = await findResults(db, id);
  const resultPhotos = await attachmentIdsFor(db, 'inspection_result', results.map((r) => r.r.id));
  const hazardPhotos = await attachmentIdsFor(db, 'hazard', results.map((r) => r.hazardId).filter((x): x is string => !!x));
  return {
    ...toSummary(row),
    summary: row.i.summary,
    checklistVersionId: row.i.checklistVersionId,
    results: results.map((r) => ({
      id: r.r.id,
      itemId: r.item.id,
      code: r.item.code,
      category: r.item.category,
      checkText: r.item.checkText,
      hazardLevel: r.item.hazardLevel,
      result: r.r.result,
      note: r.r.note,
      photoIds: [...(resultPhotos.get(r.r.id) ?? []), ...(r.hazardId ? hazardPhotos.get(r.hazardId) ?? [] : [])],
      hazardId: r.hazardId,
      hazardCode: r.hazardCode,
    })),
  };
}
