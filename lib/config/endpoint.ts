/**
 * From the Access URL a person pastes to the Discovery API endpoint Docent calls, following the
 * endpoint list in docs/architecture.md "The Discovery API, as Docent uses it":
 *
 *   https://cloud.getdbt.com     → https://metadata.cloud.getdbt.com/graphql   (North America)
 *   https://emea.dbt.com         → https://metadata.emea.dbt.com/graphql
 *   https://au.dbt.com           → https://metadata.au.dbt.com/graphql
 *   https://ab123.us1.dbt.com    → https://ab123.metadata.us1.dbt.com/graphql  (cell based)
 *   https://ab123.acme.dbt.com   → https://ab123.metadata.acme.dbt.com/graphql (current single tenant)
 *   https://acme.getdbt.com      → https://metadata.acme.getdbt.com/graphql    (legacy single tenant)
 *   …/graphql                    → used as is
 *
 * `appOrigin` is the dbt web app (for links to runs and to Explorer).
 */
import { err, ok, type Result } from '../result';
import type { ConfigProblem } from './settings';

export interface DiscoveryEndpoint {
  endpoint: string;
  appOrigin: string;
}

const WHERE_TO_FIND =
  'Copy it from dbt: Account settings → Access URLs (for example https://cloud.getdbt.com or https://ab123.us1.dbt.com).';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** dbt's own sites that people paste by mistake: none of them is an account's Access URL. */
const NOT_AN_ACCOUNT_HOST = new Set([
  'login.dbt.com',
  'dbt.com',
  'www.dbt.com',
  'getdbt.com',
  'www.getdbt.com',
  'docs.getdbt.com',
]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

function problem(message: string): Result<never, ConfigProblem> {
  return err({ field: 'accessUrl', message });
}

function isIpAddress(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');
}

/** The web app's origin from a metadata host: drop the `metadata` label (first, or second in cells). */
function appOriginOf(url: URL): string {
  const labels = url.hostname.split('.');
  const at = labels.indexOf('metadata');
  if (at === 0 || (at === 1 && labels.length > 3)) labels.splice(at, 1);
  const port = url.port ? `:${url.port}` : '';
  return `${url.protocol}//${labels.join('.')}${port}`;
}

/**
 * `PREFIX.ROUTING.dbt.com` (cells such as `ab123.us1.dbt.com` and current single-tenant instances
 * such as `ab123.acme.dbt.com` alike) puts `metadata` after the account prefix; the regional
 * multi-tenant hosts (`emea.dbt.com`) and the legacy `*.getdbt.com` hosts put it first.
 */
function metadataHostFor(hostname: string): string {
  const labels = hostname.split('.');
  if (labels[0] === 'metadata' || labels[1] === 'metadata') return hostname;
  if (hostname.endsWith('.dbt.com') && labels.length >= 4) {
    const [prefix, ...routing] = labels;
    return [prefix, 'metadata', ...routing].join('.');
  }
  return `metadata.${hostname}`;
}

function parse(text: string): URL | null {
  // "cloud.getdbt.com" pasted without a scheme means https; anything with a scheme keeps it.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

/**
 * The token goes only where dbt serves the Discovery API (the manifest's host permissions) or to
 * a test server on this computer: a mistyped or planted URL must not receive it (review of #2).
 */
const DBT_HOST = /(^|\.)(getdbt\.com|dbt\.com)$/i;

export function deriveDiscoveryEndpoint(accessUrl: string): Result<DiscoveryEndpoint, ConfigProblem> {
  const derived = deriveUncheckedEndpoint(accessUrl);
  if (!derived.ok) return derived;
  const host = new URL(derived.value.endpoint).hostname;
  if (isLoopbackHost(host) || DBT_HOST.test(host)) return derived;
  return problem(
    `Docent sends the service token only to dbt's own hosts (…getdbt.com, …dbt.com) or to a test server on ` +
      `this computer, and ${host} is neither. ${WHERE_TO_FIND}`,
  );
}

function deriveUncheckedEndpoint(accessUrl: string): Result<DiscoveryEndpoint, ConfigProblem> {
  const text = accessUrl.trim();
  if (!text) return problem(`Enter your dbt Access URL. ${WHERE_TO_FIND}`);

  const url = parse(text);
  if (!url || !url.hostname) return problem(`“${text}” is not a URL. ${WHERE_TO_FIND}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return problem(`The Access URL must start with https:// (it starts with ${url.protocol}//). ${WHERE_TO_FIND}`);
  }
  const hostname = url.hostname;
  const loopback = isLoopbackHost(hostname);
  if (url.protocol === 'http:' && !loopback) {
    return problem(
      `Use https:// for ${hostname}: Docent sends the service token only over HTTPS. ` +
        'Plain http:// is accepted only for a test server on this computer (localhost or 127.0.0.1).',
    );
  }
  if (!loopback && !isIpAddress(hostname) && !hostname.includes('.')) {
    return problem(`“${text}” is not a complete web address. ${WHERE_TO_FIND}`);
  }

  const path = url.pathname.replace(/\/+$/, '');
  const port = url.port ? `:${url.port}` : '';
  const origin = `${url.protocol}//${hostname}${port}`;

  if (hostname.startsWith('semantic-layer.')) {
    return problem(
      `${hostname} is dbt's Semantic Layer API; Docent reads the Discovery API. Paste your Access URL instead. ${WHERE_TO_FIND}`,
    );
  }
  // A full endpoint on a dbt host is taken as given: the escape hatch for hosts the rules below get wrong.
  if (path.endsWith('/graphql')) {
    return ok({ endpoint: `${origin}${path}`, appOrigin: loopback ? origin : appOriginOf(url) });
  }
  if (loopback) return ok({ endpoint: `${origin}/graphql`, appOrigin: origin });
  if (isIpAddress(hostname)) {
    return problem(
      `${hostname} is an IP address, not a dbt Access URL. Paste the Access URL, or the full Discovery API URL ending in /graphql.`,
    );
  }
  if (NOT_AN_ACCOUNT_HOST.has(hostname)) {
    return problem(`${hostname} is one of dbt's own sites, not your account's Access URL. ${WHERE_TO_FIND}`);
  }
  // Azure single-tenant hosts are not refused: dbt's docs disagree on whether they have the
  // Discovery API, so a 403/404 from one is explained when it happens (lib/discovery/error-map.ts).
  const metadataHost = metadataHostFor(hostname);
  const endpointUrl = new URL(`${url.protocol}//${metadataHost}${port}/graphql`);
  return ok({ endpoint: endpointUrl.href, appOrigin: appOriginOf(endpointUrl) });
}
