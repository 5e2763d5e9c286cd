/**
 * Benchmarks of the hot API paths on a realistic volume of data. Prints figures; asserts nothing.
 * Not part of `npm test`.
 *
 *   npm run bench                   # demo data ×10 (~600 institutions) on in-memory PGlite
 *   npm run bench -- --scale 20 --runs 30
 *   DATABASE_URL=postgresql://… npm run bench   # on a PostgreSQL server (a temporary database)
 *
 * Each figure is server-side latency through `app.inject` (routing, validation, auth, SQL,
 * serialisation), min / median / p95 / max over the runs, after one warm-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, seedReferenceData } from '@lifeline/db';
import { generateDemo } from '../db/src/demo/generate.ts';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config/env.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '10' }, runs: { type: 'string', default: '20' } } });
const scale = Number(values.scale);
const runs = Number(values.runs);

async function main() {
  let dropDb: (() => Promise<void>) | undefined;
  let url: string | undefined;
  if (process.env.DATABASE_URL) {
    const name = `lifeline_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const database = await openDatabase({ databaseUrl: url });
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  const t0 = performance.now();
  const demo = await generateDemo(database.db, { scale, seed: 'bench' });
  const genMs = performance.now() - t0;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lifeline-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = await buildApp({ db: database.db, driver: database.driver, config, now: () => new Date() }, { logger: false });
  await app.ready();

  const login = async (username: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demo.password } });
    return `lifeline_sid=${r.cookies.find((c) => c.name === 'lifeline_sid')!.value}`;
  };
  const county = await login('demo-county');
  const township = await login('demo-xunzhong');

  console.log(`Lifeline benchmark — ${database.driver}, demo scale ${scale}: ${demo.counts.institutions} institutions, ${demo.counts.inspections} inspections, ${demo.counts.hazards} hazards, ${demo.counts.hazardEvents} events (generated in ${(genMs / 1000).toFixed(1)} s)`);
  console.log(`${runs} runs each after a warm-up; milliseconds\n`);
  console.log('case'.padEnd(52) + 'min'.padStart(8) + 'median'.padStart(8) + 'p95'.padStart(8) + 'max'.padStart(8) + '  bytes');

  const cases: [string, string, string][] = [
    ['ledger page 1 (county, 20 rows)', county, '/api/hazards?page=1&pageSize=20'],
    ['ledger filtered: open + overdue + major', county, '/api/hazards?open=true&overdue=true&level=major&pageSize=50'],
    ['ledger text search (county)', county, `/api/hazards?q=${encodeURIComponent('通道')}&pageSize=20`],
    ['ledger page 1 (township scope)', township, '/api/hazards?page=1&pageSize=20'],
    ['ledger export .xlsx (county, all rows)', county, '/api/hazards/export.xlsx'],
    ['dashboard (county)', county, '/api/dashboard'],
    ['dashboard (township)', township, '/api/dashboard'],
    ['inspections page 1 (county)', county, '/api/inspections?page=1&pageSize=20'],
  ];
  for (const [name, cookie, url] of cases) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i <= runs; i++) {
      const s = performance.now();
      const r = await app.inject({ method: 'GET', url, headers: { cookie } });
      const e = performance.now() - s;
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      bytes = r.rawPayload.length;
      if (i > 0) times.push(e);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
    console.log(name.padEnd(52) + [times[0]!, q(0.5), q(0.95), times.at(-1)!].map((v) => v.toFixed(1).padStart(8)).join('') + `  ${bytes}`);
  }
  await app.close();
  await database.close();
  await dropDb?.();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
