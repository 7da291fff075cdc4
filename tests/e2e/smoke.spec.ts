/**
 * The e2e harness itself: the production build loads in Debian's Chromium, its pages open, the
 * real hostnames reach the local servers, the content script runs on a supported BI host and only
 * there, and managed policy reaches the extension. Feature tests build on these guarantees.
 */
import type { Browser } from 'wxt/browser';
import { EXTENSION_ID } from '../support/browser';
import { DEMO_ENVIRONMENT_ID, DEMO_TOKEN, expect, extensionWorldsIn, test, UNSUPPORTED_HOST } from './fixtures';

/** What `chrome` is inside the service worker and extension pages the callbacks below run in. */
declare const chrome: typeof Browser;

test('loads the production build and starts its service worker under the fixed id', async ({ extension }) => {
  expect(extension.extensionId).toBe(EXTENSION_ID);
  const fromWorker = await extension.serviceWorker.evaluate(() => ({
    id: chrome.runtime.id,
    name: chrome.runtime.getManifest().name,
  }));
  expect(fromWorker.id).toBe(EXTENSION_ID);
  expect(fromWorker.name).toContain('Docent');
});

test('opens the options page and the popup as extension pages without errors', async ({ extension }) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  for (const [url, title] of [
    [extension.optionsUrl, 'Docent options'],
    [extension.popupUrl(), 'Docent'],
  ] as const) {
    await page.goto(url);
    await expect(page).toHaveURL(url);
    await expect(page).toHaveTitle(title);
    expect(await page.evaluate(() => chrome.runtime.id)).toBe(EXTENSION_ID);
  }
  expect(errors).toEqual([]);
});

test('serves a Mode page on app.mode.com and runs the content script there', async ({ extension, biServer }) => {
  const page = await extension.context.newPage();
  const url = biServer.url('app.mode.com', '/mode/report.html');
  const response = await page.goto(url);

  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL('https://app.mode.com/mode/report.html');
  await expect(page.locator('h1.report-title')).toHaveText('Weekly orders and refunds');
  const name = await extension.serviceWorker.evaluate(() => chrome.runtime.getManifest().name);
  await expect.poll(() => extensionWorldsIn(page, extension.extensionId)).toContain(name);
});

test('does not run the content script on a host Docent does not support', async ({ extension, biServer }) => {
  const page = await extension.context.newPage();
  await page.goto(biServer.url(UNSUPPORTED_HOST, '/mode/report.html'), { waitUntil: 'load' });
  await expect(page.locator('h1.report-title')).toHaveText('Weekly orders and refunds');
  // Content scripts run at document_idle, which is over once `load` has fired.
  expect(await extensionWorldsIn(page, extension.extensionId)).toEqual([]);
});

test('reaches the mock Discovery API at metadata.cloud.getdbt.com from the service worker', async ({
  extension,
  discovery,
}) => {
  const answer = await extension.serviceWorker.evaluate(
    async ({ token }) => {
      const response = await fetch('https://metadata.cloud.getdbt.com/graphql', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Probe { __typename }' }),
      });
      return { status: response.status, body: await response.json() };
    },
    { token: DEMO_TOKEN },
  );
  expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  expect(discovery.requests.map((r) => [r.operationName, r.authorization])).toContainEqual([
    'Probe',
    `Bearer ${DEMO_TOKEN}`,
  ]);
});

test.describe('under managed policy', () => {
  const policy = { accessUrl: 'https://cloud.getdbt.com', environmentId: DEMO_ENVIRONMENT_ID };
  test.use({ managedPolicy: policy });

  test('hands the administrator\'s settings to chrome.storage.managed', async ({ extension }) => {
    // The first read after launch can take a few seconds to see the policy: poll the state.
    await expect
      .poll(() => extension.serviceWorker.evaluate(() => chrome.storage.managed.get()), { timeout: 20_000 })
      .toMatchObject(policy);
  });
});
