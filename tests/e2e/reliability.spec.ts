/**
 * Faults end to end in the production build: the mock Discovery API misbehaves behind the real dbt
 * hostname, and a person sees it in the options page and the popup. The rest of the fault matrix
 * runs at unit level (tests/unit/fault-matrix.test.ts); these are the parts only a browser shows:
 * the status regions, the retry alarm, a doc card opened during a fault, and a service worker
 * stopped mid-sync.
 */
import { connect } from '../support/options-page';
import { expect, test } from './fixtures';

test.describe.configure({ timeout: 120_000 });

test('a 401 is named in the options page and the popup, and the first Refresh now after the fix recovers', async ({ extension, discovery }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl());

  discovery.setToken('dbtc_rotated_by_an_admin'); // the token Docent holds no longer works
  await popup.getByRole('button', { name: 'Refresh now' }).click();
  for (const page of [popup, options]) {
    const status = page.getByRole('status').first();
    await expect(status).toContainText('rejected the service token', { timeout: 30_000 });
    await expect(status).toContainText('Showing data from');
    await expect(status).not.toContainText(/\bconnected\b/i);
  }

  discovery.setToken('dbtc_demo_token');
  await popup.getByRole('button', { name: 'Refresh now' }).click();
  await expect(popup.getByRole('status').first()).toContainText('Connected', { timeout: 30_000 });
  await expect(options.getByRole('status')).toContainText('Connected');
});

test('a 503 heals without a click once dbt is back, while the badges stay', async ({ extension, discovery, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
  await expect(report.locator('docent-badge').first()).toBeVisible({ timeout: 30_000 });
  const badges = await report.locator('docent-badge').count();

  discovery.failNext({ status: 503, times: 1_000 });
  const popup = await extension.context.newPage();
  await popup.goto(extension.popupUrl());
  await popup.getByRole('button', { name: 'Refresh now' }).click();
  await expect(options.getByRole('status')).toContainText("dbt's Discovery API is failing (HTTP 503)", { timeout: 30_000 });
  await expect(report.locator('docent-badge')).toHaveCount(badges);

  // A card opened during the fault: dbt cannot be asked for its particulars either, so it shows
  // what the last good index says, with its age, and says what it could not load.
  await report.bringToFront();
  await report.locator('docent-badge').first().hover();
  const card = report.locator('docent-card [role="dialog"]');
  await expect(card).toBeVisible();
  const asOf = card.locator('.docent-card-asof');
  await expect(asOf).toContainText(/^As of (now|\d+ \w+ ago) \(.+\): Docent could not refresh since\./, { timeout: 30_000 });
  await expect(asOf).toContainText("The description and columns could not be loaded: dbt's Discovery API is failing (HTTP 503)");
  await expect(card.locator('.docent-card-verdict')).toBeVisible();
  console.log(`card during the 503: ${await asOf.textContent()}`);
  await report.keyboard.press('Escape');

  // dbt comes back; nobody clicks anything. The retry alarm fires within about a minute here.
  discovery.clearFaults();
  const failedAt = Date.now();
  await expect(options.getByRole('status')).toContainText('Connected', { timeout: 100_000 });
  console.log(`503 healed without a click ${((Date.now() - failedAt) / 1000).toFixed(0)} s after dbt came back`);
  await expect(report.locator('docent-badge')).toHaveCount(badges);
});
