/**
 * The parsed artifacts → the domain types every source produces (ModelSummary, Exposure,
 * NodeDetails). Pure. A file that is missing leaves its part empty, never guessed: no
 * run_results → no run status and no test outcomes; no sources.json → no freshness; no
 * catalog → no column types.
 */
import type { NodeDetails } from '../catalog/source';
import type { ModelSummary, RunStatus, SourceFreshness, TestResult, TestStatus } from '../catalog/types';
import { MAX_COLUMNS } from './limits';
import type { ManifestNodeEntry, ParsedArtifacts } from './parsed';

const RUN_STATUSES: readonly RunStatus[] = ['success', 'error', 'skipped', 'reused', 'warn'];
const TEST_STATUSES: readonly TestStatus[] = ['pass', 'warn', 'fail', 'error', 'skipped'];

/** `no-op` (nothing executed, e.g. a node selected but not run) says nothing about the table. */
export function runStatusOf(status: string | undefined): RunStatus | null {
  return RUN_STATUSES.find((s) => s === status) ?? null;
}

/** A test's result; a `success` (older dbt, or a test run as a node) is a pass. */
export function testStatusOf(status: string | undefined): TestStatus | null {
  if (status === 'success') return 'pass';
  return TEST_STATUSES.find((s) => s === status) ?? null;
}

/** Test results by the node they belong to. */
function testsByNode(artifacts: ParsedArtifacts): Map<string, TestResult[]> {
  const byNode = new Map<string, TestResult[]>();
  const results = artifacts.runResults?.results;
  for (const test of artifacts.manifest.tests) {
    const run = results?.[test.uniqueId];
    const status = testStatusOf(run?.status);
    const result: TestResult = {
      uniqueId: test.uniqueId,
      name: test.name,
      status,
      columnName: test.columnName,
      failures: status === 'fail' || status === 'warn' ? (run?.failures ?? null) : null,
    };
    for (const id of new Set(test.attachedTo)) {
      const list = byNode.get(id);
      if (list) list.push(result);
      else byNode.set(id, [result]);
    }
  }
  return byNode;
}

export function sourceFreshnessOf(node: ManifestNodeEntry, artifacts: ParsedArtifacts): SourceFreshness {
  const result = artifacts.sources?.results[node.uniqueId];
  return {
    uniqueId: node.uniqueId,
    name: `${node.sourceName ?? '?'}.${node.name}`,
    status: result?.status ?? null,
    configured: node.freshnessConfigured ?? false,
    maxLoadedAt: result?.maxLoadedAt ?? null,
    checkedAt: result?.checkedAt ?? null,
  };
}

function summaryOf(node: ManifestNodeEntry, artifacts: ParsedArtifacts, tests: TestResult[]): ModelSummary {
  const common = {
    uniqueId: node.uniqueId,
    resourceType: node.resourceType,
    name: node.name,
    database: node.database,
    schema: node.schema,
    alias: node.alias,
    projectId: artifacts.manifest.projectId,
    hasDescription: node.description !== null,
    // dbt Core runs have no dbt Cloud run to link to.
    lastRunId: null,
    lastSuccessRunId: null,
    tests,
    parentIds: node.parentIds,
  };
  if (node.resourceType === 'source') {
    return { ...common, lastRunStatus: null, lastRunAt: null, lastSuccessAt: null, upstreamSources: [sourceFreshnessOf(node, artifacts)] };
  }
  const run = artifacts.runResults?.results[node.uniqueId];
  const lastRunStatus = runStatusOf(run?.status);
  const lastRunAt = run && lastRunStatus ? run.completedAt : null;
  // A success is also the last success; after a failure, the last one seen before (run-history.ts).
  const built = lastRunStatus === 'success' || lastRunStatus === 'reused' || lastRunStatus === 'warn';
  const lastSuccessAt = built ? lastRunAt : (run?.lastSuccessAt ?? null);
  return { ...common, lastRunStatus, lastRunAt, lastSuccessAt, upstreamSources: [] };
}

/** Sources first, then models, seeds and snapshots, in the manifest's order. */
export function buildSummaries(artifacts: ParsedArtifacts): ModelSummary[] {
  const tests = testsByNode(artifacts);
  const nodes = [...artifacts.manifest.nodes].sort(
    (a, b) => Number(b.resourceType === 'source') - Number(a.resourceType === 'source'),
  );
  return nodes.map((node) => summaryOf(node, artifacts, tests.get(node.uniqueId) ?? []));
}

/** The doc card's particulars: manifest descriptions beside the catalog's column types. */
export function buildDetails(uniqueId: string, artifacts: ParsedArtifacts): NodeDetails | null {
  const node = artifacts.manifest.nodes.find((n) => n.uniqueId === uniqueId);
  if (!node) return null;
  const types = artifacts.catalog?.columnTypes[uniqueId] ?? {};
  const described = new Map(node.columns.map((c) => [c.name.toLowerCase(), c]));
  // The warehouse's column order when the catalog has it; documented-only columns after.
  const columns: NodeDetails['columns'] = Object.values(types)
    .sort((a, b) => a.index - b.index)
    .map((c) => ({ name: c.name, description: described.get(c.name.toLowerCase())?.description ?? null, type: c.type }));
  for (const c of node.columns) {
    if (!(c.name.toLowerCase() in types)) columns.push({ name: c.name, description: c.description, type: null });
  }
  const run = artifacts.runResults?.results[uniqueId];
  return {
    uniqueId,
    description: node.description,
    columns: columns.slice(0, MAX_COLUMNS),
    lastRunError: run?.status === 'error' ? run.message : null,
    explorerUrl: null,
    lastSuccessRunUrl: null,
  };
}
