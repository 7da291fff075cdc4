/**
 * An administrator's deployment: the connection comes from managed policy, so a BI user never
 * opens the options page, and a user who does cannot change what the administrator set.
 */
import { DEMO_FACTS } from '../support/demo-project';
import { DEMO_ACCESS_URL, DEMO_ENVIRONMENT_ID, DEMO_TOKEN, expect, test } from './fixtures';

test.use({
  managedPolicy: { accessUrl: DEMO_ACCESS_URL, serviceToken: DEMO_TOKEN, environmentId: DEMO_ENVIRONMENT_ID },
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
