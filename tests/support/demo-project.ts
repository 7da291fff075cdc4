/**
 * Docent's own demo shop, as the dbt artifacts a dbt Cloud environment would hold: a manifest, two
 * runs (a full build 45 days ago, the daily build 3 hours ago), a catalog and a source freshness
 * run. Deterministic for a given `now`. The shapes follow the real artifacts in
 * /work/shared/fixtures/dbt-artifacts (manifest v12, run_results v6, catalog v1) and sources v3.
 */
import { createHash } from 'node:crypto';
import type { DbtArtifacts, Manifest, ManifestColumn, ManifestNode, ManifestSource } from './dbt-artifacts';
import { DEMO_MODELS, DEMO_SEEDS, DEMO_SNAPSHOT, DEMO_SOURCES, type ColumnSpec } from './demo-project-spec';
import { buildDemoRuns } from './demo-project-runs';
import { DEMO_EXPOSURE_SPECS, demoExposures } from './demo-project-exposures';

export { loadArtifactsFromDir } from './dbt-artifacts';
export type { DbtArtifacts } from './dbt-artifacts';

const PACKAGE = 'demo_shop';
export const DEMO_DATABASE = 'ANALYTICS';
const RAW_DATABASE = 'RAW';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** dbt's unique id for a generic test: its name plus a hash of what it tests (10 hex chars). */
export function demoTestUniqueId(name: string): string {
  return `test.${PACKAGE}.${name}.${md5(`${PACKAGE}:${name}`).slice(0, 10)}`;
}

const refToUniqueId = (dep: string): string => {
  const [kind, rest] = dep.includes(':') ? (dep.split(':') as [string, string]) : ['model', dep];
  return `${kind}.${PACKAGE}.${rest}`;
};

const FAILING_TEST = 'accepted_values_orders_status__placed__shipped__completed__returned';
const WARNED_TEST = 'not_null_products_category';

/** Which nodes are in which state, so tests name them instead of repeating literals. */
export const DEMO_FACTS = {
  projectName: PACKAGE,
  adapterType: 'snowflake',
  database: DEMO_DATABASE,
  schemas: ['staging', 'intermediate', 'marts'] as const,
  modelCount: DEMO_MODELS.length,
  seedCount: DEMO_SEEDS.length,
  snapshotCount: 1,
  sourceCount: DEMO_SOURCES.reduce((n, s) => n + s.tables.length, 0),
  healthyModel: 'model.demo_shop.customers',
  failingTest: { uniqueId: demoTestUniqueId(FAILING_TEST), name: FAILING_TEST, model: 'model.demo_shop.orders', failures: 3 },
  warnedTest: { uniqueId: demoTestUniqueId(WARNED_TEST), name: WARNED_TEST, model: 'model.demo_shop.products', failures: 12 },
  erroredModel: {
    uniqueId: 'model.demo_shop.fct_refunds',
    message:
      "Database Error in model fct_refunds (models/marts/fct_refunds.sql)\n  002003 (42S02): SQL compilation error:\n  Object 'ANALYTICS.STAGING.STG_STRIPE_REFUNDS_V2' does not exist or not authorized.\n  compiled code at target/run/demo_shop/models/marts/fct_refunds.sql",
  },
  staleModel: { uniqueId: 'model.demo_shop.rpt_channel_mix_legacy', daysSinceBuilt: 45 },
  neverRunModel: 'model.demo_shop.int_inventory_forecast',
  undescribedModel: 'model.demo_shop.int_payments_pivoted',
  freshnessError: { source: 'source.demo_shop.ecom.raw_inventory', model: 'model.demo_shop.stg_inventory_levels' },
  freshnessWarn: { source: 'source.demo_shop.stripe.disputes', model: 'model.demo_shop.stg_stripe_disputes' },
  uncheckedSource: 'source.demo_shop.ecom.raw_addresses',
  /** Exposures by name: the dashboards that read the demo shop (demo-project-exposures.ts). */
  exposures: Object.fromEntries(
    DEMO_EXPOSURE_SPECS.map((spec) => [spec.name, { uniqueId: `exposure.${PACKAGE}.${spec.name}`, url: spec.url, automatic: Boolean(spec.auto), parents: demoExposureParents(spec.dependsOn) }]),
  ) as Record<string, { uniqueId: string; url: string | null; automatic: boolean; parents: string[] }>,
  runs: { fullBuild: { runId: '70403112345001', jobDefinitionId: '70403103412001' }, daily: { runId: '70403112399042', jobDefinitionId: '70403103412002' }, freshness: { runId: '70403112399057', jobDefinitionId: '70403103412003' } },
} as const;

function demoExposureParents(dependsOn: string[]): string[] {
  return dependsOn.map((dep) => (dep.startsWith('source:') ? `source.${PACKAGE}.${dep.slice(7)}` : `model.${PACKAGE}.${dep}`));
}

const manifestColumns = (columns: ColumnSpec[]): Record<string, ManifestColumn> =>
  Object.fromEntries(
    columns.map(([name, type, description]) => [
      name,
      { name, description, meta: {}, data_type: type.toLowerCase(), constraints: [], quote: null, tags: [], granularity: null, doc_blocks: [] },
    ]),
  );

interface NodeBase {
  uniqueId: string;
  resourceType: 'model' | 'seed' | 'snapshot';
  name: string;
  schema: string;
  dir: string;
  ext: string;
  description: string;
  columns: ColumnSpec[];
  deps: string[];
  materialized: string;
  rawCode: string;
}

function materializedNode(n: NodeBase): ManifestNode {
  const path = `${n.dir}/${n.name}.${n.ext}`;
  return {
    database: DEMO_DATABASE,
    schema: n.schema,
    name: n.name,
    resource_type: n.resourceType,
    package_name: PACKAGE,
    path: path.replace(/^(models|seeds|snapshots)\//, ''),
    original_file_path: path,
    unique_id: n.uniqueId,
    fqn: [PACKAGE, ...path.replace(/^(models|seeds|snapshots)\//, '').replace(/\.\w+$/, '').split('/')],
    alias: n.name,
    checksum: { name: 'sha256', checksum: createHash('sha256').update(n.rawCode).digest('hex') },
    config: { enabled: true, alias: null, schema: n.schema, database: null, tags: [], meta: {}, group: null, materialized: n.materialized, access: 'protected', docs: { show: true, node_color: null } },
    tags: [],
    description: n.description,
    columns: manifestColumns(n.columns),
    meta: {},
    group: null,
    docs: { show: true, node_color: null },
    patch_path: `${PACKAGE}://${n.dir}/_${n.dir.split('/').pop()}.yml`,
    relation_name: `${DEMO_DATABASE}.${n.schema}.${n.name}`,
    raw_code: n.rawCode,
    language: 'sql',
    depends_on: { macros: [], nodes: n.deps.map((d) => (d.startsWith('source:') ? `source.${PACKAGE}.${d.slice(7)}` : refToUniqueId(d))) },
    access: 'protected',
  };
}

function testNode(name: string, metadata: { name: string; kwargs: Record<string, unknown> }, columnName: string, attached: string, dependsOn: string[], severity: string): ManifestNode {
  // dbt shortens the file name (alias) of long test names: first 30 chars of `<test>_<model>` + md5.
  const identifier = `${metadata.name}_${attached.split('.').slice(2).join('_')}`;
  const alias = name.length >= 64 ? `${identifier.slice(0, 30)}_${md5(name)}` : name;
  return {
    database: DEMO_DATABASE,
    schema: 'dbt_test__audit',
    name,
    resource_type: 'test',
    package_name: PACKAGE,
    path: `${alias}.sql`,
    original_file_path: attached.startsWith('source.') ? 'models/staging/_sources.yml' : 'models/_models.yml',
    unique_id: demoTestUniqueId(name),
    fqn: [PACKAGE, name],
    alias,
    config: { enabled: true, schema: 'dbt_test__audit', materialized: 'test', severity, fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0' },
    tags: [],
    description: '',
    columns: {},
    meta: {},
    relation_name: null,
    raw_code: `{{ test_${metadata.name}(**_dbt_generic_test_kwargs) }}`,
    language: 'sql',
    depends_on: { macros: [`macro.dbt.test_${metadata.name}`, 'macro.dbt.get_where_subquery'], nodes: dependsOn },
    column_name: columnName,
    attached_node: attached,
    test_metadata: { name: metadata.name, kwargs: { column_name: columnName, ...metadata.kwargs }, namespace: null },
  };
}

/** The generic tests a node's columns declare, named the way dbt names them. */
function columnTests(nodeName: string, uniqueId: string, columns: ColumnSpec[], sourceName?: string): ManifestNode[] {
  const tests: ManifestNode[] = [];
  // dbt names source tests `source_<test>_<source>_<table>_<column>`.
  const prefix = sourceName ? 'source_' : '';
  const target = sourceName ? `${sourceName}_${nodeName}` : nodeName;
  const ref = sourceName ? `source('${sourceName}', '${nodeName}')` : `ref('${nodeName}')`;
  const model = `{{ get_where_subquery(${ref}) }}`;
  for (const [column, , , specs = []] of columns) {
    for (const spec of specs) {
      const kinds = spec === 'pk' ? ['unique', 'not_null'] : [spec];
      for (const kind of kinds) {
        if (kind === 'unique' || kind === 'not_null' || kind === 'nn') {
          const test = kind === 'nn' ? 'not_null' : kind;
          const name = `${prefix}${test}_${target}_${column}`;
          tests.push(testNode(name, { name: test, kwargs: { model } }, column, uniqueId, [uniqueId], name === WARNED_TEST ? 'warn' : 'ERROR'));
        } else if (typeof kind === 'object' && 'values' in kind) {
          const name = `${prefix}accepted_values_${target}_${column}__${kind.values.join('__')}`;
          tests.push(testNode(name, { name: 'accepted_values', kwargs: { values: kind.values, model } }, column, uniqueId, [uniqueId], 'ERROR'));
        } else if (typeof kind === 'object' && 'rel' in kind) {
          const field = kind.field ?? column;
          const name = `${prefix}relationships_${target}_${column}__${field}__ref_${kind.rel}_`;
          const to = refToUniqueId(kind.rel);
          tests.push(testNode(name, { name: 'relationships', kwargs: { to: `ref('${kind.rel}')`, field, model } }, column, uniqueId, [to, uniqueId].sort(), 'ERROR'));
        }
      }
    }
  }
  return tests;
}

function demoSources(): ManifestSource[] {
  return DEMO_SOURCES.flatMap((source) =>
    source.tables.map((table): ManifestSource => {
      const freshness = table.freshness
        ? { warn_after: { count: table.freshness[0], period: 'hour' as const }, error_after: { count: table.freshness[1], period: 'hour' as const }, filter: null }
        : { warn_after: { count: null, period: null }, error_after: { count: null, period: null }, filter: null };
      return {
        database: RAW_DATABASE,
        schema: source.schema,
        name: table.name,
        resource_type: 'source',
        package_name: PACKAGE,
        path: 'models/staging/_sources.yml',
        original_file_path: 'models/staging/_sources.yml',
        unique_id: `source.${PACKAGE}.${source.name}.${table.name}`,
        fqn: [PACKAGE, 'staging', source.name, table.name],
        source_name: source.name,
        source_description: source.description,
        loader: source.loader,
        identifier: table.name,
        loaded_at_field: table.freshness ? '_loaded_at' : null,
        freshness,
        description: table.description,
        columns: manifestColumns(table.columns),
        meta: {},
        source_meta: {},
        tags: [],
        config: { enabled: true, freshness },
        relation_name: `${RAW_DATABASE}.${source.schema}.${table.name}`,
      };
    }),
  );
}

function demoManifest(now: Date): Manifest {
  const nodes: ManifestNode[] = [];
  for (const seed of DEMO_SEEDS) {
    const uniqueId = `seed.${PACKAGE}.${seed.name}`;
    nodes.push(materializedNode({ uniqueId, resourceType: 'seed', name: seed.name, schema: 'seeds', dir: 'seeds', ext: 'csv', description: seed.description, columns: seed.columns, deps: [], materialized: 'seed', rawCode: '' }));
    nodes.push(...columnTests(seed.name, uniqueId, seed.columns));
  }
  const snapId = `snapshot.${PACKAGE}.${DEMO_SNAPSHOT.name}`;
  nodes.push(materializedNode({ uniqueId: snapId, resourceType: 'snapshot', name: DEMO_SNAPSHOT.name, schema: 'snapshots', dir: 'snapshots', ext: 'sql', description: DEMO_SNAPSHOT.description, columns: DEMO_SNAPSHOT.columns, deps: [DEMO_SNAPSHOT.dep], materialized: 'snapshot', rawCode: "select * from {{ source('ecom', 'raw_products') }}" }));
  nodes.push(...columnTests(DEMO_SNAPSHOT.name, snapId, DEMO_SNAPSHOT.columns));
  for (const m of DEMO_MODELS) {
    const uniqueId = `model.${PACKAGE}.${m.name}`;
    const refs = m.deps.map((d) => (d.startsWith('source:') ? `{{ source('${d.slice(7).replace('.', "', '")}') }}` : `{{ ref('${d.replace(/^\w+:/, '')}') }}`));
    const rawCode = `select *\nfrom ${refs.join('\n-- joined with ') || "{{ dbt_date.get_date_dimension('2018-01-01', '2027-12-31') }}"}`;
    nodes.push(materializedNode({ uniqueId, resourceType: 'model', name: m.name, schema: m.layer, dir: `models/${m.layer}`, ext: 'sql', description: m.description, columns: m.columns, deps: m.deps, materialized: m.materialized, rawCode }));
    nodes.push(...columnTests(m.name, uniqueId, m.columns));
  }
  const sources = demoSources();
  for (const s of sources) {
    const spec = DEMO_SOURCES.find((x) => x.name === s.source_name)!.tables.find((t) => t.name === s.name)!;
    nodes.push(...columnTests(s.name, s.unique_id, spec.columns, s.source_name));
  }
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const id of [...nodes.map((n) => n.unique_id), ...sources.map((s) => s.unique_id)]) {
    parentMap[id] = [];
    childMap[id] = [];
  }
  for (const n of nodes) {
    for (const parent of n.depends_on?.nodes ?? []) {
      parentMap[n.unique_id]!.push(parent);
      childMap[parent]!.push(n.unique_id);
    }
  }
  const exposures = demoExposures().manifest;
  for (const exposure of Object.values(exposures)) {
    parentMap[exposure.unique_id] = [...exposure.depends_on.nodes];
    for (const parent of exposure.depends_on.nodes) childMap[parent]!.push(exposure.unique_id);
  }
  for (const list of Object.values(childMap)) list.sort();
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      dbt_version: '1.10.11',
      generated_at: new Date(now.getTime() - 3 * 3600_000 - 60_000).toISOString(),
      invocation_id: uuidFrom(`manifest:${now.toISOString()}`),
      env: {},
      project_name: PACKAGE,
      project_id: md5(PACKAGE),
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: 'snowflake',
    },
    nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])),
    sources: Object.fromEntries(sources.map((s) => [s.unique_id, s])),
    macros: {}, docs: {}, exposures, metrics: {}, groups: {}, selectors: {}, disabled: {},
    parent_map: parentMap,
    child_map: childMap,
    group_map: {}, saved_queries: {}, semantic_models: {}, unit_tests: {},
  };
}

/** A UUID-shaped id derived from a seed, so invocation ids are stable for a given `now`. */
export function uuidFrom(seed: string): string {
  const h = md5(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function generateDemoProject({ now }: { now: Date }): DbtArtifacts {
  const manifest = demoManifest(now);
  return { manifest, ...buildDemoRuns(manifest, now, DEMO_FACTS), automaticExposures: demoExposures().automatic };
}
