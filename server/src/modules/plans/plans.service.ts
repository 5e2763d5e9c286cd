import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { attachment, emergencyPlan, emergencyPlanVersion, institution, type DbOrTx } from '@lifeline/db';
import { dayjs, localDate, t, type PlanCreate, type PlanDetail, type PlanFilter, type PlanKind, type PlanMissing, type PlanSummary } from '@lifeline/shared';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { canActOnInstitution, canSeeTownship, planAbilities, requirePermission, type Actor } from '../../policies/index.ts';
import { countyUsersWith, notifyUsers, usersOfInstitution, usersOfTownship } from '../notifications/notify.ts';
import { getSetting } from '../settings/settings.service.ts';
import { bindAttachments, toAttachmentDto } from '../uploads/uploads.service.ts';
import { approvedKinds, findPlanInScope, findPlans, findVersions, institutionsInScope, latestVersion, lockPlan, revisionCutoff, validUntil, type PlanRow } from './plans.repo.ts';

/**
 * 应急预案 (issue 4 part 1): an institution keeps one plan per kind (综合预案, 火灾, 地震 …) and
 * uploads its document as versions; the township (or the county) reviews each version — 通过, or
 * 退回 with comments, answered by a new version. A plan is due for revision when its approved
 * version took effect more than `preparedness.planMaxAgeDays` days ago, or when a drill evaluation
 * set `revision_requested` (cleared by the next approval). The county notice asks institutions to
 * 制定完善应急预案 and to improve procedures after each drill (notice-2024-safety-month.txt, 二).
 */

/** Document types a plan version accepts: PDF and Word (.docx). */
const PLAN_MIMES = new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);

/** How far ahead a version's effective date may lie, in days (a plan announced for next month). */
export const MAX_EFFECTIVE_AHEAD_DAYS = 90;

const linkOf = (planId: string) => `/plans/${planId}`;

/** The revision cutoff (see {@link revisionCutoff}) and the age limit, read from the settings. */
async function ageRule(db: DbOrTx, now: Date): Promise<{ cutoff: string; maxAgeDays: number }> {
  const maxAgeDays = await getSetting(db, 'preparedness.planMaxAgeDays');
  return { cutoff: revisionCutoff(now, maxAgeDays), maxAgeDays };
}

/** Plan row → summary DTO. */
function toPlanSummary(r: PlanRow, maxAgeDays: number): PlanSummary {
  return {
    id: r.p.id,
    institutionId: r.p.institutionId,
    institutionName: r.institutionName,
    institutionType: r.institutionType,
    townshipId: r.p.townshipId,
    townshipName: r.townshipName,
    kind: r.p.kind as PlanKind,
    title: r.p.title,
    currentVersion: r.p.currentVersion,
    state: r.state,
    dueForRevision: r.dueForRevision,
    revisionRequested: r.p.revisionRequested,
    revisionReason: r.p.revisionReason,
    approvedVersion: r.approvedVersion,
    approvedEffectiveOn: r.approvedEffectiveOn,
    validUntil: r.approvedEffectiveOn ? validUntil(r.approvedEffectiveOn, maxAgeDays) : null,
    updatedAt: r.p.updatedAt.toISOString(),
  };
}

/**
 * Who is told that a version awaits review: the township officers of the plan's township; when the
 * township has no active officer, the county accounts holding `plan.review`.
 */
async function reviewersOf(tx: DbOrTx, townshipId: string): Promise<string[]> {
  const township = await usersOfTownship(tx, townshipId);
  return township.length > 0 ? township : countyUsersWith(tx, 'plan.review');
}

/**
 * Creates a plan of an institution (no document yet; state `draft`). One plan per institution and
 * kind, except `other` (其他专项预案), of which there may be several.
 * @returns the new plan's id
 * @throws AppError FORBIDDEN (no `plan.manage`); NOT_FOUND (institution unknown or not the actor's);
 *   DUPLICATE 409 (the institution already has a plan of that kind)
 */
export async function createPlan(tx: DbOrTx, actor: Actor, input: PlanCreate, now: Date, requestId?: string): Promise<string> {
  requirePermission(actor, 'plan.manage');
  const [inst] = await tx.select().from(institution).where(eq(institution.id, input.institutionId));
  if (!inst || !canActOnInstitution(actor, inst)) throw notFound('机构不存在或不在您的管辖范围内');
  if (input.kind !== 'other') {
    const [dup] = await tx.select({ id: emergencyPlan.id }).from(emergencyPlan).where(and(eq(emergencyPlan.institutionId, inst.id), eq(emergencyPlan.kind, input.kind)));
    if (dup) throw new AppError('DUPLICATE', `本机构已有「${t(`planKind.${input.kind}`)}」，请在原预案上上传新版本`, { planId: dup.id });
  }
  const [p] = await tx
    .insert(emergencyPlan)
    .values({ institutionId: inst.id, townshipId: inst.townshipId, kind: input.kind, title: input.title.trim(), createdById: actor.id, createdAt: now, updatedAt: now })
    .returning();
  await writeAudit(tx, actor, { action: 'plan.create', entityType: 'emergency_plan', entityId: p!.id, summary: `新建${t(`planKind.${input.kind}`)}「${p!.title}」（${inst.name}）`, after: p }, requestId);
  return p!.id;
}

/**
 * Uploads a new version of a plan's document (version n+1, status `submitted`) and tells the
 * reviewers. The files must be the actor's own pending uploads of PDF or Word (.docx).
 * @param input.effectiveOn local date the version takes effect; at most
 *   {@link MAX_EFFECTIVE_AHEAD_DAYS} days ahead
 * @returns the new version's id
 * @throws AppError FORBIDDEN (no `plan.manage`); NOT_FOUND (plan not in scope);
 *   ILLEGAL_TRANSITION 409 (a version is still pending review); VALIDATION_FAILED (files, date)
 */
export async function submitPlanVersion(tx: DbOrTx, actor: Actor, planId: string, input: { effectiveOn: string; notes: string; attachmentIds: string[] }, now: Date, requestId?: string): Promise<string> {
  requirePermission(actor, 'plan.manage');
  const plan = await lockPlan(tx, actor, planId);
  if (!plan || !planAbilities(actor, plan).manage) throw notFound('预案不存在或不在您的管辖范围内');
  const latest = await latestVersion(tx, plan.id);
  if (latest?.status === 'submitted') throw new AppError('ILLEGAL_TRANSITION', `第 ${latest.version} 版正在等待审核，审核后才能上传新版本`, { status: latest.status, version: latest.version });
  if (input.effectiveOn > dayjs(localDate(now)).add(MAX_EFFECTIVE_AHEAD_DAYS, 'day').format('YYYY-MM-DD')) {
    throw invalidField('effectiveOn', `实施日期不能晚于今天起 ${MAX_EFFECTIVE_AHEAD_DAYS} 天`);
  }
  const ids = [...new Set(input.attachmentIds)];
  // only the actor's own pending uploads count; anything else must not have its name read out
  const files = await tx.select().from(attachment).where(and(inArray(attachment.id, ids), eq(attachment.ownerId, actor.id), isNull(attachment.entityType)));
  if (files.length !== ids.length) throw invalidField('attachmentIds', '附件无效或已被使用，请重新上传');
  const wrong = files.find((f) => !PLAN_MIMES.has(f.mime));
  if (wrong) throw invalidField('attachmentIds', `「${wrong.originalName}」不是 Word（docx）或 PDF 文件`);
  const version = (latest?.version ?? 0) + 1;
  const [v] = await tx
    .insert(emergencyPlanVersion)
    .values({ planId: plan.id, version, notes: input.notes.trim(), effectiveOn: input.effectiveOn, status: 'submitted', submittedById: actor.id, submittedAt: now })
    .returning();
  await bindAttachments(tx, actor, ids, 'emergency_plan_version', v!.id, 'attachmentIds');
  await tx.update(emergencyPlan).set({ currentVersion: version, updatedAt: now }).where(eq(emergencyPlan.id, plan.id));
  const [inst] = await tx.select({ name: institution.name }).from(institution).where(eq(institution.id, plan.institutionId));
  await writeAudit(
    tx,
    actor,
    { action: 'plan.submit', entityType: 'emergency_plan_version', entityId: v!.id, summary: `${inst!.name} 上传「${plan.title}」第 ${version} 版`, after: { planId: plan.id, version, effectiveOn: input.effectiveOn, attachments: ids.length } },
    requestId,
  );
  await notifyUsers(
    tx,
    await reviewersOf(tx, plan.townshipId),
    { kind: 'plan_submitted', title: `${inst!.name} 提交了「${plan.title}」第 ${version} 版，请审核`, body: input.notes.trim(), link: linkOf(plan.id), entityType: 'emergency_plan', entityId: plan.id },
    now,
  );
  return v!.id;
}

/**
 * Reviews the pending (latest) version of a plan: `approve` (通过) makes it the plan's current
 * document and clears a drill's revision request; `return` (退回) needs a comment. The
 * institution's safety officers are told either way.
 * @returns the plan id
 * @throws AppError FORBIDDEN (no `plan.review`); NOT_FOUND (version unknown / plan not in scope);
 *   ILLEGAL_TRANSITION 409 (already reviewed, or not the latest version);
 *   VALIDATION_FAILED (return without a comment)
 */
export async function reviewPlanVersion(tx: DbOrTx, actor: Actor, versionId: string, input: { decision: 'approve' | 'return'; comment: string }, now: Date, requestId?: string): Promise<string> {
  requirePermission(actor, 'plan.review');
  const [found] = await tx.select({ planId: emergencyPlanVersion.planId }).from(emergencyPlanVersion).where(eq(emergencyPlanVersion.id, versionId));
  if (!found) throw notFound('预案版本不存在');
  const plan = await lockPlan(tx, actor, found.planId);
  if (!plan) throw notFound('预案版本不存在');
  const [v] = await tx.select().from(emergencyPlanVersion).where(eq(emergencyPlanVersion.id, versionId));
  const latest = await latestVersion(tx, plan.id);
  if (latest!.id !== v!.id) throw new AppError('ILLEGAL_TRANSITION', `这是第 ${v!.version} 版，已有更新的第 ${latest!.version} 版`, { version: v!.version, latest: latest!.version });
  if (v!.status !== 'submitted') throw new AppError('ILLEGAL_TRANSITION', v!.status === 'approved' ? '该版本已审核通过' : '该版本已退回', { status: v!.status });
  const comment = input.comment.trim();
  if (input.decision === 'return' && !comment) throw invalidField('comment', '退回时请填写退回意见');
  const status = input.decision === 'approve' ? 'approved' : 'returned';
  await tx.update(emergencyPlanVersion).set({ status, reviewedById: actor.id, reviewedAt: now, reviewComment: comment }).where(eq(emergencyPlanVersion.id, v!.id));
  await tx
    .update(emergencyPlan)
    .set({ updatedAt: now, ...(status === 'approved' ? { revisionRequested: false, revisionReason: '' } : {}) })
    .where(eq(emergencyPlan.id, plan.id));
  const label = status === 'approved' ? '通过' : '退回';
  await writeAudit(
    tx,
    actor,
    {
      action: `plan.${input.decision}`,
      entityType: 'emergency_plan_version',
      entityId: v!.id,
      summary: `${label}「${plan.title}」第 ${v!.version} 版`,
      before: { status: v!.status, revisionRequested: plan.revisionRequested },
      after: { status, comment, ...(status === 'approved' ? { revisionRequested: false } : {}) },
    },
    requestId,
  );
  await notifyUsers(
    tx,
    await usersOfInstitution(tx, plan.institutionId),
    {
      kind: status === 'approved' ? 'plan_approved' : 'plan_returned',
      title: status === 'approved' ? `「${plan.title}」第 ${v!.version} 版已审核通过` : `「${plan.title}」第 ${v!.version} 版被退回，请修改后重新上传`,
      body: comment,
      link: linkOf(plan.id),
      entityType: 'emergency_plan',
      entityId: plan.id,
    },
    now,
  );
  return plan.id;
}

/**
 * A plan with every version (newest first, with files and review comments) and the actor's
 * abilities (upload a new version, review the pending one).
 * @throws AppError NOT_FOUND (unknown or outside the actor's scope)
 */
export async function getPlanDetail(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<PlanDetail> {
  requirePermission(actor, 'preparedness.read');
  const { cutoff, maxAgeDays } = await ageRule(db, now);
  const row = await findPlanInScope(db, actor, id, cutoff);
  if (!row) throw notFound('预案不存在或不在您的管辖范围内');
  const versions = await findVersions(db, id);
  const files = versions.length
    ? await db.select().from(attachment).where(and(eq(attachment.entityType, 'emergency_plan_version'), inArray(attachment.entityId, versions.map((x) => x.v.id)))).orderBy(asc(attachment.createdAt))
    : [];
  const may = planAbilities(actor, row.p);
  const latest = versions[0]?.v;
  return {
    ...toPlanSummary(row, maxAgeDays),
    versions: versions.map(({ v, submittedByName, reviewedByName }) => ({
      id: v.id,
      version: v.version,
      notes: v.notes,
      effectiveOn: v.effectiveOn,
      status: v.status,
      submittedAt: v.submittedAt.toISOString(),
      submittedByName,
      reviewedAt: v.reviewedAt?.toISOString() ?? null,
      reviewedByName,
      reviewComment: v.reviewComment,
      attachments: files.filter((f) => f.entityId === v.id).map(toAttachmentDto),
    })),
    abilities: { submitVersion: may.manage && latest?.status !== 'submitted', review: may.review && latest?.status === 'submitted' },
  };
}

/** A page of plans in the actor's scope (filters: township, institution, kind, derived state). */
export async function listPlans(db: DbOrTx, actor: Actor, q: Partial<PlanFilter> & { page: number; pageSize: number }, now: Date) {
  requirePermission(actor, 'preparedness.read');
  const { cutoff, maxAgeDays } = await ageRule(db, now);
  const { rows, total } = await findPlans(db, actor, q, cutoff, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => toPlanSummary(r, maxAgeDays)), total, page: q.page, pageSize: q.pageSize };
}

/** Every plan in scope matching the filter (for the export), with the age limit. */
export async function allPlans(db: DbOrTx, actor: Actor, f: Partial<PlanFilter>, now: Date): Promise<PlanSummary[]> {
  requirePermission(actor, 'preparedness.read');
  const { cutoff, maxAgeDays } = await ageRule(db, now);
  const { rows } = await findPlans(db, actor, f, cutoff);
  return rows.map((r) => toPlanSummary(r, maxAgeDays));
}

/**
 * 预案缺项清单: the institutions in scope (not closed; optionally of one township) lacking an
 * approved plan of a kind their type requires (setting `preparedness.requiredPlanKinds`). A plan
 * that exists but was never approved counts as missing; an approved plan due for revision does
 * not (it shows under state `due_revision`).
 * @throws AppError NOT_FOUND when a township officer asks for another township
 */
export async function findMissingPlans(db: DbOrTx, actor: Actor, q: { townshipId?: string | undefined }): Promise<PlanMissing> {
  requirePermission(actor, 'preparedness.read');
  if (q.townshipId && actor.role !== 'institution_officer' && !canSeeTownship(actor, q.townshipId)) throw notFound('乡镇不存在或不在您的管辖范围内');
  const required = await getSetting(db, 'preparedness.requiredPlanKinds');
  const insts = await institutionsInScope(db, actor, q.townshipId);
  const have = await approvedKinds(db, insts.map((i) => i.id));
  const items = insts
    .map((i) => {
      const requiredKinds = [...new Set((required as Record<string, string[]>)[i.type] ?? [])] as PlanKind[];
      return { institutionId: i.id, institutionName: i.name, institutionType: i.type, townshipId: i.townshipId, townshipName: i.townshipName, requiredKinds, missingKinds: requiredKinds.filter((k) => !have.has(`${i.id}:${k}`)) };
    })
    .filter((i) => i.missingKinds.length > 0);
  return { items, institutionsChecked: insts.length };
}
