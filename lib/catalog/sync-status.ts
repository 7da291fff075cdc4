import type { SourceError } from './source';
import type { ResourceType } from './types';

export type NodeCounts = Record<ResourceType, number>;

/**
 * The background's sync state, written to storage.local so that the options page and the popup
 * always show the current state, not only the outcome of the last Save (docs/architecture.md "Status").
 */
export interface SyncStatus {
  phase: 'unconfigured' | 'syncing' | 'ready' | 'error';
  /** Models in the index that badges are served from (possibly stale), as dbt counts models. */
  modelCount: number;
  /** Every kind of node in that index: seeds, snapshots and sources get badges too. */
  counts: NodeCounts | null;
  /** ISO time of the last successful sync; `null` before the first. */
  syncedAt: string | null;
  /** Set in phase `error`: the last sync's failure, from dbt or (`internal`) from the browser. */
  error: SourceError | { kind: 'internal'; message: string } | null;
  /** Set in phase `unconfigured`: what is missing or wrong in the settings. */
  problems: string[];
  /** Set in phase `syncing`: nodes fetched so far of the total the API announced. */
  progress: { loaded: number; total: number | null } | null;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  phase: 'unconfigured',
  modelCount: 0,
  counts: null,
  syncedAt: null,
  error: null,
  problems: [],
  progress: null,
};

/** One status for several environments: syncing if any is, else failed if any did; counts add up. */
export function combineStatuses(statuses: Array<{ key: string; status: SyncStatus }>): SyncStatus {
  if (statuses.length === 1) return statuses[0]!.status;
  const all = statuses.map((s) => s.status);
  const phase = all.some((s) => s.phase === 'syncing') ? 'syncing' : all.some((s) => s.phase === 'error') ? 'error' : 'ready';
  const counts: NodeCounts | null = all.every((s) => !s.counts)
    ? null
    : all.reduce<NodeCounts>(
        (sum, s) => ({
          model: sum.model + (s.counts?.model ?? 0),
          seed: sum.seed + (s.counts?.seed ?? 0),
          snapshot: sum.snapshot + (s.counts?.snapshot ?? 0),
          source: sum.source + (s.counts?.source ?? 0),
        }),
        { model: 0, seed: 0, snapshot: 0, source: 0 },
      );
  const synced = all.map((s) => s.syncedAt).filter((t): t is string => t !== null).sort();
  const progress = all.filter((s) => s.progress);
  return {
    phase,
    modelCount: all.reduce((n, s) => n + s.modelCount, 0),
    counts,
    // The oldest: what the badges of the least fresh environment are based on.
    syncedAt: synced.length === all.length ? synced[0]! : null,
    error: all.find((s) => s.error)?.error ?? null,
    problems: [],
    progress:
      progress.length === 0
        ? null
        : { loaded: progress.reduce((n, s) => n + s.progress!.loaded, 0), total: progress.every((s) => s.progress!.total !== null) ? progress.reduce((n, s) => n + s.progress!.total!, 0) : null },
  };
}
