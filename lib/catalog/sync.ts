/**
 * One sync of one environment against its `CatalogSource`: the cheap version check first, then
 * (only when the version moved, or when forced) every index page in turn. A page that timed out or
 * hit a network blip is asked for again from its cursor; the source may make it smaller. Nothing
 * is swapped in until every page is in (the caller swaps the index atomically).
 */
import { err, ok, type Result } from '../result';
import type { CatalogSource, IndexPage, SourceError } from './source';
import type { Exposure, ModelSummary } from './types';
import { withUpstreamSources } from './upstream';

export type SyncOutcome =
  /** The source's version is the one the index was built from: nothing was fetched. */
  | { kind: 'unchanged'; version: string | null }
  | { kind: 'fetched'; version: string | null; nodes: ModelSummary[]; exposures: Exposure[] };

export interface SyncOptions {
  /** The version the current index was built from; `undefined` when there is none. */
  previousVersion?: string | null;
  /** Refresh now: page through even when the version did not move. */
  force?: boolean;
  onProgress?(progress: { loaded: number; total: number | null }): void;
  /** Retries of the version check or of one page after a timeout or network error (default 3). */
  pageRetries?: number;
  sleep?(ms: number): Promise<void>;
}

const RETRYABLE: ReadonlySet<SourceError['kind']> = new Set(['timeout', 'network']);
const RETRY_DELAY_MS = 2_000;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Asks again after a timeout or a network blip, up to `retries` times, waiting longer each time. */
async function askAgainAfterBlips<T>(
  ask: () => Promise<Result<T, SourceError>>,
  retries: number,
  sleep: (ms: number) => Promise<void>,
): Promise<Result<T, SourceError>> {
  let answer = await ask();
  for (let attempt = 1; !answer.ok && RETRYABLE.has(answer.error.kind) && attempt <= retries; attempt++) {
    await sleep(RETRY_DELAY_MS * attempt);
    answer = await ask();
  }
  return answer;
}

export async function syncFromSource(source: CatalogSource, options: SyncOptions = {}): Promise<Result<SyncOutcome, SourceError>> {
  const { pageRetries = 3, sleep = defaultSleep } = options;
  const retried = <T>(ask: () => Promise<Result<T, SourceError>>) => askAgainAfterBlips(ask, pageRetries, sleep);
  const version = await retried(() => source.version());
  if (!version.ok) return version;
  const known = options.previousVersion !== undefined;
  if (!options.force && known && version.value !== null && version.value === options.previousVersion) {
    return ok({ kind: 'unchanged', version: version.value });
  }

  const nodes: ModelSummary[] = [];
  const exposures: Exposure[] = [];
  let cursor: string | null = null;
  for (;;) {
    const from: string | null = cursor;
    const page: Result<IndexPage, SourceError> = await retried(() => source.indexPage(from));
    if (!page.ok) return err(page.error);
    nodes.push(...page.value.nodes);
    exposures.push(...page.value.exposures);
    options.onProgress?.(page.value.progress);
    if (page.value.next === null) break;
    cursor = page.value.next;
  }
  return ok({ kind: 'fetched', version: version.value, nodes: withUpstreamSources(nodes), exposures });
}
