#!/usr/bin/env node
// Fails when a web component holds a Chinese literal (the UI speaks Chinese only through the
// message catalogue, ARCHITECTURE.md "Names") or uses a t('key') that the catalogue lacks.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalogueDir = path.join(root, 'shared/src/i18n/zh-CN');
const keys = new Set();
for (const f of readdirSync(catalogueDir)) {
  for (const m of readFileSync(path.join(catalogueDir, f), 'utf8').matchAll(/^\s*'([\w.]+)':/gm)) keys.add(m[1]);
}

function* files(dir) {
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(e) && !/\.test\.tsx?$/.test(e)) yield p;
  }
}

const problems = [];
for (const f of files(path.join(root, 'web/src'))) {
  const src = readFileSync(f, 'utf8');
  src.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (/[\u4e00-\u9fff]/.test(code) && !/^\s*(\*|\/\*)/.test(line)) problems.push(`${path.relative(root, f)}:${i + 1}: Chinese literal — use t('…')`);
    for (const m of code.matchAll(/\bt\(\s*'([\w.]+)'/g)) {
      if (!keys.has(m[1])) problems.push(`${path.relative(root, f)}:${i + 1}: unknown message key '${m[1]}'`);
    }
  });
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n ok: ${keys.size} keys`);
