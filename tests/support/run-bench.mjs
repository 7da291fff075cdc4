#!/usr/bin/env node
// `npm run bench`: every tests/bench/*.bench.ts at full size (DOCENT_BENCH=full), printing figures.
// `npm test` runs the same files as a quick smoke (DOCENT_BENCH=smoke): the heavy runs live here.
// Figures and how to read them: docs/performance.md. `npm run bench -- sync` runs the files whose
// name contains "sync".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const filter = process.argv[2] ?? '';
if (!existsSync(join(root, 'node_modules', '.bin', 'tsx'))) {
  console.log('node_modules is missing: running npm ci first.');
  if (spawnSync('npm', ['ci'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
if (!existsSync(join(root, '.output', 'chrome-mv3', 'manifest.json')) || process.env.DOCENT_BENCH_BUILD !== '0') {
  console.log('\n$ npx wxt build');
  if (spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
let failed = 0;
const files = readdirSync(join(root, 'tests', 'bench')).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
for (const file of files) {
  console.log(`\n$ npx tsx tests/bench/${file}`);
  const status = spawnSync('npx', ['tsx', join('tests', 'bench', file)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DOCENT_BENCH: 'full' },
  }).status;
  if (status !== 0) {
    console.error(`benchmark ${file} failed to run`);
    failed += 1;
  }
}
console.log(`\n${files.length - failed} benchmarks ran, ${failed} failed to run`);
process.exit(failed > 0 ? 1 : 0);
