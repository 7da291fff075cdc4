// @vitest-environment node
/**
 * The verdicts on real dbt artifacts (the public jaffle shops), served by the mock Discovery API
 * and read by the extension's own sync: the mapping and the rules together. The artifacts are
 * copied and mutated here (a later run that fails, a failing test, a freshness result) since none
 * of them has a failure of its own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { computeHealth } from '../../lib/catalog/health';
import { syncFromSource } from '../../lib/catalog/sync';
import type { HealthVerdict, ModelSummary } from '../../lib/catalog/types';
import { createDiscoveryClient } from '../../lib/discovery/client';
import { RequestGate } from '../../lib/discovery/request-gate';
import { createDiscoverySource } from '../../lib/discovery/source';
import {
  loadArtifactsFromDir, type DbtArtifacts, type RunResult, type RunResultsArtifact, type SourcesArtifact,
} from '../support/dbt-artifacts';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';

const FIXTURES = new URL('../../../shared/fixtures/dbt-artifacts/', import.meta.url).pathname;
const TOKEN = 'dbtc_health_artifacts';
const ENV = '70403103985022';
let mock: MockDiscovery | null = null;
afterEach(async () => {
  await mock?.close();
  mock = null;
});

const bigquery = () => loadArtifactsFromDir(FIXTURES, 'bigquery-jaffle-shop');
const BUILD_AT = '2024-12-16T07:45:32.505887Z';
const hoursAfterBuild = (h: number) => new Date(Date.parse(BUILD_AT) + h * 3_600_000);

async function verdicts(artifacts: DbtArtifacts, now: Date): Promise<Map<string, { node: ModelSummary; verdict: HealthVerdict }>> {
  mock = await startMockDiscovery({ artifacts, token: TOKEN, environmentId: ENV });
  const client = createDiscoveryClient({ endpoint: mock.url, token: TOKEN, environmentId: ENV, gate: new RequestGate(), sleep: async () => {} });
  const result = await syncFromSource(createDiscoverySource({ client, endpoint: mock.url, links: { appOrigin: null, accountId: null } }));
  if (!result.ok) throw new Error(result.error.message);
  if (result.value.kind !== 'fetched') throw new Error('a first sync fetches');
  return new Map(result.value.nodes.map((node) => [node.uniqueId, { node, verdict: computeHealth(node, { now, staleAfterHours: null, locale: 'en' }) }]));
}

/** A later run of the same project: the real run's results with some statuses changed. */
function laterRun(base: RunResultsArtifact, hoursLater: number, change: (r: RunResult) => Partial<RunResult> | null): RunResultsArtifact {
  const at = (iso: string | null) => (iso ? new Date(Date.parse(iso) + hoursLater * 3_600_000).toISOString() : null);
  return {
    ...base,
    metadata: { ...base.metadata, generated_at: at(base.metadata.generated_at)!, invocation_id: `later-${hoursLater}` },
    results: base.results.map((r) => ({
      ...r,
      timing: r.timing.map((t) => ({ ...t, started_at: at(t.started_at), completed_at: at(t.completed_at) })),
      ...change(r),
    })),
  };
}

function withLaterRun(change: (r: RunResult) => Partial<RunResult> | null): DbtArtifacts {
  const artifacts = bigquery();
  const run = artifacts.runs[0]!;
  artifacts.runs.push({ runId: '70403112399042', jobDefinitionId: null, runResults: laterRun(run.runResults, 24, change) });
  return artifacts;
}

describe('verdicts on the real BigQuery jaffle shop build', () => {
  it('gives a tested, described model healthy and lists what the others lack', async () => {
    const all = await verdicts(bigquery(), hoursAfterBuild(1));
    expect(all.get('model.jaffle_shop.customers')!.verdict).toEqual({ health: 'healthy', reasons: [] });
    expect(all.get('model.jaffle_shop.stg_customers')!.verdict).toEqual({ health: 'caution', reasons: [{ health: 'caution', text: 'No description' }] });
    expect(all.get('model.jaffle_shop.daily_orders')!.verdict.reasons.map((r) => r.text)).toEqual(['No tests configured', 'No description']);
    expect(all.get('seed.jaffle_shop.raw_orders')!.verdict.health).toBe('caution');
  });

  it('says "not built in 30 days" when the build is 40 days old', async () => {
    const all = await verdicts(bigquery(), hoursAfterBuild(40 * 24));
    expect(all.get('model.jaffle_shop.customers')!.verdict.reasons.map((r) => r.text)).toEqual(['Not built in the last 30 days (last successful build last month)']);
  });

  it('after a later run that failed: degraded, and the last successful build keeps its time', async () => {
    const all = await verdicts(
      withLaterRun((r) => (r.unique_id === 'model.jaffle_shop.orders' ? { status: 'error', message: 'Database Error in model orders' } : null)),
      hoursAfterBuild(25),
    );
    const { node, verdict } = all.get('model.jaffle_shop.orders')!;
    expect(node.lastRunStatus).toBe('error');
    expect(node.lastRunAt).toBe(hoursAfterBuild(24).toISOString());
    expect(node.lastSuccessAt).toBe('2024-12-16T07:45:17.379968Z');
    expect(verdict.health).toBe('degraded');
    expect(verdict.reasons[0]!.text).toBe('Failed to build in its last run (1 hour ago)');
  });

  it('names a failing test with its column and failing rows, and a warning one', async () => {
    const all = await verdicts(
      withLaterRun((r) =>
        r.unique_id.startsWith('test.jaffle_shop.unique_orders_order_id') ? { status: 'fail', failures: 3 }
          : r.unique_id.startsWith('test.jaffle_shop.not_null_orders_amount') ? { status: 'warn', failures: 1 }
            : null,
      ),
      hoursAfterBuild(25),
    );
    expect(all.get('model.jaffle_shop.orders')!.verdict).toEqual({
      health: 'degraded',
      reasons: [
        { health: 'degraded', text: '1 test failing: unique_orders_order_id (column order_id, 3 rows)' },
        { health: 'caution', text: '1 test warning: not_null_orders_amount (column amount, 1 row)' },
      ],
    });
  });

  it('counts a reused model and reused tests as the results they reused', async () => {
    const reused = (r: RunResult) =>
      r.unique_id === 'model.jaffle_shop.customers' || r.unique_id.includes('customers_customer_id') ? { status: 'reused' } : null;
    const all = await verdicts(withLaterRun(reused), hoursAfterBuild(25));
    expect(all.get('model.jaffle_shop.customers')!.verdict).toEqual({ health: 'healthy', reasons: [] });
  });
});

describe('freshness on the real Snowflake jaffle shop sources', () => {
  /** The Snowflake manifest with every model built and tested an hour ago, and a freshness run. */
  function snowflake(freshness: (id: string) => { status: string; checkedHoursAgo: number } | null, now: Date): DbtArtifacts {
    const artifacts = loadArtifactsFromDir(FIXTURES, 'snowflake-jaffle-shop');
    const at = new Date(now.getTime() - 3_600_000).toISOString();
    const results = Object.values(artifacts.manifest.nodes)
      .filter((n) => ['model', 'seed', 'test'].includes(n.resource_type))
      .map((n): RunResult => ({
        unique_id: n.unique_id, status: n.resource_type === 'test' ? 'pass' : 'success', thread_id: 'Thread-1', execution_time: 1,
        adapter_response: {}, message: null, failures: n.resource_type === 'test' ? 0 : null,
        timing: [{ name: 'execute', started_at: at, completed_at: at }],
      }));
    artifacts.runs.push({ runId: '70403112345001', jobDefinitionId: null, runResults: { metadata: { dbt_version: '1.11.11', generated_at: at, invocation_id: 'build' }, results, elapsed_time: 60 } });
    const checked: SourcesArtifact = { metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json', generated_at: at, invocation_id: 'fresh' }, results: [], elapsed_time: 3 };
    for (const source of Object.values(artifacts.manifest.sources)) {
      const outcome = freshness(source.unique_id);
      if (!outcome) continue;
      source.freshness = { warn_after: { count: 12, period: 'hour' }, error_after: { count: 24, period: 'hour' }, filter: null };
      checked.results.push({ unique_id: source.unique_id, status: outcome.status, max_loaded_at: new Date(now.getTime() - 30 * 3_600_000).toISOString(), snapshotted_at: at });
      checked.metadata.generated_at = new Date(now.getTime() - outcome.checkedHoursAgo * 3_600_000).toISOString();
    }
    artifacts.freshness = { runId: '70403112399057', jobDefinitionId: null, sources: checked };
    return artifacts;
  }
  const NOW = new Date('2026-11-28T12:00:00Z');

  it('leaves models alone when their sources have no freshness check (dbt: not applicable), and cautions the sources', async () => {
    const all = await verdicts(snowflake(() => null, NOW), NOW);
    expect(all.get('model.jaffle_shop.stg_orders')!.node.upstreamSources.map((s) => [s.name, s.configured])).toEqual([['ecom.raw_orders', false]]);
    expect(all.get('model.jaffle_shop.stg_orders')!.verdict.reasons.map((r) => r.text)).not.toContain(expect.stringMatching(/^Source/));
    expect(all.get('source.jaffle_shop.ecom.raw_orders')!.verdict).toEqual({ health: 'caution', reasons: [{ health: 'caution', text: 'No freshness check configured' }] });
    expect(all.get('source.jaffle_shop.ecom.raw_stores')!.verdict.reasons.map((r) => r.text)).toEqual(['No freshness check configured', 'No description']);
  });

  it('degrades a model downstream of a freshness error, with status, last load and last check', async () => {
    const all = await verdicts(snowflake((id) => (id.endsWith('raw_orders') ? { status: 'error', checkedHoursAgo: 2 } : null), NOW), NOW);
    expect(all.get('source.jaffle_shop.ecom.raw_orders')!.verdict.health).toBe('degraded');
    const staging = all.get('model.jaffle_shop.stg_orders')!.verdict;
    expect(staging.health).toBe('degraded');
    expect(staging.reasons.map((r) => r.text)).toContain('Source ecom.raw_orders: freshness error, last loaded yesterday, last checked 2 hours ago');
  });

  it('degrades a model whose source check is 40 days old, and cautions the source', async () => {
    const all = await verdicts(snowflake((id) => (id.endsWith('raw_items') ? { status: 'pass', checkedHoursAgo: 40 * 24 } : null), NOW), NOW);
    expect(all.get('source.jaffle_shop.ecom.raw_items')!.verdict.health).toBe('caution');
    const staging = all.get('model.jaffle_shop.stg_order_items')!.verdict;
    expect(staging.health).toBe('degraded');
    expect(staging.reasons[0]!.text).toMatch(/^Source ecom\.raw_items: freshness not checked in the last 30 days \(last result: fresh\)/);
  });
});
