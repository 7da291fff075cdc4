/**
 * Upstream sources, computed once over the whole graph from each node's direct parents: the
 * Discovery API's `ancestors` per model costs models × sources in bytes (measured in
 * tests/bench/sync.bench.ts, figures in docs/performance.md). Sets are shared between nodes.
 * The same walk collects the other projects' models upstream (dbt Mesh), which the catalog then
 * follows into those projects' indexes when they are configured (lib/catalog/mesh.ts).
 */
import type { ExternalParent, ModelSummary, SourceFreshness } from './types';

interface Upstream {
  sources: readonly SourceFreshness[];
  external: readonly ExternalParent[];
}

const NONE: Upstream = { sources: [], external: [] };

/** `model.<project>.<name>[.v2]` → the project; `null` for anything else. */
const projectOf = (uniqueId: string): string | null => {
  const [kind, project] = uniqueId.split('.');
  return kind === 'model' && project ? project : null;
};

/**
 * A parent outside the index that belongs to another project is a cross-project reference (dbt
 * Core artifacts say no more than its unique id); one of the node's own project is just missing.
 */
function externalParentsOf(node: ModelSummary, byId: ReadonlyMap<string, ModelSummary>): ExternalParent[] {
  const described = new Map((node.externalParents ?? []).map((p) => [p.uniqueId, p]));
  const own = node.uniqueId.split('.')[1];
  for (const id of node.parentIds) {
    if (described.has(id) || byId.has(id)) continue;
    const project = projectOf(id);
    if (project && project !== own) described.set(id, { uniqueId: id, project, environmentId: null });
  }
  return [...described.values()];
}

/**
 * Nodes with `upstreamSources` filled in (a source keeps its own freshness as its only entry), and
 * `upstreamExternal` where other projects' models are upstream.
 */
export function withUpstreamSources(nodes: readonly ModelSummary[]): ModelSummary[] {
  const byId = new Map(nodes.map((n) => [n.uniqueId, n]));
  const memo = new Map<string, Upstream>();
  const visiting = new Set<string>();

  function upstreamOf(id: string): Upstream {
    const known = memo.get(id);
    if (known) return known;
    const node = byId.get(id);
    if (!node || visiting.has(id)) return NONE; // a parent outside the index, or a cycle: no guess
    if (node.resourceType === 'source') return { sources: node.upstreamSources, external: [] };
    visiting.add(id);
    const sources = new Map<string, SourceFreshness>();
    const external = new Map<string, ExternalParent>();
    for (const parent of externalParentsOf(node, byId)) external.set(parent.uniqueId, parent);
    for (const parent of node.parentIds) {
      const found = upstreamOf(parent);
      for (const s of found.sources) sources.set(s.uniqueId, s);
      for (const e of found.external) if (!external.has(e.uniqueId)) external.set(e.uniqueId, e);
    }
    visiting.delete(id);
    const result: Upstream = {
      sources: [...sources.values()].sort((a, b) => a.uniqueId.localeCompare(b.uniqueId)),
      external: external.size === 0 ? [] : [...external.values()].sort((a, b) => a.uniqueId.localeCompare(b.uniqueId)),
    };
    memo.set(id, result);
    return result;
  }

  return nodes.map((node) => {
    if (node.resourceType === 'source') return node;
    const { sources, external } = upstreamOf(node.uniqueId);
    const withSources = { ...node, upstreamSources: sources as SourceFreshness[] };
    if (external.length > 0) withSources.upstreamExternal = external as ExternalParent[];
    else delete withSources.upstreamExternal;
    return withSources;
  });
}
