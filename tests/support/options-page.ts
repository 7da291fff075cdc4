/**
 * The options page driven as a person drives it: the labelled fields, then Save. Shared by the e2e
 * tests and the Chromium benchmark so they all configure Docent the same way.
 */
import { expect, type Page, type Worker } from '@playwright/test';
import { scriptIdFor } from '../../lib/background/bi-host-scripts';
import type { BiHost } from '../../lib/config/settings';

export const DEMO_TOKEN = 'dbtc_demo_token';
export const DEMO_ENVIRONMENT_ID = '70403103985022';
export const DEMO_ACCESS_URL = 'https://cloud.getdbt.com';

export interface Connection {
  token?: string;
  accountId?: string;
}

export async function saveConnection(page: Page, optionsUrl: string, { token = DEMO_TOKEN, accountId }: Connection = {}): Promise<void> {
  await page.goto(optionsUrl);
  await page.getByLabel('Access URL').fill(DEMO_ACCESS_URL);
  // A saved token is never shown again: Replace opens the field for a new one.
  const replace = page.getByRole('button', { name: 'Replace' });
  if (await replace.isVisible()) await replace.click();
  await page.getByLabel('Service token', { exact: true }).fill(token);
  await page.getByLabel('Environment ID').fill(DEMO_ENVIRONMENT_ID);
  if (accountId) await page.getByLabel('Account ID').fill(accountId);
  await page.getByRole('button', { name: 'Save' }).click();
}

/** Saves the demo connection and waits until the status region says Connected. */
export async function connect(page: Page, optionsUrl: string, connection: Connection = {}): Promise<void> {
  await saveConnection(page, optionsUrl, connection);
  await expect(page.getByRole('status')).toContainText('Connected', { timeout: 30_000 });
}

/** The host the e2e tests and the demo publish dbt Core artifacts on (tests/support/artifacts-server.ts). */
export const DEMO_ARTIFACTS_HOST = 'docs.acme.example';
export const DEMO_ARTIFACTS_URL = `https://${DEMO_ARTIFACTS_HOST}/dbt/target/`;

/**
 * Grants the artifacts host's optional permission ahead of Save: headless, the browser's prompt
 * never resolves, but a host added through chrome://extensions is granted without one.
 */
export async function preGrantHost(page: Page, extensionId: string, host: string): Promise<void> {
  await page.goto(`chrome://extensions/?id=${extensionId}`);
  await page.evaluate(
    ([id, pattern]) =>
      (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate.addHostPermission(id!, pattern!),
    [extensionId, `https://${host}/*`],
  );
}

/** Chooses dbt Core artifacts on the options page, enters the Artifacts URL and presses Save. */
export async function saveArtifactsSource(page: Page, optionsUrl: string, artifactsUrl = DEMO_ARTIFACTS_URL): Promise<void> {
  await page.goto(optionsUrl);
  await page.getByLabel('Source').selectOption({ label: 'dbt Core artifacts' });
  await page.getByLabel('Artifacts URL').fill(artifactsUrl);
  await page.getByRole('button', { name: 'Save' }).click();
}

/**
 * Adds a self-hosted BI host the way a person does: BI host, Tool, Add host on the options page.
 * Headless, the browser's permission prompt never resolves, so the host is first allowed the way
 * a person can also allow it (site access on chrome://extensions, `preGrantHost`); Add host's
 * permissions.request then resolves true at once. Resolves when the host is listed and the
 * background has registered the content script for it (the next page load there runs it).
 */
export async function addBiHost(
  page: Page,
  extension: { optionsUrl: string; extensionId: string; serviceWorker: Worker },
  host: string,
  tool: string,
): Promise<void> {
  await preGrantHost(page, extension.extensionId, host);
  await page.goto(extension.optionsUrl);
  await page.getByLabel('BI host', { exact: true }).fill(host);
  await page.getByLabel('Tool', { exact: true }).selectOption(tool);
  await page.getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByRole('list', { name: 'Added BI hosts' })).toContainText(`${host} (${tool})`);
  await expect
    .poll(
      () =>
        extension.serviceWorker.evaluate(async () =>
          (await (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } }).chrome.scripting.getRegisteredContentScripts()).map((s) => s.id),
        ),
      { timeout: 10_000, message: `the content script is registered for ${host}` },
    )
    .toContain(scriptIdFor({ host, tool } as BiHost));
}
