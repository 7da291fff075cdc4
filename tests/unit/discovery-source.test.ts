// @vitest-environment node
/**
 * lib/discovery as a CatalogSource against the mock Discovery API: how many requests an index
 * takes, what stays out of it, and how a page is resumed from its cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexPage } from '../../lib/catalog/source';
import { createDiscoveryClient, type DiscoveryClient } from '../../lib/discovery/client';
import { RequestGate } from '../../lib/discovery/request-gate';
import { createDiscoverySource } from '../../lib/discovery/source';
import { err } from '../../lib/result';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { generateLargeProject } from '../support/large-project';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';

const TOKEN = 'dbtc_source_test';
const ENV = '70403103985022';
let mock: MockDiscovery;
beforeAll(async () => {
  const artifacts = generateDemoProject({ now: new Date() });
  artifacts.manifest.nodes[DEMO_FACTS.undescribedModel]!.config.materialized = 'ephemeral';
  mock = await startMockDiscovery({ artifacts, token: TOKEN, environmentId: ENV });
});
afterAll(() => mock.close());

const client = () => createDiscoveryClient({ endpoint: mock.url, token: TOKEN, environmentId: ENV, gate: new RequestGate({ maxPerMinute: 1000 }), sleep: async () => {} });
const sourceOf = (c: DiscoveryClient, pageSize?: number) =>
  createDiscoverySource({ client: c, endpoint: mock.url, links: { appOrigin: null, accountId: null }, ...(pageSize ? { pageSize } : {}) });

async function allPages(source: ReturnType<typeof sourceOf>): Promise<IndexPage[]> {
  const pages: IndexPage[] = [];
  let cursor: string | null = null;
  do {
    const page = await source.indexPage(cursor);
    if (!page.ok) throw new Error(page.error.message);
    pages.push(page.value);
    cursor = page.value.next;
  } while (cursor);
  return pages;
}

describe('DiscoverySource', () => {
  it('reads a small project in one request, ephemeral models left out', async () => {
    mock.requests.length = 0;
    const pages = await allPages(sourceOf(client()));
    expect(pages).toHaveLength(1);
    expect(mock.requests.map((r) => r.operationName)).toEqual(['DocentIndexFirstPages']);
    const ids = pages[0]!.nodes.map((n) => n.uniqueId);
    expect(ids).not.toContain(DEMO_FACTS.undescribedModel);
    expect(pages[0]!.nodes.filter((n) => n.resourceType === 'model')).toHaveLength(DEMO_FACTS.modelCount - 1);
    expect(pages[0]!.progress).toEqual({ loaded: pages[0]!.progress.loaded, total: pages[0]!.progress.loaded });
  });

  it('goes on from each connection\'s cursor when there are more pages than one request holds', async () => {
    mock.requests.length = 0;
    const pages = await allPages(sourceOf(client(), 5));
    const nodes = pages.flatMap((p) => p.nodes);
    expect(new Set(nodes.map((n) => n.uniqueId)).size).toBe(nodes.length);
    expect(nodes.filter((n) => n.resourceType === 'source')).toHaveLength(DEMO_FACTS.sourceCount);
    expect(mock.requests[0]!.operationName).toBe('DocentIndexFirstPages');
    expect(mock.requests.slice(1).every((r) => typeof r.variables?.after === 'string')).toBe(true);
  });

  it('says so when the cursor it is handed is not one of its own', async () => {
    const page = await sourceOf(client()).indexPage('{"pending": "nonsense"}');
    expect(page.ok || page.error.kind).toBe('invalidResponse');
  });

  it('asks for a page that timed out again at half the size', async () => {
    const real = client();
    const sizes: number[] = [];
    let failOnce = true;
    const flaky: DiscoveryClient = {
      environmentId: ENV,
      query: (document, variables = {}) => {
        sizes.push(variables.first as number);
        if (failOnce) {
          failOnce = false;
          return Promise.resolve(err({ kind: 'timeout', message: 'too slow' }));
        }
        return real.query(document, variables);
      },
    };
    const source = sourceOf(flaky);
    expect((await source.indexPage(null)).ok).toBe(false);
    expect((await source.indexPage(null)).ok).toBe(true);
    expect(sizes).toEqual([500, 250]);
  });

  it('keeps a large project within ceil(models / 500) + 5 requests', async () => {
    const large = await startMockDiscovery({ artifacts: generateLargeProject({ models: 2_000, sources: 100, now: new Date() }), token: TOKEN, environmentId: ENV });
    try {
      const c = createDiscoveryClient({ endpoint: large.url, token: TOKEN, environmentId: ENV, gate: new RequestGate({ maxPerMinute: 1000 }) });
      const pages = await allPages(createDiscoverySource({ client: c, endpoint: large.url, links: { appOrigin: null, accountId: null } }));
      expect(pages.flatMap((p) => p.nodes).filter((n) => n.resourceType === 'model')).toHaveLength(2_000);
      expect(large.requests.length).toBeLessThanOrEqual(Math.ceil(2_000 / 500) + 5);
    } finally {
      await large.close();
    }
  });
});
