import { DRILL_EVALUATION_TEMPLATE } from './drills.evaluation.ts';
import { eq } from 'drizzle-orm';
import { drill, drillEvaluation, drillFinding, type Db, type DbOrTx, type Tx } from '@lifeline/db';
import {
  DRILL_SCENARIOS,
  ROLE_SCOPE,
  dayjs,
  formatLocalDateTime,
  localDate,
  t,
  type DrillCoverage,
  type DrillDetail,
  type DrillEvaluationInputSchema,
  type DrillFilter,
  type DrillFindingCreateSchema,
  type DrillHeldSchema,
  type DrillHistory,
  type DrillScenario,
  type DrillStatus,
} from '@lifeline/shared';
import type { z } from 'zod';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { authorizeDrillChange, canRecordDrill, requirePermission, type Actor } from '../../policies/index.ts';
import { registerHazard } from '../hazards/hazards.service.ts';
import { getSetting } from '../settings/settings.service.ts';
import { bindAttachments } from '../uploads/uploads.service.ts';
import {
  aggregateHeldDrills,
  attachmentMimes,
  findDrillAttachments,
  findDrillInScope,
  findDrills,
  findEvaluation,
  findFindings,
  findHeldBetween,
  findHeldDrillsOf,
  findInstitutionInScope,
  findInstitutionsForCoverage,
  findPlan,
  findPlannedDrillsOf,
  flagPlanForRevision,
  lockDrill,
} from './drills.repo.ts';
import { presentDrillAbilities, toDrillFinding, toDrillSummary } from './drills.presenter.ts';
import { DRILL_STEP_LABEL, nextDrillStatus, type DrillStep } from './drills.workflow.ts';

/** Parsed inputs (defaults applied by the route's zod schemas). */
export type DrillHeldInput = z.output<typeof DrillHeldSchema>;
export type DrillEvaluationInput = z.output<typeof DrillEvaluationInputSchema>;
export type DrillFindingInput = z.output<typeof DrillFindingCreateSchema>;
export interface DrillPlanInput {
  institutionId: string;
  scenario: DrillScenario;
  title: string;
  isNight: boolean;
  plannedAt?: string | undefined;
  planId?: string | null | undefined;
  held?: DrillHeldInput | undefined;
}
export interface DrillPatchInput {
  scenario?: DrillScenario | undefined;
  title?: string | undefined;
  isNight?: boolean | undefined;
  plannedAt?: string | undefined;
  planId?: string | null | undefined;
  revision?: number | undefined;
}

/** A phone's clock may run a little ahead of the server's: a held time this far in the future is accepted. */
const CLOCK_SKEW_MS = 2 * 60_000;
/** Sanity bounds of a planned time: not more than 5 years back (recording an old plan), nor 2 years ahead. */
const PLAN_PAST_MS = 5 * 365 * 86400_000;
const PLAN_FUTURE_MS = 2 * 366 * 86400_000;

/**
 * Checks a planned time is sane (within 5 years back … 2 years ahead of now).
 * @throws AppError VALIDATION_FAILED on `field`
 */
function checkPlannedAt(plannedAt: Date, now: Date, field = 'plannedAt') {
  if (plannedAt.getTime() > now.getTime() + PLAN_FUTURE_MS) throw invalidField(field, '计划演练时间不能晚于两年之后');
  if (plannedAt.getTime() < now.getTime() - PLAN_PAST_MS) throw invalidField(field, '计划演练时间不能早于五年之前');
}

/**
 * Checks the held time: not in the future (2 minutes of phone clock skew allowed), not absurdly old.
 * @throws AppError VALIDATION_FAILED on `field` ("演练时间不能晚于当前时间")
 */
function checkHeldAt(heldAt: Date, now: Date, field: string) {
  if (heldAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalidField(field, '演练时间不能晚于当前时间');
  if (heldAt.getTime() < now.getTime() - PLAN_PAST_MS) throw invalidField(field, '演练时间不能早于五年之前');
}

/**
 * Checks the exercised plan belongs to the drill's institution.
 * @throws AppError VALIDATION_FAILED on `planId`
 */
async function checkPlan(tx: DbOrTx, planId: string | null | undefined, institutionId: string) {
  if (!planId) return null;
  const plan = await findPlan(tx, planId);
  if (!plan || plan.institutionId !== institutionId) throw invalidField('planId', '所选应急预案不存在或不属于该机构');
  return plan;
}

/**
 * Binds uploaded photos and videos to a drill, checking each is of the right kind.
 * @throws AppError VALIDATION_FAILED on `<prefix>photoIds` / `<prefix>videoIds`
 */
async function bindMedia(tx: DbOrTx, actor: Actor, drillId: string, photoIds: string[], videoIds: string[], prefix: string) {
  const mimes = await attachmentMimes(tx, [...photoIds, ...videoIds]);
  if (photoIds.some((id) => mimes.has(id) && !mimes.get(id)!.startsWith('image/'))) throw invalidField(`${prefix}photoIds`, '照片中含有非图片文件');
  if (videoIds.some((id) => mimes.has(id) && !mimes.get(id)!.startsWith('video/'))) throw invalidField(`${prefix}videoIds`, '视频中含有非视频文件');
  await bindAttachments(tx, actor, photoIds, 'drill', drillId, `${prefix}photoIds`);
  await bindAttachments(tx, actor, videoIds, 'drill', drillId, `${prefix}videoIds`);
}

/** The columns a held record sets. */
function heldColumns(actor: Actor, h: DrillHeldInput, now: Date) {
  return {
    status: 'held' as const,
    heldAt: new Date(h.heldAt),
    staffCount: h.staffCount,
    residentCount: h.residentCount,
    nonAmbulatoryCount: h.nonAmbulatoryCount,
    nonAmbulatoryMethod: h.nonAmbulatoryMethod,
    evacuationSeconds: h.evacuationSeconds,
    exitsUsed: h.exitsUsed,
    routesUsed: h.routesUsed,
    lifePassageBlocked: h.lifePassageBlocked,
    notes: h.notes,
    recordedById: actor.id,
    updatedAt: now,
  };
}

/** Throws 409 unless `step` is legal from the drill's status. */
function checkStep(status: DrillStatus, step: DrillStep) {
  if (nextDrillStatus(status, step) === null) {
    throw new AppError('ILLEGAL_TRANSITION', `演练当前为「${t(`drillStatus.${status}`)}」，不能${DRILL_STEP_LABEL[step]}`, { status, step });
  }
}

const drillName = (d: { title: string; scenario: string }) => d.title || t(`drillScenario.${d.scenario}`);

/**
 * Plans a drill (status planned), or — with `held` — records a drill that was not planned in one
 * step (status held, planned time = held time unless given). Runs in the caller's transaction
 * (the route wraps it in {@link runIdempotent}); writes the audit row.
 * @throws AppError NOT_FOUND (institution outside scope), FORBIDDEN (no `drill.record`),
 *   VALIDATION_FAILED (plannedAt/heldAt out of range, plan of another institution, bad photos)
 */
export async function planDrill(tx: DbOrTx, actor: Actor, input: DrillPlanInput, now: Date, requestId?: string) {
  requirePermission(actor, 'drill.record');
  const inst = await findInstitutionInScope(tx, actor, input.institutionId);
  if (!inst) throw notFound('机构不存在或不在您的管辖范围内');
  const heldAt = input.held ? new Date(input.held.heldAt) : null;
  if (heldAt) checkHeldAt(heldAt, now, 'held.heldAt');
  const plannedAt = input.plannedAt ? new Date(input.plannedAt) : heldAt!;
  if (input.plannedAt) checkPlannedAt(plannedAt, now);
  await checkPlan(tx, input.planId, inst.id);
  const [row] = await tx
    .insert(drill)
    .values({
      institutionId: inst.id,
      townshipId: inst.townshipId,
      scenario: input.scenario,
      title: input.title,
      isNight: input.isNight,
      plannedAt,
      planId: input.planId ?? null,
      createdById: actor.id,
      createdAt: now,
      updatedAt: now,
      ...(input.held ? heldColumns(actor, input.held, now) : {}),
    })
    .returning();
  const d = row!;
  if (input.held) await bindMedia(tx, actor, d.id, input.held.photoIds, input.held.videoIds, 'held.');
  await writeAudit(
    tx,
    actor,
    {
      action: input.held ? 'drill.record' : 'drill.plan',
      entityType: 'drill',
      entityId: d.id,
      summary: `${input.held ? '登记演练' : '计划演练'}：${drillName(d)}（${inst.name}，${formatLocalDateTime(heldAt ?? plannedAt)}${d.isNight ? '，夜间' : ''}）`,
      after: d,
    },
    requestId,
  );
  return d;
}

/**
 * Changes a planned drill (scenario, title, day/night, time, plan).
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION 409 (not planned), CONFLICT 409 (stale
 *   revision), VALIDATION_FAILED
 */
export async function updateDrill(db: Db | Tx, actor: Actor, id: string, patch: DrillPatchInput, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const d = await lockDrill(tx, actor, id);
    if (!d) throw notFound();
    authorizeDrillChange(actor, d);
    checkStep(d.status, 'update');
    if (patch.revision !== undefined && patch.revision !== d.revision) throw new AppError('CONFLICT', '演练已被他人更新，请刷新后再操作', { revision: d.revision });
    const changes: Partial<typeof drill.$inferInsert> = {};
    if (patch.scenario !== undefined) changes.scenario = patch.scenario;
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.isNight !== undefined) changes.isNight = patch.isNight;
    if (patch.plannedAt !== undefined) {
      changes.plannedAt = new Date(patch.plannedAt);
      checkPlannedAt(changes.plannedAt, now);
    }
    if (patch.planId !== undefined) {
      await checkPlan(tx, patch.planId, d.institutionId);
      changes.planId = patch.planId;
    }
    if (Object.keys(changes).length === 0) throw invalidField('', '没有需要修改的内容');
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, d[k as keyof typeof d]]));
    const [updated] = await tx.update(drill).set({ ...changes, revision: d.revision + 1, updatedAt: now }).where(eq(drill.id, d.id)).returning();
    await writeAudit(tx, actor, { action: 'drill.update', entityType: 'drill', entityId: d.id, summary: `修改演练计划：${drillName(updated!)}`, before, after: changes }, requestId);
    return updated!;
  });
}

/**
 * Cancels a planned drill.
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION 409 (already held or cancelled)
 */
export async function cancelDrill(db: Db | Tx, actor: Actor, id: string, reason: string, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const d = await lockDrill(tx, actor, id);
    if (!d) throw notFound();
    authorizeDrillChange(actor, d);
    checkStep(d.status, 'cancel');
    const [updated] = await tx
      .update(drill)
      .set({ status: 'cancelled', notes: reason ? (d.notes ? `${d.notes}\n取消原因：${reason}` : `取消原因：${reason}`) : d.notes, revision: d.revision + 1, updatedAt: now })
      .where(eq(drill.id, d.id))
      .returning();
    await writeAudit(tx, actor, { action: 'drill.cancel', entityType: 'drill', entityId: d.id, summary: `取消演练：${drillName(d)}${reason ? `（${reason.slice(0, 60)}）` : ''}`, before: { status: d.status }, after: { status: 'cancelled', reason } }, requestId);
    return updated!;
  });
}

/**
 * Records a planned drill as held: participants, evacuation time, exits and routes, whether a
 * 生命通道 point was blocked, notes, photos and videos. Runs in the caller's transaction (the route
 * wraps it in {@link runIdempotent}, so a phone's retry gets the first answer).
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION 409 (cancelled or already held),
 *   VALIDATION_FAILED (heldAt in the future: "演练时间不能晚于当前时间"; bad photos/videos)
 */
export async function recordDrill(tx: DbOrTx, actor: Actor, id: string, held: DrillHeldInput, now: Date, requestId?: string) {
  const d = await lockDrill(tx, actor, id);
  if (!d) throw notFound();
  authorizeDrillChange(actor, d);
  checkStep(d.status, 'record');
  const heldAt = new Date(held.heldAt);
  checkHeldAt(heldAt, now, 'heldAt');
  const [updated] = await tx.update(drill).set({ ...heldColumns(actor, held, now), revision: d.revision + 1 }).where(eq(drill.id, d.id)).returning();
  await bindMedia(tx, actor, d.id, held.photoIds, held.videoIds, '');
  await writeAudit(
    tx,
    actor,
    {
      action: 'drill.record',
      entityType: 'drill',
      entityId: d.id,
      summary: `登记演练情况：${drillName(d)}（${formatLocalDateTime(heldAt)}，疏散用时 ${held.evacuationSeconds} 秒${held.lifePassageBlocked ? '，生命通道受阻' : ''}）`,
      before: { status: d.status },
      after: updated,
    },
    requestId,
  );
  return updated!;
}

/**
 * Saves the evaluation (演练评估) of a held drill — replacing an earlier one — with its total; when
 * `planNeedsRevision` is set, flags the exercised emergency plan (revision_requested + reason) in
 * the same transaction.
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION 409 (drill not held), VALIDATION_FAILED
 */
export async function evaluateDrill(db: Db | Tx, actor: Actor, id: string, input: DrillEvaluationInput, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const d = await lockDrill(tx, actor, id);
    if (!d) throw notFound();
    authorizeDrillChange(actor, d);
    checkStep(d.status, 'evaluate');
    // scored against the evaluation form: every item of the template once, with its own maximum
    // (so a one-item "1/1" cannot pass for a perfect drill); labels come from the template
    const form = new Map(DRILL_EVALUATION_TEMPLATE.map((t) => [t.code, t]));
    const given = new Map(input.items.map((i) => [i.code, i]));
    if (input.items.length !== form.size || given.size !== form.size || [...form.keys()].some((k) => !given.has(k))) {
      throw invalidField('items', `请按评估表逐项评分（共 ${form.size} 项）`);
    }
    const items = DRILL_EVALUATION_TEMPLATE.map((t) => {
      const i = given.get(t.code)!;
      if (i.score > t.maxScore) throw invalidField('items', `「${t.label}」得分不能超过 ${t.maxScore} 分`);
      return { code: t.code, label: t.label, score: i.score, maxScore: t.maxScore, comment: i.comment };
    });
    const totalScore = items.reduce((s, i) => s + i.score, 0);
    const maxScore = items.reduce((s, i) => s + i.maxScore, 0);
    const [before] = await tx.select().from(drillEvaluation).where(eq(drillEvaluation.drillId, d.id));
    const values = { items, totalScore, maxScore, comments: input.comments, evaluatorName: input.evaluatorName, planNeedsRevision: input.planNeedsRevision, evaluatedById: actor.id, evaluatedAt: now };
    const [saved] = await tx
      .insert(drillEvaluation)
      .values({ drillId: d.id, ...values })
      .onConflictDoUpdate({ target: drillEvaluation.drillId, set: values })
      .returning();
    await writeAudit(
      tx,
      actor,
      { action: 'drill.evaluate', entityType: 'drill', entityId: d.id, summary: `演练评估：${drillName(d)} ${totalScore}/${maxScore} 分${input.planNeedsRevision ? '，预案需修订' : ''}`, before: before ?? null, after: saved },
      requestId,
    );
    if (input.planNeedsRevision && d.planId) {
      const reason = `${localDate(d.heldAt!)}「${drillName(d)}」演练评估认为预案需修订${input.revisionReason || input.comments ? `：${input.revisionReason || input.comments}` : ''}`;
      const flagged = await flagPlanForRevision(tx, d.planId, reason, now);
      if (flagged) {
        await writeAudit(
          tx,
          actor,
          {
            action: 'plan.revision_requested',
            entityType: 'emergency_plan',
            entityId: d.planId,
            summary: `演练发现预案需修订：${flagged.after.title}`,
            before: { revisionRequested: flagged.before.revisionRequested, revisionReason: flagged.before.revisionReason },
            after: { revisionRequested: true, revisionReason: flagged.after.revisionReason, drillId: d.id },
          },
          requestId,
        );
      }
    }
    return saved!;
  });
}

/**
 * Adds what a held drill found: a 'hazard' finding registers a real hazard in the closed loop
 * (source 'drill', found at the drill's time, through the hazards service's {@link registerHazard}
 * so every hazard rule applies) and links it; an 'improvement' finding records the action to take.
 * Runs in the caller's transaction (Idempotency-Key through the route).
 * @throws AppError NOT_FOUND, FORBIDDEN (also without `hazard.register` for a hazard finding),
 *   ILLEGAL_TRANSITION 409 (drill not held), VALIDATION_FAILED (hazard deadline, photos)
 */
export async function addDrillFinding(tx: DbOrTx, actor: Actor, id: string, input: DrillFindingInput, now: Date, requestId?: string) {
  const d = await lockDrill(tx, actor, id);
  if (!d) throw notFound();
  authorizeDrillChange(actor, d);
  checkStep(d.status, 'add_finding');
  let hazardId: string | null = null;
  if (input.kind === 'hazard') {
    requirePermission(actor, 'hazard.register');
    const hz = input.hazard!;
    const defaults = await getSetting(tx, 'hazard.defaultDeadlineDays');
    const h = await registerHazard(
      tx,
      actor,
      {
        institutionId: d.institutionId,
        level: hz.level,
        category: hz.category,
        title: hz.title,
        location: hz.location,
        description: input.description,
        responsiblePerson: hz.responsiblePerson,
        rectificationMeasures: hz.rectificationMeasures || input.action,
        deadline: hz.deadline ?? localDate(dayjs(now).add(defaults[hz.level], 'day').toDate()),
        photoIds: hz.photoIds,
        source: 'drill',
        foundAt: d.heldAt!,
        deadlineField: 'hazard.deadline',
      },
      requestId,
    );
    hazardId = h.id;
  }
  const [f] = await tx
    .insert(drillFinding)
    .values({ drillId: d.id, kind: input.kind, description: input.description, action: input.action, hazardId, createdById: actor.id, createdAt: now })
    .returning();
  await writeAudit(
    tx,
    actor,
    { action: 'drill.add_finding', entityType: 'drill', entityId: d.id, summary: `演练发现问题（${input.kind === 'hazard' ? '隐患' : '改进措施'}）：${input.description.slice(0, 60)}`, after: f },
    requestId,
  );
  return f!;
}

/**
 * Marks an improvement action of a drill done.
 * @throws AppError NOT_FOUND (drill or finding), FORBIDDEN, ILLEGAL_TRANSITION 409 (a hazard
 *   finding — closed through the hazard loop — or already done)
 */
export async function completeImprovement(db: Db | Tx, actor: Actor, drillId: string, findingId: string, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const d = await lockDrill(tx, actor, drillId);
    if (!d) throw notFound();
    authorizeDrillChange(actor, d);
    const [f] = await tx.select().from(drillFinding).where(eq(drillFinding.id, findingId)).for('update');
    if (!f || f.drillId !== d.id) throw notFound();
    if (f.kind !== 'improvement') throw new AppError('ILLEGAL_TRANSITION', '隐患类问题须通过隐患整改闭环销号');
    if (f.doneAt) throw new AppError('ILLEGAL_TRANSITION', '该改进措施已完成');
    const [updated] = await tx.update(drillFinding).set({ doneAt: now }).where(eq(drillFinding.id, f.id)).returning();
    await writeAudit(tx, actor, { action: 'drill.complete_improvement', entityType: 'drill', entityId: d.id, summary: `改进措施已完成：${f.action.slice(0, 60) || f.description.slice(0, 60)}`, before: { doneAt: null }, after: { findingId: f.id, doneAt: now } }, requestId);
    return updated!;
  });
}

/**
 * A drill's full record for the actor: what, when, who took part, the evacuation time, photos and
 * videos, the evaluation, findings with their hazards' live status, and the abilities now.
 * @throws AppError NOT_FOUND when missing or outside scope
 */
export async function getDrillDetail(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<DrillDetail> {
  const row = await findDrillInScope(db, actor, id);
  if (!row) throw notFound();
  const d = row.d;
  const [media, ev, findings] = await Promise.all([findDrillAttachments(db, id), findEvaluation(db, id), findFindings(db, id)]);
  const canChange = canRecordDrill(actor, d);
  return {
    ...toDrillSummary(row),
    planId: d.planId,
    planTitle: row.planTitle ?? null,
    nonAmbulatoryMethod: d.nonAmbulatoryMethod,
    exitsUsed: d.exitsUsed,
    routesUsed: d.routesUsed,
    notes: d.notes,
    createdByName: row.createdByName,
    recordedByName: row.recordedByName ?? null,
    revision: d.revision,
    photoIds: media.filter((m) => m.mime.startsWith('image/')).map((m) => m.id),
    videos: media.filter((m) => m.mime.startsWith('video/')),
    evaluation: ev
      ? {
          items: ev.e.items,
          totalScore: ev.e.totalScore,
          maxScore: ev.e.maxScore,
          comments: ev.e.comments,
          evaluatorName: ev.e.evaluatorName,
          planNeedsRevision: ev.e.planNeedsRevision,
          evaluatedAt: ev.e.evaluatedAt.toISOString(),
          evaluatedByName: ev.evaluatedByName,
        }
      : null,
    findings: findings.map((f) => toDrillFinding(f, canChange, now)),
    abilities: presentDrillAbilities(actor, d),
  };
}

/** A page of drills in the actor's scope, newest first (by held time, else planned time). */
export async function listDrills(db: DbOrTx, actor: Actor, q: Partial<DrillFilter> & { page: number; pageSize: number }) {
  const { rows, total } = await findDrills(db, actor, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map(toDrillSummary), total, page: q.page, pageSize: q.pageSize };
}

/**
 * One institution's drill history: held drills grouped by scenario, oldest first, with the
 * evacuation time of each (seconds) for the trend, the latest and best time, and planned drills.
 * @throws AppError NOT_FOUND when the institution is outside the actor's scope
 */
export async function getDrillHistory(db: DbOrTx, actor: Actor, institutionId: string): Promise<DrillHistory> {
  const inst = await findInstitutionInScope(db, actor, institutionId);
  if (!inst) throw notFound();
  const [held, planned] = await Promise.all([findHeldDrillsOf(db, inst.id), findPlannedDrillsOf(db, inst.id)]);
  const scenarios = DRILL_SCENARIOS.map((scenario) => {
    const mine = held.filter((d) => d.scenario === scenario);
    const times = mine.map((d) => d.evacuationSeconds).filter((s): s is number => s != null);
    return {
      scenario,
      held: mine.length,
      nightHeld: mine.filter((d) => d.isNight).length,
      lastSeconds: mine.at(-1)?.evacuationSeconds ?? null,
      bestSeconds: times.length ? Math.min(...times) : null,
      points: mine.map((d) => ({ drillId: d.id, heldAt: d.heldAt!.toISOString(), isNight: d.isNight, evacuationSeconds: d.evacuationSeconds, participants: (d.staffCount ?? 0) + (d.residentCount ?? 0) })),
    };
  }).filter((s) => s.held > 0);
  return {
    institutionId: inst.id,
    institutionName: inst.name,
    townshipName: inst.townshipName,
    held: held.length,
    nightHeld: held.filter((d) => d.isNight).length,
    lastHeldAt: held.at(-1)?.heldAt?.toISOString() ?? null,
    scenarios,
    upcoming: planned.map((d) => ({ id: d.id, scenario: d.scenario as DrillScenario, title: d.title, plannedAt: d.plannedAt.toISOString(), isNight: d.isNight })),
  };
}

/**
 * Drill coverage (演练覆盖) of a township — or, for county roles without `townshipId`, the county:
 * each operating institution × scenario with the last held time (any, and at night), how many
 * drills each held in the last `preparedness.drillWindowDays` days (night drills counted
 * separately), and whether it is covered (at least one held drill in that window).
 * @throws AppError NOT_FOUND when the township is outside the actor's scope
 */
export async function getDrillCoverage(db: DbOrTx, actor: Actor, townshipId: string | undefined, now: Date): Promise<DrillCoverage> {
  const level = ROLE_SCOPE[actor.role];
  if (townshipId && level !== 'county' && actor.townshipId !== townshipId) throw notFound();
  const tw = townshipId ?? (level === 'county' ? undefined : actor.townshipId!);
  const windowDays = await getSetting(db, 'preparedness.drillWindowDays');
  const since = new Date(now.getTime() - windowDays * 86400_000);
  const [insts, agg] = await Promise.all([findInstitutionsForCoverage(db, actor, tw), aggregateHeldDrills(db, actor, since, tw)]);
  const byInst = new Map<string, typeof agg>();
  for (const a of agg) byInst.set(a.institutionId, [...(byInst.get(a.institutionId) ?? []), a]);
  const latest = (xs: (Date | null)[]) => xs.reduce<Date | null>((m, x) => (x && (!m || x > m) ? x : m), null);
  const institutions = insts.map((i) => {
    const rows = byInst.get(i.id) ?? [];
    const heldInWindow = rows.reduce((s, r) => s + r.inWindow, 0);
    const nightHeldInWindow = rows.reduce((s, r) => s + r.nightInWindow, 0);
    return {
      institutionId: i.id,
      institutionName: i.name,
      townshipName: i.townshipName,
      lastHeldAt: latest(rows.map((r) => r.lastHeldAt))?.toISOString() ?? null,
      lastNightHeldAt: latest(rows.map((r) => r.lastNightHeldAt))?.toISOString() ?? null,
      heldInWindow,
      nightHeldInWindow,
      covered: heldInWindow > 0,
      cells: DRILL_SCENARIOS.map((scenario) => {
        const r = rows.find((x) => x.scenario === scenario);
        return { scenario, lastHeldAt: r?.lastHeldAt?.toISOString() ?? null, lastNightHeldAt: r?.lastNightHeldAt?.toISOString() ?? null, held: r?.inWindow ?? 0 };
      }),
    };
  });
  const townshipName = tw ? (insts[0]?.townshipName ?? null) : null;
  const covered = institutions.filter((i) => i.covered).length;
  return {
    townshipId: tw ?? null,
    townshipName,
    windowDays,
    since: since.toISOString(),
    scenarios: [...DRILL_SCENARIOS],
    institutions,
    totals: {
      institutions: institutions.length,
      covered,
      uncovered: institutions.length - covered,
      heldInWindow: institutions.reduce((s, i) => s + i.heldInWindow, 0),
      nightHeldInWindow: institutions.reduce((s, i) => s + i.nightHeldInWindow, 0),
    },
  };
}

/** Drill figures for a period, as {@link drillStats} returns them. */
export interface DrillStats {
  /** held drills with the held time in [from, to) */
  held: number;
  /** of which held at night */
  nightHeld: number;
  /** people who took part: staff + residents, summed over those drills */
  participants: number;
  /** held drills per scenario (every scenario present, 0 when none) */
  byScenario: Record<DrillScenario, number>;
  /** distinct institutions with at least one held drill in the period */
  institutionsCovered: number;
}

/**
 * Drill figures for the dashboards and the campaign summary report: the held drills in the
 * actor's scope whose held (alarm) time falls in [`from`, `to`), optionally of one township or
 * institution. Cancelled and planned drills never count.
 * @param db database or transaction
 * @param actor whose scope applies (county roles: the county; township officer: their township;
 *   institution officer: their institution)
 * @param range `from` inclusive, `to` exclusive (instants; use `startOfLocalDay`/`localMonthRange`
 *   for local periods), `townshipId` / `institutionId` narrow further
 * @returns {@link DrillStats}: counts of drills, night drills, participants (staff + residents),
 *   per-scenario counts and the number of institutions covered
 */
export async function drillStats(db: DbOrTx, actor: Actor, range: { from: Date; to: Date; townshipId?: string; institutionId?: string }): Promise<DrillStats> {
  const rows = await findHeldBetween(db, actor, range);
  const byScenario = Object.fromEntries(DRILL_SCENARIOS.map((s) => [s, 0])) as Record<DrillScenario, number>;
  for (const r of rows) byScenario[r.scenario as DrillScenario] = (byScenario[r.scenario as DrillScenario] ?? 0) + 1;
  return {
    held: rows.length,
    nightHeld: rows.filter((r) => r.isNight).length,
    participants: rows.reduce((s, r) => s + (r.staffCount ?? 0) + (r.residentCount ?? 0), 0),
    byScenario,
    institutionsCovered: new Set(rows.map((r) => r.institutionId)).size,
  };
}
