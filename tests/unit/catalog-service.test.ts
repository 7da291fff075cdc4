// @vitest-environment node
/**
 * The background's catalog over real HTTP against the mock Discovery API: the status it publishes,
 * the index it persists, stale-while-revalidate, and details with links and a cache.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSetupBuilder } from '../../lib/background/sources';
import { createCatalogService } from '../../lib/catalog/catalog-service';
import { idbIndexStore } from '../../lib/catalog/index-store';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import { DEFAULT_SETTINGS } from '../../lib/config/settings';
import type { EffectiveConfig } from '../../lib/config/storage';
import { RequestGate } from '../../lib/discovery/request-gate';
import { markdownToHtml } from '../../lib/format/markdown';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';

const TOKEN = 'dbtc_catalog_test';
const ENV = '70403103985022';
let mock: MockDiscovery;
let clock: Date;

beforeAll(async () => {
  mock = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: TOKEN, environmentId: ENV, accountId: '43', projectId: '70403103000017' });
});
afterAll(() => mock.close());

interface TestConfig {
  endpoint: string | null;
  token: string;
  environmentId: string;
  accountId: string;
  appOrigin: string | null;
  refreshMinutes: number;
  staleAfterHours: number | null;
  problems: string[];
}

/** The effective config as lib/config computes it, from the few fields these tests vary. */
function effective(c: TestConfig): EffectiveConfig {
  return {
    settings: { ...DEFAULT_SETTINGS, serviceToken: c.token, environmentId: c.environmentId, accountId: c.accountId, refreshMinutes: c.refreshMinutes, staleAfterHours: c.staleAfterHours },
    endpoint: c.endpoint,
    appOrigin: c.appOrigin,
    locked: [],
    problems: c.problems.map((message) => ({ field: 'accessUrl', message })),
    warnings: [],
  };
}

function setup(overrides: Partial<TestConfig> = {}, onIndexChanged?: (keys: string[]) => void) {
  const config: TestConfig = {
    endpoint: mock.url, token: TOKEN, environmentId: ENV, accountId: '43', appOrigin: 'https://cloud.getdbt.com',
    refreshMinutes: 15, staleAfterHours: null, problems: [], ...overrides,
  };
  const published: SyncStatus[] = [];
  let stored: SyncStatus = INITIAL_SYNC_STATUS;
  const gate = new RequestGate();
  const store = { ...idbIndexStore };
  const buildSetup = createSetupBuilder({ gate, sleep: async () => {} });
  let setups = 0;
  const service = createCatalogService({
    loadSetup: async () => {
      setups += 1;
      return buildSetup(effective(config));
    },
    store,
    readStatus: async () => stored,
    publishStatus: async (s) => {
      stored = s;
      published.push(s);
    },
    onIndexChanged,
    renderMarkdown: markdownToHtml,
    now: () => clock,
    sleep: async () => {},
  });
  return { service, published, config, gate, store, setups: () => setups };
}

beforeEach(async () => {
  clock = new Date();
  mock.clearFaults();
  mock.requests.length = 0;
  await idbIndexStore.clear(`${mock.url}#${ENV}`);
});

describe('catalog service', () => {
  it('syncs, says Connected with the count, and persists the index', async () => {
    const { service, published } = setup();
    const status = await service.sync();
    const total = DEMO_FACTS.modelCount + DEMO_FACTS.seedCount + DEMO_FACTS.snapshotCount + DEMO_FACTS.sourceCount;
    expect(status).toMatchObject({
      phase: 'ready',
      modelCount: DEMO_FACTS.modelCount,
      counts: { model: DEMO_FACTS.modelCount, seed: DEMO_FACTS.seedCount, snapshot: DEMO_FACTS.snapshotCount, source: DEMO_FACTS.sourceCount },
      error: null,
    });
    expect(published[0]!.phase).toBe('syncing');
    expect(published.some((s) => s.phase === 'syncing' && s.progress && s.progress.loaded > 0)).toBe(true);
    expect((await idbIndexStore.load(`${mock.url}#${ENV}`))?.nodes).toHaveLength(total);
  });

  it('first resolve waits for the first sync; quoted and upper-case names resolve with verdicts', async () => {
    const { service } = setup();
    const answer = await service.resolve(['analytics.marts.orders', 'marts.customers', 'analytics.marts.does_not_exist']);
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value.map((m) => m.key).sort()).toEqual(['analytics.marts.orders', 'marts.customers']);
    const orders = answer.value.find((m) => m.key === 'analytics.marts.orders')!;
    expect(orders.candidates[0]).toMatchObject({ uniqueId: DEMO_FACTS.failingTest.model, relation: 'ANALYTICS.marts.orders' });
    expect(orders.candidates[0]!.verdict.health).toBe('degraded');
  });

  it('serves the stored index at once after a restart, and revalidates when it is stale', async () => {
    await setup().service.sync();
    const restarted = setup();
    mock.requests.length = 0;
    const fresh = await restarted.service.resolve(['marts.customers']);
    expect(fresh.ok && fresh.value).toHaveLength(1);
    expect(mock.requests).toHaveLength(0);

    clock = new Date(clock.getTime() + 16 * 60_000);
    const stale = await restarted.service.resolve(['marts.customers']);
    expect(stale.ok && stale.value).toHaveLength(1);
    await restarted.service.sync(); // joins the revalidation the stale read started
    expect(mock.requests.length).toBeGreaterThan(0);
  });

  it('asked for its status (the popup or options page opening), a woken background starts a due sync and no other', async () => {
    await setup().service.sync();
    const woken = setup(); // a service worker started again by the message
    mock.requests.length = 0;
    await woken.service.status();
    expect(mock.requests).toHaveLength(0); // the stored index is fresh: nothing to ask dbt
    expect(woken.published).toHaveLength(0);

    clock = new Date(clock.getTime() + 16 * 60_000);
    await woken.service.status(); // answers at once, with what is stored
    expect(woken.published.at(0)?.phase).toBe('syncing');
    const after = await woken.service.sync(); // joins the sync the status request started
    expect(after.phase).toBe('ready');
    expect(woken.published.filter((s) => s.phase === 'syncing' && s.progress?.loaded === 0 && !s.progress.activity).length).toBe(1);
    expect(mock.requests.length).toBeGreaterThan(0);

    const never = setup();
    await idbIndexStore.clear(`${mock.url}#${ENV}`);
    mock.requests.length = 0;
    await never.service.status(); // no index at all: the first sync starts
    expect((await never.service.sync()).phase).toBe('ready');
    expect(never.published[0]!.phase).toBe('syncing');
  });

  it('keeps serving the last index when a sync fails, and says Connected again once it recovers', async () => {
    const { service } = setup();
    await service.sync();
    mock.failNext({ status: 401 });
    const failed = await service.sync();
    expect(failed.phase).toBe('error');
    expect(failed.error?.kind).toBe('unauthorized');
    expect(failed.modelCount).toBe(DEMO_FACTS.modelCount);
    const still = await service.resolve(['marts.customers']);
    expect(still.ok && still.value).toHaveLength(1);
    const recovered = await service.sync();
    expect(recovered).toMatchObject({ phase: 'ready', error: null });
  });

  it('tells open pages to redraw only when a sync brought something new', async () => {
    let changes = 0;
    const { service } = setup({}, () => changes++);
    await service.sync();
    expect(changes).toBe(1);
    await service.sync();
    expect(changes).toBe(1);
    const artifacts = generateDemoProject({ now: new Date() });
    artifacts.manifest.nodes[DEMO_FACTS.healthyModel]!.description = '';
    mock.setArtifacts(artifacts);
    try {
      await service.sync();
      expect(changes).toBe(2);
    } finally {
      mock.setArtifacts(generateDemoProject({ now: new Date() }));
    }
  });

  it('answers a Save made during a sync about the saved settings, not the old ones', async () => {
    const { service, config } = setup({ environmentId: '1' }); // an environment dbt does not know
    mock.failNext({ delayMs: 300 }); // slow enough for the Save to land mid-sync
    const old = service.sync();
    config.environmentId = ENV; // the user fixes the id and saves while the first sync runs
    await service.reconfigure(); // what the router does for the Save's syncNow
    const saved = await service.sync({ force: true });
    expect(saved).toMatchObject({ phase: 'ready', modelCount: DEMO_FACTS.modelCount });
    await old; // answered too (about the catalog as it then is), never left hanging
    // One sync of the saved environment: the Save's storage event and its Refresh now share it.
    const pagesOfSaved = mock.requests.filter((r) => r.operationName === 'DocentIndexFirstPages' && r.variables?.environmentId === ENV);
    expect(pagesOfSaved).toHaveLength(1);
    const answer = await service.resolve(['marts.customers']);
    expect(answer.ok && answer.value).toHaveLength(1);
  });

  it('never leaves the status at Syncing when the browser refuses to store the index', async () => {
    const { service, store, published } = setup();
    store.save = async () => {
      throw new Error('QuotaExceededError');
    };
    const status = await service.sync();
    expect(status.phase).toBe('error');
    expect(status.error).toMatchObject({ kind: 'internal' });
    expect(status.error?.message).toContain('QuotaExceededError');
    expect(published.at(-1)?.phase).toBe('error');
  });

  it('does not retry a failed first sync on every page load, but Refresh now always tries', async () => {
    const { service } = setup();
    mock.failNext({ status: 401 });
    expect((await service.resolve(['marts.customers'])).ok).toBe(true);
    const afterFailure = mock.requests.length;
    await service.resolve(['marts.orders']);
    await service.resolve(['marts.order_items']);
    expect(mock.requests.length).toBe(afterFailure);
    expect(await service.sync()).toMatchObject({ phase: 'ready' });
  });

  it('runs one sync at a time', async () => {
    const { service } = setup();
    const [a, b] = await Promise.all([service.sync(), service.sync()]);
    expect(a).toBe(b);
    expect(mock.requests.filter((r) => r.operationName === 'DocentIndexFirstPages')).toHaveLength(1);
  });

  it('fetches details once, with links into dbt and the run error', async () => {
    const { service } = setup();
    await service.sync();
    mock.requests.length = 0;
    const first = await service.details(DEMO_FACTS.erroredModel.uniqueId);
    const second = await service.details(DEMO_FACTS.erroredModel.uniqueId);
    expect(mock.requests).toHaveLength(1);
    expect(second).toEqual(first);
    if (!first.ok) throw new Error(first.error.message);
    const { details, verdict } = first.value;
    expect(verdict.health).toBe('degraded');
    expect(details.lastRunError).toContain('does not exist or not authorized');
    expect(details.columns.length).toBeGreaterThan(0);
    // Markdown is rendered here in the background; pages only sanitise it.
    expect(details.descriptionHtml).toMatch(/^<p>/);
    expect(details.columns.find((c) => c.description)?.descriptionHtml).toMatch(/^<p>/);
    // Explorer opens the environment Docent reads, by id: not whichever one is called production.
    expect(details.explorerUrl).toBe(`https://cloud.getdbt.com/explore/43/projects/${details.summary.projectId}/environments/${ENV}/details/model.demo_shop.fct_refunds`);
    expect(details.about).toMatchObject({ materialization: expect.any(String), packageName: 'demo_shop', relationName: expect.stringContaining('fct_refunds') });
    // The card's verdict carries the build error's first lines under its reason.
    expect(verdict.reasons[0]!.detail).toContain('does not exist or not authorized');
    expect(details.lastSuccessRunUrl).toBe(`https://cloud.getdbt.com/deploy/43/projects/${details.summary.projectId}/runs/${DEMO_FACTS.runs.fullBuild.runId}`);
  });

  it('truncates a huge description before it can reach a page', async () => {
    const artifacts = generateDemoProject({ now: new Date() });
    artifacts.manifest.nodes[DEMO_FACTS.healthyModel]!.description = 'x'.repeat(20 * 1024 * 1024);
    mock.setArtifacts(artifacts);
    try {
      const { service } = setup();
      await service.sync();
      const answer = await service.details(DEMO_FACTS.healthyModel);
      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.value.details.description!.length).toBeLessThan(21_000);
    } finally {
      mock.setArtifacts(generateDemoProject({ now: new Date() }));
    }
  });

  it('says what is missing when the settings are incomplete', async () => {
    const { service } = setup({ endpoint: null, problems: ['Enter the Access URL.'] });
    const status = await service.sync();
    expect(status).toMatchObject({ phase: 'unconfigured', problems: ['Enter the Access URL.'] });
    const answer = await service.resolve(['marts.orders']);
    expect(answer.ok || answer.error.kind).toBe('notConfigured');
  });
});
