// @vitest-environment node
/**
 * lib/artifacts on the real jaffle-shop artifacts (../shared/fixtures/dbt-artifacts), copied and
 * mutated here for what they lack: failing tests, a failed build, stale runs, freshness errors,
 * ephemeral models, exposures and versions Docent does not read.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDetails, buildSummaries } from '../../lib/artifacts/build-index';
import { catalogCollector } from '../../lib/artifacts/catalog-file';
import { collectFromObject, type ArtifactCollector } from '../../lib/artifacts/collector';
import { manifestCollector } from '../../lib/artifacts/manifest';
import type { ParsedArtifacts } from '../../lib/artifacts/parsed';
import { runResultsCollector } from '../../lib/artifacts/run-results';
import { sourcesCollector } from '../../lib/artifacts/sources-file';
import { collectFromStream } from '../../lib/artifacts/stream-json';
import { computeHealth } from '../../lib/catalog/health';
import type { ModelSummary } from '../../lib/catalog/types';
import type { Manifest, RunResultsArtifact, SourcesArtifact } from '../support/dbt-artifacts';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/dbt-artifacts', import.meta.url));
const raw = (file: string) => readFileSync(`${FIXTURES}/${file}`, 'utf8');
const json = <T>(file: string): T => JSON.parse(raw(file)) as T;

function collect<T>(collector: ArtifactCollector<T>, value: unknown): T {
  const result = collectFromObject(collector, value);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function bigquery(mutate: (a: { manifest: Manifest; runResults: RunResultsArtifact }) => void = () => {}): ParsedArtifacts {
  const manifest = json<Manifest>('bigquery-jaffle-shop.manifest.json');
  const runResults = json<RunResultsArtifact>('bigquery-jaffle-shop.run_results.json');
  mutate({ manifest, runResults });
  return {
    manifest: collect(manifestCollector(), manifest),
    runResults: collect(runResultsCollector(), runResults),
    catalog: collect(catalogCollector(), json('bigquery-jaffle-shop.catalog.json')),
    sources: null,
  };
}

/** A `dbt source freshness` result (sources v3) for the Snowflake project's sources. */
function freshnessFor(manifest: Manifest, at: string, statuses: Record<string, string>): SourcesArtifact {
  return {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json', generated_at: at, invocation_id: 'f-1' },
    results: Object.entries(statuses).map(([uniqueId, status]) => ({
      unique_id: uniqueId,
      status,
      max_loaded_at: '2026-06-01T02:00:00Z',
      snapshotted_at: at,
      max_loaded_at_time_ago_in_s: 3 * 24 * 3600,
      criteria: manifest.sources[uniqueId]!.freshness!,
    })),
    elapsed_time: 1.2,
  };
}

const byId = (nodes: ModelSummary[]) => new Map(nodes.map((n) => [n.uniqueId, n]));
const NOW = new Date('2024-12-17T08:00:00Z');
const verdict = (node: ModelSummary, now = NOW) => computeHealth(node, { now, staleAfterHours: null });

describe('manifest and run_results (BigQuery jaffle-shop, a real dbt build)', () => {
  it('gives every model and seed its last run status and the time its execute step completed', () => {
    const runResults = json<RunResultsArtifact>('bigquery-jaffle-shop.run_results.json');
    const nodes = byId(buildSummaries(bigquery()));
    const manifest = json<Manifest>('bigquery-jaffle-shop.manifest.json');
    const tables = Object.values(manifest.nodes).filter((n) => ['model', 'seed', 'snapshot'].includes(n.resource_type));
    expect(nodes.size).toBe(tables.length);
    const customers = runResults.results.find((r) => r.unique_id === 'model.jaffle_shop.customers')!;
    const executed = customers.timing.find((t) => t.name === 'execute')!.completed_at;
    expect(nodes.get('model.jaffle_shop.customers')).toMatchObject({
      resourceType: 'model',
      database: 'your-project',
      schema: 'jaffle_shop',
      alias: 'customers',
      lastRunStatus: 'success',
      lastRunAt: executed,
      lastSuccessAt: executed,
      upstreamSources: [],
    });
    expect(nodes.get('seed.jaffle_shop.raw_customers')?.resourceType).toBe('seed');
  });

  it('attaches each test result to the model the test belongs to', () => {
    const customers = byId(buildSummaries(bigquery())).get('model.jaffle_shop.customers')!;
    expect(customers.tests).toContainEqual({
      uniqueId: 'test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1',
      name: 'unique_customers_customer_id',
      status: 'pass',
      columnName: 'customer_id',
      failures: null,
    });
    expect(customers.parentIds).toEqual(expect.arrayContaining(['model.jaffle_shop.stg_customers']));
  });

  it('marks a model degraded when one of its tests failed', () => {
    const artifacts = bigquery(({ runResults }) => {
      const test = runResults.results.find((r) => r.unique_id === 'test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1')!;
      Object.assign(test, { status: 'fail', failures: 2, message: 'Got 2 results, configured to fail if != 0' });
    });
    const customers = byId(buildSummaries(artifacts)).get('model.jaffle_shop.customers')!;
    expect(customers.tests.find((t) => t.name === 'unique_customers_customer_id')).toMatchObject({ status: 'fail', failures: 2 });
    const { health, reasons } = verdict(customers);
    expect(health).toBe('degraded');
    expect(reasons[0]?.text).toContain('unique_customers_customer_id');
  });

  it('keeps no last success for a model whose build failed, and shows the error in its details', () => {
    const artifacts = bigquery(({ runResults }) => {
      const result = runResults.results.find((r) => r.unique_id === 'model.jaffle_shop.orders')!;
      Object.assign(result, { status: 'error', message: 'Database Error in model orders: Table not found: raw_orders' });
    });
    const orders = byId(buildSummaries(artifacts)).get('model.jaffle_shop.orders')!;
    expect(orders).toMatchObject({ lastRunStatus: 'error', lastSuccessAt: null });
    expect(orders.lastRunAt).not.toBeNull();
    expect(verdict(orders).health).toBe('degraded');
    expect(buildDetails('model.jaffle_shop.orders', artifacts)?.lastRunError).toContain('Table not found');
  });

  it('lets a run from 45 days ago read as not built recently', () => {
    const now = new Date(Date.parse('2024-12-16T07:45:00Z') + 45 * 24 * 3600 * 1000);
    const customers = byId(buildSummaries(bigquery())).get('model.jaffle_shop.customers')!;
    expect(verdict(customers, now).reasons.map((r) => r.text).join(' ')).toMatch(/Not built in the last 30 days/);
  });

  it('puts the catalog column types beside the manifest descriptions in the doc card details', () => {
    const details = buildDetails('model.jaffle_shop.customers', bigquery())!;
    expect(details.columns[0]).toEqual({ name: 'customer_id', description: expect.any(String), type: 'INT64' });
    expect(details.columns.find((c) => c.name === 'first_name')?.type).toBe('STRING');
    expect(details.explorerUrl).toBeNull();
  });

  it('gives an ephemeral model no entry and hands its parents to the models that select from it', () => {
    const artifacts = bigquery(({ manifest }) => {
      manifest.nodes['model.jaffle_shop.stg_customers']!.config.materialized = 'ephemeral';
    });
    const nodes = byId(buildSummaries(artifacts));
    expect(nodes.has('model.jaffle_shop.stg_customers')).toBe(false);
    const customers = nodes.get('model.jaffle_shop.customers')!;
    expect(customers.parentIds).not.toContain('model.jaffle_shop.stg_customers');
    expect(customers.parentIds).toContain('seed.jaffle_shop.raw_customers');
  });

  it('reads exposures with their URL and the models behind them', () => {
    const artifacts = bigquery(({ manifest }) => {
      (manifest.exposures as Record<string, unknown>)['exposure.jaffle_shop.weekly_kpis'] = {
        unique_id: 'exposure.jaffle_shop.weekly_kpis',
        name: 'weekly_kpis',
        label: 'Weekly KPIs',
        resource_type: 'exposure',
        type: 'dashboard',
        url: 'https://acme.metabaseapp.com/dashboard/12',
        depends_on: { macros: [], nodes: ['model.jaffle_shop.customers', 'model.jaffle_shop.orders'] },
        owner: { email: 'data@acme.com', name: 'Data' },
      };
    });
    expect(artifacts.manifest.exposures).toEqual([
      {
        uniqueId: 'exposure.jaffle_shop.weekly_kpis',
        name: 'Weekly KPIs',
        url: 'https://acme.metabaseapp.com/dashboard/12',
        exposureType: 'dashboard',
        projectId: '06e5b98c2db46f8a72cc4f66410e9b3b',
        parentIds: ['model.jaffle_shop.customers', 'model.jaffle_shop.orders'],
      },
    ]);
  });
});

describe('sources and freshness (Snowflake jaffle-shop)', () => {
  const manifest = json<Manifest>('snowflake-jaffle-shop.manifest.json');
  // The fixture configures no freshness; these three get a check, as a project with loaders would.
  const CHECKED = ['source.jaffle_shop.ecom.raw_orders', 'source.jaffle_shop.ecom.raw_items', 'source.jaffle_shop.ecom.raw_customers'];
  for (const id of CHECKED) manifest.sources[id]!.freshness = { warn_after: { count: 12, period: 'hour' }, error_after: { count: 24, period: 'hour' }, filter: null };
  const parsedManifest = collect(manifestCollector(), manifest);
  const catalog = collect(catalogCollector(), json('snowflake-jaffle-shop.catalog.json'));

  it('reads a freshness error, when the table was last loaded and when the check ran', () => {
    const sources = collect(
      sourcesCollector(),
      freshnessFor(manifest, '2026-06-04T07:30:00Z', {
        'source.jaffle_shop.ecom.raw_orders': 'error',
        'source.jaffle_shop.ecom.raw_items': 'runtime error',
        'source.jaffle_shop.ecom.raw_customers': 'pass',
      }),
    );
    const nodes = byId(buildSummaries({ manifest: parsedManifest, runResults: null, catalog, sources }));
    const orders = nodes.get('source.jaffle_shop.ecom.raw_orders')!;
    expect(orders).toMatchObject({ resourceType: 'source', database: 'shaman', schema: 'raw', alias: 'raw_orders', parentIds: [] });
    expect(orders.upstreamSources).toEqual([
      { uniqueId: 'source.jaffle_shop.ecom.raw_orders', name: 'ecom.raw_orders', status: 'error', configured: true, maxLoadedAt: '2026-06-01T02:00:00Z', checkedAt: '2026-06-04T07:30:00Z' },
    ]);
    expect(verdict(orders, new Date('2026-06-04T08:00:00Z')).health).toBe('degraded');
    expect(nodes.get('source.jaffle_shop.ecom.raw_items')!.upstreamSources[0]!.status).toBe('error');
    expect(nodes.get('source.jaffle_shop.ecom.raw_customers')!.upstreamSources[0]!.status).toBe('pass');
    expect(nodes.get('source.jaffle_shop.ecom.raw_products')!.upstreamSources[0]).toMatchObject({ status: null, configured: false });
  });

  it('leaves run status and freshness empty when run_results.json and sources.json are missing', () => {
    const nodes = buildSummaries({ manifest: parsedManifest, runResults: null, catalog, sources: null });
    expect(nodes.filter((n) => n.resourceType === 'model')).toHaveLength(15);
    expect(nodes.filter((n) => n.resourceType === 'source')).toHaveLength(6);
    for (const node of nodes) {
      expect(node.lastRunStatus).toBeNull();
      expect(node.tests.every((t) => t.status === null)).toBe(true);
    }
    expect(verdict(nodes.find((n) => n.uniqueId === 'model.jaffle_shop.orders')!).health).toBe('unknown');
    expect(nodes.find((n) => n.resourceType === 'source')!.upstreamSources[0]!.status).toBeNull();
  });
});

describe('schema versions', () => {
  it('refuses a manifest version it cannot read, naming the version found and those supported', () => {
    const manifest = json<Manifest>('snowflake-jaffle-shop.manifest.json');
    manifest.metadata.dbt_schema_version = 'https://schemas.getdbt.com/dbt/manifest/v9.json';
    const result = collectFromObject(manifestCollector(), manifest);
    expect(result).toEqual({ ok: false, error: { kind: 'unsupportedVersion', message: expect.stringMatching(/manifest\.json is schema v9.*v10, v11, v12/) } });
  });

  it('refuses run_results v7 and a file that is not a dbt artifact at all', () => {
    const runResults = json<RunResultsArtifact>('bigquery-jaffle-shop.run_results.json');
    runResults.metadata.dbt_schema_version = 'https://schemas.getdbt.com/dbt/run-results/v7.json';
    const newer = collectFromObject(runResultsCollector(), runResults);
    expect(!newer.ok && newer.error.message).toMatch(/run_results\.json is schema v7; Docent reads run-results v4, v5, v6/);
    const notDbt = collectFromObject(catalogCollector(), { nodes: {} });
    expect(!notDbt.ok && notDbt.error).toMatchObject({ kind: 'unsupportedVersion', message: expect.stringContaining('no metadata.dbt_schema_version') });
  });

  it('reads manifest v10 and v11 files (the fields Docent reads kept their names)', () => {
    for (const v of [10, 11]) {
      const manifest = json<Manifest>('bigquery-jaffle-shop.manifest.json');
      manifest.metadata.dbt_schema_version = `https://schemas.getdbt.com/dbt/manifest/v${v}.json`;
      expect(collect(manifestCollector(), manifest).schemaVersion).toBe(v);
    }
  });
});

describe('streaming', () => {
  const streamOf = (text: string, chunk = 4096) => {
    const bytes = new TextEncoder().encode(text);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.slice(i, i + chunk));
        controller.close();
      },
    });
  };

  it('reads a manifest from a byte stream exactly as from the parsed object, with progress', async () => {
    const text = raw('bigquery-jaffle-shop.manifest.json');
    const progress: number[] = [];
    const streamed = await collectFromStream(manifestCollector(), streamOf(text), {
      totalBytes: text.length,
      onProgress: (p) => progress.push(p.bytes),
    });
    expect(streamed).toEqual({ ok: true, value: collect(manifestCollector(), JSON.parse(text)) });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(new TextEncoder().encode(text).length);
  });

  it('stops at the metadata when the version is unsupported, and says so for truncated JSON', async () => {
    const text = raw('snowflake-jaffle-shop.manifest.json').replace('/manifest/v12.json', '/manifest/v13.json');
    let chunks = 0;
    const stopped = await collectFromStream(manifestCollector(), streamOf(text), { onProgress: () => chunks++ });
    expect(!stopped.ok && stopped.error.kind).toBe('unsupportedVersion');
    expect(chunks).toBeLessThan(2);
    const cut = await collectFromStream(runResultsCollector(), streamOf(raw('bigquery-jaffle-shop.run_results.json').slice(0, 50_000)));
    expect(!cut.ok && cut.error).toMatchObject({ kind: 'invalidResponse', message: expect.stringContaining('run_results.json is not valid JSON') });
  });
});
