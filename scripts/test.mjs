#!/usr/bin/env node
// Runs every test tier: unit, API on PGlite, API on PostgreSQL (when DATABASE_URL is set), and the
// browser journeys in Chromium (when a Chromium is found, or always with E2E=1).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
const e2eForced = process.env.E2E === '1' || process.env.E2E === 'true';
const e2eOff = process.env.E2E === '0' || process.env.E2E === 'false';

const projects = ['--project', 'unit', '--project', 'api-pglite'];
if (process.env.DATABASE_URL) projects.push('--project', 'api-pg');
else console.log('› DATABASE_URL is not set: the API suite runs on PGlite only (set it to also run on PostgreSQL).');
if (!e2eOff && (chromium || e2eForced)) projects.push('--project', 'e2e');
else console.log('› No Chromium found (set CHROMIUM_PATH, or apt-get install chromium): browser journeys skipped.');

const report = path.join(tmpdir(), `lifeline-test-${process.pid}.json`);
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', ...(chromium ? { CHROMIUM_PATH: chromium } : {}) },
});
// one plain closing line for CI: "N passed, N failed"
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  // a run that failed without a failed test (an unhandled error) still counts one failure
  const failed = j.numFailedTests || (r.status === 0 ? 0 : 1);
  if (failed && !j.numFailedTests) console.log('\nThe run failed outside any test (see "Unhandled Errors" above).');
  console.log(`\n${j.numPassedTests} passed, ${failed} failed${j.numPendingTests ? `, ${j.numPendingTests} skipped` : ''}`);
  rmSync(report, { force: true });
}
process.exit(r.status ?? 1);
