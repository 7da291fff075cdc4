/**
 * Fetches everything the index needs from the Discovery API: sources first (models point at
 * them as ancestors), then models, seeds and snapshots, every connection paged to the end.
 */
import type { DiscoveryClient } from '../discovery/client';
import type { DiscoveryError } from '../discovery/errors';
import {
  mapMaterializedNode,
  mapSourceFreshness,
  mapSourceNode,
  type RawMaterializedNode,
  type RawSourceNode,
} from '../discovery/map';
import { fetchAllPages, type Connection, type PageProgress } from '../discovery/paging';
import { MODELS_PAGE, SEEDS_PAGE, SNAPSHOTS_PAGE, SOURCES_PAGE } from '../discovery/queries';
import { ok, type Result } from '../result';
import type { ModelSummary } from './types';

type AppliedKey = 'models' | 'seeds' | 'snapshots' | 'sources';

function pickApplied<N>(key: AppliedKey) {
  return (data: unknown): Connection<N> | undefined =>
    (data as { environment?: { applied?: Record<AppliedKey, Connection<N>> | null } | null })?.environment?.applied?.[
      key
    ];
}

export async function fetchCatalog(
  client: DiscoveryClient,
  onProgress: (progress: PageProgress) => void = () => {},
): Promise<Result<ModelSummary[], DiscoveryError>> {
  // Progress adds up the kinds: each announces its own total with its first page.
  const totals = new Map<AppliedKey, PageProgress>();
  const report = (key: AppliedKey) => (progress: PageProgress) => {
    totals.set(key, progress);
    let loaded = 0;
    let total = 0;
    for (const p of totals.values()) {
      loaded += p.loaded;
      total += p.total ?? p.loaded;
    }
    onProgress({ loaded, total });
  };

  const sources = await fetchAllPages(client, SOURCES_PAGE, pickApplied<RawSourceNode>('sources'), report('sources'));
  if (!sources.ok) return sources;
  const freshness = new Map(sources.value.map((s) => [s.uniqueId, mapSourceFreshness(s)]));

  const kinds = [
    ['models', MODELS_PAGE, 'model'],
    ['seeds', SEEDS_PAGE, 'seed'],
    ['snapshots', SNAPSHOTS_PAGE, 'snapshot'],
  ] as const;
  const summaries: ModelSummary[] = sources.value.map(mapSourceNode);
  for (const [key, document, resourceType] of kinds) {
    const nodes = await fetchAllPages(client, document, pickApplied<RawMaterializedNode>(key), report(key));
    if (!nodes.ok) return nodes;
    for (const node of nodes.value) summaries.push(mapMaterializedNode(node, resourceType, freshness));
  }
  return ok(summaries);
}
