/**
 * Single-page navigation, in the production build: Metabase moves from one dashboard to another
 * with history.pushState (tests/fixtures/bi/metabase/router.js). The badges and the pill belong to
 * the URL: on the second dashboard (known only through a hand-written exposure) the first one's
 * tile badges are gone and the pill lists the exposure's parents; Back restores the first
 * dashboard's; going back and forth leaves exactly one pill and one set of badges, and the popup
 * always lists the dashboard on screen.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_FACTS } from '../support/demo-project';
import { saveConnection } from '../support/options-page';
import { pillIds, popupNames } from './dashboard-helpers';
import { DEMO_TOKEN, expect, test } from './fixtures';

interface Expected {
  url: string;
  badges: { uniqueId: string; tile?: string }[];
  summary: string[];
}
const weekly: Expected = JSON.parse(readFileSync(new URL('../fixtures/bi/metabase/dashboard.expected.json', import.meta.url), 'utf8'));
const close = DEMO_FACTS.exposures.finance_close!;
const nameOf = (uniqueId: string) => uniqueId.split('.').at(-1)!;
/** One badge per model per tile title. */
const weeklyTileBadges = new Set(weekly.badges.map((badge) => `${badge.tile} ${badge.uniqueId}`)).size;

async function expectWeeklyOrders(page: Page) {
  await expect(page.getByTestId('dashboard-name-heading')).toHaveText('Weekly orders');
  const pill = page.locator('[data-testid="dashboard-header"] > docent-summary');
  await expect.poll(() => pillIds(pill)).toEqual([...weekly.summary].sort());
  await expect(pill).toHaveAttribute('data-health', 'degraded');
  await expect(page.locator('[data-testid="legend-caption-title"] docent-badge')).toHaveCount(weeklyTileBadges);
  await expectNothingLeft(page, weeklyTileBadges);
}

async function expectFinanceClose(page: Page) {
  await expect(page.getByTestId('dashboard-name-heading')).toHaveText('Finance close');
  const pill = page.locator('[data-testid="dashboard-header"] > docent-summary');
  await expect.poll(() => pillIds(pill)).toEqual([...close.parents].sort());
  // stripe.disputes' freshness warned: by dbt's exposure criteria the dashboard is caution.
  await expect(pill).toHaveAttribute('data-health', 'caution');
  await expectNothingLeft(page, 0);
}

/** Exactly one pill, these many badges, no doc card host left over, nothing detached still drawn. */
async function expectNothingLeft(page: Page, badges: number) {
  await expect(page.locator('docent-summary')).toHaveCount(1);
  await expect(page.locator('docent-badge')).toHaveCount(badges);
  await expect(page.locator('docent-card')).toHaveCount(0);
}

test('badges and the pill follow pushState to another dashboard and back, and nothing leaks', async ({ extension }) => {
  const options = await extension.context.newPage();
  await saveConnection(options, extension.optionsUrl, { token: DEMO_TOKEN });
  await expect(options.getByRole('status')).toContainText('Connected', { timeout: 30_000 });
  await options.close();

  const page = await extension.context.newPage();
  await page.goto(weekly.url);
  await expectWeeklyOrders(page);
  expect(await popupNames(extension, page.url())).toEqual(weekly.summary.map(nameOf).sort());

  await page.addScriptTag({ url: '/metabase/router.js' });
  await page.evaluate(() => (window as unknown as { fixtureRouter: { ready: Promise<void> } }).fixtureRouter.ready);

  // A doc card open from the pill when the app navigates goes with the dashboard it was for.
  const pill = page.locator('[data-testid="dashboard-header"] > docent-summary');
  await pill.getByRole('button', { name: /dbt models behind this dashboard/ }).click();
  await pill.getByRole('button', { name: 'fct_refunds: degraded' }).click();
  await expect(page.getByRole('dialog', { name: /fct_refunds/ })).toBeVisible();
  await expect(page.locator('docent-card')).toHaveCount(1);

  await page.getByRole('navigation', { name: 'Bookmarks' }).getByRole('link', { name: 'Finance close' }).click();
  await expect(page).toHaveURL('https://acme.metabaseapp.com/dashboard/12-finance-close');
  await expectFinanceClose(page);
  expect(await popupNames(extension, page.url())).toEqual(close.parents.map(nameOf).sort());

  await page.goBack();
  await expect(page).toHaveURL(weekly.url);
  await expectWeeklyOrders(page);
  expect(await popupNames(extension, page.url())).toEqual(weekly.summary.map(nameOf).sort());

  // Back and forth again: still one pill and one set of badges, each time.
  for (let round = 0; round < 3; round += 1) {
    await page.goForward();
    await expectFinanceClose(page);
    await page.goBack();
    await expectWeeklyOrders(page);
  }
  expect(await popupNames(extension, page.url())).toEqual(weekly.summary.map(nameOf).sort());
});
