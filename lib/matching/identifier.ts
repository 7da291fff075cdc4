/**
 * Identifiers compared the way warehouses compare unquoted names (docs/architecture.md "Matching"):
 * quotes of any SQL dialect are dropped and case is ignored. Quoted Snowflake/Postgres names are
 * strictly case-sensitive, but a dashboard that writes `"ORDERS"` for a model built as `orders`
 * means the same table in practice, and a false match costs less than a missed one here.
 */

/** `"Orders"`, `` `orders` ``, `[Orders]` and `ORDERS` all become `orders`. */
export function normalizeIdentifier(raw: string): string {
  const text = raw.trim();
  const first = text[0];
  const last = text[text.length - 1];
  const quoted =
    text.length >= 2 &&
    ((first === '"' && last === '"') || (first === '`' && last === '`') || (first === '[' && last === ']'));
  return (quoted ? text.slice(1, -1) : text).toLowerCase();
}

// One identifier: bare, "double-quoted" (Snowflake, Postgres, Redshift), `backticked` (BigQuery,
// whose project ids contain hyphens) or [bracketed] (SQL Server, Power BI). Shared with scan.ts so
// both agree on what a part is.
export const BARE_PART = '[A-Za-z_][A-Za-z0-9_$]*';
export const QUOTED_PART = '"[^"\\n]{1,255}"|`[^`\\n.]{1,255}`|\\[[^\\]\\n]{1,255}\\]';
export const PART = `(?:${BARE_PART}|${QUOTED_PART})`;
// BigQuery also accepts a whole path inside one pair of backticks: `project.dataset.table`.
export const BACKTICKED_PATH = '`[^`\\n.]{1,255}(?:\\.[^`\\n.]{1,255}){1,2}`';

const WHOLE_NAME = new RegExp(`^(?:${BACKTICKED_PATH}|${PART}(?:\\.${PART}){0,2})$`);
const PART_IN_NAME = new RegExp(PART, 'g');

/** The normalised parts of a relation name (1 to 3 of them), or null when `text` is not one. */
export function parseRelationName(text: string): string[] | null {
  const name = text.trim();
  if (!WHOLE_NAME.test(name)) return null;
  return splitParts(name);
}

/** Parts of a string already known to be a name (matched by WHOLE_NAME or the scanner). */
export function splitParts(name: string): string[] {
  if (name[0] === '`' && name.indexOf('.') > 0 && name.indexOf('`', 1) === name.length - 1) {
    return name.slice(1, -1).split('.').map((part) => part.toLowerCase());
  }
  return (name.match(PART_IN_NAME) ?? []).map(normalizeIdentifier);
}
