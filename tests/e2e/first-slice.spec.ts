/**
 * Docent's first slice as a new user meets it, in the production build: configure through the
 * options page → badges on a Mode report → doc card → popup; and a wrong token's error.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { DEMO_FACTS } from '../support/demo-project';
import type { LaunchedExtension } from '../support/browser';
import { saveConnection } from '../support/options-page';
import { DEMO_TOKEN, expect, test } from './fixtures';

declare const chrome: typeof Browser;

interface Expected {
  badges: { key: string; uniqueId: string; health?: string }[];
}
const expectedFor = (page: string): Expected =>
  JSON.parse(readFileSync(new URL(`../fixtures/bi/mode/${page}.expected.json`, import.meta.url), 'utf8'));


async function configure(extension: LaunchedExtension, token: string): Promise<Page> {
  const page = await extension.context.newPage();
  await saveConnection(page, extension.optionsUrl, { token });
  return page;
}

/** The tab id Chromium gave a page, asked of the service worker. */
async function tabIdOf(extension: LaunchedExtension, url: string): Promise<number> {
  const id = await extension.serviceWorker.evaluate(
    async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id,
    url,
  );
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

test('configure in the options page, then badges, doc card and popup on a Mode report', async ({ extension, biServer }) => {
  const options = await configure(extension, DEMO_TOKEN);
  await expect(options.getByRole('status')).toContainText(`Connected — ${DEMO_FACTS.modelCount} models`, { timeout: 30_000 });
  await expect(options.getByRole('status')).toContainText(`Also ${DEMO_FACTS.sourceCount} sources, ${DEMO_FACTS.seedCount} seeds and 1 snapshot.`);

  const report = await extension.context.newPage();
  const url = biServer.url('app.mode.com', '/mode/report.html');
  await report.goto(url);
  const expected = expectedFor('report');
  const badges = report.locator('docent-badge');
  await expect(badges).toHaveCount(expected.badges.length);

  const found = await badges.evaluateAll((els) =>
    els.map((el) => ({ uniqueId: el.getAttribute('data-unique-id'), health: el.getAttribute('data-health') })),
  );
  expect(found.map((b) => b.uniqueId).sort()).toEqual(expected.badges.map((b) => b.uniqueId).sort());
  for (const badge of expected.badges.filter((b) => b.health)) {
    expect(found.find((b) => b.uniqueId === badge.uniqueId)?.health, badge.key).toBe(badge.health);
  }
  // The upper-case and the quoted forms are among them, placed right after the name they follow.
  const customers = report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.healthyModel}"]`);
  await expect(customers).toHaveAttribute('aria-label', /customers: healthy/);
  // No badge in the report's prose, where "customers" and "orders" are bare words.
  await expect(report.locator('.report-description docent-badge')).toHaveCount(0);

  // Keyboard: focus the orders badge and read the doc card.
  const orders = report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.failingTest.model}"]`);
  await orders.focus();
  const card = report.getByRole('dialog', { name: /orders/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText(/degraded/i);
  await expect(card).toContainText(DEMO_FACTS.failingTest.name);
  await expect(card).toContainText(/last successful build/i);
  await expect(card).toContainText(/last run/i);
  await expect(card).toContainText(/1 failed/);
  await expect(card).toContainText(/upstream freshness/i);
  // The description's Markdown, rendered in the background and sanitised on the page.
  await expect(card.locator('strong', { hasText: 'Order overview' })).toBeVisible();
  await expect(card.locator('table, dl, ul').first()).toBeVisible();
  await report.keyboard.press('Escape');
  await expect(card).toBeHidden();

  // The popup for this tab: status, data age, the tab's models with their health.
  const tabId = await tabIdOf(extension, url);
  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl(tabId));
  await expect(popup.getByRole('status')).toContainText('Connected');
  await expect(popup.getByRole('status')).toContainText(/synced/i);
  for (const name of ['orders', 'customers', 'fct_refunds', 'order_items']) {
    await expect(popup.getByRole('listitem').filter({ hasText: name }).first()).toBeVisible();
  }
  await expect(popup.getByRole('button', { name: 'Refresh now' })).toBeEnabled();
});

test('a decoy page full of dotted names that are not models gets no badge', async ({ extension, biServer }) => {
  const options = await configure(extension, DEMO_TOKEN);
  await expect(options.getByRole('status')).toContainText('Connected', { timeout: 30_000 });
  const page = await extension.context.newPage();
  await page.goto(biServer.url('app.mode.com', '/mode/decoy.html'));
  expect(expectedFor('decoy').badges).toEqual([]);
  // Wait for state, not time: a name added after load is badged only once the first scan is done,
  // so when its badge appears, every decoy on the page has been looked at.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Late addition: analytics.marts.customers';
    document.body.append(p);
  });
  await expect(page.locator('docent-badge')).toHaveCount(1);
  await expect(page.locator('docent-badge')).toHaveAttribute('data-unique-id', DEMO_FACTS.healthyModel);
});

test('a wrong token shows what to fix in the options page', async ({ extension }) => {
  const options = await configure(extension, 'dbtc_not_the_right_token');
  const status = options.getByRole('status');
  await expect(status).toContainText('rejected the service token', { timeout: 30_000 });
  await expect(status).not.toContainText(/connected/i);
});

test('a report opened before Docent was set up gets its badges once setup is saved, without a reload', async ({ extension, biServer }) => {
  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
  const options = await configure(extension, DEMO_TOKEN);
  await expect(options.getByRole('status')).toContainText('Connected', { timeout: 30_000 });
  await expect(report.locator('docent-badge')).toHaveCount(expectedFor('report').badges.length);
});
