import { and, eq, sql, type SQL, type Column } from 'drizzle-orm';
import { ROLE_SCOPE, type HazardStatus, type Permission, type ReportStatus, type Role } from '@lifeline/shared';
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

/**
 * Who may change a drill (应急演练) — plan, edit, cancel, record, evaluate, add findings:
 * `drill.record` on a drill in scope (institution officer: their own institution; township
 * officer: its institutions; county staff/admin: all). Which step is legal in which status is the
 * drills workflow's job (server/src/modules/drills/drills.workflow.ts), not this one's.
 */
export function canRecordDrill(actor: Actor, d: { townshipId: string; institutionId: string }): boolean {
  return inScope(actor, d) && actor.permissions.has('drill.record');
}

/**
 * Throws when the actor may not change the drill: 404 outside scope (it does not exist for them),
 * 403 without `drill.record`.
 * @throws AppError NOT_FOUND | FORBIDDEN
 */
export function authorizeDrillChange(actor: Actor, d: { townshipId: string; institutionId: string }): void {
  assertInScope(actor, d);
  if (!canRecordDrill(actor, d)) throw forbidden();
}

/**
 * What the actor may do on an emergency plan (应急预案):
 * - `manage` (create, upload a new version): `plan.manage` — the institution's own safety officer;
 * - `review` (通过 / 退回 a submitted version): `plan.review` on a plan in scope — the township
 *   officer for its institutions, county staff/admin for all.
 * Which step is legal now (e.g. nothing pending) is the plans service's job.
 */
export function planAbilities(actor: Actor, p: { townshipId: string; institutionId: string }): { manage: boolean; review: boolean } {
  const visible = inScope(actor, p);
  return { manage: visible && actor.permissions.has('plan.manage'), review: visible && actor.permissions.has('plan.review') };
}

/** A study session's level and unit, as the study policy needs them. */
export interface StudyFacts {
  level: 'county' | 'township' | 'institution';
  townshipId: string | null;
  institutionId: string | null;
  createdById: string;
}

/**
 * Which study sessions (学习宣传 / 安全培训) an actor sees: county roles all of them; a township
 * officer the county's sessions, its township's and its institutions'; an institution officer the
 * county's, its township's (township level) and its own institution's.
 */
export function canSeeStudySession(actor: Actor, s: Omit<StudyFacts, 'createdById'>): boolean {
  switch (ROLE_SCOPE[actor.role]) {
    case 'county':
      return true;
    case 'township':
      return s.level === 'county' || s.townshipId === actor.townshipId;
    case 'institution':
      return s.level === 'county' || (s.level === 'township' && s.townshipId === actor.townshipId) || (s.institutionId !== null && s.institutionId === actor.institutionId);
  }
}

/**
 * Whether the actor may record a session at this level and unit (`study.record`): county roles
 * county-level sessions; a township officer township-level sessions of their township or sessions
 * of its institutions; an institution officer sessions of their own institution.
 */
export function canRecordStudyAt(actor: Actor, s: Omit<StudyFacts, 'createdById'>): boolean {
  if (!actor.permissions.has('study.record')) return false;
  switch (ROLE_SCOPE[actor.role]) {
    case 'county':
      return s.level === 'county';
    case 'township':
      return (s.level === 'township' || s.level === 'institution') && s.townshipId === actor.townshipId;
    case 'institution':
      return s.level === 'institution' && s.institutionId === actor.institutionId;
  }
}

/**
 * What the actor may do on a recorded session ("own level only"): change or delete it when it is
 * at the actor's own level and unit (county → county sessions, township officer → the township's
 * own sessions, institution officer → their institution's), or when the actor recorded it (a
 * township officer recording for one of its institutions).
 */
export function studyAbilities(actor: Actor, s: StudyFacts): { update: boolean; delete: boolean } {
  const level = ROLE_SCOPE[actor.role];
  const ownLevel = s.level === level && canRecordStudyAt(actor, s);
  const mine = s.createdById === actor.id && canRecordStudyAt(actor, s);
  const may = ownLevel || mine;
  return { update: may, delete: may };
}

/** Minimal public-report facts the report policy needs. */
export interface ReportFacts {
  /** the township the report was assigned to on acceptance (null: not yet, or an office) */
  townshipId: string | null;
  status: ReportStatus;
}

/**
 * Whether the actor sees a public report (举报) at all: `report.read` and — county roles — every
 * report; a township officer only reports assigned to its township; an institution officer never
 * (a reporter exposed to the institution they reported is the failure the product must prevent).
 */
export function canSeeReport(actor: Actor, r: ReportFacts): boolean {
  if (!actor.permissions.has('report.read')) return false;
  switch (ROLE_SCOPE[actor.role]) {
    case 'county':
      return true;
    case 'township':
      return r.townshipId !== null && r.townshipId === actor.townshipId;
    case 'institution':
      return false;
  }
}

/**
 * The list-query scope of public reports: nothing for county roles, the assigned township for a
 * township officer, and a condition that matches nothing for everyone else.
 * @param col the report's assigned-township column
 */
export function reportScopeFilter(actor: Actor, col: Column): SQL | undefined {
  if (!actor.permissions.has('report.read')) return sql`false`;
  switch (ROLE_SCOPE[actor.role]) {
    case 'county':
      return undefined;
    case 'township':
      return actor.townshipId ? eq(col, actor.townshipId) : sql`false`;
    case 'institution':
      return sql`false`;
  }
}

/**
 * Who may take each step of report handling (permissions × scope; the workflow decides legality):
 * - accept, reject, close: `report.handle` (county staff/admin);
 * - start_verification, verdict: `report.verify` — county staff/admin on any report, a township
 *   officer on reports assigned to its township;
 * - message (to the reporter): `report.handle`, or `report.verify` for the assigned township;
 * - reveal_identity: `report.reveal_identity` (county admin only), every reveal audited;
 * - propose / pay a reward: `reward.manage`; approve / reject it: `reward.approve`.
 */
export function reportAbilities(actor: Actor, r: ReportFacts) {
  const visible = canSeeReport(actor, r);
  const has = (p: Permission) => visible && actor.permissions.has(p);
  return {
    accept: has('report.handle'),
    reject: has('report.handle'),
    close: has('report.handle'),
    start_verification: has('report.verify'),
    verdict: has('report.verify'),
    message: has('report.handle') || has('report.verify'),
    reveal_identity: has('report.reveal_identity'),
    propose_reward: has('reward.manage'),
    pay_reward: has('reward.manage'),
    approve_reward: has('reward.approve'),
  };
}

export type ReportAbilities = ReturnType<typeof reportAbilities>;

/**
 * Throws unless the actor may take `action` on the report: 404 when the report is outside their
 * scope (it does not exist for them), 403 when they see it but lack the permission.
 * @throws AppError NOT_FOUND | FORBIDDEN
 */
export function authorizeReportAction(actor: Actor, r: ReportFacts, action: keyof ReportAbilities): void {
  if (!canSeeReport(actor, r)) throw notFound();
  if (!reportAbilities(actor, r)[action]) throw forbidden();
}
