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
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { appUser, migrateDatabase, openDatabase, seedReferenceData, submission, taskAssignment } from '@lifeline/db';
import { ROLE_PERMISSIONS } from '@lifeline/shared';
import { addTask, createCampaignFromNotice, stepCampaign } from '../server/src/modules/campaigns/campaigns.service.ts';
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

  // the 2024 安全生产月 campaign from the real notice, plus a photo task for every institution,
  // published (assignments for every township and institution) with every other unit handed in
  const [u] = await database.db.select().from(appUser).where(eq(appUser.username, 'demo-county'));
  const admin = { ...u!, officeId: null, permissions: new Set(ROLE_PERMISSIONS.county_admin), role: 'county_admin' as const };
  const notice = readFileSync(new URL('../db/src/reference/notice-2024-safety-month.txt', import.meta.url), 'utf8');
  const { campaign: c } = await createCampaignFromNotice(database.db, admin, { text: notice }, new Date('2024-05-30T02:00:00Z'));
  await addTask(database.db, admin, c.id, { title: '报送生命通道清理照片', assigneeScope: 'each_institution', deadline: '2024-06-20', deliverableKind: 'photos', requiredQuantity: 3 }, new Date('2024-05-30T02:00:00Z'));
  await stepCampaign(database.db, admin, c.id, 'publish', new Date('2024-05-30T03:00:00Z'));
  const assignments = await database.db.select({ id: taskAssignment.id }).from(taskAssignment).where(eq(taskAssignment.campaignId, c.id));
  const handedIn = assignments.filter((_, i) => i % 2 === 0).map((a) => ({ assignmentId: a.id, version: 1, text: '报送内容', submittedById: u!.id, submittedAt: new Date('2024-06-01T02:00:00Z') }));
  for (let i = 0; i < handedIn.length; i += 500) await database.db.insert(submission).values(handedIn.slice(i, i + 500));

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
    [`campaign board (county, ${assignments.length} assignments)`, county, `/api/campaigns/${c.id}/board`],
    ['campaign board (township scope)', township, `/api/campaigns/${c.id}/board`],
    ['campaign board export .xlsx (county)', county, `/api/campaigns/${c.id}/board.xlsx`],
    ['my campaign tasks (township)', township, '/api/campaign-assignments?mine=true'],
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
