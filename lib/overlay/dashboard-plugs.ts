/**
 * The adapter's dashboard plug-in points, as the overlay reads them (lib/overlay/dashboard.ts).
 * Adapters that know no dashboards give none.
 */
import type { Adapter } from '../adapters/define';
import type { DashboardPlugs } from './dashboard';

export interface PageContext {
  url: string;
  /** The page's own fetch: same origin, with the person's session. */
  fetch: typeof fetch;
}

export function dashboardPlugsOf(_adapter: Adapter, _page: PageContext): DashboardPlugs | null {
  return null;
}
