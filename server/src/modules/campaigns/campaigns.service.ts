import { and, eq } from 'drizzle-orm';
import { campaign, campaignEvent, campaignTask, office, taskAssignment, type Db, type DbOrTx } from '@lifeline/db';
import {
  endOfLocalDay,
  local,
  localDate,
  startOfLocalDay,
  type CampaignDetail,
  type CampaignFromNoticeResult,
  type CampaignStatus,
  type CampaignSummary,
} from '@lifeline/shared';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { bindAttachments } from '../uploads/uploads.service.ts';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { campaignNameFromTitle, parseNotice, type DraftTask, type TaskDeadline } from './notice-parser.ts';
import { toCampaignDetail, toCampaignSummary } from './campaigns.presenter.ts';
import { countTasks, findCampaign, findCampaigns, findEvents, findTasks, lockCampaign, type CampaignRow, type CampaignTaskRow } from './campaigns.repo.ts';
import { isEditable, nextCampaignStatus, type CampaignStep } from './campaigns.workflow.ts';
import { createAssignments } from './assignments.ts';
import { notifyUsers, usersOfAssignment } from '../notifications/notify.ts';

const STATUS_LABEL: Record<CampaignStatus, string> = { draft: '草稿', published: '已发布', ended: '已结束' };
const STEP_LABEL: Record<CampaignStep, string> = { publish: '发布', end: '结束' };

type TaskInsert = typeof campaignTask.$inferInsert;

/**
 * A parser deadline → an instant: the end of the local day, or the given `HH:mm` that day
 * (Asia/Shanghai has no daylight saving time, so the offset from the start of the day is exact).
 */
export function deadlineInstant(d: TaskDeadline): Date {
  if (!d.time) return endOfLocalDay(d.date);
  const [h, m] = d.time.split(':').map(Number) as [number, number];
  return new Date(startOfLocalDay(d.date).getTime() + (h * 60 + m) * 60_000);
}

/** What a `count` deliverable counts, read from the sentence (演练 → drill …), or null. */
function guessCountOf(sentence: string): TaskInsert['countOf'] {
  if (/演练/.test(sentence)) return 'drill';
  if (/学习|培训|研讨/.test(sentence)) return 'study_session';
  if (/检查|排查|自查/.test(sentence)) return 'inspection';
  return null;
}

/**
 * A draft task the parser proposed → a row to insert, or the reason it cannot be placed
 * (no usable deadline, no assignee scope, an office not named, a count without an object).
 */
function placeTask(d: DraftTask, campaignId: string, sortOrder: number): { row: TaskInsert } | { reason: string } {
  if (!d.deadline) return { reason: '截止日期无法确定，请手工添加' };
  if (d.assigneeScope === 'unspecified') return { reason: '未识别报送对象，请手工添加' };
  if (d.assigneeScope === 'office') return { reason: '报送对象为局机关股室，请手工添加并选择股室' };
  if (d.assigneeScope === 'each_institution_of_types' && !d.institutionTypes?.length) return { reason: '未识别机构类型，请手工添加' };
  const countOf = d.deliverableKind === 'count' ? guessCountOf(d.sourceSentence) : null;
  if (d.deliverableKind === 'count' && !countOf) return { reason: '未识别统计对象，请手工添加' };
  const instructions = [d.sourceSentence, ...d.notes.map((n) => `（${n}）`)].join('\n');
  return {
    row: {
      campaignId,
      title: d.title.slice(0, 200),
      instructions,
      assigneeScope: d.assigneeScope,
      institutionTypes: d.assigneeScope === 'each_institution_of_types' ? (d.institutionTypes ?? []) : [],
      deadline: deadlineInstant(d.deadline),
      deliverableKind: d.deliverableKind,
      countOf,
      requiredQuantity: Math.max(1, d.quantity ?? 1),
      recipient: d.recipient ?? '',
      sortOrder,
    },
  };
}

/**
 * Creates a DRAFT campaign from the text of a notice: header, sections, the tasks the parser could
 * place and the dated events, in one transaction with its audit entry. Tasks without a usable
 * deadline or assignee are returned as `unplacedTasks`; the parser's `issues` are returned as they are.
 * With `sourceAttachmentId` (the uploaded .docx, a pending upload of the actor) the file is bound to
 * the campaign in the same transaction and kept as `source_attachment_id`.
 * @throws AppError FORBIDDEN without `campaign.manage`; VALIDATION_FAILED for an unusable attachment
 */
export async function createCampaignFromNotice(
  db: Db,
  actor: Actor,
  input: { text: string; year?: number | undefined; name?: string | undefined; sourceAttachmentId?: string | undefined },
  now: Date,
  requestId?: string,
): Promise<CampaignFromNoticeResult> {
  requirePermission(actor, 'campaign.manage');
  const parsed = parseNotice(input.text, input.year !== undefined ? { year: input.year } : {});
  const year = input.year ?? parsed.year ?? local(now).year();
  const period = parsed.period && parsed.period.from <= parsed.period.to ? parsed.period : null;
  const unplacedTasks: CampaignFromNoticeResult['unplacedTasks'] = [];
  const id = await db.transaction(async (tx) => {
    const [c] = await tx
      .insert(campaign)
      .values({
        name: (input.name ?? (parsed.title ? campaignNameFromTitle(parsed.title) : `${year}年专项活动`)).slice(0, 200),
        theme: parsed.theme ?? '',
        year,
        startsOn: period?.from ?? null,
        endsOn: period?.to ?? null,
        issuer: parsed.issuer ?? '',
        sourceText: input.text,
        sourceAttachmentId: input.sourceAttachmentId ?? null,
        sections: parsed.sections.map((s) => ({ number: s.number, heading: s.heading, text: s.text, activities: s.activities })),
        status: 'draft',
        createdById: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const rows: TaskInsert[] = [];
    parsed.tasks.forEach((d) => {
      const placed = placeTask(d, c!.id, (rows.length + 1) * 10);
      if ('row' in placed) rows.push(placed.row);
      else {
        unplacedTasks.push({
          title: d.title,
          deliverableKind: d.deliverableKind,
          quantity: d.quantity,
          assigneeScope: d.assigneeScope,
          deadlineText: d.deadlineText,
          sourceSentence: d.sourceSentence,
          notes: [placed.reason, ...d.notes],
        });
      }
    });
    if (input.sourceAttachmentId) await bindAttachments(tx, actor, [input.sourceAttachmentId], 'campaign', c!.id, 'file');
    if (rows.length) await tx.insert(campaignTask).values(rows);
    const events = parsed.events.filter((e): e is typeof e & { date: string } => e.date !== null);
    if (events.length) await tx.insert(campaignEvent).values(events.map((e) => ({ campaignId: c!.id, name: e.name.slice(0, 200), date: e.date })));
    await writeAudit(
      tx,
      actor,
      {
        action: 'campaign.create',
        entityType: 'campaign',
        entityId: c!.id,
        summary: `根据通知创建活动草稿：${c!.name}（任务 ${rows.length} 项，待补充 ${unplacedTasks.length} 项）`,
        after: { ...c!, sourceText: undefined, tasks: rows.length, events: events.length },
      },
      requestId,
    );
    return c!.id;
  });
  return { campaign: await getCampaignDetail(db, actor, id), unplacedTasks, issues: parsed.issues };
}

/** Drafts are the county admin's work in progress: only those who manage campaigns see them. */
export function canSeeCampaign(actor: Actor, c: Pick<CampaignRow, 'status'>): boolean {
  return c.status !== 'draft' || actor.permissions.has('campaign.manage');
}

/** Every campaign the actor may see (drafts only for managers), newest first. */
export async function listCampaigns(db: DbOrTx, actor: Actor): Promise<{ items: CampaignSummary[] }> {
  requirePermission(actor, 'campaign.read');
  const rows = await findCampaigns(db);
  return { items: rows.filter((r) => canSeeCampaign(actor, r.c)).map((r) => toCampaignSummary(r.c, Number(r.taskCount))) };
}

/**
 * A campaign with its sections, tasks, events and the actor's abilities.
 * @throws AppError NOT_FOUND
 */
export async function getCampaignDetail(db: DbOrTx, actor: Actor, id: string): Promise<CampaignDetail> {
  requirePermission(actor, 'campaign.read');
  const c = await findCampaign(db, id);
  if (!c || !canSeeCampaign(actor, c)) throw notFound('活动不存在');
  return toCampaignDetail(actor, c, await findTasks(db, id), await findEvents(db, id));
}

/** Locks the campaign and checks it is still a draft. */
async function lockDraft(tx: DbOrTx, id: string): Promise<CampaignRow> {
  const c = await lockCampaign(tx, id);
  if (!c) throw notFound('活动不存在');
  if (!isEditable(c.status)) {
    throw new AppError('ILLEGAL_TRANSITION', `活动当前为「${STATUS_LABEL[c.status]}」，只有草稿可以修改`, { status: c.status });
  }
  return c;
}

const pick = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export interface CampaignPatchInput {
  name?: string | undefined;
  theme?: string | undefined;
  year?: number | undefined;
  startsOn?: string | null | undefined;
  endsOn?: string | null | undefined;
  issuer?: string | undefined;
}

/**
 * Edits a draft campaign's header.
 * @throws AppError NOT_FOUND, ILLEGAL_TRANSITION (not a draft), VALIDATION_FAILED
 */
export async function updateCampaign(db: Db, actor: Actor, id: string, patch: CampaignPatchInput, now: Date, requestId?: string) {
  requirePermission(actor, 'campaign.manage');
  return db.transaction(async (tx) => {
    const c = await lockDraft(tx, id);
    const changes = pick(patch);
    if (Object.keys(changes).length === 0) throw invalidField('', '没有需要修改的内容');
    const startsOn = changes.startsOn !== undefined ? changes.startsOn : c.startsOn;
    const endsOn = changes.endsOn !== undefined ? changes.endsOn : c.endsOn;
    if (startsOn && endsOn && startsOn > endsOn) throw invalidField('endsOn', '结束日期不能早于开始日期');
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, c[k as keyof CampaignRow]]));
    await tx.update(campaign).set({ ...changes, updatedAt: now }).where(eq(campaign.id, id));
    await writeAudit(tx, actor, { action: 'campaign.update', entityType: 'campaign', entityId: id, summary: `修改活动：${changes.name ?? c.name}`, before, after: changes }, requestId);
  });
}

export interface TaskFieldsInput {
  title?: string | undefined;
  instructions?: string | undefined;
  assigneeScope?: CampaignTaskRow['assigneeScope'] | undefined;
  institutionTypes?: string[] | undefined;
  officeId?: string | null | undefined;
  deadline?: string | undefined;
  deliverableKind?: CampaignTaskRow['deliverableKind'] | undefined;
  countOf?: CampaignTaskRow['countOf'] | undefined;
  requiredQuantity?: number | undefined;
  reviewRequired?: boolean | undefined;
  recipient?: string | undefined;
  sortOrder?: number | undefined;
}

/** Checks the task as it will be stored (after a patch is merged) and that a named office exists. */
async function checkTask(tx: DbOrTx, t: Pick<CampaignTaskRow, 'assigneeScope' | 'institutionTypes' | 'officeId' | 'deliverableKind' | 'countOf'>) {
  if (t.assigneeScope === 'each_institution_of_types' && t.institutionTypes.length === 0) throw invalidField('institutionTypes', '请选择机构类型');
  if (t.assigneeScope === 'office' && !t.officeId) throw invalidField('officeId', '请选择股室');
  if (t.deliverableKind === 'count' && !t.countOf) throw invalidField('countOf', '请选择统计对象');
  if (t.officeId) {
    const [o] = await tx.select({ id: office.id }).from(office).where(eq(office.id, t.officeId));
    if (!o) throw invalidField('officeId', '股室不存在');
  }
}

/** Keeps only the fields that belong to the scope/kind (types only with of_types, office only with office, countOf only with count). */
function normaliseTask<T extends Pick<CampaignTaskRow, 'assigneeScope' | 'institutionTypes' | 'officeId' | 'deliverableKind' | 'countOf'>>(t: T): T {
  return {
    ...t,
    institutionTypes: t.assigneeScope === 'each_institution_of_types' ? t.institutionTypes : [],
    officeId: t.assigneeScope === 'office' ? t.officeId : null,
    countOf: t.deliverableKind === 'count' ? t.countOf : null,
  };
}

/**
 * Adds a task to a draft campaign.
 * @throws AppError NOT_FOUND, ILLEGAL_TRANSITION (not a draft), VALIDATION_FAILED
 */
export async function addTask(db: Db, actor: Actor, campaignId: string, input: TaskFieldsInput & Required<Pick<TaskFieldsInput, 'title' | 'assigneeScope' | 'deadline' | 'deliverableKind'>>, now: Date, requestId?: string) {
  requirePermission(actor, 'campaign.manage');
  return db.transaction(async (tx) => {
    const c = await lockDraft(tx, campaignId);
    const row = normaliseTask({
      campaignId,
      title: input.title,
      instructions: input.instructions ?? '',
      assigneeScope: input.assigneeScope,
      institutionTypes: input.institutionTypes ?? [],
      officeId: input.officeId ?? null,
      deadline: endOfLocalDay(input.deadline),
      deliverableKind: input.deliverableKind,
      countOf: input.countOf ?? null,
      requiredQuantity: input.requiredQuantity ?? 1,
      reviewRequired: input.reviewRequired ?? true,
      recipient: input.recipient ?? '',
      sortOrder: input.sortOrder ?? ((await countTasks(tx, campaignId)) + 1) * 10,
      createdAt: now,
      updatedAt: now,
    });
    await checkTask(tx, row);
    const [task] = await tx.insert(campaignTask).values(row).returning();
    await tx.update(campaign).set({ updatedAt: now }).where(eq(campaign.id, campaignId));
    await writeAudit(tx, actor, { action: 'campaign.task_add', entityType: 'campaign_task', entityId: task!.id, summary: `${c.name}：新增任务「${task!.title}」`, after: task }, requestId);
    return task!;
  });
}

/**
 * Edits a task of a draft campaign.
 * @throws AppError NOT_FOUND, ILLEGAL_TRANSITION (not a draft), VALIDATION_FAILED
 */
export async function updateTask(db: Db, actor: Actor, campaignId: string, taskId: string, patch: TaskFieldsInput, now: Date, requestId?: string) {
  requirePermission(actor, 'campaign.manage');
  return db.transaction(async (tx) => {
    const c = await lockDraft(tx, campaignId);
    const [task] = await tx.select().from(campaignTask).where(and(eq(campaignTask.id, taskId), eq(campaignTask.campaignId, campaignId)));
    if (!task) throw notFound('任务不存在');
    const { deadline, ...rest } = pick(patch);
    const changes: Partial<TaskInsert> = { ...rest, ...(deadline ? { deadline: endOfLocalDay(deadline) } : {}) };
    if (Object.keys(changes).length === 0) throw invalidField('', '没有需要修改的内容');
    const merged = normaliseTask({ ...task, ...changes } as CampaignTaskRow);
    await checkTask(tx, merged);
    const { institutionTypes, officeId, countOf } = merged;
    const set = { ...changes, institutionTypes, officeId, countOf, updatedAt: now };
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, task[k as keyof CampaignTaskRow]]));
    const [updated] = await tx.update(campaignTask).set(set).where(eq(campaignTask.id, taskId)).returning();
    await tx.update(campaign).set({ updatedAt: now }).where(eq(campaign.id, campaignId));
    await writeAudit(tx, actor, { action: 'campaign.task_update', entityType: 'campaign_task', entityId: taskId, summary: `${c.name}：修改任务「${updated!.title}」`, before, after: changes }, requestId);
    return updated!;
  });
}

/**
 * Removes a task from a draft campaign.
 * @throws AppError NOT_FOUND, ILLEGAL_TRANSITION (not a draft)
 */
export async function deleteTask(db: Db, actor: Actor, campaignId: string, taskId: string, now: Date, requestId?: string) {
  requirePermission(actor, 'campaign.manage');
  await db.transaction(async (tx) => {
    const c = await lockDraft(tx, campaignId);
    const [task] = await tx.delete(campaignTask).where(and(eq(campaignTask.id, taskId), eq(campaignTask.campaignId, campaignId))).returning();
    if (!task) throw notFound('任务不存在');
    await tx.update(campaign).set({ updatedAt: now }).where(eq(campaign.id, campaignId));
    await writeAudit(tx, actor, { action: 'campaign.task_delete', entityType: 'campaign_task', entityId: taskId, summary: `${c.name}：删除任务「${task.title}」`, before: task }, requestId);
  });
}

/**
 * Publishes (needs at least one task; creates the assignments of every task, see
 * {@link createAssignments}) or ends a campaign.
 * @throws AppError NOT_FOUND, ILLEGAL_TRANSITION (wrong status, or publishing without tasks)
 */
export async function stepCampaign(db: Db, actor: Actor, id: string, step: CampaignStep, now: Date, requestId?: string, opts: { confirmPastDeadlines?: boolean } = {}) {
  requirePermission(actor, 'campaign.manage');
  await db.transaction(async (tx) => {
    const c = await lockCampaign(tx, id);
    if (!c) throw notFound('活动不存在');
    const to = nextCampaignStatus(c.status, step);
    if (!to) {
      throw new AppError('ILLEGAL_TRANSITION', `活动当前为「${STATUS_LABEL[c.status]}」，不能「${STEP_LABEL[step]}」`, { status: c.status, step });
    }
    if (step === 'publish' && (await countTasks(tx, id)) === 0) {
      throw new AppError('ILLEGAL_TRANSITION', '活动还没有任何任务，请至少添加一项任务后再发布', { status: c.status, step, tasks: 0 });
    }
    if (step === 'publish' && !opts.confirmPastDeadlines) {
      // e.g. last year's notice used as it is: every unit would be overdue on the day it is told
      const past = (await findTasks(tx, id)).filter((t) => t.deadline.getTime() < now.getTime());
      if (past.length) {
        throw new AppError('CONFLICT', `有 ${past.length} 项任务的截止日期已过（${past.map((t) => `「${t.title}」${localDate(t.deadline)}`).join('、')}），请修改截止日期，或确认后仍然发布`, {
          pastDeadlines: past.map((t) => ({ taskId: t.id, title: t.title, deadlineDate: localDate(t.deadline) })),
        });
      }
    }
    const set = step === 'publish' ? { status: to, publishedAt: now, publishedById: actor.id, updatedAt: now } : { status: to, endedAt: now, endedById: actor.id, updatedAt: now };
    await tx.update(campaign).set(set).where(eq(campaign.id, id));
    // publishing hands the tasks out: one assignment per unit, from the units that exist now
    const assignments = step === 'publish' ? await createAssignments(tx, { ...c, ...set }, await findTasks(tx, id), actor.countyId, now) : undefined;
    if (step === 'publish') await notifyPublished(tx, c, now);
    await writeAudit(
      tx,
      actor,
      { action: `campaign.${step}`, entityType: 'campaign', entityId: id, summary: `${STEP_LABEL[step]}活动：${c.name}（${STATUS_LABEL[c.status]} → ${STATUS_LABEL[to]}）`, before: { status: c.status }, after: { status: to, ...(assignments !== undefined ? { assignments } : {}) } },
      requestId,
    );
  });
}

/**
 * Tells every unit with an assignment of the campaign (its active officers) that tasks were handed
 * out: one notification per user, linking to 我的任务.
 */
async function notifyPublished(tx: DbOrTx, c: CampaignRow, now: Date) {
  const rows = await tx.select({ id: taskAssignment.id }).from(taskAssignment).where(eq(taskAssignment.campaignId, c.id));
  const users = new Set<string>();
  for (const r of rows) for (const u of await usersOfAssignment(tx, r.id)) users.add(u);
  const tasks = await findTasks(tx, c.id);
  const first = tasks.reduce<CampaignTaskRow | undefined>((m, t) => (!m || t.deadline < m.deadline ? t : m), undefined);
  await notifyUsers(
    tx,
    [...users],
    {
      kind: 'campaign_published',
      title: `新任务：${c.name}`,
      body: `共 ${tasks.length} 项任务${first ? `，最早截止：「${first.title}」${localDate(first.deadline)}` : ''}`,
      link: '/my-tasks',
      entityType: 'campaign',
      entityId: c.id,
    },
    now,
  );
}

/**
 * Deletes a draft campaign (its tasks and events go with it). Published campaigns are ended, never deleted.
 * @throws AppError NOT_FOUND, ILLEGAL_TRANSITION (not a draft)
 */
export async function deleteDraftCampaign(db: Db, actor: Actor, id: string, requestId?: string) {
  requirePermission(actor, 'campaign.manage');
  await db.transaction(async (tx) => {
    const c = await lockDraft(tx, id);
    await tx.delete(campaign).where(eq(campaign.id, id));
    await writeAudit(tx, actor, { action: 'campaign.delete', entityType: 'campaign', entityId: id, summary: `删除活动草稿：${c.name}`, before: { ...c, sourceText: undefined } }, requestId);
  });
}
