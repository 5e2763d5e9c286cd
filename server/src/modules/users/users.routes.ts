import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParamSchema, ResetPasswordSchema, UserCreateSchema, UserListQuerySchema, UserSchema, UserUpdateSchema, pageOf } from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { actorOf } from '../../plugins/auth.ts';
import { createUser, getUser, listUsers, resetUserPassword, updateUser } from './users.service.ts';

/** /api/users: staff account administration (permission `user.manage`, county admin only). */
export async function userRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/api/users', {
    config: { permission: 'user.manage' },
    schema: { tags: ['users'], summary: '账号列表（按角色、乡镇、关键字、启用状态筛选）', querystring: UserListQuerySchema, response: { 200: pageOf(UserSchema) } },
  }, async (req) => listUsers(db, actorOf(req), req.query));

  r.get('/api/users/:id', {
    config: { permission: 'user.manage' },
    schema: { tags: ['users'], summary: '账号详情', params: IdParamSchema, response: { 200: UserSchema } },
  }, async (req) => getUser(db, actorOf(req), req.params.id));

  r.post('/api/users', {
    config: { permission: 'user.manage' },
    schema: { tags: ['users'], summary: '新建账号（首次登录须修改密码）', body: UserCreateSchema, response: { 201: UserSchema } },
  }, async (req, reply) => {
    const dto = await createUser(db, actorOf(req), req.body, deps.now(), req.id);
    return reply.status(201).send(dto);
  });

  r.patch('/api/users/:id', {
    config: { permission: 'user.manage' },
    schema: { tags: ['users'], summary: '修改账号（姓名、电话、角色与绑定、启用/停用；停用即结束其会话）', params: IdParamSchema, body: UserUpdateSchema, response: { 200: UserSchema } },
  }, async (req) => updateUser(db, actorOf(req), req.params.id, req.body, deps.now(), req.id));

  r.post('/api/users/:id/reset-password', {
    config: { permission: 'user.manage' },
    schema: { tags: ['users'], summary: '重置密码（设为临时密码，下次登录须修改；结束其全部会话）', params: IdParamSchema, body: ResetPasswordSchema, response: { 200: UserSchema } },
  }, async (req) => resetUserPassword(db, actorOf(req), req.params.id, req.body.password, deps.now(), req.id));
}
