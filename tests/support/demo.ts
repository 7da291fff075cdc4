/**
 * `npm run demo` (through demo.mjs): Docent's production build in Chromium against the demo shop.
 * The mock Discovery API serves the generated demo project behind metadata.cloud.getdbt.com, the
 * BI fixture server serves the Mode pages behind app.mode.com, and the options page is filled in
 * through its UI, as a person would. `--source artifacts`: the demo shop's dbt Core artifacts are
 * published over HTTPS on docs.acme.example instead, and the options page is set to read them.
 * Headless (no DISPLAY): writes screenshots to
 * .demo/screenshots/ and exits. Headed: leaves the browser open until Ctrl-C.
 * Every step gives up after 30 s with a message saying what did not happen.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { BI_HOST_PATTERNS, DISCOVERY_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { startBiServer } from './bi-server';
import { launchWithExtension, REPO_ROOT, type LaunchedExtension } from './browser';
import { generateDemoProject } from './demo-project';
import { startMockDiscovery } from './mock-discovery';
import { loadTestTls } from './tls';
import { DEMO_ACCESS_URL, DEMO_ARTIFACTS_HOST, DEMO_ARTIFACTS_URL, DEMO_ENVIRONMENT_ID, DEMO_TOKEN, preGrantHost } from './options-page';
import { publishedFiles, startArtifactsServer, type ArtifactsServer } from './artifacts-server';
import type { Browser } from 'wxt/browser';

/** What `chrome` is inside the service worker the popup's tab lookup runs in. */
declare const chrome: typeof Browser;


const STEP_TIMEOUT_MS = 30_000;
const SCREENSHOT_DIR = path.join(REPO_ROOT, '.demo/screenshots');

interface ExpectedBadge {
  key: string;
  uniqueId: string;
  health?: string;
}

class DemoStepFailed extends Error {}

/** Runs one visible step; a step that does not finish in time fails with `hint`, never hangs. */
async function step<T>(what: string, hint: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  process.stdout.write(`• ${what} … `);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS + 2_000);
  });
  try {
    const result = await Promise.race([run(), timeout]);
    console.log(`done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    console.log('FAILED');
    const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
    // Playwright's own waits end in a TimeoutError; anything else failed outright.
    const timedOut = Date.now() - started >= STEP_TIMEOUT_MS - 500;
    const verdict = timedOut ? `this did not happen within ${STEP_TIMEOUT_MS / 1000} s` : 'this failed';
    throw new DemoStepFailed(`${what}: ${verdict}.\n  ${hint}\n  (${cause})`);
  } finally {
    clearTimeout(timer);
  }
}

const hostOfPattern = (pattern: string) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');

async function configureThroughOptionsPage(page: Page, optionsUrl: string, artifacts: boolean): Promise<void> {
  await step('Open the options page', 'Is options.html in the build?', () => page.goto(optionsUrl));
  if (artifacts) {
    await step(
      'Choose Source → dbt Core artifacts and fill in the Artifacts URL',
      'The options page must have a "Source" select with "dbt Core artifacts" and a field labelled "Artifacts URL".',
      async () => {
        await page.getByLabel('Source', { exact: true }).selectOption({ label: 'dbt Core artifacts' });
        await page.getByLabel('Artifacts URL', { exact: true }).fill(DEMO_ARTIFACTS_URL);
      },
    );
  } else {
    await step(
      'Fill in Access URL, Service token and Environment ID',
      'The options page must have fields labelled "Access URL", "Service token" and "Environment ID".',
      async () => {
        await page.getByLabel('Access URL', { exact: true }).fill(DEMO_ACCESS_URL);
        await page.getByLabel('Service token', { exact: true }).fill(DEMO_TOKEN);
        await page.getByLabel('Environment ID', { exact: true }).fill(DEMO_ENVIRONMENT_ID);
      },
    );
  }
  await step('Press Save', 'The options page must have a button named "Save".', () =>
    page.getByRole('button', { name: 'Save', exact: true }).click(),
  );
  await step(
    'Wait for the status region to say Connected',
    'The role="status" region never said "Connected" (see its text below); the background could not sync (from the mock Discovery API, or the published artifacts with --source artifacts).',
    async () => {
      try {
        await page.waitForFunction(
          () => [...document.querySelectorAll('[role="status"]')].some((el) => /(^|\W)Connected\b/.test(el.textContent ?? '')),
          undefined,
          { timeout: STEP_TIMEOUT_MS },
        );
      } catch {
        const said = await page.locator('[role="status"]').allTextContents().catch(() => []);
        throw new Error(`status region says: ${said.length ? said.map((t) => JSON.stringify(t.trim())).join(', ') : '(no role="status" element)'}`);
      }
    },
  );
}

async function openBadgedReport(page: Page, url: string, expected: ExpectedBadge[]): Promise<string[]> {
  await step(`Open ${url}`, 'The BI fixture server or the app.mode.com mapping is not answering.', () => page.goto(url));
  await step(
    'Wait for the first <docent-badge>',
    'No badge appeared: is the content script running on app.mode.com, and does the background resolve names?',
    () => page.locator('docent-badge').first().waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS }),
  );
  // The rest should follow within moments; a missing one is reported, not fatal.
  const missing: string[] = [];
  for (const badge of expected) {
    const found = await page
      .locator(`docent-badge[data-unique-id="${badge.uniqueId}"]`)
      .first()
      .waitFor({ state: 'attached', timeout: 5_000 })
      .then(() => true, () => false);
    if (!found) missing.push(`${badge.key} (${badge.uniqueId})`);
  }
  return missing;
}

async function openDocCard(page: Page, uniqueId: string, name: string): Promise<void> {
  await step(
    `Focus the ${name} badge and wait for its doc card`,
    'Focusing a badge must open <docent-card> with the model\'s name in its shadow root.',
    async () => {
      const badge = page.locator(`docent-badge[data-unique-id="${uniqueId}"]`).first();
      await badge.scrollIntoViewIfNeeded();
      await badge.focus();
      await page.waitForFunction(
        (modelName) => {
          const host = document.querySelector<HTMLElement>('docent-card');
          return !!host && !host.hidden && (host.shadowRoot?.textContent ?? '').includes(modelName);
        },
        name,
        { timeout: STEP_TIMEOUT_MS },
      );
      // The card first draws the summary it has, then the details it fetched: let it settle.
      let previous = '';
      for (let i = 0; i < 20; i++) {
        const text = await page.evaluate(() => document.querySelector('docent-card')?.shadowRoot?.textContent ?? '');
        if (text === previous) break;
        previous = text;
        await page.waitForTimeout(250);
      }
    },
  );
}

/** `--source artifacts` (or `--source=artifacts`); anything else is dbt Cloud. */
function chosenSource(args: string[]): 'cloud' | 'artifacts' {
  const at = args.findIndex((a) => a === '--source' || a.startsWith('--source='));
  const value = at < 0 ? 'cloud' : args[at]!.includes('=') ? args[at]!.split('=')[1] : args[at + 1];
  if (value !== 'cloud' && value !== 'artifacts') throw new DemoStepFailed(`--source must be cloud or artifacts, not ${JSON.stringify(value)}.`);
  return value;
}

async function main(): Promise<number> {
  const headless = !process.env.DISPLAY;
  const useArtifacts = chosenSource(process.argv.slice(2)) === 'artifacts';
  const tls = await loadTestTls();
  const project = generateDemoProject({ now: new Date() });
  const discovery = await startMockDiscovery({ artifacts: project, token: DEMO_TOKEN, environmentId: DEMO_ENVIRONMENT_ID, tls });
  const published: ArtifactsServer | null = useArtifacts ? await startArtifactsServer({ files: publishedFiles(project), tls }) : null;
  const bi = await startBiServer({ tls });
  const hostMap: Record<string, number> = {};
  for (const pattern of BI_HOST_PATTERNS) hostMap[hostOfPattern(pattern)] = bi.port;
  for (const pattern of DISCOVERY_HOST_PATTERNS) hostMap[hostOfPattern(pattern)] = discovery.port;
  if (published) hostMap[DEMO_ARTIFACTS_HOST] = published.port;

  let extension: LaunchedExtension | undefined;
  const shutDown = async () => {
    await extension?.close();
    await Promise.all([bi.close(), discovery.close(), published?.close()]);
  };

  try {
    console.log(
      published
        ? `dbt Core artifacts on 127.0.0.1:${published.port} (as ${DEMO_ARTIFACTS_URL}), BI pages on 127.0.0.1:${bi.port} (as app.mode.com)`
        : `Mock Discovery API on 127.0.0.1:${discovery.port} (as metadata.cloud.getdbt.com), BI pages on 127.0.0.1:${bi.port} (as app.mode.com)`,
    );
    extension = await step(`Start Chromium with Docent (${headless ? 'headless' : 'headed'})`, 'Chromium did not start or refused the extension.', () =>
      launchWithExtension({ hostMap, headless, handleSignals: false }),
    );
    extension.context.setDefaultTimeout(STEP_TIMEOUT_MS);

    const options = await extension.context.newPage();
    if (published) {
      const { extensionId } = extension;
      // Headless, the browser's permission prompt never resolves; granted here ahead of Save.
      await step(`Grant Docent access to ${DEMO_ARTIFACTS_HOST}`, 'chrome://extensions did not accept the host permission.', () =>
        preGrantHost(options, extensionId, DEMO_ARTIFACTS_HOST),
      );
    }
    await configureThroughOptionsPage(options, extension.optionsUrl, Boolean(published));

    const expected = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'tests/fixtures/bi/mode/report.expected.json'), 'utf8'),
    ) as { badges: ExpectedBadge[] };
    const report = await extension.context.newPage();
    const missing = await openBadgedReport(report, bi.url('app.mode.com', '/mode/report.html'), expected.badges);
    const count = await report.locator('docent-badge').count();
    console.log(`  ${count} badge(s) on the report${missing.length ? `; missing: ${missing.join(', ')}` : ', every expected model badged'}`);

    // The card worth a look: a degraded model shows its reasons, failing tests and freshness.
    const shown = expected.badges.find((b) => b.health === 'degraded') ?? expected.badges[0];
    if (headless) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const shots = {
        options: path.join(SCREENSHOT_DIR, '01-options-connected.png'),
        report: path.join(SCREENSHOT_DIR, '02-mode-report-badges.png'),
        card: path.join(SCREENSHOT_DIR, '03-doc-card.png'),
        popup: path.join(SCREENSHOT_DIR, '04-popup.png'),
      };
      await options.bringToFront();
      await options.screenshot({ path: shots.options, fullPage: true });
      await report.bringToFront();
      await report.screenshot({ path: shots.report, fullPage: true });
      if (shown) {
        await openDocCard(report, shown.uniqueId, shown.uniqueId.split('.').pop() ?? shown.key);
        await report.screenshot({ path: shots.card });
      }
      // The popup as a page for the report's tab (a headless browser has no toolbar to click).
      const reportUrl = report.url();
      const tabId = await extension.serviceWorker.evaluate(
        async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id,
        reportUrl,
      );
      const popup = await extension.context.newPage();
      await popup.setViewportSize({ width: 360, height: 520 });
      await popup.goto(extension.popupUrl(tabId));
      await popup.getByRole('listitem').first().waitFor();
      await popup.screenshot({ path: shots.popup });
      console.log('\nScreenshots:');
      for (const file of Object.values(shots)) console.log(`  ${path.relative(process.cwd(), file)}`);
      return missing.length ? 1 : 0;
    }

    // The decoy page, full of dotted names that are not models, should stay free of badges.
    const decoy = await extension.context.newPage();
    await step('Open the decoy page (no badges expected)', 'The BI fixture server is not answering.', () =>
      decoy.goto(bi.url('app.mode.com', '/mode/decoy.html')),
    );
    await report.bringToFront();
    console.log('\nThe browser stays open: hover or focus a badge to see its doc card. Ctrl-C quits.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
      extension?.context.once('close', () => resolve());
    });
    console.log('Closing Chromium and the local servers.');
    return 0;
  } catch (error) {
    console.error(`\n${error instanceof DemoStepFailed ? error.message : error instanceof Error ? error.stack : String(error)}`);
    return 1;
  } finally {
    await shutDown();
  }
}

process.exitCode = await main();
