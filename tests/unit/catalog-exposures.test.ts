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

describe("the demo project's exposures, hand-written and automatic", () => {
  let demo: MockDiscovery;
  const { exposures } = DEMO_FACTS;
  beforeAll(async () => {
    demo = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: TOKEN, environmentId: ENV });
  });
  afterAll(() => demo.close());

  async function syncedDemo() {
    const build = createSetupBuilder({ gate: new RequestGate(), sleep: async () => {} });
    const catalog = createCatalogService({
      loadSetup: async () =>
        build({ settings: { ...DEFAULT_SETTINGS, serviceToken: TOKEN, environmentId: ENV }, endpoint: demo.url, appOrigin: null, locked: [], problems: [], warnings: [] }),
      store: idbIndexStore,
      readStatus: async () => INITIAL_SYNC_STATUS,
      publishStatus: async () => {},
      renderMarkdown: (md) => md,
      now: () => new Date(),
    });
    await catalog.sync();
    return async (url: string) => {
      const answer = await catalog.exposuresForUrl(url);
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value;
    };
  }

  it('keeps the automatic ones out of the manifest, as dbt does, and serves both through the API', async () => {
    const artifacts = generateDemoProject({ now: new Date() });
    const written = Object.keys(artifacts.manifest.exposures ?? {});
    expect(written).toContain(exposures.finance_close!.uniqueId);
    expect(written).not.toContain(exposures.weekly_orders_overview!.uniqueId);
    expect(artifacts.automaticExposures?.map((e) => e.unique_id)).toContain(exposures.weekly_orders_overview!.uniqueId);
    const forPage = await syncedDemo();
    expect((await forPage(exposures.weekly_orders_overview!.url!)).map((e) => e.uniqueId)).toEqual([exposures.weekly_orders_overview!.uniqueId]);
  });

  it('finds a Tableau view by site, workbook and view; another view on the same site is another dashboard', async () => {
    const forPage = await syncedDemo();
    const [overview, ...more] = await forPage('https://prod-useast-b.online.tableau.com/#/site/acme/views/WeeklyOrders/Overview?:iid=1');
    expect(more).toEqual([]);
    expect(overview!.parents.map((p) => p.uniqueId).sort()).toEqual([...exposures.weekly_orders_overview!.parents].sort());
    // orders has a failing test: by dbt's exposure criteria the view is degraded.
    expect(overview!.verdict.health).toBe('degraded');
    expect(overview!.verdict.reasons.map((r) => r.text).join()).toContain(DEMO_FACTS.failingTest.name);
    expect(await forPage('https://prod-useast-b.online.tableau.com/#/site/acme/views/WeeklyOrders/ByRegion')).toEqual([]);
    expect(await forPage('https://prod-useast-b.online.tableau.com/#/site/acme/workbooks/123/views')).toEqual([]);
  });

  it("gives the exposure's own verdict: a model built 45 days ago passes dbt's exposure criteria", async () => {
    const forPage = await syncedDemo();
    const [mix] = await forPage(exposures.marketing_channel_mix!.url!);
    expect(mix!.parents.find((p) => p.uniqueId === DEMO_FACTS.staleModel.uniqueId)?.verdict.health).toBe('caution');
    expect(mix!.verdict.health).toBe('healthy');
  });

  it('finds a hand-written Metabase exposure from the slugged, filtered page URL, with its source freshness warning', async () => {
    const forPage = await syncedDemo();
    const [close] = await forPage('https://acme.metabaseapp.com/dashboard/12-finance-close?tab=3&month=2026-10');
    expect(close!.uniqueId).toBe(exposures.finance_close!.uniqueId);
    expect(close!.parents.map((p) => p.uniqueId).sort()).toEqual([...exposures.finance_close!.parents].sort());
    expect(close!.verdict).toMatchObject({ health: 'caution' });
    expect(close!.verdict.reasons.map((r) => r.text).join()).toContain('stripe.disputes');
    expect(await forPage('https://acme.metabaseapp.com/dashboard/7-weekly-orders')).toEqual([]);
  });

  it('finds an automatic Power BI exposure from any page of the report, opened from My workspace', async () => {
    const forPage = await syncedDemo();
    const [report] = await forPage('https://app.powerbi.com/groups/me/reports/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b/ReportSection2?experience=power-bi');
    expect(report!.uniqueId).toBe(exposures.finance_overview!.uniqueId);
    expect(report!.parents.map((p) => p.uniqueId).sort()).toEqual([...exposures.finance_overview!.parents].sort());
  });
});
