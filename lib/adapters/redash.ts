/**
 * Redash (self-hosted only since redash.io's hosted service closed). A dashboard's widgets carry
 * their query's SQL: `/api/dashboards/:id` (Redash 10+, URL `/dashboards/:id-slug`) or
 * `/api/dashboards/:slug?legacy` (URL `/dashboard/:slug`) → `widgets[].visualization.query.query`;
 * a query page: `/api/queries/:id` → `query`. Shapes and markup from getredash/redash
 * (redash/serializers, client/app/components/dashboards).
 */
import { tablesInSql } from '../matching/sql';
import { CODE_EDITOR_LINES, defineAdapter, pageTables, type ApiContext, type PageKind } from './define';
import { id, list, text } from './json';

export default defineAdapter({
  id: 'redash',
  label: 'Redash',
  matches: [],
  examples: [
    { url: 'https://redash.acme.com/dashboards/3-weekly-orders', kind: 'dashboard' },
    { url: 'https://redash.acme.com/dashboard/weekly-orders', kind: 'dashboard' },
    { url: 'https://redash.acme.com/queries/17', kind: 'chart' },
    { url: 'https://redash.acme.com/queries/17/source', kind: 'sql' },
    { url: 'https://redash.acme.com/queries/new', kind: 'sql' },
    { url: 'https://redash.acme.com/data_sources/2', kind: 'dataset' },
  ],
  pageKind,
  tableSlots: [
    // Query editor's schema browser (Redash 8+): the table's full name is the span's title, its
    // text may be a shorter display name (SchemaBrowser.jsx).
    '.schema-browser .table-name span[title]',
  ],
  codeLines: CODE_EDITOR_LINES,
  resolve: (slot) => slot.getAttribute('title') ?? slot.textContent,
  dashboardHeader: [
    // Redash 8+: the dashboard page's title block (DashboardHeader.jsx).
    '.dashboard-page .title-with-tags',
    '.dashboard-header',
  ],
  tiles: {
    // Redash 8+: DashboardGrid's wrapper carries the widget id.
    card: ['.dashboard-widget-wrapper[data-widgetid]'],
    keyAttribute: 'data-widgetid',
    // VisualizationWidget's header: the query and visualization name; text boxes have none.
    title: ['.widget-header .th-title p', '.t-header .th-title'],
  },
  api,
});

function pageKind(url: URL): PageKind {
  const path = url.pathname;
  if (/^\/dashboards?\/[^/]+/.test(path) && !/^\/dashboards\/(favorites|my)\/?$/.test(path)) return 'dashboard';
  if (/^\/queries\/(new|\d+\/source)\/?$/.test(path)) return 'sql';
  if (/^\/queries\/\d+/.test(path)) return 'chart';
  if (/^\/data_sources\/\d+/.test(path)) return 'dataset';
  return 'other';
}

async function api({ url, fetchJson }: ApiContext) {
  const path = url.pathname;
  const byId = /^\/dashboards\/(\d+)/.exec(path)?.[1];
  const bySlug = /^\/dashboard\/([^/]+)/.exec(path)?.[1];
  if (byId || bySlug) {
    const dashboard = await fetchJson(byId ? `/api/dashboards/${byId}` : `/api/dashboards/${encodeURIComponent(bySlug!)}?legacy`);
    const tiles = list(dashboard, 'widgets').map((widget) => ({
      tileKey: id(widget, 'id') ?? '',
      tables: tablesInSql(text(widget, 'visualization', 'query', 'query') ?? ''),
    }));
    return pageTables(tiles.filter((tile) => tile.tileKey));
  }
  const query = /^\/queries\/(\d+)/.exec(path)?.[1];
  if (query) return pageTables([], tablesInSql(text(await fetchJson(`/api/queries/${query}`), 'query') ?? ''));
  return null;
}
