/**
 * One environment's part of the catalog: its source, its index (in memory, persisted under its
 * key), its one running sync, its details cache and its status. The catalog service holds one of
 * these per configured environment.
 */
import { ok, type Result } from '../result';
import { computeHealth, type HealthParticulars } from './health';
import { ExposureIndex } from './exposures';
import { internStrings } from './intern';
import type { IndexSnapshot, IndexStore } from './index-store';
import { acrossProjects, type MeshPeer, type MeshView } from './mesh';
import { ModelIndex } from './model-index';
import type { CatalogSource, NodeDetails, SourceError } from './source';
import { syncFromSource } from './sync';
import { INITIAL_SYNC_STATUS, type SyncStatus } from './sync-status';
import type { HealthVerdict, ModelSummary } from './types';

/** What the background's config says about one environment. */
export interface EnvironmentSpec {
  source: CatalogSource;
  /** Changes whenever anything the source reads with changes (credentials too): a new sync. */
  revision: string;
  refreshMinutes: number;
  staleAfterHours: number | null;
  /** The project's name as the admin or user configured it; empty: dbt's own name for it. */
  name?: string;
}

export interface EnvironmentDeps {
  store: IndexStore;
  now(): Date;
  sleep?(ms: number): Promise<void>;
  /** A status changed (progress, outcome): the service publishes the aggregate. */
  onStatus(): void;
  /** Every configured environment (this one too): dbt Mesh parents are looked for in the others. */
  peers?(): Iterable<Environment>;
}

/** How long page loads leave a failed sync alone before trying again (Refresh now always tries). */
const AUTO_RETRY_AFTER_MS = 60_000;

export class Environment {
  status: SyncStatus = { ...INITIAL_SYNC_STATUS, phase: 'ready' };
  private snapshot: IndexSnapshot | null = null;
  private loaded: Promise<void> | null = null;
  index: ModelIndex | null = null;
  exposures: ExposureIndex | null = null;
  /** When the source last confirmed the index (a version check counts). */
  private checkedAt = -Infinity;
  private running: { revision: string; force: boolean; promise: Promise<SyncStatus> } | null = null;
  private lastFailureAt = -Infinity;
  private retryNotBefore = -Infinity;
  private readonly detailsCache = new Map<string, { at: number; details: NodeDetails }>();

  constructor(
    public spec: EnvironmentSpec,
    private readonly deps: EnvironmentDeps,
  ) {}

  get key(): string {
    return this.spec.source.key;
  }

  /**
   * The project as the doc card names it: the configured name, else the name dbt reported, else
   * the environment id (a project never synced yet).
   */
  get project(): string {
    const reported = this.spec.source.projectName?.() ?? this.snapshot?.projectName ?? null;
    return this.spec.name?.trim() || reported || `environment ${/#(\d+)$/.exec(this.key)?.[1] ?? this.key}`;
  }

  get syncing(): boolean {
    return this.running !== null;
  }

  /** The persisted index, read once per service worker. */
  load(): Promise<void> {
    this.loaded ??= this.deps.store.load(this.key).then(
      (stored) => {
        if (stored && !this.snapshot) this.swapIn(stored);
      },
      () => {},
    );
    return this.loaded;
  }

  /** The environment id in the source's key (`<endpoint>#<id>`); `null` for artifacts. */
  get environmentId(): string | null {
    return /#(\d+)$/.exec(this.key)?.[1] ?? null;
  }

  /** The other environments with an index, as the mesh looks into them. */
  private meshPeers(): MeshPeer[] {
    const peers: MeshPeer[] = [];
    for (const env of this.deps.peers?.() ?? []) {
      const index = env.index;
      if (env === this || !index) continue;
      peers.push({ project: env.project, environmentId: env.environmentId, get: (id) => index.get(id) });
    }
    return peers;
  }

  /** The node with what other configured projects add to it (dbt Mesh), and the card's lines about them. */
  meshed(node: ModelSummary): MeshView {
    return node.upstreamExternal?.length ? acrossProjects(node, this.meshPeers()) : { node, lines: [] };
  }

  private withOtherProjects(verdict: HealthVerdict, lines: string[]): HealthVerdict {
    return lines.length > 0 ? { ...verdict, otherProjects: lines } : verdict;
  }

  verdictOf = (node: ModelSummary): HealthVerdict => {
    const view = this.meshed(node);
    const verdict = computeHealth(view.node, { now: this.deps.now(), staleAfterHours: this.spec.staleAfterHours });
    return this.withOtherProjects(verdict, view.lines);
  };

  /** The card's verdict; degraded models upstream are looked for in the other projects too. */
  cardVerdictOf(node: ModelSummary, particulars: HealthParticulars): HealthVerdict {
    const index = this.index;
    const peers = this.meshPeers();
    const lookup = (id: string) => index?.get(id) ?? peers.find((p) => p.get(id))?.get(id);
    const view = this.meshed(node);
    const verdict = computeHealth(view.node, { now: this.deps.now(), staleAfterHours: this.spec.staleAfterHours, lookup }, particulars);
    return this.withOtherProjects(verdict, view.lines);
  }

  /** The last good sync's time while a sync has failed since it; `null` when the index is current. */
  asOf(): string | null {
    const syncedAt = this.snapshot?.syncedAt ?? null;
    return syncedAt && this.lastFailureAt > Date.parse(syncedAt) ? syncedAt : null;
  }

  isStale(): boolean {
    return this.deps.now().getTime() - this.checkedAt > this.spec.refreshMinutes * 60_000;
  }

  /** After a failure, page loads do not start another sync for a while: a broken setup stays quiet. */
  coolingDown(): boolean {
    const now = this.deps.now().getTime();
    return now - this.lastFailureAt < AUTO_RETRY_AFTER_MS || now < this.retryNotBefore;
  }

  /**
   * At most one sync per environment: a caller with the same settings joins the running one (two
   * tabs, a Save's storage event and its Refresh now, even a forced one: the running sync asks the
   * same source). One with other settings (a new token saved during a sync) runs after it, so it is
   * answered about what was saved.
   */
  sync(options: { force?: boolean } = {}): Promise<SyncStatus> {
    const { revision } = this.spec;
    const running = this.running;
    if (running && running.revision === revision) return running.promise;
    const promise: Promise<SyncStatus> = (running?.promise ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.runSync(Boolean(options.force)))
      .finally(() => {
        if (this.running?.promise === promise) this.running = null;
      });
    this.running = { revision, force: Boolean(options.force), promise };
    return promise;
  }

  /** Set when a sync changed what the index says; taken once (see `takeChanged`). */
  private changed = false;

  /**
   * Whether the last sync changed the index, answered `true` once: every caller that joined the
   * sync asks, and only the first tells open pages (two tabs and a Save sharing one sync must not
   * make the pages re-resolve three times).
   */
  takeChanged(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  private setStatus(status: SyncStatus): SyncStatus {
    this.status = status;
    this.deps.onStatus();
    return status;
  }

  private kept(): Pick<SyncStatus, 'modelCount' | 'counts' | 'syncedAt'> {
    const counts = this.index?.counts() ?? null;
    return { modelCount: counts?.model ?? 0, counts, syncedAt: this.snapshot?.syncedAt ?? null };
  }

  private async runSync(force: boolean): Promise<SyncStatus> {
    this.changed = false;
    try {
      await this.load();
      const syncing = (progress: SyncStatus['progress']): SyncStatus => ({
        ...this.kept(), phase: 'syncing', error: null, problems: [], progress,
      });
      this.setStatus(syncing({ loaded: 0, total: null }));
      const { source } = this.spec;
      source.setActivityListener?.((activity) => this.setStatus(syncing({ loaded: 0, total: null, activity })));
      const result = await syncFromSource(source, {
        previousVersion: this.snapshot ? this.snapshot.version : undefined,
        force,
        sleep: this.deps.sleep,
        onProgress: (progress) => this.setStatus(syncing(progress)),
      }).finally(() => source.setActivityListener?.(null));
      const now = this.deps.now();
      if (!result.ok) return this.failed(result.error);
      this.checkedAt = now.getTime();
      if (result.value.kind === 'fetched') {
        const { nodes, exposures, version } = result.value;
        this.changed = !this.snapshot || !sameItems(this.snapshot.nodes, nodes) || !sameItems(this.snapshot.exposures, exposures);
        const projectName = source.projectName?.() ?? null;
        const snapshot: IndexSnapshot = { environmentKey: this.key, syncedAt: now.toISOString(), version, nodes, exposures, projectName };
        // Memory first: when IndexedDB is unavailable or full, badges still work from memory and
        // the status says so (docs/reliability.md, "Storage").
        this.swapIn(snapshot);
        const unsaved = await this.deps.store.save(snapshot).then(() => null, (error: unknown) => error);
        if (unsaved !== null) return this.unstored(unsaved);
      } else if (this.snapshot) {
        this.snapshot = { ...this.snapshot, syncedAt: now.toISOString() };
      }
      this.retryNotBefore = -Infinity;
      const notes = this.spec.source.notes?.() ?? [];
      return this.setStatus({ ...this.kept(), phase: 'ready', error: null, problems: [], progress: null, ...(notes.length ? { notes } : {}) });
    } catch (error) {
      // Not from dbt: IndexedDB refused a write, or storage failed. Still a status, never 'Syncing…'.
      const text = error instanceof Error ? error.message : String(error);
      this.lastFailureAt = this.deps.now().getTime();
      return this.setStatus({
        ...this.kept(),
        phase: 'error',
        error: { kind: 'internal', message: `Docent could not keep its copy of your models in this browser (${text.slice(0, 200)}).` },
        problems: [],
        progress: null,
      });
    }
  }

  /** The sync worked but the browser would not keep the index: say so, and that badges still work. */
  private unstored(error: unknown): SyncStatus {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.lastFailureAt = this.deps.now().getTime();
    return this.setStatus({
      ...this.kept(),
      phase: 'error',
      error: {
        kind: 'internal',
        message:
          `Docent has your models in memory, but this browser would not store them (${text.slice(0, 200)}). ` +
          'Badges work until the browser stops Docent; then it syncs again. Free some disk space, or allow this site data, so Docent can keep them.',
      },
      problems: [],
      progress: null,
    });
  }

  private failed(error: SourceError): SyncStatus {
    const now = this.deps.now().getTime();
    this.lastFailureAt = now;
    if (error.retryAfterSeconds !== undefined) this.retryNotBefore = now + error.retryAfterSeconds * 1000;
    // The last good index keeps serving badges; the status says how old it is.
    return this.setStatus({ ...this.kept(), phase: 'error', error, problems: [], progress: null });
  }

  /** Swaps the whole index at once: a lookup sees the old one or the new one, never a mix. */
  private swapIn(snapshot: IndexSnapshot): void {
    this.snapshot = snapshot;
    this.checkedAt = Math.max(this.checkedAt, Date.parse(snapshot.syncedAt) || -Infinity);
    internStrings(snapshot.nodes, snapshot.exposures);
    this.index = new ModelIndex(snapshot.nodes);
    this.exposures = new ExposureIndex(snapshot.exposures);
    this.detailsCache.clear();
    if (this.status.phase !== 'syncing') this.status = { ...this.status, ...this.kept() };
  }

  /** When the index in use was last synced; `null` before the first sync. */
  syncedAt(): string | null {
    return this.snapshot?.syncedAt ?? null;
  }

  /**
   * The doc card's particulars, cached for one refresh interval. Past it they are asked for again,
   * but kept until the next index: when dbt cannot answer, `keptDetails` still has them.
   */
  async details(node: ModelSummary): Promise<Result<NodeDetails | null, SourceError>> {
    const now = this.deps.now().getTime();
    const cached = this.detailsCache.get(node.uniqueId);
    if (cached && now - cached.at < this.spec.refreshMinutes * 60_000) return ok(cached.details);
    const fetched = await this.spec.source.details([node]);
    if (!fetched.ok) return fetched;
    const details = fetched.value.find((d) => d.uniqueId === node.uniqueId) ?? null;
    if (details) this.detailsCache.set(node.uniqueId, { at: now, details });
    return ok(details);
  }

  /** The particulars last fetched for this node under the current index, however old. */
  keptDetails(uniqueId: string): NodeDetails | null {
    return this.detailsCache.get(uniqueId)?.details ?? null;
  }
}

/** Item by item, stopping at the first difference: no 30 MB string for a 10,000-node index. */
function sameItems<T>(before: readonly T[], after: readonly T[]): boolean {
  return before.length === after.length && before.every((item, i) => JSON.stringify(item) === JSON.stringify(after[i]));
}
