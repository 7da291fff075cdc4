/**
 * Exposures by the dashboard their `url` opens: an exposure belongs to a page when both URLs open
 * the same dashboard (lib/matching/dashboard-url.ts says when that is).
 */
import { dashboardUrlKey } from '../matching/dashboard-url';
import type { Exposure } from './types';

export class ExposureIndex {
  private readonly byUrl = new Map<string, Exposure[]>();

  constructor(readonly exposures: readonly Exposure[]) {
    for (const exposure of exposures) {
      const key = exposure.url && dashboardUrlKey(exposure.url);
      if (!key) continue;
      const list = this.byUrl.get(key);
      if (list) list.push(exposure);
      else this.byUrl.set(key, [exposure]);
    }
  }

  forUrl(url: string): Exposure[] {
    const key = dashboardUrlKey(url);
    return (key && this.byUrl.get(key)) || [];
  }
}
