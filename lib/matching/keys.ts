/**
 * The keys a relation is known by. The background's model index and the page scanner both build
 * keys here, so a name written on a page and a model in dbt meet on exactly the same string.
 * Parts are normalised (lib/matching/identifier.ts) and joined with dots. A key without a dot is a
 * bare model name: only table slots produce those (docs/architecture.md "Matching").
 */
import { normalizeIdentifier } from './identifier';

export function joinKey(parts: readonly string[]): string {
  return parts.join('.');
}

/** `database.schema.alias` and `schema.alias`, for the parts that are known. */
export function relationKeys(database: string | null, schema: string | null, alias: string): string[] {
  if (!schema) return [];
  const tail = `${normalizeIdentifier(schema)}.${normalizeIdentifier(alias)}`;
  return database ? [`${normalizeIdentifier(database)}.${tail}`, tail] : [tail];
}

/** A model's bare `name`, matched only where an adapter says a table name stands. */
export function nameKey(name: string): string {
  return normalizeIdentifier(name);
}
