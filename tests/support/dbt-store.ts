/**
 * dbt artifacts turned into what the Discovery API calls applied state: one record per model,
 * seed, snapshot, source and test, with the latest execution of each node across runs, its tests,
 * its place in the DAG, its catalog columns and (for sources) its freshness. The mock Discovery
 * server's resolvers read only this.
 */
import type { CatalogTable, DbtArtifacts, DbtRun, FreshnessThreshold, ManifestColumn, ManifestNode, ManifestSource, RunResult, TestMetadata } from './dbt-artifacts';

export type AppliedResourceType = 'model' | 'seed' | 'snapshot' | 'source' | 'test';
const APPLIED_TYPES: readonly string[] = ['model', 'seed', 'snapshot', 'test'];

export interface ExecutionInfo {
  /** As dbt wrote it: success | error | skipped | reused for nodes; pass | fail | warn | error | skipped for tests. */
  lastRunStatus: string;
  lastRunError: string | null;
  lastRunFailures: number | null;
  compileStartedAt: string | null;
  compileCompletedAt: string | null;
  executeStartedAt: string | null;
  executeCompletedAt: string | null;
  executionTime: number | null;
  runElapsedTime: number;
  /** When the run of the latest successful build was generated; `null` when it never succeeded. */
  runGeneratedAt: string | null;
  lastRunGeneratedAt: string;
  lastRunId: string;
  lastJobDefinitionId: string | null;
  lastSuccessRunId: string | null;
  lastSuccessJobDefinitionId: string | null;
}

export interface FreshnessInfo {
  criteria: { warnAfter: FreshnessThreshold | null; errorAfter: FreshnessThreshold | null };
  checked: boolean;
  /** The Discovery API's `FreshnessStatus` enum value, `null` when never checked. */
  status: 'Pass' | 'Warn' | 'Error' | null;
  maxLoadedAt: string | null;
  maxLoadedAtTimeAgoInS: number | null;
  snapshottedAt: string | null;
  runGeneratedAt: string | null;
  runId: string | null;
  jobDefinitionId: string | null;
}

export interface CatalogInfo {
  type: string;
  comment: string | null;
  owner: string | null;
  rowCount: number | null;
  bytes: number | null;
  generatedAt: string;
  /** In the warehouse's order and spelling, with the manifest's column descriptions merged in. */
  columns: { name: string; type: string; index: number; comment: string | null; description: string | null }[];
}

export interface StoredNode {
  uniqueId: string;
  resourceType: AppliedResourceType;
  name: string;
  packageName: string;
  database: string | null;
  schema: string;
  /** The relation's table name: a model's alias, a source's identifier. */
  alias: string;
  relationName: string | null;
  description: string;
  filePath: string;
  patchPath: string | null;
  fqn: string[];
  tags: string[];
  meta: Record<string, unknown>;
  config: Record<string, unknown>;
  materializedType: string | null;
  /** A versioned model's version, and the latest version of that model. */
  version: string | null;
  latestVersion: string | null;
  access: string | null;
  group: string | null;
  language: string | null;
  rawCode: string | null;
  compiledCode: string | null;
  source: { sourceName: string; sourceDescription: string; loader: string } | null;
  test: { columnName: string | null; metadata: TestMetadata | null; testedNodeUniqueId: string | null } | null;
  parents: string[];
  /**
   * dbt Mesh: models of other projects this node reads (`ref('other_project', 'model')`), in the
   * manifest's parent map but not among its nodes. The API answers them as `ExternalModelNode`.
   */
  externalParents: string[];
  children: string[];
  /** Tests attached to this node, by unique id. */
  testIds: string[];
  execution: ExecutionInfo | null;
  freshness: FreshnessInfo | null;
  catalog: CatalogInfo | null;
}

export interface DbtStore {
  adapterType: string | null;
  projectName: string | null;
  dbtVersion: string;
  lastUpdatedAt: string;
  get(uniqueId: string): StoredNode | undefined;
  /** Every node of a type, in a stable order (by unique id). */
  list(type: AppliedResourceType): StoredNode[];
  /** Exposures, by unique id. */
  exposures: StoredExposure[];
  /** Transitive parents, nearest first, of the given resource types. */
  ancestors(uniqueId: string, types: AppliedResourceType[]): StoredNode[];
}

export interface StoredExposure {
  uniqueId: string;
  name: string;
  label: string | null;
  exposureType: string;
  url: string | null;
  description: string;
  filePath: string;
  fqn: string[];
  tags: string[];
  meta: Record<string, unknown>;
  packageName: string;
  ownerName: string | null;
  ownerEmail: string | null;
  parents: string[];
}

const SUCCESS = new Set(['success', 'reused', 'pass']);

function executionIndex(runs: DbtRun[]): Map<string, ExecutionInfo> {
  const ordered = [...runs].sort((a, b) => a.runResults.metadata.generated_at.localeCompare(b.runResults.metadata.generated_at));
  const out = new Map<string, ExecutionInfo>();
  for (const run of ordered) {
    for (const r of run.runResults.results) {
      const previous = out.get(r.unique_id);
      const ok = SUCCESS.has(r.status);
      // dbt: the execute* times, executionTime and runGeneratedAt describe the latest *successful*
      // materialisation; only lastRun* follow the latest attempt. A failed run keeps the old success.
      const success = ok
        ? { ...timing(r), executionTime: r.execution_time ?? null, runGeneratedAt: run.runResults.metadata.generated_at }
        : previous
          ? { ...pick(previous), executionTime: previous.executionTime, runGeneratedAt: previous.runGeneratedAt }
          : { ...timing(null), executionTime: null, runGeneratedAt: null };
      out.set(r.unique_id, {
        ...success,
        lastRunStatus: r.status,
        lastRunError: r.status === 'error' ? r.message : null,
        lastRunFailures: r.failures ?? null,
        runElapsedTime: run.runResults.elapsed_time,
        lastRunGeneratedAt: run.runResults.metadata.generated_at,
        lastRunId: run.runId,
        lastJobDefinitionId: run.jobDefinitionId,
        lastSuccessRunId: ok ? run.runId : (previous?.lastSuccessRunId ?? null),
        lastSuccessJobDefinitionId: ok ? run.jobDefinitionId : (previous?.lastSuccessJobDefinitionId ?? null),
      });
    }
  }
  return out;
}

function pick(e: ExecutionInfo) {
  const { compileStartedAt, compileCompletedAt, executeStartedAt, executeCompletedAt } = e;
  return { compileStartedAt, compileCompletedAt, executeStartedAt, executeCompletedAt };
}

function timing(r: RunResult | null) {
  const phase = (name: string) => r?.timing.find((t) => t.name === name);
  return {
    compileStartedAt: phase('compile')?.started_at ?? null,
    compileCompletedAt: phase('compile')?.completed_at ?? null,
    executeStartedAt: phase('execute')?.started_at ?? null,
    executeCompletedAt: phase('execute')?.completed_at ?? null,
  };
}

function catalogInfo(table: CatalogTable | undefined, columns: Record<string, ManifestColumn>, generatedAt: string): CatalogInfo | null {
  if (!table) return null;
  // Warehouses report unquoted names in their own case (Snowflake: upper); yml is usually lower.
  const docs = new Map(Object.values(columns).map((c) => [c.name.toLowerCase(), c.description]));
  const stat = (...ids: string[]) => {
    const found = ids.map((id) => table.stats[id]).find((s) => s?.include && typeof s.value === 'number');
    return (found?.value as number | undefined) ?? null;
  };
  return {
    type: table.metadata.type,
    comment: table.metadata.comment,
    owner: table.metadata.owner,
    rowCount: stat('row_count', 'num_rows'),
    bytes: stat('bytes', 'num_bytes'),
    generatedAt,
    columns: Object.values(table.columns)
      .sort((a, b) => a.index - b.index)
      .map((c) => ({ name: c.name, type: c.type, index: c.index, comment: c.comment, description: docs.get(c.name.toLowerCase()) || null })),
  };
}

function fromNode(n: ManifestNode): StoredNode {
  const isTest = n.resource_type === 'test';
  return {
    uniqueId: n.unique_id,
    resourceType: n.resource_type as AppliedResourceType,
    name: n.name,
    packageName: n.package_name,
    database: n.database,
    schema: n.schema,
    alias: n.alias ?? n.name,
    relationName: n.relation_name ?? null,
    description: n.description,
    filePath: n.original_file_path,
    patchPath: n.patch_path ?? null,
    fqn: n.fqn,
    tags: n.tags,
    meta: n.meta,
    config: n.config,
    materializedType: n.config.materialized ?? null,
    version: n.version == null ? null : String(n.version),
    latestVersion: n.latest_version == null ? null : String(n.latest_version),
    access: n.access ?? n.config.access ?? null,
    group: n.group ?? null,
    language: n.language ?? null,
    rawCode: n.raw_code ?? null,
    compiledCode: n.compiled_code ?? null,
    source: null,
    test: isTest ? { columnName: n.column_name ?? null, metadata: n.test_metadata ?? null, testedNodeUniqueId: n.attached_node ?? null } : null,
    parents: [],
    externalParents: [],
    children: [],
    testIds: [],
    execution: null,
    freshness: null,
    catalog: null,
  };
}

function fromSource(s: ManifestSource): StoredNode {
  return {
    ...fromNode({ ...s, schema: s.schema, alias: s.identifier, config: {} } as unknown as ManifestNode),
    resourceType: 'source',
    source: { sourceName: s.source_name, sourceDescription: s.source_description, loader: s.loader },
  };
}

export function buildDbtStore(artifacts: DbtArtifacts): DbtStore {
  const { manifest, catalog, freshness } = artifacts;
  const nodes = new Map<string, StoredNode>();
  for (const n of Object.values(manifest.nodes)) if (APPLIED_TYPES.includes(n.resource_type)) nodes.set(n.unique_id, fromNode(n));
  for (const s of Object.values(manifest.sources)) nodes.set(s.unique_id, fromSource(s));

  const executions = executionIndex(artifacts.runs);
  const catalogAt = catalog?.metadata.generated_at ?? '';
  for (const node of nodes.values()) {
    node.parents = (manifest.parent_map[node.uniqueId] ?? []).filter((id) => nodes.has(id));
    node.externalParents = (manifest.parent_map[node.uniqueId] ?? []).filter((id) => !nodes.has(id) && id.startsWith('model.'));
    node.children = (manifest.child_map[node.uniqueId] ?? []).filter((id) => nodes.has(id));
    node.execution = executions.get(node.uniqueId) ?? null;
    const entry = node.resourceType === 'source' ? manifest.sources[node.uniqueId] : manifest.nodes[node.uniqueId];
    const table = node.resourceType === 'source' ? catalog?.sources[node.uniqueId] : catalog?.nodes[node.uniqueId];
    if (node.resourceType !== 'test') node.catalog = catalogInfo(table, entry?.columns ?? {}, catalogAt);
  }
  // A test belongs to the node it is attached to (dbt ≥1.5 writes `attached_node`); a relationships
  // test thus counts against the model holding the foreign key, not the one it points to. Older
  // manifests without it: every node the test depends on.
  for (const n of Object.values(manifest.nodes)) {
    if (n.resource_type !== 'test') continue;
    const targets = n.attached_node ? [n.attached_node] : (n.depends_on?.nodes ?? []);
    for (const target of targets) nodes.get(target)?.testIds.push(n.unique_id);
  }
  const results = new Map((freshness?.sources.results ?? []).map((r) => [r.unique_id, r]));
  for (const s of Object.values(manifest.sources)) {
    const r = results.get(s.unique_id);
    const status = r ? ({ pass: 'Pass', warn: 'Warn', error: 'Error', 'runtime error': 'Error' } as const)[r.status as 'pass'] ?? null : null;
    nodes.get(s.unique_id)!.freshness = {
      criteria: { warnAfter: s.freshness?.warn_after ?? null, errorAfter: s.freshness?.error_after ?? null },
      checked: Boolean(r),
      status,
      maxLoadedAt: r?.max_loaded_at ?? null,
      maxLoadedAtTimeAgoInS: r?.max_loaded_at_time_ago_in_s ?? null,
      snapshottedAt: r?.snapshotted_at ?? null,
      runGeneratedAt: r ? freshness!.sources.metadata.generated_at : null,
      runId: r ? freshness!.runId : null,
      jobDefinitionId: r ? freshness!.jobDefinitionId : null,
    };
  }

  const byType = new Map<AppliedResourceType, StoredNode[]>();
  for (const node of [...nodes.values()].sort((a, b) => a.uniqueId.localeCompare(b.uniqueId))) {
    const list = byType.get(node.resourceType);
    if (list) list.push(node);
    else byType.set(node.resourceType, [node]);
  }
  const exposures: StoredExposure[] = [...Object.values(manifest.exposures ?? {}), ...(artifacts.automaticExposures ?? [])]
    .sort((a, b) => a.unique_id.localeCompare(b.unique_id))
    .map((e) => ({
      uniqueId: e.unique_id,
      name: e.name,
      label: e.label ?? null,
      exposureType: e.type,
      url: e.url ?? null,
      description: e.description,
      filePath: e.original_file_path,
      fqn: e.fqn,
      tags: e.tags,
      meta: e.meta,
      packageName: e.package_name,
      ownerName: e.owner.name ?? null,
      ownerEmail: e.owner.email ?? null,
      parents: e.depends_on.nodes.filter((id) => nodes.has(id)),
    }));
  const times = [manifest.metadata.generated_at, catalogAt, freshness?.sources.metadata.generated_at ?? '', ...artifacts.runs.map((r) => r.runResults.metadata.generated_at)];
  return {
    adapterType: manifest.metadata.adapter_type ?? null,
    projectName: manifest.metadata.project_name ?? null,
    dbtVersion: manifest.metadata.dbt_version,
    lastUpdatedAt: times.filter(Boolean).map((t) => new Date(t).toISOString()).sort().at(-1)!,
    get: (id) => nodes.get(id),
    list: (type) => byType.get(type) ?? [],
    exposures,
    ancestors(uniqueId, types) {
      const seen = new Set<string>([uniqueId]);
      const out: StoredNode[] = [];
      let frontier = nodes.get(uniqueId)?.parents ?? [];
      while (frontier.length) {
        const next: string[] = [];
        for (const id of frontier) {
          if (seen.has(id)) continue;
          seen.add(id);
          const node = nodes.get(id)!;
          if (types.includes(node.resourceType)) out.push(node);
          next.push(...node.parents);
        }
        frontier = next;
      }
      return out;
    },
  };
}
