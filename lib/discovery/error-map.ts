/**
 * Turns what went wrong on the wire into a `DiscoveryError` with words a person can act on. The
 * Discovery API reports failures both as HTTP statuses and as HTTP 200 with a GraphQL `errors`
 * array (docs/architecture.md "The Discovery API, as Docent uses it"), so both paths land here.
 */
import type { DiscoveryError } from './errors';

export interface FailureContext {
  endpoint: string;
  environmentId: string;
}

/**
 * The wait after a 429 without Retry-After: dbt holds a client off for about 5 minutes after a 429,
 * so trying sooner only earns another. The request gate doubles it for each 429 in a row.
 */
export const DEFAULT_RATE_LIMIT_WAIT_S = 5 * 60;
const MAX_WAIT_S = 60 * 60;

export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(MAX_WAIT_S, Math.ceil(Number(trimmed)));
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(MAX_WAIT_S, Math.max(0, Math.ceil((date - nowMs) / 1000)));
}

function host(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/**
 * Older dbt docs say Azure single-tenant instances have no Discovery API, newer ones list it; their
 * hosts name Azure (`acme.singletenantazure.getdbt.com`). Such a host is tried, and a 403/404 from
 * it gets this sentence, since the likeliest cause there is the API not being enabled.
 */
function azureNote(endpoint: string): string {
  let hostname: string;
  try {
    hostname = new URL(endpoint).hostname;
  } catch {
    return '';
  }
  if (!hostname.split('.').some((label) => label.includes('azure'))) return '';
  return (
    ` ${hostname} looks like an Azure single-tenant dbt instance: the Discovery API may not be enabled there.` +
    ' Ask dbt Support whether your instance has it.'
  );
}

export function errorFromStatus(
  status: number,
  retryAfterSeconds: number | undefined,
  ctx: FailureContext,
  detail?: string,
): DiscoveryError {
  const said = detail ? ` dbt said: “${detail}”` : '';
  if (status === 401) {
    return {
      kind: 'unauthorized',
      status,
      message:
        `dbt rejected the service token (HTTP 401). Check that it was copied in full and has not been revoked, ` +
        `or create a new service token with the Metadata Only permission (Account settings → Service tokens).${said}`,
    };
  }
  if (status === 403) {
    return {
      kind: 'forbidden',
      status,
      message:
        `The token may not read metadata for environment ${ctx.environmentId} (HTTP 403). Give the service token ` +
        `the Metadata Only permission on this project, and check that your dbt plan includes the Discovery API.${azureNote(ctx.endpoint)}${said}`,
    };
  }
  if (status === 404) {
    return {
      kind: 'notFound',
      status,
      message:
        `There is no Discovery API at ${ctx.endpoint} (HTTP 404). Check the Access URL: use the one shown in ` +
        `dbt under Account settings → Access URLs.${azureNote(ctx.endpoint)}${said}`,
    };
  }
  if (status === 429) {
    // Without Retry-After the wait is left for the request gate to choose (5 min, then doubling).
    return {
      kind: 'rateLimited',
      status,
      retryAfterSeconds,
      message: rateLimitedMessage(retryAfterSeconds ?? DEFAULT_RATE_LIMIT_WAIT_S),
    };
  }
  if (status >= 500) {
    const when = retryAfterSeconds === undefined ? 'on its own' : `in ${formatWait(retryAfterSeconds)}`;
    return {
      kind: 'server',
      status,
      retryAfterSeconds,
      message: `dbt's Discovery API is failing (HTTP ${status}). This is on dbt's side; Docent will try again ${when}.${said}`,
    };
  }
  return {
    kind: 'invalidResponse',
    status,
    message: `The Discovery API answered with an unexpected HTTP ${status} from ${host(ctx.endpoint)}.${said}`,
  };
}

/** HTTP 200 with `errors`: the message text is all we have to tell the causes apart. */
export function errorFromGraphQLErrors(messages: string[], ctx: FailureContext): DiscoveryError {
  const first = messages[0] ?? 'unknown error';
  const all = messages.join(' ').toLowerCase();
  if (/environment/.test(all) && /(not found|does not exist|no environment|invalid)/.test(all)) {
    return {
      kind: 'notFound',
      message:
        `dbt does not know environment ${ctx.environmentId}. Check the Environment ID: open the production ` +
        `environment in dbt (Orchestration → Environments) and copy the number from its URL. dbt said: “${first}”`,
    };
  }
  if (/(unauthori[sz]ed|authenticat|invalid token|token is invalid)/.test(all)) {
    return errorFromStatus(401, undefined, ctx, first);
  }
  if (/(forbidden|permission|not authori[sz]ed|access denied|not enabled|plan)/.test(all)) {
    return errorFromStatus(403, undefined, ctx, first);
  }
  if (/(rate limit|too many requests)/.test(all)) return errorFromStatus(429, undefined, ctx);
  return {
    kind: 'invalidResponse',
    message: `The Discovery API refused Docent's query. dbt said: “${first}”`,
  };
}

export function errorFromException(error: unknown, ctx: FailureContext, timeoutMs: number): DiscoveryError {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return {
      kind: 'timeout',
      message: `The Discovery API at ${host(ctx.endpoint)} did not answer within ${Math.round(timeoutMs / 1000)} s. Docent will try again later.`,
    };
  }
  if (error instanceof TypeError) {
    return {
      kind: 'network',
      message:
        `Could not reach ${host(ctx.endpoint)}. Check your network connection and the Access URL` +
        ` (a VPN or proxy may block it).`,
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    kind: 'invalidResponse',
    message: `The Discovery API's answer could not be read (${text.slice(0, 200)}).`,
  };
}

export function rateLimitedMessage(waitSeconds: number): string {
  return `dbt is rate limiting requests (HTTP 429). Docent will try again in ${formatWait(waitSeconds)}.`;
}

export function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  return `${Math.round(seconds / 60)} min`;
}
