// @vitest-environment node
/**
 * Several environments in one catalog (one per source key): each syncs on its own, lookups search
 * every index, and the same relation in two environments is an ambiguity, never one of them.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource } from '../../lib/background/sources';
import { createCatalogService } from '../../lib/catalog/catalog-service';
import { idbIndexStore } from '../../lib/catalog/index-store';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import { RequestGate } from '../../lib/discovery/request-gate';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';

const TOKEN = 'dbtc_envs';
let production: MockDiscovery;
let staging: MockDiscovery;
beforeAll(async () => {
  production = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: TOKEN, environmentId: '1001' });
  staging = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: TOKEN, environmentId: '2002' });
});
afterAll(async () => {
  await production.close();
  await staging.close();
});

function catalog(names: [string, string] = ['Shop', 'Shop staging']) {
  const gate = new RequestGate({ maxPerMinute: 1000 });
  const spec = (mock: MockDiscovery, environmentId: string, name: string) => {
    const config = { kind: 'discovery' as const, name, endpoint: mock.url, token: TOKEN, environmentId, accountId: null, appOrigin: null, refreshMinutes: 15, staleAfterHours: null };
    return { source: createSource(config, { gate }), revision: JSON.stringify(config), name, refreshMinutes: 15, staleAfterHours: null };
  };
  let published: SyncStatus = INITIAL_SYNC_STATUS;
  const service = createCatalogService({
    loadSetup: async () => ({ environments: [spec(production, '1001', names[0]), spec(staging, '2002', names[1])], problems: [] }),
    store: idbIndexStore,
    readStatus: async () => published,
    publishStatus: async (s) => void (published = s),
    renderMarkdown: (md) => md,
    now: () => new Date(),
  });
  return { service, status: () => published };
}

describe('several environments', () => {
  it('syncs each, adds up the counts, and answers a shared relation with a candidate from each', async () => {
    const { service, status } = catalog();
    await service.sync();
    expect(status()).toMatchObject({ phase: 'ready', modelCount: 2 * DEMO_FACTS.modelCount });
    const answer = await service.resolve(['analytics.marts.customers']);
    if (!answer.ok) throw new Error(answer.error.message);
    // One match for the name (one badge), never one per environment, and no silent pick.
    expect(answer.value).toHaveLength(1);
    const candidates = answer.value[0]!.candidates;
    expect(candidates.map((c) => c.uniqueId)).toEqual([DEMO_FACTS.healthyModel, DEMO_FACTS.healthyModel]);
    expect(candidates.map((c) => c.environment)).toEqual([`${production.url}#1001`, `${staging.url}#2002`]);
  });

  it('names the project of every candidate: the configured name, else the one dbt reports', async () => {
    const named = catalog(['Shop', 'Shop staging']);
    await named.service.sync();
    const answer = await named.service.resolve(['analytics.marts.customers', 'customers']);
    if (!answer.ok) throw new Error(answer.error.message);
    for (const match of answer.value) expect(match.candidates.map((c) => c.project)).toEqual(['Shop', 'Shop staging']);

    const unnamed = catalog(['', '  ']);
    await unnamed.service.sync();
    const fromDbt = await unnamed.service.resolve(['analytics.marts.customers']);
    if (!fromDbt.ok) throw new Error(fromDbt.error.message);
    // environment.dbtProjectName, read with the version check
    expect(fromDbt.value[0]!.candidates.map((c) => c.project)).toEqual([DEMO_FACTS.projectName, DEMO_FACTS.projectName]);
  });

  it('fetches details from the environment a candidate came from', async () => {
    const { service } = catalog();
    await service.sync();
    staging.requests.length = 0;
    production.requests.length = 0;
    const details = await service.details(DEMO_FACTS.healthyModel, `${staging.url}#2002`);
    expect(details.ok).toBe(true);
    expect(staging.requests.map((r) => r.operationName)).toEqual(['DocentModelDetails']);
    expect(production.requests).toHaveLength(0);
  });

  it('syncs one environment when its alarm fires, and leaves the other alone', async () => {
    const { service } = catalog();
    await service.sync();
    staging.requests.length = 0;
    production.requests.length = 0;
    await service.sync({ environment: `${production.url}#1001` });
    expect(production.requests.map((r) => r.operationName)).toEqual(['DocentAppliedVersion']);
    expect(staging.requests).toHaveLength(0);
  });
});
