import { z } from 'zod';
import { ROLES } from '../domain.ts';
import { NewPasswordSchema } from './auth.ts';
import { PageQuerySchema, PhoneSchema, QueryBool, text } from './common.ts';

const scopeFields = {
  townshipId: z.uuid().nullable().default(null),
  institutionId: z.uuid().nullable().default(null),
  officeId: z.uuid().nullable().default(null),
};

export const UserCreateSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,32}$/, { message: '用户名为 3–32 位小写字母、数字或 _ . -' }),
  displayName: text(40, '姓名'),
  phone: PhoneSchema.default(''),
  role: z.enum(ROLES, { message: '角色无效' }),
  ...scopeFields,
  password: NewPasswordSchema,
});

export const UserUpdateSchema = z.object({
  displayName: text(40, '姓名').optional(),
  phone: PhoneSchema.optional(),
  role: z.enum(ROLES).optional(),
  townshipId: z.uuid().nullable().optional(),
  institutionId: z.uuid().nullable().optional(),
  officeId: z.uuid().nullable().optional(),
  isActive: z.boolean().optional(),
});

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
});
export type User = z.infer<typeof UserSchema>;

export const UserListQuerySchema = PageQuerySchema.extend({
  role: z.enum(ROLES).optional(),
  townshipId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  active: QueryBool.optional(),
});
