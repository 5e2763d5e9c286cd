import { zhCN } from './zh-CN.ts';

export type MessageKey = keyof typeof zhCN;

/**
 * Looks up a zh-CN message by key and fills `{name}` placeholders.
 * Unknown keys come back as the key itself so a missing message is visible, never blank.
 * @param key catalogue key, e.g. `hazard.status.pending`
 * @param vars values for `{placeholders}`
 */
export function t(key: string, vars?: Record<string, string | number>): string {
  const msg = (zhCN as Record<string, string>)[key] ?? key;
  if (!vars) return msg;
  return msg.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export { zhCN };
