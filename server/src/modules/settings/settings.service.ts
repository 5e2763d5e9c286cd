import { eq } from 'drizzle-orm';
import { setting, type DbOrTx } from '@lifeline/db';

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
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

/**
 * Reads a setting, falling back to its default.
 * @returns the stored JSON value or {@link SETTING_DEFAULTS}[key]
 */
export async function getSetting<K extends SettingKey>(db: DbOrTx, key: K): Promise<(typeof SETTING_DEFAULTS)[K]> {
  const [row] = await db.select().from(setting).where(eq(setting.key, key));
  return (row?.value as (typeof SETTING_DEFAULTS)[K]) ?? SETTING_DEFAULTS[key];
}
