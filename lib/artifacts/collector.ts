/**
 * An artifact is read section by section: `metadata` whole (its schema version is checked first,
 * so a file Docent cannot read is refused before the rest is parsed), then the entries of the
 * big sections (`nodes`, `results`…) one at a time, so a 100 MB manifest never has to be one
 * object in memory (./stream-json.ts feeds these from a byte stream).
 */
import { err, ok, type Result } from '../result';
import type { SourceError } from '../catalog/source';
import type { ArtifactKind } from './versions';

export interface ArtifactCollector<T> {
  readonly kind: ArtifactKind;
  /** The top-level sections whose entries (object members or array items) are fed one by one. */
  readonly entrySections: readonly string[];
  /** The whole `metadata` object; an error stops the read. */
  metadata(value: unknown): SourceError | null;
  /** One entry of one of `entrySections`; an error stops the read. */
  entry(section: string, value: unknown): SourceError | null;
  finish(): Result<T, SourceError>;
}

/** Feeds an already-parsed artifact to a collector (small files, tests). */
export function collectFromObject<T>(collector: ArtifactCollector<T>, json: unknown): Result<T, SourceError> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return err({ kind: 'invalidResponse', message: `This ${collector.kind} file is not a JSON object.` });
  }
  const record = json as Record<string, unknown>;
  const problem = collector.metadata(record.metadata);
  if (problem) return err(problem);
  for (const section of collector.entrySections) {
    const value = record[section];
    if (value === null || value === undefined) continue;
    const entries = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : [];
    for (const entry of entries) {
      const stop = collector.entry(section, entry);
      if (stop) return err(stop);
    }
  }
  return collector.finish();
}

/** Field readers that never throw on a wrong shape (a hand-edited artifact is still input). */
export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export const notAnArtifact = (file: string): SourceError => ({
  kind: 'invalidResponse',
  message: `${file} is not a dbt artifact Docent can read (an entry has no unique_id).`,
});

export { ok };
