/**
 * One refresh of the four files: each is asked for conditionally, parsed only when it changed,
 * and kept (parsed) in a cache so a restarted service worker still holds what a 304 refers to.
 * A missing manifest is an error; any other missing file costs one part of the picture, said in
 * a warning the status shows.
 */
import { err, ok, type Result } from '../result';
import type { SourceError } from '../catalog/source';
import type { ArtifactCollector } from './collector';
import { catalogCollector } from './catalog-file';
import { manifestCollector } from './manifest';
import type { ArtifactOrigin } from './origins';
import type { ParsedArtifacts, ParsedRunResults } from './parsed';
import { mergeRunHistory } from './run-history';
import { runResultsCollector } from './run-results';
import { sourcesCollector } from './sources-file';
import { collectFromStream, type StreamProgress } from './stream-json';
import { ARTIFACT_FILES, ARTIFACT_KINDS, type ArtifactKind } from './versions';

export interface CachedArtifact {
  stamp: string | null;
  parsed: unknown;
}

/** Parsed files by origin and kind (IndexedDB in the extension, a Map in tests). */
export interface ArtifactCache {
  get(key: string): Promise<CachedArtifact | undefined>;
  set(key: string, value: CachedArtifact): Promise<void>;
  delete(key: string): Promise<void>;
}

export type FileState = 'downloaded' | 'unchanged' | 'missing';

export interface ArtifactsReport {
  files: Record<ArtifactKind, FileState>;
  /** One sentence per missing file: which, and what it costs. */
  warnings: string[];
}

export interface ArtifactsRead {
  artifacts: ParsedArtifacts;
  /** The files' stamps combined; `null` when a file has none (then every sync is a full one). */
  version: string | null;
  report: ArtifactsReport;
}

/** What each optional file gives; said when it is missing. */
export const MISSING_COSTS: Record<Exclude<ArtifactKind, 'manifest'>, string> = {
  run_results: 'no last run status and no test results (run `dbt build` and publish run_results.json)',
  sources: 'no source freshness (run `dbt source freshness` and publish sources.json)',
  catalog: 'no column types (run `dbt docs generate` and publish catalog.json)',
};

const COLLECTORS: Record<ArtifactKind, () => ArtifactCollector<unknown>> = {
  manifest: manifestCollector,
  run_results: runResultsCollector,
  catalog: catalogCollector,
  sources: sourcesCollector,
};

export interface ReadOptions {
  origin: ArtifactOrigin;
  cache: ArtifactCache;
  onProgress?(file: string, progress: StreamProgress): void;
}

const cacheKey = (origin: ArtifactOrigin, kind: ArtifactKind) => `${origin.key}|${kind}`;

export async function readArtifacts({ origin, cache, onProgress }: ReadOptions): Promise<Result<ArtifactsRead, SourceError>> {
  const parsed: Partial<Record<ArtifactKind, unknown>> = {};
  const stamps: string[] = [];
  let versionKnown = true;
  const report: ArtifactsReport = { files: {} as ArtifactsReport['files'], warnings: [] };

  // The manifest first: without it nothing else is worth asking for.
  for (const kind of ARTIFACT_KINDS) {
    const key = cacheKey(origin, kind);
    const cached = await cache.get(key).catch(() => undefined);
    let opened = await origin.open(kind, cached?.stamp ?? null);
    // A "not modified" for a copy we could not read back: ask again, unconditionally.
    if (opened.ok && opened.value.kind === 'unchanged' && !cached) opened = await origin.open(kind, null);
    if (!opened.ok) return opened;
    const outcome = opened.value;
    const file = ARTIFACT_FILES[kind];
    if (outcome.kind === 'unchanged' && cached) {
      parsed[kind] = cached.parsed;
      stamps.push(`${kind}=${cached.stamp}`);
      report.files[kind] = 'unchanged';
      continue;
    }
    if (outcome.kind === 'missing') {
      await cache.delete(key).catch(() => {});
      if (kind === 'manifest') {
        return err({ kind: 'missingFile', message: `manifest.json was not found (${outcome.why}); Docent needs it to know your models. Check the Artifacts URL.` });
      }
      report.files[kind] = 'missing';
      report.warnings.push(`${file} not found (${outcome.why}): ${MISSING_COSTS[kind]}.`);
      stamps.push(`${kind}=missing`);
      continue;
    }
    if (outcome.kind === 'unchanged') {
      return err({ kind: 'invalidResponse', message: `${file}: the server said "not modified" to a request that had nothing to compare with.` });
    }
    const result = await collectFromStream(COLLECTORS[kind](), outcome.body, {
      totalBytes: outcome.totalBytes,
      onProgress: (progress) => onProgress?.(file, progress),
    });
    if (!result.ok) return result;
    parsed[kind] = kind === 'run_results' ? mergeRunHistory((cached?.parsed as ParsedRunResults | undefined) ?? null, result.value as ParsedRunResults) : result.value;
    report.files[kind] = 'downloaded';
    if (outcome.stamp === null) versionKnown = false;
    stamps.push(`${kind}=${outcome.stamp}`);
    await cache.set(key, { stamp: outcome.stamp, parsed: parsed[kind] }).catch(() => {});
  }
  const artifacts = {
    manifest: parsed.manifest,
    runResults: parsed.run_results ?? null,
    catalog: parsed.catalog ?? null,
    sources: parsed.sources ?? null,
  } as ParsedArtifacts;
  return ok({ artifacts, version: versionKnown ? stamps.join('\n') : null, report });
}
