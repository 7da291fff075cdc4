/**
 * The doc card for a keyboard user, in the production build on the Mode report: Tab reaches a
 * badge (its card opens), Enter takes focus into the card, Tab walks the card to "Open in dbt
 * Explorer", Tab past it leaves the card for what follows the badge, Shift+Tab comes back, Escape
 * and the close button return focus to the badge. And a hover-opened card never takes the page's
 * own Escape.
 */
import type { Locator, Page } from '@playwright/test';
import type { LaunchedExtension } from '../support/browser';
import { DEMO_FACTS } from '../support/demo-project';
import { connect } from '../support/options-page';
import { expect, test } from './fixtures';

/** Any account id: with one, the card links to dbt Explorer (the mock answers every account). */
const ACCOUNT_ID = '70403103900001';

async function configure(extension: LaunchedExtension): Promise<void> {
  const page = await extension.context.newPage();
  await connect(page, extension.optionsUrl, { accountId: ACCOUNT_ID });
  await page.close();
}

async function openReport(extension: LaunchedExtension, url: string): Promise<Page> {
  const report = await extension.context.newPage();
  await report.goto(url);
  await expect(report.locator('docent-badge').first()).toBeVisible();
  return report;
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { shift = false, max = 12 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el)) return;
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

test('a keyboard user reaches the card, walks it to dbt Explorer, leaves it and comes back', async ({ extension, biServer }) => {
  await configure(extension);
  const report = await openReport(extension, biServer.url('app.mode.com', '/mode/report.html'));
  const customers = report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.healthyModel}"]`);
  const orderItems = report.locator('docent-badge[data-unique-id="model.demo_shop.order_items"]');
  const card = report.getByRole('dialog', { name: /^customers/ });

  // From the query's Run button, Tab alone reaches the badge; focus opens its card, focus stays.
  await report.getByRole('button', { name: 'Run' }).focus();
  await tabTo(report, customers);
  await expect(card).toBeVisible();
  await expect(customers).toBeFocused();

  // Enter takes focus into the card (the card is at the end of the page, far from the badge).
  await report.keyboard.press('Enter');
  const close = card.getByRole('button', { name: 'Close' });
  await expect(close).toBeFocused();
  const explorer = card.getByRole('link', { name: 'Open in dbt Explorer' });
  await expect(explorer).toBeVisible();
  await tabTo(report, explorer);
  await expect(explorer).toHaveAttribute('href', new RegExp(`/explore/${ACCOUNT_ID}/.*${DEMO_FACTS.healthyModel}`));
  await expect(card).toBeVisible();

  // Tab past the card's last control: the card closes and focus goes on to what follows the badge.
  await report.keyboard.press('Tab');
  await expect(card).toBeHidden();
  await expect(orderItems).toBeFocused();
  await report.keyboard.press('Shift+Tab');
  await expect(customers).toBeFocused();
  await expect(card).toBeVisible();

  // Escape inside the card closes it and gives focus back to the badge, without reopening it.
  await report.keyboard.press('ArrowDown');
  await expect(close).toBeFocused();
  await report.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(customers).toBeFocused();

  // The close button does the same.
  await report.keyboard.press(' ');
  await expect(close).toBeFocused();
  await report.keyboard.press('Enter');
  await expect(card).toBeHidden();
  await expect(customers).toBeFocused();
});

test('a hover-opened card closes on Escape and leaves the Escape to the page', async ({ extension, biServer }) => {
  await configure(extension);
  const report = await openReport(extension, biServer.url('app.mode.com', '/mode/report.html'));
  await report.evaluate(() => {
    (window as unknown as { escapes: number }).escapes = 0;
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') (window as unknown as { escapes: number }).escapes += 1;
    });
  });
  const run = report.getByRole('button', { name: 'Run' });
  await run.focus();
  await report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.healthyModel}"]`).hover();
  const card = report.getByRole('dialog', { name: /^customers/ });
  await expect(card).toBeVisible();
  await report.keyboard.press('Escape');
  await expect(card).toBeHidden();
  expect(await report.evaluate(() => (window as unknown as { escapes: number }).escapes)).toBe(1);
  await expect(run).toBeFocused();
});
