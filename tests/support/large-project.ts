/**
 * A deterministic company-sized dbt project for the sync benchmark: `models` models in three layers
 * (staging on one source each, intermediate on earlier models, marts on intermediates), `sources`
 * source tables, two generic tests per model, a few seeds and snapshots, exposures with dashboard
 * URLs, one run that built everything and a freshness run. Same inputs, same artifacts.
 * Shapes as in dbt-artifacts.ts (manifest v12, run_results v6, sources v3); no catalog (details
 * are not part of a sync).
 */
import { random } from './random';
import type { DbtArtifacts, ManifestExposure, ManifestNode, ManifestSource, RunResult } from './dbt-artifacts';

export interface LargeProjectOptions {
  models: number;
  sources: number;
  now: Date;
  /** Change one model's last run (a later job that rebuilt it): the "one model changed" case. */
  rebuiltModel?: number;
}

const PACKAGE = 'big_co';
const SOURCE_TABLES_PER_SYSTEM = 20;
const SEEDS = 20;
const SNAPSHOTS = 30;
const EXPOSURES = 200;

const pad = (n: number) => String(n).padStart(5, '0');
const iso = (ms: number) => new Date(ms).toISOString();

function node(uniqueId: string, resourceType: string, name: string, schema: string, description: string, deps: string[], materialized: string): ManifestNode {
  const path = `${resourceType === 'model' ? 'models' : `${resourceType}s`}/${schema}/${name}.sql`;
  return {
    unique_id: uniqueId,
    resource_type: resourceType,
    name,
    package_name: PACKAGE,
    database: 'ANALYTICS',
    schema,
    alias: name,
    path,
    original_file_path: path,
    fqn: [PACKAGE, schema, name],
    description,
    columns: {},
    tags: [],
    meta: {},
    config: { materialized, access: 'protected' },
    depends_on: { macros: [], nodes: deps },
    relation_name: `ANALYTICS.${schema}.${name}`,
    raw_code: `select * from {{ ref('x') }}`,
    language: 'sql',
  };
}

function testNode(kind: 'unique' | 'not_null', attached: string, name: string): ManifestNode {
  const testName = `${kind}_${name}_id`;
  return {
    ...node(`test.${PACKAGE}.${testName}.${pad(testName.length)}`, 'test', testName, 'dbt_test__audit', '', [attached], 'test'),
    relation_name: null,
    column_name: 'id',
    attached_node: attached,
    test_metadata: { name: kind, kwargs: { column_name: 'id' }, namespace: null },
  };
}

const DESCRIPTION =
  'One row per business event, deduplicated on the natural key and enriched with the attributes the ' +
  'reporting layer joins most often. Owned by the analytics engineering team; see the docs site for column definitions.';

export function generateLargeProject(options: LargeProjectOptions): DbtArtifacts {
  const rand = random(options.models * 7919 + options.sources);
  const nodes: Record<string, ManifestNode> = {};
  const sources: Record<string, ManifestSource> = {};
  const parentMap: Record<string, string[]> = {};
  const sourceIds: string[] = [];

  for (let i = 0; i < options.sources; i++) {
    const system = `system_${Math.floor(i / SOURCE_TABLES_PER_SYSTEM)}`;
    const table = `table_${pad(i)}`;
    const uniqueId = `source.${PACKAGE}.${system}.${table}`;
    const freshness = { warn_after: { count: 12, period: 'hour' as const }, error_after: { count: 24, period: 'hour' as const }, filter: null };
    sources[uniqueId] = {
      unique_id: uniqueId, resource_type: 'source', name: table, source_name: system, source_description: '', package_name: PACKAGE,
      database: 'RAW', schema: system, identifier: table, path: 'models/staging/_sources.yml', original_file_path: 'models/staging/_sources.yml',
      fqn: [PACKAGE, system, table], description: rand() < 0.8 ? 'Raw rows as the loader lands them.' : '', loader: 'fivetran',
      loaded_at_field: '_loaded_at', freshness, columns: {}, tags: [], meta: {}, relation_name: `RAW.${system}.${table}`,
    };
    sourceIds.push(uniqueId);
    parentMap[uniqueId] = [];
  }

  const add = (n: ManifestNode) => {
    nodes[n.unique_id] = n;
    parentMap[n.unique_id] = n.depends_on?.nodes ?? [];
  };
  for (let i = 0; i < SEEDS; i++) add(node(`seed.${PACKAGE}.seed_${i}`, 'seed', `seed_${i}`, 'seeds', 'A lookup table.', [], 'seed'));

  const staging = Math.round(options.models * 0.2);
  const intermediate = Math.round(options.models * 0.5);
  const models: string[] = [];
  for (let i = 0; i < options.models; i++) {
    const layer = i < staging ? 'staging' : i < staging + intermediate ? 'intermediate' : 'marts';
    const name = `${layer === 'staging' ? 'stg' : layer === 'intermediate' ? 'int' : 'fct'}_${pad(i)}`;
    const pick = (from: number, to: number) => models[from + Math.floor(rand() * Math.max(1, to - from))]!;
    const deps =
      layer === 'staging'
        ? [sourceIds[i % sourceIds.length]!]
        : layer === 'intermediate'
          ? [pick(0, Math.min(i, staging)), pick(0, i), pick(0, i)]
          : [pick(staging, staging + intermediate), pick(staging, staging + intermediate), pick(staging, staging + intermediate), pick(0, staging)];
    const uniqueId = `model.${PACKAGE}.${name}`;
    add(node(uniqueId, 'model', name, layer, rand() < 0.85 ? DESCRIPTION : '', [...new Set(deps)], layer === 'marts' ? 'table' : 'view'));
    add(testNode('unique', uniqueId, name));
    add(testNode('not_null', uniqueId, name));
    models.push(uniqueId);
  }
  for (let i = 0; i < SNAPSHOTS; i++) {
    add(node(`snapshot.${PACKAGE}.snap_${i}`, 'snapshot', `snap_${i}`, 'snapshots', 'History of a dimension.', [models[i % staging]!], 'snapshot'));
  }

  const exposures: Record<string, ManifestExposure> = {};
  for (let i = 0; i < EXPOSURES; i++) {
    const uniqueId = `exposure.${PACKAGE}.dashboard_${i}`;
    exposures[uniqueId] = {
      unique_id: uniqueId, name: `dashboard_${i}`, type: 'dashboard', url: `https://bi.example.com/dashboard/${i}`, label: `Dashboard ${i}`,
      package_name: PACKAGE, original_file_path: 'models/exposures.yml', fqn: [PACKAGE, `dashboard_${i}`], tags: [], meta: {}, description: '',
      owner: { name: 'Analytics', email: 'analytics@example.com' },
      depends_on: { nodes: [models[models.length - 1 - i]!, models[models.length - 1 - 2 * i]!] },
    };
  }

  const childMap: Record<string, string[]> = Object.fromEntries(Object.keys(parentMap).map((id) => [id, [] as string[]]));
  for (const [child, parents] of Object.entries(parentMap)) for (const p of parents) childMap[p]?.push(child);

  const t = options.now.getTime();
  const results = (at: number, ids: string[]): RunResult[] =>
    ids.map((id) => ({
      unique_id: id,
      status: id.startsWith('test.') ? 'pass' : 'success',
      timing: [{ name: 'execute', started_at: iso(at), completed_at: iso(at + 1000) }],
      thread_id: 'Thread-1',
      execution_time: 1,
      adapter_response: {},
      message: null,
      failures: id.startsWith('test.') ? 0 : null,
    }));
  const build = { runId: '70403112300001', jobDefinitionId: '70403103400001', runResults: { metadata: { dbt_version: '1.10.11', generated_at: iso(t - 3_600_000), invocation_id: 'build' }, results: results(t - 3_600_000, Object.keys(nodes)), elapsed_time: 900 } };
  const runs = [build];
  if (options.rebuiltModel !== undefined) {
    const id = models[options.rebuiltModel]!;
    runs.push({ runId: '70403112300002', jobDefinitionId: '70403103400002', runResults: { metadata: { dbt_version: '1.10.11', generated_at: iso(t - 60_000), invocation_id: 'rebuild' }, results: results(t - 60_000, [id]), elapsed_time: 5 } });
  }
  const freshAt = t - 30 * 60_000;
  return {
    manifest: { metadata: { dbt_version: '1.10.11', generated_at: iso(t - 2 * 3_600_000), project_name: PACKAGE, adapter_type: 'snowflake' }, nodes, sources, parent_map: parentMap, child_map: childMap, exposures },
    runs,
    catalog: null,
    freshness: {
      runId: '70403112300003',
      jobDefinitionId: '70403103400003',
      sources: {
        metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/sources/v3.json', generated_at: iso(freshAt), invocation_id: 'freshness' },
        results: sourceIds.map((id) => ({ unique_id: id, status: 'pass', max_loaded_at: iso(freshAt - 3_600_000), snapshotted_at: iso(freshAt), max_loaded_at_time_ago_in_s: 3600 })),
        elapsed_time: 30,
      },
    },
  };
}
