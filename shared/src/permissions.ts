import type { Role } from './domain.ts';

/**
 * The permission registry: every route declares one of these; the role map below is the only
 * place that says who holds what. Scope (which records) is decided separately by the server's
 * policies (server/src/policies).
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'institution.read',
  'institution.manage',
  'user.manage',
  'checklist.read',
  'checklist.manage',
  'inspection.read',
  'inspection.create',
  'hazard.read',
  'hazard.register',
  'hazard.rectify',
  'hazard.verify',
  'hazard.verify_major',
  'hazard.edit',
  'hazard.export',
  'dashboard.read',
  'audit.read',
  'upload.create',
  'campaign.read',
  'campaign.manage',
  'campaign.submit',
  'campaign.review',
  'preparedness.read',
  'plan.manage',
  'plan.review',
  'drill.record',
  'study.record',
  'quiz.take',
  'quiz.manage',
  'quiz.results',
  'report.read',
  'report.handle',
  'report.verify',
  'report.reveal_identity',
  'reward.manage',
  'reward.approve',
  'exposure.manage',
  'exposure.approve',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ['org.read', 'institution.read', 'checklist.read', 'inspection.read', 'hazard.read', 'hazard.export', 'dashboard.read', 'campaign.read', 'preparedness.read', 'quiz.results'];

const COUNTY_STAFF: Permission[] = [
  ...READ,
  'institution.manage',
  'inspection.create',
  'hazard.register',
  'hazard.rectify',
  'hazard.verify',
  'hazard.verify_major',
  'hazard.edit',
  'upload.create',
  'campaign.submit',
  'campaign.review',
  'plan.review',
  'drill.record',
  'study.record',
  'quiz.take',
  'report.read',
  'report.handle',
  'report.verify',
  'reward.manage',
  'exposure.manage',
];

/** Role → permissions. The county admin does everything county staff do, plus administration. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  county_admin: [...COUNTY_STAFF, 'org.manage', 'user.manage', 'checklist.manage', 'audit.read', 'campaign.manage', 'quiz.manage', 'report.reveal_identity', 'reward.approve'],
  county_staff: COUNTY_STAFF,
  // the leader approves rewards and exposure cases; reads reports (never the reporter's identity)
  county_leader: [...READ, 'report.read', 'reward.approve', 'exposure.approve'],
  township_officer: [
    ...READ,
    'institution.manage',
    'inspection.create',
    'hazard.register',
    'hazard.rectify',
    'hazard.verify',
    'hazard.edit',
    'upload.create',
    'campaign.submit',
    'plan.review',
    'drill.record',
    'study.record',
    'quiz.take',
    'report.read',
    'report.verify',
  ],
  institution_officer: [
    'org.read',
    'institution.read',
    'checklist.read',
    'inspection.read',
    'inspection.create',
    'hazard.read',
    'hazard.register',
    'hazard.rectify',
    'hazard.export',
    'dashboard.read',
    'upload.create',
    'campaign.read',
    'campaign.submit',
    'preparedness.read',
    'plan.manage',
    'drill.record',
    'study.record',
    'quiz.take',
    'quiz.results',
  ],
};

/**
 * Whether a role holds a permission.
 * @param role one of {@link ROLES}
 * @param permission one of {@link PERMISSIONS}
 */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
