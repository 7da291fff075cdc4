/**
 * Metabase (Metabase Cloud `*.metabaseapp.com`, or self-hosted). Dashboards and saved questions
 * keep their tables in the API, not the page: `/api/dashboard/:id` → dashcards → each card's
 * `dataset_query`, either native SQL or an MBQL `source-table` id → `/api/table/:id` (schema and
 * name). Shapes from metabase/metabase (frontend/src/metabase-types/api, src/metabase/api).
 */
import { tablesInSql } from '../matching/sql';
import { CODE_EDITOR_LINES, defineAdapter, pageTables, type ApiContext, type PageKind } from './define';
import { dottedName, embeddedJson, field, id, list, text, type Json } from './json';

/** The key of a saved question's or model's own page, read as one card (tiles.key says the same). */
const QUESTION_TILE = 'question';

export default defineAdapter({
  id: 'metabase',
  label: 'Metabase',
  matches: ['https://*.metabaseapp.com/*'],
  examples: [
    { url: 'https://acme.metabaseapp.com/dashboard/7-weekly-orders', kind: 'dashboard' },
    { url: 'https://acme.metabaseapp.com/question/12-refunds-by-week', kind: 'chart' },
    { url: 'https://acme.metabaseapp.com/model/31-orders-model', kind: 'dataset' },
    { url: 'https://acme.metabaseapp.com/reference/databases/2/tables/42', kind: 'dataset' },
    { url: 'https://acme.metabaseapp.com/admin/datamodel/database/2/schema/2:marts/table/42', kind: 'dataset' },
    { url: 'https://acme.metabaseapp.com/question/notebook', kind: 'explore' },
    { url: 'https://acme.metabaseapp.com/browse/databases/2-warehouse', kind: 'other' },
  ],
  pageKind,
  // Metabase shows tables by display name ("Fct Refunds"), not by name: no slot is safe for a bare
  // model name, so the API is where Metabase's tables come from.
  tableSlots: [],
  codeLines: CODE_EDITOR_LINES,
  dashboardHeader: [
    // Metabase 0.46+: the dashboard header (frontend/src/metabase/dashboard/components/DashboardHeader).
    '[data-testid="dashboard-header"]',
  ],
  tiles: {
    card: [
      // Metabase 0.46+: DashCard renders `data-testid="dashcard"` with `data-dashcard-key={dashcard.id}`.
      '[data-testid="dashcard"][data-dashcard-key]',
      '[data-dashcard-key]',
      // A saved question or model page (0.44+, query_builder View): the whole page is one card.
      // A GUI question shows its tables by display name only, so the API's go in its title.
      '[data-testid="query-builder-root"]',
    ],
    // Self-contained (no outer names): `npm run accuracy` runs it in the page from its source.
    key: (card) => card.getAttribute('data-dashcard-key') ?? (card.matches('[data-testid="query-builder-root"]') ? 'question' : null),
    title: [
      // LegendCaption's title (Metabase 0.44+); text cards have none and get no badge.
      '[data-testid="legend-caption-title"]',
      // The question's name in the query builder header: SavedQuestionHeaderButton's EditableText,
      // whose root is `editable-text` (its textarea carries `saved-question-header-title`, and a
      // textarea shows no children, so the badge goes in the root).
      '[data-testid="qb-header"] [data-testid="editable-text"]',
    ],
  },
  api,
});

function pageKind(url: URL): PageKind {
  const path = url.pathname;
  if (/^\/dashboard\/\d+/.test(path)) return 'dashboard';
  if (/^\/(model|metric)\/\d+/.test(path) || /\/tables\/\d+$/.test(path) || /\/table\/\d+$/.test(path)) return 'dataset';
  if (/^\/question\/\d+/.test(path)) return 'chart';
  if (/^\/question\/notebook/.test(path)) return 'explore';
  if (/^\/question\/?$/.test(path)) return isNativeHash(url.hash) ? 'sql' : 'explore';
  return 'other';
}

/** An unsaved question's query travels base64-encoded in the URL's hash. */
function isNativeHash(hash: string): boolean {
  try {
    const card = JSON.parse(atob(decodeURIComponent(hash.slice(1)))) as Json;
    return text(card, 'dataset_query', 'type') === 'native';
  } catch {
    return false;
  }
}

async function api({ url, fetchJson }: ApiContext) {
  const path = url.pathname;
  const dashboard = /^\/dashboard\/(\d+)/.exec(path)?.[1];
  if (dashboard) {
    const answer = await fetchJson(`/api/dashboard/${dashboard}`);
    // `dashcards` since 0.47, `ordered_cards` before.
    const dashcards = list(answer, 'dashcards').length ? list(answer, 'dashcards') : list(answer, 'ordered_cards');
    const tiles = await Promise.all(
      dashcards.map(async (dashcard) => {
        const cards = [field(dashcard, 'card'), ...list(dashcard, 'series')];
        const tables = (await Promise.all(cards.map((card) => tablesOfQuery(field(card, 'dataset_query'), fetchJson, 0)))).flat();
        return { tileKey: id(dashcard, 'id') ?? '', tables: [...new Set(tables)] };
      }),
    );
    return pageTables(tiles.filter((tile) => tile.tileKey));
  }
  const card = /^\/(?:question|model|metric)\/(\d+)/.exec(path)?.[1];
  if (card) return pageTables([{ tileKey: QUESTION_TILE, tables: await tablesOfCard(card, fetchJson, 0) }]);
  const table = /\/tables?\/(\d+)$/.exec(path)?.[1];
  if (table) return pageTables([], await tableName(table, fetchJson));
  return null;
}

type FetchJson = ApiContext['fetchJson'];

async function tablesOfCard(cardId: string, fetchJson: FetchJson, depth: number): Promise<string[]> {
  if (depth > 2) return []; // questions built on questions: follow a little, never loop
  return tablesOfQuery(field(await fetchJson(`/api/card/${cardId}`), 'dataset_query'), fetchJson, depth + 1);
}

/**
 * The tables of a `dataset_query`: legacy MBQL (`{type: 'native', native: {query}}` or
 * `{type: 'query', query: {'source-table', joins, 'source-query'}}`) and MBQL 5 (`stages`, 0.57+).
 */
async function tablesOfQuery(query: Json, fetchJson: FetchJson, depth: number): Promise<string[]> {
  if (!query || typeof query !== 'object') return [];
  const native = text(query, 'native', 'query');
  if (native !== undefined) return tablesInSql(native);
  const sources: { table?: Json; card?: Json; sql?: string }[] = [];
  const collect = (stage: Json) => {
    if (!stage || typeof stage !== 'object') return;
    const sql = text(stage, 'native');
    if (sql !== undefined) sources.push({ sql });
    sources.push({ table: field(stage, 'source-table'), card: field(stage, 'source-card') });
    for (const join of list(stage, 'joins')) {
      sources.push({ table: field(join, 'source-table'), card: field(join, 'source-card') });
      for (const inner of list(join, 'stages')) collect(inner);
    }
    collect(field(stage, 'source-query'));
  };
  collect(embeddedJson(query, 'query'));
  for (const stage of list(query, 'stages')) collect(stage);

  const found = await Promise.all(
    sources.map(async ({ table, card, sql }): Promise<string[]> => {
      if (sql !== undefined) return tablesInSql(sql);
      if (typeof table === 'number') return tableName(String(table), fetchJson);
      // A question on a saved question: `"card__12"` (legacy) or `source-card: 12` (MBQL 5).
      const cardId = typeof table === 'string' ? /^card__(\d+)$/.exec(table)?.[1] : typeof card === 'number' ? String(card) : undefined;
      return cardId ? tablesOfCard(cardId, fetchJson, depth) : [];
    }),
  );
  return [...new Set(found.flat())];
}

async function tableName(tableId: string, fetchJson: FetchJson): Promise<string[]> {
  const table = await fetchJson(`/api/table/${tableId}`);
  const name = dottedName(text(table, 'schema'), text(table, 'name'));
  return name ? [name] : [];
}
