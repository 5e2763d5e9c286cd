import type { User } from '@lifeline/shared';
import { userAbilities, type Actor } from '../../policies/index.ts';
import type { UserListRow } from './users.repo.ts';

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
