/**
 * Docent's domain language (docs/architecture.md "Code rules" 7). The Discovery API's and the artifacts' shapes are
 * mapped into these at the edge (lib/discovery/map.ts, lib/artifacts) and go no further.
 * Everything here is plain JSON: it is persisted in IndexedDB and crosses the message boundary.
 */

export type Health = 'healthy' | 'caution' | 'degraded' | 'unknown';

/** Seeds and snapshots are tables too and get badges like models (docs/health.md). */
export type ResourceType = 'model' | 'seed' | 'snapshot' | 'source';

/** A node's last run, as dbt reports it (`RunStatus`; `reused` counts as built). */
export type RunStatus = 'success' | 'error' | 'skipped' | 'reused' | 'warn';

/** A source freshness check's outcome; `null` where no check is configured. */
export type FreshnessStatus = 'pass' | 'warn' | 'error';

export type TestStatus = 'pass' | 'warn' | 'fail' | 'error' | 'skipped';

export interface TestResult {
  uniqueId: string;
  name: string;
  /**
   * `null` when the test was never run in this environment. A test dbt `reused` (state-aware
   * orchestration) carries the result it reused, never "reused" (docs/health.md).
   */
  status: TestStatus | null;
  /** The column a generic test checks (`not_null` on `order_id`); `null` for table-level tests. */
  columnName: string | null;
  /** Rows that failed (or warned) in the last run, when dbt reported them. */
  failures: number | null;
}

export interface SourceFreshness {
  uniqueId: string;
  /** `source_name.table_name`, as people write it in dbt (`ecom.raw_orders`). */
  name: string;
  status: FreshnessStatus | null;
  /**
   * Whether the source has a freshness check (`warn_after` or `error_after`). dbt treats a source
   * whose freshness is set to `null` as "not applicable" for its models, and as caution for itself.
   */
  configured: boolean;
  /** ISO time the source table was last loaded, when a freshness check saw it. */
  maxLoadedAt: string | null;
  /** ISO time the freshness check last ran; `null` when it never ran (dbt: over 30 days = stale). */
  checkedAt: string | null;
}

/**
 * dbt Mesh: a model of another dbt project that a node reads (a cross-project `ref`). Discovery
 * calls it an `ExternalModelNode`; dbt Core artifacts name it only by its unique id.
 */
export interface ExternalParent {
  uniqueId: string;
  /** The other project's dbt name (`model.<project>.<name>`). */
  project: string;
  /** The environment dbt resolves the reference to, when the source says (Discovery does). */
  environmentId: string | null;
}

/**
 * Everything the badge's verdict needs, and no more: the index holds one of these per node, so a
 * badge is right the moment it appears. The doc card's particulars come with `ModelDetails`.
 */
export interface ModelSummary {
  uniqueId: string;
  resourceType: ResourceType;
  /** The model's `name` (a source's table name). */
  name: string;
  database: string | null;
  schema: string | null;
  /** The relation's identifier: a model's alias (defaults to its name), a source's identifier. */
  alias: string;
  projectId: string | null;
  hasDescription: boolean;
  /** Last run status; `null` when never run in this environment. Sources carry none. */
  lastRunStatus: RunStatus | null;
  /** ISO time of the latest run attempt on this node, whatever its outcome (Discovery `lastRunGeneratedAt`). */
  lastRunAt: string | null;
  /**
   * ISO time the last successful build completed (Discovery `executeCompletedAt`), known even when
   * the latest attempt failed.
   */
  lastSuccessAt: string | null;
  lastRunId: string | null;
  lastSuccessRunId: string | null;
  tests: TestResult[];
  /** A versioned model's version (`2`); `null` or absent for everything else. */
  version?: string | null;
  /** The latest version of a versioned model: its bare name means that one. */
  latestVersion?: string | null;
  /** Direct parents (models, seeds, snapshots, sources) by unique id, as the source reports them. */
  parentIds: string[];
  /** Direct parents that are other projects' models, as the source described them (absent: none). */
  externalParents?: ExternalParent[];
  /**
   * Other projects' models upstream of this node, through its own project's graph (its own
   * external parents and those of its ancestors). Computed by the catalog (lib/catalog/upstream.ts).
   */
  upstreamExternal?: ExternalParent[];
  /**
   * Upstream sources and their freshness; for a source, its own freshness as the only entry.
   * Computed by the catalog from `parentIds` across the whole index (lib/catalog/upstream.ts).
   */
  upstreamSources: SourceFreshness[];
}

/** A dashboard or report declared in dbt (by hand, or automatically for Tableau and Power BI). */
export interface Exposure {
  uniqueId: string;
  name: string;
  /** The dashboard's URL; `null` when the exposure has none. */
  url: string | null;
  /** dbt's `exposureType`: dashboard, notebook, analysis, ml, application. */
  exposureType: string | null;
  projectId: string | null;
  parentIds: string[];
}

export interface ColumnDoc {
  name: string;
  description: string | null;
  /** `description` rendered from Markdown in the background; unsanitised (see sanitize-html.ts). */
  descriptionHtml: string | null;
  type: string | null;
}

/** What the doc card shows beyond the summary. Fetched on demand and cached. */
export interface ModelDetails {
  summary: ModelSummary;
  /** Markdown as written in dbt, truncated before it reaches a page (docs/architecture.md "Data flow"). */
  description: string | null;
  /** `description` rendered from Markdown in the background; unsanitised (see sanitize-html.ts). */
  descriptionHtml: string | null;
  columns: ColumnDoc[];
  lastRunError: string | null;
  /** dbt Cloud links; `null` when the account id (or project id) is not known. */
  explorerUrl: string | null;
  lastSuccessRunUrl: string | null;
  /** The first lines of each failing, erroring or warning test's message, by test unique id. */
  testErrors?: Record<string, string>;
  /** Owner, tags, materialisation and the rest of the card's "about" lines (absent when unknown). */
  about?: NodeAbout;
}

/** The facts the doc card lists under the description; each `null`/empty when dbt has none. */
export interface NodeAbout {
  owner: string | null;
  group: string | null;
  tags: string[];
  materialization: string | null;
  access: string | null;
  packageName: string | null;
  version: string | null;
  /** The relation a person would write in SQL (`analytics.marts.orders`); `null` for ephemeral models. */
  relationName: string | null;
}

export interface HealthReason {
  /** The verdict this reason alone would give. */
  health: Exclude<Health, 'healthy'>;
  text: string;
  /** The first lines of the error behind this reason, when the doc card's details brought it. */
  detail?: string;
}

export interface HealthVerdict {
  health: Health;
  /** Why, worst first; empty for a healthy node. */
  reasons: HealthReason[];
  /**
   * Information that does not change the verdict: upstream models that are degraded themselves
   * (dbt Catalog judges a model by its own build and tests and its upstream sources only).
   */
  upstream?: string[];
  /**
   * dbt Mesh: one line per other project this node reads, saying whether Docent reads that project
   * too (its upstream sources then count here) or not (then they cannot be checked).
   */
  otherProjects?: string[];
}

/** One node a name on the page resolved to, with its verdict, as a badge needs it. */
export interface MatchCandidate {
  uniqueId: string;
  name: string;
  resourceType: ResourceType;
  /** `database.schema.alias`, for display. */
  relation: string;
  verdict: HealthVerdict;
  /** The environment whose index answered (a source key), when several are configured. */
  environment?: string;
  /**
   * The dbt project it comes from, as people know it (the environment's configured `name`, else
   * the project's name in dbt), set whenever several environments are configured.
   */
  project?: string;
}

/** A name found on the page (normalised key) and the nodes it names: two or more = ambiguous. */
export interface NameMatch {
  key: string;
  candidates: MatchCandidate[];
}

/** An exposure whose URL is the page's, with the nodes it is built on as match candidates. */
export interface ExposureMatch {
  uniqueId: string;
  name: string;
  url: string;
  exposureType: string | null;
  parents: MatchCandidate[];
  /** The exposure's own verdict by dbt's exposure criteria (lib/catalog/health.ts). */
  verdict: HealthVerdict;
}

export interface DetailsAnswer {
  details: ModelDetails;
  verdict: HealthVerdict;
  /** When the index was last synced, set only while the background cannot refresh it ("as of …"). */
  asOf?: string | null;
  /**
   * Why the description and columns are absent: dbt could not be asked for them, and the card
   * shows what the index has. Absent when they are here (even if dbt has none).
   */
  missing?: string;
}
