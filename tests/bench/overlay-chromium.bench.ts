/**
 * The overlay in real Chromium with the production build: how long Docent takes to badge a large
 * results table that a dashboard draws after load, against one row appended later, side by side in
 * one run. Run after a build: `npx tsx tests/bench/overlay-chromium.bench.ts`. Prints figures only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { BI_HOST_PATTERNS, DISCOVERY_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { startBiServer } from '../support/bi-server';
import { CHROMIUM_PATH, DEFAULT_EXTENSION_DIR, REPO_ROOT, launchWithExtension } from '../support/browser';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { startMockDiscovery } from '../support/mock-discovery';
import { connect, DEMO_ENVIRONMENT_ID, DEMO_TOKEN } from '../support/options-page';
import { loadTestTls } from '../support/tls';

const ROWS = 5_000;
const ROUNDS = 3;

if (!existsSync(CHROMIUM_PATH) || !existsSync(path.join(REPO_ROOT, DEFAULT_EXTENSION_DIR, 'manifest.json'))) {
  console.log('overlay in Chromium: skipped (needs /usr/bin/chromium and a build in .output/chrome-mv3)');
  process.exit(0);
}

// The in-page code is a string: tsx's keep-names helper (`__name`) does not exist in the page.
const IN_PAGE = `
  window.__docentBench = {
    waitForBadges(expected, started) {
      return new Promise((resolve) => {
        const check = () =>
          document.querySelectorAll('docent-badge').length >= expected
            ? resolve(performance.now() - started)
            : requestAnimationFrame(check);
        check();
      });
    },
    drawTable(rows, expected) {
      const started = performance.now();
      const body = document.createElement('tbody');
      for (let i = 0; i < rows; i++) {
        const row = body.insertRow();
        row.insertCell().textContent = String(i);
        row.insertCell().textContent = i % 10 === 0 ? 'analytics.marts.orders' : 'row ' + i + ' of the weekly report';
      }
      const table = document.createElement('table');
      table.append(body);
      document.body.append(table);
      return this.waitForBadges(expected, started);
    },
    appendRow(expected) {
      const started = performance.now();
      document.querySelector('tbody').insertRow().insertCell().textContent = 'analytics.marts.customers';
      return this.waitForBadges(expected, started);
    },
  };
`;

/** Draws ROWS result rows (a name in every tenth), then waits until `expected` badges stand. */
const drawTable = (page: Page, expected: number) =>
  page.evaluate(`window.__docentBench.drawTable(${ROWS}, ${expected})`) as Promise<number>;
const appendRow = (page: Page, expected: number) =>
  page.evaluate(`window.__docentBench.appendRow(${expected})`) as Promise<number>;

const tls = await loadTestTls();
const discovery = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: DEMO_TOKEN, environmentId: DEMO_ENVIRONMENT_ID, tls });
const bi = await startBiServer({ tls });
const hostMap: Record<string, number> = {};
for (const pattern of BI_HOST_PATTERNS) hostMap[pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '')] = bi.port;
for (const pattern of DISCOVERY_HOST_PATTERNS) hostMap[pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '')] = discovery.port;
const extension = await launchWithExtension({ hostMap, handleSignals: false });
try {
  await connect(await extension.context.newPage(), extension.optionsUrl);
  const full: number[] = [];
  const one: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const page = await extension.context.newPage();
    await page.goto(bi.url('app.mode.com', '/mode/decoy.html'));
    await page.locator('h1').first().waitFor();
    await page.evaluate(IN_PAGE);
    full.push(await drawTable(page, ROWS / 10));
    one.push(await appendRow(page, ROWS / 10 + 1));
    await page.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`overlay in Chromium ${DEMO_FACTS.projectName} demo, ${ROWS}-row table drawn after load (median of ${ROUNDS}):`);
  console.log(`  table drawn → ${ROWS / 10} badges: ${median(full).toFixed(0)} ms`);
  console.log(`  one row appended → its badge: ${median(one).toFixed(0)} ms (includes the 100 ms batching delay)`);
  console.log(`  ratio: ${(median(full) / median(one)).toFixed(1)}×`);
} finally {
  await extension.close();
  await Promise.all([bi.close(), discovery.close()]);
}
