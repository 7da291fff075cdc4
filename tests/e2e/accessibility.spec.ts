/**
 * axe-core on what Docent draws: its own pages whole, and on a BI page only its own elements
 * (the dashboard's markup is not ours to judge). Shadow roots are open, so axe reaches inside.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_FACTS } from '../support/demo-project';
import { connect } from '../support/options-page';
import { expect, test } from './fixtures';

const violationsOf = async (builder: AxeBuilder) =>
  (await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );

test('the options page, the popup, the badges and an open doc card pass axe', async ({ extension, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  expect(await violationsOf(new AxeBuilder({ page: options }))).toEqual([]);

  // Errors shown beside fields are part of the page too.
  await options.getByLabel('Environment ID').fill('prod');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByLabel('Environment ID')).toHaveAttribute('aria-invalid', 'true');
  expect(await violationsOf(new AxeBuilder({ page: options }))).toEqual([]);

  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl());
  await expect(popup.getByRole('status')).toContainText('Connected');
  expect(await violationsOf(new AxeBuilder({ page: popup }))).toEqual([]);

  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
  const orders = report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.failingTest.model}"]`);
  await orders.focus();
  await expect(report.getByRole('dialog', { name: /orders/ })).toContainText(DEMO_FACTS.failingTest.name);
  const card = report.locator('docent-card [role="dialog"]');
  await expect(card.locator('.docent-card-last-build')).toBeVisible();
  await expect(card).not.toHaveAttribute('data-theme', 'dark');
  await expectOursClean(report);

  // The same page in a dark theme, painted the way a BI tool's own dark mode does (its CSS, not the
  // reader's prefers-color-scheme): the card follows the page and stays clean.
  await report.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await report.addStyleTag({ content: 'html, body, body * { background-color: #0d1117 !important; color: #e6edf3 !important; border-color: #30363d !important; }' });
  await orders.press('Enter');
  await expect(card.locator('.docent-card-last-build')).toBeVisible();
  await expect(card).toHaveAttribute('data-theme', 'dark');
  expect(await card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(22, 27, 34)');
  await expectOursClean(report);
});

test("column markers and the card they open pass axe, on a light and a dark page", async ({ extension, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.powerbi.com', '/groups/me/reports/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b/ReportSection2'));
  const marker = report.locator('docent-column[data-column="gross_revenue" i]');
  const card = report.locator('docent-card [role="dialog"]');
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') {
      await report.addStyleTag({ content: 'html, body, body * { background-color: #0d1117 !important; color: #e6edf3 !important; border-color: #30363d !important; }' });
    }
    await marker.press('Enter');
    await expect(card.locator('.docent-card-column')).toContainText('Order total in USD.');
    await expect(card).toHaveAttribute('data-theme', theme);
    await expectOursClean(report, ['docent-column']);
    await report.keyboard.press('Escape');
    await expect(card).toBeHidden();
  }
});

/** axe on Docent's own elements only, and proof it looked inside the shadow roots. */
async function expectOursClean(report: Page, more: string[] = []): Promise<void> {
  let builder = new AxeBuilder({ page: report }).include('docent-badge').include('docent-card');
  for (const tag of more) builder = builder.include(tag);
  const results = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  // An include that matched nothing would pass silently.
  const checked = results.passes.flatMap((rule) => rule.nodes.map((n) => JSON.stringify(n.target)));
  for (const tag of ['docent-card', 'docent-badge', ...more]) expect(checked.some((t) => t.includes(tag)), `axe looked at ${tag}`).toBe(true);
}
