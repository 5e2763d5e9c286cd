import type { User } from '@lifeline/shared';
import type { Actor } from '../../policies/index.ts';
import type { UserListRow } from './users.repo.ts';

/**
 * What the admin may do on an account (shown as buttons; the service enforces the same rules):
 * - `update`: any account of the county (the route requires `user.manage`);
 * - `resetPassword`: not their own (they change it through 修改密码, which checks the current one);
 * - `deactivate`: an active account that is not their own and not the last active county admin.
 * @param activeAdmins how many active county admins the county has now
 */
export function userAbilities(actor: Actor, u: Pick<UserListRow, 'id' | 'role' | 'isActive'>, activeAdmins: number): User['abilities'] {
  const self = u.id === actor.id;
  const lastAdmin = u.role === 'county_admin' && u.isActive && activeAdmins <= 1;
  return {
    update: actor.permissions.has('user.manage'),
    resetPassword: actor.permissions.has('user.manage') && !self,
    deactivate: actor.permissions.has('user.manage') && u.isActive && !self && !lastAdmin,
  };
}

/**
 * Account row → the API's {@link User} DTO. Never carries the password hash (the row type has none).
 * @param activeAdmins how many active county admins the county has (for `abilities.deactivate`)
 */
export function toUserDto(actor: Actor, r: UserListRow, activeAdmins: number): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    phone: r.phone,
    role: r.role,
    townshipId: r.townshipId,
    townshipName: r.townshipName,
    institutionId: r.institutionId,
    institutionName: r.institutionName,
    officeId: r.officeId,
    officeName: r.officeName,
    isActive: r.isActive,
    mustChangePassword: r.mustChangePassword,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    abilities: userAbilities(actor, r, activeAdmins),
  };
}
