/** Pages of Discovery connections (`first` ≤ 500, `after` cursors), checked for their shape. */
import { err, ok, type Result } from '../result';
import type { DiscoveryClient } from './client';
import type { DiscoveryError } from './errors';

export const PAGE_SIZE = 500;

export interface Connection<N> {
  totalCount?: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: { node: N }[];
}

export type AppliedKey = 'models' | 'seeds' | 'snapshots' | 'sources' | 'exposures';

export interface Page<N> {
  nodes: N[];
  totalCount: number | null;
  /** The cursor of the next page; `null` after the last. */
  next: string | null;
}

const applied = (data: unknown) =>
  (data as { environment?: { applied?: Partial<Record<AppliedKey, Connection<unknown>>> | null } | null })?.environment?.applied;

const NO_DATA: DiscoveryError = {
  kind: 'invalidResponse',
  message: 'The Discovery API answered without the expected data (is the environment a dbt Cloud deployment environment?).',
};

function pageOf<N>(connection: Connection<N> | undefined, after: string | null): Result<Page<N>, DiscoveryError> {
  if (!connection || !Array.isArray(connection.edges) || !connection.pageInfo) return err(NO_DATA);
  const { hasNextPage, endCursor } = connection.pageInfo;
  // A server that keeps saying "next page" without a new cursor must not loop us forever.
  if (hasNextPage && (!endCursor || endCursor === after)) {
    return err({ kind: 'invalidResponse', message: 'The Discovery API said there were more pages but gave no new cursor to fetch them.' });
  }
  return ok({
    nodes: connection.edges.map((edge) => edge.node),
    totalCount: connection.totalCount ?? null,
    next: hasNextPage ? endCursor : null,
  });
}

/** One page of one connection, from `after`. */
export async function readPage<N>(
  client: DiscoveryClient,
  document: string,
  key: AppliedKey,
  first: number,
  after: string | null,
): Promise<Result<Page<N>, DiscoveryError>> {
  const answer = await client.query<unknown>(document, { first: Math.min(first, PAGE_SIZE), after });
  if (!answer.ok) return answer;
  return pageOf(applied(answer.value)?.[key] as Connection<N> | undefined, after);
}

/** The first page of several connections, asked for in one request. */
export async function readPages<N>(
  client: DiscoveryClient,
  document: string,
  keys: readonly AppliedKey[],
  first: number,
): Promise<Result<Record<AppliedKey, Page<N>>, DiscoveryError>> {
  const answer = await client.query<unknown>(document, { first: Math.min(first, PAGE_SIZE) });
  if (!answer.ok) return answer;
  const state = applied(answer.value);
  const pages = {} as Record<AppliedKey, Page<N>>;
  for (const key of keys) {
    const page = pageOf(state?.[key] as Connection<N> | undefined, null);
    if (!page.ok) return page;
    pages[key] = page.value;
  }
  return ok(pages);
}
