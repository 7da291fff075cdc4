/**
 * Self-hosted BI (issue #6): a Metabase on a company's own host, which the manifest does not list,
 * is added on the options page (BI host, Tool, Add host). Its saved GUI question then gets the
 * badges only the Metabase adapter can give (the tables are in /api/card/15, the page shows display
 * names only), and keeps them after the browser restarts with the same profile: the background
 * registers the content script again from the settings on every start, and gives it to the tabs
 * already open there. The page is opened at once after the restart, as a restored tab is: the
 * registration comes back only 1.5-3 s after the service worker starts, so before the background
 * gave the script to open tabs, this page got nothing (why the earlier attempt at this test failed).
 *
 * Headless, the permission prompt of Add host never resolves: the host is first allowed from
 * chrome://extensions (site access), as a person can also do; Add host's request then resolves true.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, type LaunchedExtension } from '../support/browser';
import { DEMO_FACTS } from '../support/demo-project';
import { addBiHost, connect } from '../support/options-page';
import { expect, extensionWorldsIn, test } from './fixtures';

const HOST = 'metabase.acme-analytics.com';
const PAGE = '/question/15-refunded-amount-by-week';
const TITLE_BADGES = '[data-testid="qb-header"] [data-testid="editable-text"] docent-badge';

async function titleBadges(extension: LaunchedExtension, url: string) {
  const page = await extension.context.newPage();
  await page.goto(url);
  const badges = page.locator(TITLE_BADGES);
  await expect(badges).toHaveCount(2, { timeout: 30_000 });
  return { page, ids: (await badges.evaluateAll((all) => all.map((badge) => badge.getAttribute('data-unique-id')))).sort() };
}

test('a self-hosted Metabase added on the options page gets its badges, and keeps them after a restart', async ({ hostMap, biServer }) => {
  test.setTimeout(120_000);
  const map = { ...hostMap, [HOST]: biServer.port };
  const url = biServer.url(HOST, PAGE);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'docent-self-hosted-'));
  try {
    const first = await launchWithExtension({ hostMap: map, userDataDir: profile });
    try {
      const options = await first.context.newPage();
      await connect(options, first.optionsUrl);
      // Before it is added, nothing of Docent runs there: the manifest lists only the SaaS hosts.
      const before = await first.context.newPage();
      await before.goto(url);
      await expect(before.locator('[data-testid="query-builder-root"]')).toBeVisible();
      expect(await extensionWorldsIn(before, first.extensionId)).toEqual([]);

      await addBiHost(options, first, HOST, 'metabase');
      const { ids } = await titleBadges(first, url);
      expect(ids).toEqual(['model.demo_shop.fct_refunds', 'model.demo_shop.orders']);
    } finally {
      await first.close();
    }

    const second = await launchWithExtension({ hostMap: map, userDataDir: profile });
    try {
      // At once, as a tab restored at start: before the background has registered the script again.
      const { page, ids } = await titleBadges(second, url);
      expect(ids).toEqual(['model.demo_shop.fct_refunds', 'model.demo_shop.orders']);
      // The doc card's verdicts came with them: orders has a failing test in the demo project.
      await expect(page.locator(`${TITLE_BADGES}[data-unique-id="${DEMO_FACTS.failingTest.model}"]`)).toHaveAttribute('data-health', 'degraded');
    } finally {
      await second.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
