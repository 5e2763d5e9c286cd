/**
 * Lifeline database command line (root scripts `npm run seed:demo`, `npm run demo:roster`):
 *
 *   tsx db/src/cli.ts seed [--demo] [--scale N] [--seed S]
 *       Opens the database exactly as the server does (DATABASE_URL, else PGlite under
 *       DATA_DIR/pglite), applies the migrations, loads the reference data and, with --demo, the
 *       FICTIONAL demo data (refused when the database already has institutions). On an empty
 *       database it first creates the initial `admin`, as the server's first start would: the
 *       server only creates it when there are no accounts at all, and the demo adds accounts.
 *
 *   tsx db/src/cli.ts roster [--count 60] [--out roster.xlsx] [--seed S]
 *       Writes a roster .xlsx of N fictional institutions for the institution import.
 *
 * Stop the server first when it uses PGlite: PGlite allows one process per data directory.
 */
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import { loadConfig } from '../../server/src/config/env.ts';
import { ensureInitialAdmin } from '../../server/src/lib/bootstrap.ts';
import { migrateDatabase, openDatabase } from './client.ts';
import { institution } from './schema/index.ts';
import { seedReferenceData } from './seed/reference.ts';
import { DEFAULT_DEMO_SEED, generateDemo } from './demo/generate.ts';
import { writeRosterXlsx } from './demo/roster.ts';

const USAGE = `usage:
  tsx db/src/cli.ts seed [--demo] [--scale N] [--seed S]
  tsx db/src/cli.ts roster [--count N] [--out FILE.xlsx] [--seed S]`;

/** A positive number from an option, or exits with a message. */
function positive(name: string, value: string | undefined, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    console.error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${value}"`);
    process.exit(2);
  }
  return n;
}

/** `seed`: migrate, reference data, optional demo data; prints what it did. */
async function seed(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false }, scale: { type: 'string' }, seed: { type: 'string' } } });
  const scale = positive('scale', values.scale, 1, false);
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.pgliteDir });
  try {
    await migrateDatabase(database);
    const ref = await seedReferenceData(database.db);
    console.log(`reference data ready (${database.driver === 'pglite' ? `PGlite ${config.pgliteDir}` : 'PostgreSQL'})`);
    if (!values.demo) return;
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(institution);
    if (Number(n) > 0) {
      console.error(`the database already has ${n} institutions: demo data is only loaded into an empty database`);
      process.exitCode = 1;
      return;
    }
    const admin = await ensureInitialAdmin(database.db, ref.countyId, config.LIFELINE_ADMIN_PASSWORD);
    const res = await generateDemo(database.db, { seed: values.seed ?? DEFAULT_DEMO_SEED, scale });
    const c = res.counts;
    const lines = [
      `demo data loaded in ${(res.elapsedMs / 1000).toFixed(1)} s (seed ${res.seed}, scale ${scale}):`,
      `  ${c.institutions} institutions, ${c.users} accounts, ${c.inspections} inspections (${c.inspectionResults} item results)`,
      `  ${c.hazards} hazards (${c.openHazards} open, ${c.overdueHazards} overdue, ${c.majorHazards} major), ${c.hazardEvents} hazard events, ${c.auditRows} audit rows`,
      `demo accounts (password ${res.password}):`,
      ...res.accounts.map((a) => `  ${a.username.padEnd(14)} ${a.label}`),
    ];
    if (admin.generatedPassword) lines.push(`initial admin: admin / ${admin.generatedPassword}   (shown once; change it at first login)`);
    else if (admin.created) lines.push('initial admin: admin / the password in LIFELINE_ADMIN_PASSWORD');
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await database.close();
  }
}

/** `roster`: writes the fictional roster workbook. */
async function roster(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { count: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
  const n = positive('count', values.count, 60, true);
  const res = await writeRosterXlsx(values.out ?? 'roster.xlsx', { count: n, seed: values.seed ?? DEFAULT_DEMO_SEED });
  console.log(`wrote ${res.rows} fictional institutions to ${res.path}`);
}

const [command, ...rest] = process.argv.slice(2);
const run = command === 'seed' ? seed : command === 'roster' ? roster : undefined;
if (!run) {
  console.error(USAGE);
  process.exit(2);
}
run(rest).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
