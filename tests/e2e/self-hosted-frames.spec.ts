/**
 * A self-hosted BI host's frames, in the production build: the content script the background
 * registers for a host added on the options page runs in the srcdoc frame a page of that host
 * writes (as the manifest's script does on SaaS hosts), badges it, and its card opens there.
 */
import { DEMO_FACTS } from '../support/demo-project';
import { addBiHost, connect } from '../support/options-page';
import { BI_HOST_PATTERNS, DISCOVERY_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { expect, hostOfPattern, test } from './fixtures';

const HOST = 'redash.acme.com';

// The company's own host, served by the fixture server like the SaaS hosts.
test.use({
  hostMap: async ({ biServer, discovery }, use) => {
    const map: Record<string, number> = { [HOST]: biServer.port };
    for (const pattern of BI_HOST_PATTERNS) map[hostOfPattern(pattern)] = biServer.port;
    for (const pattern of DISCOVERY_HOST_PATTERNS) map[hostOfPattern(pattern)] = discovery.port;
    await use(map);
  },
});

test('a self-hosted host gets badges and cards in the srcdoc frame its page writes', async ({ extension, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  await addBiHost(options, extension, HOST, 'redash');
  const page = await extension.context.newPage();
  await page.goto(biServer.url(HOST, '/embedded/report.html'));
  const written = page.frameLocator('#written');
  await expect(written.locator('docent-badge')).toHaveCount(1, { timeout: 30_000 });
  await expect(written.locator('docent-badge')).toHaveAttribute('data-unique-id', DEMO_FACTS.erroredModel.uniqueId);
  await written.locator('docent-badge').focus();
  await expect(written.locator('docent-card [role="dialog"]')).toContainText('fct_refunds', { timeout: 15_000 });
});
