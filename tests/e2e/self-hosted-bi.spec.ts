/**
 * Self-hosted BI (issue #6): a Metabase page on a company's own host, which the manifest does not
 * list, is added through the options page (BI host, Tool, Add host), gets its badges, and keeps
 * them after the browser restarts (dynamic registrations of an unpacked extension do not survive a
 * restart by themselves: the background registers them again from the settings).
 *
 * The permission prompt cannot be answered headless; as found on this machine, granting the host
 * from chrome://extensions with developerPrivate first makes the extension's own
 * permissions.request() resolve true without a prompt (the click on Add host is the gesture).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { DEMO_FACTS } from '../support/demo-project';
import { launchWithExtension } from '../support/browser';
import { connect } from '../support/options-page';
import { expect, test } from './fixtures';

const HOST = 'bi.acme-analytics.com';
const PAGE = '/metabase/question.html';

async function grantHost(context: BrowserContext, extensionId: string, host: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome://extensions/?id=${extensionId}`);
  await page.evaluate(
    ([id, origin]) =>
      new Promise<void>((resolve) =>
        (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(i: string, o: string, cb: () => void): void } } }).chrome.developerPrivate.addHostPermission(
          id!,
          origin!,
          resolve,
        ),
      ),
    [extensionId, `https://${host}/*`],
  );
  await page.close();
}

test('a self-hosted Metabase added in the options page gets badges, and keeps them after a restart', async ({ hostMap, biServer }) => {
  const map = { ...hostMap, [HOST]: biServer.port };
  const profile = await mkdtemp(path.join(os.tmpdir(), 'docent-self-hosted-'));
  const badge = `docent-badge[data-unique-id="${DEMO_FACTS.healthyModel}"]`;
  try {
    const first = await launchWithExtension({ hostMap: map, userDataDir: profile });
    try {
      const options = await first.context.newPage();
      await connect(options, first.optionsUrl);
      // Before it is added, the host gets nothing: the manifest lists only the SaaS hosts.
      const before = await first.context.newPage();
      await before.goto(biServer.url(HOST, PAGE));
      await expect(before.locator('.cm-line').first()).toBeVisible();

      await grantHost(first.context, first.extensionId, HOST);
      await options.getByLabel('BI host').fill(HOST);
      await options.getByLabel('Tool').selectOption('metabase');
      await options.getByRole('button', { name: 'Add host' }).click();
      await expect(options.getByRole('list', { name: 'Added BI hosts' })).toContainText(`${HOST} (metabase)`);
      await expect(before.locator(badge)).toHaveCount(0);

      const page = await first.context.newPage();
      await page.goto(biServer.url(HOST, PAGE));
      await expect(page.locator(badge).first()).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
    } finally {
      await first.close();
    }

    const second = await launchWithExtension({ hostMap: map, userDataDir: profile });
    try {
      const page = await second.context.newPage();
      await page.goto(biServer.url(HOST, PAGE));
      await expect(page.locator(badge).first()).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
    } finally {
      await second.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
