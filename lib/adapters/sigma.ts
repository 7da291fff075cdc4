/**
 * Sigma (`app.sigmacomputing.com`). Closed source: URL shapes from Sigma's public documentation
 * (workbooks `/<org>/workbook/<name>-<id>`, datasets, data models, connection browsing). Sigma's
 * API needs client credentials, not the session: not used.
 */
import { CODE_EDITOR_LINES, defineAdapter, type PageKind } from './define';

export default defineAdapter({
  id: 'sigma',
  label: 'Sigma',
  matches: ['https://app.sigmacomputing.com/*'],
  examples: [
    { url: 'https://app.sigmacomputing.com/acme/workbook/Weekly-Orders-3x9kQ2mZ7pL1', kind: 'dashboard' },
    { url: 'https://app.sigmacomputing.com/acme/workbook/Weekly-Orders-3x9kQ2mZ7pL1/edit', kind: 'explore' },
    { url: 'https://app.sigmacomputing.com/acme/dataset/5Yh2kP9qR3sT', kind: 'dataset' },
    { url: 'https://app.sigmacomputing.com/acme/data-model/Orders-Model-7Lm2Qp', kind: 'dataset' },
    { url: 'https://app.sigmacomputing.com/acme/b/connection/a1b2c3d4/MARTS/ORDERS', kind: 'dataset' },
    { url: 'https://app.sigmacomputing.com/acme/workbooks', kind: 'other' },
  ],
  pageKind,
  tableSlots: [
    // Workbook element panel: the element's data source, a warehouse table.
    '[data-testid="element-source-name"]',
    // Connection browser: the table's title.
    '[data-testid="table-page-title"]',
  ],
  codeLines: CODE_EDITOR_LINES,
  dashboardHeader: ['[data-testid="workbook-header"]'],
});

function pageKind(url: URL): PageKind {
  const path = url.pathname;
  if (/^\/[^/]+\/workbook\/[^/]+\/edit/.test(path)) return 'explore';
  if (/^\/[^/]+\/workbook\/[^/]+/.test(path)) return 'dashboard';
  if (/^\/[^/]+\/(dataset|data-model|b\/connection)\//.test(path)) return 'dataset';
  return 'other';
}
