/**
 * One artifact over HTTP(S), asked conditionally: with the ETag (If-None-Match) or Last-Modified
 * (If-Modified-Since) of the copy Docent holds, so an unchanged file answers 304 and is neither
 * downloaded nor parsed again. `cache: 'no-store'` keeps the browser's HTTP cache out of it: a 304
 * reaches us as a 304, not as the cached body replayed as a 200.
 */
import { err, ok, type Result } from '../result';
import type { SourceError } from '../catalog/source';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchOutcome =
  | { kind: 'unchanged' }
  | { kind: 'missing'; status: number }
  | { kind: 'body'; body: ReadableStream<Uint8Array>; validators: Validators; totalBytes: number | null };

export interface FetchArtifactOptions {
  fetch: typeof fetch;
  header: { name: string; value: string } | null;
  previous: Validators | null;
  /** Until the response's headers arrive; the body then streams at its own pace. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export async function fetchArtifact(url: string, options: FetchArtifactOptions): Promise<Result<FetchOutcome, SourceError>> {
  const file = new URL(url).pathname.split('/').pop() || url;
  const headers = new Headers({ Accept: 'application/json' });
  if (options.header) headers.set(options.header.name, options.header.value);
  if (options.previous?.etag) headers.set('If-None-Match', options.previous.etag);
  else if (options.previous?.lastModified) headers.set('If-Modified-Since', options.previous.lastModified);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  try {
    response = await options.fetch(url, { headers, cache: 'no-store', credentials: 'omit', signal: controller.signal });
  } catch (error) {
    const timedOut = controller.signal.aborted;
    return err({
      kind: timedOut ? 'timeout' : 'network',
      message: timedOut
        ? `${hostOf(url)} did not answer for ${file} within ${Math.round((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s; Docent will try again at the next refresh.`
        : `Docent could not reach ${hostOf(url)} for ${file} (${error instanceof Error ? error.message : String(error)}). Check the Artifacts URL and your network.`,
    });
  } finally {
    clearTimeout(timer);
  }

  if (response.status === 304) return ok({ kind: 'unchanged' });
  if (response.ok) {
    if (!response.body) return err({ kind: 'invalidResponse', message: `${hostOf(url)} answered ${file} with no body.` });
    const length = Number(response.headers.get('Content-Length'));
    return ok({
      kind: 'body',
      body: response.body,
      validators: { etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified') },
      totalBytes: Number.isFinite(length) && length > 0 ? length : null,
    });
  }
  await response.body?.cancel().catch(() => {});
  return statusOutcome(url, file, response);
}

function statusOutcome(url: string, file: string, response: Response): Result<FetchOutcome, SourceError> {
  const { status } = response;
  const host = hostOf(url);
  // A bucket without list permission says 403 for a file that is not there: both are "missing"
  // for the optional files; the caller decides what a missing file costs.
  if (status === 404 || status === 410 || status === 403) return ok({ kind: 'missing', status });
  if (status === 401) {
    return err({ kind: 'unauthorized', status, message: `${host} refused ${file} (401): check the Request header (for example Authorization: Bearer <token>).` });
  }
  if (status === 429) {
    const retry = Number(response.headers.get('Retry-After'));
    return err({
      kind: 'rateLimited',
      status,
      retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : 300,
      message: `${host} is limiting requests (429); Docent waits before asking for ${file} again.`,
    });
  }
  if (status >= 500) return err({ kind: 'server', status, message: `${host} failed to serve ${file} (${status}); Docent will try again at the next refresh.` });
  return err({ kind: 'invalidResponse', status, message: `${host} answered ${status} for ${file}; check the Artifacts URL.` });
}

const hostOf = (url: string) => new URL(url).host;
