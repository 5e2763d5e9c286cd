import { and, asc, eq, ilike, isNull, sql } from 'drizzle-orm';
import { attachment, institution, publicReport, publicReportEvent, publicReportMessage, reportReward, township, type DbOrTx } from '@lifeline/db';
import { escapeLike } from '../../lib/sql.ts';

/**
 * Queries of the PUBLIC side of reports. There is no actor and no scope here: a reporter reaches
 * exactly one report, by the hash of its receipt code. Nothing returned identifies a reporter.
 */

/** An id that matches no row: lookups of an unknown code run the same queries with it. */
export const NIL_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Operating institutions whose name contains `q` (case-insensitive, LIKE wildcards escaped):
 * name and township only, at most `limit`, best (shortest) names first.
 */
export async function searchOperatingInstitutions(db: DbOrTx, q: string, limit = 10) {
  return db
    .select({ id: institution.id, name: institution.name, townshipName: township.name })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(and(eq(institution.status, 'operating'), ilike(institution.name, `%${escapeLike(q)}%`)))
    .orderBy(sql`length(${institution.name})`, asc(institution.name))
    .limit(limit);
}

/** An institution a report may name: its name and whether it operates. */
export async function findInstitution(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: institution.id, name: institution.name, status: institution.status }).from(institution).where(eq(institution.id, id));
  return row;
}

/**
 * The next serial number of the year, `JB<year>-<6 digits>`, under a transaction-scoped advisory
 * lock so that concurrent reports never draw the same number.
 * @param year the Asia/Shanghai calendar year of receipt
 */
export async function nextSerialNo(tx: DbOrTx, year: string): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('public_report.serial_no'))`);
  const prefix = `JB${year}-`;
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(cast(split_part(${publicReport.serialNo}, '-', 2) as integer)), 0)` })
    .from(publicReport)
    .where(sql`${publicReport.serialNo} like ${`${prefix}%`}`);
  return `${prefix}${String(Number(row?.n ?? 0) + 1).padStart(6, '0')}`;
}

export async function insertReport(tx: DbOrTx, values: typeof publicReport.$inferInsert) {
  const [row] = await tx.insert(publicReport).values(values).returning();
  return row!;
}

export async function insertEvent(tx: DbOrTx, values: typeof publicReportEvent.$inferInsert) {
  await tx.insert(publicReportEvent).values(values);
}

export async function insertAttachments(tx: DbOrTx, rows: (typeof attachment.$inferInsert)[]) {
  if (rows.length > 0) await tx.insert(attachment).values(rows);
}

/**
 * The report whose receipt hash is `receiptHash`, with the picked institution's name; one indexed
 * query whether or not it exists.
 */
export async function findByReceiptHash(db: DbOrTx, receiptHash: string) {
  const [row] = await db
    .select({ report: publicReport, institutionName: institution.name })
    .from(publicReport)
    .leftJoin(institution, eq(institution.id, publicReport.institutionId))
    .where(eq(publicReport.receiptHash, receiptHash));
  return row;
}

/** Status changes of a report, oldest first (only the columns the public may see). */
export async function statusEventsOf(db: DbOrTx, reportId: string) {
  return db
    .select({ toStatus: publicReportEvent.toStatus, at: publicReportEvent.at })
    .from(publicReportEvent)
    .where(eq(publicReportEvent.reportId, reportId))
    .orderBy(asc(publicReportEvent.at), asc(publicReportEvent.id));
}

/** Messages of a report, oldest first, without their staff authors. */
export async function messagesOf(db: DbOrTx, reportId: string) {
  return db
    .select({ direction: publicReportMessage.direction, body: publicReportMessage.body, createdAt: publicReportMessage.createdAt })
    .from(publicReportMessage)
    .where(eq(publicReportMessage.reportId, reportId))
    .orderBy(asc(publicReportMessage.createdAt), asc(publicReportMessage.id));
}

/** Marks the handler's messages to the reporter read (the reporter opened the status page). */
export async function markReporterMessagesRead(db: DbOrTx, reportId: string, now: Date) {
  await db
    .update(publicReportMessage)
    .set({ readAt: now })
    .where(and(eq(publicReportMessage.reportId, reportId), eq(publicReportMessage.direction, 'to_reporter'), isNull(publicReportMessage.readAt)));
}

/** The reward of a report, if any. */
export async function rewardOf(db: DbOrTx, reportId: string) {
  const [row] = await db.select().from(reportReward).where(eq(reportReward.reportId, reportId));
  return row;
}

export async function insertMessage(tx: DbOrTx, values: typeof publicReportMessage.$inferInsert) {
  await tx.insert(publicReportMessage).values(values);
}

/**
 * Records the reporter's claim of an approved reward (first claim only).
 * @returns the claim time now stored, or undefined when the reward was not open for a claim
 */
export async function markRewardClaimed(tx: DbOrTx, rewardId: string, now: Date): Promise<Date | undefined> {
  const [row] = await tx
    .update(reportReward)
    .set({ claimedAt: now })
    .where(and(eq(reportReward.id, rewardId), eq(reportReward.status, 'approved'), isNull(reportReward.claimedAt)))
    .returning({ claimedAt: reportReward.claimedAt });
  return row?.claimedAt ?? undefined;
}
