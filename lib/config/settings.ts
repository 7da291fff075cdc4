/**
 * The settings Docent runs on: what a person types into the options page or an admin sets through
 * managed policy (docs/architecture.md "Contracts"). Validation lives in `validate.ts`, policy precedence in
 * `policy.ts`; this file is only the shape and its defaults.
 */

/** The BI tools Docent has an adapter for; file name = adapter id (docs/architecture.md "Code rules" 3). */
export const ADAPTER_IDS = [
  'looker',
  'tableau',
  'powerbi',
  'metabase',
  'superset',
  'mode',
  'sigma',
  'hex',
  'lightdash',
  'redash',
] as const;

export type AdapterId = (typeof ADAPTER_IDS)[number];

export function isAdapterId(value: unknown): value is AdapterId {
  return typeof value === 'string' && (ADAPTER_IDS as readonly string[]).includes(value);
}

/** A self-hosted BI host the user (or admin) added, and which adapter reads it. */
export interface BiHost {
  host: string;
  tool: AdapterId;
}

/** Where dbt metadata comes from: dbt Cloud's Discovery API, or dbt Core's run artifacts. */
export const SOURCE_KINDS = ['cloud', 'artifacts'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface Settings {
  source: SourceKind;
  /** dbt access URL (`https://cloud.getdbt.com`, `https://ab123.us1.dbt.com`) or a full `/graphql` URL. */
  accessUrl: string;
  serviceToken: string;
  /**
   * The production environment's id. `BigInt` in the Discovery schema and 14+ digits in real
   * accounts, so it stays a string: a JS number loses digits past 2^53.
   */
  environmentId: string;
  /** Optional; lets doc cards link to runs in dbt. Kept as a string for the same reason. */
  accountId: string;
  /** Docent's own caution rule (docs/health.md); `null` = off. */
  staleAfterHours: number | null;
  refreshMinutes: number;
  biHosts: BiHost[];
  disabledTools: AdapterId[];
  /**
   * dbt Core: where manifest.json and the other artifacts are published (a base URL, or one URL
   * per file; see artifacts-location.ts). Empty: the files chosen from disk on the options page.
   */
  artifactsUrl: string;
  /** dbt Core: one request header sent with every artifacts request (`Authorization: Bearer …`). */
  artifactsHeader: string;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  source: 'cloud',
  accessUrl: '',
  serviceToken: '',
  environmentId: '',
  accountId: '',
  staleAfterHours: null,
  refreshMinutes: 15,
  biHosts: [],
  disabledTools: [],
  artifactsUrl: '',
  artifactsHeader: '',
});

export const SETTINGS_FIELDS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** A setting that is wrong or missing, said so that a person can fix it. */
export interface ConfigProblem {
  field: keyof Settings;
  message: string;
}

/** Bounds for the refresh alarm: under 5 min adds load on dbt for no gain; over a day is stale. */
export const REFRESH_MINUTES_RANGE = { min: 5, max: 1440 } as const;
/** A year: beyond that the rule is the same as dbt's own 30-day one, only weaker. */
export const STALE_AFTER_HOURS_MAX = 24 * 365;
