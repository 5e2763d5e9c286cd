import { eq } from 'drizzle-orm';
import { setting, type Db, type DbOrTx } from '@lifeline/db';
import { writeAudit } from '../../plugins/audit.ts';
import type { Actor } from '../../policies/index.ts';

/**
 * Settings the county admin can change, with their defaults. Values that no regulation fixes
 * are kept here as editable data rather than in code.
 */
export const SETTING_DEFAULTS = {
  /**
   * Default rectification period, in days, for a hazard found in an inspection when the inspector
   * gives no deadline. Not fixed by the sources in shared/reference: a local working rule the bureau
   * sets (default: 30 days for general, 15 for major hazards).
   */
  'hazard.defaultDeadlineDays': { general: 30, major: 15 },
  /**
   * Longest rectification period, in days from the day a hazard was found: a deadline far in the
   * future would keep a hazard from ever becoming overdue. A sanity bound the bureau sets, not a
   * regulation (default 730 days).
   */
  'hazard.maxDeadlineDays': 730,
  /**
   * When the deadline reminders of campaign tasks go out, in days before the deadline
   * (server/src/jobs/reminders.ts): one reminder per entry, plus one at the deadline itself.
   * Integers 1–30, distinct, at most 5; an empty list leaves only the reminder at the deadline.
   * A working rule of the bureau, not a regulation (default 3 days and 1 day before).
   */
  'campaign.reminderDaysBefore': [3, 1],
  /**
   * 演练覆盖: an institution without a held drill in this many days is listed as "no recent drill"
   * on the township's coverage view. The working figure (90), not a regulation.
   */
  'preparedness.drillWindowDays': 90,
  /**
   * A plan whose approved version took effect longer ago than this many days is due for revision.
   * Not fixed by the sources in shared/reference: the bureau sets it (default 365).
   */
  'preparedness.planMaxAgeDays': 365,
  /**
   * The plan kinds every institution of a type must keep (预案缺项清单). The sources in
   * shared/reference ask for fire-fighting and evacuation plans (《养老机构消防安全管理规定》 as
   * summarised there) but fix no list: these defaults are ours, for the bureau to confirm.
   */
  'preparedness.requiredPlanKinds': {
    elderly_care: ['comprehensive', 'fire', 'missing_resident'],
    child_welfare: ['comprehensive', 'fire'],
    relief_station: ['comprehensive', 'fire'],
    funeral_service: ['comprehensive', 'fire'],
    mental_health_welfare: ['comprehensive', 'fire', 'missing_resident'],
  },
  /**
   * Time limits of the public-report steps, in days: 受理 (from receipt), 核查 (from acceptance to a
   * verdict), 办结 (from acceptance to closing). `handle: 60` follows the 60 days of acceptance in the
   * 2012 举报奖励办法 and many local rules (whistleblower-reward-rules.md §2, uncertain for the 2018
   * text); `accept` and `verify` are ours (泉州's urban-management scheme replies within 15 working
   * days) — for the bureau to confirm.
   */
  'report.timeLimitDays': { accept: 3, verify: 15, handle: 60 },
  /** Days a reporter has to claim an approved reward (60 in the 2012 办法; uncertain for 2018). */
  'report.rewardClaimDays': 60,
  /**
   * Reward rules (whistleblower-reward-rules.md §2, 《安全生产领域举报奖励办法》 2018, confirmed):
   * hazards and violations 15 % of the fine, at least 3,000 and at most 300,000 yuan; concealed
   * accidents per verified concealed death by grade (30,000 / 40,000 / 50,000 / 60,000), capped at
   * 300,000. `generalHazardYuan`: an optional local tier for ordinary hazards — 0 (off) because
   * 德化县's own rule has not been found; set it when the county confirms its amount.
   */
  'report.rewardRules': {
    fineRatePct: 15,
    minYuan: 3000,
    maxYuan: 300000,
    concealedPerDeathYuan: { general: 30000, larger: 40000, major: 50000, especially_major: 60000 },
    concealedCapYuan: 300000,
    generalHazardYuan: 0,
  },
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;
/**
 * A literal default widened to the type of any valid value: `730` → `number`, `[3, 1]` →
 * `number[]`, `{ general: 30 }` → `{ general: number }` (recursively, readonly dropped).
 */
export type Widen<T> = T extends number
  ? number
  : T extends string
    ? string
    : T extends boolean
      ? boolean
      : T extends readonly (infer U)[]
        ? Widen<U>[]
        : T extends object
          ? { -readonly [P in keyof T]: Widen<T[P]> }
          : T;
/** A setting's value type (literal defaults widened: any number, not just the default one). */
export type SettingValue<K extends SettingKey> = Widen<(typeof SETTING_DEFAULTS)[K]>;

/**
 * Reads a setting, falling back to its default.
 * @returns the stored JSON value or a copy of {@link SETTING_DEFAULTS}[key] (callers may not
 *   change the defaults through it)
 */
export async function getSetting<K extends SettingKey>(db: DbOrTx, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select().from(setting).where(eq(setting.key, key));
  return (row?.value as SettingValue<K>) ?? (structuredClone(SETTING_DEFAULTS[key]) as SettingValue<K>);
}

/** Every setting with its current value. */
export async function getSettings(db: DbOrTx): Promise<{ [K in SettingKey]: SettingValue<K> }> {
  const out = {} as { [K in SettingKey]: SettingValue<K> };
  for (const key of Object.keys(SETTING_DEFAULTS) as SettingKey[]) (out as Record<string, unknown>)[key] = await getSetting(db, key);
  return out;
}

/**
 * Saves settings (audited, one transaction).
 * @param patch keys of {@link SETTING_DEFAULTS} with their new values (already validated)
 */
export async function updateSettings(db: Db, actor: Actor, patch: Partial<Record<SettingKey, unknown>>, requestId?: string) {
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(patch) as [SettingKey, unknown][]) {
      if (value === undefined) continue;
      const before = await getSetting(tx, key);
      await tx.insert(setting).values({ key, value: value as object }).onConflictDoUpdate({ target: setting.key, set: { value: value as object, updatedAt: new Date() } });
      await writeAudit(tx, actor, { action: 'setting.update', entityType: 'setting', entityId: key, summary: `修改系统参数 ${key}`, before, after: value }, requestId);
    }
  });
  return getSettings(db);
}
