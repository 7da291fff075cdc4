/**
 * A self-hosted BI host typed into the options page (issue #6, "Self-hosted BI"): a host name only.
 * A URL with a path, a wildcard, an IP address or a host Docent already covers is refused with
 * words that say what to type instead, and nothing is stored.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import { err, ok, type Result } from '../result';
import type { BiHost } from './settings';

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const EXAMPLE = 'Type the host name only, such as metabase.acme.com.';

/** `https://metabase.acme.com/` → `metabase.acme.com`; anything more than a host is refused. */
export function checkBiHostInput(
  input: string,
  coveredPatterns: readonly string[],
  existing: readonly BiHost[],
): Result<string, string> {
  const text = input.trim().toLowerCase();
  if (!text) return err(`Enter the BI tool's host name. ${EXAMPLE}`);
  if (text.includes('*')) return err(`“${text}” has a wildcard: Docent asks for one host at a time. ${EXAMPLE}`);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`);
  } catch {
    return err(`“${text}” is not a host name. ${EXAMPLE}`);
  }
  if (url.protocol !== 'https:') return err(`Docent works on BI tools served over https://, not ${url.protocol}//. ${EXAMPLE}`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return err(`“${text}” has a path: Docent needs only the host (${url.hostname}). ${EXAMPLE}`);
  }
  if (url.port) return err(`“${text}” has a port: Docent works on the standard https port only. ${EXAMPLE}`);
  const host = url.hostname;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) {
    return err(`${host} is an IP address; give the BI tool's host name instead. ${EXAMPLE}`);
  }
  if (!HOST_NAME.test(host)) return err(`“${text}” is not a host name. ${EXAMPLE}`);
  const covered = coveredPatterns.find((pattern) => new MatchPattern(pattern).includes(`https://${host}/`));
  if (covered) return err(`Docent already works on ${host} (it is one of the BI tools' own hosts, ${covered}); nothing to add.`);
  if (existing.some((entry) => entry.host === host)) return err(`${host} is already in the list.`);
  return ok(host);
}

/** The permission pattern and content-script match for one added host. */
export const originOf = (host: string): string => `https://${host}/*`;
