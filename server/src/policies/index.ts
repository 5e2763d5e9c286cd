import { and, eq, type SQL, type Column } from 'drizzle-orm';
import { ROLE_SCOPE, type HazardStatus, type Permission, type Role } from '@lifeline/shared';
import type { Actor } from './actor.ts';
import { AppError, forbidden, notFound } from '../lib/app-error.ts';

export type { Actor } from './actor.ts';

/**
 * ALL authorisation lives here: permission checks, the scope filter every list query applies,
 * and the per-record checks whose failure looks like "not found" (ARCHITECTURE.md "Authorisation").
 */

/**
 * Throws 403 unless the actor holds the permission.
 * @throws AppError FORBIDDEN
 */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) throw forbidden();
}

/** Columns a scoped table exposes to the scope filter. */
export interface ScopeColumns {
  township: Column;
  institution: Column;
}

/**
 * The WHERE condition restricting a query to the actor's scope: nothing for county roles,
 * the township for a township officer, the institution for an institution officer.
 * @returns a drizzle SQL condition, or `undefined` for "everything in the county"
 */
export function scopeFilter(actor: Actor, cols: ScopeColumns): SQL | undefined {
  switch (ROLE_SCOPE[actor.role]) {
    case 'county':
      return undefined;
    case 'township':
      return eq(cols.township, actor.townshipId!);
    case 'institution':
      return eq(cols.institution, actor.institutionId!);
  }
}

/** `and` of the scope filter and other conditions, skipping undefined ones. */
export function scoped(actor: Actor, cols: ScopeColumns, ...conds: (SQL | undefined)[]): SQL | undefined {
  return and(scopeFilter(actor, cols), ...conds);
}

/** Whether a record belonging to `township`/`institution` is inside the actor's scope. */
export function inScope(actor: Actor, rec: { townshipId: string; institutionId?: string | null }): boolean {
  switch (ROLE_SCOPE[actor.role]) {
    case 'county':
      return true;
    case 'township':
      return rec.townshipId === actor.townshipId;
    case 'institution':
      return rec.institutionId != null && rec.institutionId === actor.institutionId;
  }
}

/**
 * Throws 404 when the record is outside the actor's scope: a record outside scope does not exist
 * for that actor.
 * @throws AppError NOT_FOUND
 */
export function assertInScope(actor: Actor, rec: { townshipId: string; institutionId?: string | null }): void {
  if (!inScope(actor, rec)) throw notFound();
}

/** The township-level scope of a township row itself (township officers see their own only). */
export function canSeeTownship(actor: Actor, townshipId: string): boolean {
  const level = ROLE_SCOPE[actor.role];
  return level === 'county' || (level === 'township' && actor.townshipId === townshipId);
}

/** Minimal hazard facts the hazard policy needs. */
export interface HazardFacts {
  townshipId: string;
  institutionId: string;
  status: HazardStatus;
  level: 'general' | 'major';
  listedSupervision: boolean;
}

/**
 * Who may take each step of the hazard closed loop (glossary 整改/验收/销号/退回/挂牌督办):
 * - rectification steps (start, submit): anyone in scope with `hazard.rectify`, including the
 *   institution itself;
 * - verification (verify = 销号, return = 退回): `hazard.verify`, never the institution itself;
 *   a major hazard or one under 挂牌督办 needs `hazard.verify_major` (county staff only);
 * - update (deadline, measures, level): `hazard.edit` while not closed.
 * State legality (which step from which status) is the workflow's job, not this one's.
 */
export function hazardAbilities(actor: Actor, h: HazardFacts) {
  const visible = inScope(actor, h);
  const has = (p: Permission) => visible && actor.permissions.has(p);
  const supervisedByCounty = h.level === 'major' || h.listedSupervision;
  const canVerify = has('hazard.verify') && (!supervisedByCounty || has('hazard.verify_major'));
  return {
    start_rectification: has('hazard.rectify'),
    submit_rectification: has('hazard.rectify'),
    verify: canVerify,
    return: canVerify,
    update: has('hazard.edit'),
  };
}

export type HazardAbilities = ReturnType<typeof hazardAbilities>;

/**
 * Throws 403 with a clear message when the actor may not take `action` on the hazard.
 * @throws AppError FORBIDDEN
 */
export function authorizeHazardAction(actor: Actor, h: HazardFacts, action: keyof HazardAbilities): void {
  assertInScope(actor, h);
  if (!hazardAbilities(actor, h)[action]) {
    if ((action === 'verify' || action === 'return') && (h.level === 'major' || h.listedSupervision) && actor.permissions.has('hazard.verify')) {
      throw new AppError('FORBIDDEN', '重大隐患实行挂牌督办，只能由县局验收销号');
    }
    throw forbidden();
  }
}

/**
 * Which institution an actor may file a record for (inspection, hazard): it must be in scope;
 * an institution officer can only file for their own institution.
 */
export function canActOnInstitution(actor: Actor, inst: { id: string; townshipId: string }): boolean {
  return inScope(actor, { townshipId: inst.townshipId, institutionId: inst.id });
}

/** Inspection kinds a role may file: county roles → county; township → township; institution → self. */
export function allowedInspectionKinds(actor: Actor): ('county' | 'township' | 'self')[] {
  switch (ROLE_SCOPE[actor.role]) {
    case 'county':
      return ['county'];
    case 'township':
      return ['township'];
    case 'institution':
      return ['self'];
  }
}

/**
 * What the actor may do on an institution: `update` needs `institution.manage` and the record in
 * the actor's scope (county roles: all; township officer: own township). Institution officers never
 * hold `institution.manage`, so they see their institution read-only.
 * Built from the policies' `inScope` (server/src/policies) so the UI never re-derives the rule.
 */
export function institutionAbilities(actor: Actor, i: { id: string; townshipId: string }): { update: boolean } {
  return { update: actor.permissions.has('institution.manage') && inScope(actor, { townshipId: i.townshipId, institutionId: i.id }) };
}

/**
 * What the admin may do on an account (shown as buttons; the service enforces the same rules):
 * - `update`: any account of the county (the route requires `user.manage`);
 * - `resetPassword`: not their own (they change it through 修改密码, which checks the current one);
 * - `deactivate`: an active account that is not their own and not the last active county admin.
 * @param activeAdmins how many active county admins the county has now
 */
export function userAbilities(actor: Actor, u: { id: string; role: Role; isActive: boolean }, activeAdmins: number): { update: boolean; resetPassword: boolean; deactivate: boolean } {
  const self = u.id === actor.id;
  const lastAdmin = u.role === 'county_admin' && u.isActive && activeAdmins <= 1;
  return {
    update: actor.permissions.has('user.manage'),
    resetPassword: actor.permissions.has('user.manage') && !self,
    deactivate: actor.permissions.has('user.manage') && u.isActive && !self && !lastAdmin,
  };
}

/**
 * What the actor may do on checklist templates: only the county admin (`checklist.manage`) edits
 * metadata and publishes versions; everyone else reads. Templates are county-wide, so there is no
 * per-record scope.
 */
export function checklistAbilities(actor: Actor): { update: boolean; publish: boolean } {
  const manage = actor.permissions.has('checklist.manage');
  return { update: manage, publish: manage };
}
