/** One page of a Discovery connection (`first` ≤ 500, `after` cursors), checked for its shape. */
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

const pickApplied = <N>(data: unknown, key: AppliedKey): Connection<N> | undefined =>
  (data as { environment?: { applied?: Record<AppliedKey, Connection<N>> | null } | null })?.environment?.applied?.[key];

export async function readPage<N>(
  client: DiscoveryClient,
  document: string,
  key: AppliedKey,
  first: number,
  after: string | null,
): Promise<Result<Page<N>, DiscoveryError>> {
  const answer = await client.query<unknown>(document, { first: Math.min(first, PAGE_SIZE), after });
  if (!answer.ok) return answer;
  const connection = pickApplied<N>(answer.value, key);
  if (!connection || !Array.isArray(connection.edges) || !connection.pageInfo) {
    return err({
      kind: 'invalidResponse',
      message: 'The Discovery API answered without the expected data (is the environment a dbt Cloud deployment environment?).',
    });
  }
  const { hasNextPage, endCursor } = connection.pageInfo;
  // A server that keeps saying "next page" without a new cursor must not loop us forever.
  if (hasNextPage && (!endCursor || endCursor === after)) {
    return err({
      kind: 'invalidResponse',
      message: 'The Discovery API said there were more pages but gave no new cursor to fetch them.',
    });
  }
  return ok({
    nodes: connection.edges.map((edge) => edge.node),
    totalCount: connection.totalCount ?? null,
    next: hasNextPage ? endCursor : null,
  });
}
