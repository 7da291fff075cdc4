// @vitest-environment node
import { existsSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_DETAILS, MODELS_PAGE, SOURCES_PAGE } from '../../lib/discovery/queries';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';
import { generateTestTls } from '../support/tls';
import { loadArtifactsFromDir } from '../support/dbt-artifacts';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/dbt-artifacts', import.meta.url));

const TOKEN = 'dbtc_test_token_0123456789';
const ENV = '70403103985022';
const demo = generateDemoProject({ now: new Date('2026-11-28T09:00:00Z') });
let mock: MockDiscovery;

beforeAll(async () => {
  mock = await startMockDiscovery({ artifacts: demo, token: TOKEN, environmentId: ENV });
});
afterAll(() => mock.close());
afterEach(() => {
  mock.clearFaults();
  mock.setToken(TOKEN);
});

/** Answers are checked field by field below; a full type for each would only repeat the schema. */
type Json = any;
async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }, init: RequestInit = {}) {
  const res = await fetch(mock.url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }), ...init });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

describe('authentication', () => {
  it('answers 401 with a JSON body without a token, or with a wrong one', async () => {
    for (const headers of [{}, { Authorization: 'Bearer dbtc_wrong' }, { Authorization: TOKEN }] as Record<string, string>[]) {
      const res = await post(MODELS_PAGE, { environmentId: ENV, first: 1 }, headers);
      expect(res.status).toBe(401);
      expect(res.body.errors[0].message).toMatch(/token/i);
    }
  });

  it('accepts both Bearer and Token schemes, and follows setToken', async () => {
    expect((await post(MODELS_PAGE, { environmentId: ENV, first: 1 }, { Authorization: `Token ${TOKEN}` })).status).toBe(200);
    mock.setToken('dbtc_rotated');
    expect((await post(MODELS_PAGE, { environmentId: ENV, first: 1 })).status).toBe(401);
    expect((await post(MODELS_PAGE, { environmentId: ENV, first: 1 }, { Authorization: 'Bearer dbtc_rotated' })).status).toBe(200);
  });

  it('logs each request with its operation, variables, auth header and status', async () => {
    const before = mock.requests.length;
    await post(MODELS_PAGE, { environmentId: ENV, first: 3 }, {});
    expect(mock.requests.slice(before)).toEqual([
      expect.objectContaining({ operationName: 'DocentModelsPage', variables: { environmentId: ENV, first: 3 }, authorization: null, status: 401 }),
    ]);
  });
});

describe('CORS', () => {
  it('answers a preflight so a page or extension can call it over loopback http', async () => {
    const res = await fetch(mock.url, { method: 'OPTIONS', headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/content-type/);
  });
});

describe('paging', () => {
  it('walks every model with first/after, each page telling the total', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body } = await post(MODELS_PAGE, { environmentId: ENV, first: 20, after });
      const models = body.data.environment.applied.models;
      expect(models.totalCount).toBe(DEMO_FACTS.modelCount);
      ids.push(...models.edges.map((e: Json) => e.node.uniqueId));
      pages += 1;
      if (!models.pageInfo.hasNextPage) break;
      after = models.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(DEMO_FACTS.modelCount / 20));
    expect(new Set(ids).size).toBe(DEMO_FACTS.modelCount);
  });

  it('refuses more than 500 per page with a GraphQL error, as the real API does', async () => {
    const res = await post(MODELS_PAGE, { environmentId: ENV, first: 501 });
    expect(res.status).toBe(200);
    expect(res.body.errors[0].message).toMatch(/500/);
    expect(res.body.data.environment.applied).toBeNull();
    expect((await post(MODELS_PAGE, { environmentId: ENV, first: 500 })).body.errors).toBeUndefined();
  });

  it('rejects a cursor it did not make', async () => {
    const res = await post(MODELS_PAGE, { environmentId: ENV, first: 5, after: 'not-a-cursor' });
    expect(res.body.errors[0].message).toMatch(/cursor/i);
  });
});

describe('filters', () => {
  const query = `query F($env: BigInt!, $filter: ModelAppliedFilter) { environment(id: $env) { applied { models(first: 500, filter: $filter) { totalCount edges { node { uniqueId schema } } } } } }`;
  const models = async (filter: Record<string, unknown>) => (await post(query, { env: ENV, filter })).body.data.environment.applied.models;

  it('filters by uniqueIds, database, schema and identifier', async () => {
    expect((await models({ uniqueIds: [DEMO_FACTS.failingTest.model] })).edges.map((e: Json) => e.node.uniqueId)).toEqual([DEMO_FACTS.failingTest.model]);
    expect((await models({ database: 'ANALYTICS' })).totalCount).toBe(DEMO_FACTS.modelCount);
    expect((await models({ database: 'RAW' })).totalCount).toBe(0);
    const marts = await models({ schema: 'marts' });
    expect(marts.totalCount).toBeGreaterThan(10);
    expect(marts.edges.every((e: Json) => e.node.schema === 'marts')).toBe(true);
    expect((await models({ schema: 'marts', identifier: 'orders' })).edges.map((e: Json) => e.node.uniqueId)).toEqual(['model.demo_shop.orders']);
  });

  it('answers the doc card query for one model with its error and columns', async () => {
    const { body } = await post(MODEL_DETAILS, { environmentId: ENV, uniqueIds: [DEMO_FACTS.erroredModel.uniqueId], first: 1 });
    const node = body.data.environment.applied.models.edges[0].node;
    expect(node.executionInfo.lastRunError).toBe(DEMO_FACTS.erroredModel.message);
    expect(node.catalog.columns.map((c: Json) => c.name)).toContain('REFUND_ID');
  });

  it('reports source freshness with the API enum', async () => {
    const { body } = await post(SOURCES_PAGE, { environmentId: ENV, first: 100 });
    const byId = new Map(body.data.environment.applied.sources.edges.map((e: Json) => [e.node.uniqueId, e.node.freshness]));
    expect(byId.get(DEMO_FACTS.freshnessError.source)).toMatchObject({ freshnessStatus: 'Error' });
    expect(byId.get(DEMO_FACTS.uncheckedSource)).toMatchObject({ freshnessStatus: null });
  });
});

describe('fault injection', () => {
  it('answers 429 with Retry-After, then recovers', async () => {
    mock.failNext({ status: 429, retryAfterSeconds: 30 });
    const limited = await post(MODELS_PAGE, { environmentId: ENV, first: 1 });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect((await post(MODELS_PAGE, { environmentId: ENV, first: 1 })).status).toBe(200);
  });

  it('repeats a fault `times` times', async () => {
    mock.failNext({ status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(MODELS_PAGE, { environmentId: ENV, first: 1 })).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('answers HTTP 200 with GraphQL errors when asked', async () => {
    mock.failNext({ graphqlErrors: ['Internal server error: upstream timed out'] });
    const res = await post(MODELS_PAGE, { environmentId: ENV, first: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: null, errors: [{ message: 'Internal server error: upstream timed out' }] });
  });

  it('delays an answer so a client can time out, and the next request still works', async () => {
    mock.failNext({ delayMs: 400 });
    await expect(post(MODELS_PAGE, { environmentId: ENV, first: 1 }, undefined, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect((await post(MODELS_PAGE, { environmentId: ENV, first: 1 })).status).toBe(200);
  });
});

describe('queries and environments', () => {
  it('rejects an invalid query with HTTP 200 and GraphQL errors, and logs it', async () => {
    const res = await post('query Bad($environmentId: BigInt!) { environment(id: $environmentId) { applied { models { edges { node { nope } } } } } }', { environmentId: ENV });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].message).toMatch(/Cannot query field "nope"/);
    expect(mock.requests.at(-1)).toMatchObject({ operationName: 'Bad', status: 200, errors: [expect.stringMatching(/nope/)] });
  });

  it('answers an unknown environment id with a GraphQL error and no data', async () => {
    const res = await post(MODELS_PAGE, { environmentId: '70403103985023', first: 1 });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].message).toMatch(/not found/);
  });

  it('keeps every digit of a long BigInt id, as a variable or a literal', async () => {
    const long = '12345678901234567';
    const other = await startMockDiscovery({ artifacts: demo, token: TOKEN, environmentId: long });
    try {
      const q = (id: string) => fetch(other.url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ query: `query { environment(id: ${id}) { dbtProjectName } }` }) }).then((r) => r.json() as Promise<Json>);
      expect((await q(long)).data.environment.dbtProjectName).toBe('demo_shop');
      // 12345678901234567 and ...568 are the same JS number: a mock that used numbers would accept this.
      expect((await q('12345678901234568')).data).toBeNull();
    } finally {
      await other.close();
    }
    const lit = await post(`query { environment(id: ${ENV}) { adapterType } }`);
    expect(lit.body.data.environment.adapterType).toBe('snowflake');
  });
});

describe('over TLS', () => {
  it('serves https with the given certificate, as the e2e tests need for metadata.cloud.getdbt.com', async () => {
    const tls = await generateTestTls();
    const secure = await startMockDiscovery({ artifacts: demo, token: TOKEN, environmentId: ENV, tls });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
      const body = JSON.stringify({ query: `query { environment(id: ${ENV}) { dbtProjectName } }` });
      const answer = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest(secure.url, { method: 'POST', ca: tls.cert, servername: 'localhost', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(JSON.parse(answer)).toEqual({ data: { environment: { dbtProjectName: 'demo_shop' } } });
    } finally {
      await secure.close();
    }
  });
});

describe.skipIf(!existsSync(FIXTURES))('swapping artifacts', () => {
  it('serves the real BigQuery jaffle-shop after setArtifacts, never-run Snowflake nodes with null execution info', async () => {
    const query = `query { environment(id: ${ENV}) { adapterType applied { models(first: 500) { totalCount edges { node { uniqueId executionInfo { lastRunStatus } } } } } } }`;
    try {
      mock.setArtifacts(loadArtifactsFromDir(FIXTURES, 'bigquery-jaffle-shop'));
      const bigquery = (await post(query)).body.data.environment;
      expect(bigquery.adapterType).toBe('bigquery');
      expect(bigquery.applied.models.totalCount).toBe(36);
      mock.setArtifacts(loadArtifactsFromDir(FIXTURES, 'snowflake-jaffle-shop'));
      const snowflake = (await post(query)).body.data.environment.applied.models;
      expect(snowflake.totalCount).toBe(15);
      expect(snowflake.edges.every((e: Json) => e.node.executionInfo === null)).toBe(true);
    } finally {
      mock.setArtifacts(demo);
    }
  });
});
