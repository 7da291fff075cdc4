/**
 * The edge where the Discovery API's shapes become Docent's domain types (docs/architecture.md "Code rules" 7).
 * Nothing outside lib/discovery sees a raw node.
 */
import { MAX_COLUMNS, MAX_COLUMN_DESCRIPTION_CHARS, MAX_ERROR_CHARS, truncateText } from '../catalog/limits';
import type {
  Exposure,
  ColumnDoc,
  NodeAbout,
  FreshnessStatus,
  ModelSummary,
  ResourceType,
  RunStatus,
  SourceFreshness,
  TestResult,
  TestStatus,
} from '../catalog/types';

type Id = string | number | null | undefined;

interface RawExecutionInfo {
  lastRunStatus?: string | null;
  executeCompletedAt?: string | null;
  lastRunGeneratedAt?: string | null;
  lastRunId?: Id;
  lastSuccessRunId?: Id;
}

export interface RawTest {
  uniqueId: string;
  name: string | null;
  columnName?: string | null;
  executionInfo: {
    lastRunStatus: string | null;
    lastRunFailures?: Id;
    lastSuccessRunId?: Id;
  } | null;
}

/** A model, seed or snapshot node as the index queries ask for it. */
export interface RawMaterializedNode {
  uniqueId: string;
  name: string | null;
  alias: string | null;
  database: string | null;
  schema: string | null;
  projectId: Id;
  description: string | null;
  executionInfo: RawExecutionInfo | null;
  tests: RawTest[] | null;
  /** Models and snapshots; `null` for a seed. Another project's model carries its project (dbt Mesh). */
  parents?: { uniqueId: string; dbtProjectName?: string | null; environmentId?: Id }[] | null;
  /** Models: `ephemeral` ones have no relation in the warehouse and are never indexed. */
  materializedType?: string | null;
  /** Versioned models: this node's version and the model's latest. */
  version?: string | null;
  latestVersion?: string | null;
}

export interface RawSourceNode {
  uniqueId: string;
  name: string | null;
  sourceName: string | null;
  identifier: string | null;
  database: string | null;
  schema: string | null;
  projectId: Id;
  description: string | null;
  freshness: {
    freshnessStatus: string | null;
    maxLoadedAt: string | null;
    freshnessRunGeneratedAt?: string | null;
    criteria?: { warnAfter: { count: number | null } | null; errorAfter: { count: number | null } | null } | null;
  } | null;
  tests: RawTest[] | null;
}

export interface RawColumn {
  name: string | null;
  description: string | null;
  type: string | null;
}

const RUN_STATUSES: readonly RunStatus[] = ['success', 'error', 'skipped', 'reused', 'warn'];
const TEST_STATUSES: readonly TestStatus[] = ['pass', 'warn', 'fail', 'error', 'skipped'];

const idString = (id: Id): string | null => (id === null || id === undefined ? null : String(id));

export function mapRunStatus(status: string | null | undefined): RunStatus | null {
  const lower = status?.toLowerCase();
  return RUN_STATUSES.find((s) => s === lower) ?? null;
}

/**
 * `reused` (state-aware orchestration) stands for the result it reused. Discovery does not repeat
 * that result; a reused test with a last successful run reused a pass, one without is unknown.
 */
export function mapTestStatus(status: string | null | undefined, lastSuccessRunId: Id = null): TestStatus | null {
  const lower = status?.toLowerCase();
  if (lower === 'success') return 'pass';
  if (lower === 'reused') return idString(lastSuccessRunId) ? 'pass' : null;
  return TEST_STATUSES.find((s) => s === lower) ?? null;
}

/** Discovery spells freshness `Pass|Warn|Error|Skipped|Unknown`; only the first three are verdicts. */
export function mapFreshnessStatus(status: string | null | undefined): FreshnessStatus | null {
  const lower = status?.toLowerCase();
  return lower === 'pass' || lower === 'warn' || lower === 'error' ? lower : null;
}

function mapTests(tests: RawTest[] | null): TestResult[] {
  return (tests ?? []).map((t) => {
    const failures = Number(t.executionInfo?.lastRunFailures ?? NaN);
    return {
      uniqueId: t.uniqueId,
      name: t.name ?? t.uniqueId,
      status: mapTestStatus(t.executionInfo?.lastRunStatus, t.executionInfo?.lastSuccessRunId),
      columnName: t.columnName ?? null,
      failures: Number.isFinite(failures) ? failures : null,
    };
  });
}

const hasText = (text: string | null | undefined) => typeof text === 'string' && text.trim().length > 0;

/** A source has a freshness check when `warn_after` or `error_after` has a count (dbt's `freshness: null` has neither). */
function freshnessConfigured(criteria: NonNullable<RawSourceNode['freshness']>['criteria'], status: string | null | undefined): boolean {
  if (criteria === undefined) return mapFreshnessStatus(status) !== null;
  return criteria?.warnAfter?.count != null || criteria?.errorAfter?.count != null;
}

export function mapSourceFreshness(node: RawSourceNode): SourceFreshness {
  return {
    uniqueId: node.uniqueId,
    name: `${node.sourceName ?? '?'}.${node.name ?? node.identifier ?? '?'}`,
    status: mapFreshnessStatus(node.freshness?.freshnessStatus),
    configured: freshnessConfigured(node.freshness?.criteria, node.freshness?.freshnessStatus),
    maxLoadedAt: node.freshness?.maxLoadedAt ?? null,
    checkedAt: node.freshness?.freshnessRunGeneratedAt ?? null,
  };
}

/**
 * Models, seeds and snapshots, with their direct parents; `upstreamSources` is left for the
 * catalog to compute over the whole graph once every page is in.
 */
export function mapMaterializedNode(node: RawMaterializedNode, resourceType: Exclude<ResourceType, 'source'>): ModelSummary {
  const info = node.executionInfo;
  const lastRunStatus = mapRunStatus(info?.lastRunStatus);
  // Two runs (dbt docs, Discovery API "Applied object schema"): `lastRun*` is the latest
  // attempt whatever its outcome; `executeCompletedAt` is the latest *successful* build, so it keeps
  // its time when the latest attempt failed.
  const lastRunAt = info?.lastRunGeneratedAt ?? null;
  const lastSuccessAt = info?.executeCompletedAt ?? null;
  const name = node.name ?? node.uniqueId.split('.').pop() ?? node.uniqueId;
  return {
    uniqueId: node.uniqueId,
    resourceType,
    name,
    database: node.database,
    schema: node.schema,
    alias: node.alias ?? name,
    projectId: idString(node.projectId),
    hasDescription: hasText(node.description),
    lastRunStatus,
    lastRunAt,
    lastSuccessAt,
    lastRunId: idString(info?.lastRunId),
    lastSuccessRunId: idString(info?.lastSuccessRunId),
    tests: mapTests(node.tests),
    ...(node.version ? { version: String(node.version), latestVersion: node.latestVersion ? String(node.latestVersion) : null } : {}),
    parentIds: (node.parents ?? []).map((p) => p.uniqueId),
    ...externalParentsOf(node.parents),
    upstreamSources: [],
  };
}

/** Parents from other dbt projects: only `ExternalModelNode` answers `dbtProjectName`. */
function externalParentsOf(parents: RawMaterializedNode['parents']): Pick<ModelSummary, 'externalParents'> {
  const external = (parents ?? [])
    .filter((p) => typeof p.dbtProjectName === 'string' && p.dbtProjectName !== '')
    .map((p) => ({ uniqueId: p.uniqueId, project: p.dbtProjectName!, environmentId: idString(p.environmentId) }));
  return external.length > 0 ? { externalParents: external } : {};
}

/** A source's badge is its freshness, so its own freshness is its only "upstream" entry. */
export function mapSourceNode(node: RawSourceNode): ModelSummary {
  const name = node.name ?? node.identifier ?? node.uniqueId;
  return {
    uniqueId: node.uniqueId,
    resourceType: 'source',
    name,
    database: node.database,
    schema: node.schema,
    alias: node.identifier ?? name,
    projectId: idString(node.projectId),
    hasDescription: hasText(node.description),
    lastRunStatus: null,
    lastRunAt: null,
    lastSuccessAt: null,
    lastRunId: null,
    lastSuccessRunId: null,
    tests: mapTests(node.tests),
    parentIds: [],
    upstreamSources: [mapSourceFreshness(node)],
  };
}

export function mapColumns(columns: RawColumn[] | null | undefined): Omit<ColumnDoc, 'descriptionHtml'>[] {
  return (columns ?? []).slice(0, MAX_COLUMNS).map((c) => ({
    name: c.name ?? '?',
    description: truncateText(c.description, MAX_COLUMN_DESCRIPTION_CHARS),
    type: c.type,
  }));
}

export interface RawExposure {
  uniqueId: string;
  name: string | null;
  url: string | null;
  exposureType: string | null;
  projectId: Id;
  parents: { uniqueId: string }[] | null;
}

export function mapExposure(node: RawExposure): Exposure {
  return {
    uniqueId: node.uniqueId,
    name: node.name ?? node.uniqueId.split('.').pop() ?? node.uniqueId,
    url: hasText(node.url) ? node.url!.trim() : null,
    exposureType: node.exposureType,
    projectId: idString(node.projectId),
    parentIds: (node.parents ?? []).map((p) => p.uniqueId),
  };
}

/** The doc card's particulars beyond description and columns, as the details queries ask for them. */
export interface RawDetailsExtras {
  meta?: Record<string, unknown> | null;
  tags?: string[] | null;
  packageName?: string | null;
  access?: string | null;
  group?: string | null;
  materializedType?: string | null;
  version?: string | null;
  relationName?: string | null;
  catalog?: { owner?: string | null } | null;
  tests?: { uniqueId: string; executionInfo: { lastRunStatus: string | null; lastRunError: string | null } | null }[] | null;
}

/**
 * Owner: dbt has no owner field on a model; `meta.owner` is the common convention, else the
 * warehouse's table owner from the catalog. Ephemeral models have no relation (`relationName` null).
 */
export function mapAbout(node: RawDetailsExtras, resourceType: ResourceType): NodeAbout {
  const metaOwner = node.meta?.owner;
  return {
    owner: typeof metaOwner === 'string' && metaOwner.trim() ? metaOwner : (node.catalog?.owner ?? null),
    group: node.group ?? null,
    tags: node.tags ?? [],
    materialization: node.materializedType ?? (resourceType === 'model' ? null : resourceType),
    access: node.access ?? null,
    packageName: node.packageName ?? null,
    version: node.version ?? null,
    relationName: node.relationName ?? null,
  };
}

/** Each failing, erroring or warning test's message, truncated, by test unique id. */
export function mapTestErrors(node: RawDetailsExtras): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const test of node.tests ?? []) {
    const message = truncateText(test.executionInfo?.lastRunError, MAX_ERROR_CHARS);
    if (message) errors[test.uniqueId] = message;
  }
  return errors;
}
