/**
 * The adapter registry: data, not logic (STYLE.md point 3). Per-tool adapters are added here, one
 * file each; until they exist every supported host gets the generic text adapter.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { Adapter } from './define';
import generic from './generic';

export const ADAPTERS: readonly Adapter[] = [generic];

/** A self-hosted BI host the user or admin added, with the tool it runs. */
export interface CustomHost {
  host: string;
  tool: string;
}

/**
 * The adapter for a page: a tool-specific one whose patterns match, else the adapter named for a
 * self-hosted host, else generic. Never null: any page Docent runs on can at least be read as text.
 */
export function chooseAdapter(url: string, customHosts: readonly CustomHost[] = []): Adapter {
  const specific = ADAPTERS.filter((adapter) => adapter !== generic);
  const byPattern = specific.find((adapter) =>
    adapter.matches.some((pattern) => new MatchPattern(pattern).includes(url)),
  );
  if (byPattern) return byPattern;
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return generic;
  }
  const custom = customHosts.find((entry) => entry.host.toLowerCase() === hostname);
  return specific.find((adapter) => adapter.id === custom?.tool) ?? generic;
}
