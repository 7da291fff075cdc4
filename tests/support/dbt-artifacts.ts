/**
 * The shapes of real dbt artifacts, as far as the test support reads them (manifest v12, run_results
 * v6, catalog v1, sources v3), and a loader for artifacts on disk. Fields the store does not read
 * are allowed through (`[key: string]: unknown`) so real files type-check unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ManifestColumn {
  name: string;
  description: string;
  data_type?: string | null;
  [key: string]: unknown;
}

export interface TestMetadata {
  name: string;
  kwargs: Record<string, unknown>;
  namespace: string | null;
}

export interface FreshnessThreshold {
  count: number | null;
  period: 'minute' | 'hour' | 'day' | null;
}

export interface FreshnessCriteria {
  warn_after: FreshnessThreshold | null;
  error_after: FreshnessThreshold | null;
  filter: string | null;
}

/** A manifest `nodes` entry: model, seed, snapshot, test, operation, analysis… */
export interface ManifestNode {
  unique_id: string;
  /** Versioned models (dbt ≥ 1.5): this node's version and the model's latest. */
  version?: string | number | null;
  latest_version?: string | number | null;
  resource_type: string;
  name: string;
  package_name: string;
  database: string | null;
  schema: string;
  alias?: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  description: string;
  columns: Record<string, ManifestColumn>;
  tags: string[];
  meta: Record<string, unknown>;
  config: { materialized?: string; severity?: string; access?: string; group?: string | null; [key: string]: unknown };
  depends_on?: { macros?: string[]; nodes?: string[] };
  relation_name?: string | null;
  patch_path?: string | null;
  raw_code?: string;
  compiled_code?: string;
  language?: string;
  access?: string;
  group?: string | null;
  column_name?: string | null;
  attached_node?: string | null;
  test_metadata?: TestMetadata;
  [key: string]: unknown;
}

/** A manifest `sources` entry. */
export interface ManifestSource {
  unique_id: string;
  resource_type: 'source';
  name: string;
  source_name: string;
  source_description: string;
  package_name: string;
  database: string | null;
  schema: string;
  identifier: string;
  path: string;
  original_file_path: string;
  fqn: string[];
  description: string;
  loader: string;
  loaded_at_field: string | null;
  freshness: FreshnessCriteria | null;
  columns: Record<string, ManifestColumn>;
  tags: string[];
  meta: Record<string, unknown>;
  relation_name: string | null;
  [key: string]: unknown;
}

export interface Manifest {
  metadata: { dbt_version: string; generated_at: string; project_name?: string; adapter_type?: string; [key: string]: unknown };
  nodes: Record<string, ManifestNode>;
  sources: Record<string, ManifestSource>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
  /** Dashboards and reports declared in dbt (manifest v12 `exposures`). */
  exposures?: Record<string, ManifestExposure>;
  [key: string]: unknown;
}

/** A manifest `exposures` entry. */
export interface ManifestExposure {
  unique_id: string;
  name: string;
  /** dashboard, notebook, analysis, ml, application. */
  type: string;
  url?: string | null;
  label?: string | null;
  package_name: string;
  original_file_path: string;
  fqn: string[];
  tags: string[];
  meta: Record<string, unknown>;
  description: string;
  owner: { name?: string | null; email?: string | null };
  depends_on: { nodes: string[] };
}

export interface TimingInfo {
  name: 'compile' | 'execute' | string;
  started_at: string | null;
  completed_at: string | null;
}

export interface RunResult {
  unique_id: string;
  /** node: success | error | skipped | no-op; test: pass | fail | warn | error | skipped. */
  status: string;
  timing: TimingInfo[];
  thread_id: string;
  execution_time: number;
  adapter_response: Record<string, unknown>;
  message: string | null;
  failures: number | null;
  [key: string]: unknown;
}

export interface RunResultsArtifact {
  metadata: { dbt_version: string; generated_at: string; invocation_id: string; [key: string]: unknown };
  results: RunResult[];
  elapsed_time: number;
  args?: Record<string, unknown>;
}

export interface CatalogColumnEntry {
  type: string;
  index: number;
  name: string;
  comment: string | null;
}

export interface CatalogTable {
  metadata: { type: string; schema: string; name: string; database: string | null; comment: string | null; owner: string | null };
  columns: Record<string, CatalogColumnEntry>;
  stats: Record<string, { id: string; label: string; value: unknown; include: boolean; description: string }>;
  unique_id: string | null;
}

export interface CatalogArtifact {
  metadata: { generated_at: string; [key: string]: unknown };
  nodes: Record<string, CatalogTable>;
  sources: Record<string, CatalogTable>;
  errors: string[] | null;
}

export interface SourceFreshnessResult {
  unique_id: string;
  /** pass | warn | error | runtime error */
  status: string;
  max_loaded_at?: string;
  snapshotted_at?: string;
  max_loaded_at_time_ago_in_s?: number;
  criteria?: FreshnessCriteria;
  error?: string;
  [key: string]: unknown;
}

export interface SourcesArtifact {
  metadata: { dbt_schema_version: string; generated_at: string; invocation_id: string; [key: string]: unknown };
  results: SourceFreshnessResult[];
  elapsed_time: number;
}

/**
 * One dbt Cloud run: its artifact plus the ids dbt Cloud gives it (run_results.json itself carries
 * no dbt Cloud run id). The Discovery API's applied state is the latest of many runs, so the store
 * takes a list, oldest first.
 */
export interface DbtRun {
  runId: string;
  jobDefinitionId: string | null;
  runResults: RunResultsArtifact;
}

export interface DbtFreshnessRun {
  runId: string;
  jobDefinitionId: string | null;
  sources: SourcesArtifact;
}

export interface DbtArtifacts {
  manifest: Manifest;
  runs: DbtRun[];
  catalog: CatalogArtifact | null;
  freshness: DbtFreshnessRun | null;
  /**
   * dbt's automatic exposures (Tableau, Power BI): held in dbt's metadata, in no artifact file;
   * the mock Discovery API lists them beside the manifest's.
   */
  automaticExposures?: ManifestExposure[];
}

/**
 * A stable BigInt-like id (14-15 digits, like real dbt Cloud ids) for an artifact read from disk,
 * derived from its invocation id so the same file always gets the same run id.
 */
export function runIdFromInvocation(invocationId: string): string {
  const n = parseInt(createHash('md5').update(invocationId).digest('hex').slice(0, 12), 16);
  return String(70_000_000_000_000 + (n % 9_000_000_000_000));
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/**
 * Reads `<prefix>.manifest.json` and, when present, `.run_results.json`, `.catalog.json` and
 * `.sources.json` from `dir` (the layout of /work/shared/fixtures/dbt-artifacts).
 */
export function loadArtifactsFromDir(dir: string, prefix: string): DbtArtifacts {
  const file = (kind: string) => join(dir, `${prefix}.${kind}.json`);
  const manifest = readJson<Manifest>(file('manifest'));
  const runs: DbtRun[] = [];
  if (existsSync(file('run_results'))) {
    const runResults = readJson<RunResultsArtifact>(file('run_results'));
    runs.push({ runId: runIdFromInvocation(runResults.metadata.invocation_id), jobDefinitionId: null, runResults });
  }
  const catalog = existsSync(file('catalog')) ? readJson<CatalogArtifact>(file('catalog')) : null;
  let freshness: DbtFreshnessRun | null = null;
  if (existsSync(file('sources'))) {
    const sources = readJson<SourcesArtifact>(file('sources'));
    freshness = { runId: runIdFromInvocation(sources.metadata.invocation_id), jobDefinitionId: null, sources };
  }
  return { manifest, runs, catalog, freshness };
}
