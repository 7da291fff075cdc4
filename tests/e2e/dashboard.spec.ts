/**
 * A dashboard whose tables only its tool's API knows (Metabase: /api/dashboard/:id → cards → SQL
 * or table ids), in the production build: badges in the cards' titles, the summary pill in the
 * header with the worst verdict, its list from the keyboard into a doc card, and the popup's same list.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'wxt/browser';
import { DEMO_FACTS } from '../support/demo-project';
import { saveConnection } from '../support/options-page';
import { DEMO_TOKEN, expect, test } from './fixtures';

declare const chrome: typeof Browser;

interface Expected {
  url: string;
  badges: { key: string; uniqueId: string; tile?: string }[];
  summary: string[];
}
const expected: Expected = JSON.parse(readFileSync(new URL('../fixtures/bi/metabase/dashboard.expected.json', import.meta.url), 'utf8'));

test('the pill lists the models behind an API-only dashboard with the worst verdict', async ({ extension }) => {
  const options = await extension.context.newPage();
  await saveConnection(options, extension.optionsUrl, { token: DEMO_TOKEN });
  await expect(options.getByRole('status')).toContainText('Connected', { timeout: 30_000 });

  const page = await extension.context.newPage();
  await page.goto(expected.url);
  const pill = page.locator('[data-testid="dashboard-header"] > docent-summary');
  await expect(pill).toHaveAttribute('data-unique-ids', /\S/);
  const ids = (await pill.getAttribute('data-unique-ids'))!.split(' ').sort();
  expect(ids).toEqual([...expected.summary].sort());
  // orders has a failing test and fct_refunds failed to build: the worst is degraded.
  expect(expected.summary).toContain(DEMO_FACTS.erroredModel.uniqueId);
  await expect(pill).toHaveAttribute('data-health', 'degraded');

  // Each card's title carries a badge per model it reads; nothing floats on <body>.
  for (const tile of new Set(expected.badges.map((badge) => badge.tile))) {
    const inTitle = page.locator(`[data-dashcard-key="${tile}"] [data-testid="legend-caption-title"] docent-badge`);
    const want = [...new Set(expected.badges.filter((badge) => badge.tile === tile).map((badge) => badge.uniqueId))].sort();
    await expect(inTitle).toHaveCount(want.length);
    expect((await inTitle.evaluateAll((els) => els.map((el) => el.getAttribute('data-unique-id')))).sort()).toEqual(want);
  }
  await expect(page.locator('body > docent-badge')).toHaveCount(0);
  await expect(page.locator(`[data-dashcard-key="102"] docent-badge[data-unique-id="${DEMO_FACTS.erroredModel.uniqueId}"]`)).toHaveAttribute(
    'aria-label',
    'fct_refunds: degraded',
  );

  // Keyboard: the pill opens its list, an entry opens that model's doc card.
  const toggle = pill.getByRole('button', { name: /dbt models behind this dashboard: degraded/ });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const entry = pill.getByRole('button', { name: 'fct_refunds: degraded' });
  await expect(entry).toBeVisible();
  await entry.focus();
  await page.keyboard.press('Enter');
  const card = page.getByRole('dialog', { name: /fct_refunds/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText(/degraded/i);
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();

  // The popup lists the same models for this tab.
  const tabId = await extension.serviceWorker.evaluate(
    async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id,
    expected.url,
  );
  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl(tabId!));
  for (const id of expected.summary) {
    const name = id.split('.').at(-1)!;
    await expect(popup.getByRole('listitem').filter({ hasText: name }).first()).toBeVisible();
  }
  await popup.close();
});
