/**
 * Where dbt Core artifacts are published: the options page's **Artifacts URL** and
 * **Request header**, or the `artifactsUrl` / `artifactsHeader` policy keys. Pure; lib/artifacts
 * fetches from what this returns.
 *
 * The URL is either a base URL (`https://docs.acme.com/dbt/`, under which manifest.json,
 * run_results.json, catalog.json and sources.json live) or one URL per file, separated by spaces
 * or line breaks (a bucket's signed URLs, each signed for its own file). A lone URL to a file
 * without a query string also stands for its folder: the other files are looked for beside it.
 */
import { isLoopbackHost } from './endpoint';

export const ARTIFACT_FILE_NAMES = ['manifest.json', 'run_results.json', 'catalog.json', 'sources.json'] as const;
export type ArtifactFileName = (typeof ARTIFACT_FILE_NAMES)[number];

export type ArtifactUrls = Partial<Record<ArtifactFileName, string>>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const fileNameOf = (url: URL): ArtifactFileName | undefined => {
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  return ARTIFACT_FILE_NAMES.find((name) => name === last);
};

function parseOne(text: string): Parsed<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `“${text.slice(0, 80)}” is not a URL. Enter the address where your dbt artifacts are published, starting with https://.` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return { ok: false, message: `Artifacts URLs must start with https:// (plain http only for this computer); got ${url.protocol}//${url.host}.` };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Put credentials in the Request header, not in the Artifacts URL (a URL is shown and logged in too many places).' };
  }
  return { ok: true, value: url };
}

/** The URL of each artifact file, from the Artifacts URL as typed. */
export function parseArtifactsUrl(text: string): Parsed<ArtifactUrls> {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'Enter the Artifacts URL (where manifest.json is published), or choose the files from disk.' };
  const urls: URL[] = [];
  for (const part of parts) {
    const parsed = parseOne(part);
    if (!parsed.ok) return parsed;
    urls.push(parsed.value);
  }
  if (urls.length === 1 && (!fileNameOf(urls[0]!) || !urls[0]!.search)) {
    const base = new URL(urls[0]!.href);
    base.hash = '';
    if (fileNameOf(base)) base.pathname = base.pathname.replace(/[^/]*$/, '');
    else if (!base.pathname.endsWith('/')) base.pathname += '/';
    const search = base.search;
    base.search = '';
    return {
      ok: true,
      value: Object.fromEntries(ARTIFACT_FILE_NAMES.map((name) => [name, new URL(name, base).href + search])),
    };
  }
  const byFile: ArtifactUrls = {};
  for (const url of urls) {
    const name = fileNameOf(url);
    if (!name) {
      return { ok: false, message: `With several URLs, each must end in the file it serves (${ARTIFACT_FILE_NAMES.join(', ')}); ${url.origin}${url.pathname} does not.` };
    }
    if (byFile[name]) return { ok: false, message: `${name} is given twice in the Artifacts URL.` };
    byFile[name] = url.href;
  }
  if (!byFile['manifest.json']) return { ok: false, message: 'The Artifacts URLs must include manifest.json: without it Docent knows no models.' };
  return { ok: true, value: byFile };
}

/** `Authorization: Bearer …` → its name and value; an empty field is no header. */
export function parseRequestHeader(text: string): Parsed<{ name: string; value: string } | null> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: null };
  const colon = trimmed.indexOf(':');
  const name = colon > 0 ? trimmed.slice(0, colon).trim() : '';
  const value = colon > 0 ? trimmed.slice(colon + 1).trim() : '';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || !value) {
    return { ok: false, message: 'Write the request header as Name: value, for example Authorization: Bearer <token>.' };
  }
  if (/[\r\n]/.test(value)) return { ok: false, message: 'The request header value has a line break in it; copy it again.' };
  return { ok: true, value: { name, value } };
}

/** The hosts Docent needs permission for, as `permissions.request` patterns (any port). */
export function artifactsOriginPatterns(urls: ArtifactUrls): string[] {
  return [...new Set(Object.values(urls).map((u) => {
    const url = new URL(u);
    return `${url.protocol}//${url.hostname}/*`;
  }))];
}
