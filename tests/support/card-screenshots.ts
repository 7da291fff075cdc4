/**
 * `npm run screenshots:cards` (it builds first): the doc card as the production build draws
 * it in Chromium, on the demo shop's Mode report, for docs/: a degraded, a caution and a healthy
 * card, the same page in a dark theme, and the card on a 360 px tall viewport. Run it under the
 * Chromium lock where other Chromium runs share the machine.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { BI_HOST_PATTERNS, DISCOVERY_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { startBiServer } from './bi-server';
import { launchWithExtension, REPO_ROOT } from './browser';
import { DEMO_FACTS, generateDemoProject } from './demo-project';
import { startMockDiscovery } from './mock-discovery';
import { connect, DEMO_ENVIRONMENT_ID, DEMO_TOKEN } from './options-page';
import { loadTestTls } from './tls';

const OUT = path.join(REPO_ROOT, 'docs');
const hostOf = (pattern: string) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');
/** A BI tool's own dark theme, painted by its CSS (not the reader's prefers-color-scheme). */
const DARK_PAGE_CSS = 'html, body, body * { background-color: #0d1117 !important; color: #e6edf3 !important; border-color: #30363d !important; }';

async function openCard(page: Page, uniqueId: string): Promise<void> {
  const badge = page.locator(`docent-badge[data-unique-id="${uniqueId}"]`).first();
  await badge.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  // Escape gives focus back to the badge; focus must arrive anew to open the card again.
  await badge.evaluate((el) => (el as HTMLElement).blur());
  await badge.focus();
  await page.locator('docent-card .docent-card-last-build').waitFor();
  await page.waitForTimeout(200);
}

async function closeCard(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('docent-card [role="dialog"]').waitFor({ state: 'hidden' });
}

async function main(): Promise<void> {
  const tls = await loadTestTls();
  const discovery = await startMockDiscovery({ artifacts: generateDemoProject({ now: new Date() }), token: DEMO_TOKEN, environmentId: DEMO_ENVIRONMENT_ID, tls });
  const bi = await startBiServer({ tls });
  const hostMap: Record<string, number> = {};
  for (const pattern of BI_HOST_PATTERNS) hostMap[hostOf(pattern)] = bi.port;
  for (const pattern of DISCOVERY_HOST_PATTERNS) hostMap[hostOf(pattern)] = discovery.port;
  const extension = await launchWithExtension({ hostMap, headless: true, handleSignals: false });
  try {
    await mkdir(OUT, { recursive: true });
    const options = await extension.context.newPage();
    await connect(options, extension.optionsUrl, { accountId: '70403103900001' });
    const report = await extension.context.newPage();
    await report.setViewportSize({ width: 1100, height: 640 });
    await report.goto(bi.url('app.mode.com', '/mode/report.html'));
    await report.locator('docent-badge').first().waitFor();
    // The Mode report reads no model whose verdict is only a caution; a sentence naming one in the
    // report's description (as a description might) gives the caution card a badge to open.
    await report.evaluate(() => {
      const description = document.querySelector('.report-description') ?? document.body;
      description.append(' Product names come from analytics.marts.products.');
    });
    await report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.warnedTest.model}"]`).first().waitFor();
    const card = report.locator('docent-card [role="dialog"]');
    const shots: [string, string][] = [
      ['card-degraded.png', DEMO_FACTS.failingTest.model],
      ['card-caution.png', DEMO_FACTS.warnedTest.model],
      ['card-healthy.png', DEMO_FACTS.healthyModel],
    ];
    for (const [file, uniqueId] of shots) {
      await openCard(report, uniqueId);
      await card.screenshot({ path: path.join(OUT, file) });
      await closeCard(report);
    }
    // The card on the shortest viewport it is made for: its top still reads without scrolling.
    await report.setViewportSize({ width: 900, height: 360 });
    await openCard(report, DEMO_FACTS.failingTest.model);
    await report.screenshot({ path: path.join(OUT, 'card-360px.png') });
    await closeCard(report);
    await report.setViewportSize({ width: 1100, height: 640 });
    await report.addStyleTag({ content: DARK_PAGE_CSS });
    await openCard(report, DEMO_FACTS.failingTest.model);
    await report.screenshot({ path: path.join(OUT, 'dark-page.png') });
    console.log(`Wrote ${[...shots.map(([f]) => f), 'card-360px.png', 'dark-page.png'].map((f) => `docs/${f}`).join(', ')}`);
  } finally {
    await extension.close();
    await Promise.all([bi.close(), discovery.close()]);
  }
}

await main();
