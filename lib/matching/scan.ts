/**
 * Finds qualified relation names (`db.schema.table`, `schema.table`) in running text, in one pass
 * of one regular expression. A candidate is only a question for the background, which knows the
 * real names: a false candidate costs a map lookup and never a badge. What is rejected here is
 * rejected to keep obvious noise (hosts, e-mail addresses, paths, versions) off the wire.
 */
import { BACKTICKED_PATH, PART, splitParts } from './identifier';
import { joinKey } from './keys';

export interface ScanHit {
  start: number;
  end: number;
  /** Normalised parts joined with dots: the key the background's index is built on. */
  key: string;
  /** The text as written on the page. */
  raw: string;
}

// Not preceded by an identifier character (no match mid-word), a dot (no tail of a longer chain),
// a hyphen (host names), `@` (e-mail, Snowflake stages) or a slash (URLs and paths).
const CHAIN = new RegExp(`(?<![A-Za-z0-9_$.\\-@/\\\\])(?:${BACKTICKED_PATH}|${PART}(?:\\.${PART})+)`, 'g');

// After a name: a slash or `@` means a path or address; a hyphen means a host (`foo.bar-baz.com`);
// a dot followed by a character that cannot start a part means a version or an IP (`v1.2.3`).
const BAD_FOLLOWER = /[/@\-\\]|\.[0-9]/y;

// A bare last part that names a file type or a top-level domain is never a warehouse table.
const NOT_A_TABLE = new Set([
  'com', 'org', 'net', 'io', 'dev', 'app', 'cloud', 'html', 'htm', 'php', 'aspx',
  'csv', 'tsv', 'json', 'xlsx', 'xls', 'pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'txt', 'md',
  'sql', 'py', 'js', 'ts', 'yml', 'yaml', 'zip', 'parquet',
]);

export function scanText(text: string): ScanHit[] {
  const hits: ScanHit[] = [];
  // Every name has a dot: most of a page's texts are turned down without running the expression.
  if (!text.includes('.')) return hits;
  CHAIN.lastIndex = 0;
  for (let match = CHAIN.exec(text); match; match = CHAIN.exec(text)) {
    const raw = match[0];
    const start = match.index;
    const end = start + raw.length;
    BAD_FOLLOWER.lastIndex = end;
    if (BAD_FOLLOWER.test(text)) continue;
    const parts = splitParts(raw);
    // Four or more parts are a column path, a package or a host, not a relation.
    if (parts.length < 2 || parts.length > 3) continue;
    const lastRaw = raw.slice(raw.lastIndexOf('.') + 1);
    if (NOT_A_TABLE.has(lastRaw.toLowerCase())) continue;
    hits.push({ start, end, key: joinKey(parts), raw });
  }
  return hits;
}
