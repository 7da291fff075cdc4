/**
 * dbt Cloud's Discovery API as a `CatalogSource`. The version check is `applied.lastUpdatedAt`.
 * The index comes in as few requests as the API allows: one request carries the first page of
 * every applied connection (sources, models, seeds, snapshots, exposures), so a project of up to
 * 500 of each syncs in one request; then each connection with more pages goes on from its cursor.
 * Everything leaves here as domain types.
 */
import type { CatalogSource, IndexPage } from '../catalog/source';
import type { Exposure, ModelSummary } from '../catalog/types';
import { err, ok, type Result } from '../result';
import type { DiscoveryClient } from './client';
import { fetchDetails, type DbtLinks } from './details';
import type { DiscoveryError } from './errors';
import { mapExposure, mapMaterializedNode, mapSourceNode, type RawExposure, type RawMaterializedNode, type RawSourceNode } from './map';
import { PAGE_SIZE, readPage, readPages, type AppliedKey, type Page } from './paging';
import { APPLIED_VERSION, EXPOSURES_PAGE, INDEX_FIRST_PAGES, MODELS_PAGE, SEEDS_PAGE, SNAPSHOTS_PAGE, SOURCES_PAGE } from './queries';

export interface DiscoverySourceOptions {
  client: DiscoveryClient;
  /** The endpoint the client sends to: with the environment id, it names the index. */
  endpoint: string;
  links: DbtLinks;
  /** Nodes per page (≤ 500); after a page times out, pages are asked for at half the size. */
  pageSize?: number;
}

const CONNECTIONS: readonly AppliedKey[] = ['sources', 'models', 'seeds', 'snapshots', 'exposures'];
const DOCUMENTS: Record<AppliedKey, string> = {
  sources: SOURCES_PAGE,
  models: MODELS_PAGE,
  seeds: SEEDS_PAGE,
  snapshots: SNAPSHOTS_PAGE,
  exposures: EXPOSURES_PAGE,
};
const MIN_PAGE_SIZE = 50;

/** Where the index stands between requests: opaque to the catalog, which hands it back as it was. */
interface Cursor {
  /** Connections with pages still to fetch, each from its cursor. */
  pending: Array<{ key: AppliedKey; after: string }>;
  loaded: number;
  total: number;
}

function decodeCursor(cursor: string): Cursor | null {
  try {
    const parsed = JSON.parse(cursor) as Cursor;
    const valid =
      Array.isArray(parsed.pending) &&
      parsed.pending.length > 0 &&
      parsed.pending.every((p) => CONNECTIONS.includes(p.key) && typeof p.after === 'string');
    return valid ? parsed : null;
  } catch {
    return null;
  }
}

function mapNodes(key: AppliedKey, raw: unknown[], nodes: ModelSummary[], exposures: Exposure[]): void {
  for (const item of raw) {
    if (key === 'sources') nodes.push(mapSourceNode(item as RawSourceNode));
    else if (key === 'exposures') exposures.push(mapExposure(item as RawExposure));
    else {
      const node = item as RawMaterializedNode;
      // An ephemeral model is CTE text inside other models: no relation a dashboard can name.
      if (node.materializedType?.toLowerCase() === 'ephemeral') continue;
      nodes.push(mapMaterializedNode(node, key === 'models' ? 'model' : key === 'seeds' ? 'seed' : 'snapshot'));
    }
  }
}

export function createDiscoverySource(options: DiscoverySourceOptions): CatalogSource {
  const { client, links } = options;
  let projectName: string | null = null;
  let pageSize = Math.min(options.pageSize ?? PAGE_SIZE, PAGE_SIZE);

  const page = (cursor: Cursor, nodes: ModelSummary[], exposures: Exposure[]): IndexPage => {
    const done = cursor.pending.length === 0;
    return {
      nodes,
      exposures,
      next: done ? null : JSON.stringify(cursor),
      progress: { loaded: cursor.loaded, total: done ? cursor.loaded : cursor.total },
    };
  };

  /** A page too big to answer in time is asked for again, smaller, from the same cursor. */
  function noteFailure<T>(result: Result<T, DiscoveryError>): Result<T, DiscoveryError> {
    if (!result.ok && result.error.kind === 'timeout') pageSize = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
    return result;
  }

  async function firstPages(): Promise<Result<IndexPage, DiscoveryError>> {
    const answer = noteFailure(await readPages<unknown>(client, INDEX_FIRST_PAGES, CONNECTIONS, pageSize));
    if (!answer.ok) return answer;
    const nodes: ModelSummary[] = [];
    const exposures: Exposure[] = [];
    const cursor: Cursor = { pending: [], loaded: 0, total: 0 };
    for (const key of CONNECTIONS) {
      const connection: Page<unknown> = answer.value[key];
      mapNodes(key, connection.nodes, nodes, exposures);
      cursor.loaded += connection.nodes.length;
      cursor.total += connection.totalCount ?? connection.nodes.length;
      if (connection.next) cursor.pending.push({ key, after: connection.next });
    }
    return ok(page(cursor, nodes, exposures));
  }

  async function nextPage(cursor: Cursor): Promise<Result<IndexPage, DiscoveryError>> {
    const [{ key, after }, ...rest] = cursor.pending as [Cursor['pending'][number], ...Cursor['pending']];
    const answer = noteFailure(await readPage<unknown>(client, DOCUMENTS[key], key, pageSize, after));
    if (!answer.ok) return answer;
    const nodes: ModelSummary[] = [];
    const exposures: Exposure[] = [];
    mapNodes(key, answer.value.nodes, nodes, exposures);
    const next: Cursor = {
      pending: answer.value.next ? [{ key, after: answer.value.next }, ...rest] : rest,
      loaded: cursor.loaded + answer.value.nodes.length,
      total: cursor.total,
    };
    return ok(page(next, nodes, exposures));
  }

  return {
    key: `${options.endpoint}#${client.environmentId}`,

    async version() {
      const answer = await client.query<{
        environment?: { dbtProjectName?: string | null; applied?: { lastUpdatedAt?: string | null } | null } | null;
      }>(APPLIED_VERSION);
      if (!answer.ok) return answer;
      projectName = answer.value.environment?.dbtProjectName?.trim() || projectName;
      return ok(answer.value.environment?.applied?.lastUpdatedAt ?? null);
    },

    async indexPage(encoded) {
      if (encoded === null) return firstPages();
      const cursor = decodeCursor(encoded);
      if (!cursor) return err({ kind: 'invalidResponse', message: 'Docent lost its place in the sync; it will start again.' });
      return nextPage(cursor);
    },

    details: (nodes) => fetchDetails(client, nodes, links),

    projectName: () => projectName,
  };
}
