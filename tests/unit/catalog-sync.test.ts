// @vitest-environment node
/**
 * What a sync costs and when it happens, over real HTTP against the mock Discovery API: an
 * unchanged re-sync is one request; a Save during a sync and two tabs asking at once give one
 * sync; a page that timed out is asked for again; a sync cut off mid-way leaves the last index.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSetupBuilder } from '../../lib/background/sources';
import { createCatalogService, type CatalogService } from '../../lib/catalog/catalog-service';
import { idbIndexStore } from '../../lib/catalog/index-store';
import { syncFromSource } from '../../lib/catalog/sync';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import type { CatalogSource } from '../../lib/catalog/source';
import { DEFAULT_SETTINGS } from '../../lib/config/settings';
import type { EffectiveConfig } from '../../lib/config/storage';
import { RequestGate } from '../../lib/discovery/request-gate';
import { markdownToHtml } from '../../lib/format/markdown';
import { err, ok } from '../../lib/result';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';

const TOKEN = 'dbtc_sync_test';
const ENV = '70403103985022';
let mock: MockDiscovery;
const KEY = () => `${mock.url}#${ENV}`;

beforeAll(async () => {
  mock = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: TOKEN, environmentId: ENV, accountId: '43', projectId: '70403103000017' });
});
afterAll(() => mock.close());
beforeEach(async () => {
  mock.clearFaults();
  mock.requests.length = 0;
  await idbIndexStore.clear(KEY());
});

function effective(settings: { token?: string; refreshMinutes?: number; staleAfterHours?: number | null }): EffectiveConfig {
  return {
    settings: { ...DEFAULT_SETTINGS, serviceToken: settings.token ?? TOKEN, environmentId: ENV, accountId: '43', refreshMinutes: settings.refreshMinutes ?? 15, staleAfterHours: settings.staleAfterHours ?? null },
    endpoint: mock.url,
    appOrigin: 'https://cloud.getdbt.com',
    locked: [],
    problems: [],
    warnings: [],
  };
}

function setup(initial: Parameters<typeof effective>[0] = {}) {
  let settings = initial;
  let stored: SyncStatus = INITIAL_SYNC_STATUS;
  const changes: string[][] = [];
  const build = createSetupBuilder({ gate: new RequestGate(), sleep: async () => {} });
  const service: CatalogService = createCatalogService({
    loadSetup: async () => build(effective(settings)),
    store: idbIndexStore,
    readStatus: async () => stored,
    publishStatus: async (s) => void (stored = s),
    onIndexChanged: (keys) => changes.push(keys),
    renderMarkdown: markdownToHtml,
    now: () => new Date(),
    sleep: async () => {},
  });
  return { service, changes, save: (next: typeof settings) => void (settings = next) };
}

const pagesSent = () => mock.requests.filter((r) => /Page/.test(r.operationName ?? '')).length;

describe('sync cost', () => {
  it('sends exactly one request for a re-sync when nothing changed in dbt', async () => {
    const { service, changes } = setup();
    await service.sync();
    expect(changes).toEqual([[KEY()]]);
    mock.requests.length = 0;
    const status = await service.sync();
    expect(status.phase).toBe('ready');
    await new Promise((settle) => setTimeout(settle, 50)); // nothing goes out after the sync either
    expect(mock.requests.map((r) => r.operationName)).toEqual(['DocentAppliedVersion']);
    expect(changes).toHaveLength(1); // open pages are left alone
  });

  it('pages through again once a dbt job changed the applied state, and Refresh now always does', async () => {
    const { service, changes } = setup();
    await service.sync();
    mock.setArtifacts(generateDemoProject({ now: new Date(Date.now() + 60_000) }));
    mock.requests.length = 0;
    await service.sync();
    expect(pagesSent()).toBeGreaterThan(0);
    expect(changes).toHaveLength(2); // the job changed the index: open pages are told
    mock.requests.length = 0;
    await service.sync({ force: true });
    expect(pagesSent()).toBeGreaterThan(0);
    expect(changes).toHaveLength(2); // the same index fetched again: they are not
  });

  it('gives one sync to two tabs asking at once and to a Save made during it', async () => {
    const { service, save, changes } = setup();
    mock.failNext({ delayMs: 200 }); // the version check is slow: everything below lands mid-sync
    const tabA = service.resolve(['marts.orders']);
    const tabB = service.resolve(['marts.customers']);
    save({ refreshMinutes: 30 }); // a Save that changes nothing a sync reads
    const saved = service.reconfigure().then(() => service.sync({ force: true }));
    const [a, b] = await Promise.all([tabA, tabB, saved]);
    expect(a.ok && a.value).toHaveLength(1);
    expect(b.ok && b.value).toHaveLength(1);
    expect(mock.requests.filter((r) => r.operationName === 'DocentAppliedVersion')).toHaveLength(1);
    expect(mock.requests.filter((r) => r.operationName === 'DocentIndexFirstPages')).toHaveLength(1);
    expect(changes).toEqual([[KEY()]]); // one sync, so open pages are told once
  });

  it('a Save of a new token checks the version with it: one request when dbt has nothing new', async () => {
    const { service, save } = setup();
    await service.sync();
    mock.requests.length = 0;
    mock.setToken('dbtc_rotated');
    save({ token: 'dbtc_rotated' });
    const { changed } = await service.reconfigure();
    expect(changed).toEqual([KEY()]);
    expect((await service.sync({ force: false })).phase).toBe('ready');
    expect(mock.requests.map((r) => r.operationName)).toEqual(['DocentAppliedVersion']);
    expect(mock.requests.every((r) => r.authorization === 'Bearer dbtc_rotated')).toBe(true);
    mock.setToken(TOKEN);
  });
});

describe('open tabs after a Save', () => {
  it('are told once when a Save changes verdicts only, and nothing is fetched', async () => {
    const { service, changes, save } = setup();
    await service.sync();
    changes.length = 0;
    mock.requests.length = 0;
    save({ staleAfterHours: 24 });
    const { changed } = await service.reconfigure();
    expect(changed).toEqual([]);
    expect(changes).toEqual([[KEY()]]);
    expect(mock.requests).toHaveLength(0);
  });

  it('are not told at all when a Save of a new token finds dbt unchanged', async () => {
    const { service, changes, save } = setup();
    await service.sync();
    changes.length = 0;
    mock.setToken('dbtc_rotated_again');
    save({ token: 'dbtc_rotated_again' });
    await service.reconfigure();
    await service.sync({ force: true }); // the Save's Refresh now joins the sync the Save started
    expect(changes).toEqual([]);
    mock.setToken(TOKEN);
  });
});

describe('sync resilience', () => {
  it('asks again for a page that timed out, from its cursor, and finishes the sync', async () => {
    // The demo project's index is one request; its nodes are served here as three pages, so the
    // page that times out has a cursor to be asked again from.
    const real = createSetupBuilder({ gate: new RequestGate(), sleep: async () => {} })(effective({})).environments[0]!.source;
    const whole = await real.indexPage(null);
    if (!whole.ok) throw new Error(whole.error.message);
    expect(whole.value.next).toBeNull();
    const { nodes, exposures } = whole.value;
    const third = Math.ceil(nodes.length / 3);
    const pages: Record<string, { from: number; next: string | null }> = { start: { from: 0, next: 'c1' }, c1: { from: third, next: 'c2' }, c2: { from: 2 * third, next: null } };
    const asked: (string | null)[] = [];
    let timedOut = false;
    const threePages: CatalogSource = {
      key: real.key,
      version: () => real.version(),
      details: (n) => real.details(n),
      indexPage: async (cursor) => {
        asked.push(cursor);
        if (cursor === 'c1' && !timedOut) {
          timedOut = true;
          return err({ kind: 'timeout', message: 'did not answer in time' });
        }
        const page = pages[cursor ?? 'start']!;
        return ok({ nodes: nodes.slice(page.from, page.from + third), exposures: page.next ? [] : exposures, next: page.next, progress: { loaded: Math.min(nodes.length, page.from + third), total: nodes.length } });
      },
    };
    const result = await syncFromSource(threePages, { sleep: async () => {} });
    expect(asked).toEqual([null, 'c1', 'c1', 'c2']);
    expect(result.ok && result.value.kind).toBe('fetched');
    if (!result.ok || result.value.kind !== 'fetched') return;
    expect(result.value.nodes.map((n) => n.uniqueId)).toEqual(nodes.map((n) => n.uniqueId));
    expect(result.value.nodes.filter((n) => n.resourceType === 'model')).toHaveLength(DEMO_FACTS.modelCount);
  });

  it('keeps the last complete index, in memory and stored, when a sync is cut off after the version moved', async () => {
    const first = setup();
    await first.service.sync();
    const before = await idbIndexStore.load(KEY());
    mock.setArtifacts(generateDemoProject({ now: new Date(Date.now() + 120_000) }));
    mock.requests.length = 0;
    mock.failNext({}); // the version check gets through: it says dbt changed
    mock.failNext({ status: 503, times: 50 }); // then every page fails
    const cut = await first.service.sync();
    expect(cut.phase).toBe('error');
    expect(mock.requests.map((r) => r.operationName)).toEqual(['DocentAppliedVersion', 'DocentIndexFirstPages']);
    mock.clearFaults();
    expect(await idbIndexStore.load(KEY())).toEqual(before); // nothing half-written
    const stillServed = await first.service.resolve(['marts.customers']);
    expect(stillServed.ok && stillServed.value).toHaveLength(1);
    const restarted = setup(); // a new service worker: starts from the stored index, and syncs clean
    const status = await restarted.service.sync();
    expect(status).toMatchObject({ phase: 'ready', modelCount: DEMO_FACTS.modelCount });
    expect((await idbIndexStore.load(KEY()))!.version).not.toBe(before!.version);
  });
});
