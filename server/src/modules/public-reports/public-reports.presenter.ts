import type { publicReport, reportReward } from '@lifeline/db';
import { REPORT_STATUSES, t, type PublicReportStatus, type PublicReward, type ReportCategory, type ReportStatus } from '@lifeline/shared';

/**
 * Rows → the status page a reporter sees by receipt code. Public wording only: status names from
 * the catalogue, never a staff name, an internal note, the assignee or the reporter's contact.
 */

type ReportRow = typeof publicReport.$inferSelect;
type RewardRow = typeof reportReward.$inferSelect;

const isStatus = (s: string | null): s is ReportStatus => s !== null && (REPORT_STATUSES as readonly string[]).includes(s);

/**
 * The steps of a report from its events: every change of status, in order, consecutive repeats
 * merged; events without a status change (notes, identity reveals, hazard links …) are left out.
 */
export function publicHistory(events: { toStatus: string | null; at: Date }[]): PublicReportStatus['history'] {
  const out: PublicReportStatus['history'] = [];
  for (const e of events) {
    if (!isStatus(e.toStatus) || out.at(-1)?.status === e.toStatus) continue;
    out.push({ status: e.toStatus, label: t(`reportStatus.${e.toStatus}`), at: e.at.toISOString() });
  }
  return out;
}

/**
 * The reward as the reporter sees it: nothing while it is only proposed; an approved reward past
 * its claim deadline and never claimed shows as lapsed. `canClaim` = approved, unclaimed and
 * `now` ≤ claimDeadline (no deadline: open).
 */
export function publicReward(r: RewardRow | undefined, now: Date): PublicReward | null {
  if (!r || r.status === 'proposed') return null;
  const pastDeadline = r.claimDeadline !== null && now.getTime() > r.claimDeadline.getTime();
  const status = r.status === 'approved' && pastDeadline && !r.claimedAt ? 'lapsed' : r.status;
  return {
    status,
    label: t(`publicReports.reward.${status}`),
    amountYuan: status === 'rejected' ? null : r.amountFen / 100,
    claimDeadline: r.claimDeadline?.toISOString() ?? null,
    claimedAt: r.claimedAt?.toISOString() ?? null,
    canClaim: status === 'approved' && !r.claimedAt,
    claimInfo: t('publicReports.reward.claimInfo'),
  };
}

/** Why a report was not accepted, in public words (the department it went to, when transferred). */
export function publicRejection(r: Pick<ReportRow, 'status' | 'rejectionReason' | 'transferredTo'>): string | null {
  if (r.status !== 'rejected') return null;
  const reason = r.rejectionReason ?? 'other';
  if (reason === 'out_of_remit' && r.transferredTo) return t('publicReports.rejection.out_of_remit_to', { to: r.transferredTo });
  const key = `publicReports.rejection.${reason}`;
  const text = t(key);
  return text === key ? t('publicReports.rejection.other') : text;
}

/** The whole status page. */
export function toPublicStatus(
  row: { report: ReportRow; institutionName: string | null },
  events: { toStatus: string | null; at: Date }[],
  messages: { direction: 'to_reporter' | 'from_reporter'; body: string; createdAt: Date }[],
  reward: RewardRow | undefined,
  now: Date,
): PublicReportStatus {
  const r = row.report;
  return {
    serialNo: r.serialNo,
    status: r.status,
    statusLabel: t(`reportStatus.${r.status}`),
    category: r.category as ReportCategory,
    categoryLabel: t(`reportCategory.${r.category}`),
    place: row.institutionName ?? r.placeText,
    receivedAt: r.receivedAt.toISOString(),
    verdict: r.verdict,
    verdictLabel: r.verdict ? t(`reportVerdict.${r.verdict}`) : null,
    rejection: publicRejection(r),
    history: publicHistory(events),
    messages: messages.map((m) => ({ direction: m.direction, body: m.body, at: m.createdAt.toISOString() })),
    reward: publicReward(reward, now),
  };
}
