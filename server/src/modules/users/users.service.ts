import { hashPassword, type Db, type DbOrTx } from '@lifeline/db';
import { ROLE_SCOPE, t, type FieldIssue, type Role, type User } from '@lifeline/shared';
import { AppError, invalidField, notFound } from '../../lib/app-error.ts';
import { writeAudit } from '../../plugins/audit.ts';
import { requirePermission, type Actor } from '../../policies/index.ts';
import { toUserDto } from './users.presenter.ts';
import {
  clearAccountLockout,
  countActiveAdmins,
  deleteSessions,
  findInstitutionById,
  findOfficeById,
  findTownshipById,
  findUser,
  findUsers,
  insertUser,
  lockActiveAdmins,
  lockUser,
  updateUserRow,
  usernameTaken,
  type UserFilter,
  type UserRow,
} from './users.repo.ts';

/** What an account is bound to (the columns `app_user_scope_ck` constrains). */
export interface Binding {
  townshipId: string | null;
  institutionId: string | null;
  officeId: string | null;
}

/**
 * Checks that a role's binding is consistent and exists, BEFORE the database's `app_user_scope_ck`
 * would refuse it (a check violation would only say "数据不符合要求"):
 * - county roles (county_admin, county_staff, county_leader): no township, no institution; an
 *   optional bureau section (股室) of the county;
 * - township_officer: an existing township of the county; no institution, no section;
 * - institution_officer: an existing institution of the county; its township is taken from the
 *   institution (whatever was sent); no section.
 * Every problem is reported at once, per field, in Chinese.
 * @returns the binding to store
 * @throws AppError VALIDATION_FAILED (400) with per-field details
 */
export async function resolveBinding(db: DbOrTx, countyId: string, role: Role, b: Binding): Promise<Binding> {
  const issues: FieldIssue[] = [];
  const label = t(`role.${role}`);
  const out: Binding = { townshipId: null, institutionId: null, officeId: null };
  switch (ROLE_SCOPE[role]) {
    case 'county':
      if (b.townshipId) issues.push({ path: 'townshipId', message: `${label}账号不能绑定乡镇` });
      if (b.institutionId) issues.push({ path: 'institutionId', message: `${label}账号不能绑定机构` });
      if (b.officeId) {
        if (await findOfficeById(db, countyId, b.officeId)) out.officeId = b.officeId;
        else issues.push({ path: 'officeId', message: '所选股室不存在' });
      }
      break;
    case 'township':
      if (!b.townshipId) issues.push({ path: 'townshipId', message: `${label}账号必须选择所属乡镇` });
      else if (await findTownshipById(db, countyId, b.townshipId)) out.townshipId = b.townshipId;
      else issues.push({ path: 'townshipId', message: '所选乡镇不存在' });
      if (b.institutionId) issues.push({ path: 'institutionId', message: `${label}账号不能绑定机构` });
      if (b.officeId) issues.push({ path: 'officeId', message: '只有县局账号可以选择股室' });
      break;
    case 'institution': {
      if (!b.institutionId) issues.push({ path: 'institutionId', message: `${label}账号必须选择所属机构` });
      else {
        const inst = await findInstitutionById(db, countyId, b.institutionId);
        if (inst) {
          out.institutionId = inst.id;
          out.townshipId = inst.townshipId;
        } else issues.push({ path: 'institutionId', message: '所选机构不存在' });
      }
      if (b.officeId) issues.push({ path: 'officeId', message: '只有县局账号可以选择股室' });
      break;
    }
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues.map((i) => i.message).join('；'), issues);
  return out;
}

/** The 409 for a username that is already taken. */
const usernameConflict = (username: string) =>
  new AppError('DUPLICATE', `用户名「${username}」已被使用`, [{ path: 'username', message: `用户名「${username}」已被使用` }]);

/** Whether an error is a unique violation of `app_user_username_uq` (looking through wrappers). */
function isUsernameViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return e.constraint === 'app_user_username_uq' || e.constraint === undefined;
  }
  return false;
}

/** The account as a DTO, read back after a change. */
async function present(db: DbOrTx, actor: Actor, id: string): Promise<User> {
  const row = await findUser(db, actor.countyId, id);
  if (!row) throw notFound();
  return toUserDto(actor, row, await countActiveAdmins(db, actor.countyId));
}

/**
 * A page of the county's accounts (permission `user.manage`) with the names of their township,
 * institution and section; filters: role, township, q (username / name / phone), active.
 * @returns `{ items, total, page, pageSize }`; never a password hash
 */
export async function listUsers(db: DbOrTx, actor: Actor, q: UserFilter & { page: number; pageSize: number }) {
  requirePermission(actor, 'user.manage');
  const { rows, total } = await findUsers(db, actor.countyId, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const admins = await countActiveAdmins(db, actor.countyId);
  return { items: rows.map((r) => toUserDto(actor, r, admins)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * One account of the county.
 * @throws AppError NOT_FOUND
 */
export async function getUser(db: DbOrTx, actor: Actor, id: string): Promise<User> {
  requirePermission(actor, 'user.manage');
  return present(db, actor, id);
}

export interface CreateUserInput extends Binding {
  username: string;
  displayName: string;
  phone: string;
  role: Role;
  password: string;
}

/**
 * Creates an account (permission `user.manage`). The password is stored as argon2id (OWASP
 * Password Storage Cheat Sheet) and must be changed at first login (`must_change_password`), since
 * the admin knows it. The binding is checked by {@link resolveBinding}. Audited without the hash.
 * @throws AppError VALIDATION_FAILED (binding), DUPLICATE 409 (username taken)
 */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput, now: Date, requestId?: string): Promise<User> {
  requirePermission(actor, 'user.manage');
  const binding = await resolveBinding(db, actor.countyId, input.role, input);
  if (await usernameTaken(db, input.username)) throw usernameConflict(input.username);
  const passwordHash = await hashPassword(input.password);
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const row = await insertUser(tx, {
        username: input.username,
        displayName: input.displayName,
        phone: input.phone,
        role: input.role,
        countyId: actor.countyId,
        ...binding,
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, summary: `创建账号 ${row.username}（${row.displayName}，${t(`role.${row.role}`)}）`, after: row }, requestId);
      return row.id;
    });
  } catch (err) {
    if (isUsernameViolation(err)) throw usernameConflict(input.username);
    throw err;
  }
  return present(db, actor, id);
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  phone?: string | undefined;
  role?: Role | undefined;
  townshipId?: string | null | undefined;
  institutionId?: string | null | undefined;
  officeId?: string | null | undefined;
  isActive?: boolean | undefined;
}

/**
 * Changes an account (permission `user.manage`): name, phone, role and binding, active flag.
 * When the role changes, binding fields not sent are cleared; the new binding is checked by
 * {@link resolveBinding}. Deactivating ends the account's sessions at once. Refused with 409: an
 * admin deactivating or changing the role of their own account, and any change that would leave the
 * county without an active county admin (checked under a lock on the admins' rows). Audited with
 * before/after of the changed fields.
 * @throws AppError NOT_FOUND, VALIDATION_FAILED (empty patch, binding), CONFLICT 409
 */
export async function updateUser(db: Db, actor: Actor, id: string, patch: UpdateUserInput, now: Date, requestId?: string): Promise<User> {
  requirePermission(actor, 'user.manage');
  if (Object.values(patch).every((v) => v === undefined)) throw invalidField('', '没有需要修改的内容');
  await db.transaction(async (tx) => {
    // a change that may remove an admin locks the admins' rows first, always in the same order, so
    // that two such changes at once wait for each other instead of deadlocking
    const admins = patch.isActive === false || patch.role !== undefined ? await lockActiveAdmins(tx, actor.countyId) : undefined;
    const row = await lockUser(tx, actor.countyId, id);
    if (!row) throw notFound();
    const role = patch.role ?? row.role;
    const bindingTouched = patch.role !== undefined || patch.townshipId !== undefined || patch.institutionId !== undefined || patch.officeId !== undefined;
    const changes: Partial<UserRow> = {};
    if (patch.displayName !== undefined && patch.displayName !== row.displayName) changes.displayName = patch.displayName;
    if (patch.phone !== undefined && patch.phone !== row.phone) changes.phone = patch.phone;
    if (patch.isActive !== undefined && patch.isActive !== row.isActive) changes.isActive = patch.isActive;
    if (bindingTouched) {
      const roleChanged = role !== row.role;
      const pick = (k: keyof Binding) => (patch[k] !== undefined ? patch[k] : roleChanged ? null : row[k]);
      const binding = await resolveBinding(tx, actor.countyId, role, { townshipId: pick('townshipId'), institutionId: pick('institutionId'), officeId: pick('officeId') });
      if (roleChanged) changes.role = role;
      for (const k of ['townshipId', 'institutionId', 'officeId'] as const) if (binding[k] !== row[k]) changes[k] = binding[k];
    }
    if (Object.keys(changes).length === 0) return;
    const self = row.id === actor.id;
    if (self && changes.isActive === false) throw new AppError('CONFLICT', '不能停用自己的账号');
    if (self && changes.role !== undefined) throw new AppError('CONFLICT', '不能修改自己的角色，请由其他管理员操作');
    const losesAdmin = row.role === 'county_admin' && row.isActive && (changes.isActive === false || (changes.role !== undefined && changes.role !== 'county_admin'));
    if (losesAdmin && (admins ?? []).filter((a) => a !== row.id).length === 0) {
      throw new AppError('CONFLICT', '至少需要保留一个启用的县局管理员账号');
    }
    await updateUserRow(tx, row.id, { ...changes, updatedAt: now });
    const endedSessions = changes.isActive === false ? await deleteSessions(tx, row.id) : 0;
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof UserRow]]));
    const what = changes.isActive === false ? '停用' : changes.isActive === true ? '启用' : '修改';
    await writeAudit(
      tx,
      actor,
      { action: 'user.update', entityType: 'user', entityId: row.id, summary: `${what}账号 ${row.username}（${row.displayName}）${endedSessions ? `，结束 ${endedSessions} 个会话` : ''}`, before, after: changes },
      requestId,
    );
  });
  return present(db, actor, id);
}

/**
 * Sets a new temporary password on an account (permission `user.manage`): stored as argon2id, the
 * user must change it at next login, every session of the account ends, and a failed-login lockout
 * of the username is lifted. Not for the admin's own account (they use 修改密码, which checks the
 * current password). Audited without the password or its hash.
 * @throws AppError NOT_FOUND, CONFLICT 409 (own account)
 */
export async function resetUserPassword(db: Db, actor: Actor, id: string, password: string, now: Date, requestId?: string): Promise<User> {
  requirePermission(actor, 'user.manage');
  if (id === actor.id) throw new AppError('CONFLICT', '不能重置自己的密码，请在“修改密码”中修改');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const row = await lockUser(tx, actor.countyId, id);
    if (!row) throw notFound();
    await updateUserRow(tx, row.id, { passwordHash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now });
    const ended = await deleteSessions(tx, row.id);
    await clearAccountLockout(tx, row.username);
    await writeAudit(tx, actor, { action: 'user.reset_password', entityType: 'user', entityId: row.id, summary: `重置账号 ${row.username}（${row.displayName}）的密码${ended ? `，结束 ${ended} 个会话` : ''}` }, requestId);
  });
  return present(db, actor, id);
}
