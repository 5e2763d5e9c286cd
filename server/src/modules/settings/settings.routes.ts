import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INSTITUTION_TYPES, PLAN_KINDS, type InstitutionType, type PlanKind } from '@lifeline/shared';
import type { AppDeps } from '../../app.ts';
import { actorOf } from '../../plugins/auth.ts';
import { getSettings, updateSettings } from './settings.service.ts';

const days = (min: number, max: number) => z.number({ message: '天数应为整数' }).int({ message: '天数应为整数' }).min(min, { message: `天数至少为 ${min}` }).max(max, { message: `天数不能超过 ${max}` });
const yuan = z.number({ message: '金额应为整数（元）' }).int({ message: '金额应为整数（元）' }).min(0, { message: '金额不能为负' }).max(10_000_000, { message: '金额过大' });

const DeadlineDaysSchema = z.object({
  general: z.number().int().min(1, { message: '天数至少为 1' }).max(365, { message: '天数不能超过 365' }),
  major: z.number().int().min(1, { message: '天数至少为 1' }).max(365, { message: '天数不能超过 365' }),
});
export const SettingsSchema = z.object({
  'hazard.defaultDeadlineDays': DeadlineDaysSchema,
  'hazard.maxDeadlineDays': z.number().int().min(30, { message: '至少 30 天' }).max(3650, { message: '不能超过 3650 天' }),
  'campaign.reminderDaysBefore': z
    .array(z.number({ message: '天数应为整数' }).int({ message: '天数应为整数' }).min(1, { message: '天数至少为 1' }).max(30, { message: '天数不能超过 30' }))
    .max(5, { message: '最多设置 5 个提醒' })
    .refine((days) => new Set(days).size === days.length, { message: '提醒天数不能重复' }),
  'preparedness.drillWindowDays': z.number().int().min(7, { message: '至少 7 天' }).max(730, { message: '不能超过 730 天' }),
  'preparedness.planMaxAgeDays': z.number().int().min(30, { message: '至少 30 天' }).max(3650, { message: '不能超过 3650 天' }),
  'preparedness.requiredPlanKinds': z.object(
    Object.fromEntries(INSTITUTION_TYPES.map((t) => [t, z.array(z.enum(PLAN_KINDS, { message: '预案类型无效' })).max(PLAN_KINDS.length)])) as Record<InstitutionType, z.ZodArray<z.ZodEnum<{ [K in PlanKind]: K }>>>,
  ),
  'report.timeLimitDays': z.object({ accept: days(1, 60), verify: days(1, 180), handle: days(1, 365) }),
  'report.rewardClaimDays': days(1, 365),
  'report.rewardRules': z
    .object({
      fineRatePct: z.number({ message: '应为数字' }).min(0, { message: '不能为负' }).max(100, { message: '不能超过 100' }),
      minYuan: yuan,
      maxYuan: yuan,
      concealedPerDeathYuan: z.object({ general: yuan, larger: yuan, major: yuan, especially_major: yuan }),
      concealedCapYuan: yuan,
      generalHazardYuan: yuan,
    })
    .refine((r) => r.minYuan <= r.maxYuan, { message: '最低金额不能高于最高金额', path: ['minYuan'] }),
});

/** /api/settings: values the county admin sets (e.g. default rectification periods). */
export async function settingsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/settings', {
    config: { permission: 'checklist.read' },
    schema: { tags: ['settings'], summary: '系统参数（默认整改期限等）', response: { 200: SettingsSchema } },
  }, async () => (await getSettings(deps.db)) as z.infer<typeof SettingsSchema>);
  r.put('/api/settings', {
    config: { permission: 'org.manage' },
    schema: { tags: ['settings'], summary: '修改系统参数（县局管理员）', body: SettingsSchema.partial(), response: { 200: SettingsSchema } },
  }, async (req) => (await updateSettings(deps.db, actorOf(req), req.body, req.id)) as z.infer<typeof SettingsSchema>);
}
