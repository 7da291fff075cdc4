/**
 * When two URLs open the same dashboard (lib/matching/dashboard-url.ts): an exposure's `url` meets
 * the page's address there. The URL shapes are the tools' own (Tableau's and Microsoft's public
 * documentation, Metabase's and Redash's routes); the dashboard's id must match, never only the host.
 */
import { describe, expect, it } from 'vitest';
import { dashboardUrlKey } from '../../lib/matching/dashboard-url';

const same = (a: string, b: string) => expect(dashboardUrlKey(a)).toBe(dashboardUrlKey(b));
const apart = (a: string, b: string) => expect(dashboardUrlKey(a)).not.toBe(dashboardUrlKey(b));

describe('dashboardUrlKey', () => {
  it('ignores the scheme, the host case, the query, an #anchor, a trailing slash and percent-encoding', () => {
    const base = 'https://app.mode.com/acme/reports/4f2a1c8e';
    for (const url of [
      'https://app.mode.com/acme/reports/4f2a1c8e/',
      'http://APP.mode.com/acme/reports/4f2a1c8e?param_week=12',
      'https://app.mode.com/acme/reports/4f2a1c8e#chart-3',
      'https://app.mode.com/acme/reports/%34f2a1c8e',
    ]) same(url, base);
    apart(base, 'https://app.mode.com/acme/reports/4f2a1c8e/runs/1');
    apart(base, 'https://other.mode.com/acme/reports/4f2a1c8e');
  });

  it('refuses what is no http(s) URL', () => {
    for (const url of ['', 'not a url', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://x.example/a']) {
      expect(dashboardUrlKey(url)).toBeNull();
    }
  });

  it('reads a Tableau view from the hash route, its share link and its embed query alike', () => {
    const view = 'https://prod-useast-b.online.tableau.com/#/site/acme/views/WeeklyOrders/Overview';
    same(`${view}?:iid=1`, view);
    same('https://prod-useast-b.online.tableau.com/t/acme/views/WeeklyOrders/Overview?:showVizHome=no&:embed=true', view);
    // A custom view of the same sheet reads the same data sources.
    same(`${view}/1c5e2d4a-8f1b-4b7e-9a6d-2f0c3b1a7e55/Q3%20only`, view);
    // Tableau Server's default site has no /site/ segment.
    same('https://tableau.acme.internal/#/views/WeeklyOrders/Overview', 'https://tableau.acme.internal/views/WeeklyOrders/Overview');
  });

  it('tells Tableau views apart by site, workbook and view, not by host', () => {
    const view = 'https://prod-useast-b.online.tableau.com/#/site/acme/views/WeeklyOrders/Overview';
    apart(view, 'https://prod-useast-b.online.tableau.com/#/site/acme/views/WeeklyOrders/ByRegion');
    apart(view, 'https://prod-useast-b.online.tableau.com/#/site/acme/views/Inventory/Overview');
    apart(view, 'https://prod-useast-b.online.tableau.com/#/site/beta/views/WeeklyOrders/Overview');
    apart(view, 'https://prod-useast-b.online.tableau.com/#/site/acme/workbooks/123/views');
    apart(view, 'https://prod-useast-b.online.tableau.com/');
    apart(view, 'https://10ax.online.tableau.com/#/site/acme/views/WeeklyOrders/Overview');
  });

  it('reads a Power BI report by its id, whatever its page, workspace alias or query', () => {
    const report = 'https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/reports/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
    same('https://app.powerbi.com/groups/me/reports/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b/ReportSection2?experience=power-bi', report);
    same('https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/reports/6C1F2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B/ReportSection?ctid=72f988bf-86f1-41af-91ab-2d7cd011db47', report);
    apart(report, 'https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/reports/7d2a3b0f-4c5e-4f60-9b8c-0d1e2f3a4b5c');
    apart(report, 'https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/dashboards/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b');
    apart(report, 'https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e/list');
  });

  it('drops the slug after a Metabase or Redash id, and keeps the id', () => {
    same('https://acme.metabaseapp.com/dashboard/12-finance-close?tab=3', 'https://acme.metabaseapp.com/dashboard/12');
    same('https://redash.acme.io/dashboards/12-kpis', 'https://redash.acme.io/dashboards/12');
    apart('https://acme.metabaseapp.com/dashboard/12-finance-close', 'https://acme.metabaseapp.com/dashboard/7-finance-close');
    apart('https://acme.metabaseapp.com/dashboard/12', 'https://acme.metabaseapp.com/question/12');
  });

  it('keeps the route of an app that routes in the hash, and drops a plain anchor', () => {
    apart('https://bi.acme.io/#/dashboards/3', 'https://bi.acme.io/#/dashboards/4');
    same('https://bi.acme.io/#!/dashboards/3?f=1', 'https://bi.acme.io/#/dashboards/3');
    same('https://bi.acme.io/reports/3#section-2', 'https://bi.acme.io/reports/3');
  });
});
