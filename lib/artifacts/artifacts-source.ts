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

export interface ArtifactsSourceOptions {
  origin: ArtifactOrigin;
  cache: ArtifactCache;
  /** Bytes parsed so far, per file, while a changed file is read (shown in the options page). */
  onProgress?(file: string, progress: StreamProgress): void;
  /** After every read: which files were read and what a missing one costs. */
  onReport?(report: ArtifactsReport): void;
  pageSize?: number;
}

export interface ArtifactsSource extends CatalogSource {
  /** The last read's report; `null` before the first. */
  lastReport(): ArtifactsReport | null;
}

const PAGE_SIZE = 2_000;

export function createArtifactsSource(options: ArtifactsSourceOptions): ArtifactsSource {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  let current: (ArtifactsRead & { summaries: ModelSummary[] | null }) | null = null;
  /** Set by `version()`; the next `indexPage(null)` pages through it instead of reading again. */
  let fresh = false;
  let reading: Promise<Result<ArtifactsRead, SourceError>> | null = null;

  async function read(): Promise<Result<ArtifactsRead, SourceError>> {
    // Two callers at once (a sync and a doc card) share one read.
    reading ??= readArtifacts({ origin: options.origin, cache: options.cache, onProgress: options.onProgress }).finally(() => {
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
