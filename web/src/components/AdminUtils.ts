import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { t, zhCN } from '@lifeline/shared';
import { ApiError } from '../api/client.ts';

/** A page of a list answer (`pageOf` in shared/src/api/common.ts). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The catalogue message for `key`, or `fallback` when the catalogue has none (e.g. an audit action
 * code added on the server after this UI was built: show the code rather than a missing key).
 */
export function tOr(key: string, fallback: string, vars?: Record<string, string | number>): string {
  return key in zhCN ? t(key, vars) : fallback;
}

/** A zod issue path as an antd Form name path (`['items', 3, 'code']`). */
const namePath = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? p : String(p)));

/**
 * Puts the issues of a failed `safeParse` onto the antd Form fields they name (first issue per
 * field) and returns false; returns true when the parse succeeded. Messages are the shared zod
 * schemas' own zh-CN messages, so the page says exactly what the server would.
 * @param fields only issues whose first path segment is one of these are put on fields
 */
export function applyZodIssues(form: FormInstance, result: z.ZodSafeParseResult<unknown>, fields?: readonly string[]): boolean {
  if (result.success) return true;
  const seen = new Set<string>();
  const entries: { name: (string | number)[]; errors: string[] }[] = [];
  for (const issue of result.error.issues) {
    const name = namePath(issue.path);
    const k = name.join('.');
    if (seen.has(k) || (fields && !fields.includes(String(name[0])))) continue;
    seen.add(k);
    entries.push({ name, errors: [issue.message] });
  }
  form.setFields(entries);
  return false;
}

/**
 * An antd Form rule that checks one field with its shared zod schema (e.g.
 * `InstitutionInputSchema.shape.creditCode`), so the field shows the server's own message as soon
 * as it is left, not only after submitting. Empty values (null / undefined) count as not given.
 */
export function zodRule(schema: z.ZodType) {
  return {
    validator: (_: unknown, v: unknown) => {
      const r = schema.safeParse(v === null ? undefined : v);
      return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message ?? t('errors.VALIDATION_FAILED')));
    },
  };
}

/**
 * The report a failed import carries in `error.details` (a 400 whose details are an object, not a
 * list of field issues); undefined for any other error.
 * @param isReport tells the report shape apart (e.g. `(d) => 'rows' in d`)
 */
export function reportOf<R>(e: unknown, isReport: (d: Record<string, unknown>) => boolean): R | undefined {
  if (!(e instanceof ApiError) || !e.details || Array.isArray(e.details)) return undefined;
  return isReport(e.details) ? (e.details as R) : undefined;
}

/** The message to show for whatever a request threw. */
export const errorText = (e: unknown) => (e instanceof ApiError ? e.message : t('errors.INTERNAL'));

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGIT = '23456789';
const SYMBOL = '!@#$%&*?-_=+';

/**
 * A strong random password for a new account or a reset (crypto.getRandomValues): 14 characters
 * with lower- and upper-case letters, digits and symbols, leaving out look-alikes (l, I, O, 0, 1)
 * so it can be read out over the phone. Meets NewPasswordSchema (≥ 10, three of four classes).
 */
export function generatePassword(length = 14): string {
  const all = LOWER + UPPER + DIGIT + SYMBOL;
  const pick = (set: string) => {
    const buf = new Uint32Array(1);
    // rejection sampling: no modulo bias
    const limit = Math.floor(0x100000000 / set.length) * set.length;
    do crypto.getRandomValues(buf);
    while (buf[0]! >= limit);
    return set[buf[0]! % set.length]!;
  };
  const chars = [pick(LOWER), pick(UPPER), pick(DIGIT), pick(SYMBOL)];
  while (chars.length < length) chars.push(pick(all));
  // Fisher–Yates so the guaranteed classes are not always in front
  for (let i = chars.length - 1; i > 0; i--) {
    const buf = new Uint32Array(1);
    crypto.getRandomValues(buf);
    const j = buf[0]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
