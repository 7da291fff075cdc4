/**
 * The Discovery API client: one GraphQL request at a time through the request gate, every failure
 * mapped to a `DiscoveryError` (docs/architecture.md "Code rules" 8). Identical requests in flight are shared.
 */
import { ClientError, GraphQLClient } from 'graphql-request';
import { err, ok, type Result } from '../result';
import type { DiscoveryError } from './errors';
import {
  errorFromException,
  errorFromGraphQLErrors,
  errorFromStatus,
  parseRetryAfter,
  type FailureContext,
} from './error-map';
import { RequestGate } from './request-gate';

export interface DiscoveryClientOptions {
  endpoint: string;
  token: string;
  /** BigInt as a string: real ids have 14+ digits and must never pass through a JS number. */
  environmentId: string;
  fetch?: typeof globalThis.fetch;
  gate?: RequestGate;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type QueryVariables = Record<string, unknown>;

export interface DiscoveryClient {
  readonly environmentId: string;
  query<T>(document: string, variables?: QueryVariables): Promise<Result<T, DiscoveryError>>;
}

export const REQUEST_TIMEOUT_MS = 30_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createDiscoveryClient(options: DiscoveryClientOptions): DiscoveryClient {
  const {
    endpoint,
    token,
    environmentId,
    gate = new RequestGate(),
    timeoutMs = REQUEST_TIMEOUT_MS,
    now = Date.now,
    sleep = defaultSleep,
  } = options;
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const ctx: FailureContext = { endpoint, environmentId };
  const inFlight = new Map<string, Promise<Result<unknown, DiscoveryError>>>();

  // Each request gets its own timeout signal, so a timed-out request never holds up the next.
  const timedFetch: typeof globalThis.fetch = (input, init) =>
    baseFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });

  const graphql = new GraphQLClient(endpoint, {
    fetch: timedFetch,
    headers: { Authorization: `Bearer ${token}` },
  });

  /** While the gate holds requests back, the caller hears why, in the words of that cause. */
  function heldBack(): DiscoveryError | null {
    const blocked = gate.blocked();
    if (!blocked) return null;
    const status = blocked.status ?? 429;
    return { ...errorFromStatus(status, blocked.seconds, ctx), retryAfterSeconds: blocked.seconds };
  }

  async function send<T>(document: string, variables: QueryVariables): Promise<Result<T, DiscoveryError>> {
    const before = heldBack();
    if (before) return err(before);
    const delay = gate.reserveSlot();
    if (delay > 0) {
      await sleep(delay);
      // A Retry-After may have arrived while this request waited for its slot.
      const after = heldBack();
      if (after) return err(after);
    }
    try {
      const data = await graphql.request<T>(document, variables);
      if (data === null || typeof data !== 'object') {
        return err(gate.noteFailure(errorFromException(new Error('no data in the answer'), ctx, timeoutMs)));
      }
      gate.noteSuccess();
      return ok(data);
    } catch (error) {
      return err(gate.noteFailure(mapClientFailure(error, ctx, timeoutMs, now())));
    }
  }

  return {
    environmentId,
    query<T>(document: string, variables: QueryVariables = {}) {
      const allVariables = { environmentId, ...variables };
      const key = JSON.stringify([document, allVariables]);
      const pending = inFlight.get(key);
      if (pending) return pending as Promise<Result<T, DiscoveryError>>;
      const request = send<T>(document, allVariables).finally(() => inFlight.delete(key));
      inFlight.set(key, request);
      return request;
    },
  };
}

function mapClientFailure(error: unknown, ctx: FailureContext, timeoutMs: number, nowMs: number): DiscoveryError {
  if (!(error instanceof ClientError)) return errorFromException(error, ctx, timeoutMs);
  const { status, headers, errors } = error.response;
  const retryAfter = parseRetryAfter(headers?.get?.('retry-after'), nowMs);
  const messages = (errors ?? []).map((e) => e.message).filter(Boolean);
  if (status >= 200 && status < 300) {
    return messages.length > 0
      ? errorFromGraphQLErrors(messages, ctx)
      : errorFromException(new Error('unexpected answer'), ctx, timeoutMs);
  }
  return errorFromStatus(status, retryAfter, ctx, messages[0] ?? bodyMessage(error.response.body));
}

/** A non-GraphQL error body (`{"message": "..."}` or text) still says something worth showing. */
function bodyMessage(body: unknown): string | undefined {
  if (typeof body !== 'string' || body.length === 0) return undefined;
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown; detail?: unknown };
    const text = parsed.message ?? parsed.error ?? parsed.detail;
    return typeof text === 'string' ? text.slice(0, 200) : undefined;
  } catch {
    return body.length < 200 && !body.trimStart().startsWith('<') ? body.trim() : undefined;
  }
}
