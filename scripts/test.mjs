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
const withE2e = !e2eOff && (chromium || e2eForced);
if (!withE2e) console.log('› No Chromium found (set CHROMIUM_PATH, or apt-get install chromium): browser journeys skipped.');

/**
 * Runs vitest on some projects. The browser journeys run after the other tiers, not beside them:
 * a journey's timeouts are for a browser on a machine that is not also running the API suites.
 * @returns passed/failed/skipped counts and the exit status
 */
function run(args) {
  const report = path.join(tmpdir(), `lifeline-test-${process.pid}-${args.join('-').replace(/[^a-z-]/g, '')}.json`);
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', ...(chromium ? { CHROMIUM_PATH: chromium } : {}) },
  });
  const out = { passed: 0, failed: r.status === 0 ? 0 : 1, skipped: 0, status: r.status ?? 1 };
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    // a run that failed without a failed test (an unhandled error) still counts one failure
    out.passed = j.numPassedTests;
    out.failed = j.numFailedTests || (r.status === 0 ? 0 : 1);
    out.skipped = j.numPendingTests;
    if (out.failed && !j.numFailedTests) console.log('\nThe run failed outside any test (see "Unhandled Errors" above).');
    rmSync(report, { force: true });
  }
  return out;
}

const results = [run(projects)];
if (withE2e) results.push(run(['--project', 'e2e']));
const sum = (k) => results.reduce((n, x) => n + x[k], 0);
// one plain closing line for CI: "N passed, N failed"
console.log(`\n${sum('passed')} passed, ${sum('failed')} failed${sum('skipped') ? `, ${sum('skipped')} skipped` : ''}`);
process.exit(results.every((x) => x.status === 0) ? 0 : 1);
