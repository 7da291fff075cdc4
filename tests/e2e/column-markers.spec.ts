/**
 * Column markers in the production build, in Chromium, on Power BI's Data pane
 * (tests/fixtures/bi/powerbi/report.html): each documented field of a matched model's table gets a
 * marker that Tab reaches after the table's badge, that opens the card at that column's
 * description, and that Escape closes with focus back on it.
 */
import { connect } from '../support/options-page';
import { expect, test } from './fixtures';

const REPORT = '/groups/me/reports/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b/ReportSection2';

test("a field's marker opens its column's description by keyboard, and Escape closes it", async ({ extension, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.powerbi.com', REPORT));
  const markers = report.locator('docent-column');
  await expect(markers).toHaveCount(2);
  await expect(markers.nth(0)).toHaveAttribute('aria-label', /^Column gross_revenue of fct_revenue/i);

  // Tab from the table's badge reaches its first field's marker.
  const badge = report.locator('docent-badge[data-unique-id="model.demo_shop.fct_revenue"]');
  await badge.focus();
  await report.keyboard.press('Escape');
  await report.keyboard.press('Tab');
  const net = markers.nth(1);
  await expect(markers.nth(0)).toBeFocused();
  await report.keyboard.press('Tab');
  await expect(net).toBeFocused();

  await report.keyboard.press('Enter');
  const card = report.getByRole('dialog', { name: /^Column net_revenue of fct_revenue — dbt model$/i });
  await expect(card.locator('.docent-card-column')).toContainText('After payment fees, in USD.');
  await expect(net).toHaveAttribute('aria-expanded', 'true');
  await report.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(net).toBeFocused();
  await expect(net).toHaveAttribute('aria-expanded', 'false');

  // The markers take no room from the pane's lines: each field line is as tall as the table's name line.
  const heights = await report.locator('[data-testid="data-pane"] .fieldName').evaluateAll((lines) => lines.map((l) => l.getBoundingClientRect().height));
  const nameHeight = await report.locator('[data-testid="data-pane"] .tableName').first().evaluate((l) => l.getBoundingClientRect().height);
  for (const height of heights) expect(height).toBeLessThanOrEqual(nameHeight + 1);
});
