/**
 * The index rules beyond plain names (docs/architecture.md, "Matching"): one physical table named
 * by a seed and a source is one candidate, a versioned model's bare name is its latest version,
 * upstream sources come from parents over the whole graph, and exposures are found by URL.
 */
import { describe, expect, it } from 'vitest';
import { ExposureIndex } from '../../lib/catalog/exposures';
import { ModelIndex } from '../../lib/catalog/model-index';
import type { Exposure, HealthVerdict, ModelSummary, ResourceType, SourceFreshness } from '../../lib/catalog/types';
import { withUpstreamSources } from '../../lib/catalog/upstream';

function node(uniqueId: string, resourceType: ResourceType, relation: string, extra: Partial<ModelSummary> = {}): ModelSummary {
  const [database, schema, alias] = relation.split('.') as [string, string, string];
  return {
    uniqueId, resourceType, name: uniqueId.split('.').pop()!, database, schema, alias, projectId: '1', hasDescription: true,
    lastRunStatus: 'success', lastRunAt: null, lastSuccessAt: null, lastRunId: null, lastSuccessRunId: null,
    tests: [], parentIds: [], upstreamSources: [], ...extra,
  };
}

const freshness = (uniqueId: string): SourceFreshness => ({
  uniqueId, name: uniqueId.split('.').slice(2).join('.'), status: 'pass', configured: true, maxLoadedAt: null, checkedAt: null,
});
const source = (uniqueId: string, relation: string) => node(uniqueId, 'source', relation, { upstreamSources: [freshness(uniqueId)] });
const healthy: HealthVerdict = { health: 'healthy', reasons: [] };

describe('one table named by a seed and a source', () => {
  const index = new ModelIndex([
    node('seed.shop.raw_orders', 'seed', 'raw.ecom.raw_orders'),
    source('source.shop.ecom.raw_orders', 'RAW.ECOM.RAW_ORDERS'),
  ]);

  it('is one candidate, the source (what downstream models read)', () => {
    for (const key of ['raw.ecom.raw_orders', 'ecom.raw_orders']) {
      const [match] = index.lookup([key], () => healthy);
      expect(match?.candidates.map((c) => c.uniqueId)).toEqual(['source.shop.ecom.raw_orders']);
    }
  });

  it('still finds the seed by its own name, and both by id for the card', () => {
    expect(index.lookup(['raw_orders'], () => healthy)[0]?.candidates.map((c) => c.uniqueId)).toEqual(['seed.shop.raw_orders']);
    expect(index.get('seed.shop.raw_orders')).toBeDefined();
  });
});

describe('versioned models', () => {
  const v1 = node('model.shop.dim_customers.v1', 'model', 'analytics.marts.dim_customers_v1', { name: 'dim_customers', version: '1', latestVersion: '2' });
  const v2 = node('model.shop.dim_customers.v2', 'model', 'analytics.marts.dim_customers', { name: 'dim_customers', version: '2', latestVersion: '2' });
  const index = new ModelIndex([v1, v2]);

  it('answers the bare name with the latest version only', () => {
    expect(index.lookup(['dim_customers'], () => healthy)[0]?.candidates.map((c) => c.uniqueId)).toEqual([v2.uniqueId]);
  });

  it('answers each version by its versioned name and its relation', () => {
    expect(index.lookup(['dim_customers_v1'], () => healthy)[0]?.candidates.map((c) => c.uniqueId)).toEqual([v1.uniqueId]);
    expect(index.lookup(['analytics.marts.dim_customers_v1'], () => healthy)[0]?.candidates.map((c) => c.uniqueId)).toEqual([v1.uniqueId]);
  });
});

describe('upstream sources from parents', () => {
  it('follows parents through models to every source, once each, and survives a cycle', () => {
    const nodes = withUpstreamSources([
      source('source.shop.ecom.orders', 'raw.ecom.orders'),
      source('source.shop.ecom.items', 'raw.ecom.items'),
      node('model.shop.stg_orders', 'model', 'a.s.stg_orders', { parentIds: ['source.shop.ecom.orders'] }),
      node('model.shop.stg_items', 'model', 'a.s.stg_items', { parentIds: ['source.shop.ecom.items', 'model.shop.loop'] }),
      node('model.shop.loop', 'model', 'a.s.loop', { parentIds: ['model.shop.stg_items'] }),
      node('model.shop.orders', 'model', 'a.m.orders', { parentIds: ['model.shop.stg_orders', 'model.shop.stg_items', 'model.elsewhere.unknown'] }),
    ]);
    const orders = nodes.find((n) => n.uniqueId === 'model.shop.orders')!;
    expect(orders.upstreamSources.map((s) => s.uniqueId)).toEqual(['source.shop.ecom.items', 'source.shop.ecom.orders']);
    const source0 = nodes.find((n) => n.uniqueId === 'source.shop.ecom.orders')!;
    expect(source0.upstreamSources.map((s) => s.uniqueId)).toEqual(['source.shop.ecom.orders']);
  });
});

describe('exposures by URL', () => {
  const exposure = (uniqueId: string, url: string | null): Exposure => ({
    uniqueId, name: uniqueId.split('.').pop()!, url, exposureType: 'dashboard', projectId: '1', parentIds: ['model.shop.orders'],
  });
  const index = new ExposureIndex([
    exposure('exposure.shop.weekly', 'https://app.mode.com/acme/reports/4f2a1c/'),
    exposure('exposure.shop.nourl', null),
    exposure('exposure.shop.notes', 'not a url'),
  ]);

  it('matches host and path; ignores the query, the fragment, a trailing slash and host case', () => {
    for (const url of [
      'https://app.mode.com/acme/reports/4f2a1c',
      'https://APP.MODE.COM/acme/reports/4f2a1c/?tab=2#chart-3',
    ]) {
      expect(index.forUrl(url).map((e) => e.uniqueId)).toEqual(['exposure.shop.weekly']);
    }
  });

  it('tells another path or another host apart, and skips an exposure without a usable url', () => {
    expect(index.forUrl('https://app.mode.com/acme/reports/4f2a1c/runs')).toEqual([]);
    expect(index.forUrl('https://other.mode.com/acme/reports/4f2a1c')).toEqual([]);
    expect(index.forUrl('not a url')).toEqual([]);
    expect(index.forUrl('javascript:alert(1)')).toEqual([]);
  });
});
