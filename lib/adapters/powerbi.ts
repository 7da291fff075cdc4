/**
 * Power BI (`app.powerbi.com`). Closed source, drawn on canvas: reports get their models from
 * dbt's automatic Power BI exposures and from the Data pane, which names tables bare (the Power
 * Query name of each loaded table, usually the dbt model's). URL shapes from Microsoft's public
 * documentation (groups/<workspace>/reports, dashboards, semantic models).
 */
import { CODE_EDITOR_LINES, defineAdapter, type PageKind } from './define';

export default defineAdapter({
  id: 'powerbi',
  label: 'Power BI',
  matches: ['https://app.powerbi.com/*'],
  examples: [
    { url: 'https://app.powerbi.com/groups/me/reports/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b/ReportSection2?experience=power-bi', kind: 'dashboard' },
    { url: 'https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/dashboards/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d', kind: 'dashboard' },
    { url: 'https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/datasets/2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e/details', kind: 'dataset' },
    { url: 'https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/semanticmodels/2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e', kind: 'dataset' },
    { url: 'https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/list', kind: 'other' },
  ],
  pageKind,
  tableSlots: [
    // Report in edit mode (2023+ "Data" pane, formerly "Fields"): each table's header row.
    '[data-testid="data-pane"] .tableName',
    // Semantic model details page: the tables list.
    '[data-testid="semantic-model-tables"] .tableName',
  ],
  codeLines: CODE_EDITOR_LINES,
  columns: {
    // Report in edit mode, the Data pane: an expanded table's tree item holds its name and fields.
    group: ['[data-testid="data-pane"] [role="treeitem"]'],
    table: ['.tableName'],
    column: ['.fieldName'],
  },
  dashboardHeader: [
    // Report and dashboard view: the action bar above the canvas.
    '[data-testid="report-header"]',
  ],
});

function pageKind(url: URL): PageKind {
  const path = url.pathname;
  if (/^\/groups\/[^/]+\/(reports|dashboards|apps)\/[^/]+/.test(path)) return 'dashboard';
  if (/^\/groups\/[^/]+\/(datasets|semanticmodels)\/[^/]+/.test(path)) return 'dataset';
  return 'other';
}
