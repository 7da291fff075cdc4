/**
 * Which dashboard a URL is, as a string two URLs share exactly when they open the same dashboard.
 * An exposure's `url` (written by hand, or set by dbt's automatic Tableau and Power BI exposures)
 * and the page's address are both read through here (docs/architecture.md "Dashboards").
 *
 * What does not make another dashboard: the scheme, the host's case, the query string (filters,
 * tabs, Tableau's `:iid`, Power BI's `ctid` and `experience`), a plain `#anchor`, a trailing slash,
 * percent-encoding, and the parts of a URL that only name a page or a slug inside a dashboard:
 * - Tableau: the route lives in the hash on Tableau Cloud and Server
 *   (`/#/site/<site>/views/<workbook>/<view>`, `/#/views/…` on the default site), in the path in
 *   share and embed links (`/t/<site>/views/<workbook>/<view>`, `/views/…`); a custom view adds
 *   segments after the view. The dashboard is the site, workbook and view.
 * - Power BI: `/groups/<workspace>/reports/<id>/<page>`; the report (or dashboard) id is a GUID
 *   of its own, the same whether the workspace is written `me` or by id, on every page of it.
 * - Metabase and Redash put a slug after the id (`/dashboard/7-weekly-orders`, `/dashboards/12-kpis`);
 *   the bare id opens the same dashboard.
 * Any other single-page app that routes in the hash (`#/…`, `#!/…`) keeps that route.
 */

const TABLEAU_VIEW = /^(?:\/t\/([^/]+)|\/site\/([^/]+))?\/views\/([^/]+)\/([^/]+)/;
const POWER_BI_ITEM = /\/(reports|dashboards|rdlreports)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;
const ID_WITH_SLUG = /\/(dashboard|dashboards|question|model)\/(\d+)-[^/]*/g;

/** The dashboard a URL opens, or `null` when it is no http(s) URL. */
export function dashboardUrlKey(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const host = parsed.host.toLowerCase();
  const path = decodePath(parsed.pathname);
  const route = hashRoute(parsed.hash);

  const tableau = TABLEAU_VIEW.exec(route ?? '') ?? TABLEAU_VIEW.exec(path);
  if (tableau) {
    const [, pathSite, hashSite, workbook, view] = tableau;
    return `${host}/tableau/site/${pathSite ?? hashSite ?? ''}/views/${workbook}/${view}`;
  }
  const powerBi = POWER_BI_ITEM.exec(path);
  if (powerBi) return `${host}/powerbi/${powerBi[1]!.toLowerCase()}/${powerBi[2]!.toLowerCase()}`;

  const withoutSlug = path.replace(ID_WITH_SLUG, '/$1/$2');
  return `${host}${withoutSlug}${route ? `#${route}` : ''}`;
}

/** The path with each segment decoded (`%20` and ` ` alike) and no trailing slash. */
function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/')
    .replace(/\/+$/, '');
}

/** A hash that is a route (`#/site/acme/views/…?:iid=1`, `#!/reports/3`), without its query; else null. */
function hashRoute(hash: string): string | null {
  const match = /^#!?(\/[^?]*)/.exec(hash);
  return match ? decodePath(match[1]!) || null : null;
}
