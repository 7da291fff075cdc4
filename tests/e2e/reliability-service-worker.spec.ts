/**
 * The service worker stopped mid-sync through the DevTools protocol, as Chrome stops an idle or
 * busy worker: on its next wake the sync starts again from the top and ends once, with the index
 * whole (it is swapped in only when every page is in, and stored in one IndexedDB write). Opening
 * the popup or the options page wakes a stopped worker the same way (they ask for its status).
 */
import type { BrowserContext } from '@playwright/test';
import { DEMO_FACTS } from '../support/demo-project';
import { connect } from '../support/options-page';
import { expect, test } from './fixtures';

/**
 * The extension's service worker as Chromium runs it (running, starting, stopping, stopped),
 * watched from a blank tab so no page of Docent's is open while it is stopped.
 */
async function watchServiceWorker(context: BrowserContext, extensionId: string) {
  const watcher = await context.newPage();
  const cdp = await context.newCDPSession(watcher);
  const states = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) states.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const awake = () => [...states.values()].some((s) => s === 'running' || s === 'starting');
  const stop = async () => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(awake, { timeout: 10_000 }).toBe(false);
  };
  return { watcher, awake, stop, detach: () => cdp.detach() };
}

test.describe.configure({ timeout: 120_000 });

test('a service worker stopped mid-sync restarts the sync cleanly on its next wake, once, index whole', async ({ extension, discovery, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl());

  // Slow pages, so the worker is stopped with a sync half done.
  discovery.failNext({ delayMs: 2_000, times: 2 });
  discovery.requests.length = 0;
  await popup.getByRole('button', { name: 'Refresh now' }).click();
  await expect(options.getByRole('status')).toContainText('Syncing', { timeout: 10_000 });
  const cdp = await extension.context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await new Promise((resolve) => setTimeout(resolve, 2_500)); // the slow answers land on a dead worker

  // The next wake: a dashboard opens, and its content script asks the background for its names.
  const before = discovery.requests.length;
  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
  await expect(report.locator('docent-badge').first()).toBeVisible({ timeout: 60_000 });
  await popup.reload();
  await expect(popup.getByRole('status').first()).toContainText(`Connected — ${DEMO_FACTS.modelCount}`, { timeout: 60_000 });
  await expect(options.getByRole('status')).toContainText('Connected');
  // One restarted sync: no request asked twice after the wake.
  const after = discovery.requests.slice(before).map((r) => JSON.stringify([r.operationName, r.variables]));
  expect(new Set(after).size).toBe(after.length);
});

test('opening the popup, or the options page, wakes a stopped service worker, which finishes the sync it left half done', async ({ extension, discovery }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);

  const { watcher, awake, stop, detach } = await watchServiceWorker(extension.context, extension.extensionId);
  await expect.poll(awake).toBe(true);

  // Stopped with a sync half done ("Syncing…" stays in storage), then nothing else wakes it.
  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl());
  discovery.failNext({ delayMs: 2_000, times: 2 });
  await popup.getByRole('button', { name: 'Refresh now' }).click();
  await expect(options.getByRole('status')).toContainText('Syncing', { timeout: 10_000 });
  await popup.close();
  await options.close();
  await stop();
  await watcher.waitForTimeout(3_000); // the slow answers land on a dead worker
  expect(awake()).toBe(false);

  const before = discovery.requests.length;
  const reopened = await extension.context.newPage();
  await reopened.goto(extension.popupUrl());
  await expect.poll(awake, { timeout: 15_000 }).toBe(true);
  await expect(reopened.getByRole('status').first()).toContainText(`Connected — ${DEMO_FACTS.modelCount}`, { timeout: 60_000 });
  const after = discovery.requests.slice(before).map((r) => JSON.stringify([r.operationName, r.variables]));
  expect(after.length).toBeGreaterThan(0); // the sync ran again after the wake…
  expect(new Set(after).size).toBe(after.length); // …once
  await reopened.close();

  // Stopped while idle: the options page wakes it too, and shows the state it answers with.
  await stop();
  await watcher.waitForTimeout(1_000);
  expect(awake()).toBe(false);
  const settings = await extension.context.newPage();
  await settings.goto(extension.optionsUrl);
  await expect.poll(awake, { timeout: 15_000 }).toBe(true);
  await expect(settings.getByRole('status')).toContainText('Connected');
  await detach();
});

test('a dashboard that loads while the service worker is stopped wakes it, and gets its badges', async ({ extension, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  await options.close();

  const { watcher, awake, stop, detach } = await watchServiceWorker(extension.context, extension.extensionId);
  await expect.poll(awake).toBe(true);
  await stop();
  await watcher.waitForTimeout(1_000);
  expect(awake()).toBe(false);

  // Nothing of Docent's runs in the page until the background injects it after the load event
  // (lib/background/after-load.ts): the page's load is what wakes the worker.
  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
  await expect.poll(awake, { timeout: 15_000 }).toBe(true);
  await expect(report.locator('docent-badge').first()).toBeVisible({ timeout: 30_000 });
  await detach();
});
