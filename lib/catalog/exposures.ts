/**
 * Exposures by the URL of their dashboard. A dashboard's URL is compared by scheme, host and path:
 * the query string and fragment (filters, tabs, tracking) and a trailing slash do not make it
 * another dashboard.
 */
import type { Exposure } from './types';

/** The comparable form of a URL, or `null` when it is not an http(s) URL. */
export function normalizeDashboardUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.protocol}//${parsed.host.toLowerCase()}${path}`;
}

export class ExposureIndex {
  private readonly byUrl = new Map<string, Exposure[]>();

  constructor(readonly exposures: readonly Exposure[]) {
    for (const exposure of exposures) {
      const key = exposure.url && normalizeDashboardUrl(exposure.url);
      if (!key) continue;
      const list = this.byUrl.get(key);
      if (list) list.push(exposure);
      else this.byUrl.set(key, [exposure]);
    }
  }

  forUrl(url: string): Exposure[] {
    const key = normalizeDashboardUrl(url);
    return (key && this.byUrl.get(key)) || [];
  }
}
