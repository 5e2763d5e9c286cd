import { and, asc, count, desc, eq, gte, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import {
  appUser,
  campaign,
  campaignTask,
  drill,
  inspection,
  institution,
  office,
  studySession,
  submission,
  taskAssignment,
  township,
  type DbOrTx,
} from '@lifeline/db';
import { localDate, startOfLocalDay, type Assignment, type AssignmentState } from '@lifeline/shared';
import { scoped, type Actor } from '../../policies/index.ts';
import type { CampaignRow, CampaignTaskRow } from './campaigns.repo.ts';

/**
 * Task assignments (one unit × one task — a cell of the completion board): the snapshot taken at
 * publishing, the scope-filtered queries, and the derived state of each cell.
 */

export type AssignmentRow = typeof taskAssignment.$inferSelect;
export type SubmissionRow = typeof submission.$inferSelect;

/**
 * Creates the assignments of every task of a campaign from the units that exist now (a snapshot):
 * each township of the county, each operating institution (optionally of given types), or the
 * named office. Run inside the publishing transaction.
 * @returns the number of assignments created
 */
export async function createAssignments(tx: DbOrTx, c: CampaignRow, tasks: CampaignTaskRow[], countyId: string, now: Date): Promise<number> {
  const townships = await tx.select({ id: township.id, name: township.name }).from(township).where(eq(township.countyId, countyId)).orderBy(asc(township.sortOrder), asc(township.code));
  const institutions = await tx
    .select({ id: institution.id, name: institution.name, type: institution.type, townshipId: institution.townshipId })
    .from(institution)
    .innerJoin(township, eq(township.id, institution.townshipId))
    .where(and(eq(township.countyId, countyId), eq(institution.status, 'operating')))
    .orderBy(asc(township.sortOrder), asc(institution.name));
  const rows: (typeof taskAssignment.$inferInsert)[] = [];
  for (const t of tasks) {
    const base = { taskId: t.id, campaignId: c.id, createdAt: now };
    if (t.assigneeScope === 'each_township') {
      for (const tw of townships) rows.push({ ...base, unitKind: 'township', townshipId: tw.id, unitName: tw.name });
    } else if (t.assigneeScope === 'each_institution' || t.assigneeScope === 'each_institution_of_types') {
      const types = new Set(t.institutionTypes);
      for (const i of institutions) {
        if (t.assigneeScope === 'each_institution_of_types' && !types.has(i.type)) continue;
        rows.push({ ...base, unitKind: 'institution', townshipId: i.townshipId, institutionId: i.id, unitName: i.name });
      }
    } else if (t.officeId) {
      const [o] = await tx.select({ name: office.name }).from(office).where(eq(office.id, t.officeId));
      rows.push({ ...base, unitKind: 'office', officeId: t.officeId, unitName: o?.name ?? '' });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(taskAssignment).values(rows.slice(i, i + 500));
  return rows.length;
}

/** The scope filter on assignments: townships see their own township and its institutions; institutions their own. */
export function assignmentScope(actor: Actor, ...conds: (SQL | undefined)[]): SQL | undefined {
  return scoped(actor, { township: taskAssignment.townshipId, institution: taskAssignment.institutionId }, ...conds);
}

/** Whether the assignment is the actor's own unit's to deliver (我的任务). */
export function isOwnAssignment(actor: Actor, a: Pick<AssignmentRow, 'unitKind' | 'townshipId' | 'institutionId' | 'officeId'>): boolean {
  switch (a.unitKind) {
    case 'township':
      return actor.role === 'township_officer' && a.townshipId === actor.townshipId;
    case 'institution':
      return actor.role === 'institution_officer' && a.institutionId === actor.institutionId;
    case 'office':
      return (actor.role === 'county_admin' || actor.role === 'county_staff') && a.officeId != null && a.officeId === actor.officeId;
  }
}

/** SQL for "the actor's own unit" (mine=true). */
export function ownAssignmentsCondition(actor: Actor): SQL {
  switch (actor.role) {
    case 'township_officer':
      return and(eq(taskAssignment.unitKind, 'township'), eq(taskAssignment.townshipId, actor.townshipId!))!;
    case 'institution_officer':
      return and(eq(taskAssignment.unitKind, 'institution'), eq(taskAssignment.institutionId, actor.institutionId!))!;
    default:
      return actor.officeId ? and(eq(taskAssignment.unitKind, 'office'), eq(taskAssignment.officeId, actor.officeId))! : sql`false`;
  }
}

/** The latest submission of each assignment (by version), keyed by assignment id. */
export async function latestSubmissions(db: DbOrTx, assignmentIds: string[]): Promise<Map<string, SubmissionRow>> {
  const out = new Map<string, SubmissionRow>();
  if (assignmentIds.length === 0) return out;
  for (let i = 0; i < assignmentIds.length; i += 1000) {
    const rows = await db
      .selectDistinctOn([submission.assignmentId])
      .from(submission)
      .where(inArray(submission.assignmentId, assignmentIds.slice(i, i + 1000)))
      .orderBy(submission.assignmentId, desc(submission.version));
    for (const r of rows) out.set(r.assignmentId, r);
  }
  return out;
}

/** Progress of a `count` deliverable. */
export interface CountProgress {
  done: number;
  required: number;
  /** whether Lifeline keeps such records (always, since drills and study sessions exist) */
  tracked: boolean;
}

/**
 * The start of the period a `count` task counts records in: the campaign's first day, or the day
 * it was published.
 */
function periodStart(c: Pick<CampaignHead, 'startsOn' | 'publishedAt' | 'createdAt'>): Date {
  return c.startsOn ? startOfLocalDay(c.startsOn) : startOfLocalDay(localDate(c.publishedAt ?? c.createdAt));
}

/**
 * Counts the records behind `count` tasks for the given assignments, between the campaign's start
 * and the task deadline: inspections (a township's own township inspections, an institution's
 * self-inspections, county inspections for an office), held drills (an institution's, a township's
 * institutions', all for an office) or study sessions (an institution's, a township's own and its
 * institutions', the county's own for an office).
 */
export async function countProgress(db: DbOrTx, c: CampaignHead, task: CampaignTaskRow, assignments: AssignmentRow[]): Promise<Map<string, CountProgress>> {
  const out = new Map<string, CountProgress>();
  if (task.deliverableKind !== 'count' || !task.countOf) return out;
  const byTownship = new Map<string, number>();
  const byInstitution = new Map<string, number>();
  let county = 0;
  if (task.countOf === 'inspection') {
    const period = and(gte(inspection.inspectedAt, periodStart(c)), lte(inspection.inspectedAt, task.deadline));
    const tw = await db.select({ k: inspection.townshipId, n: count() }).from(inspection).where(and(period, eq(inspection.kind, 'township'))).groupBy(inspection.townshipId);
    for (const r of tw) byTownship.set(r.k, Number(r.n));
    const inst = await db.select({ k: inspection.institutionId, n: count() }).from(inspection).where(and(period, eq(inspection.kind, 'self'))).groupBy(inspection.institutionId);
    for (const r of inst) byInstitution.set(r.k, Number(r.n));
    const [cn] = await db.select({ n: count() }).from(inspection).where(and(period, eq(inspection.kind, 'county')));
    county = Number(cn?.n ?? 0);
  } else if (task.countOf === 'drill') {
    // held drills: an institution's own, a township's institutions', every one for an office
    const period = and(eq(drill.status, 'held'), gte(drill.heldAt, periodStart(c)), lte(drill.heldAt, task.deadline));
    for (const r of await db.select({ k: drill.townshipId, n: count() }).from(drill).where(period).groupBy(drill.townshipId)) byTownship.set(r.k, Number(r.n));
    for (const r of await db.select({ k: drill.institutionId, n: count() }).from(drill).where(period).groupBy(drill.institutionId)) byInstitution.set(r.k, Number(r.n));
    county = [...byTownship.values()].reduce((x, y) => x + y, 0);
  } else {
    // study sessions: an institution's own, a township's own and its institutions', the county's own for an office
    const from = localDate(periodStart(c));
    const to = localDate(task.deadline);
    const period = and(gte(studySession.heldOn, from), lte(studySession.heldOn, to));
    for (const r of await db.select({ k: studySession.townshipId, n: count() }).from(studySession).where(and(period, isNotNull(studySession.townshipId))).groupBy(studySession.townshipId)) byTownship.set(r.k!, Number(r.n));
    for (const r of await db.select({ k: studySession.institutionId, n: count() }).from(studySession).where(and(period, isNotNull(studySession.institutionId))).groupBy(studySession.institutionId)) byInstitution.set(r.k!, Number(r.n));
    const [cn] = await db.select({ n: count() }).from(studySession).where(and(period, eq(studySession.level, 'county')));
    county = Number(cn?.n ?? 0);
  }
  for (const a of assignments) {
    const done = a.unitKind === 'township' ? (byTownship.get(a.townshipId!) ?? 0) : a.unitKind === 'institution' ? (byInstitution.get(a.institutionId!) ?? 0) : county;
    out.set(a.id, { done, required: task.requiredQuantity, tracked: true });
  }
  return out;
}

/**
 * The board state of one assignment, derived (never stored):
 * - count tasks: 已通过 when the records reach the quantity, else 逾期 past the deadline, else 未开始;
 * - others: the latest submission's status (已提交 / 已通过; 已退回 until the deadline), else
 *   逾期 past the deadline, else 未开始.
 */
export function assignmentState(task: Pick<CampaignTaskRow, 'deadline' | 'deliverableKind'>, latest: Pick<SubmissionRow, 'status'> | undefined, progress: CountProgress | undefined, now: Date): AssignmentState {
  const past = now.getTime() > task.deadline.getTime();
  if (task.deliverableKind === 'count') {
    if (progress && progress.done >= progress.required) return 'accepted';
    return past ? 'overdue' : 'not_started';
  }
  if (latest?.status === 'accepted') return 'accepted';
  if (latest?.status === 'submitted') return 'submitted';
  if (past) return 'overdue';
  return latest?.status === 'returned' ? 'returned' : 'not_started';
}

/** The campaign columns an assignment needs (not the notice text nor its sections: one copy per row would be wasted). */
const CAMPAIGN_HEAD = {
  id: campaign.id,
  name: campaign.name,
  status: campaign.status,
  startsOn: campaign.startsOn,
  publishedAt: campaign.publishedAt,
  createdAt: campaign.createdAt,
};
export type CampaignHead = Pick<CampaignRow, keyof typeof CAMPAIGN_HEAD>;

/** Assignment rows with their task and the campaign's head, scope-filtered. */
export async function findAssignments(db: DbOrTx, actor: Actor, ...conds: (SQL | undefined)[]) {
  return db
    .select({ a: taskAssignment, t: campaignTask, c: CAMPAIGN_HEAD })
    .from(taskAssignment)
    .innerJoin(campaignTask, eq(campaignTask.id, taskAssignment.taskId))
    .innerJoin(campaign, eq(campaign.id, taskAssignment.campaignId))
    .where(assignmentScope(actor, ...conds))
    .orderBy(asc(campaignTask.deadline), asc(campaignTask.sortOrder), asc(taskAssignment.unitKind), asc(taskAssignment.unitName));
}

/**
 * Assignment rows → DTOs with their derived state (count progress computed per task).
 */
export async function toAssignmentDtos(db: DbOrTx, rows: { a: AssignmentRow; t: CampaignTaskRow; c: CampaignHead }[], now: Date): Promise<Assignment[]> {
  const latest = await latestSubmissions(db, rows.filter((r) => r.t.deliverableKind !== 'count').map((r) => r.a.id));
  const progress = new Map<string, CountProgress>();
  const byTask = new Map<string, typeof rows>();
  for (const r of rows) if (r.t.deliverableKind === 'count') byTask.set(r.t.id, [...(byTask.get(r.t.id) ?? []), r]);
  for (const group of byTask.values()) {
    for (const [k, v] of await countProgress(db, group[0]!.c, group[0]!.t, group.map((g) => g.a))) progress.set(k, v);
  }
  return rows.map(({ a, t, c }) => {
    const s = latest.get(a.id);
    const p = progress.get(a.id);
    return {
      id: a.id,
      campaignId: c.id,
      campaignName: c.name,
      taskId: t.id,
      taskTitle: t.title,
      deliverableKind: t.deliverableKind,
      deadline: t.deadline.toISOString(),
      deadlineDate: localDate(t.deadline),
      unitKind: a.unitKind,
      unitName: a.unitName,
      townshipId: a.townshipId,
      institutionId: a.institutionId,
      officeId: a.officeId,
      state: assignmentState(t, s, p, now),
      isLate: s?.isLate ?? false,
      latestVersion: s?.version ?? null,
      latestSubmittedAt: s?.submittedAt.toISOString() ?? null,
      featured: s?.featured ?? false,
      count: p ?? null,
    };
  });
}

/** Display names of users, by id. */
export async function userNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: appUser.id, name: appUser.displayName }).from(appUser).where(inArray(appUser.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
