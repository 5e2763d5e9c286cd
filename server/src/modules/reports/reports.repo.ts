import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, lt, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { appUser, attachment, institution, office, publicReport, publicReportEvent, publicReportMessage, reportReward, township, type DbOrTx } from '@lifeline/db';
import { endOfLocalDay, startOfLocalDay, type ReportFilter } from '@lifeline/shared';
import { reportScopeFilter, type Actor } from '../../policies/index.ts';
import { escapeLike } from '../../lib/sql.ts';
import { UNTIMED_STATUSES } from './reports.workflow.ts';

/**
 * Drizzle queries of public reports (staff side). Every query that serves a user carries the
 * report policy's scope filter. No query here selects `contact_ciphertext` except
 * {@link findContactCiphertext} (the audited reveal) — lists and details never load it.
 */

export type ReportRow = typeof publicReport.$inferSelect;

/** The report columns staff may see: everything except the encrypted contact. */
export const reportColumns = {
  id: publicReport.id,
  serialNo: publicReport.serialNo,
  institutionId: publicReport.institutionId,
  placeText: publicReport.placeText,
  category: publicReport.category,
  description: publicReport.description,
  status: publicReport.status,
  townshipId: publicReport.townshipId,
  officeId: publicReport.officeId,
  verdict: publicReport.verdict,
  verdictNote: publicReport.verdictNote,
  rejectionReason: publicReport.rejectionReason,
  rejectionNote: publicReport.rejectionNote,
  transferredTo: publicReport.transferredTo,
  duplicateOfId: publicReport.duplicateOfId,
  hazardId: publicReport.hazardId,
  wantsReward: publicReport.wantsReward,
  hasContact: sql<boolean>`(${publicReport.contactCiphertext} is not null)`.mapWith(Boolean),
  stepDueAt: publicReport.stepDueAt,
  receivedAt: publicReport.receivedAt,
  acceptedAt: publicReport.acceptedAt,
  verifiedAt: publicReport.verifiedAt,
  closedAt: publicReport.closedAt,
  revision: publicReport.revision,
};
export type ReportFields = Omit<ReportRow, 'contactCiphertext' | 'receiptHash'> & { hasContact: boolean };

const assignedTownship = alias(township, 'assigned_township');

const unreadSql = sql<number>`(select count(*) from ${publicReportMessage} where ${publicReportMessage.reportId} = ${publicReport.id} and ${publicReportMessage.direction} = 'from_reporter' and ${publicReportMessage.readAt} is null)`.mapWith(Number);

/** A list row: the report's visible fields with names, reward status and unread messages. */
export const listColumns = {
  r: reportColumns,
  institutionName: institution.name,
  townshipName: assignedTownship.name,
  officeName: office.name,
  rewardStatus: reportReward.status,
  unread: unreadSql,
};
export interface ReportListRow {
  r: ReportFields;
  institutionName: string | null;
  townshipName: string | null;
  officeName: string | null;
  rewardStatus: (typeof reportReward.$inferSelect)['status'] | null;
  unread: number;
}

/** The WHERE of the list for a filter, inside the actor's scope. */
export function reportWhere(actor: Actor, f: Partial<ReportFilter>, now: Date): SQL | undefined {
  const q = f.q ? `%${escapeLike(f.q)}%` : undefined;
  return and(
    reportScopeFilter(actor, publicReport.townshipId),
    f.status ? eq(publicReport.status, f.status) : undefined,
    f.category ? eq(publicReport.category, f.category) : undefined,
    f.townshipId ? eq(publicReport.townshipId, f.townshipId) : undefined,
    f.overdue === true ? and(notInArray(publicReport.status, [...UNTIMED_STATUSES]), lt(publicReport.stepDueAt, now)) : undefined,
    f.overdue === false ? or(inArray(publicReport.status, [...UNTIMED_STATUSES]), sql`${publicReport.stepDueAt} is null`, gte(publicReport.stepDueAt, now)) : undefined,
    f.from ? gte(publicReport.receivedAt, startOfLocalDay(f.from)) : undefined,
    f.to ? lte(publicReport.receivedAt, endOfLocalDay(f.to)) : undefined,
    q ? or(ilike(publicReport.description, q), ilike(publicReport.placeText, q), ilike(publicReport.serialNo, q), ilike(institution.name, q)) : undefined,
  );
}

const joined = (db: DbOrTx) =>
  db
    .select(listColumns)
    .from(publicReport)
    .leftJoin(institution, eq(institution.id, publicReport.institutionId))
    .leftJoin(assignedTownship, eq(assignedTownship.id, publicReport.townshipId))
    .leftJoin(office, eq(office.id, publicReport.officeId))
    .leftJoin(reportReward, eq(reportReward.reportId, publicReport.id));

/** One page of reports, newest first (or every row when `page` is undefined, for exports). */
export async function findReports(db: DbOrTx, actor: Actor, f: Partial<ReportFilter>, now: Date, page?: { limit: number; offset: number }): Promise<{ rows: ReportListRow[]; total: number }> {
  const where = reportWhere(actor, f, now);
  const base = joined(db).where(where).orderBy(desc(publicReport.receivedAt), desc(publicReport.serialNo));
  const rows = (page ? await base.limit(page.limit).offset(page.offset) : await base) as ReportListRow[];
  if (!page) return { rows, total: rows.length };
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(publicReport).leftJoin(institution, eq(institution.id, publicReport.institutionId)).where(where);
  return { rows, total: Number(n) };
}

/** One report with names, if it exists and is in the actor's scope. */
export async function findReportInScope(db: DbOrTx, actor: Actor, id: string): Promise<ReportListRow | undefined> {
  const [row] = await joined(db).where(and(reportScopeFilter(actor, publicReport.townshipId), eq(publicReport.id, id)));
  return row as ReportListRow | undefined;
}

/**
 * Locks a report row for a step (inside a transaction). Not scope-filtered: the caller applies
 * the policy (`authorizeReportAction`) so that out-of-scope is 404 and missing permission 403.
 */
export async function lockReport(tx: DbOrTx, id: string): Promise<ReportFields | undefined> {
  const [row] = await tx.select(reportColumns).from(publicReport).where(eq(publicReport.id, id)).for('update');
  return row;
}

/** The encrypted contact of a report — read only by the audited reveal step. */
export async function findContactCiphertext(tx: DbOrTx, id: string): Promise<string | null> {
  const [row] = await tx.select({ c: publicReport.contactCiphertext }).from(publicReport).where(eq(publicReport.id, id));
  return row?.c ?? null;
}

/** A report's events, oldest first, with the staff member's name (null for reporter/system). */
export async function findReportEvents(db: DbOrTx, reportId: string) {
  return db
    .select({ e: publicReportEvent, actorName: appUser.displayName })
    .from(publicReportEvent)
    .leftJoin(appUser, eq(appUser.id, publicReportEvent.actorId))
    .where(eq(publicReportEvent.reportId, reportId))
    .orderBy(asc(publicReportEvent.at), asc(publicReportEvent.id));
}

/** A report's messages, oldest first, with the staff author's name. */
export async function findReportMessages(db: DbOrTx, reportId: string) {
  return db
    .select({ m: publicReportMessage, authorName: appUser.displayName })
    .from(publicReportMessage)
    .leftJoin(appUser, eq(appUser.id, publicReportMessage.authorId))
    .where(eq(publicReportMessage.reportId, reportId))
    .orderBy(asc(publicReportMessage.createdAt), asc(publicReportMessage.id));
}

/** Photo attachment ids of a report (entity `public_report`), in upload order. */
export async function findReportPhotoIds(db: DbOrTx, reportId: string): Promise<string[]> {
  const rows = await db
    .select({ id: attachment.id })
    .from(attachment)
    .where(and(eq(attachment.entityType, 'public_report'), eq(attachment.entityId, reportId)))
    .orderBy(asc(attachment.createdAt), asc(attachment.id));
  return rows.map((r) => r.id);
}

/** One photo of a report (or undefined when it is not that report's). */
export async function findReportPhoto(db: DbOrTx, reportId: string, photoId: string) {
  const [row] = await db
    .select()
    .from(attachment)
    .where(and(eq(attachment.id, photoId), eq(attachment.entityType, 'public_report'), eq(attachment.entityId, reportId)));
  return row;
}

const proposer = alias(appUser, 'proposer');
const approver = alias(appUser, 'approver');

/** The reward of a report with the proposer's and approver's names. */
export async function findRewardOfReport(db: DbOrTx, reportId: string) {
  const [row] = await db
    .select({ w: reportReward, proposedByName: proposer.displayName, approvedByName: approver.displayName })
    .from(reportReward)
    .innerJoin(proposer, eq(proposer.id, reportReward.proposedById))
    .leftJoin(approver, eq(approver.id, reportReward.approvedById))
    .where(eq(reportReward.reportId, reportId));
  return row;
}

/** A reward row, locked (inside a transaction). */
export async function lockReward(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(reportReward).where(eq(reportReward.id, id)).for('update');
  return row;
}

/** A report's serial number and verdict facts (for duplicate links and the same-matter rule). */
export async function findReportBrief(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: publicReport.id, serialNo: publicReport.serialNo, verdict: publicReport.verdict, status: publicReport.status, receivedAt: publicReport.receivedAt, rewardStatus: reportReward.status })
    .from(publicReport)
    .leftJoin(reportReward, eq(reportReward.reportId, publicReport.id))
    .where(eq(publicReport.id, id));
  return row;
}

/**
 * Other reports of the same matter (同一事项) as `r`: marked as its duplicate, the one it is marked
 * a duplicate of, or linked to the same hazard — with their verdict, receipt time, reward status and
 * whether the reporter left contact details.
 */
export async function findSameMatter(db: DbOrTx, r: { id: string; duplicateOfId: string | null; hazardId: string | null }) {
  const conds: SQL[] = [eq(publicReport.duplicateOfId, r.id)];
  if (r.duplicateOfId) conds.push(eq(publicReport.id, r.duplicateOfId));
  if (r.hazardId) conds.push(eq(publicReport.hazardId, r.hazardId));
  return db
    .select({
      id: publicReport.id,
      serialNo: publicReport.serialNo,
      verdict: publicReport.verdict,
      receivedAt: publicReport.receivedAt,
      wantsReward: publicReport.wantsReward,
      rewardStatus: reportReward.status,
    })
    .from(publicReport)
    .leftJoin(reportReward, eq(reportReward.reportId, publicReport.id))
    .where(and(ne(publicReport.id, r.id), or(...conds)));
}

/** Marks the reporter's messages of a report read by staff. */
export async function markReporterMessagesRead(tx: DbOrTx, reportId: string, now: Date) {
  await tx
    .update(publicReportMessage)
    .set({ readAt: now })
    .where(and(eq(publicReportMessage.reportId, reportId), eq(publicReportMessage.direction, 'from_reporter'), sql`${publicReportMessage.readAt} is null`));
}

/**
 * Reports past their step's time limit (a limit running), with the assigned township — the
 * candidates of the overdue alerts job.
 */
export async function findOverdueReports(db: DbOrTx, now: Date) {
  return db
    .select({ id: publicReport.id, serialNo: publicReport.serialNo, category: publicReport.category, status: publicReport.status, townshipId: publicReport.townshipId, stepDueAt: publicReport.stepDueAt })
    .from(publicReport)
    .where(and(notInArray(publicReport.status, [...UNTIMED_STATUSES]), isNotNull(publicReport.stepDueAt), lt(publicReport.stepDueAt, now)))
    .orderBy(asc(publicReport.stepDueAt), asc(publicReport.id));
}

/** Approved rewards whose claim deadline passed without a claim — to lapse. */
export async function findLapsingRewards(db: DbOrTx, now: Date) {
  return db
    .select({ id: reportReward.id, reportId: reportReward.reportId })
    .from(reportReward)
    .where(and(eq(reportReward.status, 'approved'), sql`${reportReward.claimedAt} is null`, lt(reportReward.claimDeadline, now)));
}

export { publicReport, publicReportEvent, publicReportMessage, reportReward };
