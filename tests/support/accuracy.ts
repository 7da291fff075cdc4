/**
 * `npm run accuracy`: every BI fixture page (tests/fixtures/bi/<tool>/<page>.html) in the
 * production build in real Chromium, at its tool's real URL (the BI fixture server behind the real
 * hostnames, answering each tool's API behind its session cookie), against the mock Discovery API
 * serving the demo project. Self-hosted tools' hosts (Redash) are added on the options page first,
 * as a person adds them. Compares the badges found, by unique id and place (a dashboard card,
 * or the page), with `<page>.expected.json`, and prints precision and recall per tool and overall,
 * and for dashboards whether the summary pill lists the expected models. Figures only; the exit
 * code is non-zero only when a badge is wrong (precision below 100 %) or the run itself broke.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ADAPTERS } from '../../lib/adapters';
import type { Adapter } from '../../lib/adapters/define';
import { BI_HOST_PATTERNS, DISCOVERY_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { startBiServer } from './bi-server';
import { CHROMIUM_PATH, DEFAULT_EXTENSION_DIR, REPO_ROOT, launchWithExtension } from './browser';
import { generateDemoProject } from './demo-project';
import { startMockDiscovery } from './mock-discovery';
import { addBiHost, connect, DEMO_ENVIRONMENT_ID, DEMO_TOKEN } from './options-page';
import { loadTestTls } from './tls';

interface Expected {
  url: string;
  kind: string;
  selfHosted?: boolean;
  badges: { key?: string; uniqueId: string; tile?: string }[];
  summary?: string[];
}

interface FixturePage {
  adapter: Adapter;
  page: string;
  expected: Expected;
}

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/bi');
const hostOf = (pattern: string) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');

function fixturePages(): FixturePage[] {
  return ADAPTERS.filter((adapter) => adapter.id !== 'generic').flatMap((adapter) => {
    const folder = path.join(FIXTURES, adapter.id);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((file) => file.endsWith('.expected.json'))
      .map((file) => ({
        adapter,
        page: file.replace('.expected.json', ''),
        expected: JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as Expected,
      }))
      .filter((fixture) => fixture.expected.url);
  });
}

// In-page code as a string: tsx's keep-names helper does not exist in the page.
const READ_BADGES = (tiles: Adapter['tiles']) => `(() => {
  const tiles = ${JSON.stringify(tiles ? { card: tiles.card, title: tiles.title, keyAttribute: tiles.keyAttribute ?? null } : null)};
  const keyFn = ${tiles?.key ? `(${tiles.key.toString()})` : 'null'};
  const placeOf = (badge) => {
    if (!tiles) return 'page';
    const card = badge.closest(tiles.card.join(', '));
    if (!card || !badge.closest(tiles.title.join(', '))) return 'page';
    const key = keyFn ? keyFn(card) : card.getAttribute(tiles.keyAttribute);
    return key ? 'tile:' + key : 'page';
  };
  const badges = [...document.querySelectorAll('docent-badge')].map((badge) => ({
    uniqueId: badge.getAttribute('data-unique-id') || '', place: placeOf(badge), key: badge.getAttribute('data-key') || '',
  }));
  const pill = document.querySelector('docent-summary');
  return { badges, summary: pill ? (pill.getAttribute('data-unique-ids') || '').split(' ').filter(Boolean) : null };
})()`;

/** Waits until the page's badges have stopped changing (no new one for `quietMs`), at most `maxMs`. */
async function settle(page: Page, quietMs = 1500, maxMs = 12_000): Promise<void> {
  const started = Date.now();
  let last = '';
  let stableSince = Date.now();
  while (Date.now() - started < maxMs) {
    const now = (await page.evaluate(`[...document.querySelectorAll('docent-badge, docent-summary')].map((e) => e.outerHTML.length).join(',')`)) as string;
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) return;
    await page.waitForTimeout(250);
  }
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
  pairsExpected: number;
  pairsFound: number;
  summaries: number;
  summariesRight: number;
}

const emptyScore = (): Score => ({ tp: 0, fp: 0, fn: 0, pairsExpected: 0, pairsFound: 0, summaries: 0, summariesRight: 0 });
const pct = (part: number, whole: number) => (whole === 0 ? '   n/a' : `${((100 * part) / whole).toFixed(1).padStart(5)} %`);

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM_PATH) || !existsSync(path.join(REPO_ROOT, DEFAULT_EXTENSION_DIR, 'manifest.json'))) {
    console.error('accuracy: needs Chromium and a production build in .output/chrome-mv3 (npm run accuracy builds it)');
    return 1;
  }
  const fixtures = fixturePages();
  const tls = await loadTestTls();
  const discovery = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: DEMO_TOKEN, environmentId: DEMO_ENVIRONMENT_ID, tls });
  const bi = await startBiServer({ tls });
  const hostMap: Record<string, number> = {};
  for (const pattern of BI_HOST_PATTERNS) hostMap[hostOf(pattern)] = bi.port;
  for (const fixture of fixtures) hostMap[new URL(fixture.expected.url).hostname] ??= bi.port;
  for (const pattern of DISCOVERY_HOST_PATTERNS) hostMap[hostOf(pattern)] = discovery.port;
  const extension = await launchWithExtension({ hostMap, handleSignals: false });

  const perTool = new Map<string, Score>();
  const rows: unknown[] = [];
  try {
    const options = await extension.context.newPage();
    await connect(options, extension.optionsUrl);
    // A self-hosted tool's pages are on the company's own host: added as a person adds it (options
    // page, BI host / Tool / Add host), so the content script runs there with that tool's adapter.
    const selfHosted = new Map(fixtures.filter((f) => f.expected.selfHosted).map((f) => [new URL(f.expected.url).hostname, f.adapter.id]));
    for (const [host, tool] of selfHosted) {
      await addBiHost(options, extension, host, tool);
      console.log(`added ${host} (${tool}) on the options page`);
    }
    await options.close();
    for (const { adapter, page: name, expected } of fixtures) {
      const page = await extension.context.newPage();
      await page.goto(expected.url);
      await settle(page);
      const found = (await page.evaluate(READ_BADGES(adapter.tiles))) as { badges: { uniqueId: string; place: string; key: string }[]; summary: string[] | null };
      await page.close();

      const want = expected.badges.map((badge) => `${badge.uniqueId}@${badge.tile ? `tile:${badge.tile}` : 'page'}`);
      const got = found.badges.map((badge) => `${badge.uniqueId}@${badge.place}`);
      const remaining = [...want];
      let tp = 0;
      const wrong: string[] = [];
      for (const item of got) {
        const at = remaining.indexOf(item);
        if (at >= 0) {
          remaining.splice(at, 1);
          tp++;
        } else wrong.push(item);
      }
      const pairs = (list: string[]) => new Set(list.map((item) => item.split('@')[0]));
      const wantPairs = pairs(want);
      const gotPairs = pairs(got);
      const score = perTool.get(adapter.id) ?? emptyScore();
      score.tp += tp;
      score.fp += wrong.length;
      score.fn += remaining.length;
      score.pairsExpected += wantPairs.size;
      score.pairsFound += [...wantPairs].filter((id) => gotPairs.has(id)).length;
      let summary = '';
      if (expected.summary) {
        score.summaries++;
        const right = found.summary !== null && [...found.summary].sort().join() === [...expected.summary].sort().join();
        if (right) score.summariesRight++;
        summary = found.summary === null ? 'no pill' : right ? 'pill right' : `pill lists ${found.summary.length}`;
      }
      perTool.set(adapter.id, score);
      const self = expected.selfHosted ? ' (self-hosted host)' : '';
      console.log(
        `${`${adapter.id}/${name}`.padEnd(28)} ${expected.kind.padEnd(9)} expected ${String(want.length).padStart(2)}, found ${String(tp).padStart(2)}, wrong ${wrong.length}${summary ? `, ${summary}` : ''}${self}`,
      );
      for (const item of wrong) console.log(`    wrong: ${item}`);
      for (const item of remaining) console.log(`    missed: ${item}`);
      rows.push({ page: `${adapter.id}/${name}`, url: expected.url, expected: want, found: got, summary: found.summary });
    }
  } finally {
    await extension.close();
    await Promise.all([bi.close(), discovery.close()]);
  }

  const total = emptyScore();
  console.log('\ntool        precision   recall   page–model pairs   summary pills');
  for (const [tool, score] of perTool) {
    for (const key of Object.keys(total) as (keyof Score)[]) total[key] += score[key];
    console.log(
      `${tool.padEnd(10)}   ${pct(score.tp, score.tp + score.fp)}  ${pct(score.tp, score.tp + score.fn)}   ${`${score.pairsFound}/${score.pairsExpected}`.padStart(8)}           ${score.summaries ? `${score.summariesRight}/${score.summaries}` : '-'}`,
    );
  }
  console.log(
    `${'overall'.padEnd(10)}   ${pct(total.tp, total.tp + total.fp)}  ${pct(total.tp, total.tp + total.fn)}   ${`${total.pairsFound}/${total.pairsExpected}`.padStart(8)}           ${total.summariesRight}/${total.summaries}`,
  );
  console.log(`badges: ${total.tp} right, ${total.fp} wrong, ${total.fn} missed over ${fixtures.length} pages (targets: precision 100 %, recall ≥ 98 %)`);
  mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(REPO_ROOT, 'test-results', 'accuracy.json'), JSON.stringify({ total, perTool: Object.fromEntries(perTool), pages: rows }, null, 2));
  return total.fp === 0 ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error);
  return 1;
});
