import { DataDirInUseError, migrateDatabase, openDatabase, seedReferenceData } from '@lifeline/db';
import { loadConfig } from './config/env.ts';
import { buildApp } from './app.ts';
import { ensureInitialAdmin } from './lib/bootstrap.ts';
import { seedDemoIfEmpty } from './lib/demo.ts';
import { startJobs, type Jobs } from './jobs/scheduler.ts';

/**
 * Starts Lifeline: validate config → open the database (PGlite under DATA_DIR, or DATABASE_URL) →
 * apply migrations → load reference data → create the initial admin → optional demo data → listen →
 * scheduled jobs (unless LIFELINE_JOBS=false).
 */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: config.pgliteDir,
    onIdleError: (err) => console.warn(`[lifeline] idle database connection closed: ${err.message}`),
  });
  await migrateDatabase(database);
  const ref = await seedReferenceData(database.db);
  const admin = await ensureInitialAdmin(database.db, ref.countyId, config.LIFELINE_ADMIN_PASSWORD);
  const demo = config.LIFELINE_DEMO ? await seedDemoIfEmpty(database.db) : undefined;

  const app = await buildApp({ db: database.db, driver: database.driver, config, now: () => new Date() });
  let jobs: Jobs | undefined;
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    // no new job runs; a run in progress finishes before the database closes
    await jobs?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.HOST, port: config.PORT });
  // scheduled jobs (deadline reminders): every minute plus a catch-up run now; not part of
  // buildApp so that tests decide when a job runs
  if (config.LIFELINE_JOBS) jobs = startJobs({ db: database.db, now: () => new Date(), log: app.log });
  const url = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    '  Lifeline 畅通生命通道 is running',
    `  URL:       ${url}`,
    `  Database:  ${database.driver === 'pglite' ? `embedded PGlite (${config.pgliteDir})` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (admin.generatedPassword) {
    lines.push(`  Login:     admin / ${admin.generatedPassword}   (shown once; you must change it at first login)`);
  } else if (admin.created) {
    lines.push('  Login:     admin / the password in LIFELINE_ADMIN_PASSWORD');
  } else {
    lines.push('  Login:     an existing account (admin was created on first start)');
  }
  if (demo?.seeded) {
    lines.push(`  Demo data: ${demo.institutions} fictional institutions, ${demo.hazards} hazards; demo accounts (password ${demo.password}):`);
    for (const u of demo.accounts) lines.push(`             ${u.username.padEnd(14)} ${u.label}`);
  }
  lines.push('');
  // printed to the terminal, not through the logger, so the one-time password never reaches log files
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  // a known, explained failure gets its message only; anything else its stack
  console.error(err instanceof DataDirInUseError ? `\n  ${err.message}\n` : err);
  process.exit(1);
});
