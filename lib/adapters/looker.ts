/**
 * Looker (`*.cloud.looker.com`, `*.looker.com`). Closed source: URL shapes from Looker's public
 * documentation (dashboards, LookML dashboards `model::name`, explores `/explore/<model>/<explore>`,
 * Looks, SQL Runner). A LookML view generated from dbt is named after its model, so the explore's
 * field picker names bare models. Looker's API needs API keys, not the session: not used.
 */
import { CODE_EDITOR_LINES, defineAdapter, type PageKind } from './define';

export default defineAdapter({
  id: 'looker',
  label: 'Looker',
  matches: ['https://*.cloud.looker.com/*', 'https://*.looker.com/*'],
  examples: [
    { url: 'https://acme.cloud.looker.com/dashboards/42', kind: 'dashboard' },
    { url: 'https://acme.cloud.looker.com/dashboards/ecommerce::business_pulse', kind: 'dashboard' },
    { url: 'https://acme.looker.com/embed/dashboards/42', kind: 'dashboard' },
    { url: 'https://acme.cloud.looker.com/explore/ecommerce/orders?fields=orders.count', kind: 'explore' },
    { url: 'https://acme.cloud.looker.com/looks/17', kind: 'chart' },
    { url: 'https://acme.cloud.looker.com/sql/kfbvhy4xdhgm2s', kind: 'sql' },
    { url: 'https://acme.looker.com/projects/ecommerce/files/views/orders.view.lkml', kind: 'other' },
  ],
  pageKind,
  tableSlots: [
    // Explore (Looker 23+): the field picker's view headers, one LookML view (= dbt model) each.
    '[data-testid="field-picker"] [data-testid="view-label"]',
  ],
  codeLines: CODE_EDITOR_LINES,
  columns: {
    // Explore (Looker 23+): a view's section of the field picker, its label and its fields.
    group: ['[data-testid="field-picker"] [data-testid="view-section"]'],
    table: ['[data-testid="view-label"]'],
    column: ['[data-testid="field-label"]'],
  },
  dashboardHeader: [
    // Dashboards (new experience): the header with the dashboard title.
    '[data-testid="dashboard-header"]',
  ],
});

function pageKind(url: URL): PageKind {
  const path = url.pathname.replace(/^\/embed/, '');
  if (/^\/dashboards(-next|-legacy)?\/[^/]+/.test(path)) return 'dashboard';
  if (/^\/explore\/[^/]+\/[^/]+/.test(path)) return 'explore';
  if (/^\/looks\/\d+/.test(path)) return 'chart';
  if (/^\/sql(\/|$)/.test(path)) return 'sql';
  return 'other';
}
