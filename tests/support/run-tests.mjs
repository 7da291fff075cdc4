#!/usr/bin/env node
// `npm test`: unit tests (vitest), then the production build in real Chromium (Playwright), then
// the cheap benchmarks; ends with one line "N passed, N failed" summing every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const chromium = process.env.DOCENT_CHROMIUM ?? '/usr/bin/chromium';
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

function run(command, args, env = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return child.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

if (!existsSync(join(root, 'node_modules', '.bin', 'vitest'))) {
  console.log('node_modules is missing: running npm ci first.');
  if (run('npm', ['ci']) !== 0) process.exit(1);
}

let passed = 0;
let failed = 0;
let exitCode = 0;

// Unit tests.
const unitJson = join(results, 'unit.json');
const unitStatus = run('npx', [
  'vitest', 'run', '--config', 'tests/vitest.config.ts',
  '--reporter=default', '--reporter=json', `--outputFile=${unitJson}`,
]);
const unit = readJson(unitJson);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
}
if (unitStatus !== 0) {
  exitCode = 1;
  if (!unit || unit.numFailedTests === 0) failed += 1; // the suite itself broke
}

// End-to-end tests need Debian's Chromium; Playwright never downloads a browser here.
if (!existsSync(chromium)) {
  console.error(
    `\nChromium is missing (${chromium}), so the end-to-end tests cannot run.\n` +
      `Install it with: sudo apt-get install -y chromium   (or set DOCENT_CHROMIUM to a Chromium binary).`,
  );
  failed += 1;
  exitCode = 1;
} else {
  const e2eJson = join(results, 'e2e.json');
  const e2eStatus = run('npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  });
  const stats = readJson(e2eJson)?.stats;
  if (stats) {
    passed += stats.expected + (stats.flaky ?? 0);
    failed += stats.unexpected;
  }
  if (e2eStatus !== 0) {
    exitCode = 1;
    if (!stats || stats.unexpected === 0) failed += 1;
  }
}

// Benchmarks print figures; they assert nothing (timings drift on shared machines). Here they run
// as a quick smoke (DOCENT_BENCH=smoke); `npm run bench` runs them at full size.
const benchDir = join(root, 'tests', 'bench');
if (existsSync(benchDir)) {
  for (const file of readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort()) {
    if (run('npx', ['tsx', join('tests', 'bench', file)], { DOCENT_BENCH: 'smoke' }) !== 0) {
      console.error(`benchmark ${file} failed to run`);
      failed += 1;
      exitCode = 1;
    }
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode);
