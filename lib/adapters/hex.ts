/**
 * Hex (`app.hex.tech`). Closed source: URL shapes from Hex's public documentation (published apps
 * `/<workspace>/app/<id>/latest`, the notebook `/<workspace>/hex/<id>/draft/logic`, the data
 * browser). SQL cells are Monaco editors, which the shared code-line selectors read.
 */
import { CODE_EDITOR_LINES, defineAdapter, type PageKind } from './define';

export default defineAdapter({
  id: 'hex',
  label: 'Hex',
  matches: ['https://app.hex.tech/*'],
  examples: [
    { url: 'https://app.hex.tech/acme/app/0193a8c4-2f1e-7000-8a3b-4c5d6e7f8a9b/latest', kind: 'dashboard' },
    { url: 'https://app.hex.tech/acme/hex/0193a8c4-2f1e-7000-8a3b-4c5d6e7f8a9b/draft/logic', kind: 'sql' },
    { url: 'https://app.hex.tech/acme/data/connections/0193a8c5-1111-7000-8000-000000000001/marts/orders', kind: 'dataset' },
    { url: 'https://app.hex.tech/acme/projects', kind: 'other' },
  ],
  pageKind,
  tableSlots: [
    // Data browser (2024+): the selected table's title.
    '[data-testid="data-browser-table-name"]',
  ],
  codeLines: CODE_EDITOR_LINES,
  dashboardHeader: ['[data-testid="app-header"]'],
});

function pageKind(url: URL): PageKind {
  const path = url.pathname;
  if (/^\/[^/]+\/app\/[^/]+/.test(path)) return 'dashboard';
  if (/^\/[^/]+\/hex\/[^/]+/.test(path)) return 'sql';
  if (/^\/[^/]+\/data\//.test(path)) return 'dataset';
  return 'other';
}
