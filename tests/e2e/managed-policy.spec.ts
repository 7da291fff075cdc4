/**
 * An administrator's deployment: the connection comes from managed policy, so a BI user never
 * opens the options page, and a user who does cannot change what the administrator set.
 */
import { rm } from 'node:fs/promises';
import type { Browser } from 'wxt/browser';
import { DEMO_FACTS } from '../support/demo-project';
import { managedPolicyFile } from '../support/managed-policy';
import { DEMO_ACCESS_URL, DEMO_ENVIRONMENT_ID, DEMO_TOKEN, expect, test } from './fixtures';

declare const chrome: typeof Browser;

const SETTINGS_KEY = 'docent:settings';
const USER_ACCESS_URL = 'https://emea.dbt.com';

test.use({
  managedPolicy: { accessUrl: DEMO_ACCESS_URL, serviceToken: DEMO_TOKEN, environmentId: DEMO_ENVIRONMENT_ID },
});

// The fixture removes the policy file in a finally; this is the belt to its braces: whatever
// happened, no policy of this run outlives it (the folder is machine-wide).
test.afterAll(async () => {
  await rm(managedPolicyFile(), { force: true });
});

test('badges appear with nothing configured by the user, and policy fields are locked', async ({ extension, biServer }) => {
  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
  // The first managed-storage read after launch takes seconds: wait for the badges, not a time.
  await expect(report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.healthyModel}"]`)).toHaveAttribute(
    'data-health',
    'healthy',
    { timeout: 30_000 },
  );

  const options = await extension.context.newPage();
  await options.goto(extension.optionsUrl);
  await expect(options.getByRole('status')).toContainText(`Connected — ${DEMO_FACTS.modelCount} models`);
  for (const label of ['Access URL', 'Environment ID']) {
    await expect(options.getByLabel(label)).toBeDisabled();
  }
  await expect(options.getByLabel('Service token', { exact: true })).toBeDisabled();
  // The administrator's token is never put into the page.
  await expect(options.getByLabel('Service token', { exact: true })).not.toHaveValue(DEMO_TOKEN);
  await expect(options.getByText('Set by your administrator').first()).toBeVisible();
});

test.describe('a bad policy value, a user who tries to override, and a policy removed', () => {
  test.use({
    managedPolicy: {
      accessUrl: DEMO_ACCESS_URL,
      serviceToken: DEMO_TOKEN,
      environmentId: DEMO_ENVIRONMENT_ID,
      // Fits the schema (a number), so Chromium passes it on; Docent's own rules refuse it.
      staleAfterHours: -5,
    },
  });

  test('warns by key, keeps the rest locked, ignores the user, and falls back once the policy is gone', async ({ extension, biServer }) => {
    // Chromium notices a removed policy file only after its watcher settles.
    test.setTimeout(150_000);
    const options = await extension.context.newPage();
    await options.goto(extension.optionsUrl);
    await expect(options.getByRole('status')).toContainText(`Connected — ${DEMO_FACTS.modelCount} models`, { timeout: 30_000 });
    const notes = options.getByRole('list', { name: 'Notes about these settings' });
    await expect(notes).toContainText('Policy "staleAfterHours" was ignored');
    await expect(notes).toContainText('above 0');
    await expect(options.getByLabel('Stale after (hours)')).toBeEnabled();
    await expect(options.locator('body')).not.toContainText(DEMO_TOKEN);

    // A user writing their own settings straight into storage changes nothing the admin set.
    await options.evaluate(
      ([key, accessUrl]) => chrome.storage.local.set({ [key]: { accessUrl, serviceToken: 'dbtc_user_token', environmentId: '1' } }),
      [SETTINGS_KEY, USER_ACCESS_URL] as const,
    );
    await options.reload();
    await expect(options.getByLabel('Access URL')).toHaveValue(DEMO_ACCESS_URL);
    await expect(options.getByLabel('Access URL')).toBeDisabled();
    await expect(options.getByLabel('Environment ID')).toHaveValue(DEMO_ENVIRONMENT_ID);
    const report = await extension.context.newPage();
    await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
    await expect(report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.healthyModel}"]`)).toHaveAttribute('data-health', 'healthy', {
      timeout: 30_000,
    });

    // The admin removes the policy: Chromium notices the file is gone, and the user's own settings apply.
    await rm(managedPolicyFile(), { force: true });
    await expect(options.getByLabel('Access URL')).toBeEnabled({ timeout: 90_000 });
    await expect(options.getByLabel('Access URL')).toHaveValue(USER_ACCESS_URL);
    await expect(options.getByLabel('Environment ID')).toHaveValue('1');
    await expect(options.getByText('Set by your administrator')).toHaveCount(0);
  });
});
