import { z } from 'zod';
import { ROLES } from '../domain.ts';
import { NewPasswordSchema } from './auth.ts';
import { PageQuerySchema, PhoneSchema, QueryBool, text } from './common.ts';

/**
 * What an account is bound to. The rules (checked by the server, per field, before the database's
 * `app_user_scope_ck` would): county roles — no township, no institution, optionally a bureau
 * section (股室); township_officer — a township; institution_officer — an institution, whose
 * township the server fills in.
 */
const bindingFields = {
  townshipId: z.uuid({ message: '乡镇编号无效' }).nullable(),
  institutionId: z.uuid({ message: '机构编号无效' }).nullable(),
  officeId: z.uuid({ message: '股室编号无效' }).nullable(),
};

/** Login name: 3–32 characters, lower-case letters, digits, `_ . -` (stored lower-case). */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,32}$/, { message: '用户名为 3–32 位小写字母、数字或 _ . -' });

/** A county admin creates an account; its holder must change the given password at first login. */
export const UserCreateSchema = z.object({
  username: UsernameSchema,
  displayName: text(40, '姓名'),
  phone: PhoneSchema.default(''),
  role: z.enum(ROLES, { message: '角色无效' }),
  townshipId: bindingFields.townshipId.default(null),
  institutionId: bindingFields.institutionId.default(null),
  officeId: bindingFields.officeId.default(null),
  /** the initial password, handed to the user; they must change it at first login */
  password: NewPasswordSchema,
});
export type UserCreate = z.input<typeof UserCreateSchema>;

/**
 * Change an account: only the fields present change. When `role` changes, the binding fields not
 * given are cleared (a new role needs its own binding). `isActive: false` ends the user's sessions.
 */
export const UserUpdateSchema = z.object({
  displayName: text(40, '姓名').optional(),
  phone: PhoneSchema.optional(),
  role: z.enum(ROLES, { message: '角色无效' }).optional(),
  townshipId: bindingFields.townshipId.optional(),
  institutionId: bindingFields.institutionId.optional(),
  officeId: bindingFields.officeId.optional(),
  isActive: z.boolean().optional(),
});
export type UserUpdate = z.input<typeof UserUpdateSchema>;

/** A county admin sets a new temporary password; the user must change it at next login. */
export const ResetPasswordSchema = z.object({ password: NewPasswordSchema });

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string(),
  role: z.enum(ROLES),
  townshipId: z.string().nullable(),
  townshipName: z.string().nullable(),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  officeId: z.string().nullable(),
  officeName: z.string().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /**
   * What the current admin may do on this account: `deactivate` is false for themself and for the
   * last active county admin; `resetPassword` is false for themself (use 修改密码 instead).
   */
  abilities: z.object({ update: z.boolean(), resetPassword: z.boolean(), deactivate: z.boolean() }),
});
export type User = z.infer<typeof UserSchema>;

export const UserListQuerySchema = PageQuerySchema.extend({
  role: z.enum(ROLES, { message: '角色无效' }).optional(),
  /** accounts bound to this township (township officers and the township's institution officers) */
  townshipId: z.uuid({ message: '乡镇编号无效' }).optional(),
  /** matches username, name or phone, literally */
  q: z.string().trim().max(50).optional(),
  active: QueryBool.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;
