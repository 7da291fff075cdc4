import { describe, expect, it } from 'vitest';
import { computeExposureHealth, computeHealth, worstHealth } from '../../lib/catalog/health';
import type { Health, ModelSummary, SourceFreshness, TestResult } from '../../lib/catalog/types';
import { mapMaterializedNode, mapSourceNode, type RawMaterializedNode, type RawSourceNode } from '../../lib/discovery/map';

const now = new Date('2026-11-28T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const daysAgo = (d: number) => hoursAgo(d * 24);

const test = (name: string, status: TestResult['status'], extra: Partial<TestResult> = {}): TestResult => ({
  uniqueId: `test.shop.${name}`, name, status, columnName: null, failures: null, ...extra,
});
const source = (name: string, extra: Partial<SourceFreshness> = {}): SourceFreshness => ({
  uniqueId: `source.shop.${name}`, name, status: 'pass', configured: true, maxLoadedAt: hoursAgo(1), checkedAt: hoursAgo(1), ...extra,
});

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
    tests: [test('unique_customers_customer_id', 'pass', { columnName: 'customer_id' }), test('not_null_customers_customer_id', 'pass')],
    upstreamSources: [source('ecom.raw_customers')],
    parentIds: ['source.shop.ecom.raw_customers'],
    ...overrides,
  };
}

const verdict = (m: ModelSummary, staleAfterHours: number | null = null) => computeHealth(m, { now, staleAfterHours, locale: 'en' });
const texts = (m: ModelSummary, staleAfterHours: number | null = null) => verdict(m, staleAfterHours).reasons.map((r) => r.text);

/**
 * Every model criterion dbt documents (and Docent's staleAfterHours), each as a change to a healthy
 * model, the verdict it alone gives and the reason the card must list for it.
 */
interface Criterion { what: string; change: Partial<ModelSummary>; health: Exclude<Health, 'healthy'>; reason: RegExp; staleAfterHours?: number }
const MODEL_CRITERIA: Criterion[] = [
  { what: 'failed to build in its last run', change: { lastRunStatus: 'error', lastRunAt: hoursAgo(1) }, health: 'degraded', reason: /^Failed to build in its last run \(1 hour ago\)$/ },
  { what: 'a test failed', change: { tests: [test('not_null_orders_id', 'fail', { columnName: 'order_id', failures: 3 })] }, health: 'degraded', reason: /^1 test failing: not_null_orders_id \(column order_id, 3 rows\)$/ },
  { what: 'a test errored', change: { tests: [test('unique_orders_id', 'error', { columnName: 'order_id' })] }, health: 'degraded', reason: /^1 test failing: unique_orders_id \(column order_id, errored\)$/ },
  { what: 'an upstream source freshness errored', change: { upstreamSources: [source('ecom.raw_orders', { status: 'error', maxLoadedAt: daysAgo(3), checkedAt: hoursAgo(2) })] }, health: 'degraded', reason: /^Source ecom\.raw_orders: freshness error, last loaded 3 days ago, last checked 2 hours ago$/ },
  { what: 'an upstream source check has not run for 40 days', change: { upstreamSources: [source('ecom.raw_items', { checkedAt: daysAgo(40), maxLoadedAt: daysAgo(41) })] }, health: 'degraded', reason: /^Source ecom\.raw_items: freshness not checked in the last 30 days \(last result: fresh\), last loaded last month, last checked last month$/ },
  { what: 'an upstream source check never ran', change: { upstreamSources: [source('ecom.raw_items', { status: null, checkedAt: null, maxLoadedAt: null })] }, health: 'degraded', reason: /^Source ecom\.raw_items: freshness not checked in the last 30 days, never checked$/ },
  { what: 'not built in the last 30 days', change: { lastRunAt: daysAgo(45), lastSuccessAt: daysAgo(45) }, health: 'caution', reason: /^Not built in the last 30 days \(last successful build last month\)$/ },
  { what: 'no tests configured', change: { tests: [] }, health: 'caution', reason: /^No tests configured$/ },
  { what: 'a test warned', change: { tests: [test('row_count_orders', 'warn', { failures: 12 })] }, health: 'caution', reason: /^1 test warning: row_count_orders \(12 rows\)$/ },
  { what: 'a test was skipped', change: { tests: [test('not_null_orders_id', 'skipped')] }, health: 'caution', reason: /^1 test skipped: not_null_orders_id$/ },
  { what: 'a test never ran', change: { tests: [test('not_null_orders_id', null)] }, health: 'caution', reason: /^1 test not run: not_null_orders_id$/ },
  { what: 'an upstream source warned in a recent check', change: { upstreamSources: [source('stripe.payments', { status: 'warn', maxLoadedAt: hoursAgo(30), checkedAt: hoursAgo(1) })] }, health: 'caution', reason: /^Source stripe\.payments: freshness warning, last loaded yesterday, last checked 1 hour ago$/ },
  { what: 'it has no description', change: { hasDescription: false }, health: 'caution', reason: /^No description$/ },
  { what: 'it was skipped in its last run', change: { lastRunStatus: 'skipped' }, health: 'caution', reason: /^Skipped in its last run/ },
  { what: 'its last build is older than staleAfterHours', change: { lastRunAt: hoursAgo(30), lastSuccessAt: hoursAgo(30) }, staleAfterHours: 24, health: 'caution', reason: /^Last successful build yesterday, older than 24 h$/ },
];

describe('model health: every criterion alone', () => {
  it('calls a built, tested, described model with fresh sources healthy, with no reasons', () => {
    expect(verdict(model())).toEqual({ health: 'healthy', reasons: [] });
  });

  it.each(MODEL_CRITERIA.map((c) => [c.what, c] as const))('%s', (_what, c) => {
    const v = verdict(model(c.change), c.staleAfterHours ?? null);
    expect(v.health).toBe(c.health);
    expect(v.reasons).toHaveLength(1);
    expect(v.reasons[0]!.text).toMatch(c.reason);
  });
});

describe('model health: criteria in combination', () => {
  // Two criteria that change the same field cannot both hold; every other pair is checked.
  const pairs = MODEL_CRITERIA.flatMap((a, i) =>
    MODEL_CRITERIA.slice(i + 1)
      .filter((b) => !Object.keys(a.change).some((k) => k in b.change))
      .map((b) => [`${a.what} + ${b.what}`, a, b] as const),
  );

  it.each(pairs)('%s: the worse verdict, both reasons, worst first', (_what, a, b) => {
    const v = verdict(model({ ...a.change, ...b.change }), a.staleAfterHours ?? b.staleAfterHours ?? null);
    expect(v.health).toBe(worstHealth([a.health, b.health]));
    expect(v.reasons.some((r) => a.reason.test(r.text))).toBe(true);
    expect(v.reasons.some((r) => b.reason.test(r.text))).toBe(true);
    expect(v.reasons[0]!.health).toBe(v.health);
  });

  it('lists every reason at once when everything is wrong', () => {
    const v = verdict(model({
      lastRunStatus: 'error',
      lastSuccessAt: daysAgo(45),
      hasDescription: false,
      tests: [test('a', 'fail'), test('b', 'warn'), test('c', 'skipped')],
      upstreamSources: [source('s.err', { status: 'error' }), source('s.warn', { status: 'warn' }), source('s.old', { checkedAt: daysAgo(31) })],
    }));
    expect(v.health).toBe('degraded');
    expect(v.reasons.map((r) => r.health)).toEqual(['degraded', 'degraded', 'degraded', 'degraded', 'caution', 'caution', 'caution', 'caution', 'caution']);
  });
});

describe('model health: what is not a problem', () => {
  it('ignores an upstream source whose freshness is set to null (not applicable)', () => {
    expect(verdict(model({ upstreamSources: [source('ecom.raw_x', { configured: false, status: null, checkedAt: null })] })).health).toBe('healthy');
  });

  it('counts a reused build (state-aware orchestration) as the build it reused', () => {
    expect(verdict(model({ lastRunStatus: 'reused' }))).toEqual({ health: 'healthy', reasons: [] });
  });

  it('judges "built in the last 30 days" by the last successful build, not the last attempt', () => {
    expect(texts(model({ lastRunStatus: 'error', lastRunAt: hoursAgo(1), lastSuccessAt: daysAgo(40) }))).toEqual([
      'Failed to build in its last run (1 hour ago)',
      'Not built in the last 30 days (last successful build last month)',
    ]);
  });

  it('calls a model no job has run unknown', () => {
    expect(verdict(model({ lastRunStatus: null, lastRunAt: null, lastSuccessAt: null })).health).toBe('unknown');
  });

  it('names at most three tests per reason, and says how many more', () => {
    const tests = ['a', 'b', 'c', 'd', 'e'].map((n) => test(`not_null_${n}`, 'fail'));
    expect(texts(model({ tests }))).toEqual(['5 tests failing: not_null_a, not_null_b, not_null_c, and 2 more']);
  });
});

describe('reasons with the doc card\'s particulars', () => {
  it('adds the first lines of the build error and of each failing test\'s message', () => {
    const v = computeHealth(
      model({ lastRunStatus: 'error', tests: [test('not_null_orders_id', 'fail', { columnName: 'order_id', failures: 3 })] }),
      { now, staleAfterHours: null, locale: 'en' },
      {
        lastRunError: '\nDatabase Error in model customers\n  column "x" does not exist\n  LINE 3: select x\ncompiled code at target/…',
        testErrors: { 'test.shop.not_null_orders_id': 'Got 3 results, configured to fail if != 0' },
      },
    );
    expect(v.reasons.map((r) => r.detail)).toEqual([
      'Database Error in model customers\ncolumn "x" does not exist\nLINE 3: select x',
      'not_null_orders_id: Got 3 results, configured to fail if != 0',
    ]);
  });
});

describe('upstream models that are degraded are information, not the verdict', () => {
  const staging = model({ uniqueId: 'model.shop.stg_orders', name: 'stg_orders', lastRunStatus: 'error', parentIds: ['seed.shop.raw'] });
  const seed = model({ uniqueId: 'seed.shop.raw', resourceType: 'seed', name: 'raw', tests: [test('t', 'fail')], parentIds: [] });
  const index = new Map([staging, seed].map((n) => [n.uniqueId, n]));
  const mart = model({ parentIds: ['model.shop.stg_orders'] });

  it('lists each degraded ancestor with its first reason, and keeps the model\'s own verdict', () => {
    const v = computeHealth(mart, { now, staleAfterHours: null, locale: 'en', lookup: (id) => index.get(id) });
    expect(v.health).toBe('healthy');
    expect(v.upstream).toEqual([
      'Upstream model stg_orders is degraded: Failed to build in its last run (2 hours ago)',
      'Upstream seed raw is degraded: 1 test failing: t',
    ]);
  });

  it('survives a cycle in the parents', () => {
    const a = model({ uniqueId: 'model.shop.a', parentIds: ['model.shop.b'] });
    const b = model({ uniqueId: 'model.shop.b', parentIds: ['model.shop.a'], lastRunStatus: 'error' });
    const all = new Map([a, b].map((n) => [n.uniqueId, n]));
    expect(computeHealth(a, { now, staleAfterHours: null, lookup: (id) => all.get(id) }).upstream).toHaveLength(1);
  });
});

describe('source health', () => {
  const src = (freshness: Partial<SourceFreshness>, hasDescription = true): ModelSummary =>
    model({
      uniqueId: 'source.shop.ecom.raw_orders', resourceType: 'source', name: 'raw_orders', lastRunStatus: null, lastRunAt: null, lastSuccessAt: null,
      hasDescription, tests: [], parentIds: [],
      upstreamSources: [source('ecom.raw_orders', { maxLoadedAt: hoursAgo(5), checkedAt: hoursAgo(1), ...freshness })],
    });

  it.each([
    ['a passing, recent check and a description', src({ status: 'pass' }), 'healthy', []],
    ['a freshness error', src({ status: 'error' }), 'degraded', ['Source ecom.raw_orders: freshness error, last loaded 5 hours ago, last checked 1 hour ago']],
    ['a freshness warning', src({ status: 'warn' }), 'caution', ['Source ecom.raw_orders: freshness warning, last loaded 5 hours ago, last checked 1 hour ago']],
    ['no freshness check configured', src({ configured: false, status: null, checkedAt: null }), 'caution', ['No freshness check configured']],
    ['a check that has not run for 31 days', src({ status: 'pass', checkedAt: daysAgo(31) }), 'caution', [expect.stringMatching(/^Source ecom\.raw_orders: freshness not checked in the last 30 days/)]],
    ['no description', src({ status: 'pass' }, false), 'caution', ['No description']],
    ['an error and no description', src({ status: 'error' }, false), 'degraded', [expect.stringMatching(/freshness error/), 'No description']],
  ] as const)('%s', (_what, node, health, reasons) => {
    const v = verdict(node);
    expect(v.health).toBe(health);
    expect(v.reasons.map((r) => r.text)).toEqual(reasons);
  });
});

describe('exposure health', () => {
  const orders = model({ uniqueId: 'model.shop.orders', name: 'orders' });
  const nodes = (...list: ModelSummary[]) => new Map(list.map((n) => [n.uniqueId, n]));
  const exposure = (index: Map<string, ModelSummary>) =>
    computeExposureHealth({ parentIds: [...index.keys()] }, (id) => index.get(id), { now, locale: 'en' });

  it.each([
    ['models built, tests passing, sources fresh', nodes(orders), 'healthy', []],
    ['an underlying model failed to build', nodes(orders, model({ uniqueId: 'model.shop.x', name: 'x', lastRunStatus: 'error' })), 'degraded', ['Model x: failed to build']],
    ['an underlying model\'s test failed', nodes(model({ tests: [test('not_null_id', 'fail', { columnName: 'id' })] })), 'degraded', ['Model customers: 1 test failing: not_null_id (column id)']],
    ['an underlying source errored', nodes(model({ upstreamSources: [source('ecom.raw', { status: 'error' })] })), 'degraded', [expect.stringMatching(/^Source ecom\.raw: freshness error/)]],
    ['an underlying model was skipped', nodes(model({ lastRunStatus: 'skipped' })), 'caution', ['Model customers: skipped in its last run']],
    ['an underlying model\'s test warned', nodes(model({ tests: [test('row_count', 'warn')] })), 'caution', ['Model customers: 1 test warning: row_count']],
    ['an underlying source warned', nodes(model({ upstreamSources: [source('ecom.raw', { status: 'warn' })] })), 'caution', [expect.stringMatching(/^Source ecom\.raw: freshness warning/)]],
    ['no parent is known', nodes(), 'unknown', ['None of the models it reads is known']],
  ] as const)('%s', (_what, index, health, reasons) => {
    const v = exposure(index);
    expect(v.health).toBe(health);
    expect(v.reasons.map((r) => r.text)).toEqual(reasons);
  });

  it('does not hold a missing description or missing tests against a dashboard', () => {
    expect(exposure(nodes(model({ hasDescription: false, tests: [] }))).health).toBe('healthy');
  });
});

describe('agrees with dbt Catalog where Docent used to disagree', () => {
  const rawSource = (freshness: RawSourceNode['freshness'], description: string | null): RawSourceNode => ({
    uniqueId: 'source.shop.ecom.raw_orders', name: 'raw_orders', sourceName: 'ecom', identifier: 'raw_orders', database: 'RAW', schema: 'ecom',
    projectId: 1, description, freshness, tests: [],
  });
  const unchecked = { freshnessStatus: null, maxLoadedAt: null, freshnessRunGeneratedAt: null, criteria: { warnAfter: { count: null }, errorAfter: { count: null } } };
  const passed60DaysAgo = { freshnessStatus: 'Pass', maxLoadedAt: daysAgo(60), freshnessRunGeneratedAt: daysAgo(60), criteria: { warnAfter: { count: 12 }, errorAfter: { count: 24 } } };

  it('a source with no freshness check: caution', () => {
    expect(verdict(mapSourceNode(rawSource(unchecked, 'Orders as loaded.'))).health).toBe('caution');
  });

  it('a source that passed freshness 60 days ago, with no description: caution', () => {
    const v = verdict(mapSourceNode(rawSource(passed60DaysAgo, null)));
    expect(v.health).toBe('caution');
    expect(v.reasons.map((r) => r.text)).toEqual([expect.stringMatching(/not checked in the last 30 days/), 'No description']);
  });

  it('a model whose upstream source\'s freshness check has not run for 40 days: degraded', () => {
    const upstream = source('ecom.raw_orders', { status: 'pass', checkedAt: daysAgo(40) });
    expect(verdict(model({ upstreamSources: [upstream] })).health).toBe('degraded');
  });

  it('a model with an old freshness warning upstream: degraded (the check is over 30 days old)', () => {
    const upstream = source('ecom.raw_orders', { status: 'warn', checkedAt: daysAgo(35) });
    expect(verdict(model({ upstreamSources: [upstream] })).health).toBe('degraded');
  });

  it('a test or run with status reused: the result it reused', () => {
    const raw: RawMaterializedNode = {
      uniqueId: 'model.shop.orders', name: 'orders', alias: 'orders', database: 'ANALYTICS', schema: 'marts', projectId: 1, description: 'Orders.',
      executionInfo: { lastRunStatus: 'reused', lastRunGeneratedAt: hoursAgo(1), executeCompletedAt: hoursAgo(26), lastRunId: 2, lastSuccessRunId: 1 },
      tests: [{ uniqueId: 'test.shop.not_null_orders_id', name: 'not_null_orders_id', columnName: 'order_id', executionInfo: { lastRunStatus: 'reused', lastSuccessRunId: 1 } }],
      parents: [],
    };
    expect(verdict(mapMaterializedNode(raw, 'model'))).toEqual({ health: 'healthy', reasons: [] });
  });
});
