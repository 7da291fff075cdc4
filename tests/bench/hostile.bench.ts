/**
 * Hostile pages in real Chromium with the production build: what Docent costs the page's main
 * thread, measured side by side in one run against the same page on a host where Docent does not
 * run (the page alone). CPU is the renderer's script and task time from the DevTools protocol
 * (Performance.getMetrics) over the same window. Prints figures only; asserts nothing.
 * DOCENT_BENCH=full (npm run bench): 100,000 nodes and 3 s windows; smoke (npm test): smaller.
 * The page's own open shadow roots and srcdoc frames (each running its own content script) are
 * among the scenarios.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { BI_HOST_PATTERNS, DISCOVERY_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { POSSIBLE_HOSTS } from '../../lib/overlay/shadow-roots';
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
    shadowTables(components) {
      // Web components, each drawing a table of 20 rows into its own open shadow root.
      if (!customElements.get('bench-table')) {
        customElements.define('bench-table', class extends HTMLElement {
          connectedCallback() {
            if (this.shadowRoot) return;
            const root = this.attachShadow({ mode: 'open' });
            const body = document.createElement('tbody');
            const n = Number(this.getAttribute('n'));
            for (let i = 0; i < 20; i++) {
              const row = body.insertRow();
              row.insertCell().textContent = String(i);
              row.insertCell().textContent = i === 0 && n % 20 === 0 ? 'analytics.marts.orders' : 'value ' + i;
              row.insertCell().textContent = 'x';
              row.insertCell().textContent = 'y';
            }
            const table = document.createElement('table');
            table.append(body);
            root.append(table);
          }
        });
      }
      const holder = document.createElement('div');
      for (let i = 0; i < components; i++) {
        const element = document.createElement('bench-table');
        element.setAttribute('n', String(i));
        holder.append(element);
      }
      document.body.append(holder);
    },
    frames(count, rows) {
      // Frames the app writes into (srcdoc): each runs its own content script.
      for (let f = 0; f < count; f++) {
        let html = '<table>';
        for (let i = 0; i < rows; i++) html += '<tr><td>' + i + '</td><td>' + (i % 400 === 0 ? 'analytics.marts.customers' : 'value ' + i) + '</td><td>x</td><td>y</td></tr>';
        const frame = document.createElement('iframe');
        frame.srcdoc = html + '</table>';
        document.body.append(frame);
      }
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
  // Badges standing anywhere: in open shadow roots and same-origin frames too.
  const badges = (await page.evaluate(`(() => {
    const count = (root) => root.querySelectorAll('docent-badge').length +
      [...root.querySelectorAll('*')].reduce((n, e) => n + (e.shadowRoot && e.localName !== 'docent-badge' ? count(e.shadowRoot) : 0), 0);
    return [document, ...[...document.querySelectorAll('iframe')].map((f) => f.contentDocument).filter(Boolean)].reduce((n, d) => n + count(d), 0);
  })()`)) as number;
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
    [`${ROWS * 5} nodes in ${ROWS / 20} open shadow roots`, `window.__hostile.shadowTables(${ROWS / 20})`],
    [`10 srcdoc frames of ${(ROWS / 2).toLocaleString('en')} nodes each`, `window.__hostile.frames(10, ${ROWS / 10})`],
    ['page deleting every badge', `window.__hostile.deleter(${WINDOW_MS})`],
    ['CSS aimed at everything', 'window.__hostile.hideEverything()'],
  ];
  console.log(`hostile pages in Chromium (${FULL ? 'full' : 'smoke'}; CPU = renderer script + task time over ${WINDOW_MS} ms; side by side):`);
  const rows: { label: string; alone: number; withDocent: number; inserted: number; badges: number; errors: [number, number] }[] = [];
  for (const [label, scenario] of scenarios) {
    const alone = await run(extension.context, bi.url(PLAIN_HOST, '/mode/decoy.html'), scenario);
    const withDocent = await run(extension.context, bi.url('app.mode.com', '/mode/decoy.html'), scenario);
    const extra = withDocent.cpu - alone.cpu;
    console.log(
      `  ${label}: page alone ${alone.cpu.toFixed(0)} ms CPU, with Docent ${withDocent.cpu.toFixed(0)} ms ` +
        `(Docent ${extra >= 0 ? '+' : ''}${extra.toFixed(0)} ms = ${((extra / WINDOW_MS) * 100).toFixed(1)} % of the window); ` +
        `badges inserted ${withDocent.inserted}, standing ${withDocent.badges}; page errors ${alone.errors}/${withDocent.errors}`,
    );
    rows.push({ label, alone: alone.cpu, withDocent: withDocent.cpu, inserted: withDocent.inserted, badges: withDocent.badges, errors: [alone.errors, withDocent.errors] });
  }
  // What looking for the page's open shadow roots costs on a page that has none (lib/overlay/shadow-roots.ts
  // does this query and property read once per root it reads): the same query and loop, timed in the page.
  const plain = await extension.context.newPage();
  await plain.goto(bi.url(PLAIN_HOST, '/mode/decoy.html'));
  await plain.evaluate(SCENARIOS);
  await plain.evaluate(`window.__hostile.bigTable(${ROWS})`);
  const search = (await plain.evaluate(`(() => {
    const times = [];
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      let found = 0;
      const hosts = document.body.querySelectorAll(${JSON.stringify(POSSIBLE_HOSTS)});
      for (let i = 0; i < hosts.length; i++) if (hosts[i].shadowRoot) found++;
      times.push(performance.now() - start);
    }
    return { ms: times.sort((a, b) => a - b)[2], elements: document.body.querySelectorAll('*').length };
  })()`)) as { ms: number; elements: number };
  await plain.close();
  console.log(`  looking for open shadow roots in a page of ${search.elements} elements that has none: ${search.ms.toFixed(1)} ms (median of 5)`);
  if (FULL) {
    // docs/reliability.md shows the last full run's figures (npm run docs:reliability).
    mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(REPO_ROOT, 'test-results', 'hostile-bench.json'), JSON.stringify({ at: new Date().toISOString(), windowMs: WINDOW_MS, rows, shadowSearch: search }, null, 2));
  }
} finally {
  await extension.close();
  await Promise.all([bi.close(), discovery.close()]);
}
