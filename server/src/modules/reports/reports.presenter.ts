import type { ReportCategory, ReportDetail, ReportReward, ReportSummary, RewardBasis } from '@lifeline/shared';
import type { reportReward } from '@lifeline/db';
import { reportAbilities, type Actor } from '../../policies/index.ts';
import type { ReportListRow, findReportEvents, findReportMessages } from './reports.repo.ts';
import { fenToYuan } from './reports.rewards.ts';
import { isReportOverdue, nextReportStatus } from './reports.workflow.ts';

/**
 * Report rows → DTOs. Nothing here can leak the reporter's identity: the rows never hold the
 * encrypted contact (reports.repo.ts `reportColumns`), only `hasContact`.
 */

/** List row → summary DTO. */
export function toReportSummary(row: ReportListRow, now: Date): ReportSummary {
  const r = row.r;
  return {
    id: r.id,
    serialNo: r.serialNo,
    category: r.category as ReportCategory,
    status: r.status,
    institutionId: r.institutionId,
    institutionName: row.institutionName,
    placeText: r.placeText,
    excerpt: r.description.length > 120 ? `${r.description.slice(0, 120)}…` : r.description,
    townshipId: r.townshipId,
    townshipName: row.townshipName,
    officeId: r.officeId,
    officeName: row.officeName,
    verdict: r.verdict,
    receivedAt: r.receivedAt.toISOString(),
    stepDueAt: r.stepDueAt?.toISOString() ?? null,
    overdue: isReportOverdue(r, now),
    wantsReward: r.wantsReward,
    rewardStatus: row.rewardStatus,
    unreadMessages: row.unread,
    closedAt: r.closedAt?.toISOString() ?? null,
  };
}

type RewardRow = { w: typeof reportReward.$inferSelect; proposedByName: string; approvedByName: string | null; status: ReportReward['status'] };

/**
 * Reward row → DTO (amounts in yuan) with what the actor can do on it now: approve / reject a
 * proposal (`reward.approve`, not its proposer), pay an approved and claimed one (`reward.manage`).
 */
export function presentReward(actor: Actor, report: { townshipId: string | null; status: ReportDetail['status'] }, row: RewardRow): ReportReward {
  const { w } = row;
  const may = reportAbilities(actor, report);
  const proposed = row.status === 'proposed';
  return {
    id: w.id,
    basis: w.basis as RewardBasis,
    basisInput: w.basisInput,
    suggestedYuan: fenToYuan(w.suggestedFen),
    amountYuan: fenToYuan(w.amountFen),
    overrideReason: w.overrideReason,
    status: row.status,
    proposedByName: row.proposedByName,
    proposedAt: w.proposedAt.toISOString(),
    approvedByName: row.approvedByName,
    approvedAt: w.approvedAt?.toISOString() ?? null,
    claimDeadline: w.claimDeadline?.toISOString() ?? null,
    claimedAt: w.claimedAt?.toISOString() ?? null,
    paidAt: w.paidAt?.toISOString() ?? null,
    paymentRef: w.paymentRef,
    abilities: {
      approve: may.approve_reward && proposed && w.proposedById !== actor.id,
      reject: may.approve_reward && proposed && w.proposedById !== actor.id,
      pay: may.pay_reward && row.status === 'approved' && w.claimedAt !== null,
    },
  };
}

/** The parts of a detail loaded besides the report row. */
export interface DetailParts {
  events: Awaited<ReturnType<typeof findReportEvents>>;
  messages: Awaited<ReturnType<typeof findReportMessages>>;
  photos: string[];
  reward: RewardRow | null;
  hazard: ReportDetail['hazard'];
  duplicateOf: ReportDetail['duplicateOf'];
  /** why a reward cannot be proposed now (null = it can) */
  rewardBlocker: string | null;
  /** why the report cannot be closed now (null = it can) */
  closeBlocker: string | null;
}

/**
 * The detail DTO with abilities = the policy's permission AND the workflow's legality AND the
 * extra conditions, so the UI shows exactly the buttons that will work.
 */
export function presentDetail(actor: Actor, row: ReportListRow, now: Date, p: DetailParts): ReportDetail {
  const r = row.r;
  const may = reportAbilities(actor, r);
  return {
    ...toReportSummary(row, now),
    rewardStatus: p.reward?.status ?? null,
    description: r.description,
    verdictNote: r.verdictNote,
    rejectionReason: (r.rejectionReason as ReportDetail['rejectionReason']) ?? null,
    rejectionNote: r.rejectionNote,
    transferredTo: r.transferredTo,
    duplicateOf: p.duplicateOf,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
    hasContact: r.hasContact,
    revision: r.revision,
    photos: p.photos.map((id) => ({ id, url: `/api/reports/${r.id}/photos/${id}` })),
    events: p.events.map((e) => ({
      id: e.e.id,
      action: e.e.action,
      fromStatus: (e.e.fromStatus as ReportDetail['status'] | null) ?? null,
      toStatus: (e.e.toStatus as ReportDetail['status'] | null) ?? null,
      note: e.e.note,
      actorName: e.actorName,
      at: e.e.at.toISOString(),
    })),
    messages: p.messages.map((m) => ({
      id: m.m.id,
      direction: m.m.direction,
      body: m.m.body,
      authorName: m.m.direction === 'to_reporter' ? m.authorName : null,
      createdAt: m.m.createdAt.toISOString(),
      readAt: m.m.readAt?.toISOString() ?? null,
    })),
    hazard: p.hazard,
    reward: p.reward ? presentReward(actor, r, p.reward) : null,
    abilities: {
      accept: may.accept && nextReportStatus(r.status, 'accept') !== null,
      reject: may.reject && nextReportStatus(r.status, 'reject') !== null,
      start_verification: may.start_verification && nextReportStatus(r.status, 'start_verification') !== null,
      verdict: may.verdict && nextReportStatus(r.status, 'verdict') !== null,
      close: may.close && p.closeBlocker === null,
      message: may.message,
      reveal_identity: may.reveal_identity && r.hasContact,
      propose_reward: may.propose_reward && p.rewardBlocker === null,
    },
  };
}
