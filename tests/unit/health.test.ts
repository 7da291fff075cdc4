import { describe, expect, it } from 'vitest';
import { computeHealth } from '../../lib/catalog/health';
import type { ModelSummary } from '../../lib/catalog/types';

const now = new Date('2026-11-28T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

function model(overrides: Partial<ModelSummary> = {}): ModelSummary {
  return {
    uniqueId: 'model.shop.customers',
    resourceType: 'model',
    name: 'customers',
    database: 'ANALYTICS',
    schema: 'marts',
    alias: 'customers',
    projectId: '70403103985021',
    hasDescription: true,
    lastRunStatus: 'success',
    lastRunAt: hoursAgo(2),
    lastSuccessAt: hoursAgo(2),
    lastRunId: '9001',
    lastSuccessRunId: '9001',
    tests: [
      { uniqueId: 'test.shop.unique_customers_customer_id', name: 'unique_customers_customer_id', status: 'pass' },
      { uniqueId: 'test.shop.not_null_customers_customer_id', name: 'not_null_customers_customer_id', status: 'pass' },
    ],
    upstreamSources: [{ uniqueId: 'source.shop.ecom.raw_customers', name: 'ecom.raw_customers', status: 'pass', maxLoadedAt: hoursAgo(1), checkedAt: null }],
    parentIds: ['source.shop.ecom.raw_customers'],
    ...overrides,
  };
}

const verdict = (m: ModelSummary, staleAfterHours: number | null = null) =>
  computeHealth(m, { now, staleAfterHours, locale: 'en' });

describe('computeHealth', () => {
  it('calls a built, tested, described model with fresh sources healthy, with no reasons', () => {
    expect(verdict(model())).toEqual({ health: 'healthy', reasons: [] });
  });

  it('marks a model degraded when it failed to build in its last run', () => {
    const v = verdict(model({ lastRunStatus: 'error', lastSuccessAt: hoursAgo(30) }));
    expect(v.health).toBe('degraded');
    expect(v.reasons[0]!.text).toBe('Failed to build in its last run');
  });

  it('marks a model degraded when a test failed or errored, naming the tests', () => {
    const v = verdict(
      model({
        tests: [
          { uniqueId: 't1', name: 'not_null_orders_id', status: 'fail' },
          { uniqueId: 't2', name: 'unique_orders_id', status: 'error' },
          { uniqueId: 't3', name: 'accepted_values_orders_status', status: 'pass' },
        ],
      }),
    );
    expect(v.health).toBe('degraded');
    expect(v.reasons.map((r) => r.text)).toContain('2 tests failing: not_null_orders_id, unique_orders_id');
  });

  it('marks a model degraded when an upstream source freshness check is in error', () => {
    const v = verdict(
      model({ upstreamSources: [{ uniqueId: 's', name: 'ecom.raw_orders', status: 'error', maxLoadedAt: hoursAgo(72), checkedAt: null }] }),
    );
    expect(v.health).toBe('degraded');
    expect(v.reasons[0]!.text).toBe('Source ecom.raw_orders: freshness error, last loaded 3 days ago');
  });

  it.each([
    ['not built in the last 30 days', model({ lastRunAt: hoursAgo(45 * 24), lastSuccessAt: hoursAgo(45 * 24) }), /Not built in the last 30 days/],
    ['no tests configured', model({ tests: [] }), /No tests configured/],
    ['a test warned', model({ tests: [{ uniqueId: 't', name: 'freshness_like_test', status: 'warn' }] }), /1 test warning: freshness_like_test/],
    ['an upstream source warned', model({ upstreamSources: [{ uniqueId: 's', name: 'stripe.payments', status: 'warn', maxLoadedAt: null, checkedAt: null }] }), /Source stripe.payments: freshness warning$/],
    ['it has no description', model({ hasDescription: false }), /No description/],
  ])('gives caution when %s', (_what, m, reason) => {
    const v = verdict(m);
    expect(v.health).toBe('caution');
    expect(v.reasons.map((r) => r.text).join('\n')).toMatch(reason);
  });

  it('applies staleAfterHours only when it is set', () => {
    const m = model({ lastRunAt: hoursAgo(30), lastSuccessAt: hoursAgo(30) });
    expect(verdict(m).health).toBe('healthy');
    const v = verdict(m, 24);
    expect(v.health).toBe('caution');
    expect(v.reasons[0]!.text).toBe('Last successful build yesterday, older than 24 h');
  });

  it('lists degraded reasons before caution reasons', () => {
    const v = verdict(model({ hasDescription: false, lastRunStatus: 'error' }));
    expect(v.reasons.map((r) => r.health)).toEqual(['degraded', 'caution']);
  });

  it('calls a never-run model unknown', () => {
    expect(verdict(model({ lastRunStatus: null, lastRunAt: null, lastSuccessAt: null })).health).toBe('unknown');
  });

  it('counts a reused node (state-aware orchestration) as built', () => {
    expect(verdict(model({ lastRunStatus: 'reused' })).health).toBe('healthy');
  });

  describe('a source', () => {
    const source = (status: 'pass' | 'warn' | 'error' | null) =>
      model({
        uniqueId: 'source.shop.ecom.raw_orders',
        resourceType: 'source',
        lastRunStatus: null,
        lastRunAt: null,
        upstreamSources: [{ uniqueId: 'source.shop.ecom.raw_orders', name: 'ecom.raw_orders', status, maxLoadedAt: hoursAgo(5), checkedAt: null }],
      });
    it.each([
      ['error', 'degraded'],
      ['warn', 'caution'],
      ['pass', 'healthy'],
      [null, 'unknown'],
    ] as const)('maps freshness %s to %s', (status, health) => {
      expect(verdict(source(status)).health).toBe(health);
    });
  });
});

describe('tests that did not run', () => {
  it('keep a model from being healthy: all its tests must have passed', () => {
    const v = computeHealth(
      {
        uniqueId: 'model.shop.orders', resourceType: 'model', name: 'orders', database: 'ANALYTICS', schema: 'marts', alias: 'orders',
        projectId: '1', hasDescription: true, lastRunStatus: 'success', lastRunAt: now.toISOString(), lastSuccessAt: now.toISOString(),
        lastRunId: '1', lastSuccessRunId: '1', parentIds: [], upstreamSources: [],
        tests: [
          { uniqueId: 't1', name: 'unique_orders_order_id', status: 'pass' },
          { uniqueId: 't2', name: 'not_null_orders_order_id', status: null },
          { uniqueId: 't3', name: 'relationships_orders_customer_id', status: 'skipped' },
        ],
      },
      { now, staleAfterHours: null, locale: 'en' },
    );
    expect(v).toEqual({
      health: 'caution',
      reasons: [{ health: 'caution', text: '2 tests not run: not_null_orders_order_id, relationships_orders_customer_id' }],
    });
  });
});
