import { aliasedTable, and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { appUser, attachment, auditLog, exposureCase, exposurePublicationLog, hazard, hazardEvent, institution, publicReport, township, type DbOrTx } from '@lifeline/db';
import type { ExposureStatus } from '@lifeline/shared';
import { escapeLike } from '../../lib/sql.ts';

/**
 * Drizzle queries of the exposure board. The board is county-wide, so there is no scope filter
 * (the policy admits county roles only). Reporter protection: no query here ever selects
 * `public_report.contact_ciphertext` — report columns are always listed one by one.
 */

/** The attachment entity type of a public report's photos (bound by the public report flow). */
export const REPORT_PHOTO_ENTITY = 'public_report';

/** Report statuses at or after verification (核查属实 may then move on to 奖励中 / 办结). */
export const REPORT_VERIFIED_STATUSES = ['verified', 'rewarding', 'closed'] as const;
/** Verdicts that make a report a case: 属实, 部分属实. */
export const REPORT_TRUE_VERDICTS = ['true', 'partly_true'] as const;

const instTownship = aliasedTable(township, 'exp_inst_township');
const reportTownship = aliasedTable(township, 'exp_report_township');
const creator = aliasedTable(appUser, 'exp_creator');
const approver = aliasedTable(appUser, 'exp_approver');

/** The report columns the exposure board may read (never the encrypted contact). */
const reportColumns = {
  id: publicReport.id,
  serialNo: publicReport.serialNo,
  institutionId: publicReport.institutionId,
  placeText: publicReport.placeText,
  category: publicReport.category,
  description: publicReport.description,
  status: publicReport.status,
  verdict: publicReport.verdict,
  verdictNote: publicReport.verdictNote,
  townshipId: publicReport.townshipId,
  hazardId: publicReport.hazardId,
  verifiedAt: publicReport.verifiedAt,
};

/** Institution facts the prefill needs: name and type for the display name, people to mask. */
const institutionColumns = {
  id: institution.id,
  name: institution.name,
  type: institution.type,
  townshipId: institution.townshipId,
  personInCharge: institution.personInCharge,
  safetyOfficer: institution.safetyOfficer,
};

/** A report as a case source, with its institution and township (report's, else the institution's). */
export async function findReportSource(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ r: reportColumns, inst: institutionColumns, townshipName: sql<string | null>`coalesce(${reportTownship.name}, ${instTownship.name})` })
    .from(publicReport)
    .leftJoin(institution, eq(institution.id, publicReport.institutionId))
    .leftJoin(instTownship, eq(instTownship.id, institution.townshipId))
    .leftJoin(reportTownship, eq(reportTownship.id, publicReport.townshipId))
    .where(eq(publicReport.id, id));
  return row;
}
export type ReportSource = NonNullable<Awaited<ReturnType<typeof findReportSource>>>;

/** A hazard as a case source, with its institution and township. */
export async function findHazardSource(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ h: hazard, inst: institutionColumns, townshipName: township.name })
    .from(hazard)
    .innerJoin(institution, eq(institution.id, hazard.institutionId))
    .innerJoin(township, eq(township.id, hazard.townshipId))
    .where(eq(hazard.id, id));
  return row;
}
export type HazardSource = NonNullable<Awaited<ReturnType<typeof findHazardSource>>>;

/** Names of the staff who acted on a hazard (to mask them if the text names them). */
export async function findHazardActorNames(db: DbOrTx, hazardId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ name: appUser.displayName })
    .from(hazardEvent)
    .innerJoin(appUser, eq(appUser.id, hazardEvent.actorId))
    .where(eq(hazardEvent.hazardId, hazardId));
  const [reporter] = await db.select({ name: appUser.displayName }).from(hazard).innerJoin(appUser, eq(appUser.id, hazard.reportedById)).where(eq(hazard.id, hazardId));
  return [...rows.map((r) => r.name), ...(reporter ? [reporter.name] : [])];
}

/** A case of this source that is not withdrawn (one live case per source). */
export async function findLiveCaseOfSource(db: DbOrTx, src: { reportId?: string | null; hazardId?: string | null }) {
  const bySource = src.reportId ? eq(exposureCase.reportId, src.reportId) : eq(exposureCase.hazardId, src.hazardId!);
  const [row] = await db.select({ id: exposureCase.id }).from(exposureCase).where(and(bySource, ne(exposureCase.status, 'withdrawn'))).limit(1);
  return row;
}

/** Where a candidate photo comes from. */
export type PhotoOrigin = 'report' | 'hazard' | 'rectification';

/**
 * The photos a case may publish: the report's, the hazard's (the case's hazard, or the one the
 * report was linked to) and the hazard's rectification/verification evidence, oldest first.
 */
export async function findCandidatePhotos(db: DbOrTx, src: { reportId: string | null; hazardId: string | null }) {
  const conds: SQL[] = [];
  if (src.reportId) conds.push(and(eq(attachment.entityType, REPORT_PHOTO_ENTITY), eq(attachment.entityId, src.reportId))!);
  if (src.hazardId) {
    conds.push(and(eq(attachment.entityType, 'hazard'), eq(attachment.entityId, src.hazardId))!);
    conds.push(and(eq(attachment.entityType, 'hazard_event'), inArray(attachment.entityId, db.select({ id: hazardEvent.id }).from(hazardEvent).where(eq(hazardEvent.hazardId, src.hazardId))))!);
  }
  if (conds.length === 0) return [];
  const rows = await db
    .select()
    .from(attachment)
    .where(and(or(...conds), sql`${attachment.mime} like 'image/%'`))
    .orderBy(asc(attachment.createdAt), asc(attachment.id));
  return rows.map((a) => ({
    a,
    origin: (a.entityType === REPORT_PHOTO_ENTITY ? 'report' : a.entityType === 'hazard' ? 'hazard' : 'rectification') as PhotoOrigin,
  }));
}

/** The report's linked hazard id, if the case came from a report (for photos and the outcome). */
export async function findReportHazardId(db: DbOrTx, reportId: string): Promise<string | null> {
  const [row] = await db.select({ hazardId: publicReport.hazardId }).from(publicReport).where(eq(publicReport.id, reportId));
  return row?.hazardId ?? null;
}

/** Case columns with names: institution, township (institution's, else the report's, else the hazard's), source refs, creator, approver. */
const caseColumns = {
  c: exposureCase,
  institutionName: institution.name,
  townshipName: sql<string | null>`coalesce(${instTownship.name}, ${reportTownship.name}, ${township.name})`,
  reportSerialNo: publicReport.serialNo,
  hazardCode: hazard.code,
  createdByName: creator.displayName,
  approvedByName: approver.displayName,
};

/** The base select of cases with names (see {@link caseColumns}). */
function selectCases(db: DbOrTx) {
  return db
    .select(caseColumns)
    .from(exposureCase)
    .leftJoin(institution, eq(institution.id, exposureCase.institutionId))
    .leftJoin(instTownship, eq(instTownship.id, institution.townshipId))
    .leftJoin(publicReport, eq(publicReport.id, exposureCase.reportId))
    .leftJoin(reportTownship, eq(reportTownship.id, publicReport.townshipId))
    .leftJoin(hazard, eq(hazard.id, exposureCase.hazardId))
    .leftJoin(township, eq(township.id, hazard.townshipId))
    .innerJoin(creator, eq(creator.id, exposureCase.createdById))
    .leftJoin(approver, eq(approver.id, exposureCase.approvedById));
}
/** A case with the names the DTOs show. */
export interface CaseRow {
  c: typeof exposureCase.$inferSelect;
  institutionName: string | null;
  townshipName: string | null;
  reportSerialNo: string | null;
  hazardCode: string | null;
  createdByName: string;
  approvedByName: string | null;
}

/** One case with names, or undefined. */
export async function findCase(db: DbOrTx, id: string): Promise<CaseRow | undefined> {
  const [row] = await selectCases(db).where(eq(exposureCase.id, id));
  return row;
}

/** A page of cases (optionally of one status), most recently updated first. */
export async function findCases(db: DbOrTx, f: { status?: ExposureStatus | undefined }, page: { limit: number; offset: number }): Promise<{ rows: CaseRow[]; total: number }> {
  const where = f.status ? eq(exposureCase.status, f.status) : undefined;
  const rows = await selectCases(db).where(where).orderBy(desc(exposureCase.updatedAt), desc(exposureCase.id)).limit(page.limit).offset(page.offset);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(exposureCase).where(where);
  return { rows, total: Number(n) };
}

/** Locks a case row for a change (inside a transaction). */
export async function lockCase(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(exposureCase).where(eq(exposureCase.id, id)).for('update');
  return row;
}

/** The audit trail of a case (its history: create, edits, steps with notes), oldest first. */
export async function findCaseHistory(db: DbOrTx, id: string) {
  return db
    .select({ action: auditLog.action, at: auditLog.at, actorName: auditLog.actorName, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'exposure_case'), eq(auditLog.entityId, id)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}

/** The permanent publication log of a case, oldest first. */
export async function findPublicationLog(db: DbOrTx, caseId: string) {
  return db
    .select({ l: exposurePublicationLog, actorName: appUser.displayName })
    .from(exposurePublicationLog)
    .leftJoin(appUser, eq(appUser.id, exposurePublicationLog.actorId))
    .where(eq(exposurePublicationLog.caseId, caseId))
    .orderBy(asc(exposurePublicationLog.at), asc(exposurePublicationLog.id));
}

/** Published cases for the public page, newest first. */
export async function findPublishedCases(db: DbOrTx, page: { limit: number; offset: number }): Promise<{ rows: CaseRow[]; total: number }> {
  const where = eq(exposureCase.status, 'published');
  const rows = await selectCases(db)
    .where(where)
    .orderBy(desc(exposureCase.publishedAt), desc(exposureCase.id))
    .limit(page.limit)
    .offset(page.offset);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(exposureCase).where(where);
  return { rows, total: Number(n) };
}

/** Attachments by id (for photo sizes and files). */
export async function findAttachments(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.select().from(attachment).where(inArray(attachment.id, [...ids]));
}

/** Verified (属实/部分属实) reports as sources for the picker, newest verified first. */
export async function findReportSources(db: DbOrTx, q: string | undefined, limit: number) {
  const like = q ? `%${escapeLike(q)}%` : undefined;
  return db
    .select({
      id: publicReport.id,
      ref: publicReport.serialNo,
      category: publicReport.category,
      placeText: publicReport.placeText,
      institutionName: institution.name,
      townshipName: sql<string | null>`coalesce(${reportTownship.name}, ${instTownship.name})`,
      at: publicReport.verifiedAt,
      caseId: sql<string | null>`(select ${exposureCase.id} from ${exposureCase} where ${exposureCase.reportId} = ${publicReport.id} and ${exposureCase.status} <> 'withdrawn' limit 1)`,
    })
    .from(publicReport)
    .leftJoin(institution, eq(institution.id, publicReport.institutionId))
    .leftJoin(instTownship, eq(instTownship.id, institution.townshipId))
    .leftJoin(reportTownship, eq(reportTownship.id, publicReport.townshipId))
    .where(
      and(
        inArray(publicReport.status, [...REPORT_VERIFIED_STATUSES]),
        inArray(publicReport.verdict, [...REPORT_TRUE_VERDICTS]),
        like ? or(ilike(publicReport.serialNo, like), ilike(institution.name, like), ilike(publicReport.placeText, like)) : undefined,
      ),
    )
    .orderBy(sql`${publicReport.verifiedAt} desc nulls last`, desc(publicReport.serialNo))
    .limit(limit);
}

/** Closed hazards as sources for the picker, most recently closed first. */
export async function findHazardSources(db: DbOrTx, q: string | undefined, limit: number) {
  const like = q ? `%${escapeLike(q)}%` : undefined;
  return db
    .select({
      id: hazard.id,
      ref: hazard.code,
      title: hazard.title,
      category: hazard.category,
      institutionName: institution.name,
      townshipName: township.name,
      at: hazard.closedAt,
      caseId: sql<string | null>`(select ${exposureCase.id} from ${exposureCase} where ${exposureCase.hazardId} = ${hazard.id} and ${exposureCase.status} <> 'withdrawn' limit 1)`,
    })
    .from(hazard)
    .innerJoin(institution, eq(institution.id, hazard.institutionId))
    .innerJoin(township, eq(township.id, hazard.townshipId))
    .where(and(eq(hazard.status, 'closed'), like ? or(ilike(hazard.code, like), ilike(hazard.title, like), ilike(institution.name, like)) : undefined))
    .orderBy(desc(hazard.closedAt), desc(hazard.code))
    .limit(limit);
}
