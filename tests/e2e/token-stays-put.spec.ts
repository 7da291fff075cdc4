/**
 * The token stays put (issue #10): it lives in the background and in storage only. This test
 * records every message Docent's content script receives (answers to its own requests, and what the
 * background and the popup send it), the page's whole DOM with every open shadow root, and the
 * page's console, and looks for the token in all of them. It also checks that page JavaScript has
 * no way in: no `externally_connectable`, so no `chrome.runtime` in the page's own world.
 */
import type { CDPSession, Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { DEMO_FACTS } from '../support/demo-project';
import { connect } from '../support/options-page';
import { DEMO_TOKEN, expect, test } from './fixtures';

declare const chrome: typeof Browser;

/** Runs in the content script's isolated world: wraps the messaging calls the polyfill makes. */
const RECORDER = `(() => {
  if (globalThis.__docentRecorded) return 'already';
  const recorded = (globalThis.__docentRecorded = []);
  // The polyfill calls chrome.runtime with a callback, or the browser's own promise-based
  // runtime where there is one: record the answer either way, and hand it on unchanged.
  const wrap = (runtime) => {
    const send = runtime.sendMessage;
    runtime.sendMessage = function (...args) {
      const callback = typeof args[args.length - 1] === 'function' ? args.pop() : null;
      if (callback) {
        return send.call(runtime, ...args, (answer) => {
          recorded.push({ kind: 'answer', request: args[0], answer });
          callback(answer);
        });
      }
      return Promise.resolve(send.call(runtime, ...args)).then((answer) => {
        recorded.push({ kind: 'answer', request: args[0], answer });
        return answer;
      });
    };
  };
  wrap(chrome.runtime);
  if (globalThis.browser?.runtime && globalThis.browser.runtime !== chrome.runtime) wrap(globalThis.browser.runtime);
  chrome.runtime.onMessage.addListener((message) => {
    recorded.push({ kind: 'incoming', message });
  });
  return 'installed';
})()`;

/** The isolated world Chromium made for Docent's content script in this page. */
async function contentScriptWorld(page: Page, extensionId: string): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.origin === `chrome-extension://${extensionId}`);
  if (!world) throw new Error('Docent’s content script world is not in this page');
  return { cdp, contextId: world.id };
}

async function evaluateIn<T>(cdp: CDPSession, contextId: number, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true });
  if (exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(exceptionDetails)}`);
  return result.value as T;
}

/** The light DOM and every open shadow root, serialised. */
function wholeDom(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.documentElement.outerHTML];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) {
          parts.push(element.shadowRoot.innerHTML);
          walk(element.shadowRoot);
        }
      }
    };
    walk(document);
    return parts.join('\n');
  });
}

test('the token never reaches a content script, the page’s DOM or its console', async ({ extension, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);

  const report = await extension.context.newPage();
  const console: string[] = [];
  report.on('console', (message) => console.push(message.text()));
  const url = biServer.url('app.mode.com', '/mode/report.html');
  await report.goto(url);
  const badge = report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.failingTest.model}"]`);
  await expect(badge).toBeVisible({ timeout: 30_000 });

  const { cdp, contextId } = await contentScriptWorld(report, extension.extensionId);
  expect(await evaluateIn(cdp, contextId, RECORDER)).toBe('installed');

  // Every kind of traffic, afresh: a navigation within the page (a full rescan: resolve), the doc
  // card (details), a re-sync (the background's indexUpdated) and the popup (listMatches).
  await report.evaluate(() => history.pushState({}, '', `${location.pathname}?tab=2`));
  await expect(badge).toBeVisible();
  await badge.hover();
  await expect(report.getByRole('dialog', { name: /orders/ })).toBeVisible();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toContainText('Connected', { timeout: 30_000 });
  const tabId = await extension.serviceWorker.evaluate(
    async (u) => (await chrome.tabs.query({})).find((t) => t.url?.startsWith(u))?.id,
    url,
  );
  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl(tabId));
  await expect(popup.getByRole('listitem').filter({ hasText: 'orders' }).first()).toBeVisible();

  const recorded = await evaluateIn<{ kind: string; request?: { type: string }; message?: { type: string } }[]>(
    cdp,
    contextId,
    'globalThis.__docentRecorded',
  );
  const types = new Set(recorded.map((r) => `${r.kind}:${r.request?.type ?? r.message?.type}`));
  expect([...types]).toEqual(expect.arrayContaining(['answer:resolve', 'answer:details', 'incoming:listMatches']));
  expect(JSON.stringify(recorded)).not.toContain(DEMO_TOKEN);
  expect(await wholeDom(report)).not.toContain(DEMO_TOKEN);
  expect(console.join('\n')).not.toContain(DEMO_TOKEN);
  // The extension's own pages do not show it either, once saved.
  expect(await options.content()).not.toContain(DEMO_TOKEN);
  expect(await popup.content()).not.toContain(DEMO_TOKEN);

  // Not even Docent's own content script can read the storage area that holds the token: the
  // background closed storage.local to content scripts (lib/background/storage-access.ts).
  const { result: stored } = await cdp.send('Runtime.evaluate', {
    contextId,
    awaitPromise: true,
    returnByValue: true,
    expression: `chrome.storage.local.get(null).then((all) => 'read: ' + JSON.stringify(all), (error) => 'refused: ' + error.message)`,
  });
  expect(String(stored.value)).toMatch(/^refused: /);
  expect(String(stored.value)).not.toContain(DEMO_TOKEN);

  // Page JavaScript cannot reach the extension at all.
  const manifest = await extension.serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest).not.toHaveProperty('externally_connectable');
  expect(await report.evaluate(() => typeof (globalThis as { chrome?: { runtime?: unknown } }).chrome?.runtime)).toBe('undefined');
});
