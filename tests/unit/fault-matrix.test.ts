// @vitest-environment node
/**
 * The fault matrix (tests/support/fault-matrix.ts) against the mock Discovery API over real HTTP,
 * with the background's own wiring (sources, request gate, catalog) on a fake clock. For each
 * fault: the status the options page and popup show names the cause and what to do, the last good
 * index keeps answering with its age, and the fault clears the way its class says it should.
 * docs/reliability.md is written from this file's results (tests/support/reliability-report.ts).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSetupBuilder } from '../../lib/background/sources';
import { createCatalogService } from '../../lib/catalog/catalog-service';
import { idbIndexStore, type IndexStore } from '../../lib/catalog/index-store';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import { DEFAULT_SETTINGS } from '../../lib/config/settings';
import type { EffectiveConfig } from '../../lib/config/storage';
import { RequestGate } from '../../lib/discovery/request-gate';
import { markdownToHtml } from '../../lib/format/markdown';
import { describeSyncStatus } from '../../components/status-text';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { FAULT_MATRIX, TWENTY_MB } from '../support/fault-matrix';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';

const TOKEN = 'dbtc_fault_matrix';
const ENV = '70403103985022';
const HOUR = 3_600_000;
/** Shorter than the extension's 30 s so a hanging answer costs the suite seconds, not minutes. */
const TEST_TIMEOUT_MS = 1_500;
let mock: MockDiscovery;
let clock: number;

beforeAll(async () => {
  mock = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: TOKEN, environmentId: ENV, accountId: '43', projectId: '70403103000017' });
});
afterAll(() => mock.close());
beforeEach(async () => {
  clock = Date.now();
  mock.clearFaults();
  mock.requests.length = 0;
  await idbIndexStore.clear(`${mock.url}#${ENV}`);
});

function background(environmentId = ENV, store: IndexStore = idbIndexStore) {
  let stored: SyncStatus = INITIAL_SYNC_STATUS;
  const config: EffectiveConfig = {
    settings: { ...DEFAULT_SETTINGS, serviceToken: TOKEN, environmentId, accountId: '43' },
    endpoint: mock.url, appOrigin: 'https://cloud.getdbt.com', locked: [], problems: [], warnings: [],
  };
  const gate = new RequestGate({ now: () => clock });
  const buildSetup = createSetupBuilder({
    gate,
    sleep: async () => {},
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(TEST_TIMEOUT_MS) }),
  });
  const service = createCatalogService({
    loadSetup: async () => buildSetup(config),
    store,
    readStatus: async () => stored,
    publishStatus: async (s) => void (stored = s),
    renderMarkdown: markdownToHtml,
    now: () => new Date(clock),
    sleep: async () => {},
  });
  return { service, gate, config };
}

/** A good sync three hours ago: the index every fault must leave alone. */
async function syncedThreeHoursAgo() {
  const bg = background();
  clock -= 3 * HOUR;
  expect((await bg.service.sync()).phase).toBe('ready');
  clock += 3 * HOUR;
  return bg;
}

const ORDERS = 'analytics.marts.orders';

describe('fault matrix', { timeout: 30_000 }, () => {
  for (const row of FAULT_MATRIX) {
    const inject = () => (row.inject === 'unknownEnvironment' ? undefined : mock.failNext(row.inject));

    if (row.klass === 'absorbed') {
      it(`${row.id}: the sync succeeds and what reaches a page is bounded`, async () => {
        const bg = await syncedThreeHoursAgo();
        inject();
        const status = await bg.service.sync({ force: true });
        expect(status.phase).toBe('ready');
        const match = await bg.service.resolve([ORDERS]);
        expect(match.ok && match.value[0]?.candidates[0]?.uniqueId).toBe(DEMO_FACTS.failingTest.model);
        const details = await bg.service.details(DEMO_FACTS.failingTest.model);
        expect(details.ok).toBe(true);
        if (!details.ok) return;
        if (row.id === 'unknown enum') {
          expect(details.value.details.summary.lastRunStatus).toBeNull();
          expect(match.ok && match.value[0]!.candidates[0]!.verdict.health).not.toBe('healthy');
        } else {
          expect(details.value.details.description!.length).toBeLessThan(TWENTY_MB / 100);
          expect(details.value.details.descriptionHtml!.length).toBeLessThan(TWENTY_MB / 100);
          for (const column of details.value.details.columns) expect((column.description ?? '').length).toBeLessThan(TWENTY_MB / 100);
        }
      }, 60_000);
      continue;
    }

    it(`${row.id}: the status says what happened and what to do; the last index keeps answering, 3 hours old`, async () => {
      const synced = await syncedThreeHoursAgo();
      const bg = row.inject === 'unknownEnvironment' ? background('70403103999999') : synced;
      // The unknown environment is a Save with a wrong id: its index is its own (empty), the old one stays stored.
      inject();
      const status = await bg.service.sync({ force: true });
      expect(status.phase).toBe('error');
      expect(status.error?.kind).toBe(row.kind);
      const words = describeSyncStatus(status, new Date(clock));
      expect(words.tone).toBe('error');
      expect(words.headline).toMatch(row.says!);
      expect(words.headline).not.toMatch(/\bconnected\b/i);
      if (row.inject !== 'unknownEnvironment') {
        expect(words.detail).toBe('Showing data from 3 hours ago.');
        const answer = await bg.service.resolve([ORDERS]);
        expect(answer.ok && answer.value.map((m) => m.key)).toEqual([ORDERS]);
        // A card opened now: dbt cannot be asked for the particulars either, so the card shows
        // what the index has, "as of" the good sync three hours ago, and says what is missing.
        const card = await bg.service.details(DEMO_FACTS.failingTest.model);
        expect(card.ok).toBe(true);
        if (card.ok) {
          expect(card.value.asOf).toBe(new Date(clock - 3 * HOUR).toISOString());
          expect(card.value.details.summary.uniqueId).toBe(DEMO_FACTS.failingTest.model);
          expect(card.value.verdict.health).toBe('degraded');
          expect(card.value.missing).toMatch(/^The description and columns could not be loaded: ./);
        }
      }
      // Nothing lost: the stored index is the one from three hours ago, whole.
      const stored = await idbIndexStore.load(`${mock.url}#${ENV}`);
      expect(stored?.syncedAt).toBe(new Date(clock - 3 * HOUR).toISOString());
      expect(stored?.nodes.length).toBe(DEMO_FACTS.modelCount + DEMO_FACTS.seedCount + DEMO_FACTS.snapshotCount + DEMO_FACTS.sourceCount);
    });

    if (row.klass === 'transient') {
      it(`${row.id}: retries back off, honour the hold-off, and the first retry after dbt recovers succeeds`, async () => {
        const bg = await syncedThreeHoursAgo();
        inject();
        const failed = await bg.service.sync({ force: true });
        expect(failed.phase).toBe('error');
        const holdOff = failed.error && 'retryAfterSeconds' in failed.error ? failed.error.retryAfterSeconds : undefined;
        if (row.id === '429 Retry-After') expect(holdOff).toBe(120);
        if (row.id === '429 bare') expect(holdOff).toBe(300);
        if (holdOff !== undefined) {
          // During the hold-off nothing is sent, whoever asks (Refresh now included).
          mock.requests.length = 0;
          clock += (holdOff - 1) * 1000;
          const held = await bg.service.sync({ force: true });
          expect(held.phase).toBe('error');
          expect(mock.requests).toHaveLength(0);
          clock += 1000;
        }
        mock.clearFaults();
        const healed = await bg.service.sync({ force: true });
        expect(healed.phase).toBe('ready');
        expect(describeSyncStatus(healed, new Date(clock)).headline).toMatch(/^Connected — /);
      });
    } else {
      it(`${row.id}: fixed settings recover at the first Refresh now`, async () => {
        const bg = row.inject === 'unknownEnvironment' ? background('70403103999999') : await syncedThreeHoursAgo();
        inject();
        expect((await bg.service.sync({ force: true })).phase).toBe('error');
        mock.clearFaults();
        const fixed = row.inject === 'unknownEnvironment' ? background(ENV) : bg;
        const status = await fixed.service.sync({ force: true });
        expect(status.phase).toBe('ready');
      });
    }
  }
});

describe('an open card during a fault', { timeout: 30_000 }, () => {
  it('keeps the particulars it fetched before the fault, as of the last good sync', async () => {
    const bg = await syncedThreeHoursAgo();
    const before = await bg.service.details(DEMO_FACTS.failingTest.model);
    expect(before.ok && before.value.asOf).toBeNull();
    clock += HOUR; // past the details' refresh interval: the card asks dbt again
    mock.failNext({ status: 503, times: 1_000 });
    expect((await bg.service.sync({ force: true })).phase).toBe('error');
    const during = await bg.service.details(DEMO_FACTS.failingTest.model);
    expect(during.ok).toBe(true);
    if (!during.ok || !before.ok) return;
    expect(during.value.asOf).toBe(new Date(clock - 4 * HOUR).toISOString());
    expect(during.value.missing).toBeUndefined();
    expect(during.value.details.description).toBe(before.value.details.description);
    expect(during.value.details.columns).toEqual(before.value.details.columns);
  });
});

describe('many tabs', () => {
  it('20 tabs loading at once while dbt is slow: one sync in flight, its requests sent once', async () => {
    const bg = await syncedThreeHoursAgo();
    mock.requests.length = 0;
    await bg.service.sync({ force: true });
    const oneSync = mock.requests.length;

    mock.requests.length = 0;
    clock += HOUR; // stale: every page load would like a revalidation
    mock.failNext({ delayMs: 200, times: 3 });
    const tabs = Array.from({ length: 20 }, (_, i) => (i % 2 ? bg.service.resolve([ORDERS]) : bg.service.sync({ force: true })));
    await Promise.all(tabs);
    // Every tab joined the one sync: no request was sent twice.
    expect(mock.requests.length).toBe(oneSync);
    expect(new Set(mock.requests.map((r) => JSON.stringify([r.operationName, r.variables]))).size).toBe(oneSync);
  });
});

describe('storage', () => {
  const refuse = (name: string) => async () => {
    throw new DOMException(`IndexedDB said no (${name})`, name);
  };

  it.each([
    ['IndexedDB unavailable', { load: refuse('InvalidStateError'), save: refuse('InvalidStateError'), clear: refuse('InvalidStateError') }],
    ['IndexedDB over quota', { ...idbIndexStore, save: refuse('QuotaExceededError') }],
  ] as const)('%s: badges work from memory, and the status says so', async (_, store) => {
    const bg = background(ENV, store as IndexStore);
    const status = await bg.service.sync();
    expect(status.phase).toBe('error');
    expect(status.modelCount).toBe(DEMO_FACTS.modelCount);
    const words = describeSyncStatus(status, new Date(clock));
    expect(words.headline).toMatch(/has your models in memory, but this browser would not store them/);
    expect(words.headline).toMatch(/Badges work/);
    const answer = await bg.service.resolve([ORDERS]);
    expect(answer.ok && answer.value.map((m) => m.key)).toEqual([ORDERS]);
    const details = await bg.service.details(DEMO_FACTS.failingTest.model);
    expect(details.ok).toBe(true);
  });
});
