#!/usr/bin/env node
// Development: the API with reload (tsx watch) and the Vite dev server (proxying /api) side by side.
import { spawn } from 'node:child_process';

const procs = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/src/main.ts'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'development', LIFELINE_DEMO: process.env.LIFELINE_DEMO ?? 'true' } }),
  spawn('npm', ['run', 'dev', '-w', 'web'], { stdio: 'inherit' }),
];
const stop = () => procs.forEach((p) => p.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
