/**
 * Frames and the page's own shadow DOM, in the production build: names in a same-host frame, in
 * a srcdoc frame the app writes, and in a web component's open shadow root get badges, and a
 * badge in each opens its doc card. The background injects the content script after each frame's
 * load (lib/background/after-load.ts), into the srcdoc frames a frame holds, and into one the page
 * writes after its load.
 */
import { readFileSync } from 'node:fs';
import { DEMO_FACTS } from '../support/demo-project';
import { connect } from '../support/options-page';
import { expect, test } from './fixtures';

test('badges in a same-host frame, a srcdoc frame and an open shadow root, and each opens its card', async ({ extension, biServer }) => {
  // No content script the manifest injects (the browser would hold the load event for it).
  const manifest = JSON.parse(readFileSync('.output/chrome-mv3/manifest.json', 'utf8')) as { content_scripts?: unknown[]; permissions: string[] };
  expect(manifest.content_scripts ?? []).toEqual([]);
  expect(manifest.permissions).toContain('webNavigation');

  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  const page = await extension.context.newPage();
  await page.goto(biServer.url('app.mode.com', '/embedded/report.html'));

  // The web component's open shadow root (Playwright's CSS locators pierce open roots).
  const inShadow = page.locator('table-source-card docent-badge');
  await expect(inShadow).toHaveCount(1, { timeout: 30_000 });
  await expect(inShadow).toHaveAttribute('data-unique-id', DEMO_FACTS.failingTest.model);

  const embedded = page.frameLocator('#embedded');
  await expect(embedded.locator('docent-badge')).toHaveCount(1, { timeout: 30_000 });
  await expect(embedded.locator('docent-badge')).toHaveAttribute('data-unique-id', DEMO_FACTS.healthyModel);

  const written = page.frameLocator('#written');
  await expect(written.locator('docent-badge')).toHaveCount(1, { timeout: 30_000 });
  await expect(written.locator('docent-badge')).toHaveAttribute('data-unique-id', DEMO_FACTS.erroredModel.uniqueId);

  // Each badge opens its card, in the document it sits in.
  await inShadow.hover();
  await expect(page.locator('docent-card [role="dialog"]')).toContainText('orders', { timeout: 15_000 });
  await page.mouse.move(0, 0);
  await expect(page.locator('docent-card [role="dialog"]')).toBeHidden({ timeout: 10_000 });
  await embedded.locator('docent-badge').hover();
  await expect(embedded.locator('docent-card [role="dialog"]')).toContainText('customers', { timeout: 15_000 });
  await written.locator('docent-badge').focus();
  await expect(written.locator('docent-card [role="dialog"]')).toContainText('fct_refunds', { timeout: 15_000 });

  // One summary pill at most, from the top frame: the frames only badge.
  await expect(embedded.locator('docent-summary')).toHaveCount(0);
  await expect(written.locator('docent-summary')).toHaveCount(0);

  // A srcdoc frame the page writes after its load (no URL of its own for the background to see).
  // The frames that run Docent already keep their run: the badges standing are the same elements.
  const standing = [await written.locator('docent-badge').elementHandle(), await page.locator('table-source-card docent-badge').elementHandle()];
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.id = 'later';
    frame.title = 'Later notes';
    frame.srcdoc = "<!doctype html><p style='font: 14px sans-serif'>Refunds again: analytics.marts.fct_refunds.</p>";
    document.body.append(frame);
  });
  const later = page.frameLocator('#later');
  await expect(later.locator('docent-badge')).toHaveCount(1, { timeout: 30_000 });
  await expect(later.locator('docent-badge')).toHaveAttribute('data-unique-id', DEMO_FACTS.erroredModel.uniqueId);
  // Each frame runs the content script once, however many frames loaded after it.
  await expect(written.locator('docent-badge')).toHaveCount(1);
  await expect(embedded.locator('docent-badge')).toHaveCount(1);
  await page.waitForTimeout(500);
  for (const badge of standing) expect(await badge!.evaluate((element) => element.isConnected)).toBe(true);
});
