/**
 * End-to-end tests: the production build of Docent in Debian's Chromium, real BI and dbt hostnames
 * mapped to local HTTPS servers (tests/support/browser.ts). One worker: every test starts its own
 * Chromium, and managed policy is a machine-wide folder.
 */
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './global-setup.ts',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Not the repo's test-results/ itself: Playwright empties its outputDir, and the unit run's
  // report lives there too.
  outputDir: path.join(repoRoot, 'test-results/e2e-artifacts'),
  reporter: [['list'], ['json', { outputFile: path.join(repoRoot, 'test-results/e2e.json') }]],
  use: {
    // Browsers come from tests/support/browser.ts (launchWithExtension), never from Playwright's
    // download cache; the `browserName` projects are deliberately absent.
    trace: 'retain-on-failure',
  },
});
