/**
 * Reading the BI tools' JSON without trusting its shape: every accessor returns undefined for a
 * missing or wrongly typed value, so an API that changed its answer yields fewer tables, not an
 * exception on someone's dashboard.
 */

export type Json = unknown;

export function field(value: Json, ...path: (string | number)[]): Json {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, Json>)[key];
  }
  return current;
}

export function text(value: Json, ...path: (string | number)[]): string | undefined {
  const found = field(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

export function id(value: Json, ...path: (string | number)[]): string | undefined {
  const found = field(value, ...path);
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

export function list(value: Json, ...path: (string | number)[]): Json[] {
  const found = field(value, ...path);
  return Array.isArray(found) ? found : [];
}

/** A JSON string inside JSON (Superset's `params`, `query_context`), parsed, or undefined. */
export function embeddedJson(value: Json, ...path: (string | number)[]): Json {
  const raw = text(value, ...path);
  if (raw === undefined) return field(value, ...path);
  try {
    return JSON.parse(raw) as Json;
  } catch {
    return undefined;
  }
}

/** `schema.table` (or `db.schema.table`) from parts as a tool names them, lower-cased and unquoted. */
export function dottedName(...parts: (string | undefined | null)[]): string | undefined {
  const present = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  if (present.length === 0) return undefined;
  return present.map((part) => part.trim().replace(/^["`[]|["`\]]$/g, '').toLowerCase()).join('.');
}
