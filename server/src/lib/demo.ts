import { count } from 'drizzle-orm';
import { institution, type Db } from '@lifeline/db';
import { DEFAULT_DEMO_SEED, generateDemo } from '@lifeline/db/demo';

/** What the start banner prints about the demo data. */
export interface DemoSeedResult {
  seeded: boolean;
  institutions: number;
  hazards: number;
  password: string;
  /** the named demo accounts, with a zh-CN label (e.g. 「浔中镇民政办」) */
  accounts: { username: string; label: string }[];
}

const NOT_SEEDED: DemoSeedResult = { seeded: false, institutions: 0, hazards: 0, password: '', accounts: [] };

/** True for "someone else already loaded it": the generator's own check or a unique violation. */
function isAlreadyPresent(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' || (typeof e.message === 'string' && e.message.includes('already present'))) return true;
  }
  return false;
}

/**
 * Loads the FICTIONAL demo data (db/src/demo, generateDemo) when the database has no institutions
 * yet — LIFELINE_DEMO=true on a fresh install. An install that already has institutions (real or
 * demo) is left alone; so is one where a concurrent starter loaded the demo first.
 * @param opts `seed` (default {@link DEFAULT_DEMO_SEED}) and `now` (default: the current time)
 * @returns what was loaded, with the demo password and the named accounts; `seeded: false` when skipped
 * @throws whatever the generator throws other than "already present" (e.g. reference data missing)
 */
export async function seedDemoIfEmpty(db: Db, opts: { seed?: string | number; now?: Date } = {}): Promise<DemoSeedResult> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(institution);
  if (Number(n) > 0) return NOT_SEEDED;
  try {
    const res = await generateDemo(db, { seed: opts.seed ?? DEFAULT_DEMO_SEED, now: opts.now ?? new Date() });
    return {
      seeded: true,
      institutions: res.counts.institutions,
      hazards: res.counts.hazards,
      password: res.password,
      accounts: res.accounts.map((a) => ({ username: a.username, label: a.label })),
    };
  } catch (err) {
    if (isAlreadyPresent(err)) return NOT_SEEDED;
    throw err;
  }
}
