/**
 * Upstream sources, computed once over the whole graph from each node's direct parents: the
 * Discovery API's `ancestors` per model costs models × sources in bytes (measured in
 * tests/bench/sync.bench.ts, figures in docs/performance.md). Sets are shared between nodes.
 */
import type { ModelSummary, SourceFreshness } from './types';

/** Nodes with `upstreamSources` filled in; a source keeps its own freshness as its only entry. */
export function withUpstreamSources(nodes: readonly ModelSummary[]): ModelSummary[] {
  const byId = new Map(nodes.map((n) => [n.uniqueId, n]));
  const memo = new Map<string, readonly SourceFreshness[]>();
  const visiting = new Set<string>();

  function upstreamOf(id: string): readonly SourceFreshness[] {
    const known = memo.get(id);
    if (known) return known;
    const node = byId.get(id);
    if (!node || visiting.has(id)) return []; // a parent outside the index, or a cycle: no guess
    if (node.resourceType === 'source') return node.upstreamSources;
    visiting.add(id);
    const found = new Map<string, SourceFreshness>();
    for (const parent of node.parentIds) {
      const parentNode = byId.get(parent);
      if (parentNode?.resourceType === 'source') {
        for (const s of parentNode.upstreamSources) found.set(s.uniqueId, s);
      } else {
        for (const s of upstreamOf(parent)) found.set(s.uniqueId, s);
      }
    }
    visiting.delete(id);
    const list = [...found.values()].sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
    memo.set(id, list);
    return list;
  }

  return nodes.map((node) =>
    node.resourceType === 'source' ? node : { ...node, upstreamSources: upstreamOf(node.uniqueId) as SourceFreshness[] },
  );
}
