/**
 * What a sync costs, against the mock Discovery API over HTTP, on a generated company-sized project
 * (tests/support/large-project.ts: 10,000 models, 500 sources at full size). Prints figures only;
 * docs/performance.md records them and says how to read them. Run: `npm run bench -- sync`.
 *
 * - first sync: requests, bytes, time, and what the per-browser request budget makes it wait;
 * - re-sync with nothing changed; re-sync after one model was rebuilt;
 * - index memory (as the sync builds it, and as a restarted service worker reads it back);
 * - resolving 500 names against the index;
 * - upstream sources through `parents` (computed here) against `ancestors(types: [Source])`, and
 *   what the descriptions cost (the schema has no "has a description" field);
 * - the company-scale model built from these figures.
 */
import 'fake-indexeddb/auto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSetupBuilder } from '../../lib/background/sources';
import { createCatalogService } from '../../lib/catalog/catalog-service';
import { ExposureIndex } from '../../lib/catalog/exposures';
import { idbIndexStore } from '../../lib/catalog/index-store';
import { ModelIndex } from '../../lib/catalog/model-index';
import { INITIAL_SYNC_STATUS } from '../../lib/catalog/sync-status';
import { internStrings } from '../../lib/catalog/intern';
import { syncFromSource } from '../../lib/catalog/sync';
import { DEFAULT_SETTINGS } from '../../lib/config/settings';
import type { EffectiveConfig } from '../../lib/config/storage';
import { createDiscoveryClient } from '../../lib/discovery/client';
import { readPage } from '../../lib/discovery/paging';
import { MODELS_PAGE } from '../../lib/discovery/queries';
import { DEFAULT_MAX_PER_MINUTE, RequestGate } from '../../lib/discovery/request-gate';
import { generateLargeProject } from '../support/large-project';
import { startMockDiscovery } from '../support/mock-discovery';

const FULL = process.env.DOCENT_BENCH === 'full';
const MODELS = FULL ? 10_000 : 1_000;
const SOURCES = FULL ? 500 : 50;
const TOKEN = 'dbtc_bench';
const ENV = '70403103985022';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const now = new Date();
let started = performance.now();
const project = generateLargeProject({ models: MODELS, sources: SOURCES, now });
const mock = await startMockDiscovery({ artifacts: project, token: TOKEN, environmentId: ENV });
console.log(`sync of a ${MODELS.toLocaleString('en')}-model, ${SOURCES}-source project against the mock Discovery API over HTTP (generated and served in ${s(performance.now() - started)}):`);

/** Every response body counted as it arrives, as a service worker would receive it. */
const wire = { requests: 0, bytes: 0 };
const countingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const body = await response.clone().arrayBuffer();
  wire.requests += 1;
  wire.bytes += body.byteLength;
  return response;
};
const measure = async <T>(run: () => Promise<T>) => {
  const before = { ...wire };
  const t0 = performance.now();
  const value = await run();
  return { value, requests: wire.requests - before.requests, bytes: wire.bytes - before.bytes, ms: performance.now() - t0 };
};

const effective: EffectiveConfig = {
  settings: { ...DEFAULT_SETTINGS, serviceToken: TOKEN, environmentId: ENV, refreshMinutes: 15 },
  endpoint: mock.url,
  appOrigin: null,
  locked: [],
  problems: [],
  warnings: [],
};

/** A catalog as the background builds it, with a virtual clock for the request budget's waits. */
function catalog(maxPerMinute?: number) {
  let waited = 0;
  const clock = () => Date.now() + waited;
  const sleep = async (ms: number) => void (waited += ms);
  const gate = new RequestGate({ now: clock, ...(maxPerMinute ? { maxPerMinute } : {}) });
  const build = createSetupBuilder({ gate, fetch: countingFetch, sleep });
  const service = createCatalogService({
    loadSetup: async () => build(effective),
    store: idbIndexStore,
    readStatus: async () => INITIAL_SYNC_STATUS,
    publishStatus: async () => {},
    renderMarkdown: (md) => md,
    now: () => new Date(clock()),
  });
  return { service, waited: () => waited };
}

const key = `${mock.url}#${ENV}`;
await idbIndexStore.clear(key);
const { service, waited } = catalog();
const first = await measure(() => service.sync());
console.log(`  first sync: ${first.requests} requests (target ≤ ${Math.ceil(MODELS / 500) + 5}), ${mb(first.bytes)}, ${s(first.ms)} on the wire, ${s(waited())} waiting for the request budget`);
// The same first sync under the old budget of 20 requests a minute, side by side.
await idbIndexStore.clear(key);
const old = catalog(20);
const underOldBudget = await measure(() => old.service.sync());
console.log(`    the same sync with a budget of 20 a minute: ${underOldBudget.requests} requests, ${s(old.waited())} waiting; with ${DEFAULT_MAX_PER_MINUTE} a minute (now): ${s(waited())}`);

const unchanged = await measure(() => service.sync());
console.log(`  re-sync, nothing changed: ${unchanged.requests} request(s), ${unchanged.bytes} bytes, ${unchanged.ms.toFixed(0)} ms`);

mock.setArtifacts(generateLargeProject({ models: MODELS, sources: SOURCES, now, rebuiltModel: 42 }));
const oneChanged = await measure(() => service.sync());
console.log(`  re-sync after one model was rebuilt: ${oneChanged.requests} requests, ${mb(oneChanged.bytes)}, ${s(oneChanged.ms)}`);

// Index memory, as a restarted service worker holds it: the snapshot read back from IndexedDB
// (a structured clone, like IndexedDB's), its strings shared, and the lookup maps built on it.
const stored = await idbIndexStore.load(key);
if (!stored) throw new Error('nothing stored');
let before = heapUsed();
const reread = structuredClone(stored);
const unshared = heapUsed() - before;
internStrings(reread.nodes, reread.exposures);
const held = { index: new ModelIndex(reread.nodes), exposures: new ExposureIndex(reread.exposures) };
const indexBytes = heapUsed() - before;
console.log(`  index memory (${held.index.size.toLocaleString('en')} nodes, ${reread.exposures.length} exposures): ${mb(indexBytes)} with its lookup maps (target ≤ 20 MB); the nodes alone before sharing strings: ${mb(unshared)}`);

// Resolving 500 names, half of them known, the way a busy dashboard asks.
const names = Array.from({ length: 500 }, (_, i) =>
  i % 2 === 0 ? `analytics.marts.fct_${String(MODELS - 1 - i).padStart(5, '0')}` : `analytics.marts.not_a_model_${i}`,
);
const rounds: number[] = [];
let found = 0;
for (let i = 0; i < 21; i++) {
  const t0 = performance.now();
  const answer = await service.resolve(names);
  rounds.push(performance.now() - t0);
  found = answer.ok ? answer.value.length : -1;
}
rounds.sort((a, b) => a - b);
console.log(`  resolving 500 names (${found} known): ${rounds[10]!.toFixed(2)} ms median of 21`);

// Upstream sources: parents (computed over the graph here) against ancestors per model.
const client = createDiscoveryClient({ endpoint: mock.url, token: TOKEN, environmentId: ENV, gate: new RequestGate({ maxPerMinute: 10_000 }), fetch: countingFetch });
async function pageAll(document: string) {
  return measure(async () => {
    let after: string | null = null;
    do {
      let page: Awaited<ReturnType<typeof readPage<unknown>>> = await readPage<unknown>(client, document, 'models', 500, after);
      // A kept-alive socket the server just closed: asked again from the same cursor, as a sync would.
      for (let attempt = 1; !page.ok && attempt <= 3; attempt++) page = await readPage<unknown>(client, document, 'models', 500, after);
      if (!page.ok) throw new Error(page.error.message);
      after = page.value.next;
    } while (after);
  });
}
const viaParents = await pageAll(MODELS_PAGE);
const viaAncestors = await pageAll(MODELS_PAGE.replace('parents { uniqueId }', 'ancestors(types: [Source]) { uniqueId }'));
const withoutDescriptions = await pageAll(MODELS_PAGE.replace('projectId description', 'projectId'));
console.log(`  models pages with parents: ${mb(viaParents.bytes)}, ${s(viaParents.ms)}; with ancestors(types: [Source]): ${mb(viaAncestors.bytes)}, ${s(viaAncestors.ms)} → ${viaParents.bytes <= viaAncestors.bytes ? 'parents kept' : 'ancestors would be smaller'}`);
console.log(`  descriptions in the models pages (no "has a description" field in the schema): ${mb(viaParents.bytes - withoutDescriptions.bytes)} of ${mb(viaParents.bytes)}`);

// Company scale, from the figures above and from a small project (≤ 500 of each kind) synced the same way.
const small = await startMockDiscovery({ artifacts: generateLargeProject({ models: 400, sources: 40, now }), token: TOKEN, environmentId: ENV });
const smallSource = createSetupBuilder({ gate: new RequestGate({ maxPerMinute: 10_000 }), fetch: countingFetch })({ ...effective, endpoint: small.url }).environments[0]!.source;
const smallSync = await measure(() => syncFromSource(smallSource));
await small.close();
const BROWSERS = 1_000;
const LIMIT = 500;
const JOB_MINUTES = 60;
console.log(`  company scale: ${BROWSERS.toLocaleString('en')} browsers on one account, dbt jobs every ${JOB_MINUTES} min, dbt's limit ${LIMIT} requests/min`);
console.log(`  (a re-sync after a job costs ${smallSync.requests} requests for a 400-model project, ${oneChanged.requests} for ${MODELS.toLocaleString('en')} models; a check costs 1):`);
for (const [label, changed] of [['400 models', smallSync.requests], [`${MODELS.toLocaleString('en')} models`, oneChanged.requests]] as const) {
  for (const refresh of [15, 60, 120]) {
    // Version checks are spread evenly (jittered ±20 %); after each job every browser re-pages
    // once, at its next check, so those syncs land within one refresh interval: the peak.
    const checks = BROWSERS / refresh;
    const average = checks + (BROWSERS * (changed - 1)) / Math.max(refresh, JOB_MINUTES);
    const peak = checks + (BROWSERS * (changed - 1)) / refresh;
    const mark = peak > LIMIT ? '  ← over the limit' : peak > LIMIT / 2 ? '  ← over half the limit' : '';
    console.log(`    ${label.padEnd(13)} refresh ${String(refresh).padStart(3)} min: ${average.toFixed(0).padStart(4)}/min on average, ${peak.toFixed(0).padStart(4)}/min at the peak${mark}`);
  }
}
const minRefresh = Math.ceil((BROWSERS * oneChanged.requests) / (LIMIT / 2));
console.log(`    for ${MODELS.toLocaleString('en')} models an admin sets refreshMinutes ≥ ${minRefresh} by policy (browsers × ${oneChanged.requests} requests ÷ 250/min keeps the peak under half the limit)`);
console.log(`  (before this work, issue 5 measured 23 requests and 64 s for a first sync, and the same again for every re-sync)`);
await mock.close();
