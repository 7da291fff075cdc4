/**
 * The one way an adapter's `api` reaches the network (DESIGN "BI tools' own APIs"): GET only, same
 * origin as the page, the person's existing session (`credentials: 'same-origin'`), at most
 * `maxCalls` requests per page, each answer cached for the page. Nothing is stored or sent
 * anywhere else: answers live in this closure and die with the page's run.
 */
import type { Adapter, ApiContext, PageTables } from './define';

export const MAX_API_CALLS_PER_PAGE = 20;

export interface ApiReaderOptions {
  /** The page's URL; only its origin is ever asked. */
  url: string | URL;
  signal: AbortSignal;
  fetch?: typeof globalThis.fetch;
  maxCalls?: number;
  /** Told once per refused or failed call, for the console; never throws into the page. */
  onProblem?: (message: string) => void;
}

/** `fetchJson` for one page: same-origin GETs, bounded, cached. */
export function createApiReader(options: ApiReaderOptions): ApiContext['fetchJson'] {
  const { signal, fetch = globalThis.fetch.bind(globalThis), maxCalls = MAX_API_CALLS_PER_PAGE, onProblem } = options;
  const origin = new URL(options.url).origin;
  const cache = new Map<string, Promise<unknown>>();
  let calls = 0;

  return (path: string) => {
    let target: URL;
    try {
      target = new URL(path, origin);
    } catch {
      onProblem?.(`not a path: ${path}`);
      return Promise.resolve(null);
    }
    if (target.origin !== origin) {
      onProblem?.(`refused a call to another origin (${target.origin})`);
      return Promise.resolve(null);
    }
    const key = target.pathname + target.search;
    const cached = cache.get(key);
    if (cached) return cached;
    if (signal.aborted) return Promise.resolve(null);
    if (calls >= maxCalls) {
      onProblem?.(`stopped after ${maxCalls} API calls on this page`);
      return Promise.resolve(null);
    }
    calls++;
    const answer = fetch(target.href, {
      method: 'GET',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      signal,
    })
      .then(async (response) => {
        if (!response.ok) {
          onProblem?.(`${key} answered ${response.status}`);
          return null;
        }
        return (await response.json()) as unknown;
      })
      .catch((error: unknown) => {
        if (!signal.aborted) onProblem?.(`${key} failed: ${String(error)}`);
        return null;
      });
    cache.set(key, answer);
    return answer;
  };
}

/** The tables the adapter's API says the page reads; null when it has no API or says nothing. */
export async function readPageTables(adapter: Adapter, options: ApiReaderOptions): Promise<PageTables | null> {
  if (!adapter.api) return null;
  const url = new URL(options.url);
  try {
    return await adapter.api({ url, fetchJson: createApiReader(options), signal: options.signal });
  } catch (error) {
    // An answer of a shape the adapter did not expect must never break the page.
    options.onProblem?.(`${adapter.id} API: ${String(error)}`);
    return null;
  }
}
