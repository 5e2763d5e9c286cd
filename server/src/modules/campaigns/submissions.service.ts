import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { attachment, campaign, campaignTask, submission, taskAssignment, type DbOrTx } from '@lifeline/db';
import { ROLE_SCOPE, type Assignment, type AssignmentDetail, type AssignmentState, type Submission } from '@lifeline/shared';
import { AppError, forbidden, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { bindAttachments, toAttachmentDto } from '../uploads/uploads.service.ts';
import { campaignReviewers, notifyUsers, usersOfAssignment } from '../notifications/notify.ts';
import { toCampaignTask } from './campaigns.presenter.ts';
import { findAssignments, isOwnAssignment, type CampaignHead, ownAssignmentsCondition, toAssignmentDtos, userNames, type SubmissionRow } from './assignments.ts';
import type { CampaignTaskRow } from './campaigns.repo.ts';

/**
 * 报送与审核: a unit hands in its deliverable (text + files), the county accepts or returns it
 * (a return is answered with a new version), marks accepted articles 优选推送 and accepted videos
 * for the public 展播. Every step is audited in its transaction and notifies the other side.
 */

/** Which uploaded files a deliverable kind takes, and how they are counted against the quantity. */
const KIND_RULES: Record<Exclude<CampaignTaskRow['deliverableKind'], 'count'>, { mime: (m: string) => boolean; textCounts: boolean; unit: string; what: string }> = {
  article: { mime: (m) => m.startsWith('application/'), textCounts: true, unit: '篇', what: '文章（正文或 Word/PDF 附件）' },
  summary_report: { mime: (m) => m.startsWith('application/'), textCounts: true, unit: '份', what: '总结（正文或 Word/PDF 附件）' },
  document: { mime: (m) => m.startsWith('application/'), textCounts: false, unit: '份', what: '文件（Word/PDF/Excel）' },
  photos: { mime: (m) => m.startsWith('image/'), textCounts: false, unit: '张', what: '照片' },
  video: { mime: (m) => m.startsWith('video/'), textCounts: false, unit: '个', what: '视频（MP4/WebM）' },
};

const linkOf = (campaignId: string, assignmentId: string) => `/campaigns/${campaignId}/assignments/${assignmentId}`;

async function loadAssignment(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await findAssignments(db, actor, eq(taskAssignment.id, id));
  if (!row) throw notFound('任务不存在或不在您的管辖范围内');
  return row;
}

/** Locks the assignment row so two submissions or reviews of one unit's task do not interleave. */
async function lockAssignment(tx: DbOrTx, actor: Actor, id: string) {
  const row = await loadAssignment(tx, actor, id);
  await tx.select({ id: taskAssignment.id }).from(taskAssignment).where(eq(taskAssignment.id, id)).for('update');
  return row;
}

async function versions(db: DbOrTx, assignmentId: string): Promise<SubmissionRow[]> {
  return db.select().from(submission).where(eq(submission.assignmentId, assignmentId)).orderBy(desc(submission.version));
}

async function toSubmissionDtos(db: DbOrTx, rows: SubmissionRow[]): Promise<Submission[]> {
  const files = rows.length
    ? await db.select().from(attachment).where(and(eq(attachment.entityType, 'submission'), inArray(attachment.entityId, rows.map((r) => r.id)))).orderBy(asc(attachment.createdAt))
    : [];
  const names = await userNames(db, rows.flatMap((r) => [r.submittedById, r.reviewedById]));
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    text: r.text,
    status: r.status,
    isLate: r.isLate,
    submittedAt: r.submittedAt.toISOString(),
    submittedByName: names.get(r.submittedById) ?? '',
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewedByName: r.reviewedById ? (names.get(r.reviewedById) ?? '') : null,
    reviewComment: r.reviewComment,
    featured: r.featured,
    showcased: r.showcased,
    attachments: files.filter((f) => f.entityId === r.id).map(toAttachmentDto),
  }));
}

/** Whether the actor may hand in for this assignment now (own unit, published, nothing pending or accepted). */
function canSubmit(actor: Actor, a: Parameters<typeof isOwnAssignment>[1], c: CampaignHead, t: CampaignTaskRow, latest: SubmissionRow | undefined): boolean {
  return (
    actor.permissions.has('campaign.submit') &&
    isOwnAssignment(actor, a) &&
    c.status === 'published' &&
    t.deliverableKind !== 'count' &&
    (!latest || latest.status === 'returned')
  );
}

/**
 * An assignment with its task, every submitted version (newest first) and the actor's abilities.
 * @throws AppError NOT_FOUND (unknown or outside the actor's scope)
 */
export async function getAssignmentDetail(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<AssignmentDetail> {
  requirePermission(actor, 'campaign.read');
  const row = await loadAssignment(db, actor, id);
  const [dto] = await toAssignmentDtos(db, [row], now);
  const all = await versions(db, id);
  const latest = all[0];
  const review = actor.permissions.has('campaign.review');
  return {
    ...dto!,
    campaignStatus: row.c.status,
    task: toCampaignTask(row.t),
    submissions: await toSubmissionDtos(db, all),
    abilities: {
      submit: canSubmit(actor, row.a, row.c, row.t, latest),
      review: review && latest?.status === 'submitted',
      return: review && latest?.status === 'submitted' && row.c.status === 'published',
      feature: review && latest?.status === 'accepted',
      showcase: review && latest?.status === 'accepted' && row.t.deliverableKind === 'video',
    },
  };
}

/**
 * Assignments in the actor's scope, optionally of one campaign, of the actor's own unit only
 * (`mine`) and in one derived state. Draft campaigns have none.
 */
export async function listAssignments(db: DbOrTx, actor: Actor, q: { campaignId?: string | undefined; state?: AssignmentState | undefined; mine?: 'true' | 'false' | undefined }, now: Date): Promise<{ items: Assignment[] }> {
  requirePermission(actor, 'campaign.read');
  const rows = await findAssignments(db, actor, q.campaignId ? eq(taskAssignment.campaignId, q.campaignId) : undefined, q.mine === 'true' ? ownAssignmentsCondition(actor) : undefined);
  const items = await toAssignmentDtos(db, rows, now);
  return { items: q.state ? items.filter((i) => i.state === q.state) : items };
}

/**
 * Hands in the deliverable of an assignment (version 1, or n+1 after a return). A submission after
 * the deadline is stored and marked late, never refused. When the task needs no review it is
 * accepted at once. Files must have been uploaded by the actor (POST /api/uploads) and match the
 * kind; their number (or 1 for an article/summary written in the text box alone) must reach the
 * required quantity.
 * @returns the new submission's id
 * @throws AppError NOT_FOUND (not in scope); FORBIDDEN (not the actor's unit);
 *   ILLEGAL_TRANSITION (campaign not published, a version is pending or accepted, count task);
 *   VALIDATION_FAILED (empty, wrong files, too few)
 */
export async function submitDeliverable(tx: DbOrTx, actor: Actor, assignmentId: string, input: { text: string; attachmentIds: string[] }, now: Date, requestId?: string): Promise<string> {
  requirePermission(actor, 'campaign.submit');
  const { a, t, c } = await lockAssignment(tx, actor, assignmentId);
  if (!isOwnAssignment(actor, a)) throw forbidden('只有承担该任务的单位可以报送');
  if (t.deliverableKind === 'count') throw new AppError('ILLEGAL_TRANSITION', '该任务按系统中的记录自动统计，无需报送');
  if (c.status !== 'published') throw new AppError('ILLEGAL_TRANSITION', c.status === 'ended' ? '活动已结束，不能再报送' : '活动尚未发布', { status: c.status });
  const [latest] = await versions(tx, assignmentId);
  if (latest && latest.status !== 'returned') {
    throw new AppError('ILLEGAL_TRANSITION', latest.status === 'accepted' ? '该任务已通过审核，无需再次报送' : '已报送，正在等待审核', { status: latest.status });
  }
  const ids = [...new Set(input.attachmentIds)];
  const text = input.text.trim();
  if (!text && ids.length === 0) throw invalidField('text', '请填写报送内容或上传附件');
  const rule = KIND_RULES[t.deliverableKind];
  // only the actor's own pending uploads count (anything else is refused by bindAttachments below,
  // and must not have its name read out in an error first)
  const files = ids.length ? await tx.select().from(attachment).where(and(inArray(attachment.id, ids), eq(attachment.ownerId, actor.id), isNull(attachment.entityType))) : [];
  if (files.length !== ids.length) throw invalidField('attachmentIds', '附件无效或已被使用，请重新上传');
  const wrong = files.find((f) => !rule.mime(f.mime));
  if (wrong) throw invalidField('attachmentIds', `「${wrong.originalName}」不是本任务要求的${rule.what}`);
  // the files are the deliverables; the text alone counts as one (an article written in the box),
  // never in addition to files (a PDF and its covering note are one article)
  const items = files.length > 0 ? files.length : rule.textCounts && text ? 1 : 0;
  if (items < t.requiredQuantity) throw invalidField('attachmentIds', `本任务要求至少 ${t.requiredQuantity} ${rule.unit}${rule.what}，当前 ${items} ${rule.unit}`);
  const version = (latest?.version ?? 0) + 1;
  const isLate = now.getTime() > t.deadline.getTime();
  const autoAccept = !t.reviewRequired;
  const [s] = await tx
    .insert(submission)
    .values({
      assignmentId,
      version,
      text,
      status: autoAccept ? 'accepted' : 'submitted',
      isLate,
      submittedById: actor.id,
      submittedAt: now,
      ...(autoAccept ? { reviewedAt: now } : {}),
    })
    .returning();
  await bindAttachments(tx, actor, ids, 'submission', s!.id, 'attachmentIds');
  await writeAudit(
    tx,
    actor,
    {
      action: 'campaign.submit',
      entityType: 'submission',
      entityId: s!.id,
      summary: `${a.unitName} 报送「${t.title}」第 ${version} 版${isLate ? '（逾期报送）' : ''}`,
      after: { assignmentId, version, isLate, status: s!.status, attachments: ids.length },
    },
    requestId,
  );
  if (!autoAccept) {
    await notifyUsers(
      tx,
      await campaignReviewers(tx),
      {
        kind: 'submission_received',
        title: `${a.unitName} 报送了「${t.title}」${version > 1 ? `（第 ${version} 版）` : ''}`,
        body: `${c.name}${isLate ? '；逾期报送' : ''}`,
        link: linkOf(c.id, assignmentId),
        entityType: 'task_assignment',
        entityId: assignmentId,
      },
      now,
    );
  }
  return s!.id;
}

async function loadSubmission(tx: DbOrTx, actor: Actor, submissionId: string) {
  const [s] = await tx.select().from(submission).where(eq(submission.id, submissionId));
  if (!s) throw notFound('报送记录不存在');
  const row = await lockAssignment(tx, actor, s.assignmentId);
  const [fresh] = await tx.select().from(submission).where(eq(submission.id, submissionId));
  const [latest] = await versions(tx, s.assignmentId);
  return { ...row, s: fresh!, latest: latest! };
}

/**
 * Accepts or returns (with a comment) the latest submitted version. The unit is notified.
 * @returns the assignment id
 * @throws AppError NOT_FOUND; ILLEGAL_TRANSITION (not the latest version, or already reviewed)
 */
export async function reviewSubmission(tx: DbOrTx, actor: Actor, submissionId: string, input: { decision: 'accept' | 'return'; comment: string }, now: Date, requestId?: string): Promise<string> {
  requirePermission(actor, 'campaign.review');
  const { a, t, c, s, latest } = await loadSubmission(tx, actor, submissionId);
  if (latest.id !== s.id) throw new AppError('ILLEGAL_TRANSITION', `这是第 ${s.version} 版，已有更新的第 ${latest.version} 版`, { version: s.version, latest: latest.version });
  if (s.status !== 'submitted') throw new AppError('ILLEGAL_TRANSITION', s.status === 'accepted' ? '该报送已通过审核' : '该报送已退回', { status: s.status });
  if (input.decision === 'return' && !input.comment.trim()) throw invalidField('comment', '退回时请填写退回意见');
  // a returned version is answered by a new one; an ended campaign takes none, so it can only be accepted
  if (input.decision === 'return' && c.status !== 'published') throw new AppError('ILLEGAL_TRANSITION', '活动已结束，单位无法再次报送，只能审核通过', { status: c.status });
  const status = input.decision === 'accept' ? 'accepted' : 'returned';
  await tx.update(submission).set({ status, reviewedById: actor.id, reviewedAt: now, reviewComment: input.comment.trim() }).where(eq(submission.id, s.id));
  const label = status === 'accepted' ? '通过' : '退回';
  await writeAudit(
    tx,
    actor,
    { action: `campaign.${input.decision}`, entityType: 'submission', entityId: s.id, summary: `${label} ${a.unitName}「${t.title}」第 ${s.version} 版`, before: { status: s.status }, after: { status, comment: input.comment.trim() } },
    requestId,
  );
  await notifyUsers(
    tx,
    await usersOfAssignment(tx, a.id),
    {
      kind: status === 'accepted' ? 'submission_accepted' : 'submission_returned',
      title: status === 'accepted' ? `「${t.title}」已通过审核` : `「${t.title}」被退回，请修改后重新报送`,
      body: input.comment.trim() || c.name,
      link: linkOf(c.id, a.id),
      entityType: 'task_assignment',
      entityId: a.id,
    },
    now,
  );
  return a.id;
}

/**
 * Turns 优选推送 (`featured`) or 展播 (`showcased`, videos only) on or off for an accepted submission.
 * @returns the assignment id
 * @throws AppError NOT_FOUND; ILLEGAL_TRANSITION (not accepted, not the latest, not a video for 展播)
 */
export async function markSubmission(tx: DbOrTx, actor: Actor, submissionId: string, flag: 'featured' | 'showcased', on: boolean, now: Date, requestId?: string): Promise<string> {
  requirePermission(actor, 'campaign.review');
  const { a, t, s, latest } = await loadSubmission(tx, actor, submissionId);
  if (s.status !== 'accepted' || latest.id !== s.id) throw new AppError('ILLEGAL_TRANSITION', '只有已通过审核的最新版本可以' + (flag === 'featured' ? '优选推送' : '展播'), { status: s.status });
  if (flag === 'showcased' && t.deliverableKind !== 'video') throw new AppError('ILLEGAL_TRANSITION', '只有短视频可以展播');
  if (s[flag] === on) return a.id;
  const set = flag === 'featured' ? { featured: on, featuredById: on ? actor.id : null, featuredAt: on ? now : null } : { showcased: on, showcasedById: on ? actor.id : null, showcasedAt: on ? now : null };
  await tx.update(submission).set(set).where(eq(submission.id, s.id));
  const what = flag === 'featured' ? '优选推送' : '展播';
  await writeAudit(tx, actor, { action: `campaign.${flag}`, entityType: 'submission', entityId: s.id, summary: `${on ? '' : '取消'}${what}：${a.unitName}「${t.title}」`, before: { [flag]: s[flag] }, after: { [flag]: on } }, requestId);
  return a.id;
}

/**
 * The accepted submissions marked 优选推送 in a campaign (county only), with their files, for the
 * 「下载优选稿件」 zip.
 */
export async function featuredSubmissions(db: DbOrTx, actor: Actor, campaignId: string) {
  requirePermission(actor, 'campaign.read');
  // the county (reviewers and the leader) forwards the selected set; townships and institutions do not
  if (ROLE_SCOPE[actor.role] !== 'county') throw forbidden();
  const [c] = await db.select().from(campaign).where(eq(campaign.id, campaignId));
  if (!c) throw notFound('活动不存在');
  const rows = await db
    .select({ s: submission, unitName: taskAssignment.unitName, taskTitle: campaignTask.title })
    .from(submission)
    .innerJoin(taskAssignment, eq(taskAssignment.id, submission.assignmentId))
    .innerJoin(campaignTask, eq(campaignTask.id, taskAssignment.taskId))
    .where(and(eq(taskAssignment.campaignId, campaignId), eq(submission.featured, true)))
    .orderBy(asc(campaignTask.sortOrder), asc(taskAssignment.unitName));
  const files = rows.length ? await db.select().from(attachment).where(and(eq(attachment.entityType, 'submission'), inArray(attachment.entityId, rows.map((r) => r.s.id)))) : [];
  return { campaign: c, items: rows.map((r) => ({ ...r, files: files.filter((f) => f.entityId === r.s.id) })) };
}
