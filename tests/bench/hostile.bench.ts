/**
 * Hostile pages in real Chromium with the production build: what Docent costs the page's main
 * thread, measured side by side in one run against the same page on a host where Docent does not
 * run (the page alone). CPU is the renderer's script and task time from the DevTools protocol
 * (Performance.getMetrics) over the same window. Prints figures only; asserts nothing.
 * DOCENT_BENCH=full (npm run bench): 100,000 nodes and 3 s windows; smoke (npm test): smaller.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { BI_HOST_PATTERNS, DISCOVERY_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { startBiServer } from '../support/bi-server';
import { CHROMIUM_PATH, DEFAULT_EXTENSION_DIR, REPO_ROOT, launchWithExtension } from '../support/browser';
import { generateDemoProject } from '../support/demo-project';
import { startMockDiscovery } from '../support/mock-discovery';
import { connect, DEMO_ENVIRONMENT_ID, DEMO_TOKEN } from '../support/options-page';
import { loadTestTls } from '../support/tls';

const FULL = process.env.DOCENT_BENCH === 'full';
const ROWS = FULL ? 20_000 : 2_000; // × 5 elements a row: 100,000 nodes at full size
const WINDOW_MS = FULL ? 3_000 : 1_000;
const PLAIN_HOST = 'intranet.example.test'; // served by the same server, not a BI host: no Docent

if (!existsSync(CHROMIUM_PATH) || !existsSync(path.join(REPO_ROOT, DEFAULT_EXTENSION_DIR, 'manifest.json'))) {
  console.log('hostile pages in Chromium: skipped (needs /usr/bin/chromium and a build in .output/chrome-mv3)');
  process.exit(0);
}

// In-page code as a string: tsx's keep-names helper does not exist in the page.
const SCENARIOS = `
  window.__hostile = {
    inserted: 0,
    count() {
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n.localName === 'docent-badge') this.inserted++;
      }).observe(document, { childList: true, subtree: true });
    },
    bigTable(rows) {
      const body = document.createElement('tbody');
      for (let i = 0; i < rows; i++) {
        const row = body.insertRow();
        row.insertCell().textContent = String(i);
        row.insertCell().textContent = i % 400 === 0 ? 'analytics.marts.orders' : 'value ' + i;
        row.insertCell().textContent = 'x';
        row.insertCell().textContent = 'y';
      }
      const table = document.createElement('table');
      table.append(body);
      document.body.append(table);
    },
    tightLoop(ms) {
      const clock = document.body.appendChild(document.createElement('p'));
      clock.textContent = 'from analytics.marts.customers, tick 0';
      const end = performance.now() + ms;
      return new Promise((resolve) => {
        let ticks = 0;
        const tick = () => {
          for (let i = 0; i < 20; i++) {
            clock.firstChild.data = 'from analytics.marts.customers, tick ' + (++ticks);
            const div = document.body.appendChild(document.createElement('div'));
            div.textContent = 'churn ' + ticks;
            div.remove();
          }
          if (performance.now() < end) setTimeout(tick, 0); else resolve(ticks);
        };
        tick();
      });
    },
    deleter(ms) {
      document.body.insertAdjacentHTML('beforeend', '<p>select * from analytics.marts.orders join analytics.marts.customers</p>');
      const observer = new MutationObserver(() => document.querySelectorAll('docent-badge').forEach((b) => b.remove()));
      observer.observe(document.body, { childList: true, subtree: true });
      return new Promise((resolve) => setTimeout(() => { observer.disconnect(); resolve(0); }, ms));
    },
    hideEverything() {
      const style = document.createElement('style');
      style.textContent = '* { all: unset !important; } docent-badge { display: none !important; }';
      document.head.append(style);
      document.body.insertAdjacentHTML('beforeend', '<p>from analytics.marts.orders</p>');
    },
  };
  window.__hostile.count();
`;

async function cpuMs(page: Page, context: BrowserContext): Promise<() => Promise<number>> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return (get('ScriptDuration') + get('TaskDuration')) * 1000;
  };
  const start = await read();
  return async () => (await read()) - start;
}

interface Figures { cpu: number; inserted: number; badges: number; errors: number }

async function run(context: BrowserContext, url: string, scenario: string): Promise<Figures> {
  const page = await context.newPage();
  const errors: unknown[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  await page.locator('h1').first().waitFor();
  await page.waitForTimeout(300); // Docent's first pass over the fixture
  await page.evaluate(SCENARIOS);
  const elapsed = await cpuMs(page, context);
  await page.evaluate(scenario);
  await page.waitForTimeout(WINDOW_MS);
  const cpu = await elapsed();
  const inserted = (await page.evaluate('window.__hostile.inserted')) as number;
  const badges = (await page.evaluate("document.querySelectorAll('docent-badge').length")) as number;
  await page.close();
  return { cpu, inserted, badges, errors: errors.length };
}

const tls = await loadTestTls();
const discovery = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: DEMO_TOKEN, environmentId: DEMO_ENVIRONMENT_ID, tls });
const bi = await startBiServer({ tls });
const hostMap: Record<string, number> = { [PLAIN_HOST]: bi.port };
for (const pattern of BI_HOST_PATTERNS) hostMap[pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '')] = bi.port;
for (const pattern of DISCOVERY_HOST_PATTERNS) hostMap[pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '')] = discovery.port;
const extension = await launchWithExtension({ hostMap, handleSignals: false });
try {
  await connect(await extension.context.newPage(), extension.optionsUrl);
  const scenarios: [string, string][] = [
    [`${ROWS * 5} nodes drawn at once`, `window.__hostile.bigTable(${ROWS})`],
    [`tight mutation loop for ${WINDOW_MS} ms`, `window.__hostile.tightLoop(${WINDOW_MS})`],
    ['page deleting every badge', `window.__hostile.deleter(${WINDOW_MS})`],
    ['CSS aimed at everything', 'window.__hostile.hideEverything()'],
  ];
  console.log(`hostile pages in Chromium (${FULL ? 'full' : 'smoke'}; CPU = renderer script + task time over ${WINDOW_MS} ms; side by side):`);
  for (const [label, scenario] of scenarios) {
    const alone = await run(extension.context, bi.url(PLAIN_HOST, '/mode/decoy.html'), scenario);
    const withDocent = await run(extension.context, bi.url('app.mode.com', '/mode/decoy.html'), scenario);
    const extra = withDocent.cpu - alone.cpu;
    console.log(
      `  ${label}: page alone ${alone.cpu.toFixed(0)} ms CPU, with Docent ${withDocent.cpu.toFixed(0)} ms ` +
        `(Docent ${extra >= 0 ? '+' : ''}${extra.toFixed(0)} ms = ${((extra / WINDOW_MS) * 100).toFixed(1)} % of the window); ` +
        `badges inserted ${withDocent.inserted}, standing ${withDocent.badges}; page errors ${alone.errors}/${withDocent.errors}`,
    );
  }
} finally {
  await extension.close();
  await Promise.all([bi.close(), discovery.close()]);
}
