import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ChangePasswordBodySchema, LoginBodySchema, MeSchema, OkSchema } from '@lifeline/shared';
import { z } from 'zod';
import { actorOf, SESSION_COOKIE } from '../../plugins/auth.ts';
import type { AppDeps } from '../../app.ts';
import { changePassword, getMe, login, logout } from './auth.service.ts';

/** /api/auth: login, logout, the current user, password change. */
export async function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;

  r.post('/api/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: '登录（开始会话，设置 httpOnly Cookie）',
      body: LoginBodySchema,
      response: { 200: z.object({ ok: z.literal(true), mustChangePassword: z.boolean() }) },
    },
  }, async (req, reply) => {
    const res = await login(db, { ...req.body, ip: req.ip, ttlHours: config.SESSION_TTL_HOURS, requestId: req.id });
    reply.setCookie(SESSION_COOKIE, res.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE,
      path: '/',
      maxAge: config.SESSION_TTL_HOURS * 3600,
    });
    return { ok: true as const, mustChangePassword: res.mustChangePassword };
  });

  r.post('/api/auth/logout', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: '退出登录', response: { 200: OkSchema } },
  }, async (req, reply) => {
    if (req.sessionTokenHash) await logout(db, req.sessionTokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/api/auth/me', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: '当前用户', response: { 200: MeSchema } },
  }, async (req) => getMe(db, actorOf(req)));

  r.post('/api/auth/password', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: '修改本人密码', body: ChangePasswordBodySchema, response: { 200: OkSchema } },
  }, async (req) => {
    await changePassword(db, actorOf(req), req.sessionTokenHash!, req.body, req.id);
    return { ok: true as const };
  });
}
