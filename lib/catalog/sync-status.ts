import type { DiscoveryError } from '../discovery/errors';
import type { ResourceType } from './types';

export type NodeCounts = Record<ResourceType, number>;

/**
 * The background's sync state, written to storage.local so that the options page and the popup
 * always show the current state, not only the outcome of the last Save (DESIGN.md "Status").
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
  error: DiscoveryError | { kind: 'internal'; message: string } | null;
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
