/**
 * Apache Superset and Preset (`*.preset.io`, Superset hosted). A dashboard's charts name their
 * dataset only in the API: `/api/v1/dashboard/:idOrSlug/charts` (each chart's
 * `form_data.datasource`, `"3__table"`) and `/api/v1/dashboard/:idOrSlug/datasets` (each dataset's
 * `schema`, `table_name`, and `sql` for a virtual one). A chart page: `/api/v1/chart/:id` (its
 * `params` hold the datasource) → `/api/v1/dataset/:id`. Shapes and data-test attributes from
 * apache/superset (superset/dashboards/api.py, superset-frontend/src/dashboard).
 */
import { tablesInSql } from '../matching/sql';
import { CODE_EDITOR_LINES, defineAdapter, pageTables, type ApiContext, type PageKind } from './define';
import { dottedName, embeddedJson, field, id, list, text, type Json } from './json';

export default defineAdapter({
  id: 'superset',
  label: 'Superset / Preset',
  matches: ['https://*.preset.io/*'],
  examples: [
    { url: 'https://a1b2c3d4.us1a.app.preset.io/superset/dashboard/12/', kind: 'dashboard' },
    { url: 'https://a1b2c3d4.us1a.app.preset.io/superset/dashboard/sales-kpis/?native_filters_key=x', kind: 'dashboard' },
    { url: 'https://a1b2c3d4.us1a.app.preset.io/explore/?slice_id=41', kind: 'chart' },
    { url: 'https://a1b2c3d4.us1a.app.preset.io/explore/?datasource_type=table&datasource_id=3', kind: 'explore' },
    { url: 'https://a1b2c3d4.us1a.app.preset.io/tablemodelview/list/', kind: 'dataset' },
    { url: 'https://a1b2c3d4.us1a.app.preset.io/sqllab/', kind: 'sql' },
  ],
  pageKind,
  tableSlots: [
    // Explore (Superset 2.0+): the dataset panel's name, DatasourceControl's `.title-select`.
    '[data-test="datasource-control"] .title-select',
  ],
  codeLines: CODE_EDITOR_LINES,
  dashboardHeader: [
    // Superset 2.1+ header (src/dashboard/components/Header).
    '[data-test="dashboard-header-container"]',
    // Superset 1.x.
    '.dashboard-header',
  ],
  tiles: {
    // Superset 1.0+: the chart in the grid, `data-test="chart-grid-component"` with its slice id.
    card: ['[data-test="chart-grid-component"][data-test-chart-id]', '.chart-slice[data-test-chart-id]'],
    keyAttribute: 'data-test-chart-id',
    // SliceHeader's title (Superset 1.0+).
    title: ['[data-test="slice-header"] .header-title', '.chart-header .header-title'],
  },
  api,
});

function pageKind(url: URL): PageKind {
  const path = url.pathname;
  if (/^\/superset\/dashboard\/[^/]+/.test(path)) return 'dashboard';
  if (/^\/(superset\/)?explore\/?$/.test(path)) {
    return url.searchParams.has('slice_id') ? 'chart' : 'explore';
  }
  if (/^\/(tablemodelview|dataset)\//.test(path)) return 'dataset';
  if (/^\/(superset\/)?sqllab\/?/.test(path)) return 'sql';
  return 'other';
}

type FetchJson = ApiContext['fetchJson'];

async function api({ url, fetchJson }: ApiContext) {
  const dashboard = /^\/superset\/dashboard\/([^/]+)/.exec(url.pathname)?.[1];
  if (dashboard) {
    const [charts, datasets] = await Promise.all([
      fetchJson(`/api/v1/dashboard/${dashboard}/charts`),
      fetchJson(`/api/v1/dashboard/${dashboard}/datasets`),
    ]);
    const byUid = new Map<string, string[]>();
    for (const dataset of list(datasets, 'result')) {
      const uid = text(dataset, 'uid') ?? (id(dataset, 'id') ? `${id(dataset, 'id')}__table` : undefined);
      if (uid) byUid.set(uid, tablesOfDataset(dataset));
    }
    const tiles = list(charts, 'result').map((chart) => ({
      tileKey: id(chart, 'id') ?? '',
      tables: byUid.get(datasourceOf(embeddedJson(chart, 'form_data')) ?? '') ?? [],
    }));
    return pageTables(tiles.filter((tile) => tile.tileKey), [...byUid.values()].flat());
  }
  if (pageKind(url) === 'chart' || pageKind(url) === 'explore') {
    let dataset = url.searchParams.get('datasource_id') ?? /^(\d+)__table$/.exec(url.searchParams.get('datasource') ?? '')?.[1];
    const slice = url.searchParams.get('slice_id');
    if (slice) {
      const chart = field(await fetchJson(`/api/v1/chart/${slice}`), 'result');
      dataset = /^(\d+)__table$/.exec(datasourceOf(embeddedJson(chart, 'params')) ?? '')?.[1] ?? id(chart, 'datasource_id');
    }
    if (!dataset) return null;
    return pageTables([], tablesOfDataset(field(await fetchJson(`/api/v1/dataset/${dataset}`), 'result')));
  }
  return null;
}

/** `form_data.datasource` / `params.datasource`: `"3__table"`. */
function datasourceOf(formData: Json): string | undefined {
  return text(formData, 'datasource');
}

/** A physical dataset is its table; a virtual one is the tables its SQL reads. */
function tablesOfDataset(dataset: Json): string[] {
  const sql = text(dataset, 'sql');
  if (sql && sql.trim()) return tablesInSql(sql);
  const name = dottedName(text(dataset, 'schema'), text(dataset, 'table_name'));
  return name ? [name] : [];
}

