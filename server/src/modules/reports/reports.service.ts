import { and, eq, inArray } from 'drizzle-orm';
import { appUser, hazard, office, publicReport, publicReportEvent, publicReportMessage, reportReward, township, type Db, type DbOrTx, type Tx } from '@lifeline/db';
import {
  ROLE_PERMISSIONS,
  endOfLocalDay,
  localDate,
  t,
  type ReportDetail,
  type ReportFilter,
  type ReportStatus,
  type RevealedIdentity,
  type RewardBasis,
  type RewardBasisInput,
  type RewardSuggestion,
  type Role,
} from '@lifeline/shared';
import type { z } from 'zod';
import type { ReportAcceptSchema, ReportRejectSchema, ReportVerdictSchema, RewardProposeSchema } from '@lifeline/shared';
import type { Config } from '../../config/env.ts';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { decryptContact, secretKey } from '../../lib/contact-crypto.ts';
import { writeAudit, type AuditActor } from '../../plugins/audit.ts';
import { authorizeReportAction, requirePermission, type Actor } from '../../policies/index.ts';
import { getHazardDetail, registerHazard } from '../hazards/hazards.service.ts';
import { notifyUsers, usersOfTownship } from '../notifications/notify.ts';
import { getSetting } from '../settings/settings.service.ts';
import {
  findContactCiphertext,
  findReportBrief,
  findReportEvents,
  findReportInScope,
  findReportMessages,
  findReportPhotoIds,
  findReports,
  findRewardOfReport,
  findSameMatter,
  lockReport,
  lockReward,
  markReporterMessagesRead,
  type ReportFields,
} from './reports.repo.ts';
import { presentDetail, presentReward, toReportSummary } from './reports.presenter.ts';
import { RewardRuleError, fenToYuan, rewardCeilingFen, suggestRewardFen, yuanToFen, type RewardRules } from './reports.rewards.ts';
import { nextReportStatus, stepDueAt, type ReportStep } from './reports.workflow.ts';

/**
 * Use cases of the staff side of public reports (举报处理): list, detail, the workflow steps,
 * messages to the reporter, the audited identity reveal and rewards. Each change is ONE transaction
 * with its `public_report_event` row and its audit row. The reporter's name and phone never leave
 * {@link revealReporterIdentity}: not in DTOs, exports, notifications, events, audit rows or messages.
 */

type AcceptInput = z.infer<typeof ReportAcceptSchema>;
type RejectInput = z.infer<typeof ReportRejectSchema>;
type VerdictInput = z.infer<typeof ReportVerdictSchema>;
type ProposeInput = z.infer<typeof RewardProposeSchema>;

const STEP_LABEL: Record<ReportStep, string> = {
  accept: '受理',
  reject: '不予受理',
  start_verification: '开始核查',
  verdict: '提交核查结论',
  propose_reward: '提出奖励',
  close: '办结',
};

const statusLabel = (s: ReportStatus) => t(`reportStatus.${s}`);

/** A page of reports in the actor's scope. */
export async function listReports(db: DbOrTx, actor: Actor, q: Partial<ReportFilter> & { page: number; pageSize: number }, now: Date) {
  requirePermission(actor, 'report.read');
  const { rows, total } = await findReports(db, actor, q, now, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => toReportSummary(r, now)), total, page: q.page, pageSize: q.pageSize };
}

/** The hazard's facts the report rules need (status), whatever the viewer's scope. */
async function hazardStatusOf(db: DbOrTx, hazardId: string | null) {
  if (!hazardId) return null;
  const [h] = await db.select({ status: hazard.status }).from(hazard).where(eq(hazard.id, hazardId));
  return h?.status ?? null;
}

/**
 * Why a report cannot get a reward proposed now (a Chinese message), or null when it can.
 * Rules (whistleblower-reward-rules.md §2): a verified true / partly true report; the reporter left
 * contact details (anonymous reports are handled but not rewarded); its hazard closed (销号); only
 * the first valid reporter of the same matter is rewarded — not a report marked as the duplicate of
 * an earlier true or rewarded one, not when another report of the same matter already has a reward,
 * and not when an earlier real-name true report of the same hazard exists.
 */
export function rewardBlocker(
  r: Pick<ReportFields, 'status' | 'verdict' | 'wantsReward' | 'hasContact' | 'receivedAt' | 'duplicateOfId'>,
  hazardStatus: string | null,
  reward: { status: string } | null,
  sameMatter: { id: string; verdict: string | null; receivedAt: Date; wantsReward: boolean; rewardStatus: string | null }[],
): string | null {
  const rejectedReward = reward?.status === 'rejected';
  if (!(r.status === 'verified' || (r.status === 'rewarding' && rejectedReward))) {
    return reward ? '该举报已有奖励记录' : `举报当前为「${statusLabel(r.status)}」，不能提出奖励`;
  }
  if (r.verdict !== 'true' && r.verdict !== 'partly_true') return '举报经核查不属实，不予奖励';
  if (!r.wantsReward || !r.hasContact) return '举报人未申请奖励或未留下联系方式（匿名举报），不能提出奖励';
  if (hazardStatus !== 'closed') return '关联隐患尚未销号，整改完成后再提出奖励';
  const confirmed = (v: string | null) => v === 'true' || v === 'partly_true';
  const original = r.duplicateOfId ? sameMatter.find((m) => m.id === r.duplicateOfId) : undefined;
  if (original && (confirmed(original.verdict) || (original.rewardStatus && original.rewardStatus !== 'rejected'))) return '同一事项仅奖励首位有效举报人';
  if (sameMatter.some((m) => m.rewardStatus && m.rewardStatus !== 'rejected')) return '同一事项仅奖励首位有效举报人';
  if (sameMatter.some((m) => confirmed(m.verdict) && m.wantsReward && m.receivedAt.getTime() < r.receivedAt.getTime())) return '同一事项仅奖励首位有效举报人';
  return null;
}

/**
 * Why a report cannot be closed (办结) now, or null. From verified: a false report, or a true one
 * whose hazard is closed; from rewarding: once the reward was paid, lapsed or not approved.
 */
export function closeBlocker(r: Pick<ReportFields, 'status' | 'verdict'>, hazardStatus: string | null, reward: { status: string } | null): string | null {
  if (!nextReportStatus(r.status, 'close')) return `举报当前为「${statusLabel(r.status)}」，不能办结`;
  if (r.status === 'verified' && r.verdict !== 'false' && hazardStatus !== 'closed') return '关联隐患尚未销号，不能办结';
  if (r.status === 'rewarding' && reward && !['paid', 'lapsed', 'rejected'].includes(reward.status)) return '奖励尚在审批或待领取，不能办结';
  return null;
}

/** A reward's status as the user should see it: approved past its claim deadline unclaimed = lapsed. */
export function effectiveRewardStatus(w: { status: string; claimDeadline: Date | null; claimedAt: Date | null }, now: Date) {
  if (w.status === 'approved' && !w.claimedAt && w.claimDeadline && w.claimDeadline.getTime() < now.getTime()) return 'lapsed' as const;
  return w.status as 'proposed' | 'approved' | 'paid' | 'lapsed' | 'rejected';
}

/**
 * The full record of a report for staff: details without identity, photos, history with staff
 * names, the message thread, the linked hazard with its live status (when the viewer may see it),
 * the reward, and the abilities of the viewer now.
 * @throws AppError NOT_FOUND when missing or outside the actor's scope
 */
export async function getReportDetail(db: DbOrTx, actor: Actor, id: string, now: Date): Promise<ReportDetail> {
  requirePermission(actor, 'report.read');
  const row = await findReportInScope(db, actor, id);
  if (!row) throw notFound();
  const r = row.r;
  const [events, messages, photos, reward, sameMatter, hazardStatus, duplicateOf] = await Promise.all([
    findReportEvents(db, id),
    findReportMessages(db, id),
    findReportPhotoIds(db, id),
    findRewardOfReport(db, id),
    findSameMatter(db, r),
    hazardStatusOf(db, r.hazardId),
    r.duplicateOfId ? findReportBrief(db, r.duplicateOfId) : Promise.resolve(undefined),
  ]);
  let hazardDto: ReportDetail['hazard'] = null;
  if (r.hazardId) {
    try {
      const h = await getHazardDetail(db, actor, r.hazardId, now);
      hazardDto = { id: h.id, code: h.code, title: h.title, status: h.status, level: h.level, institutionName: h.institutionName, deadline: h.deadline, overdue: h.overdue, closedAt: h.closedAt };
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
    }
  }
  return presentDetail(actor, row, now, {
    events,
    messages,
    photos,
    reward: reward ? { ...reward, status: effectiveRewardStatus(reward.w, now) } : null,
    hazard: hazardDto,
    duplicateOf: duplicateOf ? { id: duplicateOf.id, serialNo: duplicateOf.serialNo } : null,
    rewardBlocker: rewardBlocker(r, hazardStatus, reward ? { status: reward.w.status } : null, sameMatter),
    closeBlocker: closeBlocker(r, hazardStatus, reward ? { status: effectiveRewardStatus(reward.w, now) } : null),
  });
}

/** Locks, authorises, checks the transition and the revision of a step; returns the report. */
async function beginStep(tx: Tx, actor: Actor, id: string, step: ReportStep, revision: number | undefined): Promise<{ r: ReportFields; to: ReportStatus }> {
  const r = await lockReport(tx, id);
  if (!r) throw notFound();
  authorizeReportAction(actor, r, step === 'propose_reward' ? 'propose_reward' : step);
  const to = nextReportStatus(r.status, step);
  if (!to) throw new AppError('ILLEGAL_TRANSITION', `举报当前为「${statusLabel(r.status)}」，不能「${STEP_LABEL[step]}」`, { status: r.status, step });
  if (revision !== undefined && revision !== r.revision) throw new AppError('CONFLICT', '举报已被他人处理，请刷新后再操作', { revision: r.revision });
  return { r, to };
}

/** Writes the status change, its event and its audit row. */
async function commitStep(
  tx: DbOrTx,
  actor: AuditActor,
  r: ReportFields,
  step: string,
  to: ReportStatus,
  changes: Partial<typeof publicReport.$inferInsert>,
  note: string,
  now: Date,
  requestId?: string,
) {
  const limits = await getSetting(tx, 'report.timeLimitDays');
  const acceptedAt = changes.acceptedAt !== undefined ? changes.acceptedAt : r.acceptedAt;
  const due = stepDueAt(to, { receivedAt: r.receivedAt, acceptedAt: acceptedAt ?? null }, limits, r.stepDueAt);
  const [updated] = await tx
    .update(publicReport)
    .set({ ...changes, status: to, stepDueAt: due, revision: r.revision + 1 })
    .where(eq(publicReport.id, r.id))
    .returning({ id: publicReport.id, revision: publicReport.revision });
  await tx.insert(publicReportEvent).values({ reportId: r.id, action: step, fromStatus: r.status, toStatus: to, note, actorId: actor.id, at: now });
  const visibleChanges = Object.fromEntries(Object.entries(changes).filter(([k]) => k !== 'contactCiphertext'));
  await writeAudit(
    tx,
    actor,
    {
      action: `report.${step}`,
      entityType: 'public_report',
      entityId: r.id,
      summary: `举报 ${r.serialNo}：${statusLabel(r.status)} → ${statusLabel(to)}${note ? `（${note.slice(0, 60)}）` : ''}`,
      before: { status: r.status, revision: r.revision },
      after: { ...visibleChanges, status: to, revision: updated!.revision, stepDueAt: due, note },
    },
    requestId,
  );
}

/**
 * 受理: assigns the report to a township (its township office verifies) or an office of the bureau
 * and starts the verification time limit; the township's officers are notified (no identity).
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, CONFLICT (stale), VALIDATION_FAILED (unknown township/office)
 */
export async function acceptReport(db: Db | Tx, actor: Actor, id: string, input: AcceptInput, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const { r, to } = await beginStep(tx, actor, id, 'accept', input.revision);
    if (input.townshipId) {
      const [tw] = await tx.select({ id: township.id }).from(township).where(and(eq(township.id, input.townshipId), eq(township.countyId, actor.countyId)));
      if (!tw) throw invalidField('townshipId', '乡镇不存在');
    }
    if (input.officeId) {
      const [o] = await tx.select({ id: office.id }).from(office).where(and(eq(office.id, input.officeId), eq(office.countyId, actor.countyId)));
      if (!o) throw invalidField('officeId', '股室不存在');
    }
    await commitStep(tx, actor, r, 'accept', to, { townshipId: input.townshipId ?? null, officeId: input.officeId ?? null, acceptedAt: now }, input.note, now, requestId);
    if (input.townshipId) {
      await notifyUsers(
        tx,
        await usersOfTownship(tx, input.townshipId),
        { kind: 'report_assigned', title: `举报 ${r.serialNo} 已交由本乡镇核查`, body: `${t(`reportCategory.${r.category}`)}，请及时核查并提交核查结论。`, link: `/reports/${r.id}`, entityType: 'public_report', entityId: r.id },
        now,
      );
    }
  });
}

/**
 * 不予受理 with a reason: a duplicate names the earlier report (not itself), out of remit records the
 * department it was transferred to. The report ends (rejected).
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, CONFLICT, VALIDATION_FAILED
 */
export async function rejectReport(db: Db | Tx, actor: Actor, id: string, input: RejectInput, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const { r, to } = await beginStep(tx, actor, id, 'reject', input.revision);
    let duplicateOfId: string | null = null;
    if (input.reason === 'duplicate') {
      if (input.duplicateOfId === r.id) throw invalidField('duplicateOfId', '不能指向本举报');
      const orig = await findReportBrief(tx, input.duplicateOfId!);
      if (!orig) throw invalidField('duplicateOfId', '原举报不存在');
      duplicateOfId = orig.id;
    }
    await commitStep(
      tx,
      actor,
      r,
      'reject',
      to,
      { rejectionReason: input.reason, rejectionNote: input.note, transferredTo: input.reason === 'out_of_remit' ? input.transferredTo : '', duplicateOfId, closedAt: now },
      input.note,
      now,
      requestId,
    );
  });
}

/** 开始核查 (accepted → verifying). @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, CONFLICT */
export async function startVerification(db: Db | Tx, actor: Actor, id: string, input: { note: string; revision?: number | undefined }, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const { r, to } = await beginStep(tx, actor, id, 'start_verification', input.revision);
    await commitStep(tx, actor, r, 'start_verification', to, {}, input.note, now, requestId);
  });
}

/**
 * 核查结论: 属实 / 部分属实 / 不属实 with a note. A true or partly true report opens a hazard in
 * the closed loop (source `public_report`, registered by the verifier for the report's institution
 * or the one the verifier picks) or links an existing one in the verifier's scope. The reporter's
 * photos are NOT copied to the hazard (the institution sees its hazards; the verifier adds their own).
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, CONFLICT, VALIDATION_FAILED
 */
export async function giveVerdict(db: Db | Tx, actor: Actor, id: string, input: VerdictInput, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const { r, to } = await beginStep(tx, actor, id, 'verdict', input.revision);
    let hazardId: string | null = null;
    let hazardCode = '';
    if (input.hazard?.mode === 'create') {
      requirePermission(actor, 'hazard.register');
      const institutionId = input.hazard.institutionId ?? r.institutionId;
      if (!institutionId) throw invalidField('hazard.institutionId', '举报未指明机构，请选择隐患所属机构');
      const { mode: _mode, institutionId: _i, ...fields } = input.hazard;
      let h;
      try {
        h = await registerHazard(tx, actor, { ...fields, institutionId, source: 'public_report', foundAt: now, deadlineField: 'hazard.deadline' }, requestId);
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') throw invalidField('hazard.institutionId', '机构不存在或不在您的管辖范围内');
        throw e;
      }
      hazardId = h.id;
      hazardCode = h.code;
    } else if (input.hazard?.mode === 'link') {
      try {
        const h = await getHazardDetail(tx, actor, input.hazard.hazardId, now);
        hazardId = h.id;
        hazardCode = h.code;
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') throw invalidField('hazard.hazardId', '隐患不存在或不在您的管辖范围内');
        throw e;
      }
    }
    let duplicateOfId = r.duplicateOfId;
    if (input.duplicateOfId) {
      if (input.duplicateOfId === r.id) throw invalidField('duplicateOfId', '不能指向本举报');
      if (!(await findReportBrief(tx, input.duplicateOfId))) throw invalidField('duplicateOfId', '原举报不存在');
      duplicateOfId = input.duplicateOfId;
    }
    await commitStep(tx, actor, r, 'verdict', to, { verdict: input.verdict, verdictNote: input.note, verifiedAt: now, hazardId, duplicateOfId }, `${t(`reportVerdict.${input.verdict}`)}：${input.note}`, now, requestId);
    if (hazardId) {
      await tx.insert(publicReportEvent).values({ reportId: r.id, action: 'link_hazard', fromStatus: to, toStatus: to, note: `${input.hazard!.mode === 'create' ? '登记隐患' : '关联隐患'} ${hazardCode}`, actorId: actor.id, at: now });
    }
  });
}

/**
 * 办结 (verified / rewarding → closed). A true report needs its hazard closed; closing a true report
 * of a reporter who asked for a reward, without one, needs a note saying why.
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (with the reason), CONFLICT, VALIDATION_FAILED
 */
export async function closeReport(db: Db | Tx, actor: Actor, id: string, input: { note: string; revision?: number | undefined }, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const { r, to } = await beginStep(tx, actor, id, 'close', input.revision);
    const reward = await findRewardOfReport(tx, r.id);
    const blocker = closeBlocker(r, await hazardStatusOf(tx, r.hazardId), reward ? { status: effectiveRewardStatus(reward.w, now) } : null);
    if (blocker) throw new AppError('ILLEGAL_TRANSITION', blocker);
    if (r.verdict !== 'false' && r.wantsReward && !reward && !input.note.trim()) throw invalidField('note', '举报人申请了奖励，不予奖励办结须说明原因');
    if (reward && effectiveRewardStatus(reward.w, now) === 'lapsed' && reward.w.status !== 'lapsed') {
      await tx.update(reportReward).set({ status: 'lapsed' }).where(eq(reportReward.id, reward.w.id));
    }
    await commitStep(tx, actor, r, 'close', to, { closedAt: now }, input.note, now, requestId);
  });
}

/**
 * Sends a message to the reporter (shown on the public status page through the receipt code).
 * Refuses a message that contains the reporter's own name or phone (identity never travels in
 * messages). Marks the reporter's messages read.
 * @throws AppError NOT_FOUND, FORBIDDEN, VALIDATION_FAILED (identity in the body)
 */
export async function sendMessageToReporter(db: Db | Tx, actor: Actor, config: Config, id: string, body: string, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    if (!r) throw notFound();
    authorizeReportAction(actor, r, 'message');
    const cipher = r.hasContact ? await findContactCiphertext(tx, id) : null;
    if (cipher) {
      const c = decryptContact(secretKey(config), cipher);
      const digits = body.replace(/\D/g, '');
      const phone = c.phone.replace(/\D/g, '');
      if ((c.name.trim().length >= 2 && body.includes(c.name.trim())) || (phone.length >= 7 && digits.includes(phone))) {
        throw invalidField('body', '消息中不能包含举报人的姓名或电话');
      }
    }
    const [m] = await tx.insert(publicReportMessage).values({ reportId: id, direction: 'to_reporter', body, authorId: actor.id, createdAt: now }).returning({ id: publicReportMessage.id });
    await markReporterMessagesRead(tx, id, now);
    await tx.insert(publicReportEvent).values({ reportId: id, action: 'message', fromStatus: r.status, toStatus: r.status, note: '', actorId: actor.id, at: now });
    await writeAudit(tx, actor, { action: 'report.message', entityType: 'public_report', entityId: id, summary: `举报 ${r.serialNo}：向举报人发送消息`, after: { messageId: m!.id, length: body.length } }, requestId);
  });
}

/**
 * Reveals the reporter's name and phone to a holder of `report.reveal_identity` — never as a side
 * effect of a read. Writes an audit row (who, why; never the name or phone) and an event row in the
 * same transaction; the caller must not cache or log the answer.
 * @param reason why (≥ 5 characters, validated by the route)
 * @throws AppError NOT_FOUND (missing / out of scope), FORBIDDEN, CONFLICT (anonymous report)
 */
export async function revealReporterIdentity(db: Db | Tx, actor: Actor, config: Config, id: string, reason: string, now: Date, requestId?: string): Promise<RevealedIdentity> {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    if (!r) throw notFound();
    authorizeReportAction(actor, r, 'reveal_identity');
    const cipher = await findContactCiphertext(tx, id);
    if (!cipher) throw new AppError('CONFLICT', '匿名举报，没有举报人身份信息');
    const contact = decryptContact(secretKey(config), cipher);
    await tx.insert(publicReportEvent).values({ reportId: id, action: 'reveal_identity', fromStatus: r.status, toStatus: r.status, note: reason, actorId: actor.id, at: now });
    await writeAudit(tx, actor, { action: 'report.reveal_identity', entityType: 'public_report', entityId: id, summary: `查看举报 ${r.serialNo} 的举报人身份，原因：${reason}`, after: { reason } }, requestId);
    return { name: contact.name, phone: contact.phone };
  });
}

/** The county's reward rules (setting `report.rewardRules`). */
async function rewardRules(db: DbOrTx): Promise<RewardRules> {
  return (await getSetting(db, 'report.rewardRules')) as RewardRules;
}

/**
 * The suggested reward for a basis (no write), in yuan and fen, with how it was computed.
 * @throws AppError VALIDATION_FAILED when an input is missing or the general tier is off
 */
export async function suggestReward(db: DbOrTx, actor: Actor, basis: RewardBasis, input: RewardBasisInput): Promise<RewardSuggestion> {
  requirePermission(actor, 'reward.manage');
  try {
    const s = suggestRewardFen(await rewardRules(db), basis, input);
    return { suggestedFen: s.fen, suggestedYuan: fenToYuan(s.fen), explanation: s.explanation };
  } catch (e) {
    if (e instanceof RewardRuleError) throw invalidField(e.field, e.message);
    throw e;
  }
}

/** Active accounts holding `reward.approve` (county leader, county admin). */
async function rewardApprovers(tx: DbOrTx): Promise<string[]> {
  const roles = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('reward.approve'));
  const rows = await tx.select({ id: appUser.id }).from(appUser).where(and(inArray(appUser.role, roles), eq(appUser.isActive, true)));
  return rows.map((r) => r.id);
}

/**
 * 提出奖励: computes the suggested amount from the county's rules; an amount that differs needs a
 * reason and may not exceed the largest amount any rule gives. Moves the report to 奖励中 (or
 * replaces a reward the approver did not approve). Approvers are notified (no identity).
 * @throws AppError NOT_FOUND, FORBIDDEN, CONFLICT (with the reason it is not eligible: not true,
 *   anonymous, hazard open, 同一事项仅奖励首位有效举报人, already rewarded), VALIDATION_FAILED
 */
export async function proposeReward(db: Db | Tx, actor: Actor, id: string, input: ProposeInput, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    if (!r) throw notFound();
    authorizeReportAction(actor, r, 'propose_reward');
    if (input.revision !== undefined && input.revision !== r.revision) throw new AppError('CONFLICT', '举报已被他人处理，请刷新后再操作', { revision: r.revision });
    const existing = await findRewardOfReport(tx, r.id);
    const blocker = rewardBlocker(r, await hazardStatusOf(tx, r.hazardId), existing ? { status: existing.w.status } : null, await findSameMatter(tx, r));
    if (blocker) throw new AppError('CONFLICT', blocker);
    const rules = await rewardRules(tx);
    let suggested: { fen: number; explanation: string };
    try {
      suggested = suggestRewardFen(rules, input.basis, input.basisInput);
    } catch (e) {
      if (e instanceof RewardRuleError) throw invalidField(e.field, e.message);
      throw e;
    }
    const amountFen = input.amountYuan !== undefined ? yuanToFen(input.amountYuan) : suggested.fen;
    if (amountFen !== suggested.fen && !input.overrideReason.trim()) throw invalidField('overrideReason', `金额与建议金额 ${fenToYuan(suggested.fen)} 元不同，须说明调整理由`);
    if (amountFen > rewardCeilingFen(rules)) throw invalidField('amountYuan', `奖励金额不能超过 ${fenToYuan(rewardCeilingFen(rules))} 元`);
    const values = {
      basis: input.basis,
      basisInput: { ...input.basisInput },
      suggestedFen: suggested.fen,
      amountFen,
      overrideReason: amountFen !== suggested.fen ? input.overrideReason : '',
      status: 'proposed' as const,
      proposedById: actor.id,
      proposedAt: now,
      approvedById: null,
      approvedAt: null,
      claimDeadline: null,
      claimedAt: null,
    };
    const [w] = existing
      ? await tx.update(reportReward).set(values).where(eq(reportReward.id, existing.w.id)).returning()
      : await tx.insert(reportReward).values({ reportId: r.id, ...values }).returning();
    const note = `${suggested.explanation}；拟奖励 ${fenToYuan(amountFen)} 元${values.overrideReason ? `（调整理由：${values.overrideReason}）` : ''}`;
    if (r.status === 'verified') {
      await commitStep(tx, actor, r, 'propose_reward', 'rewarding', {}, note, now, requestId);
    } else {
      await tx.update(publicReport).set({ revision: r.revision + 1 }).where(eq(publicReport.id, r.id));
      await tx.insert(publicReportEvent).values({ reportId: r.id, action: 'propose_reward', fromStatus: r.status, toStatus: r.status, note, actorId: actor.id, at: now });
      await writeAudit(tx, actor, { action: 'report.propose_reward', entityType: 'report_reward', entityId: w!.id, summary: `举报 ${r.serialNo}：重新提出奖励 ${fenToYuan(amountFen)} 元`, before: { status: existing!.w.status, amountFen: existing!.w.amountFen }, after: { status: 'proposed', amountFen } }, requestId);
    }
    await notifyUsers(
      tx,
      (await rewardApprovers(tx)).filter((u) => u !== actor.id),
      { kind: 'reward_proposed', title: `举报 ${r.serialNo} 的奖励待审批`, body: `拟奖励 ${fenToYuan(amountFen)} 元，请审批。`, link: `/reports/${r.id}`, entityType: 'public_report', entityId: r.id },
      now,
    );
    return w!;
  });
}

/** Loads and locks a reward with its report, authorised for `action`. */
async function beginRewardStep(tx: Tx, actor: Actor, rewardId: string, action: 'approve_reward' | 'pay_reward') {
  const w = await lockReward(tx, rewardId);
  if (!w) throw notFound();
  const r = await lockReport(tx, w.reportId);
  if (!r) throw notFound();
  authorizeReportAction(actor, r, action);
  return { w, r };
}

/** Writes a reward step's event and audit row and bumps the report's revision. */
async function rewardEvent(tx: DbOrTx, actor: AuditActor, r: ReportFields, w: { id: string }, action: string, summary: string, before: object, after: object, note: string, now: Date, requestId?: string) {
  await tx.update(publicReport).set({ revision: r.revision + 1 }).where(eq(publicReport.id, r.id));
  await tx.insert(publicReportEvent).values({ reportId: r.id, action, fromStatus: r.status, toStatus: r.status, note, actorId: actor.id, at: now });
  await writeAudit(tx, actor, { action: `report.${action}`, entityType: 'report_reward', entityId: w.id, summary: `举报 ${r.serialNo}：${summary}`, before, after }, requestId);
}

/**
 * 批准奖励: a county leader or admin approves a proposed reward — never the one who proposed it. The
 * claim window starts: claimDeadline = now + `report.rewardClaimDays` days; the reporter is told
 * through a message (claim by receipt code).
 * @throws AppError NOT_FOUND, FORBIDDEN (own proposal), ILLEGAL_TRANSITION (not proposed)
 */
export async function approveReward(db: Db | Tx, actor: Actor, rewardId: string, note: string, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const { w, r } = await beginRewardStep(tx, actor, rewardId, 'approve_reward');
    if (w.status !== 'proposed') throw new AppError('ILLEGAL_TRANSITION', `奖励当前为「${t(`rewardStatus.${w.status}`)}」，不能批准`);
    if (w.proposedById === actor.id) throw new AppError('FORBIDDEN', '不能审批自己提出的奖励');
    const days = await getSetting(tx, 'report.rewardClaimDays');
    const claimDeadline = endOfLocalDay(localDate(new Date(now.getTime() + days * 86_400_000)));
    await tx.update(reportReward).set({ status: 'approved', approvedById: actor.id, approvedAt: now, claimDeadline }).where(eq(reportReward.id, w.id));
    await rewardEvent(tx, actor, r, w, 'approve_reward', `批准奖励 ${fenToYuan(w.amountFen)} 元`, { status: w.status }, { status: 'approved', claimDeadline }, note, now, requestId);
    await tx.insert(publicReportMessage).values({
      reportId: r.id,
      direction: 'to_reporter',
      body: `您的举报经核实属实，奖励已批准。请于 ${localDate(claimDeadline)} 前凭回执码申领，逾期视为放弃。`,
      authorId: actor.id,
      createdAt: now,
    });
    return w.reportId;
  });
}

/**
 * 不予批准: the approver sends a proposal back with a reason; the reward manager may propose again.
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION
 */
export async function rejectReward(db: Db | Tx, actor: Actor, rewardId: string, note: string, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const { w, r } = await beginRewardStep(tx, actor, rewardId, 'approve_reward');
    if (w.status !== 'proposed') throw new AppError('ILLEGAL_TRANSITION', `奖励当前为「${t(`rewardStatus.${w.status}`)}」，不能退回`);
    if (w.proposedById === actor.id) throw new AppError('FORBIDDEN', '不能审批自己提出的奖励');
    await tx.update(reportReward).set({ status: 'rejected', approvedById: actor.id, approvedAt: now }).where(eq(reportReward.id, w.id));
    await rewardEvent(tx, actor, r, w, 'reject_reward', `不予批准奖励：${note}`, { status: w.status }, { status: 'rejected' }, note, now, requestId);
    return w.reportId;
  });
}

/**
 * 发放奖励: records the payment of an approved reward the reporter claimed (claimedAt is set by the
 * public claim by receipt code) and closes the report (办结).
 * @param paidOn the local date it was paid
 * @throws AppError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (not approved, not claimed, lapsed), VALIDATION_FAILED (date in the future)
 */
export async function payReward(db: Db | Tx, actor: Actor, rewardId: string, input: { paymentRef: string; paidAt: string }, now: Date, requestId?: string) {
  return db.transaction(async (tx) => {
    const { w, r } = await beginRewardStep(tx, actor, rewardId, 'pay_reward');
    const status = effectiveRewardStatus(w, now);
    if (status !== 'approved') throw new AppError('ILLEGAL_TRANSITION', status === 'lapsed' ? '举报人逾期未申领，奖励已失效' : `奖励当前为「${t(`rewardStatus.${status}`)}」，不能发放`);
    if (!w.claimedAt) throw new AppError('ILLEGAL_TRANSITION', '举报人尚未凭回执码申领奖励');
    const paidAt = endOfLocalDay(input.paidAt);
    if (paidAt.getTime() - 86_400_000 > now.getTime()) throw invalidField('paidAt', '发放日期不能晚于今天');
    // the end of the paid day may lie ahead of now: store the instant it was recorded on that day
    const paidInstant = paidAt.getTime() > now.getTime() ? now : paidAt;
    await tx.update(reportReward).set({ status: 'paid', paidAt: paidInstant, paymentRef: input.paymentRef, paidById: actor.id }).where(eq(reportReward.id, w.id));
    await tx.insert(publicReportEvent).values({ reportId: r.id, action: 'pay_reward', fromStatus: r.status, toStatus: r.status, note: `已发放 ${fenToYuan(w.amountFen)} 元（凭证 ${input.paymentRef}）`, actorId: actor.id, at: now });
    await writeAudit(tx, actor, { action: 'report.pay_reward', entityType: 'report_reward', entityId: w.id, summary: `举报 ${r.serialNo}：发放奖励 ${fenToYuan(w.amountFen)} 元`, before: { status: w.status }, after: { status: 'paid', paymentRef: input.paymentRef, paidAt: paidInstant } }, requestId);
    if (r.status === 'rewarding') await commitStep(tx, actor, r, 'close', 'closed', { closedAt: now }, '奖励已发放，办结', now, requestId);
    return w.reportId;
  });
}

/** The system actor of jobs (audit rows without a user). */
export const SYSTEM_ACTOR: AuditActor = { id: null, displayName: '系统' };

/**
 * Lapses an approved reward whose claim deadline passed unclaimed (逾期未申领视为放弃) and closes
 * its report; written by the report-deadlines job as the system. A no-op when it was claimed or
 * already changed meanwhile.
 * @returns whether it lapsed
 */
export async function lapseReward(db: Db, rewardId: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const w = await lockReward(tx, rewardId);
    if (!w || effectiveRewardStatus(w, now) !== 'lapsed' || w.status !== 'approved') return false;
    const r = await lockReport(tx, w.reportId);
    if (!r) return false;
    await tx.update(reportReward).set({ status: 'lapsed' }).where(eq(reportReward.id, w.id));
    await writeAudit(tx, SYSTEM_ACTOR, { action: 'report.reward_lapsed', entityType: 'report_reward', entityId: w.id, summary: `举报 ${r.serialNo}：逾期未申领，奖励失效`, before: { status: 'approved' }, after: { status: 'lapsed' } });
    if (r.status === 'rewarding') await commitStep(tx, SYSTEM_ACTOR, r, 'reward_lapsed', 'closed', { closedAt: now }, '举报人逾期未申领奖励，视为放弃，办结', now);
    return true;
  });
}

export { presentReward };
