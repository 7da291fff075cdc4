/**
 * dbt Cloud's Discovery API as a `CatalogSource`: the version check is `applied.lastUpdatedAt`, the
 * index is every applied connection paged in turn (sources, models, seeds, snapshots, exposures),
 * and details are fetched per kind for given ids. Everything leaves here as domain types.
 */
import type { CatalogSource, IndexPage } from '../catalog/source';
import type { Exposure, ModelSummary } from '../catalog/types';
import { err, ok, type Result } from '../result';
import type { DiscoveryClient } from './client';
import { fetchDetails, type DbtLinks } from './details';
import type { DiscoveryError } from './errors';
import { mapExposure, mapMaterializedNode, mapSourceNode, type RawExposure, type RawMaterializedNode, type RawSourceNode } from './map';
import { PAGE_SIZE, readPage, type AppliedKey } from './paging';
import { APPLIED_VERSION, EXPOSURES_PAGE, MODELS_PAGE, SEEDS_PAGE, SNAPSHOTS_PAGE, SOURCES_PAGE } from './queries';

export interface DiscoverySourceOptions {
  client: DiscoveryClient;
  /** The endpoint the client sends to: with the environment id, it names the index. */
  endpoint: string;
  links: DbtLinks;
  /** Nodes per page (≤ 500); a page that timed out is asked for again at half the size. */
  pageSize?: number;
}

const PHASES: readonly AppliedKey[] = ['sources', 'models', 'seeds', 'snapshots', 'exposures'];
const DOCUMENTS: Record<AppliedKey, string> = {
  sources: SOURCES_PAGE,
  models: MODELS_PAGE,
  seeds: SEEDS_PAGE,
  snapshots: SNAPSHOTS_PAGE,
  exposures: EXPOSURES_PAGE,
};
const MIN_PAGE_SIZE = 50;

/** Where the index stands between pages: opaque to the catalog, which hands it back as it was. */
interface Cursor {
  /** Index into PHASES. */
  phase: number;
  after: string | null;
  loaded: number;
  /** Totals the connections announced so far. */
  total: number;
}

function decodeCursor(cursor: string | null): Cursor | null {
  if (cursor === null) return { phase: 0, after: null, loaded: 0, total: 0 };
  try {
    const parsed = JSON.parse(cursor) as Cursor;
    return Number.isInteger(parsed.phase) && parsed.phase >= 0 && parsed.phase < PHASES.length ? parsed : null;
  } catch {
    return null;
  }
}

export function createDiscoverySource(options: DiscoverySourceOptions): CatalogSource {
  const { client, links } = options;
  let pageSize = Math.min(options.pageSize ?? PAGE_SIZE, PAGE_SIZE);

  async function indexPage(encoded: string | null): Promise<Result<IndexPage, DiscoveryError>> {
    const cursor = decodeCursor(encoded);
    if (!cursor) return err({ kind: 'invalidResponse', message: 'Docent lost its place in the sync; it will start again.' });
    const key = PHASES[cursor.phase]!;
    const page = await readPage<unknown>(client, DOCUMENTS[key], key, pageSize, cursor.after);
    if (!page.ok) {
      // A page too big to answer in time is asked for again, smaller, from the same cursor.
      if (page.error.kind === 'timeout') pageSize = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
      return page;
    }
    const nodes: ModelSummary[] = [];
    const exposures: Exposure[] = [];
    for (const raw of page.value.nodes) {
      if (key === 'sources') nodes.push(mapSourceNode(raw as RawSourceNode));
      else if (key === 'exposures') exposures.push(mapExposure(raw as RawExposure));
      else {
        const node = raw as RawMaterializedNode;
        // An ephemeral model is CTE text inside other models: no relation a dashboard can name.
        if (node.materializedType?.toLowerCase() === 'ephemeral') continue;
        nodes.push(mapMaterializedNode(node, key === 'models' ? 'model' : key === 'seeds' ? 'seed' : 'snapshot'));
      }
    }
    const firstOfPhase = cursor.after === null;
    const loaded = cursor.loaded + page.value.nodes.length;
    const total = cursor.total + (firstOfPhase ? (page.value.totalCount ?? page.value.nodes.length) : 0);
    const last = page.value.next === null && cursor.phase === PHASES.length - 1;
    const next: Cursor | null = last
      ? null
      : page.value.next !== null
        ? { phase: cursor.phase, after: page.value.next, loaded, total }
        : { phase: cursor.phase + 1, after: null, loaded, total };
    return ok({ nodes, exposures, next: next && JSON.stringify(next), progress: { loaded, total: last ? loaded : total } });
  }

  return {
    key: `${options.endpoint}#${client.environmentId}`,

    async version() {
      const answer = await client.query<{ environment?: { applied?: { lastUpdatedAt?: string | null } | null } | null }>(
        APPLIED_VERSION,
      );
      if (!answer.ok) return answer;
      return ok(answer.value.environment?.applied?.lastUpdatedAt ?? null);
    },

    indexPage,

    details: (nodes) => fetchDetails(client, nodes, links),
  };
}
