/**
 * Tableau Cloud (`*.online.tableau.com`) and Tableau Server (self-hosted). Closed source, drawn on
 * canvas: views get their models from dbt's automatic Tableau exposures; the page itself names
 * tables only in the data source and Catalog pages. Routes live in the URL's hash
 * (`/#/site/<site>/views/<workbook>/<sheet>`), per Tableau's public documentation.
 */
import { CODE_EDITOR_LINES, defineAdapter, type PageKind } from './define';

export default defineAdapter({
  id: 'tableau',
  label: 'Tableau',
  matches: ['https://*.online.tableau.com/*'],
  examples: [
    { url: 'https://10ax.online.tableau.com/#/site/acme/views/WeeklyOrders/Overview', kind: 'dashboard' },
    { url: 'https://prod-useast-b.online.tableau.com/#/site/acme/views/WeeklyOrders/Overview?:iid=1', kind: 'dashboard' },
    { url: 'https://10ax.online.tableau.com/t/acme/authoring/WeeklyOrders/Overview', kind: 'explore' },
    { url: 'https://10ax.online.tableau.com/#/site/acme/datasources/4711/connections', kind: 'dataset' },
    { url: 'https://10ax.online.tableau.com/#/site/acme/catalog/tables/2f6c1b7e-0d7a-4a8e-9a1c-3b2d4e5f6a7b', kind: 'dataset' },
    { url: 'https://10ax.online.tableau.com/#/site/acme/workbooks/123/views', kind: 'other' },
  ],
  pageKind,
  tableSlots: [
    // Data source page, Connections tab: the table column of the connections grid.
    '[data-tb-test-id="connections-table-name"]',
    // Catalog (Data Management) table page: the table's name in the page header.
    '[data-tb-test-id="catalog-table-name"]',
  ],
  codeLines: CODE_EDITOR_LINES,
  dashboardHeader: [
    // Views: the toolbar above the viz, where the workbook and view name are.
    '[data-tb-test-id="view-toolbar"]',
  ],
});

function pageKind(url: URL): PageKind {
  const route = url.hash.replace(/^#/, '').split('?')[0]!;
  if (/^\/site\/[^/]+\/views\/[^/]+\/[^/]+/.test(route) || /^\/views\/[^/]+\/[^/]+/.test(route)) return 'dashboard';
  if (/^\/(t\/[^/]+\/)?authoring\//.test(url.pathname)) return 'explore';
  if (/^\/(site\/[^/]+\/)?(datasources|catalog\/tables|catalog\/databases)\//.test(route)) return 'dataset';
  if (/^\/(t\/[^/]+\/)?views\/[^/]+\/[^/]+/.test(url.pathname)) return 'dashboard';
  return 'other';
}
