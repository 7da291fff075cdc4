/**
 * The shape of a BI tool adapter (STYLE.md point 3, after Web Scrobbler's connectors): mostly
 * selectors, with a function only where selectors are not enough. Site-specific knowledge stays in
 * the adapter's own file; the overlay (lib/overlay) knows nothing about any tool.
 */

export interface Adapter {
  /** File name = adapter id = fixture folder name (tests/fixtures/bi/<id>/). */
  id: string;
  label: string;
  /** Match patterns of the pages this adapter is for (`https://app.mode.com/*`). */
  matches: readonly string[];
  /**
   * Elements whose whole text is a table or dataset name (a data-source picker, an explore name, a
   * breadcrumb): the only places a bare model name may match. Each variant is commented with the
   * page and version it is for.
   */
  tableSlots: readonly string[];
  /** Code-editor lines, scanned a line at a time because editors split names across token spans. */
  codeLines: readonly string[];
  /**
   * The relation name a table slot holds, when its text is not it (a title attribute, a label with
   * a row count). Returns null to skip the slot. Default: the slot's trimmed text.
   */
  resolve?: (slot: Element) => string | null;
}

export function defineAdapter(adapter: Adapter): Adapter {
  return adapter;
}

/** The editors BI tools embed; every adapter shares them and may add its own. */
export const CODE_EDITOR_LINES = [
  // Monaco (Mode, Hex, Sigma, Preset/Superset SQL Lab, Redash 10+): one div per visual line.
  '.view-line',
  // CodeMirror 6 (Lightdash SQL runner, Metabase 0.50+ native editor).
  '.cm-line',
  // CodeMirror 5 (older Metabase, Redash before 10).
  '.CodeMirror-line',
  // Ace (Superset SQL Lab before 3.0, Metabase before 0.50).
  '.ace_line',
] as const;
