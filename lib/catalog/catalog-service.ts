/**
 * The background's catalog: one `Environment` per configured source, keyed by the source's key.
 * It answers lookups from every index (the same relation in two environments is ambiguous),
 * serves stale-while-revalidate, runs at most one sync per environment and publishes one status.
 * Everything it touches comes in as an argument: it never sees a token, a config or a browser API.
 */
import { err, ok, type Result } from '../result';
import { Environment, type EnvironmentSpec } from './environment';
import { computeExposureHealth } from './health';
import type { CatalogError } from './errors';
import type { IndexStore } from './index-store';
import { combineStatuses, INITIAL_SYNC_STATUS, type SyncStatus } from './sync-status';
import type { NodeDetails, SourceError } from './source';
import type { DetailsAnswer, ExposureMatch, ModelDetails, ModelSummary, NameMatch } from './types';

export type { EnvironmentSpec } from './environment';

/** What the effective config says, as the catalog needs it (the background builds the sources). */
export interface CatalogSetup {
  environments: EnvironmentSpec[];
  /** Why the settings cannot be used yet; empty when they can. */
  problems: string[];
}

export interface CatalogServiceDeps {
  /** The setup from the effective config; asked for again only after `reconfigure()`. */
  loadSetup(): Promise<CatalogSetup>;
  store: IndexStore;
  readStatus(): Promise<SyncStatus>;
  publishStatus(status: SyncStatus): Promise<void>;
  /** A sync changed what these environments' indexes say: open pages re-resolve their names. */
  onIndexChanged?(environmentKeys: string[]): void;
  /** dbt Markdown → HTML for the doc card (rendered here, sanitised on the page). */
  renderMarkdown(markdown: string | null): string | null;
  now(): Date;
  sleep?(ms: number): Promise<void>;
}

export interface SyncRequest {
  /** Refresh now: page through even when the source says nothing changed. */
  force?: boolean;
  /** One environment (a scheduled sync); all of them when absent. */
  environment?: string;
}

export interface CatalogService {
  resolve(keys: string[]): Promise<Result<NameMatch[], CatalogError>>;
  details(uniqueId: string, environment?: string): Promise<Result<DetailsAnswer, CatalogError>>;
  exposuresForUrl(url: string): Promise<Result<ExposureMatch[], CatalogError>>;
  sync(request?: SyncRequest): Promise<SyncStatus>;
  status(): Promise<SyncStatus>;
  /** The effective config changed: read it again; environments whose settings changed sync. */
  reconfigure(): Promise<{ changed: string[] }>;
  /** The configured environments, for the scheduler: key and refresh interval. */
  environments(): Promise<Array<{ key: string; refreshMinutes: number }>>;
}

export function createCatalogService(deps: CatalogServiceDeps): CatalogService {
  const environments = new Map<string, Environment>();
  let problems: string[] = [];
  let setup: Promise<void> | null = null;

  const publish = () => {
    const statuses = [...environments.values()].map((e) => ({ key: e.key, status: e.status }));
    const status: SyncStatus =
      problems.length > 0 || statuses.length === 0
        ? { ...INITIAL_SYNC_STATUS, phase: 'unconfigured', problems }
        : combineStatuses(statuses);
    deps.publishStatus(status).catch(() => {});
    return status;
  };

  /**
   * Applies a setup; returns the keys of environments that are new or whose source settings
   * changed (they sync), and of those whose verdicts changed without a sync (stale-after hours).
   */
  function apply(next: CatalogSetup): { changed: string[]; verdicts: string[] } {
    problems = next.problems;
    const changed: string[] = [];
    const verdicts: string[] = [];
    const keys = new Set(next.environments.map((s) => s.source.key));
    for (const key of environments.keys()) if (!keys.has(key)) environments.delete(key);
    for (const spec of next.environments) {
      const existing = environments.get(spec.source.key);
      if (!existing) {
        const peers = () => environments.values();
        environments.set(spec.source.key, new Environment(spec, { store: deps.store, now: deps.now, sleep: deps.sleep, onStatus: publish, peers }));
        changed.push(spec.source.key);
      } else {
        if (existing.spec.revision !== spec.revision) changed.push(spec.source.key);
        // Same index, other verdicts or another project name on the cards: pages re-resolve.
        else if ((existing.spec.staleAfterHours !== spec.staleAfterHours || existing.spec.name !== spec.name) && existing.index) {
          verdicts.push(spec.source.key);
        }
        existing.spec = spec;
      }
    }
    return { changed, verdicts };
  }

  /** The setup, read once; a failed read is tried again by the next caller. */
  const ready = () =>
    (setup ??= deps.loadSetup().then(
      (s) => void apply(s),
      (error: unknown) => {
        setup = null;
        throw error;
      },
    ));

  function cardDetails(env: Environment, node: ModelSummary, fetched: NodeDetails): ModelDetails {
    const { description, columns, lastRunError, explorerUrl, lastSuccessRunUrl, testErrors, about } = fetched;
    return {
      // With the upstream sources of other configured projects it reads (dbt Mesh).
      summary: env.meshed(node).node,
      description,
      descriptionHtml: deps.renderMarkdown(description),
      columns: columns.map((c) => ({ ...c, descriptionHtml: deps.renderMarkdown(c.description) })),
      lastRunError,
      explorerUrl,
      lastSuccessRunUrl,
      ...(testErrors ? { testErrors } : {}),
      ...(about ? { about } : {}),
    };
  }

  /**
   * dbt cannot answer for the card (a 503, the network, a rotated token): the card still opens on
   * what the last good index says (and the particulars fetched under it, if any), with its age.
   */
  function answerFromIndex(env: Environment, node: ModelSummary, error: SourceError): Result<DetailsAnswer, CatalogError> {
    const syncedAt = env.syncedAt();
    if (!syncedAt) return err(error);
    const kept = env.keptDetails(node.uniqueId);
    const details: ModelDetails = kept
      ? cardDetails(env, node, kept)
      : { summary: env.meshed(node).node, description: null, descriptionHtml: null, columns: [], lastRunError: null, explorerUrl: null, lastSuccessRunUrl: null };
    const { lastRunError, testErrors } = details;
    return ok({
      details,
      verdict: env.cardVerdictOf(node, { lastRunError, testErrors }),
      asOf: syncedAt,
      ...(kept ? {} : { missing: `The description and columns could not be loaded: ${error.message}` }),
    });
  }

  async function usable(): Promise<Result<Environment[], CatalogError>> {
    await ready();
    if (problems.length > 0 || environments.size === 0) {
      return err({ kind: 'notConfigured', message: `Docent is not set up yet: ${problems.join(' ')}`.trim() });
    }
    const all = [...environments.values()];
    await Promise.all(all.map((e) => e.load()));
    return ok(all);
  }

  async function syncAll(envs: Environment[], force: boolean): Promise<SyncStatus> {
    await Promise.all(envs.map((e) => e.sync({ force })));
    const changed = envs.filter((e) => e.takeChanged()).map((e) => e.key);
    if (changed.length > 0) deps.onIndexChanged?.(changed);
    return publish();
  }

  return {
    /**
     * The status as stored, after starting any sync that is due (a missing or stale index): the popup
     * and the options page ask on open, which also wakes a stopped service worker (docs/reliability.md).
     */
    async status() {
      const envs = await usable().catch(() => null);
      if (envs?.ok) {
        const due = envs.value.filter((e) => (!e.index || e.isStale()) && !e.syncing && !e.coolingDown());
        if (due.length > 0) void syncAll(due, false);
      }
      return deps.readStatus();
    },

    async sync(request = {}) {
      try {
        await ready();
      } catch (error) {
        return { ...INITIAL_SYNC_STATUS, phase: 'error', error: { kind: 'internal', message: String(error).slice(0, 200) } };
      }
      if (problems.length > 0 || environments.size === 0) return publish();
      const envs = [...environments.values()].filter((e) => !request.environment || e.key === request.environment);
      return syncAll(envs, Boolean(request.force));
    },

    async reconfigure() {
      let result = { changed: [] as string[], verdicts: [] as string[] };
      setup = deps.loadSetup().then((s) => void (result = apply(s)));
      await setup;
      const { changed, verdicts } = result;
      if (problems.length > 0) publish();
      else if (changed.length > 0) void syncAll(changed.map((k) => environments.get(k)!), false);
      // Same index, other verdicts: open pages re-resolve the names they have, once.
      if (verdicts.length > 0) deps.onIndexChanged?.(verdicts);
      return { changed };
    },

    async environments() {
      await ready();
      return [...environments.values()].map((e) => ({ key: e.key, refreshMinutes: e.spec.refreshMinutes }));
    },

    async resolve(keys) {
      const envs = await usable();
      if (!envs.ok) return envs;
      // The first page load after setup waits for the first sync; later ones never wait.
      const missing = envs.value.filter((e) => !e.index && !e.coolingDown());
      if (missing.length > 0) await syncAll(missing, false);
      const stale = envs.value.filter((e) => e.index && e.isStale() && !e.syncing && !e.coolingDown());
      if (stale.length > 0) void syncAll(stale, false);

      const several = envs.value.length > 1;
      const byKey = new Map<string, NameMatch>();
      for (const env of envs.value) {
        for (const match of env.index?.lookup(keys, env.verdictOf) ?? []) {
          const candidates = several ? match.candidates.map((c) => ({ ...c, environment: env.key, project: env.project })) : match.candidates;
          const existing = byKey.get(match.key);
          if (existing) existing.candidates.push(...candidates);
          else byKey.set(match.key, { key: match.key, candidates });
        }
      }
      return ok([...byKey.values()]);
    },

    async details(uniqueId, environment) {
      const envs = await usable();
      if (!envs.ok) return envs;
      const env = envs.value.find((e) => (environment ? e.key === environment : e.index?.get(uniqueId)));
      const node = env?.index?.get(uniqueId);
      if (!env || !node) return err({ kind: 'unknownModel', message: `Docent does not know ${uniqueId}; try Refresh now.` });
      const fetched = await env.details(node);
      if (!fetched.ok) return answerFromIndex(env, node, fetched.error);
      if (!fetched.value) {
        return err({
          kind: 'notFound',
          message: `dbt no longer knows ${uniqueId} in this environment; it may have been removed since the last sync.`,
        });
      }
      const details = cardDetails(env, node, fetched.value);
      const { lastRunError, testErrors } = details;
      // The card's verdict adds what the badge's cannot afford: error lines and degraded ancestors.
      return ok({ details, verdict: env.cardVerdictOf(node, { lastRunError, testErrors }), asOf: env.asOf() });
    },

    async exposuresForUrl(url) {
      const envs = await usable();
      if (!envs.ok) return envs;
      const several = envs.value.length > 1;
      const matches: ExposureMatch[] = [];
      for (const env of envs.value) {
        for (const exposure of env.exposures?.forUrl(url) ?? []) {
          const parents = exposure.parentIds.flatMap((id) => {
            const node = env.index?.get(id);
            if (!node) return [];
            const candidate = env.index!.candidate(node, env.verdictOf);
            return [several ? { ...candidate, environment: env.key, project: env.project } : candidate];
          });
          const verdict = computeExposureHealth(exposure, (id) => env.index?.get(id), { now: deps.now() });
          matches.push({ uniqueId: exposure.uniqueId, name: exposure.name, url: exposure.url!, exposureType: exposure.exposureType, parents, verdict });
        }
      }
      return ok(matches);
    },
  };
}
