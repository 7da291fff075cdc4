/**
 * The mock Discovery API's schema and resolvers: the subset in discovery-schema.graphql, answered
 * from a DbtStore. Where the real API's behaviour is a guess, the comment says so.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLError, GraphQLScalarType, Kind, buildSchema, valueFromASTUntyped, type GraphQLSchema, type ValueNode } from 'graphql';
import type { AppliedResourceType, DbtStore, ExecutionInfo, StoredExposure, StoredNode } from './dbt-store';

export const MAX_PAGE_SIZE = 500;

export interface ResolverContext {
  store: DbtStore;
  environmentId: string;
  accountId: string;
  projectId: string;
  /**
   * dbt Mesh: where other projects' public models live, by dbt project name (the environment
   * whose metadata the cross-project reference resolves to). A project not listed gets made-up ids.
   */
  projects?: Record<string, { environmentId: string; projectId: string }>;
  /** The other environments this server answers for (the same account), by environment id. */
  siblings?: Record<string, ResolverContext>;
}

/** A stable made-up BigInt for a project the mock does not serve. */
const madeUpId = (seed: string) => `7040310${[...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9_000_000, 7) + 1_000_000}`;

/**
 * A cross-project parent as the API gives it (`ExternalModelNode`): the upstream project's name and
 * environment, read from the unique id (`model.<project>.<name>`) and the projects the mock knows.
 */
function externalModel(uniqueId: string, ctx: ResolverContext) {
  const [, project = '', name = ''] = uniqueId.split('.');
  const known = ctx.projects?.[project];
  const upstream = Object.values(ctx.siblings ?? {}).find((s) => s.store.projectName === project);
  const node = upstream?.store.get(uniqueId);
  return {
    __typename: 'ExternalModelNode',
    accountId: ctx.accountId,
    environmentId: known?.environmentId ?? upstream?.environmentId ?? madeUpId(`env:${project}`),
    projectId: known?.projectId ?? upstream?.projectId ?? madeUpId(`project:${project}`),
    dbtProjectName: project,
    uniqueId,
    name,
    resourceType: 'model',
    packageName: project,
    filePath: node?.filePath ?? '',
    fqn: node?.fqn ?? [project, name],
    description: node?.description ?? null,
    database: node?.database ?? null,
    schema: node?.schema ?? null,
    identifier: node?.alias ?? null,
    relationName: node?.relationName ?? null,
  };
}

const SCHEMA_PATH = fileURLToPath(new URL('./discovery-schema.graphql', import.meta.url));

/** BigInt ids keep every digit: they are parsed to strings, never to JS numbers. */
function parseBigInt(value: unknown): string {
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new GraphQLError(`BigInt cannot represent value: ${JSON.stringify(value)}`);
}

function literal(parse: (v: unknown) => unknown) {
  return (ast: ValueNode) => {
    // An IntValue's text is kept as written, so 14+ digit ids lose nothing.
    if (ast.kind === Kind.INT || ast.kind === Kind.STRING) return parse(ast.value);
    throw new GraphQLError(`Cannot parse literal of kind ${ast.kind}`);
  };
}

function installScalars(schema: GraphQLSchema): void {
  const set = (name: string, impl: Partial<Pick<GraphQLScalarType, 'serialize' | 'parseValue' | 'parseLiteral'>>) =>
    Object.assign(schema.getType(name) as GraphQLScalarType, impl);
  set('BigInt', {
    parseValue: parseBigInt,
    parseLiteral: literal(parseBigInt),
    // Guess: the real API answers BigInt fields as JSON numbers (real ids fit in 2^53); bigger
    // values would be unsafe as numbers, so those stay strings.
    serialize: (v) => {
      const s = parseBigInt(v);
      return Number.isSafeInteger(Number(s)) ? Number(s) : s;
    },
  });
  set('DateTime', { serialize: (v) => (v instanceof Date ? v.toISOString() : String(v)), parseValue: String, parseLiteral: literal(String) });
  for (const name of ['JSONObject', 'AnyScalar']) {
    set(name, { serialize: (v) => v, parseValue: (v) => v, parseLiteral: (ast) => valueFromASTUntyped(ast) });
  }
}

export function buildMockSchema(): GraphQLSchema {
  const schema = buildSchema(readFileSync(SCHEMA_PATH, 'utf8'));
  installScalars(schema);
  return schema;
}

// ---- paging -----------------------------------------------------------------------------------

const encodeCursor = (kind: string, index: number) => Buffer.from(`${kind}:${index}`).toString('base64url');
function decodeCursor(kind: string, cursor: string): number {
  const [k, i] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  const index = Number(i);
  if (k !== kind || !Number.isInteger(index) || index < 0) throw new GraphQLError(`Invalid cursor: ${cursor}`);
  return index;
}

interface PageArgs { first?: number | null; after?: string | null }

function connection<T>(kind: string, items: T[], args: PageArgs, toNode: (n: T) => object) {
  // Guess: the real API's default page size when `first` is omitted is unknown; 500 is its maximum.
  const first = args.first ?? MAX_PAGE_SIZE;
  if (first > MAX_PAGE_SIZE) throw new GraphQLError(`Maximum page size is ${MAX_PAGE_SIZE}: ask for first <= ${MAX_PAGE_SIZE} and page with after.`);
  if (first < 0) throw new GraphQLError('first must be a non-negative integer');
  const start = args.after ? decodeCursor(kind, args.after) + 1 : 0;
  const edges = items.slice(start, start + first).map((n, i) => ({ cursor: encodeCursor(kind, start + i), node: toNode(n) }));
  return {
    totalCount: items.length,
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
    },
  };
}

// ---- filters ----------------------------------------------------------------------------------

interface Filter {
  uniqueIds?: string[] | null; database?: string | null; schema?: string | null; identifier?: string | null;
  tags?: string[] | null; packageName?: string | null; lastRunStatus?: string | null; access?: string | null; group?: string | null;
  sourceNames?: string[] | null; freshnessChecked?: boolean | null; freshnessStatus?: string | null;
  status?: string | null; testTypes?: string[] | null;
}

/** Guess: names compare case-insensitively, the way the warehouse treats unquoted identifiers. */
const same = (actual: string | null, wanted: string | null | undefined) => wanted == null || (actual ?? '').toLowerCase() === wanted.toLowerCase();

function matches(n: StoredNode, f: Filter | null | undefined): boolean {
  if (!f) return true;
  return (
    (f.uniqueIds == null || f.uniqueIds.includes(n.uniqueId)) &&
    same(n.database, f.database) && same(n.schema, f.schema) && same(n.alias, f.identifier) &&
    (f.tags == null || f.tags.some((t) => n.tags.includes(t))) &&
    same(n.packageName, f.packageName) && same(n.access, f.access) && same(n.group, f.group) &&
    (f.lastRunStatus == null || modelRunStatus(n.execution) === f.lastRunStatus) &&
    (f.sourceNames == null || f.sourceNames.includes(n.source?.sourceName ?? '')) &&
    (f.freshnessChecked == null || (n.freshness?.checked ?? false) === f.freshnessChecked) &&
    (f.freshnessStatus == null || n.freshness?.status === f.freshnessStatus) &&
    (f.status == null || n.execution?.lastRunStatus === f.status) &&
    (f.testTypes == null || f.testTypes.includes(testType(n)))
  );
}

// ---- nodes ------------------------------------------------------------------------------------

const RUN_STATUS: Record<string, string> = { success: 'success', error: 'error', skipped: 'skipped', warn: 'warn', reused: 'reused', 'no-op': 'reused' };
const modelRunStatus = (e: ExecutionInfo | null) => (e ? (RUN_STATUS[e.lastRunStatus] ?? null) : null);
const testType = (n: StoredNode) => (n.test?.metadata ? 'GENERIC_DATA_TEST' : 'SINGULAR_DATA_TEST');

/** Execution info as the API shapes it; never-run nodes get all-null fields (or null where the field allows). */
function executionInfo(e: ExecutionInfo | null, kind: AppliedResourceType) {
  return {
    compileStartedAt: e?.compileStartedAt ?? null,
    compileCompletedAt: e?.compileCompletedAt ?? null,
    executeStartedAt: e?.executeStartedAt ?? null,
    executeCompletedAt: e?.executeCompletedAt ?? null,
    executionTime: e?.executionTime ?? null,
    lastJobDefinitionId: e?.lastJobDefinitionId ?? null,
    lastRunError: e?.lastRunError ?? null,
    lastRunGeneratedAt: e?.lastRunGeneratedAt ?? null,
    lastRunId: e?.lastRunId ?? null,
    lastRunStatus: kind === 'model' ? modelRunStatus(e) : (e?.lastRunStatus ?? null),
    lastRunSkip: e ? e.lastRunStatus === 'skipped' : null,
    lastRunFailures: e?.lastRunFailures ?? null,
    lastSuccessJobDefinitionId: e?.lastSuccessJobDefinitionId ?? null,
    lastSuccessRunId: e?.lastSuccessRunId ?? null,
    runElapsedTime: e?.runElapsedTime ?? null,
    runGeneratedAt: e?.runGeneratedAt ?? null,
  };
}

const TYPENAME: Record<AppliedResourceType, string> = { model: 'Model', seed: 'Seed', snapshot: 'Snapshot', source: 'Source', test: 'Test' };
const ANCESTOR_TYPES: Record<string, AppliedResourceType> = { Model: 'model', Seed: 'seed', Snapshot: 'snapshot', Source: 'source' };

function fields(n: StoredNode, ctx: ResolverContext) {
  const ids = (list: string[]) => list.map((id) => ctx.store.get(id)!).filter(Boolean);
  const nested = (list: StoredNode[]) => list.map((x) => ({ ...fields(x, ctx), __typename: `${TYPENAME[x.resourceType]}AppliedStateNestedNode` }));
  const tests = ids(n.testIds);
  return {
    accountId: ctx.accountId,
    environmentId: ctx.environmentId,
    projectId: ctx.projectId,
    uniqueId: n.uniqueId,
    name: n.name,
    resourceType: n.resourceType,
    description: n.description,
    filePath: n.filePath,
    patchPath: n.patchPath,
    fqn: n.fqn,
    tags: n.tags,
    meta: n.meta,
    config: n.config,
    packageName: n.packageName,
    dbtVersion: ctx.store.dbtVersion,
    database: n.database,
    schema: n.schema,
    alias: n.alias,
    identifier: n.alias,
    relationName: n.relationName,
    access: n.access,
    group: n.group,
    language: n.language,
    materializedType: n.materializedType,
    version: n.version,
    latestVersion: n.latestVersion,
    rawCode: n.rawCode,
    compiledCode: n.compiledCode,
    sourceName: n.source?.sourceName ?? null,
    sourceDescription: n.source?.sourceDescription ?? null,
    loader: n.source?.loader ?? null,
    columnName: n.test?.columnName ?? null,
    testedNodeUniqueId: n.test?.testedNodeUniqueId ?? null,
    testType: testType(n),
    testMetadata: { name: n.test?.metadata?.name ?? null, kwargs: n.test?.metadata?.kwargs ?? null, namespace: n.test?.metadata?.namespace ?? null, columnName: n.test?.columnName ?? null },
    // Model and seed execution info may be asked for even when never run: non-null types get nulls inside.
    executionInfo: n.execution || n.resourceType === 'seed' || n.resourceType === 'test' ? executionInfo(n.execution, n.resourceType) : null,
    freshness: n.freshness && {
      criteria: n.freshness.criteria,
      freshnessChecked: n.freshness.checked,
      freshnessStatus: n.freshness.status,
      freshnessRunGeneratedAt: n.freshness.runGeneratedAt,
      freshnessRunId: n.freshness.runId,
      freshnessJobDefinitionId: n.freshness.jobDefinitionId,
      maxLoadedAt: n.freshness.maxLoadedAt,
      maxLoadedAtTimeAgoInS: n.freshness.maxLoadedAtTimeAgoInS,
      snapshottedAt: n.freshness.snapshottedAt,
    },
    catalog: n.catalog && {
      uniqueId: n.uniqueId,
      environmentId: ctx.environmentId,
      type: n.catalog.type,
      comment: n.catalog.comment,
      owner: n.catalog.owner,
      rowCountStat: n.catalog.rowCount,
      bytesStat: n.catalog.bytes,
      runGeneratedAt: n.catalog.generatedAt,
      runId: null,
      jobDefinitionId: null,
      stats: null,
      columns: n.catalog.columns.map((c) => ({ ...c, meta: {}, tags: [] })),
    },
    // Guess: the real shape of testStatuses is undocumented; here, test counts by last status.
    testStatuses: () => {
      const counts: Record<string, number> = {};
      for (const t of tests) counts[t.execution?.lastRunStatus ?? 'unknown'] = (counts[t.execution?.lastRunStatus ?? 'unknown'] ?? 0) + 1;
      return counts;
    },
    tests: () => nested(tests),
    parents: () => [...nested(ids(n.parents)), ...n.externalParents.map((id) => externalModel(id, ctx))],
    children: () => nested(ids(n.children)),
    ancestors: ({ types }: { types: string[] }) => nested(ctx.store.ancestors(n.uniqueId, types.map((t) => ANCESTOR_TYPES[t]).filter((t): t is AppliedResourceType => Boolean(t)))),
  };
}

function matchesExposure(e: StoredExposure, f: { uniqueIds?: string[] | null; tags?: string[] | null; exposureType?: string | null } | null | undefined) {
  return !f || ((f.uniqueIds == null || f.uniqueIds.includes(e.uniqueId)) && (f.tags == null || f.tags.some((t) => e.tags.includes(t))) && (f.exposureType == null || f.exposureType === e.exposureType));
}

function exposureFields(e: StoredExposure, ctx: ResolverContext) {
  return {
    accountId: ctx.accountId, environmentId: ctx.environmentId, projectId: ctx.projectId,
    uniqueId: e.uniqueId, name: e.name, label: e.label, description: e.description, exposureType: e.exposureType, url: e.url,
    filePath: e.filePath, fqn: e.fqn, tags: e.tags, meta: e.meta, packageName: e.packageName,
    ownerName: e.ownerName, ownerEmail: e.ownerEmail, resourceType: 'exposure',
    parents: () => e.parents.map((id) => ctx.store.get(id)!).filter(Boolean).map((x) => ({ ...fields(x, ctx), __typename: `${TYPENAME[x.resourceType]}AppliedStateNestedNode` })),
  };
}

function appliedState(ctx: ResolverContext) {
  const list = (kind: AppliedResourceType) => (args: PageArgs & { filter?: Filter }) =>
    connection(kind, ctx.store.list(kind).filter((n) => matches(n, args.filter)), args, (n) => fields(n, ctx));
  const exposures = (args: PageArgs & { filter?: { uniqueIds?: string[] | null; tags?: string[] | null; exposureType?: string | null } }) =>
    connection('exposure', ctx.store.exposures.filter((e) => matchesExposure(e, args.filter)), args, (e) => exposureFields(e, ctx));
  return { lastUpdatedAt: ctx.store.lastUpdatedAt, exposures, models: list('model'), seeds: list('seed'), snapshots: list('snapshot'), sources: list('source'), tests: list('test') };
}

export const rootValue = {
  environment({ id }: { id: string }, home: ResolverContext) {
    const ctx = id === home.environmentId ? home : home.siblings?.[id];
    // The real API's answer for an environment the token cannot see is not documented; we answer
    // HTTP 200 with a GraphQL error and, `environment` being non-null, `data: null`.
    if (!ctx) throw new GraphQLError(`Environment ${id} not found, or this token has no access to it.`, { extensions: { code: 'NOT_FOUND' } });
    return { adapterType: ctx.store.adapterType, dbtProjectName: ctx.store.projectName, applied: () => appliedState(ctx) };
  },
};
