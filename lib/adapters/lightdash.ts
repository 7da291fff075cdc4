/**
 * Lightdash (Lightdash Cloud `*.lightdash.cloud`, or self-hosted). Every explore is named after the
 * dbt model it is built from, so an explore's name is a bare model name. A dashboard's tiles name
 * their saved chart only in the API: `/api/v1/dashboards/:uuid` → `results.tiles[]` (type
 * `saved_chart`, `properties.savedChartUuid`) → `/api/v1/saved/:uuid` → `results.tableName` (the
 * explore). Shapes from lightdash/lightdash (packages/common/src/types/dashboard.ts, savedCharts.ts).
 */
import { CODE_EDITOR_LINES, defineAdapter, pageTables, type ApiContext, type PageKind } from './define';
import { field, list, text } from './json';
import { nameKey } from '../matching/keys';

const PROJECT = '^/projects/[^/]+';

export default defineAdapter({
  id: 'lightdash',
  label: 'Lightdash',
  matches: ['https://*.lightdash.cloud/*'],
  examples: [
    { url: 'https://app.lightdash.cloud/projects/3675b69e-8324-4110-bdca-059031aa8da3/dashboards/f2d3a1b0-7c1e-4d7e-9a55-1c2b3d4e5f60/view', kind: 'dashboard' },
    { url: 'https://acme.lightdash.cloud/projects/3675b69e-8324-4110-bdca-059031aa8da3/tables/orders', kind: 'explore' },
    { url: 'https://acme.lightdash.cloud/projects/3675b69e-8324-4110-bdca-059031aa8da3/saved/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/view', kind: 'chart' },
    { url: 'https://acme.lightdash.cloud/projects/3675b69e-8324-4110-bdca-059031aa8da3/tables', kind: 'dataset' },
    { url: 'https://acme.lightdash.cloud/projects/3675b69e-8324-4110-bdca-059031aa8da3/sqlRunner', kind: 'sql' },
  ],
  pageKind,
  tableSlots: [],
  codeLines: CODE_EDITOR_LINES,
  dashboardHeader: [
    // Lightdash 0.1000+: the dashboard page header (components/common/Dashboard/DashboardHeader).
    '[data-testid="dashboard-header"]',
    '.mantine-AppShell-header',
  ],
  tiles: {
    // Lightdash: react-grid-layout's item wraps each TileBase; the tile's title links to its chart.
    card: ['.react-grid-item'],
    key: (card) => /\/saved\/([0-9a-f-]{36})/.exec(card.querySelector('a[href*="/saved/"]')?.getAttribute('href') ?? '')?.[1] ?? null,
    title: ['a[href*="/saved/"]'],
  },
  api,
});

function pageKind(url: URL): PageKind {
  const path = url.pathname;
  if (new RegExp(`${PROJECT}/dashboards/[^/]+`).test(path)) return 'dashboard';
  if (new RegExp(`${PROJECT}/tables/[^/]+`).test(path)) return 'explore';
  if (new RegExp(`${PROJECT}/tables/?$`).test(path)) return 'dataset';
  if (new RegExp(`${PROJECT}/saved/[^/]+`).test(path)) return 'chart';
  if (new RegExp(`${PROJECT}/sql[Rr]unner`).test(path)) return 'sql';
  return 'other';
}

async function api({ url, fetchJson }: ApiContext) {
  const path = url.pathname;
  const explore = new RegExp(`${PROJECT}/tables/([^/]+)`).exec(path)?.[1];
  if (explore) return pageTables([], [nameKey(decodeURIComponent(explore))]);
  const dashboard = new RegExp(`${PROJECT}/dashboards/([^/]+)`).exec(path)?.[1];
  if (dashboard) {
    const tiles = list(await fetchJson(`/api/v1/dashboards/${dashboard}`), 'results', 'tiles').filter(
      (tile) => text(tile, 'type') === 'saved_chart' && text(tile, 'properties', 'savedChartUuid'),
    );
    const read = await Promise.all(
      tiles.map(async (tile) => {
        const chart = text(tile, 'properties', 'savedChartUuid')!;
        return { tileKey: chart, tables: await exploreOf(chart, fetchJson) };
      }),
    );
    return pageTables(read);
  }
  const saved = new RegExp(`${PROJECT}/saved/([^/]+)`).exec(path)?.[1];
  if (saved) return pageTables([], await exploreOf(saved, fetchJson));
  return null;
}

async function exploreOf(chartUuid: string, fetchJson: ApiContext['fetchJson']): Promise<string[]> {
  const chart = field(await fetchJson(`/api/v1/saved/${chartUuid}`), 'results');
  const explore = text(chart, 'tableName') ?? text(chart, 'metricQuery', 'exploreName');
  return explore ? [nameKey(explore)] : [];
}
