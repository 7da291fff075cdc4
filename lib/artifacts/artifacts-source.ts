/**
 * dbt Core's run artifacts as a `CatalogSource` (lib/catalog/source.ts): the same domain types as
 * the Discovery source, from manifest.json, run_results.json, catalog.json and sources.json.
 *
 * `version()` refreshes the files (conditional requests; only a changed file is downloaded and
 * parsed) and answers with their validators combined; the `indexPage` calls of the same sync then
 * page through what it read, without asking again.
 */
import { err, ok, type Result } from '../result';
import type { CatalogSource, IndexPage, NodeDetails, SourceError } from '../catalog/source';
import type { ModelSummary } from '../catalog/types';
import { buildDetails, buildSummaries } from './build-index';
import type { ArtifactOrigin } from './origins';
import { readArtifacts, type ArtifactCache, type ArtifactsRead, type ArtifactsReport } from './read-artifacts';
import type { StreamProgress } from './stream-json';
import { ARTIFACT_FILES } from './versions';

export interface ArtifactsSourceOptions {
  origin: ArtifactOrigin;
  cache: ArtifactCache;
  /** Bytes parsed so far, per file, while a changed file is read (shown in the options page). */
  onProgress?(file: string, progress: StreamProgress): void;
  /** After every read: which files were read and what a missing one costs. */
  onReport?(report: ArtifactsReport): void;
  pageSize?: number;
  /** How often progress may reach the status; it says nothing of a read shorter than this. */
  activityEveryMs?: number;
}

export interface ArtifactsSource extends CatalogSource {
  /** The last read's report; `null` before the first. */
  lastReport(): ArtifactsReport | null;
  notes(): string[];
  setActivityListener(listener: ((activity: string) => void) | null): void;
}

const PAGE_SIZE = 2_000;
/** Progress reaches the status (storage) at most this often: small files say nothing. */
const ACTIVITY_EVERY_MS = 500;

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);

export function describeReading(file: string, { bytes, totalBytes }: StreamProgress): string {
  return totalBytes ? `reading ${file}: ${megabytes(bytes)} of ${megabytes(totalBytes)} MB` : `reading ${file}: ${megabytes(bytes)} MB`;
}

/** "Read manifest.json, run_results.json and catalog.json." and a sentence per missing file. */
export function reportNotes(report: ArtifactsReport): string[] {
  const read = (Object.keys(report.files) as (keyof ArtifactsReport['files'])[])
    .filter((kind) => report.files[kind] !== 'missing')
    .map((kind) => ARTIFACT_FILES[kind]);
  const list = read.length > 1 ? `${read.slice(0, -1).join(', ')} and ${read.at(-1)}` : read[0];
  return [...(list ? [`Read ${list}.`] : []), ...report.warnings];
}

export function createArtifactsSource(options: ArtifactsSourceOptions): ArtifactsSource {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let current: (ArtifactsRead & { summaries: ModelSummary[] | null }) | null = null;
  /** Set by `version()`; the next `indexPage(null)` pages through it instead of reading again. */
  let fresh = false;
  let reading: Promise<Result<ArtifactsRead, SourceError>> | null = null;
  let activityListener: ((activity: string) => void) | null = null;

  function progressReporter() {
    const started = Date.now();
    let told = 0;
    return (file: string, progress: StreamProgress) => {
      options.onProgress?.(file, progress);
      const now = Date.now();
      const every = options.activityEveryMs ?? ACTIVITY_EVERY_MS;
      if (activityListener && now - started >= every && now - told >= every) {
        told = now;
        activityListener(describeReading(file, progress));
      }
    };
  }

  async function read(): Promise<Result<ArtifactsRead, SourceError>> {
    // Two callers at once (a sync and a doc card) share one read.
    reading ??= readArtifacts({ origin: options.origin, cache: options.cache, onProgress: progressReporter() }).finally(() => {
      reading = null;
    });
    const result = await reading;
    if (result.ok) {
      if (current?.version !== result.value.version || current.version === null) current = { ...result.value, summaries: null };
      current.report = result.value.report;
      options.onReport?.(result.value.report);
    }
    return result;
  }

  const summaries = (state: NonNullable<typeof current>) => (state.summaries ??= buildSummaries(state.artifacts));

  return {
    key: options.origin.key,
    lastReport: () => current?.report ?? null,
    notes: () => (current ? reportNotes(current.report) : []),
    setActivityListener: (listener) => void (activityListener = listener),

    async version() {
      const result = await read();
      if (!result.ok) return result;
      fresh = true;
      return ok(result.value.version);
    },

    async indexPage(cursor): Promise<Result<IndexPage, SourceError>> {
      if (cursor === null && !fresh) {
        const result = await read();
        if (!result.ok) return result;
      }
      fresh = false;
      if (!current) {
        const result = await read();
        if (!result.ok) return result;
      }
      const state = current!;
      const nodes = summaries(state);
      const start = cursor === null ? 0 : Number(cursor);
      if (!Number.isInteger(start) || start < 0 || start > nodes.length) {
        return err({ kind: 'invalidResponse', message: 'The artifacts changed during the sync; Docent starts again at the next refresh.' });
      }
      const end = Math.min(start + pageSize, nodes.length);
      return ok({
        nodes: nodes.slice(start, end),
        exposures: start === 0 ? state.artifacts.manifest.exposures : [],
        next: end < nodes.length ? String(end) : null,
        progress: { loaded: end, total: nodes.length },
      });
    },

    async details(nodes): Promise<Result<NodeDetails[], SourceError>> {
      if (!current) {
        // A restarted service worker: the cache answers, the server only says "not modified".
        const result = await read();
        if (!result.ok) return result;
      }
      const answers: NodeDetails[] = [];
      for (const node of nodes) {
        const details = buildDetails(node.uniqueId, current!.artifacts);
        if (details) answers.push(details);
      }
      return ok(answers);
    },
  };
}
