/**
 * Content script on BI hosts: wiring only (docs/architecture.md "Code rules" 1). Picks the adapter
 * for the URL, starts the overlay for it, answers the popup, follows single-page-app navigation,
 * and re-asks about the names already found when a sync changed the index.
 */
import { browser } from 'wxt/browser';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { chooseAdapter } from '../../lib/adapters';
import { sendToBackground, type BackgroundToContent, type PopupToContent } from '../../lib/messaging';
import { dashboardPlugsOf } from '../../lib/overlay/dashboard-plugs';
import { installedCardFactory } from '../../lib/overlay/lazy-card';
import { startOverlay, type Overlay } from '../../lib/overlay/overlay';
import { ok } from '../../lib/result';

export default defineContentScript({
  matches: BI_HOST_PATTERNS,
  runAt: 'document_idle',
  main(ctx) {
    let warned = false;
    let run: { overlay: Overlay; controller: AbortController; url: string } | null = null;

    const start = (url = location.href) => {
      run?.controller.abort();
      const controller = new AbortController();
      // Ends with this run or with the content script; unlike a listener added to ctx.signal on
      // every restart, it leaves nothing on ctx.signal once this run is over.
      const signal = AbortSignal.any([ctx.signal, controller.signal]);
      const adapter = chooseAdapter(url);
      const overlay = startOverlay({
        document,
        adapter,
        resolve: (keys) => sendToBackground({ type: 'resolve', keys }),
        loadDetails: (uniqueId) => sendToBackground({ type: 'details', uniqueId }),
        // The card's code comes on first use, injected by the background (lib/overlay/lazy-card.ts).
        loadCard: async () => installedCardFactory() ?? ((await sendToBackground({ type: 'loadCard' })).ok ? installedCardFactory() : null),
        dashboard: dashboardPlugsOf(adapter, { url, fetch: window.fetch.bind(window) }),
        exposures: () => sendToBackground({ type: 'pageExposures', url }),
        onUnavailable: (error) => {
          if (!warned) console.info(`Docent: no badges on this page: ${error.message}`);
          warned = true;
        },
        signal,
      });
      run = { overlay, controller, url };
    };

    // Answered through sendResponse: Chromium's own API (no polyfill here) ignores a returned promise.
    const onMessage = (message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void) => {
      const type = (message as PopupToContent | BackgroundToContent | null)?.type;
      if (type === 'listMatches') {
        sendResponse(ok(run?.overlay.listMatches() ?? []));
        return undefined;
      }
      // The index changed (a dbt job ran, settings changed a verdict, Docent was just set up):
      // the names already found are asked about again; badges change in place, none are torn down.
      if (type === 'indexUpdated') void run?.overlay.refresh();
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
    start();
  },
});
