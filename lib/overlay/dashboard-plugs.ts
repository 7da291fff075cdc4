/**
 * The adapter's dashboard plug-in points for one page, as the overlay reads them
 * (lib/overlay/dashboard.ts): the page kind, the header where the pill goes, the tiles with their
 * keys and titles, and the tool's API read through lib/adapters/api-reader.ts (same origin, GET
 * only, bounded, cached for the page).
 */
import { readPageTables } from '../adapters/api-reader';
import { tileKeyOf, type Adapter } from '../adapters/define';
import type { DashboardPlugs, PageTile } from './dashboard';

export interface PageContext {
  url: string;
  /** The page's own fetch: same origin, with the person's session. */
  fetch: typeof fetch;
}

export function dashboardPlugsOf(adapter: Adapter, page: PageContext): DashboardPlugs | null {
  let url: URL;
  try {
    url = new URL(page.url);
  } catch {
    return null;
  }
  const header = adapter.dashboardHeader.join(', ');
  const tiles = adapter.tiles;
  const card = tiles?.card.join(', ') ?? '';
  const title = tiles?.title.join(', ') ?? '';
  return {
    isDashboard: adapter.pageKind(url) === 'dashboard',
    header: (document) => (header ? document.querySelector(header) : null),
    tiles(document): PageTile[] {
      if (!tiles || !card || !title) return [];
      const found: PageTile[] = [];
      for (const element of document.querySelectorAll(card)) {
        // A card inside another matched card (two selector variants) is read once, as the inner one.
        const key = tileKeyOf(tiles, element);
        const heading = element.querySelector(title);
        if (key && heading) found.push({ key, title: heading, element });
      }
      return found;
    },
    api: adapter.api
      ? (signal) =>
          readPageTables(adapter, {
            url,
            signal,
            fetch: page.fetch,
            onProblem: (message) => console.info(`Docent: ${message}`),
          })
      : undefined,
  };
}
