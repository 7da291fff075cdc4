/**
 * Content script on BI hosts: wiring only (docs/architecture.md "Code rules" 1). Picks the adapter, starts the
 * overlay for this URL, answers the popup, and restarts on single-page-app navigation.
 */
import { browser } from 'wxt/browser';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { chooseAdapter } from '../../lib/adapters';
import { sendToBackground, type BackgroundToContent, type NameMatch, type PopupToContent } from '../../lib/messaging';
import { startOverlay, type Overlay } from '../../lib/overlay/overlay';
import { ok } from '../../lib/result';

export default defineContentScript({
  matches: BI_HOST_PATTERNS,
  runAt: 'document_idle',
  main(ctx) {
    let warned = false;
    const resolve = async (keys: string[]): Promise<NameMatch[]> => {
      const answer = await sendToBackground({ type: 'resolve', keys });
      if (answer.ok) return answer.value;
      if (!warned) console.info(`Docent: no badges on this page: ${answer.error.message}`);
      warned = true;
      throw answer.error; // the overlay forgets nothing it could not ask about
    };
    const loadDetails = (uniqueId: string) => sendToBackground({ type: 'details', uniqueId });

    let run: { overlay: Overlay; controller: AbortController } | null = null;
    const start = () => {
      run?.controller.abort();
      const controller = new AbortController();
      const overlay = startOverlay({
        document,
        adapter: chooseAdapter(location.href),
        resolve,
        loadDetails,
        // Ends with this run or with the content script; unlike a listener added to ctx.signal on
        // every restart, it leaves nothing on ctx.signal once this run is over.
        signal: AbortSignal.any([ctx.signal, controller.signal]),
      });
      run = { overlay, controller };
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
    ctx.addEventListener(window, 'wxt:locationchange', start);
    start();
  },
});
