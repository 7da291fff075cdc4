/**
 * Content script on BI hosts: wiring only (docs/architecture.md "Code rules" 1). Picks the adapter
 * for the URL (on a self-hosted host, the tool the background says that host runs), starts the
 * overlay for it, answers the popup, follows single-page-app navigation,
 * and re-asks about the names already found when a sync changed the index.
 *
 * Not in the manifest: the background injects it once a BI page has loaded
 * (lib/background/after-load.ts), so the page's load event never waits for it; on self-hosted
 * hosts it is registered at run time (lib/background/bi-host-scripts.ts).
 */
import { browser } from 'wxt/browser';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { adapterForPage } from '../../lib/adapters';
import { RUNNING_KEY, sendToBackground, type BackgroundToContent, type PopupToContent } from '../../lib/messaging';
import { dashboardPlugsOf } from '../../lib/overlay/dashboard-plugs';
import { installedCardFactory } from '../../lib/overlay/lazy-card';
import { startOverlay, type Overlay } from '../../lib/overlay/overlay';
import type { Adapter } from '../../lib/adapters/define';
import { ok } from '../../lib/result';

export default defineContentScript({
  // Host permissions for these (WXT adds them), no manifest entry: injected at run time.
  matches: BI_HOST_PATTERNS,
  registration: 'runtime',
  main(ctx) {
    // Tells the background this frame runs Docent, so it does not inject the script again (which
    // would restart the run: lib/background/after-load.ts). Once the extension is reloaded or
    // updated, this run is invalid and a new copy may come in.
    (globalThis as Record<string, unknown>)[RUNNING_KEY] = () => !ctx.isInvalid;

    // Only the top frame asks about the dashboard (tile badges, the summary pill, exposures).
    const topFrame = window === window.top;
    let warned = false;
    let run: { overlay: Overlay | null; controller: AbortController; url: string } | null = null;
    // Asked once per page load: a single-page navigation never changes the host.
    let hostTool: Promise<string | null> | null = null;
    const askHostTool = (host: string) =>
      (hostTool ??= sendToBackground({ type: 'biHostTool', host }).then((answer) => {
        if (!answer.ok) hostTool = null; // the background could not answer: the next navigation asks again
        return answer.ok ? answer.value : null;
      }));
    // Asked once per page load too: an administrator may have turned the tool off (`disabledTools`).
    let toolOn: Promise<boolean> | null = null;
    const askToolEnabled = (tool: string) =>
      (toolOn ??= sendToBackground({ type: 'toolEnabled', tool }).then((answer) => {
        if (!answer.ok) toolOn = null;
        return answer.ok && answer.value === true;
      }));

    const start = (url = location.href) => {
      run?.controller.abort();
      const controller = new AbortController();
      // Ends with this run or with the content script; unlike a listener added to ctx.signal on
      // every restart, it leaves nothing on ctx.signal once this run is over.
      const signal = AbortSignal.any([ctx.signal, controller.signal]);
      const current: NonNullable<typeof run> = { overlay: null, controller, url };
      run = current;
      void adapterForPage(frameUrl(url), askHostTool, askToolEnabled).then((adapter) => {
        if (adapter && !signal.aborted) current.overlay = overlayFor(adapter, url, signal);
      });
    };

    const overlayFor = (adapter: Adapter, url: string, signal: AbortSignal): Overlay =>
      startOverlay({
        document,
        adapter,
        resolve: (keys) => sendToBackground({ type: 'resolve', keys }),
        loadDetails: (uniqueId, environment) => sendToBackground({ type: 'details', uniqueId, ...(environment ? { environment } : {}) }),
        // The card's code comes on first use, injected by the background (lib/overlay/lazy-card.ts).
        loadCard: async () => installedCardFactory() ?? ((await sendToBackground({ type: 'loadCard' })).ok ? installedCardFactory() : null),
        dashboard: topFrame ? dashboardPlugsOf(adapter, { url, fetch: window.fetch.bind(window) }) : null,
        ...(topFrame && { exposures: () => sendToBackground({ type: 'pageExposures', url }) }),
        onUnavailable: (error) => {
          if (!warned) console.info(`Docent: no badges on this page: ${error.message}`);
          warned = true;
        },
        signal,
      });

    // Answered through sendResponse: Chromium's own API (no polyfill here) ignores a returned promise.
    const onMessage = (message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void) => {
      const type = (message as PopupToContent | BackgroundToContent | null)?.type;
      // The popup asks the top frame (lib/messaging sendToTab); a frame's badges are its own.
      if (type === 'listMatches' && topFrame) {
        sendResponse(ok(run?.overlay?.listMatches() ?? []));
        return undefined;
      }
      // The index changed (a dbt job ran, settings changed a verdict, Docent was just set up):
      // the names already found are asked about again; badges change in place, none are torn down.
      if (type === 'indexUpdated') void run?.overlay?.refresh();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
    // Badges, tile badges and the pill belong to one URL: a new one is a new run.
    // The event comes from the Navigation API's `navigate`, before `location` changes: its URL is
    // the one to read.
    ctx.addEventListener(window, 'wxt:locationchange', (event) => {
      const next = event.newUrl.href;
      if (run?.url !== next) start(next);
    });
    // An about:blank or srcdoc frame the page writes after its load has no URL the background can
    // see; its load event reaches this document (capture), and the background gives it the script.
    ctx.addEventListener(
      document,
      'load',
      (event) => {
        const frame = event.target as HTMLIFrameElement | null;
        if (frame?.localName === 'iframe' && isWrittenFrame(frame)) void sendToBackground({ type: 'injectFrames' });
      },
      { capture: true },
    );
    start();
  },
});

/** A frame with no address of its own: srcdoc, about:blank, or none (it inherits this document's origin). */
function isWrittenFrame(frame: HTMLIFrameElement): boolean {
  const src = frame.getAttribute('src');
  return frame.hasAttribute('srcdoc') || !src || src.startsWith('about:');
}

/**
 * The URL that picks the adapter: an about:blank or srcdoc frame has none of its own, and is the
 * page's that wrote it (same origin, or the browser would not have run the script in it).
 */
function frameUrl(url: string): string {
  if (!url.startsWith('about:')) return url;
  try {
    return window.parent.location.href;
  } catch {
    return url;
  }
}
