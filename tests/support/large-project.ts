/**
 * A large dbt project for benchmarks: `models` models over `sources` source tables, in real
 * artifact shapes (manifest v12, one run_results v6 where every model succeeded), deterministic for
 * a given size and `now`. Small on purpose beyond what the index needs: no tests, no catalog, no
 * freshness run, so 10,000 models serve quickly from the mock Discovery API.
 */
import { createHash } from 'node:crypto';
import type { DbtArtifacts, Manifest, ManifestNode, ManifestSource, RunResult } from './dbt-artifacts';

export interface LargeProjectOptions {
  models: number;
  sources: number;
  now: Date;
}

export const LARGE_PROJECT = { projectName: 'acme_warehouse', database: 'ANALYTICS', rawDatabase: 'RAW' } as const;

const PACKAGE = LARGE_PROJECT.projectName;
const LAYERS = ['stg', 'int', 'fct', 'dim', 'rpt'] as const;
const DOMAINS = [
  'sales', 'finance', 'marketing', 'product', 'support', 'logistics', 'hr', 'risk', 'growth', 'billing',
] as const;
const SUBJECTS = [
  'orders', 'customers', 'invoices', 'payments', 'refunds', 'sessions', 'campaigns', 'tickets', 'shipments',
  'subscriptions', 'accounts', 'contracts', 'leads', 'opportunities', 'products', 'inventory', 'returns',
  'employees', 'budgets', 'forecasts', 'events', 'signups', 'churn', 'renewals', 'discounts',
] as const;
const SOURCE_SYSTEMS = ['salesforce', 'stripe', 'zendesk', 'hubspot', 'netsuite', 'shopify', 'segment', 'workday'] as const;

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** The model at position `i`: its name and schema follow from `i` alone. */
export function largeModelAt(i: number): { name: string; schema: string } {
  const layer = pick(LAYERS, i);
  const domain = pick(DOMAINS, Math.floor(i / LAYERS.length));
  const subject = pick(SUBJECTS, Math.floor(i / (LAYERS.length * DOMAINS.length)));
  return { name: `${layer}_${domain}_${subject}_${String(i).padStart(5, '0')}`, schema: `${domain}_${layer === 'stg' ? 'staging' : 'marts'}` };
}

function sourceAt(i: number): ManifestSource {
  const system = pick(SOURCE_SYSTEMS, i);
  const name = `${pick(SUBJECTS, Math.floor(i / SOURCE_SYSTEMS.length))}_${String(i).padStart(4, '0')}`;
  const freshness = { warn_after: { count: null, period: null }, error_after: { count: null, period: null }, filter: null };
  return {
    unique_id: `source.${PACKAGE}.${system}.${name}`,
    resource_type: 'source',
    name,
    source_name: system,
    source_description: `Raw ${system} tables, replicated by the loader.`,
    package_name: PACKAGE,
    database: LARGE_PROJECT.rawDatabase,
    schema: system,
    identifier: name,
    path: `models/staging/${system}/_sources.yml`,
    original_file_path: `models/staging/${system}/_sources.yml`,
    fqn: [PACKAGE, 'staging', system, name],
    description: `One row per ${name.replace(/_\d+$/, '')} record in ${system}.`,
    loader: 'fivetran',
    loaded_at_field: null,
    freshness,
    config: { enabled: true, freshness },
    columns: {},
    tags: [],
    meta: {},
    source_meta: {},
    relation_name: `${LARGE_PROJECT.rawDatabase}.${system}.${name}`,
  };
}

function modelAt(i: number, sources: ManifestSource[]): ManifestNode {
  const { name, schema } = largeModelAt(i);
  // A staging model reads a source; every other model reads the two models five and seven before it.
  const parents = i < LAYERS.length || name.startsWith('stg_')
    ? [sources[i % sources.length]!.unique_id]
    : [i - 5, i - 7].filter((p) => p >= 0).map((p) => `model.${PACKAGE}.${largeModelAt(p).name}`);
  const path = `${schema}/${name}.sql`;
  return {
    unique_id: `model.${PACKAGE}.${name}`,
    resource_type: 'model',
    name,
    package_name: PACKAGE,
    database: LARGE_PROJECT.database,
    schema,
    alias: name,
    path,
    original_file_path: `models/${path}`,
    fqn: [PACKAGE, schema, name],
    description: `${name.replace(/_\d+$/, '').replace(/_/g, ' ')}, rebuilt daily.`,
    columns: {},
    tags: [],
    meta: {},
    config: { enabled: true, materialized: name.startsWith('stg_') ? 'view' : 'table', access: 'protected', group: null },
    depends_on: { macros: [], nodes: parents },
    relation_name: `${LARGE_PROJECT.database}.${schema}.${name}`,
    raw_code: `select * from ${parents.map((p) => `{{ ref('${p.split('.').pop()}') }}`).join(' join ')}`,
    language: 'sql',
    access: 'protected',
    group: null,
    patch_path: null,
    checksum: { name: 'sha256', checksum: md5(name) },
  };
}

export function generateLargeProject({ models, sources: sourceCount, now }: LargeProjectOptions): DbtArtifacts {
  const sources = Array.from({ length: sourceCount }, (_, i) => sourceAt(i));
  const nodes = Array.from({ length: models }, (_, i) => modelAt(i, sources));
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const id of [...sources.map((s) => s.unique_id), ...nodes.map((n) => n.unique_id)]) {
    parentMap[id] = [];
    childMap[id] = [];
  }
  for (const node of nodes) {
    for (const parent of node.depends_on?.nodes ?? []) {
      parentMap[node.unique_id]!.push(parent);
      childMap[parent]!.push(node.unique_id);
    }
  }
  const builtAt = now.getTime() - 2 * 3600_000;
  const generatedAt = new Date(builtAt).toISOString();
  const manifest: Manifest = {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.10.11', generated_at: generatedAt, project_name: PACKAGE, adapter_type: 'snowflake' },
    nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])),
    sources: Object.fromEntries(sources.map((s) => [s.unique_id, s])),
    parent_map: parentMap,
    child_map: childMap,
  };
  const results: RunResult[] = nodes.map((node, i) => {
    const started = new Date(builtAt - 3600_000 + i * 300).toISOString();
    const done = new Date(builtAt - 3600_000 + i * 300 + 250).toISOString();
    return {
      unique_id: node.unique_id,
      status: 'success',
      timing: [
        { name: 'compile', started_at: started, completed_at: started },
        { name: 'execute', started_at: started, completed_at: done },
      ],
      thread_id: `Thread-${1 + (i % 8)} (worker)`,
      execution_time: 0.25,
      adapter_response: { _message: 'SUCCESS 1', code: 'SUCCESS', rows_affected: 1 },
      message: 'SUCCESS 1',
      failures: null,
    };
  });
  const run = {
    runId: '70403119900001',
    jobDefinitionId: '70403103419901',
    runResults: {
      metadata: { dbt_version: '1.10.11', generated_at: generatedAt, invocation_id: md5(`large:${generatedAt}`) },
      results,
      elapsed_time: nodes.length * 0.3,
    },
  };
  return { manifest, runs: [run], catalog: null, freshness: null };
}

/** `analytics.<schema>.<name>`: how a dashboard writes the model at position `i`. */
export function largeModelRelation(i: number): string {
  const { name, schema } = largeModelAt(i);
  return `${LARGE_PROJECT.database.toLowerCase()}.${schema}.${name}`;
}
