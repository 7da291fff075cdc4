/**
 * The shape of a BI tool adapter, after Web Scrobbler's connectors: mostly data (URL patterns,
 * selectors), with a function only where data is not enough. Site-specific knowledge stays in the
 * adapter's own file (`lib/adapters/<id>.ts`, id = file name = fixture folder
 * `tests/fixtures/bi/<id>/`); the overlay knows nothing about any tool and plugs adapters in at
 * four points only:
 *
 * 1. **Text**: `tableSlots` (whole text is one table name; the only places a bare model name may
 *    match, read through `resolve` when the text is not the name) and `codeLines` (editors,
 *    scanned a line at a time).
 * 2. **Page kind**: `pageKind(url)` says which page of the tool this is; dashboards get the
 *    summary pill in `dashboardHeader`.
 * 3. **Dashboard cards**: `tiles` says how to find each card, read its key, and where its title is
 *    (where a badge for a model the card reads but does not write out goes).
 * 4. **The tool's own API**: `api(context)` returns the tables the page reads, per card where known.
 *    It is pure: it reaches the network only through `context.fetchJson`, which the caller makes
 *    same-origin, GET-only, bounded and cached per page (lib/adapters/api-reader.ts).
 * 5. **Columns**: `columns` says where the tool lists a table's fields under the table's name (a
 *    field picker's view, a data pane's table), so each field of a matched model gets a marker
 *    that opens that column's description.
 *
 * Table names, wherever an adapter returns them: dotted names with parts lower-cased and quotes
 * stripped (`analytics.marts.orders`, `my-proj.analytics.orders`), as `tablesInSql` returns them,
 * or a bare dbt model name (`orders`) where the tool names a model (a Lightdash explore, a Looker
 * view named after its dbt model).
 */

/** Which page of a BI tool a URL shows. */
export type PageKind = 'dashboard' | 'explore' | 'chart' | 'dataset' | 'sql' | 'other';

export const PAGE_KINDS: readonly PageKind[] = ['dashboard', 'explore', 'chart', 'dataset', 'sql', 'other'];

/** A real URL of the tool, with the page kind it is: documentation, and the convention test's input. */
export interface AdapterExample {
  url: string;
  kind: PageKind;
}

/** How to find a dashboard's cards (tile, chart, widget) and read each one. */
export interface TileSelectors {
  /** Selector variants for one card, each commented with the page and version it is for. */
  card: readonly string[];
  /** The card attribute holding its key, the same key `api` returns as `tileKey`. */
  keyAttribute?: string;
  /** Where to read the key when no attribute holds it (one of the two is set). Null skips the card. */
  key?: (card: Element) => string | null;
  /** Selector variants, inside the card, of its title: where an API-found table's badge goes. */
  title: readonly string[];
}

/** What `api` may use. Nothing else: an adapter's API code never sees fetch, cookies or storage. */
export interface ApiContext {
  /** The page's URL. */
  url: URL;
  /**
   * GET a same-origin path (`/api/dashboard/7`) with the person's session and parse its JSON.
   * Resolves to null when the call failed, was refused (another origin, over the page's budget)
   * or the page was left; never rejects. Answers are cached for the page.
   */
  fetchJson: (path: string) => Promise<unknown>;
  signal: AbortSignal;
}

/** The tables a page reads, as the tool's API tells them. */
export interface PageTables {
  /** Every table the page reads, each once. */
  tables: string[];
  /** Per card, where the API says which card reads what; `tileKey` matches `TileSelectors.key`. */
  tiles: { tileKey: string; tables: string[] }[];
}

/**
 * Where a tool lists one table's columns under its name. The table's name element is read as a
 * table slot is (`Adapter.resolve` included); a column is known by its label, compared with the
 * model's documented columns case-insensitively, spaces read as underscores ("First Touch
 * Channel" is `first_touch_channel`, the way Looker and Power BI label a field generated from it).
 */
export interface ColumnSlots {
  /** Selector variants of one table's group (its name and its fields), each commented with the page it is for. */
  group: readonly string[];
  /** Inside a group, the element that names the table. */
  table: readonly string[];
  /** Inside a group, each column's or field's label. */
  column: readonly string[];
}

export interface Adapter {
  /** File name = adapter id = fixture folder name (tests/fixtures/bi/<id>/). */
  id: string;
  label: string;
  /** Match patterns of the tool's SaaS pages (`https://*.metabaseapp.com/*`); empty when self-hosted only. */
  matches: readonly string[];
  /** Real URLs of each page shape, with their kind; self-hosted tools use a made-up host. */
  examples: readonly AdapterExample[];
  /** Which page a URL is, from its path (and query): works on self-hosted hosts too. */
  pageKind: (url: URL) => PageKind;
  /**
   * Elements whose whole text is a table or dataset name (a data-source picker, an explore name, a
   * breadcrumb, a field-list table): the only places a bare model name may match. Each variant is
   * commented with the page and version it is for.
   */
  tableSlots: readonly string[];
  /** Code-editor lines, scanned a line at a time because editors split names across token spans. */
  codeLines: readonly string[];
  /**
   * The relation name a table slot holds, when its text is not it (a title attribute, a label with
   * a row count). Returns null to skip the slot. Default: the slot's trimmed text.
   */
  resolve?: (slot: Element) => string | null;
  /** Selector variants of a dashboard's header, where the `<docent-summary>` pill goes. */
  dashboardHeader: readonly string[];
  /** The dashboard cards, for tools with dashboards. */
  tiles?: TileSelectors;
  /** The tables the page reads, from the tool's own API; null when the API says nothing for this page. */
  api?: (context: ApiContext) => Promise<PageTables | null>;
  /** Where the tool lists a table's columns, for tools that show them beside the table's name. */
  columns?: ColumnSlots;
}

export function defineAdapter(adapter: Adapter): Adapter {
  return adapter;
}

/** The key of a dashboard card, read the adapter's way. */
export function tileKeyOf(tiles: TileSelectors, card: Element): string | null {
  if (tiles.key) return tiles.key(card);
  return tiles.keyAttribute ? card.getAttribute(tiles.keyAttribute) : null;
}

/** The editors BI tools embed; every adapter shares them and may add its own. */
export const CODE_EDITOR_LINES = [
  // Monaco (Mode, Hex, Sigma, Preset/Superset SQL Lab, Redash 10+): one div per visual line.
  '.view-line',
  // CodeMirror 6 (Lightdash SQL runner, Metabase 0.50+ native editor).
  '.cm-line',
  // CodeMirror 5 (older Metabase, Redash before 10).
  '.CodeMirror-line',
  // Ace (Superset SQL Lab before 3.0, Metabase before 0.50, Mode, Redash 8-10).
  '.ace_line',
] as const;

/** Merges what several API answers said into one PageTables, each table once. */
export function pageTables(tiles: { tileKey: string; tables: string[] }[], extra: string[] = []): PageTables {
  const all = new Set<string>();
  for (const tile of tiles) for (const table of tile.tables) all.add(table);
  for (const table of extra) all.add(table);
  return { tables: [...all], tiles: tiles.filter((tile) => tile.tables.length > 0) };
}
