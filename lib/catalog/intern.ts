/**
 * One copy of each repeated string in an index. Nodes read back from IndexedDB (or parsed from a
 * response) hold a fresh copy of every string: the same run time, run id, schema and test status
 * ten thousand times over. Sharing them keeps a 10,000-model index within its memory budget
 * (docs/performance.md); the nodes are the same values, only the copies go.
 */
import type { Exposure, ModelSummary, SourceFreshness, TestResult } from './types';

export function internStrings(nodes: ModelSummary[], exposures: Exposure[]): void {
  const pool = new Map<string, string>();
  const one = <T extends string | null | undefined>(value: T): T => {
    if (typeof value !== 'string') return value;
    const known = pool.get(value);
    if (known !== undefined) return known as T;
    pool.set(value, value);
    return value;
  };
  const freshness = new Map<string, SourceFreshness>();
  const shared = (s: SourceFreshness): SourceFreshness => {
    const known = freshness.get(s.uniqueId);
    if (known) return known;
    const copy = { ...s, uniqueId: one(s.uniqueId), status: one(s.status), maxLoadedAt: one(s.maxLoadedAt), checkedAt: one(s.checkedAt) };
    freshness.set(s.uniqueId, copy);
    return copy;
  };
  const test = (t: TestResult): TestResult => ({ ...t, status: one(t.status), columnName: one(t.columnName) });
  for (const node of nodes) {
    node.uniqueId = one(node.uniqueId);
    node.database = one(node.database);
    node.schema = one(node.schema);
    node.projectId = one(node.projectId);
    node.lastRunStatus = one(node.lastRunStatus);
    node.lastRunAt = one(node.lastRunAt);
    node.lastSuccessAt = one(node.lastSuccessAt);
    node.lastRunId = one(node.lastRunId);
    node.lastSuccessRunId = one(node.lastSuccessRunId);
    node.tests = node.tests.map(test);
    node.parentIds = node.parentIds.map(one);
    node.upstreamSources = node.upstreamSources.map(shared);
  }
  for (const exposure of exposures) {
    exposure.projectId = one(exposure.projectId);
    exposure.parentIds = exposure.parentIds.map(one);
  }
}
