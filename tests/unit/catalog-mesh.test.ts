// @vitest-environment node
/**
 * dbt Mesh across configured environments: a model reading another project's public model (a
 * cross-project ref, an `ExternalModelNode` parent in the Discovery API) gets that project's
 * upstream sources when Docent reads that project too, and names the project when it does not.
 * Two real-shaped projects behind one mock Discovery endpoint: the demo shop and finance_hub.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource } from '../../lib/background/sources';
import { createCatalogService } from '../../lib/catalog/catalog-service';
import type { IndexStore } from '../../lib/catalog/index-store';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import type { ModelSummary } from '../../lib/catalog/types';
import { withUpstreamSources } from '../../lib/catalog/upstream';
import { RequestGate } from '../../lib/discovery/request-gate';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { FINANCE_FACTS, generateFinanceProject } from '../support/finance-project';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';

const TOKEN = 'dbtc_mesh';
const SHOP_ENV = '70403103985022';
const FINANCE_ENV = '70403103985077';
let mock: MockDiscovery;
beforeAll(async () => {
  const now = new Date();
  mock = await startMockDiscovery({
    artifacts: generateDemoProject({ now }),
    token: TOKEN,
    environmentId: SHOP_ENV,
    moreEnvironments: [{ environmentId: FINANCE_ENV, artifacts: generateFinanceProject({ now }), projectId: '70403103900099' }],
  });
});
afterAll(() => mock.close());

/** A store of its own per catalog: indexes of one test never answer for another. */
function memoryStore(): IndexStore {
  const saved = new Map<string, Parameters<IndexStore['save']>[0]>();
  return { load: async (key) => saved.get(key), save: async (s) => void saved.set(s.environmentKey, s), clear: async (key) => void saved.delete(key) };
}

function catalog(environments: Array<{ id: string; name: string }>) {
  const gate = new RequestGate({ maxPerMinute: 1000 });
  let published: SyncStatus = INITIAL_SYNC_STATUS;
  const specs = environments.map(({ id, name }) => {
    const config = { kind: 'discovery' as const, name, endpoint: mock.url, token: TOKEN, environmentId: id, accountId: null, appOrigin: null, refreshMinutes: 15, staleAfterHours: null };
    return { source: createSource(config, { gate }), revision: JSON.stringify(config), name, refreshMinutes: 15, staleAfterHours: null };
  });
  return createCatalogService({
    loadSetup: async () => ({ environments: specs, problems: [] }),
    store: memoryStore(),
    readStatus: async () => published,
    publishStatus: async (s) => void (published = s),
    renderMarkdown: (md) => md,
    now: () => new Date(),
  });
}

async function resolveOne(service: ReturnType<typeof catalog>, key: string) {
  const answer = await service.resolve([key]);
  if (!answer.ok) throw new Error(answer.error.message);
  expect(answer.value).toHaveLength(1);
  return answer.value[0]!;
}

const inventory = `${FINANCE_FACTS.database}.${FINANCE_FACTS.schema}.inventory_valuation`.toLowerCase();
const kpis = `${FINANCE_FACTS.database}.${FINANCE_FACTS.schema}.finance_kpis`.toLowerCase();

describe('a cross-project reference to a project Docent reads too', () => {
  it('counts that project\'s upstream sources: the shop\'s freshness error degrades finance\'s model', async () => {
    const service = catalog([{ id: SHOP_ENV, name: 'Shop' }, { id: FINANCE_ENV, name: 'Finance' }]);
    await service.sync();
    const [candidate] = (await resolveOne(service, inventory)).candidates;
    expect(candidate).toMatchObject({ uniqueId: FINANCE_FACTS.inventoryModel, project: 'Finance' });
    expect(candidate!.verdict.health).toBe('degraded');
    expect(candidate!.verdict.reasons.map((r) => r.text).join('\n')).toContain('ecom.raw_inventory');
    expect(candidate!.verdict.otherProjects).toEqual(['Reads fct_inventory_levels from project Shop: its upstream sources count here']);
  });

  it('follows it through the project\'s own models, and the card lists the other project\'s sources', async () => {
    const service = catalog([{ id: SHOP_ENV, name: 'Shop' }, { id: FINANCE_ENV, name: 'Finance' }]);
    await service.sync();
    const details = await service.details(FINANCE_FACTS.kpisModel, `${mock.url}#${FINANCE_ENV}`);
    if (!details.ok) throw new Error(details.error.message);
    const sources = details.value.details.summary.upstreamSources.map((s) => s.uniqueId);
    expect(sources).toContain(`source.${DEMO_FACTS.projectName}.ecom.raw_orders`);
    expect(sources.every((id) => id.startsWith(`source.${DEMO_FACTS.projectName}.`))).toBe(true);
    expect(details.value.verdict.otherProjects).toEqual(['Reads fct_revenue from project Shop: its upstream sources count here']);
    const [candidate] = (await resolveOne(service, kpis)).candidates;
    expect(candidate!.verdict.health).toBe('healthy');
  });

  it('answers a bare name both projects use with one match and a candidate from each project', async () => {
    const service = catalog([{ id: SHOP_ENV, name: 'Shop' }, { id: FINANCE_ENV, name: 'Finance' }]);
    await service.sync();
    const match = await resolveOne(service, 'customers');
    expect(match.candidates.map((c) => [c.uniqueId, c.project])).toEqual([
      [DEMO_FACTS.healthyModel, 'Shop'],
      [FINANCE_FACTS.customersModel, 'Finance'],
    ]);
  });
});

describe('a cross-project reference to a project Docent does not read', () => {
  it('names the other project on the card instead of dropping it, and judges by what it can see', async () => {
    const service = catalog([{ id: FINANCE_ENV, name: '' }]);
    await service.sync();
    const [candidate] = (await resolveOne(service, inventory)).candidates;
    expect(candidate!.project).toBeUndefined(); // one environment: no project line on the card
    expect(candidate!.verdict.health).toBe('healthy');
    expect(candidate!.verdict.otherProjects).toEqual([
      `Reads fct_inventory_levels from project ${DEMO_FACTS.projectName}, which Docent is not set up to read: that project's sources are not checked`,
    ]);
    const [transitive] = (await resolveOne(service, kpis)).candidates;
    expect(transitive!.verdict.otherProjects?.[0]).toContain(`Reads fct_revenue from project ${DEMO_FACTS.projectName}, which Docent is not set up to read`);
  });
});

describe('cross-project parents in one index', () => {
  const node = (uniqueId: string, parentIds: string[], extra: Partial<ModelSummary> = {}): ModelSummary => ({
    uniqueId, resourceType: 'model', name: uniqueId.split('.')[2]!, database: 'd', schema: 's', alias: uniqueId.split('.')[2]!,
    projectId: null, hasDescription: true, lastRunStatus: 'success', lastRunAt: null, lastSuccessAt: null, lastRunId: null,
    lastSuccessRunId: null, tests: [], parentIds, upstreamSources: [], ...extra,
  });

  it('takes a parent of another project that is not in the index as a cross-project ref (dbt Core artifacts)', () => {
    const [a, b] = withUpstreamSources([
      node('model.finance.a', ['model.shop.orders', 'model.finance.missing']),
      node('model.finance.b', ['model.finance.a']),
    ]);
    expect(a!.upstreamExternal).toEqual([{ uniqueId: 'model.shop.orders', project: 'shop', environmentId: null }]);
    expect(b!.upstreamExternal).toEqual(a!.upstreamExternal);
  });

  it('keeps what the Discovery API said about the parent (its environment)', () => {
    const [a] = withUpstreamSources([
      node('model.finance.a', ['model.shop.orders'], { externalParents: [{ uniqueId: 'model.shop.orders', project: 'shop', environmentId: '42' }] }),
    ]);
    expect(a!.upstreamExternal).toEqual([{ uniqueId: 'model.shop.orders', project: 'shop', environmentId: '42' }]);
  });

  it('leaves a node without other projects upstream as it was', () => {
    const [a] = withUpstreamSources([node('model.finance.a', [])]);
    expect(a).not.toHaveProperty('upstreamExternal');
  });
});
