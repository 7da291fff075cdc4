// @vitest-environment node
/**
 * Exposures from the mock Discovery API into the index, and the catalog's answer for a page URL:
 * each exposure declared for that dashboard, with the nodes it is built on as candidates.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleBackgroundMessage } from '../../lib/background/router';
import { createSetupBuilder } from '../../lib/background/sources';
import { createCatalogService } from '../../lib/catalog/catalog-service';
import { idbIndexStore } from '../../lib/catalog/index-store';
import { INITIAL_SYNC_STATUS } from '../../lib/catalog/sync-status';
import { DEFAULT_SETTINGS } from '../../lib/config/settings';
import { RequestGate } from '../../lib/discovery/request-gate';
import type { ManifestExposure } from '../support/dbt-artifacts';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';

const TOKEN = 'dbtc_exposures';
const ENV = '70403103985022';
let mock: MockDiscovery;

const exposure = (name: string, url: string | null, parents: string[]): ManifestExposure => ({
  unique_id: `exposure.demo_shop.${name}`, name, type: 'dashboard', url, label: name, package_name: 'demo_shop',
  original_file_path: 'models/exposures.yml', fqn: ['demo_shop', name], tags: [], meta: {}, description: '',
  owner: { name: 'Finance', email: 'finance@example.com' }, depends_on: { nodes: parents },
});

beforeAll(async () => {
  const artifacts = generateDemoProject({ now: new Date() });
  artifacts.manifest.exposures = {
    'exposure.demo_shop.weekly_revenue': exposure('weekly_revenue', 'https://app.mode.com/acme/reports/4f2a1c8e', [DEMO_FACTS.healthyModel, DEMO_FACTS.failingTest.model]),
    'exposure.demo_shop.churn_notebook': exposure('churn_notebook', null, [DEMO_FACTS.healthyModel]),
  };
  mock = await startMockDiscovery({ artifacts, token: TOKEN, environmentId: ENV });
});
afterAll(() => mock.close());

function service() {
  const build = createSetupBuilder({ gate: new RequestGate(), sleep: async () => {} });
  return createCatalogService({
    loadSetup: async () =>
      build({
        settings: { ...DEFAULT_SETTINGS, serviceToken: TOKEN, environmentId: ENV },
        endpoint: mock.url, appOrigin: null, locked: [], problems: [], warnings: [],
      }),
    store: idbIndexStore,
    readStatus: async () => INITIAL_SYNC_STATUS,
    publishStatus: async () => {},
    renderMarkdown: (md) => md,
    now: () => new Date(),
  });
}

describe('exposures for a page', () => {
  it('answers the dashboard\'s exposures with their parents\' verdicts, whatever the query string', async () => {
    const catalog = service();
    await catalog.sync();
    const answer = await catalog.exposuresForUrl('https://app.mode.com/acme/reports/4f2a1c8e/?param_week=12#chart');
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value).toHaveLength(1);
    const [weekly] = answer.value;
    expect(weekly).toMatchObject({ uniqueId: 'exposure.demo_shop.weekly_revenue', exposureType: 'dashboard', url: 'https://app.mode.com/acme/reports/4f2a1c8e' });
    expect(weekly!.parents.map((p) => p.uniqueId).sort()).toEqual([DEMO_FACTS.failingTest.model, DEMO_FACTS.healthyModel].sort());
    expect(weekly!.parents.find((p) => p.uniqueId === DEMO_FACTS.failingTest.model)?.verdict.health).toBe('degraded');
    expect((await catalog.exposuresForUrl('https://app.mode.com/acme/reports/other')).ok && (await catalog.exposuresForUrl('https://app.mode.com/acme/reports/other'))).toEqual({ ok: true, value: [] });
  });

  it('is a content script\'s question, answered in Result shape, never with a throw', async () => {
    const catalog = service();
    const answer = await handleBackgroundMessage(catalog, { type: 'pageExposures', url: 'https://app.mode.com/acme/reports/4f2a1c8e' }, 'contentScript');
    expect(answer.ok && (answer.value as unknown[]).length).toBe(1);
    const foreign = await handleBackgroundMessage(catalog, { type: 'pageExposures', url: 'https://x' }, 'foreign');
    expect(foreign.ok || foreign.error.kind).toBe('forbiddenSender');
    const junk = await handleBackgroundMessage(catalog, { type: 'pageExposures', url: 42 as unknown as string }, 'contentScript');
    expect(junk).toEqual({ ok: true, value: [] });
  });
});
