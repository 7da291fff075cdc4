/**
 * dbt Core: the demo shop's artifacts published over HTTPS (as a docs site or bucket would), read
 * by the production build instead of the Discovery API, and the same badges on a Mode report.
 * The next sync asks conditionally and downloads nothing that did not change.
 */
import { DEMO_FACTS } from '../support/demo-project';
import { publishedFiles, startArtifactsServer, type ArtifactsServer } from '../support/artifacts-server';
import { DEMO_ARTIFACTS_HOST, preGrantHost, saveArtifactsSource } from '../support/options-page';
import { expect, test } from './fixtures';

const it = test.extend<{ artifacts: ArtifactsServer }>({
  artifacts: async ({ tls, demoArtifacts }, use) => {
    const server = await startArtifactsServer({ files: publishedFiles(demoArtifacts), tls });
    await use(server);
    await server.close();
  },
  hostMap: async ({ hostMap, artifacts }, use) => use({ ...hostMap, [DEMO_ARTIFACTS_HOST]: artifacts.port }),
});

it('reads dbt Core artifacts over HTTPS and badges the Mode report, then re-syncs with 304s only', async ({ extension, biServer, artifacts, discovery }) => {
  const options = await extension.context.newPage();
  await preGrantHost(options, extension.extensionId, DEMO_ARTIFACTS_HOST);
  await saveArtifactsSource(options, extension.optionsUrl);
  const status = options.getByRole('status');
  await expect(status).toContainText(`Connected — ${DEMO_FACTS.modelCount} models`, { timeout: 30_000 });
  await expect(status).toContainText('Read manifest.json, run_results.json, catalog.json and sources.json.');
  expect(discovery.requests).toEqual([]); // the Discovery API is not asked at all
  expect(artifacts.requests.filter((r) => r.status === 200).map((r) => r.path.split('/').pop()).sort()).toEqual([
    'catalog.json',
    'manifest.json',
    'run_results.json',
    'sources.json',
  ]);

  const report = await extension.context.newPage();
  await report.goto(biServer.url('app.mode.com', '/mode/report.html'));
  const orders = report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.failingTest.model}"]`).first();
  await expect(orders).toHaveAttribute('data-health', 'degraded', { timeout: 30_000 });
  await expect(report.locator(`docent-badge[data-unique-id="${DEMO_FACTS.healthyModel}"]`).first()).toHaveAttribute('data-health', 'healthy');

  // Save again (a sync): every file is asked for with its validator and answers 304.
  artifacts.requests.length = 0;
  await options.bringToFront();
  await options.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => artifacts.requests.length, { timeout: 30_000 }).toBe(4);
  expect(artifacts.requests.map((r) => [r.status, r.conditional])).toEqual([
    [304, true],
    [304, true],
    [304, true],
    [304, true],
  ]);
  await expect(status).toContainText(`Connected — ${DEMO_FACTS.modelCount} models`);
});
