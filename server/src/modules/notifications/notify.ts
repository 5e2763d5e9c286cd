import { and, eq, inArray } from 'drizzle-orm';
import { appUser, notification, taskAssignment, type DbOrTx } from '@lifeline/db';
import { ROLE_PERMISSIONS, type Permission, type Role } from '@lifeline/shared';

/**
 * Writing in-app notifications (消息). Callers pass their transaction, so a notification exists
 * exactly when the change it announces was committed.
 */

/** What a notification says and where it leads. */
export interface NotificationInput {
  /** reminder_before | reminder_due | submission_returned | submission_accepted | submission_received | … */
  kind: string;
  title: string;
  body?: string;
  /** a path in the web app, e.g. /campaigns/<id>/assignments/<id> */
  link?: string;
  entityType?: string;
  entityId?: string;
}

/**
 * Writes one notification per user (duplicates in `userIds` are sent once).
 * @returns the number of notifications written
 */
export async function notifyUsers(tx: DbOrTx, userIds: string[], n: NotificationInput, now: Date): Promise<number> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  await tx.insert(notification).values(
    unique.map((userId) => ({
      userId,
      kind: n.kind,
      title: n.title.slice(0, 200),
      body: (n.body ?? '').slice(0, 2000),
      link: n.link ?? '',
      entityType: n.entityType ?? null,
      entityId: n.entityId ?? null,
      createdAt: now,
    })),
  );
  return unique.length;
}

/**
 * The active accounts that deliver an assignment: the township's officers (township unit), the
 * institution's safety officers (institution unit) or the county staff of the office (office unit).
 */
export async function usersOfAssignment(tx: DbOrTx, assignmentId: string): Promise<string[]> {
  const [a] = await tx.select().from(taskAssignment).where(eq(taskAssignment.id, assignmentId));
  if (!a) return [];
  const cond =
    a.unitKind === 'township'
      ? and(eq(appUser.role, 'township_officer'), eq(appUser.townshipId, a.townshipId!))
      : a.unitKind === 'institution'
        ? and(eq(appUser.role, 'institution_officer'), eq(appUser.institutionId, a.institutionId!))
        : and(inArray(appUser.role, ['county_admin', 'county_staff']), eq(appUser.officeId, a.officeId!));
  const rows = await tx.select({ id: appUser.id }).from(appUser).where(and(cond, eq(appUser.isActive, true)));
  return rows.map((r) => r.id);
}

/** The active accounts holding `campaign.review` (county staff who accept or return submissions). */
export async function campaignReviewers(tx: DbOrTx): Promise<string[]> {
  const roles = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes('campaign.review'));
  const rows = await tx.select({ id: appUser.id }).from(appUser).where(and(inArray(appUser.role, roles), eq(appUser.isActive, true)));
  return rows.map((r) => r.id);
}

/** The active safety-officer accounts of an institution (机构安全员). */
export async function usersOfInstitution(tx: DbOrTx, institutionId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(eq(appUser.role, 'institution_officer'), eq(appUser.institutionId, institutionId), eq(appUser.isActive, true)));
  return rows.map((r) => r.id);
}

/** The active township-officer accounts of a township (乡镇民政办). */
export async function usersOfTownship(tx: DbOrTx, townshipId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(eq(appUser.role, 'township_officer'), eq(appUser.townshipId, townshipId), eq(appUser.isActive, true)));
  return rows.map((r) => r.id);
}

/** The active county accounts holding a permission (e.g. `plan.review`). */
export async function countyUsersWith(tx: DbOrTx, permission: Permission): Promise<string[]> {
  const roles = (['county_admin', 'county_staff'] as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes(permission));
  if (roles.length === 0) return [];
  const rows = await tx.select({ id: appUser.id }).from(appUser).where(and(inArray(appUser.role, roles), eq(appUser.isActive, true)));
  return rows.map((r) => r.id);
}
