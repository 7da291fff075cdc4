/**
 * Mode (`app.mode.com`). Reports hold SQL in an Ace editor and tables in the query text, which the
 * editor lines already give; Mode's API needs an API token, not the session, so it is not used.
 * URL shapes from Mode's help pages (reports, the editor, Datasets, Definitions).
 */
import { CODE_EDITOR_LINES, defineAdapter, type PageKind } from './define';

export default defineAdapter({
  id: 'mode',
  label: 'Mode',
  matches: ['https://app.mode.com/*'],
  examples: [
    { url: 'https://app.mode.com/acme/reports/8f3a2b1c9d0e', kind: 'dashboard' },
    { url: 'https://app.mode.com/acme/reports/8f3a2b1c9d0e/details/queries/1a2b3c4d5e6f', kind: 'sql' },
    { url: 'https://app.mode.com/editor/acme/reports/8f3a2b1c9d0e/queries/1a2b3c4d5e6f', kind: 'sql' },
    { url: 'https://app.mode.com/acme/reports/8f3a2b1c9d0e/viz/7c8d9e0f1a2b/explore', kind: 'explore' },
    { url: 'https://app.mode.com/acme/datasets/4d5e6f7a8b9c', kind: 'dataset' },
    { url: 'https://app.mode.com/acme/definitions/5e6f7a8b9c0d', kind: 'sql' },
    { url: 'https://app.mode.com/acme/spaces/2b3c4d5e6f7a', kind: 'other' },
  ],
  pageKind,
  tableSlots: [
    // Report editor (2024+): the schema browser's table rows, one table name each.
    '.schema-browser .table-name',
  ],
  codeLines: CODE_EDITOR_LINES,
  dashboardHeader: [
    // Report view and editor: the report's header with title and breadcrumb.
    '.report-header',
  ],
});

function pageKind(url: URL): PageKind {
  const path = url.pathname;
  if (/^\/[^/]+\/reports\/[^/]+\/viz\/[^/]+\/explore/.test(path)) return 'explore';
  if (/^\/editor\/[^/]+\/reports\//.test(path) || /^\/[^/]+\/reports\/[^/]+\/details\/queries\//.test(path)) return 'sql';
  if (/^\/[^/]+\/reports\/[^/]+\/?$/.test(path)) return 'dashboard';
  if (/^\/[^/]+\/datasets\/[^/]+/.test(path)) return 'dataset';
  if (/^\/[^/]+\/definitions\/[^/]+/.test(path)) return 'sql';
  return 'other';
}
