/**
 * catalog.json (v1, written by `dbt docs generate`) → each relation's column types, in the
 * warehouse's order. Descriptions come from the manifest; the catalog only knows the types.
 */
import { err, ok } from '../result';
import { type ArtifactCollector, record, str } from './collector';
import { missingMetadata } from './manifest';
import type { ParsedCatalog } from './parsed';
import { checkSchemaVersion } from './versions';

export function catalogCollector(): ArtifactCollector<ParsedCatalog> {
  let schemaVersion: number | null = null;
  const columnTypes: ParsedCatalog['columnTypes'] = {};
  return {
    kind: 'catalog',
    entrySections: ['nodes', 'sources'],
    metadata(value) {
      const version = checkSchemaVersion('catalog', value);
      if (!version.ok) return version.error;
      schemaVersion = version.value;
      return null;
    },
    entry(_section, value) {
      const raw = record(value);
      const uniqueId = str(raw.unique_id);
      if (!uniqueId) return null;
      const columns: ParsedCatalog['columnTypes'][string] = {};
      for (const c of Object.values(record(raw.columns))) {
        const column = record(c);
        const name = str(column.name);
        if (!name) continue;
        columns[name.toLowerCase()] = { name, type: str(column.type), index: typeof column.index === 'number' ? column.index : 0 };
      }
      columnTypes[uniqueId] = columns;
      return null;
    },
    finish() {
      if (schemaVersion === null) return err(missingMetadata('catalog.json'));
      return ok({ schemaVersion, columnTypes });
    },
  };
}
