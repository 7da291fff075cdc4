/**
 * The doc card in the production build, in Chromium: its top (verdict, last successful build, last
 * run, tests, upstream freshness) is readable without scrolling on a 360 px tall viewport wherever
 * the badge sits, the card never leaves the viewport, and a description cannot run script.
 */
import type { Locator, Page } from '@playwright/test';
import { DEMO_FACTS } from '../support/demo-project';
import { connect } from '../support/options-page';
import { expect, test } from './fixtures';

const SHORT = { width: 900, height: 360 };

/** The box of `inner` lies inside the box of `outer` (1 px of rounding allowed). */
async function expectInside(inner: Locator, outer: { x: number; y: number; width: number; height: number }, what: string) {
  const box = (await inner.boundingBox())!;
  expect(box, what).not.toBeNull();
  expect(box.y, `${what}: top`).toBeGreaterThanOrEqual(outer.y - 1);
  expect(box.y + box.height, `${what}: bottom`).toBeLessThanOrEqual(outer.y + outer.height + 1);
}

async function openCardAt(report: Page, uniqueId: string, block: 'start' | 'center' | 'end'): Promise<Locator> {
  const badge = report.locator(`docent-badge[data-unique-id="${uniqueId}"]`).first();
  await badge.evaluate((el, where) => el.scrollIntoView({ block: where }), block);
  // Escape gives focus back to the badge; focus must arrive anew to open the card again.
  await badge.evaluate((el) => (el as HTMLElement).blur());
  await badge.focus();
  const card = report.locator('docent-card [role="dialog"]');
  await expect(card).toBeVisible();
  // The details (and so the top's facts) have arrived.
  await expect(card.locator('.docent-card-last-build')).toBeVisible();
  return card;
}

test('the top of an open card is in view without scrolling on a 360 px tall viewport, and the card stays inside it', async ({ extension, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  const report = await extension.context.newPage();
  await report.setViewportSize(SHORT);
  await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
  await expect(report.locator('docent-badge').first()).toBeVisible();

  for (const block of ['start', 'center', 'end'] as const) {
    // The degraded orders model: the longest top the demo has (reasons, failing tests, sources).
    const card = await openCardAt(report, DEMO_FACTS.failingTest.model, block);
    await expect(card.locator('.docent-card-test-summary')).toContainText(DEMO_FACTS.failingTest.name);
    const cardBox = (await card.boundingBox())!;
    await expectInside(card, { x: 0, y: 0, width: SHORT.width, height: SHORT.height }, `card (badge at ${block})`);
    expect(cardBox.x).toBeGreaterThanOrEqual(0);
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(SHORT.width);
    expect(await card.evaluate((el) => el.scrollTop)).toBe(0);
    for (const part of ['.docent-card-verdict', '.docent-card-reasons', '.docent-card-last-build', '.docent-card-last-run', '.docent-card-test-summary', '.docent-card-upstream']) {
      await expectInside(card.locator(part).first(), cardBox, `${part} (badge at ${block})`);
    }
    await report.keyboard.press('Escape');
    await expect(card).toBeHidden();
  }
});

test('a script in a description never runs, and its links open in a new tab without opener', async ({ extension, biServer, discovery, demoArtifacts }) => {
  const artifacts = structuredClone(demoArtifacts);
  artifacts.manifest.nodes[DEMO_FACTS.healthyModel]!.description =
    'Customers. <script>window.__docentPwned = "script"</script><img src="x" onerror="window.__docentPwned = \'img\'">' +
    '<a href="javascript:window.__docentPwned=\'href\'">click</a> [docs](https://docs.getdbt.com/docs) <svg onload="window.__docentPwned=\'svg\'"></svg>';
  discovery.setArtifacts(artifacts);
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
  const card = await openCardAt(report, DEMO_FACTS.healthyModel, 'center');
  const description = card.locator('section[aria-label="Description"]');
  await expect(description).toContainText('Customers.');
  const docs = description.getByRole('link', { name: 'docs' });
  await expect(docs).toHaveAttribute('href', 'https://docs.getdbt.com/docs');
  await expect(docs).toHaveAttribute('target', '_blank');
  await expect(docs).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(description.locator('script, img, svg, [onerror], [onload], a[href^="javascript"]')).toHaveCount(0);
  await report.waitForTimeout(300); // an onerror would have fired by now
  expect(await report.evaluate(() => (window as unknown as { __docentPwned?: string }).__docentPwned)).toBeUndefined();
});
