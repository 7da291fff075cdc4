/**
 * sources.json (v3, written by `dbt source freshness`) → each source's freshness: the status,
 * when the table was last loaded (`max_loaded_at`) and when the check ran (`snapshotted_at`).
 * A `runtime error` (the check itself failed) is an error, as dbt Catalog shows it.
 */
import { err, ok } from '../result';
import type { FreshnessStatus } from '../catalog/types';
import { type ArtifactCollector, record, str } from './collector';
import { missingMetadata } from './manifest';
import type { ParsedSources } from './parsed';
import { checkSchemaVersion } from './versions';

function freshnessStatus(status: string | null): FreshnessStatus | null {
  const lower = status?.toLowerCase() ?? null;
  if (lower === 'pass' || lower === 'warn' || lower === 'error') return lower;
  return lower === 'runtime error' ? 'error' : null;
}

export function sourcesCollector(): ArtifactCollector<ParsedSources> {
  let schemaVersion: number | null = null;
  let generatedAt: string | null = null;
  const results: ParsedSources['results'] = {};
  return {
    kind: 'sources',
    entrySections: ['results'],
    metadata(value) {
      const version = checkSchemaVersion('sources', value);
      if (!version.ok) return version.error;
      schemaVersion = version.value;
      generatedAt = str(record(value).generated_at);
      return null;
    },
    entry(_section, value) {
      const raw = record(value);
      const uniqueId = str(raw.unique_id);
      if (!uniqueId) return null;
      results[uniqueId] = {
        status: freshnessStatus(str(raw.status)),
        maxLoadedAt: str(raw.max_loaded_at),
        checkedAt: str(raw.snapshotted_at) ?? generatedAt,
      };
      return null;
    },
    finish() {
      if (schemaVersion === null) return err(missingMetadata('sources.json'));
      return ok({ schemaVersion, generatedAt, results });
    },
  };
}
