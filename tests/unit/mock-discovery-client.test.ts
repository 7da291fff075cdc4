// @vitest-environment node
/**
 * The extension's own Discovery client and sync, end to end over HTTP against the mock serving the
 * demo shop: the badges' verdicts must come out as DEMO_FACTS promises, and each failure the mock
 * can produce must reach the client as its own error kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeHealth } from '../../lib/catalog/health';
import { syncFromSource } from '../../lib/catalog/sync';
import type { ModelSummary } from '../../lib/catalog/types';
import { createDiscoveryClient } from '../../lib/discovery/client';
import { MODEL_DETAILS } from '../../lib/discovery/queries';
import { RequestGate } from '../../lib/discovery/request-gate';
import { createDiscoverySource } from '../../lib/discovery/source';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { startMockDiscovery, type MockDiscovery } from '../support/mock-discovery';

const NOW = new Date();
const TOKEN = 'dbtc_client_test_token';
const ENV = '70403103985022';
let mock: MockDiscovery;

beforeAll(async () => {
  mock = await startMockDiscovery({ artifacts: generateDemoProject({ now: NOW }), token: TOKEN, environmentId: ENV });
});
afterAll(() => mock.close());

const client = (overrides: { token?: string; environmentId?: string } = {}) =>
  createDiscoveryClient({ endpoint: mock.url, token: overrides.token ?? TOKEN, environmentId: overrides.environmentId ?? ENV, gate: new RequestGate(), sleep: async () => {} });

describe('the sync against the mock demo shop', () => {
  let byId: Map<string, ModelSummary>;
  const health = (id: string) => computeHealth(byId.get(id)!, { now: NOW, staleAfterHours: null }).health;

  beforeAll(async () => {
    const source = createDiscoverySource({ client: client(), endpoint: mock.url, links: { appOrigin: null, accountId: null } });
    const result = await syncFromSource(source);
    if (!result.ok) throw new Error(result.error.message);
    if (result.value.kind !== 'fetched') throw new Error('a first sync fetches');
    byId = new Map(result.value.nodes.map((s) => [s.uniqueId, s]));
  });

  it('brings every model, seed, snapshot and source', () => {
    const count = (type: string) => [...byId.values()].filter((s) => s.resourceType === type).length;
    expect([count('model'), count('seed'), count('snapshot'), count('source')]).toEqual([DEMO_FACTS.modelCount, DEMO_FACTS.seedCount, DEMO_FACTS.snapshotCount, DEMO_FACTS.sourceCount]);
  });

  it('gives each promised state its verdict', () => {
    expect(health(DEMO_FACTS.healthyModel)).toBe('healthy');
    expect(health(DEMO_FACTS.failingTest.model)).toBe('degraded');
    expect(health(DEMO_FACTS.erroredModel.uniqueId)).toBe('degraded');
    expect(health(DEMO_FACTS.freshnessError.model)).toBe('degraded');
    expect(health(DEMO_FACTS.warnedTest.model)).toBe('caution');
    expect(health(DEMO_FACTS.freshnessWarn.model)).toBe('caution');
    expect(health(DEMO_FACTS.staleModel.uniqueId)).toBe('caution');
    expect(health(DEMO_FACTS.undescribedModel)).toBe('caution');
    expect(health(DEMO_FACTS.neverRunModel)).toBe('unknown');
    expect(health(DEMO_FACTS.freshnessError.source)).toBe('degraded');
    // dbt Catalog: a source without a freshness check is caution, not unknown.
    expect(health(DEMO_FACTS.uncheckedSource)).toBe('caution');
  });

  it('keeps the last successful build\'s time when the latest run failed', () => {
    const errored = byId.get(DEMO_FACTS.erroredModel.uniqueId)!;
    expect(errored.lastRunStatus).toBe('error');
    expect(errored.lastSuccessAt).not.toBeNull();
    expect(Date.parse(errored.lastSuccessAt!)).toBeLessThan(Date.parse(errored.lastRunAt!));
    const healthy = byId.get(DEMO_FACTS.healthyModel)!;
    expect(Date.parse(healthy.lastSuccessAt!)).toBeLessThanOrEqual(Date.parse(healthy.lastRunAt!) + 24 * 3600_000);
  });

  it('keeps long run ids exact', () => {
    expect(byId.get(DEMO_FACTS.erroredModel.uniqueId)).toMatchObject({ lastRunId: DEMO_FACTS.runs.daily.runId, lastSuccessRunId: DEMO_FACTS.runs.fullBuild.runId });
  });

  it('fetches one model\'s details', async () => {
    const result = await client().query<{ environment: { applied: { models: { edges: { node: { executionInfo: { lastRunError: string } } }[] } } } }>(MODEL_DETAILS, { uniqueIds: [DEMO_FACTS.erroredModel.uniqueId], first: 1 });
    expect(result.ok && result.value.environment.applied.models.edges[0]!.node.executionInfo.lastRunError).toBe(DEMO_FACTS.erroredModel.message);
  });
});

describe('failures the client must tell apart', () => {
  const probe = 'query Probe($environmentId: BigInt!) { environment(id: $environmentId) { dbtProjectName } }';

  it('a wrong token is unauthorized', async () => {
    const result = await client({ token: 'dbtc_wrong' }).query(probe);
    expect(!result.ok && result.error.kind).toBe('unauthorized');
  });

  it('an unknown environment is notFound', async () => {
    const result = await client({ environmentId: '70403103985099' }).query(probe);
    expect(!result.ok && result.error.kind).toBe('notFound');
  });

  it('a 429 is rateLimited, with the wait dbt asked for', async () => {
    mock.failNext({ status: 429, retryAfterSeconds: 42 });
    const result = await client().query(probe);
    expect(!result.ok && result.error).toMatchObject({ kind: 'rateLimited', retryAfterSeconds: 42 });
  });

  it('a 503 is a server error, a 403 forbidden', async () => {
    mock.failNext({ status: 503 });
    const server = await client().query(probe);
    expect(!server.ok && server.error.kind).toBe('server');
    mock.failNext({ status: 403 });
    const forbidden = await client().query(probe);
    expect(!forbidden.ok && forbidden.error.kind).toBe('forbidden');
  });
});
