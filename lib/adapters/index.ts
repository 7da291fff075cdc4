/**
 * The adapter registry: data, not logic. One file per BI tool (file name = id = fixture folder);
 * the tool ids and SaaS host patterns everything else uses (manifest, content script, options
 * page, policy schema) are derived from this list (hosts.ts; a test checks the policy schema).
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { Adapter } from './define';
import generic from './generic';
import hex from './hex';
import lightdash from './lightdash';
import looker from './looker';
import metabase from './metabase';
import mode from './mode';
import powerbi from './powerbi';
import redash from './redash';
import sigma from './sigma';
import superset from './superset';
import tableau from './tableau';

/** The tools, in the order the Tool select shows them. */
export const TOOL_ADAPTERS: readonly Adapter[] = [looker, tableau, powerbi, metabase, superset, mode, sigma, hex, lightdash, redash];

export const ADAPTERS: readonly Adapter[] = [...TOOL_ADAPTERS, generic];

/** The ids a self-hosted host or a policy may name. */
export const TOOL_IDS: readonly string[] = TOOL_ADAPTERS.map((adapter) => adapter.id);

/** A self-hosted BI host the user or admin added, with the tool it runs. */
export interface CustomHost {
  host: string;
  tool: string;
}

const patternCache = new Map<string, MatchPattern>();
const patternOf = (pattern: string) => {
  let compiled = patternCache.get(pattern);
  if (!compiled) patternCache.set(pattern, (compiled = new MatchPattern(pattern)));
  return compiled;
};

/** The tool adapters whose SaaS patterns match a URL (the convention test wants exactly one). */
export function adaptersMatching(url: string): Adapter[] {
  return TOOL_ADAPTERS.filter((adapter) => adapter.matches.some((pattern) => patternOf(pattern).includes(url)));
}

/**
 * The adapter for a page: a tool-specific one whose patterns match, else the adapter named for a
 * self-hosted host, else generic. Never null: any page Docent runs on can at least be read as text.
 */
export function chooseAdapter(url: string, customHosts: readonly CustomHost[] = []): Adapter {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return generic;
  }
  const byPattern = adaptersMatching(url)[0];
  if (byPattern) return byPattern;
  const custom = customHosts.find((entry) => entry.host.toLowerCase() === hostname);
  return TOOL_ADAPTERS.find((adapter) => adapter.id === custom?.tool) ?? generic;
}

/** Asks the background which tool a self-hosted host runs; null when it is not listed or its tool is disabled. */
export type AskHostTool = (host: string) => Promise<string | null>;

/** Asks the background whether a tool is on: `disabledTools` (the user's or the policy's) may name it. */
export type AskToolEnabled = (tool: string) => Promise<boolean>;

/**
 * The adapter for the page a content script runs on. A SaaS page is known from its URL alone; the
 * background is asked whether its tool is on. Any other page is a self-hosted host the background
 * registered the script on, and only the background knows which tool it runs (its `biHosts` entry,
 * user's or policy's): the host is asked about once. Null when the tool is off or the background
 * names no tool (the host was removed, or its tool is in `disabledTools`): then Docent stays off
 * the page.
 */
export async function adapterForPage(url: string, askHostTool: AskHostTool, askToolEnabled: AskToolEnabled): Promise<Adapter | null> {
  const byPattern = adaptersMatching(url)[0];
  if (byPattern) return (await askToolEnabled(byPattern.id)) ? byPattern : null;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  const tool = await askHostTool(host);
  return tool ? chooseAdapter(url, [{ host, tool }]) : null;
}
