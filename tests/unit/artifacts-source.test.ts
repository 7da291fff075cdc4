// @vitest-environment node
/**
 * The artifacts source against a server that publishes them as a docs site or bucket does:
 * conditional requests (an unchanged file is not downloaded again), missing files and what they
 * cost, the request header, a service-worker restart, and files chosen from disk.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createArtifactsSource } from '../../lib/artifacts/artifacts-source';
import { diskOrigin, httpOrigin, type StoredArtifactFile } from '../../lib/artifacts/origins';
import type { ArtifactCache, CachedArtifact } from '../../lib/artifacts/read-artifacts';
import { parseArtifactsUrl } from '../../lib/config/artifacts-location';
import { startArtifactsServer, type ArtifactsServer } from '../support/artifacts-server';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/dbt-artifacts', import.meta.url));
const fixture = (file: string) => readFileSync(`${FIXTURES}/bigquery-jaffle-shop.${file}`, 'utf8');
const BIGQUERY = {
  'manifest.json': fixture('manifest.json'),
  'run_results.json': fixture('run_results.json'),
  'catalog.json': fixture('catalog.json'),
};

const memoryCache = (): ArtifactCache & { map: Map<string, CachedArtifact> } => {
  const map = new Map<string, CachedArtifact>();
  return {
    map,
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => void map.set(key, structuredClone(value)),
    delete: async (key) => void map.delete(key),
  };
};

let server: ArtifactsServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function sourceFor(s: ArtifactsServer, cache = memoryCache(), header: { name: string; value: string } | null = null) {
  const urls = parseArtifactsUrl(s.baseUrl());
  if (!urls.ok) throw new Error(urls.message);
  return createArtifactsSource({ origin: httpOrigin(urls.value, header), cache, pageSize: 10 });
}

async function allNodes(source: ReturnType<typeof sourceFor>) {
  const nodes = [];
  let cursor: string | null = null;
  do {
    const page = await source.indexPage(cursor);
    if (!page.ok) throw new Error(page.error.message);
    nodes.push(...page.value.nodes);
    cursor = page.value.next;
  } while (cursor);
  return nodes;
}

const downloads = (s: ArtifactsServer) => s.requests.filter((r) => r.status === 200).map((r) => r.path.split('/').pop());

describe('artifacts over HTTP', () => {
  it('pages through every node once the files are read, and says which file is missing and what it costs', async () => {
    server = await startArtifactsServer({ files: BIGQUERY });
    const source = sourceFor(server);
    expect((await source.version()).ok).toBe(true);
    const nodes = await allNodes(source);
    expect(nodes.filter((n) => n.resourceType === 'model').length).toBeGreaterThan(30);
    expect(new Set(nodes.map((n) => n.uniqueId)).size).toBe(nodes.length);
    // version() read the files; the pages that followed did not ask again.
    expect(downloads(server)).toEqual(['manifest.json', 'run_results.json', 'catalog.json']);
    expect(source.lastReport()).toEqual({
      files: { manifest: 'downloaded', run_results: 'downloaded', catalog: 'downloaded', sources: 'missing' },
      warnings: [expect.stringMatching(/^sources\.json not found \(.* answered 404\): no source freshness/)],
    });
  });

  it('asks conditionally at the next refresh: unchanged files answer 304 and keep the same version', async () => {
    server = await startArtifactsServer({ files: BIGQUERY });
    const source = sourceFor(server);
    const first = await source.version();
    server.requests.length = 0;
    const second = await source.version();
    expect(second).toEqual(first);
    expect(server.requests.filter((r) => r.path.endsWith('manifest.json'))).toEqual([
      expect.objectContaining({ status: 304, conditional: true }),
    ]);
    expect(downloads(server)).toEqual([]);

    const before = (await allNodes(source)).find((n) => n.uniqueId === 'model.jaffle_shop.customers')!;

    // A later `dbt run -s customers` publishes a new run_results.json: only that file is downloaded
    // again; the other models keep their earlier results, and customers its last success.
    const failed = JSON.parse(BIGQUERY['run_results.json']);
    const customersRun = failed.results.find((r: { unique_id: string }) => r.unique_id === 'model.jaffle_shop.customers');
    Object.assign(customersRun, { status: 'error', message: 'Database Error in model customers' });
    for (const step of customersRun.timing) step.completed_at = '2024-12-17T07:45:00Z';
    failed.results = [customersRun];
    failed.metadata.invocation_id = 'a-later-run';
    server.setFile('run_results.json', JSON.stringify(failed));
    server.requests.length = 0;
    const third = await source.version();
    expect(third.ok && third.value).not.toEqual(first.ok && first.value);
    expect(downloads(server)).toEqual(['run_results.json']);
    const after = await allNodes(source);
    expect(after.find((n) => n.uniqueId === 'model.jaffle_shop.customers')).toMatchObject({
      lastRunStatus: 'error',
      lastRunAt: '2024-12-17T07:45:00Z',
      lastSuccessAt: before.lastSuccessAt,
    });
    expect(after.find((n) => n.uniqueId === 'model.jaffle_shop.orders')?.lastRunStatus).toBe('success');
  });

  it('uses If-Modified-Since when the server gives only Last-Modified, and no version when it gives neither', async () => {
    server = await startArtifactsServer({ files: BIGQUERY, validators: 'last-modified' });
    const source = sourceFor(server);
    await source.version();
    server.requests.length = 0;
    await source.version();
    expect(server.requests.filter((r) => r.status !== 404).every((r) => r.status === 304 && r.conditional)).toBe(true);
    await server.close();

    server = await startArtifactsServer({ files: BIGQUERY, validators: 'none' });
    const blind = sourceFor(server);
    expect(await blind.version()).toEqual({ ok: true, value: null });
  });

  it('survives a service-worker restart: a new source with the same cache gets 304s and still answers details', async () => {
    server = await startArtifactsServer({ files: BIGQUERY });
    const cache = memoryCache();
    await sourceFor(server, cache).version();
    server.requests.length = 0;
    const restarted = sourceFor(server, cache);
    const details = await restarted.details([{ uniqueId: 'model.jaffle_shop.customers' } as never]);
    expect(details.ok && details.value[0]?.columns[0]).toMatchObject({ name: 'customer_id', type: 'INT64' });
    expect(downloads(server)).toEqual([]);
    expect(server.requests.some((r) => r.status === 304)).toBe(true);
  });

  it('refuses without a manifest, and sends the request header a private bucket needs', async () => {
    server = await startArtifactsServer({ files: { 'run_results.json': BIGQUERY['run_results.json'] } });
    const noManifest = await sourceFor(server).version();
    expect(!noManifest.ok && noManifest.error).toMatchObject({ kind: 'missingFile', message: expect.stringContaining('manifest.json was not found') });
    await server.close();

    server = await startArtifactsServer({ files: BIGQUERY, requireHeader: ['Authorization', 'Bearer s3cret'] });
    const refused = await sourceFor(server).version();
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('Request header') });
    const allowed = await sourceFor(server, memoryCache(), { name: 'Authorization', value: 'Bearer s3cret' }).version();
    expect(allowed.ok).toBe(true);
  });

  it('names the version found when a published file is one Docent cannot read', async () => {
    server = await startArtifactsServer({ files: { ...BIGQUERY, 'catalog.json': BIGQUERY['catalog.json'].replace('/catalog/v1.json', '/catalog/v2.json') } });
    const result = await sourceFor(server).version();
    expect(!result.ok && result.error).toMatchObject({ kind: 'unsupportedVersion', message: expect.stringContaining('catalog.json is schema v2; Docent reads catalog v1') });
  });
});

describe('artifacts chosen from disk', () => {
  it('reads the stored files and reads them again only when another file was chosen', async () => {
    const stored = new Map<string, StoredArtifactFile>();
    const choose = (name: keyof typeof BIGQUERY, savedAt: string) =>
      stored.set(name, { name, blob: new Blob([BIGQUERY[name]]), lastModified: 1_700_000_000_000, savedAt });
    choose('manifest.json', '2026-11-30T05:00:00Z');
    const source = createArtifactsSource({ origin: diskOrigin({ read: async (name) => stored.get(name) }), cache: memoryCache() });
    const first = await source.version();
    expect(source.lastReport()?.files).toEqual({ manifest: 'downloaded', run_results: 'missing', catalog: 'missing', sources: 'missing' });
    expect(source.lastReport()?.warnings.join(' ')).toMatch(/run_results\.json not found \(not among the files chosen\): no last run status and no test results/);
    expect(await source.version()).toEqual(first);
    expect(source.lastReport()?.files.manifest).toBe('unchanged');
    choose('run_results.json', '2026-11-30T05:01:00Z');
    const second = await source.version();
    expect(second).not.toEqual(first);
    const page = await source.indexPage(null);
    expect(page.ok && page.value.nodes.find((n) => n.uniqueId === 'model.jaffle_shop.customers')?.lastRunStatus).toBe('success');
  });
});
