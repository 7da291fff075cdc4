/**
 * Docent's content script goes into a BI page after the page's load event, from the background,
 * never at the manifest's `document_idle`: Chromium holds a page's load event until its
 * `document_idle` scripts are injected, which on a heavy dashboard made the load event about 1.4×
 * later even with an empty script (docs/performance.md "When the content script is injected").
 *
 * `webNavigation.onCompleted` fires once a frame has loaded; its URL filters (the BI hosts) wake
 * the service worker for those pages only. The frame gets the script, and so do the about:blank
 * and srcdoc frames it already holds (they have no URL of their own to filter on); such a frame
 * written later is reported by the content script of the frame that holds it (`injectFrames`).
 */

/** `webNavigation`'s UrlFilter, the fields Docent uses. */
export interface UrlFilter {
  schemes?: string[];
  hostEquals?: string;
  hostSuffix?: string;
}

export interface FrameInfo {
  frameId: number;
  parentFrameId: number;
  url: string;
}

export interface AfterLoadDeps {
  /** The frames of a tab as `webNavigation.getAllFrames` lists them (null when the tab is gone). */
  getAllFrames(tabId: number): Promise<FrameInfo[] | null>;
  /** Runs the content script in these frames of the tab (rejects when a frame cannot take it). */
  executeScript(tabId: number, frameIds: number[]): Promise<unknown>;
  /**
   * Whether the frame runs the content script already (its isolated world says so: RUNNING_KEY).
   * A second injection would not be a no-op: WXT's context stops the run in place when a newer
   * copy of the script starts, so the frame would read the page and place its badges again.
   */
  isRunning(tabId: number, frameId: number): Promise<boolean>;
}

/**
 * Asked in the frame's isolated world (`scripting.executeScript` with `func`), so it must stand
 * alone: the key is lib/messaging's RUNNING_KEY, spelled out (a test holds them equal).
 */
export function runningInThisWorld(): boolean {
  const alive = (globalThis as Record<string, unknown>)['__docentContentScript'];
  return typeof alive === 'function' && alive() === true;
}

/**
 * The URL filters matching exactly the pages a list of host match patterns (`https://app.mode.com/*`,
 * `https://*.looker.com/*`) matches: a `*.` host is the domain itself and every subdomain.
 */
export function urlFiltersOf(patterns: readonly string[]): UrlFilter[] {
  const filters: UrlFilter[] = [];
  for (const pattern of patterns) {
    const match = /^(https?|\*):\/\/([^/]+)\/\*$/.exec(pattern);
    if (!match) throw new Error(`Not a host match pattern Docent can turn into a URL filter: ${pattern}`);
    const schemes = match[1] === '*' ? ['http', 'https'] : [match[1]!];
    const host = match[2]!;
    if (host.startsWith('*.')) {
      filters.push({ schemes, hostEquals: host.slice(2) }, { schemes, hostSuffix: host.slice(1) });
    } else {
      filters.push({ schemes, hostEquals: host });
    }
  }
  return filters;
}

/** `frameId` and the about:blank and srcdoc frames under it (through such frames only). */
export function framesToInject(frames: readonly FrameInfo[], frameId: number): number[] {
  const chosen = [frameId];
  const isAbout = (frame: FrameInfo) => frame.url.startsWith('about:');
  for (let i = 0; i < chosen.length; i++) {
    for (const frame of frames) if (frame.parentFrameId === chosen[i] && isAbout(frame)) chosen.push(frame.frameId);
  }
  return chosen;
}

/**
 * Gives `frameId` (a BI host's frame that has just loaded, or a frame asking for the frames it
 * wrote) and its about:/srcdoc frames the content script. A frame that already runs it keeps its
 * run, untouched.
 */
export async function injectAfterLoad(deps: AfterLoadDeps, tabId: number, frameId: number): Promise<void> {
  const frames = (await deps.getAllFrames(tabId).catch(() => null)) ?? [];
  // One call per frame: a frame that went away, or that Docent may not enter, costs only itself.
  await Promise.all(
    framesToInject(frames, frameId).map(async (id) => {
      if (await deps.isRunning(tabId, id).catch(() => false)) return;
      await deps.executeScript(tabId, [id]).catch(() => undefined);
    }),
  );
}
