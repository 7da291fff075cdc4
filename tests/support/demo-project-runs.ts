/**
 * What happened to the demo shop in dbt Cloud: a full build 45 days ago, the daily `dbt build` 3
 * hours ago (one model errors, one test fails, one warns), `dbt docs generate` after it, and a
 * source freshness run 20 minutes ago. Shapes: run_results v6, catalog v1, sources v3.
 */
import { createHash } from 'node:crypto';
import type { CatalogArtifact, CatalogTable, DbtFreshnessRun, DbtRun, Manifest, ManifestNode, RunResult, SourceFreshnessResult } from './dbt-artifacts';
import { DEMO_SOURCES } from './demo-project-spec';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const DBT_VERSION = '1.10.11';

/** The named states the runs produce (DEMO_FACTS in demo-project.ts). */
export interface DemoOutcomes {
  failingTest: { uniqueId: string; failures: number };
  warnedTest: { uniqueId: string; failures: number };
  erroredModel: { uniqueId: string; message: string };
  staleModel: { uniqueId: string; daysSinceBuilt: number };
  neverRunModel: string;
  runs: { fullBuild: RunIds; daily: RunIds; freshness: RunIds };
}
interface RunIds { runId: string; jobDefinitionId: string }

const hex = (seed: string, n: number) => createHash('md5').update(seed).digest('hex').slice(0, n);
const uuid = (seed: string) => {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const iso = (ms: number) => new Date(ms).toISOString();

/** Seeds, the snapshot and models in build order, each followed by the tests it enables (dbt build order). */
function buildOrder(manifest: Manifest): ManifestNode[] {
  const all = Object.values(manifest.nodes);
  const tests = all.filter((n) => n.resource_type === 'test');
  const order: ManifestNode[] = [];
  const done = new Set(Object.keys(manifest.sources));
  const pending = new Set(tests);
  const flushTests = () => {
    for (const t of pending) {
      if ((t.depends_on?.nodes ?? []).every((p) => done.has(p))) {
        order.push(t);
        pending.delete(t);
      }
    }
  };
  flushTests();
  for (const type of ['seed', 'snapshot', 'model']) {
    for (const node of all.filter((n) => n.resource_type === type)) {
      order.push(node);
      done.add(node.unique_id);
      flushTests();
    }
  }
  return order;
}

interface Outcome { status: string; message: string | null; failures: number | null }

function runResult(node: ManifestNode, outcome: Outcome, start: number, seed: string): RunResult {
  const isTest = node.resource_type === 'test';
  const duration = 800 + (parseInt(hex(seed + node.unique_id, 4), 16) % 4000);
  const skipped = outcome.status === 'skipped';
  const rows = 1 + (parseInt(hex(node.unique_id, 4), 16) % 5000);
  return {
    status: outcome.status,
    timing: skipped
      ? []
      : [
          { name: 'compile', started_at: iso(start), completed_at: iso(start + 150) },
          { name: 'execute', started_at: iso(start + 160), completed_at: iso(start + duration) },
        ],
    thread_id: `Thread-${1 + (parseInt(hex(node.unique_id, 2), 16) % 4)} (worker)`,
    execution_time: skipped ? 0 : duration / 1000,
    adapter_response: skipped || outcome.status === 'error' ? {} : { _message: 'SUCCESS 1', code: 'SUCCESS', rows_affected: isTest ? 1 : rows, query_id: `01b8${hex(seed + node.unique_id, 4)}-0000-7a2c-0000-${hex(node.unique_id, 12)}` },
    message: outcome.message,
    failures: outcome.failures,
    unique_id: node.unique_id,
    compiled: !skipped,
    compiled_code: '',
    relation_name: node.relation_name ?? null,
    batch_results: null,
  };
}

function successOutcome(node: ManifestNode): Outcome {
  if (node.resource_type === 'test') return { status: 'pass', message: null, failures: 0 };
  if (node.resource_type === 'seed') return { status: 'success', message: `INSERT ${20 + (parseInt(hex(node.unique_id, 2), 16) % 200)}`, failures: null };
  return { status: 'success', message: 'SUCCESS 1', failures: null };
}

function buildRun(manifest: Manifest, ids: RunIds, startMs: number, label: string, outcomeOf: (n: ManifestNode) => Outcome | null): DbtRun {
  const results: RunResult[] = [];
  let clock = startMs;
  for (const node of buildOrder(manifest)) {
    const outcome = outcomeOf(node);
    if (!outcome) continue;
    const result = runResult(node, outcome, clock, label);
    results.push(result);
    clock += Math.max(1000, result.execution_time * 1000) + 200;
  }
  const invocationId = uuid(`${label}:${iso(startMs)}`);
  return {
    runId: ids.runId,
    jobDefinitionId: ids.jobDefinitionId,
    runResults: {
      metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json', dbt_version: DBT_VERSION, generated_at: iso(clock), invocation_id: invocationId, env: {} },
      results,
      elapsed_time: (clock - startMs) / 1000,
      args: { which: 'build', invocation_command: 'dbt build', target: 'prod', threads: 4 },
    },
  };
}

function catalogTable(uniqueId: string, database: string, schema: string, name: string, type: string, columns: [string, string][], rows: number): CatalogTable {
  // Snowflake reports unquoted identifiers in upper case.
  const stats: CatalogTable['stats'] = type === 'VIEW'
    ? { has_stats: { id: 'has_stats', label: 'Has Stats?', value: false, include: false, description: 'Indicates whether there are statistics for this table' } }
    : {
        row_count: { id: 'row_count', label: 'Row Count', value: rows, include: true, description: 'An approximate count of rows in this table' },
        bytes: { id: 'bytes', label: 'Approximate Size', value: rows * 96, include: true, description: 'Approximate size of the table as reported by Snowflake' },
        has_stats: { id: 'has_stats', label: 'Has Stats?', value: true, include: false, description: 'Indicates whether there are statistics for this table' },
      };
  return {
    metadata: { type, schema: schema.toUpperCase(), name: name.toUpperCase(), database: database.toUpperCase(), comment: null, owner: 'TRANSFORMER' },
    columns: Object.fromEntries(columns.map(([col, colType], i) => [col.toUpperCase(), { type: colType, index: i + 1, name: col.toUpperCase(), comment: null }])),
    stats,
    unique_id: uniqueId,
  };
}

function buildCatalog(manifest: Manifest, generatedAt: number, neverBuilt: string): CatalogArtifact {
  const nodes: Record<string, CatalogTable> = {};
  for (const n of Object.values(manifest.nodes)) {
    if (!['model', 'seed', 'snapshot'].includes(n.resource_type) || n.unique_id === neverBuilt) continue;
    const type = n.config.materialized === 'view' ? 'VIEW' : 'BASE TABLE';
    const columns = Object.values(n.columns).map((c): [string, string] => [c.name, (c.data_type ?? 'TEXT').toUpperCase()]);
    nodes[n.unique_id] = catalogTable(n.unique_id, n.database ?? '', n.schema, n.alias ?? n.name, type, columns, 100 + (parseInt(hex(n.unique_id, 4), 16) % 90_000));
  }
  const sources: Record<string, CatalogTable> = {};
  for (const s of Object.values(manifest.sources)) {
    const columns = Object.values(s.columns).map((c): [string, string] => [c.name, (c.data_type ?? 'TEXT').toUpperCase()]);
    if (s.loaded_at_field) columns.push([s.loaded_at_field, 'TIMESTAMP_TZ']);
    sources[s.unique_id] = catalogTable(s.unique_id, s.database ?? '', s.schema, s.identifier, 'BASE TABLE', columns, 1000 + (parseInt(hex(s.unique_id, 4), 16) % 900_000));
  }
  return {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: DBT_VERSION, generated_at: iso(generatedAt), invocation_id: uuid(`docs:${generatedAt}`), env: {} },
    nodes,
    sources,
    errors: null,
  };
}

function buildFreshness(manifest: Manifest, ids: RunIds, at: number): DbtFreshnessRun {
  const results: SourceFreshnessResult[] = [];
  for (const source of DEMO_SOURCES) {
    for (const table of source.tables) {
      if (!table.freshness) continue; // dbt only checks sources with a freshness block.
      const uniqueId = `source.demo_shop.${source.name}.${table.name}`;
      // A project without the shop's sources (finance-project.ts reads them through the shop).
      if (!manifest.sources[uniqueId]) continue;
      const criteria = manifest.sources[uniqueId].freshness!;
      const ageS = table.loadedHoursAgo * 3600;
      const status = ageS >= table.freshness[1] * 3600 ? 'error' : ageS >= table.freshness[0] * 3600 ? 'warn' : 'pass';
      results.push({
        unique_id: uniqueId,
        max_loaded_at: iso(at - ageS * 1000),
        snapshotted_at: iso(at),
        max_loaded_at_time_ago_in_s: ageS,
        status,
        criteria,
        adapter_response: {},
        timing: [
          { name: 'compile', started_at: iso(at - 2000), completed_at: iso(at - 1900) },
          { name: 'execute', started_at: iso(at - 1900), completed_at: iso(at - 200) },
        ],
        thread_id: 'Thread-1 (worker)',
        execution_time: 1.8,
      });
    }
  }
  return {
    runId: ids.runId,
    jobDefinitionId: ids.jobDefinitionId,
    sources: {
      metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json', dbt_version: DBT_VERSION, generated_at: iso(at), invocation_id: uuid(`freshness:${at}`), env: {} },
      results,
      elapsed_time: 4.2,
    },
  };
}

export function buildDemoRuns(manifest: Manifest, now: Date, facts: DemoOutcomes): { runs: DbtRun[]; catalog: CatalogArtifact; freshness: DbtFreshnessRun } {
  const t = now.getTime();
  const dependsOn = (n: ManifestNode, id: string) => n.unique_id === id || (n.resource_type === 'test' && (n.depends_on?.nodes ?? []).includes(id));
  const fullBuild = buildRun(manifest, facts.runs.fullBuild, t - facts.staleModel.daysSinceBuilt * DAY - 20 * 60_000, 'full', (n) =>
    dependsOn(n, facts.neverRunModel) ? null : successOutcome(n),
  );
  const daily = buildRun(manifest, facts.runs.daily, t - 3 * HOUR - 15 * 60_000, 'daily', (n) => {
    if (dependsOn(n, facts.neverRunModel) || dependsOn(n, facts.staleModel.uniqueId)) return null;
    if (n.unique_id === facts.erroredModel.uniqueId) return { status: 'error', message: facts.erroredModel.message, failures: null };
    // In `dbt build`, the tests of a model that failed to build are skipped.
    if (dependsOn(n, facts.erroredModel.uniqueId)) return { status: 'skipped', message: null, failures: null };
    if (n.unique_id === facts.failingTest.uniqueId) return { status: 'fail', message: `Got ${facts.failingTest.failures} results, configured to fail if != 0`, failures: facts.failingTest.failures };
    if (n.unique_id === facts.warnedTest.uniqueId) return { status: 'warn', message: `Got ${facts.warnedTest.failures} results, configured to warn if != 0`, failures: facts.warnedTest.failures };
    return successOutcome(n);
  });
  const catalogAt = Date.parse(daily.runResults.metadata.generated_at) + 45_000;
  return {
    runs: [fullBuild, daily],
    catalog: buildCatalog(manifest, catalogAt, facts.neverRunModel),
    freshness: buildFreshness(manifest, facts.runs.freshness, t - 20 * 60_000),
  };
}
