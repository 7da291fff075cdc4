/**
 * Self-hosted BI hosts get Docent's content script through dynamic registration
 * (`scripting.registerContentScripts`), one registration per host whose permission was granted
 * and whose tool is not disabled. Registrations of an unpacked extension do not survive a browser
 * restart, so the background calls this on every start and whenever the settings change, and
 * gives the script to the tabs already open on a host it just registered.
 */
import type { BiHost } from '../config/settings';
import { originOf } from '../config/bi-hosts';

export const BI_HOST_SCRIPT_PREFIX = 'docent-bi-host:';

export interface ScriptingApi {
  getRegisteredContentScripts(): Promise<{ id: string }[]>;
  registerContentScripts(scripts: { id: string; matches: string[]; js: string[]; runAt: 'document_idle'; allFrames: boolean; matchOriginAsFallback: boolean; persistAcrossSessions: boolean }[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

export interface BiHostScriptsDeps {
  scripting: ScriptingApi;
  hasPermission(origin: string): Promise<boolean>;
  /** The built content script (WXT: `content-scripts/bi.js`). */
  contentScript: string;
  /** Runs the content script in the tabs already open on these match patterns. */
  injectIntoOpenTabs?(patterns: string[]): Promise<void>;
}

/** The registration id names the host and the tool, so a page's tool can be told from it. */
export const scriptIdFor = (entry: BiHost): string => `${BI_HOST_SCRIPT_PREFIX}${entry.tool}:${entry.host}`;

/**
 * The tool a self-hosted host runs, as the background answers a content script's `biHostTool`:
 * null when the host is not listed or its tool is disabled (the script then stays off the page).
 */
export function toolOfHost(biHosts: readonly BiHost[], disabledTools: readonly string[], host: string): string | null {
  const entry = biHosts.find((candidate) => candidate.host === host.toLowerCase());
  return entry && !disabledTools.includes(entry.tool) ? entry.tool : null;
}

/** Registers what is missing and removes what is no longer wanted; returns the hosts now served. */
export async function syncBiHostScripts(
  biHosts: readonly BiHost[],
  disabledTools: readonly string[],
  deps: BiHostScriptsDeps,
): Promise<BiHost[]> {
  const wanted: BiHost[] = [];
  for (const entry of biHosts) {
    if (disabledTools.includes(entry.tool)) continue;
    if (await deps.hasPermission(originOf(entry.host))) wanted.push(entry);
  }
  const wantedIds = new Set(wanted.map(scriptIdFor));
  const registered = (await deps.scripting.getRegisteredContentScripts())
    .map((script) => script.id)
    .filter((id) => id.startsWith(BI_HOST_SCRIPT_PREFIX));
  const stale = registered.filter((id) => !wantedIds.has(id));
  if (stale.length > 0) await deps.scripting.unregisterContentScripts({ ids: stale });
  const missing = wanted.filter((entry) => !registered.includes(scriptIdFor(entry)));
  if (missing.length > 0) {
    await deps.scripting.registerContentScripts(
      missing.map((entry) => ({
        id: scriptIdFor(entry),
        matches: [originOf(entry.host)],
        js: [deps.contentScript],
        runAt: 'document_idle' as const,
        // Frames of the host too, as on the SaaS hosts (entrypoints/bi.content).
        allFrames: true,
        // and the about:blank and srcdoc frames the host's pages write into, as the manifest's
        // `matchAboutBlank` gives the SaaS hosts (registered scripts have no such option: Chromium
        // 119+, Firefox 128+ match them by the origin that made them).
        matchOriginAsFallback: true,
        // Kept by the browser where it can; where it is not (an unpacked extension), registered
        // again from the settings on every start, and the tabs already open are given it below.
        persistAcrossSessions: true,
      })),
    );
    // A registration only reaches pages loaded after it: tabs restored when the browser started
    // (the settings take the service worker 1.5–3 s to read) or open when the host was added.
    await deps.injectIntoOpenTabs?.(missing.map((entry) => originOf(entry.host))).catch(() => {});
  }
  return wanted;
}
