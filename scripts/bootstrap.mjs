#!/usr/bin/env node
// The README's two commands, with nothing installed yet: `npm start` and `npm test`.
// Uses only Node built-ins so it runs on a fresh clone before `npm ci`.
//   start: install (if needed) → build the web app (if stale) → start Lifeline on embedded PGlite
//          with reference data and demo data.
//   test:  install (if needed) → build (if stale) → every test tier (scripts/test.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Lifeline needs Node.js 20.19 or newer (found ${process.versions.node}).`);
  process.exit(1);
}

// install when node_modules is missing or older than the lock file
const lock = path.join(root, 'package-lock.json');
const marker = path.join(root, 'node_modules', '.package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  console.log('› Installing dependencies (npm ci)…');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

// build the web app when its output is missing or older than any source file
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const dist = path.join(root, 'web', 'dist', 'index.html');
const srcTime = Math.max(newest(path.join(root, 'web', 'src')), newest(path.join(root, 'shared', 'src')), statSync(path.join(root, 'web', 'index.html')).mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < srcTime) {
  console.log('› Building the web app…');
  run(npm, ['run', 'build']);
}

if (mode === 'start') {
  console.log('› Starting Lifeline…');
  run(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { LIFELINE_DEMO: process.env.LIFELINE_DEMO ?? 'true' });
} else if (mode === 'test') {
  run(process.execPath, ['scripts/test.mjs']);
} else {
  console.error('usage: node scripts/bootstrap.mjs start|test');
  process.exit(2);
}
