/** Walks a Discovery connection page by page (`first` ≤ 500, `after` cursors). */
import { err, ok, type Result } from '../result';
import type { DiscoveryClient } from './client';
import type { DiscoveryError } from './errors';

export const PAGE_SIZE = 500;

export interface Connection<N> {
  totalCount?: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: { node: N }[];
}

export type ConnectionPicker<N> = (data: unknown) => Connection<N> | null | undefined;

export interface PageProgress {
  loaded: number;
  total: number | null;
}

export async function fetchAllPages<N>(
  client: DiscoveryClient,
  document: string,
  pick: ConnectionPicker<N>,
  onPage: (progress: PageProgress) => void = () => {},
  pageSize = PAGE_SIZE,
): Promise<Result<N[], DiscoveryError>> {
  const nodes: N[] = [];
  let after: string | null = null;
  // A server that keeps saying "next page" with the same cursor must not loop us forever.
  const seenCursors = new Set<string>();
  for (;;) {
    const answer = await client.query<unknown>(document, { first: Math.min(pageSize, PAGE_SIZE), after });
    if (!answer.ok) return answer;
    const connection = pick(answer.value);
    if (!connection || !Array.isArray(connection.edges) || !connection.pageInfo) {
      return err({
        kind: 'invalidResponse',
        message: 'The Discovery API answered without the expected data (is the environment a dbt Cloud deployment environment?).',
      });
    }
    for (const edge of connection.edges) nodes.push(edge.node);
    onPage({ loaded: nodes.length, total: connection.totalCount ?? null });
    const { hasNextPage, endCursor } = connection.pageInfo;
    if (!hasNextPage) return ok(nodes);
    if (!endCursor || seenCursors.has(endCursor)) {
      return err({
        kind: 'invalidResponse',
        message: 'The Discovery API said there were more pages but gave no new cursor to fetch them.',
      });
    }
    seenCursors.add(endCursor);
    after = endCursor;
  }
}
