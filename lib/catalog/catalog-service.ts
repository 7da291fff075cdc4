/**
 * The background's catalog: serves matches and details from the index, stale-while-revalidate,
 * and runs at most one sync at a time. Everything it touches comes in as an argument, so tests
 * drive it with a real client against the mock Discovery API and a fake clock.
 */
import type { DiscoveryClient } from '../discovery/client';
import type { DetailsAnswer, DocentError, NameMatch } from '../messaging';
import { err, ok, type Result } from '../result';
import { fetchDetails } from './details';
import { computeHealth } from './health';
import type { IndexSnapshot, IndexStore } from './index-store';
import { ModelIndex } from './model-index';
import { fetchCatalog } from './sync';
import { INITIAL_SYNC_STATUS, type SyncStatus } from './sync-status';
import type { HealthVerdict, ModelDetails, ModelSummary } from './types';

/** What the catalog needs of the settings (lib/config's effective config, narrowed). */
export interface CatalogConfig {
  endpoint: string | null;
  token: string;
  environmentId: string;
  accountId: string | null;
  appOrigin: string | null;
  refreshMinutes: number;
  staleAfterHours: number | null;
  /** Why the settings cannot be used yet; empty when they can. */
  problems: string[];
}

export interface CatalogServiceDeps {
  loadConfig(): Promise<CatalogConfig>;
  createClient(config: CatalogConfig & { endpoint: string }): DiscoveryClient;
  store: IndexStore;
  readStatus(): Promise<SyncStatus>;
  publishStatus(status: SyncStatus): Promise<void>;
  /** Called after a sync whose nodes differ from the index's before it (open pages redraw). */
  onIndexChanged?(): void;
  now(): Date;
}

export interface CatalogService {
  resolve(keys: string[]): Promise<Result<NameMatch[], DocentError>>;
  details(uniqueId: string): Promise<Result<DetailsAnswer, DocentError>>;
  sync(): Promise<SyncStatus>;
  status(): Promise<SyncStatus>;
}

const environmentKey = (c: CatalogConfig) => `${c.endpoint}#${c.environmentId}`;

/** How long page loads leave a failed sync alone before trying again (Refresh now always tries). */
const AUTO_RETRY_AFTER_MS = 60_000;

export function createCatalogService(deps: CatalogServiceDeps): CatalogService {
  let snapshot: IndexSnapshot | null = null;
  let index: ModelIndex | null = null;
  let running: { key: string; promise: Promise<SyncStatus> } | null = null;
  let lastFailureAt = -Infinity;
  let client: { key: string; client: DiscoveryClient } | null = null;
  const detailsCache = new Map<string, { at: number; details: ModelDetails }>();

  const clientFor = (config: CatalogConfig & { endpoint: string }) => {
    const key = JSON.stringify([config.endpoint, config.token, config.environmentId]);
    if (client?.key !== key) client = { key, client: deps.createClient(config) };
    return client.client;
  };

  /** The index for these settings: in memory, else from IndexedDB; none for other settings. */
  async function indexFor(config: CatalogConfig): Promise<ModelIndex | null> {
    if (snapshot?.environmentKey === environmentKey(config)) return index;
    const stored = await deps.store.load();
    if (stored?.environmentKey !== environmentKey(config)) return null;
    snapshot = stored;
    index = new ModelIndex(stored.nodes);
    return index;
  }

  const verdict = (config: CatalogConfig) => (node: ModelSummary): HealthVerdict =>
    computeHealth(node, { now: deps.now(), staleAfterHours: config.staleAfterHours });

  const isStale = (config: CatalogConfig) =>
    !snapshot || deps.now().getTime() - Date.parse(snapshot.syncedAt) > config.refreshMinutes * 60_000;

  /** A sync's failure not from dbt (IndexedDB refused a write, storage failed): still a status. */
  async function failedInternally(error: unknown, kept: Partial<SyncStatus>): Promise<SyncStatus> {
    lastFailureAt = deps.now().getTime();
    const text = error instanceof Error ? error.message : String(error);
    const status: SyncStatus = {
      ...(await deps.readStatus().catch(() => INITIAL_SYNC_STATUS)),
      ...kept,
      phase: 'error',
      error: { kind: 'internal', message: `Docent could not keep its copy of your models in this browser (${text.slice(0, 200)}).` },
      problems: [],
      progress: null,
    };
    await deps.publishStatus(status).catch(() => {});
    return status;
  }

  async function runSync(config: CatalogConfig): Promise<SyncStatus> {
    let kept: Pick<SyncStatus, 'modelCount' | 'counts' | 'syncedAt'> = { modelCount: 0, counts: null, syncedAt: null };
    try {
      if (config.problems.length > 0 || !config.endpoint) {
        const previous = await deps.readStatus();
        const status: SyncStatus = { ...previous, phase: 'unconfigured', problems: config.problems, error: null, progress: null };
        await deps.publishStatus(status);
        return status;
      }
      const current = await indexFor(config);
      const counts = current?.counts() ?? null;
      kept = { modelCount: counts?.model ?? 0, counts, syncedAt: current ? snapshot!.syncedAt : null };
      const syncing = (progress: SyncStatus['progress']): SyncStatus => ({ phase: 'syncing', ...kept, error: null, problems: [], progress });
      await deps.publishStatus(syncing({ loaded: 0, total: null }));
      const result = await fetchCatalog(clientFor({ ...config, endpoint: config.endpoint }), (progress) => {
        deps.publishStatus(syncing(progress)).catch(() => {});
      });
      let status: SyncStatus;
      if (result.ok) {
        // Most syncs find nothing new (no dbt job ran since): then open pages are left alone.
        const changed = !current || JSON.stringify(current.nodes) !== JSON.stringify(result.value);
        snapshot = { environmentKey: environmentKey(config), syncedAt: deps.now().toISOString(), nodes: result.value };
        index = new ModelIndex(result.value);
        detailsCache.clear();
        await deps.store.save(snapshot);
        if (changed) deps.onIndexChanged?.();
        const nodeCounts = index.counts();
        status = { phase: 'ready', modelCount: nodeCounts.model, counts: nodeCounts, syncedAt: snapshot.syncedAt, error: null, problems: [], progress: null };
      } else {
        lastFailureAt = deps.now().getTime();
        // The last good index keeps serving badges; the status says how old it is.
        status = { phase: 'error', ...kept, error: result.error, problems: [], progress: null };
      }
      await deps.publishStatus(status);
      return status;
    } catch (error) {
      return failedInternally(error, kept);
    }
  }

  /**
   * One sync at a time per settings. A sync asked for with other settings than the running one's
   * (Save pressed during a sync) runs after it, so Save is answered about what was saved.
   */
  async function sync(): Promise<SyncStatus> {
    let config: CatalogConfig;
    try {
      config = await deps.loadConfig();
    } catch (error) {
      return failedInternally(error, {});
    }
    const key = JSON.stringify([config.endpoint, config.token, config.environmentId, config.problems]);
    if (running?.key === key) return running.promise;
    const before = running?.promise ?? Promise.resolve();
    const promise: Promise<SyncStatus> = before
      .catch(() => undefined)
      .then(() => runSync(config))
      .finally(() => {
        if (running?.promise === promise) running = null;
      });
    running = { key, promise };
    return promise;
  }

  /** After a failed sync, page loads do not start another for a while: a broken setup stays quiet. */
  const coolingDown = () => deps.now().getTime() - lastFailureAt < AUTO_RETRY_AFTER_MS;

  async function usableConfig(): Promise<Result<CatalogConfig, DocentError>> {
    const config = await deps.loadConfig();
    if (config.problems.length > 0 || !config.endpoint) {
      return err({ kind: 'notConfigured', message: `Docent is not set up yet: ${config.problems.join(' ')}` });
    }
    return ok(config);
  }

  return {
    sync,
    status: () => deps.readStatus(),

    async resolve(keys) {
      const config = await usableConfig();
      if (!config.ok) return config;
      let current = await indexFor(config.value);
      // The first page load after setup waits for the first sync; later ones never wait.
      if (!current && !coolingDown()) {
        await sync();
        current = await indexFor(config.value);
      } else if (current && isStale(config.value) && !running && !coolingDown()) {
        void sync();
      }
      return ok(current ? current.lookup(keys, verdict(config.value)) : []);
    },

    async details(uniqueId) {
      const config = await usableConfig();
      if (!config.ok) return config;
      const node = (await indexFor(config.value))?.get(uniqueId);
      if (!node) return err({ kind: 'unknownModel', message: `Docent does not know ${uniqueId}; try Refresh now.` });
      // Keyed by environment too: the same unique id names another model in another project.
      const cacheKey = `${environmentKey(config.value)}|${uniqueId}`;
      const cached = detailsCache.get(cacheKey);
      const now = deps.now().getTime();
      let details = cached && now - cached.at < config.value.refreshMinutes * 60_000 ? cached.details : null;
      if (!details) {
        const links = { appOrigin: config.value.appOrigin, accountId: config.value.accountId, environmentId: config.value.environmentId };
        const fetched = await fetchDetails(clientFor({ ...config.value, endpoint: config.value.endpoint! }), node, links);
        if (!fetched.ok) return fetched;
        details = fetched.value;
        detailsCache.set(cacheKey, { at: now, details });
      }
      // The card's verdict adds what the badge's cannot afford: error lines and degraded ancestors.
      const current = index;
      const cardVerdict = computeHealth(
        node,
        { now: deps.now(), staleAfterHours: config.value.staleAfterHours, lookup: (id) => current?.get(id) },
        { lastRunError: details.lastRunError, testErrors: details.testErrors },
      );
      // A sync that failed since the last good one: the card says how old its facts are.
      const syncedAt = snapshot?.syncedAt ?? null;
      const asOf = syncedAt && lastFailureAt > Date.parse(syncedAt) ? syncedAt : null;
      return ok({ details, verdict: cardVerdict, asOf });
    },
  };
}

/** Narrows lib/config's effective settings to what the catalog needs. */
export function catalogConfigFrom(effective: {
  settings: { serviceToken: string; environmentId: string; accountId: string; refreshMinutes: number; staleAfterHours: number | null };
  endpoint: string | null;
  appOrigin: string | null;
  problems: { message: string }[];
}): CatalogConfig {
  const { settings } = effective;
  return {
    endpoint: effective.endpoint,
    token: settings.serviceToken,
    environmentId: settings.environmentId,
    accountId: settings.accountId || null,
    appOrigin: effective.appOrigin,
    refreshMinutes: settings.refreshMinutes,
    staleAfterHours: settings.staleAfterHours,
    problems: effective.problems.map((p) => p.message),
  };
}
