import { and, desc, eq } from 'drizzle-orm';
import { hazard, hazardEvent, institution, type Db, type DbOrTx, type Tx } from '@lifeline/db';
import {
  endOfLocalDay,
  local,
  t,
  type HazardCategory,
  type HazardDetail,
  type HazardFilter,
  type HazardLevel,
  type HazardSource,
  type HazardStatus,
} from '@lifeline/shared';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { authorizeHazardAction, canActOnInstitution, requirePermission, type Actor } from '../../policies/index.ts';
import { attachmentIdsFor, bindAttachments } from '../uploads/uploads.service.ts';
import { getSetting } from '../settings/settings.service.ts';
import { findDrillOfHazard, findEvents, findHazardInScope, findLedger, lockHazard, nextHazardCode } from './hazards.repo.ts';
import { presentAbilities, toHazardSummary } from './hazards.presenter.ts';
import { NOTE_REQUIRED, nextStatus, type HazardStep } from './hazards.workflow.ts';

export interface RegisterHazardInput {
  institutionId: string;
  level: HazardLevel;
  category: HazardCategory;
  title: string;
  location?: string;
  description?: string;
  responsiblePerson?: string;
  rectificationMeasures?: string;
  /** local date; the deadline is the end of that day in Asia/Shanghai */
  deadline: string;
  photoIds?: string[];
  source: HazardSource;
  inspectionId?: string | null;
  inspectionResultId?: string | null;
  checklistItemId?: string | null;
  foundAt: Date;
  /** the input field to name in a deadline error (default `deadline`) */
  deadlineField?: string;
}

/**
 * Registers a hazard inside the caller's transaction: numbers it, records the `register` event,
 * attaches its photos and writes the audit row. A major hazard is put under 挂牌督办 (listed
 * supervision) at once, so only county staff can close it.
 * @throws AppError NOT_FOUND when the institution is outside the actor's scope;
 *         VALIDATION_FAILED when the deadline is before the day it was found or photos are invalid
 */
export async function registerHazard(tx: DbOrTx, actor: Actor, input: RegisterHazardInput, requestId?: string) {
  const [inst] = await tx.select().from(institution).where(eq(institution.id, input.institutionId));
  if (!inst || !canActOnInstitution(actor, inst)) throw notFound('机构不存在或不在您的管辖范围内');
  const deadline = endOfLocalDay(input.deadline);
  await checkDeadline(tx, deadline, input.foundAt, input.deadlineField);
  const code = await nextHazardCode(tx, local(input.foundAt).year());
  const [row] = await tx
    .insert(hazard)
    .values({
      code,
      institutionId: inst.id,
      townshipId: inst.townshipId,
      source: input.source,
      inspectionId: input.inspectionId ?? null,
      inspectionResultId: input.inspectionResultId ?? null,
      checklistItemId: input.checklistItemId ?? null,
      level: input.level,
      category: input.category,
      title: input.title,
      location: input.location ?? '',
      description: input.description ?? '',
      responsiblePerson: input.responsiblePerson ?? '',
      rectificationMeasures: input.rectificationMeasures ?? '',
      deadline,
      listedSupervision: input.level === 'major',
      foundAt: input.foundAt,
      reportedById: actor.id,
      isDemo: inst.isDemo,
    })
    .returning();
  const h = row!;
  await tx.insert(hazardEvent).values({ hazardId: h.id, action: 'register', fromStatus: null, toStatus: 'pending', note: input.description ?? '', actorId: actor.id, at: input.foundAt });
  await bindAttachments(tx, actor, input.photoIds ?? [], 'hazard', h.id);
  await writeAudit(tx, actor, { action: 'hazard.register', entityType: 'hazard', entityId: h.id, summary: `登记${t(`hazardLevel.${h.level}`)} ${h.code}：${h.title}（${inst.name}）`, after: h }, requestId);
  return h;
}

/**
 * A deadline must not be before the day the hazard was found, nor further than the setting
 * `hazard.maxDeadlineDays` after it (a far-off deadline would keep it from ever being overdue).
 * @throws AppError VALIDATION_FAILED on `field`
 */
async function checkDeadline(tx: DbOrTx, deadline: Date, foundAt: Date, field = 'deadline') {
  if (deadline < foundAt) throw invalidField(field, '整改期限不能早于发现日期');
  const maxDays = await getSetting(tx, 'hazard.maxDeadlineDays');
  if (deadline.getTime() - foundAt.getTime() > (maxDays + 1) * 86400_000) {
    throw invalidField(field, `整改期限不能超过发现之日起 ${maxDays} 天`);
  }
}

/** 随手拍: registers a hazard directly, without a checklist. */
export async function createAdhocHazard(tx: DbOrTx, actor: Actor, input: Omit<RegisterHazardInput, 'source' | 'foundAt'>, now: Date, requestId?: string) {
  requirePermission(actor, 'hazard.register');
  return registerHazard(tx, actor, { ...input, source: 'adhoc', foundAt: now }, requestId);
}

/**
 * The hazard's full record for the actor: details, photos, timeline (who, when, note, evidence)
 * and the abilities the actor has on it now.
 * @throws AppError NOT_FOUND when missing or outside scope
 */
export async function getHazardDetail(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<HazardDetail> {
  const row = await findHazardInScope(db, actor, id);
  if (!row) throw notFound();
  const events = await findEvents(db, id);
  const photos = await attachmentIdsFor(db, 'hazard', [id]);
  const evidence = await attachmentIdsFor(db, 'hazard_event', events.map((e) => e.e.id));
  const fromDrill = row.h.source === 'drill' ? await findDrillOfHazard(db, id) : undefined;
  return {
    ...toHazardSummary(row, now),
    description: row.h.description,
    rectificationMeasures: row.h.rectificationMeasures,
    inspectionId: row.h.inspectionId,
    drill: fromDrill ? { id: fromDrill.id, title: fromDrill.title, heldAt: fromDrill.heldAt?.toISOString() ?? null } : null,
    checklistItem: row.item?.code ? { code: row.item.code, checkText: row.item.checkText!, legalBasis: row.item.legalBasis! } : null,
    reportedByName: row.reportedByName,
    revision: row.h.revision,
    photoIds: photos.get(id) ?? [],
    events: events.map((e) => ({
      id: e.e.id,
      action: e.e.action,
      fromStatus: (e.e.fromStatus as HazardStatus | null) ?? null,
      toStatus: e.e.toStatus as HazardStatus,
      note: e.e.note,
      actorName: e.actorName,
      actorRole: e.actorRole,
      at: e.e.at.toISOString(),
      photoIds: evidence.get(e.e.id) ?? [],
    })),
    abilities: presentAbilities(actor, row.h, events.filter((e) => e.e.action === 'submit_rectification').at(-1)?.e.actorId ?? null),
  };
}

/** A page of the hazard ledger (隐患台账) in the actor's scope. */
export async function listHazards(db: DbOrTx, actor: Actor, q: HazardFilter & { page: number; pageSize: number }, now: Date) {
  const { rows, total } = await findLedger(db, actor, q, now, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => toHazardSummary(r, now)), total, page: q.page, pageSize: q.pageSize };
}

export interface StepInput {
  note: string;
  photoIds: string[];
  revision?: number | undefined;
  responsiblePerson?: string | undefined;
  rectificationMeasures?: string | undefined;
}

const STEP_LABEL: Record<HazardStep, string> = {
  start_rectification: 'hazardAction.start_rectification',
  submit_rectification: 'hazardAction.submit_rectification',
  verify: 'hazardAction.verify',
  return: 'hazardAction.return',
};

/**
 * Takes one step of the closed loop on a hazard, in one transaction: lock → authorise → check the
 * transition → update → event (who, when, note, evidence photos) → audit.
 * @throws AppError NOT_FOUND (missing / out of scope), FORBIDDEN (role may not, e.g. a township
 *   officer closing a major hazard), ILLEGAL_TRANSITION 409 (wrong status), CONFLICT 409 (stale
 *   revision), VALIDATION_FAILED (missing note on submit/return)
 */
export async function takeHazardStep(db: Db | Tx, actor: Actor, id: string, step: HazardStep, input: StepInput, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const h = await lockHazard(tx, actor, id);
    if (!h) throw notFound();
    authorizeHazardAction(actor, h, step);
    const to = nextStatus(h.status, step);
    if (!to) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `隐患当前为「${t(`hazardStatus.${h.status}`)}」，不能「${t(STEP_LABEL[step])}」`,
        { status: h.status, step },
      );
    }
    if (input.revision !== undefined && input.revision !== h.revision) {
      throw new AppError('CONFLICT', '隐患已被他人更新，请刷新后再操作', { revision: h.revision });
    }
    if (step === 'verify' || step === 'return') {
      // 验收 is a second pair of eyes: whoever submitted the rectification cannot accept it
      const [lastSubmit] = await tx
        .select({ actorId: hazardEvent.actorId })
        .from(hazardEvent)
        .where(and(eq(hazardEvent.hazardId, h.id), eq(hazardEvent.action, 'submit_rectification')))
        .orderBy(desc(hazardEvent.at))
        .limit(1);
      if (lastSubmit?.actorId === actor.id) throw new AppError('FORBIDDEN', '不能验收自己提交的整改，请由其他人员验收');
    }
    if (NOTE_REQUIRED.has(step) && !input.note.trim()) {
      throw invalidField('note', step === 'return' ? '请填写退回原因' : '请填写整改情况说明');
    }
    const [updated] = await tx
      .update(hazard)
      .set({
        status: to,
        closedAt: to === 'closed' ? now : null,
        revision: h.revision + 1,
        updatedAt: now,
        ...(input.responsiblePerson !== undefined ? { responsiblePerson: input.responsiblePerson } : {}),
        ...(input.rectificationMeasures !== undefined ? { rectificationMeasures: input.rectificationMeasures } : {}),
      })
      .where(eq(hazard.id, h.id))
      .returning();
    const [ev] = await tx
      .insert(hazardEvent)
      .values({ hazardId: h.id, action: step, fromStatus: h.status, toStatus: to, note: input.note, actorId: actor.id, at: now })
      .returning();
    await bindAttachments(tx, actor, input.photoIds, 'hazard_event', ev!.id);
    await writeAudit(
      tx,
      actor,
      {
        action: `hazard.${step}`,
        entityType: 'hazard',
        entityId: h.id,
        summary: `${h.code}：${t(`hazardStatus.${h.status}`)} → ${t(`hazardStatus.${to}`)}${input.note ? `（${input.note.slice(0, 60)}）` : ''}`,
        before: { status: h.status, revision: h.revision },
        after: { status: to, revision: updated!.revision, note: input.note },
      },
      requestId,
    );
    return updated!;
  });
}

export interface HazardPatch {
  level?: HazardLevel | undefined;
  category?: HazardCategory | undefined;
  title?: string | undefined;
  location?: string | undefined;
  description?: string | undefined;
  responsiblePerson?: string | undefined;
  rectificationMeasures?: string | undefined;
  deadline?: string | undefined;
  note: string;
}

/**
 * Edits an open hazard (e.g. extends the deadline, raises it to major). Raising to major puts it
 * under 挂牌督办; only county staff may lower a major hazard.
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (closed hazards are frozen)
 */
export async function updateHazard(db: Db, actor: Actor, id: string, patch: HazardPatch, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const h = await lockHazard(tx, actor, id);
    if (!h) throw notFound();
    authorizeHazardAction(actor, h, 'update');
    if (h.status === 'closed') throw new AppError('ILLEGAL_TRANSITION', '隐患已销号，不能再修改');
    if (patch.level === 'general' && h.level === 'major' && !actor.permissions.has('hazard.verify_major')) {
      throw new AppError('FORBIDDEN', '重大隐患只能由县局调整等级');
    }
    const { note, deadline, ...rest } = patch;
    const changes: Partial<typeof hazard.$inferInsert> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (deadline) {
      if ((h.level === 'major' || h.listedSupervision) && !actor.permissions.has('hazard.verify_major')) {
        throw new AppError('FORBIDDEN', '重大隐患实行挂牌督办，整改期限只能由县局调整');
      }
      const d = endOfLocalDay(deadline);
      await checkDeadline(tx, d, h.foundAt);
      changes.deadline = d;
    }
    if (changes.level === 'major') changes.listedSupervision = true;
    if (Object.keys(changes).length === 0) throw invalidField('', '没有需要修改的内容');
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, h[k as keyof typeof h]]));
    const [updated] = await tx.update(hazard).set({ ...changes, revision: h.revision + 1, updatedAt: now }).where(eq(hazard.id, h.id)).returning();
    await tx.insert(hazardEvent).values({ hazardId: h.id, action: 'update', fromStatus: h.status, toStatus: h.status, note: note || '修改隐患信息', actorId: actor.id, at: now });
    await writeAudit(tx, actor, { action: 'hazard.update', entityType: 'hazard', entityId: h.id, summary: `修改 ${h.code}${note ? `：${note}` : ''}`, before, after: changes }, requestId);
    return updated!;
  });
}

export { findLedger };
export type { HazardFilter };
