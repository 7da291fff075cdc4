/**
 * An administrator's deployment: the connection comes from managed policy, so a BI user never
 * opens the options page, and a user who does cannot change what the administrator set.
 */
import { rm } from 'node:fs/promises';
import type { Browser } from 'wxt/browser';
import { DEMO_FACTS } from '../support/demo-project';
import { FINANCE_FACTS } from '../support/finance-project';
import { managedPolicyFile } from '../support/managed-policy';
import { DEMO_ACCESS_URL, DEMO_ENVIRONMENT_ID, DEMO_TOKEN, expect, FINANCE_ENVIRONMENT_ID, test } from './fixtures';

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

test.describe('two dbt projects set by policy', () => {
  test.use({
    managedPolicy: {
      accessUrl: DEMO_ACCESS_URL,
      serviceToken: DEMO_TOKEN,
      environments: [
        { environmentId: DEMO_ENVIRONMENT_ID, name: 'Shop' },
        { environmentId: FINANCE_ENVIRONMENT_ID, name: 'Finance' },
      ],
    },
  });

  test('badges the models of both on one page, and each card names its project', async ({ extension, biServer, discovery }) => {
    const report = await extension.context.newPage();
    await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
    const shop = report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.healthyModel}"]`);
    await expect(shop).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });
    // Someone adds a join on the finance project's table to the open query (the editor's own DOM).
    await report.evaluate((relation) => {
      const line = document.createElement('div');
      line.className = 'ace_line';
      line.textContent = `join ${relation} r on r.revenue_date = o.ordered_at::date`;
      document.querySelector('.ace_line')!.parentElement!.append(line);
    }, `${FINANCE_FACTS.database}.${FINANCE_FACTS.schema}.GL_REVENUE`);
    const finance = report.locator(`docent-badge[data-unique-id="${FINANCE_FACTS.revenueModel}"]`);
    await expect(finance).toHaveAttribute('data-health', 'healthy', { timeout: 30_000 });

    // Both environments were read from the one Discovery host, each under its own id.
    const asked = new Set(discovery.requests.map((r) => String(r.variables?.environmentId ?? '')));
    expect([...asked].sort()).toEqual([DEMO_ENVIRONMENT_ID, FINANCE_ENVIRONMENT_ID].sort());

    const card = report.locator('docent-card [role="dialog"]');
    await finance.hover();
    await expect(card.locator('.docent-card-project')).toHaveText('project Finance');
    // dbt Mesh: gl_revenue reads the shop's fct_revenue, and the shop is configured too.
    await expect(card.getByRole('list', { name: 'Other dbt projects' })).toContainText('Reads fct_revenue from project Shop');
    await expect(card.locator('.docent-card-upstream')).toContainText('ecom.raw_orders');
    await report.mouse.move(0, 0);
    await shop.first().hover();
    await expect(card.locator('.docent-card-project')).toHaveText('project Shop');

    const options = await extension.context.newPage();
    await options.goto(extension.optionsUrl);
    const projects = options.getByRole('list', { name: 'dbt projects' });
    await expect(projects).toContainText(`Shop (environment ${DEMO_ENVIRONMENT_ID})`);
    await expect(projects).toContainText(`Finance (environment ${FINANCE_ENVIRONMENT_ID})`);
    await expect(options.getByRole('button', { name: 'Add a dbt project' })).toHaveCount(0);
    await expect(options.getByRole('status')).toContainText(`Connected — ${DEMO_FACTS.modelCount + FINANCE_FACTS.modelCount} models`);
  });
});
