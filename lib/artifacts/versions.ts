/**
 * Which artifact schema versions Docent reads, checked from `metadata.dbt_schema_version`
 * (`https://schemas.getdbt.com/dbt/manifest/v12.json`). The fields read here have kept their
 * names and meaning across these versions (dbt's schema changelogs); an older or newer file is
 * refused with both versions named rather than half-read.
 */
import { err, ok, type Result } from '../result';
import type { SourceError } from '../catalog/source';
import type { ArtifactFileName } from '../config/artifacts-location';

export type ArtifactKind = 'manifest' | 'run_results' | 'catalog' | 'sources';

export const ARTIFACT_FILES: Readonly<Record<ArtifactKind, ArtifactFileName>> = {
  manifest: 'manifest.json',
  run_results: 'run_results.json',
  catalog: 'catalog.json',
  sources: 'sources.json',
};

export const ARTIFACT_KINDS = Object.keys(ARTIFACT_FILES) as ArtifactKind[];

/** The schema's name in the version URL (`run-results`, not the file's `run_results`). */
const SCHEMA_NAME: Record<ArtifactKind, string> = {
  manifest: 'manifest',
  run_results: 'run-results',
  catalog: 'catalog',
  sources: 'sources',
};

export const SUPPORTED_VERSIONS: Readonly<Record<ArtifactKind, readonly number[]>> = {
  manifest: [10, 11, 12],
  run_results: [4, 5, 6],
  catalog: [1],
  sources: [3],
};

/** `v12` from `https://schemas.getdbt.com/dbt/manifest/v12.json`; `null` when it is not one. */
export function schemaVersionOf(kind: ArtifactKind, schemaUrl: unknown): number | null {
  if (typeof schemaUrl !== 'string') return null;
  const match = /\/dbt\/([a-z-]+)\/v(\d+)\.json$/.exec(schemaUrl.trim());
  if (!match || match[1] !== SCHEMA_NAME[kind]) return null;
  return Number(match[2]);
}

const listVersions = (versions: readonly number[]) => versions.map((v) => `v${v}`).join(', ');

export function checkSchemaVersion(kind: ArtifactKind, metadata: unknown): Result<number, SourceError> {
  const found = (metadata as { dbt_schema_version?: unknown } | null | undefined)?.dbt_schema_version;
  const version = schemaVersionOf(kind, found);
  const supported = SUPPORTED_VERSIONS[kind];
  if (version !== null && supported.includes(version)) return ok(version);
  const what =
    version !== null
      ? `${ARTIFACT_FILES[kind]} is schema v${version}`
      : typeof found === 'string'
        ? `${ARTIFACT_FILES[kind]} says its schema is ${JSON.stringify(found.slice(0, 120))}, which is not a dbt ${SCHEMA_NAME[kind]} schema`
        : `${ARTIFACT_FILES[kind]} has no metadata.dbt_schema_version (is it a dbt artifact?)`;
  return err({
    kind: 'unsupportedVersion',
    message: `${what}; Docent reads ${SCHEMA_NAME[kind]} ${listVersions(supported)}. Regenerate it with a dbt version that writes one of those.`,
  });
}
