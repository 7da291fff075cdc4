/**
 * A heavy BI dashboard page, deterministic, for the overlay-load benchmark: a header and KPI tiles,
 * SQL cells drawn as Monaco draws them (`.view-line` > span > span.mtkN, spaces as &nbsp;, names
 * split across token spans), a large results table and a notes panel. `names` qualified model
 * names (distinct models of the index, e.g. large-project.ts's) and `nonNames` dotted strings
 * that are not models (e-mail addresses, hosts, files, versions, `alias.column`, qualified names of
 * tables dbt does not know) are spread over all of them, some in the first viewport.
 *
 * The twin (`named: false`) is the same page, node for node and character for character, with every
 * model name's dots turned into spaces: what it costs to read a page where nothing is a model.
 */
import type { DbtArtifacts } from './dbt-artifacts';
import { random } from './random';

export interface DashboardSize {
  /** Rows of the results table (every row: a whitespace node and 4 cells). */
  rows: number;
  /** Monaco lines, in cells of `linesPerCell`. */
  editorLines: number;
  linesPerCell: number;
  /** Paragraphs of the notes panel. */
  notes: number;
  /** Qualified model names on the page, each a different model. */
  names: number;
  /** Dotted strings that are not models. */
  nonNames: number;
  /** Models in the project the names are picked from (large-project.ts). */
  modelCount: number;
}

/** The page: about 42,000 DOM nodes, 21,800 of them text, 500 names and 200 non-names. */
export const FULL_DASHBOARD: DashboardSize = { rows: 3000, editorLines: 600, linesPerCell: 30, notes: 600, names: 500, nonNames: 200, modelCount: 10_000 };
/** A quick page for `npm test`. */
export const SMOKE_DASHBOARD: DashboardSize = { rows: 300, editorLines: 60, linesPerCell: 30, notes: 60, names: 50, nonNames: 20, modelCount: 1_000 };

export interface Dashboard {
  html: string;
  /** The model names written on the page (empty on the twin). */
  names: string[];
  /** A name of the project not on the page, for the appended-row measurement. */
  spareName: string;
}

// Where names and non-names go, as shares of their totals: tiles (the first viewport), SQL cells,
// the results table, the notes.
interface Shares {
  tiles: number;
  editor: number;
  table: number;
}
const NAME_SHARES: Shares = { tiles: 0.01, editor: 0.2, table: 0.6 };
const NON_NAME_SHARES: Shares = { tiles: 0.01, editor: 0.2, table: 0.5 };

const REGIONS = ['EMEA', 'North America', 'LATAM', 'APAC', 'Nordics', 'DACH', 'Benelux', 'Iberia'];
const NOTE_WORDS = ['revenue', 'week', 'over', 'region', 'refunds', 'excluded', 'the', 'growth', 'pipeline', 'target', 'cohort', 'churn', 'since', 'launch', 'orders', 'channel'];

/** The dotted strings that are not models: each kind the scanner or the index must turn down. */
function nonName(i: number, relations: readonly string[]): string {
  switch (i % 8) {
    case 0: return `analyst${i}.owner@acme.io`;
    case 1: return `docs${i}.acme-data.com`;
    case 2: return `weekly_export_${i}.csv`;
    case 3: return `v2.${i}.1`;
    case 4: return `o.amount_${i}`;
    // Qualified like a model, in the warehouse, but no dbt model of this name exists.
    case 5: return `analytics.marts.legacy_table_${i}`;
    case 6: return `raw.salesforce.unmodelled_${i}`;
    default: return `${relations[(i * 31) % relations.length]}.customer_id`; // a column path
  }
}

interface Mention {
  text: string;
  isName: boolean;
}

/** `slots` positions, names spread evenly over them, then non-names in the nearest free slots. */
function spread(slots: number, names: string[], nonNames: string[]): (Mention | undefined)[] {
  if (names.length + nonNames.length > slots) throw new Error(`${names.length + nonNames.length} mentions do not fit ${slots} places`);
  const at: (Mention | undefined)[] = new Array(slots);
  const place = (items: string[], isName: boolean) =>
    items.forEach((text, k) => {
      let i = Math.floor(((k + 0.5) * slots) / items.length);
      while (at[i % slots]) i += 1;
      at[i % slots] = { text, isName };
    });
  place(names, true);
  place(nonNames, false);
  return at;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const nbsp = (s: string) => escape(s).replace(/ /g, '&nbsp;');

/** Monaco's tokens for one relation name: each part and each dot its own span. */
function nameTokens(name: string, named: boolean): string {
  const dot = named ? '.' : '&nbsp;';
  return name
    .split('.')
    .map((part) => `<span class="mtk22">${escape(part)}</span>`)
    .join(`<span class="mtk9">${dot}</span>`);
}

/** `analytics.marts.fct_00042`: each model of a project as a dashboard writes it, in a stable order. */
export function modelRelations(artifacts: DbtArtifacts): string[] {
  return Object.values(artifacts.manifest.nodes)
    .filter((node) => node.resource_type === 'model')
    .map((node) => `${node.database}.${node.schema}.${node.alias ?? node.name}`.toLowerCase())
    .sort();
}

/** The page; `relations` are the index's models (modelRelations), the names are picked from them. */
export function heavyDashboard(size: DashboardSize, { named, relations }: { named: boolean; relations: readonly string[] }): Dashboard {
  if (relations.length <= size.names) throw new Error(`${size.names} names need more than ${relations.length} models`);
  const rand = random(7);
  // A stride coprime with the count picks distinct models spread over the whole project.
  let stride = 7919;
  while (gcd(stride, relations.length) !== 1) stride += 2;
  const pick = (i: number) => relations[(i * stride + 13) % relations.length]!;
  const names = Array.from({ length: size.names }, (_, i) => pick(i));
  const spareName = pick(size.names);
  const shown = (name: string) => (named ? name : name.replace(/\./g, ' '));
  const nonNames = Array.from({ length: size.nonNames }, (_, i) => nonName(i, relations));

  // Hand out names and non-names section by section, in order.
  const slice = (list: string[], shares: Shares) => {
    const tiles = Math.round(list.length * shares.tiles);
    const editor = Math.round(list.length * shares.editor);
    const table = Math.round(list.length * shares.table);
    return {
      tiles: list.slice(0, tiles),
      editor: list.slice(tiles, tiles + editor),
      table: list.slice(tiles + editor, tiles + editor + table),
      notes: list.slice(tiles + editor + table),
    };
  };
  const n = slice(names, NAME_SHARES);
  const d = slice(nonNames, NON_NAME_SHARES);

  const out: string[] = [];
  out.push('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Revenue operations · Mode</title>');
  out.push(`<style>
body { font: 13px/1.4 system-ui, sans-serif; margin: 0; color: #1f2328; }
header { display: flex; gap: 16px; align-items: center; padding: 8px 16px; border-bottom: 1px solid #d0d7de; }
.tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 8px; padding: 8px 16px; }
.tile { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; }
.tile h3 { margin: 0 0 4px; font-size: 13px; }
.tile .value { font-size: 22px; font-weight: 600; }
.monaco-editor { position: relative; margin: 8px 16px; font: 13px/19px Menlo, monospace; background: #fffffe; }
.view-lines { position: relative; }
.view-line { position: absolute; left: 0; width: 100%; white-space: pre; }
.mtk6 { color: #0000ff; } .mtk9 { color: #000; } .mtk22 { color: #a31515; } .mtk8 { color: #008000; }
.results-table { border-collapse: collapse; margin: 8px 16px; }
.results-table td, .results-table th { border: 1px solid #eaeef2; padding: 2px 6px; }
.notes p { margin: 4px 16px; }
</style>
</head>
<body>`);
  out.push('<header><h1>Revenue operations</h1><span class="filter">Region: All</span><span class="filter">Last 90 days</span><button type="button">Refresh</button></header>');

  // KPI tiles: the first viewport.
  out.push('<section class="tiles">');
  const tileAt = spread(10, n.tiles, d.tiles);
  for (let i = 0; i < 10; i++) {
    const mention = tileAt[i];
    const source = mention ? (mention.isName ? shown(mention.text) : mention.text) : `the ${REGIONS[i % REGIONS.length]} pipeline`;
    out.push(`\n  <div class="tile">\n    <h3>${REGIONS[i % REGIONS.length]} ${NOTE_WORDS[i]}</h3>\n    <div class="value">${(rand() * 1e6).toFixed(0)}</div>\n    <p>From ${escape(source)}, refreshed hourly</p>\n  </div>`);
  }
  out.push('\n</section>');

  // SQL cells, Monaco's DOM: every line has its tokens, some lines a name split across spans.
  const lineAt = spread(size.editorLines, n.editor, d.editor);
  for (let cell = 0; cell * size.linesPerCell < size.editorLines; cell++) {
    const lines = Math.min(size.linesPerCell, size.editorLines - cell * size.linesPerCell);
    out.push(`\n<div class="monaco-editor vs" role="code" data-uri="inmemory://model/${cell + 1}">`);
    out.push(`<div class="view-lines" role="presentation" aria-hidden="true" style="height:${lines * 19}px">`);
    for (let j = 0; j < lines; j++) {
      const i = cell * size.linesPerCell + j;
      const mention = lineAt[i];
      let tokens: string;
      if (mention?.isName) {
        tokens = `<span class="mtk6">from</span><span class="mtk1">&nbsp;</span>${nameTokens(mention.text, named)}<span class="mtk1">&nbsp;t${i}</span>`;
      } else if (mention) {
        tokens = `<span class="mtk8">--&nbsp;see&nbsp;${nbsp(mention.text)}</span><span class="mtk1">&nbsp;</span>`;
      } else {
        const column = NOTE_WORDS[i % NOTE_WORDS.length];
        tokens = `<span class="mtk1">&nbsp;&nbsp;</span><span class="mtk6">sum</span><span class="mtk9">(</span><span class="mtk1">${column}_amount</span><span class="mtk9">)</span><span class="mtk1">&nbsp;as&nbsp;total_${column}</span>`;
      }
      out.push(`\n<div style="top:${j * 19}px;height:19px;" class="view-line"><span>${tokens}</span></div>`);
    }
    out.push('\n</div></div>');
  }

  // The results table: one name cell in every few rows.
  const rowAt = spread(size.rows, n.table, d.table);
  out.push('\n<table class="results-table">\n<thead><tr><th>#</th><th>region</th><th>source</th><th>amount</th></tr></thead>\n<tbody>');
  for (let i = 0; i < size.rows; i++) {
    const mention = rowAt[i];
    const source = mention ? (mention.isName ? shown(mention.text) : mention.text) : `${NOTE_WORDS[i % NOTE_WORDS.length]} ${REGIONS[i % REGIONS.length]} report`;
    out.push(`\n<tr><td>${i + 1}</td><td>${REGIONS[(i * 3) % REGIONS.length]}</td><td>${escape(source)}</td><td>${(rand() * 1e5).toFixed(2)}</td></tr>`);
  }
  out.push('\n</tbody>\n</table>');

  // Notes: paragraphs with inline markup, as a rich-text tile renders them.
  const noteAt = spread(size.notes, n.notes, d.notes);
  out.push('\n<section class="notes">');
  for (let i = 0; i < size.notes; i++) {
    const words = Array.from({ length: 6 }, (_, k) => NOTE_WORDS[(i * 5 + k * 3) % NOTE_WORDS.length]).join(' ');
    const mention = noteAt[i];
    const body = mention ? `${words} in <code>${escape(mention.isName ? shown(mention.text) : mention.text)}</code> for` : `${words} <b>${(rand() * 100).toFixed(1)}%</b> and`;
    out.push(`\n  <p>Note ${i + 1}: ${body} ${REGIONS[i % REGIONS.length]}.</p>`);
  }
  out.push('\n</section>\n</body>\n</html>\n');
  return { html: out.join(''), names: named ? names : [], spareName };
}
