/**
 * Playwright fixtures for Docent's end-to-end tests: the BI fixture server behind the real BI
 * hostnames, and Chromium with the production build loaded (tests/support/browser.ts).
 *
 *   import { test, expect } from './fixtures';
 *   test('…', async ({ extension, biServer }) => { … });
 *
 * `discovery` is the mock Discovery API serving the demo project behind every dbt host
 * (`*.getdbt.com`, `*.dbt.com`), so the access URL `https://cloud.getdbt.com` works unchanged with
 * DEMO_TOKEN and DEMO_ENVIRONMENT_ID; a fresh one per test (faults and token changes stay local).
 * The same account has a second project, finance_hub (FINANCE_ENVIRONMENT_ID), which reads the
 * demo shop through dbt Mesh cross-project refs: a policy with two `environments` reads both.
 * `test.use({ managedPolicy: { accessUrl: '…' } })` starts Chromium under that managed policy
 * (root only; the test is skipped with the reason otherwise).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { BI_HOST_PATTERNS, DISCOVERY_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { startBiServer, type BiServer } from '../support/bi-server';
import { launchWithExtension, type LaunchedExtension } from '../support/browser';
import { generateDemoProject, type DbtArtifacts } from '../support/demo-project';
import { generateFinanceProject } from '../support/finance-project';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';
import { installManagedPolicy, managedPolicyUnavailableReason, type ManagedPolicy } from '../support/managed-policy';
import { loadTestTls, type TlsMaterial } from '../support/tls';

import { DEMO_ENVIRONMENT_ID, DEMO_TOKEN } from '../support/options-page';

export { DEMO_ACCESS_URL, DEMO_ENVIRONMENT_ID, DEMO_TOKEN } from '../support/options-page';

/** The second project's production environment, served by the same mock Discovery API. */
export const FINANCE_ENVIRONMENT_ID = '70403103985077';

/** A host Docent does not support, served by the BI fixture server: no content script runs there. */
export const UNSUPPORTED_HOST = 'intranet.example.org';

/** `https://*.cloud.looker.com/*` → `*.cloud.looker.com`: Chromium's resolver rules take it as is. */
export const hostOfPattern = (pattern: string): string => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');

interface WorkerFixtures {
  tls: TlsMaterial;
  biServer: BiServer;
  /** The demo project's artifacts, generated once per worker with the worker's start as `now`. */
  demoArtifacts: DbtArtifacts;
  /** The second project's (finance_hub), likewise. */
  financeArtifacts: DbtArtifacts;
}

interface TestFixtures {
  /** Option: managed policy for Docent's extension id, written before Chromium starts. */
  managedPolicy: ManagedPolicy | undefined;
  /** Which hostnames Chromium sends to which local port; override to add hosts. */
  hostMap: Record<string, number>;
  discovery: MockDiscovery;
  extension: LaunchedExtension;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  tls: [async ({}, use) => use(await loadTestTls()), { scope: 'worker' }],

  biServer: [
    async ({ tls }, use) => {
      const server = await startBiServer({ tls });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  demoArtifacts: [async ({}, use) => use(generateDemoProject({ now: new Date() })), { scope: 'worker' }],
  financeArtifacts: [async ({}, use) => use(generateFinanceProject({ now: new Date() })), { scope: 'worker' }],

  discovery: async ({ tls, demoArtifacts, financeArtifacts }, use) => {
    const mock = await startMockDiscovery({
      artifacts: demoArtifacts,
      token: DEMO_TOKEN,
      environmentId: DEMO_ENVIRONMENT_ID,
      moreEnvironments: [{ environmentId: FINANCE_ENVIRONMENT_ID, artifacts: financeArtifacts, projectId: '70403103900099' }],
      tls,
    });
    await use(mock);
    await mock.close();
  },

  managedPolicy: [undefined, { option: true }],

  hostMap: async ({ biServer, discovery }, use) => {
    const map: Record<string, number> = {};
    for (const pattern of BI_HOST_PATTERNS) map[hostOfPattern(pattern)] = biServer.port;
    for (const pattern of DISCOVERY_HOST_PATTERNS) map[hostOfPattern(pattern)] = discovery.port;
    map[UNSUPPORTED_HOST] = biServer.port;
    await use(map);
  },

  extension: async ({ hostMap, managedPolicy }, use, testInfo) => {
    let removePolicy = async () => {};
    if (managedPolicy) {
      const reason = managedPolicyUnavailableReason();
      testInfo.skip(reason !== null, reason ?? '');
      removePolicy = (await installManagedPolicy(managedPolicy)).remove;
    }
    try {
      const launched = await launchWithExtension({ hostMap });
      try {
        await use(launched);
      } finally {
        await launched.close();
      }
    } finally {
      await removePolicy();
    }
  },
});

export { expect };

/**
 * The names of the isolated worlds in a page that belong to an extension: Chromium creates one,
 * named after the extension, when it injects a content script. This is how a test sees that the
 * content script ran without relying on anything the script itself draws.
 */
export async function extensionWorldsIn(page: Page, extensionId: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: string[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin === `chrome-extension://${extensionId}`) worlds.push(context.name);
  });
  // Runtime.enable reports every context that already exists before it returns.
  await cdp.send('Runtime.enable');
  await cdp.detach();
  return worlds;
}
