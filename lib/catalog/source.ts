/**
 * The one way the catalog reads dbt: a `CatalogSource`. lib/discovery (dbt Cloud's Discovery API)
 * and lib/artifacts (dbt Core's run artifacts) implement it; the catalog never sees a token, an
 * endpoint or a raw API shape, only the domain types of ./types.ts (see docs/architecture.md).
 */
import type { Result } from '../result';
import type { ColumnDoc, Exposure, ModelSummary, NodeAbout } from './types';

/** Why a source could not answer, in words a person can act on (docs/architecture.md "Code rules" 8). */
export type SourceErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalidResponse'
  /** Artifacts: a file the source needs is not there (the message says which and what it costs). */
  | 'missingFile'
  /** Artifacts: a schema version Docent cannot read (the message names found and supported). */
  | 'unsupportedVersion';

export interface SourceError {
  kind: SourceErrorKind;
  /** A sentence that says what went wrong and what to do about it. Never says "connected". */
  message: string;
  /** HTTP status when there was one. */
  status?: number;
  /** Seconds to wait before the next request (from Retry-After, or the source's own back-off). */
  retryAfterSeconds?: number;
}

/** One page of the index. `next` is opaque to the catalog: it hands it back for the next page. */
export interface IndexPage {
  /**
   * Models, seeds, snapshots and sources. `parentIds` are filled; `upstreamSources` is left empty
   * for materialised nodes: the catalog computes it from the parents once every page is in.
   */
  nodes: ModelSummary[];
  exposures: Exposure[];
  /** Where the next page starts; `null` after the last page. Resumable after a restart. */
  next: string | null;
  /** Nodes delivered so far, of the total the source announced (`null` when it cannot say). */
  progress: { loaded: number; total: number | null };
}

/** What the doc card adds to a node's summary; fetched on demand. */
export interface NodeDetails {
  uniqueId: string;
  /** Markdown as written in dbt, already truncated by the source. */
  description: string | null;
  columns: Omit<ColumnDoc, 'descriptionHtml'>[];
  lastRunError: string | null;
  /** Links into dbt, where the source can make them (dbt Cloud with an account id). */
  explorerUrl: string | null;
  lastSuccessRunUrl: string | null;
  /** The first lines of each failing, erroring or warning test's message, by test unique id. */
  testErrors?: Record<string, string>;
  /** Owner, group, tags, materialisation, access, package, version, relation name. */
  about?: NodeAbout;
}

export interface CatalogSource {
  /** The state this source reads (endpoint + environment, artifacts location): one index per key. */
  readonly key: string;
  /**
   * The cheap "changed since?" check: a stamp that changes whenever the state may have changed
   * (Discovery: `environment.applied.lastUpdatedAt`; artifacts: the files' ETag / Last-Modified).
   * `null` when the source cannot tell, which makes every sync a full one.
   */
  version(): Promise<Result<string | null, SourceError>>;
  /** One page of the index; `cursor` is `null` for the first page, then the last page's `next`. */
  indexPage(cursor: string | null): Promise<Result<IndexPage, SourceError>>;
  /** The doc card's particulars for these nodes (summaries from the index, so no guessing kinds). */
  details(nodes: readonly ModelSummary[]): Promise<Result<NodeDetails[], SourceError>>;
  /**
   * Optional: the dbt project's name as the source last reported it (Discovery
   * `environment.dbtProjectName`, read with the version check); `null` until known.
   */
  projectName?(): string | null;
  /**
   * Optional: sentences the status shows beside "Connected" after a sync (artifacts: which files
   * were read, and what a missing one costs).
   */
  notes?(): string[];
  /**
   * Optional: told what a long step is doing while `version()` or a page runs ("Reading
   * manifest.json: 40 of 98 MB"), for the status; `null` stops telling.
   */
  setActivityListener?(listener: ((activity: string) => void) | null): void;
}
