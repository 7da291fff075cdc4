// @vitest-environment node
/**
 * The catalog on the artifacts source, wired as the background wires it (createSetupBuilder with
 * `source: 'artifacts'`): the demo shop published over HTTP, badges' verdicts from run_results and
 * sources.json, the status naming the files read, and a re-sync that downloads nothing.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSetupBuilder } from '../../lib/background/sources';
import { createCatalogService } from '../../lib/catalog/catalog-service';
import { idbIndexStore } from '../../lib/catalog/index-store';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import type { ArtifactCache, CachedArtifact } from '../../lib/artifacts/read-artifacts';
import { DEFAULT_SETTINGS } from '../../lib/config/settings';
import type { EffectiveConfig } from '../../lib/config/storage';
import { RequestGate } from '../../lib/discovery/request-gate';
import { describeSyncStatus } from '../../components/status-text';
import { markdownToHtml } from '../../lib/format/markdown';
import { publishedFiles, startArtifactsServer, type ArtifactsServer } from '../support/artifacts-server';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';

let server: ArtifactsServer;
beforeAll(async () => {
  const files = publishedFiles(generateDemoProject({ now: new Date() }));
  delete files['catalog.json'];
  server = await startArtifactsServer({ files, requireHeader: ['Authorization', 'Bearer s3cret'] });
});
afterAll(() => server.close());

function setup() {
  const map = new Map<string, CachedArtifact>();
  const cache: ArtifactCache = { get: async (k) => map.get(k), set: async (k, v) => void map.set(k, v), delete: async (k) => void map.delete(k) };
  const config: EffectiveConfig = {
    settings: { ...DEFAULT_SETTINGS, source: 'artifacts', artifactsUrl: server.baseUrl(), artifactsHeader: 'Authorization: Bearer s3cret' },
    endpoint: null,
    appOrigin: null,
    locked: [],
    problems: [],
    warnings: [],
  };
  let stored: SyncStatus = INITIAL_SYNC_STATUS;
  const build = createSetupBuilder({ gate: new RequestGate(), artifactCache: cache });
  const service = createCatalogService({
    loadSetup: async () => build(config),
    store: idbIndexStore,
    readStatus: async () => stored,
    publishStatus: async (s) => void (stored = s),
    renderMarkdown: markdownToHtml,
    now: () => new Date(),
    sleep: async () => {},
  });
  return { service };
}

describe('the catalog on dbt Core artifacts', () => {
  it('syncs, says which files it read and what the missing one costs, and answers badges with their verdicts', async () => {
    const { service } = setup();
    const status = await service.sync();
    expect(status.phase).toBe('ready');
    const words = describeSyncStatus(status, new Date());
    expect(words.headline).toBe(`Connected — ${DEMO_FACTS.modelCount} models`);
    expect(words.detail).toContain('Read manifest.json, run_results.json and sources.json.');
    expect(words.detail).toMatch(/catalog\.json not found \(.* answered 404\): no column types/);

    const answer = await service.resolve(['analytics.marts.orders', 'analytics.marts.customers']);
    if (!answer.ok) throw new Error(answer.error.message);
    const verdict = (id: string) => answer.value.flatMap((m) => m.candidates).find((c) => c.uniqueId === id)?.verdict;
    expect(verdict(DEMO_FACTS.failingTest.model)?.health).toBe('degraded');
    expect(verdict(DEMO_FACTS.failingTest.model)?.reasons.map((r) => r.text).join(' ')).toContain(DEMO_FACTS.failingTest.name);

    const details = await service.details(DEMO_FACTS.freshnessError.model);
    expect(details.ok && details.value.verdict.reasons.map((r) => r.text).join(' ')).toMatch(/raw_inventory/);
  });

  it('re-syncs with conditional requests only: nothing is downloaded when nothing changed', async () => {
    const { service } = setup();
    await service.sync();
    server.requests.length = 0;
    const status = await service.sync();
    expect(status.phase).toBe('ready');
    expect(server.requests.map((r) => r.status).sort()).toEqual([304, 304, 304, 404]);
    expect(server.requests.every((r) => r.header === 'Bearer s3cret')).toBe(true);
  });
});
