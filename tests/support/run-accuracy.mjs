#!/usr/bin/env node
// `npm run accuracy`: builds the extension, then runs every BI fixture page in it in real Chromium
// (tests/support/accuracy.ts) and prints precision and recall. `DOCENT_ACCURACY_BUILD=0` reuses
// the last build.
import { spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;
const run = (args) => spawnSync('npx', args, { cwd: root, stdio: 'inherit' }).status ?? 1;
if (process.env.DOCENT_ACCURACY_BUILD !== '0') {
  console.log('$ npx wxt build');
  if (run(['wxt', 'build']) !== 0) process.exit(1);
}
console.log('\n$ npx tsx tests/support/accuracy.ts');
process.exit(run(['tsx', 'tests/support/accuracy.ts']));
