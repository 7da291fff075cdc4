/**
 * Where the background publishes its sync state: a WXT typed storage item in `storage.local`
 * (fallback, version, watch). Extension pages read it once and then follow its changes, so their
 * status regions are always current (docs/architecture.md "Status").
 */
import { storage } from 'wxt/utils/storage';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../catalog/sync-status';

export const SYNC_STATUS_KEY = 'docent:syncStatus';

export const syncStatusItem = storage.defineItem<SyncStatus>(`local:${SYNC_STATUS_KEY}`, {
  fallback: INITIAL_SYNC_STATUS,
  version: 1,
});

/** A status written by an older Docent may lack newer fields: they take their initial values. */
const complete = (status: Partial<SyncStatus> | null): SyncStatus => ({ ...INITIAL_SYNC_STATUS, ...status });

export async function readSyncStatus(): Promise<SyncStatus> {
  return complete(await syncStatusItem.getValue());
}

export async function writeSyncStatus(status: SyncStatus): Promise<void> {
  await syncStatusItem.setValue(status);
}

/** Calls `onStatus` with each new status until `signal` aborts. */
export function watchSyncStatus(onStatus: (status: SyncStatus) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const unwatch = syncStatusItem.watch((status) => {
    if (status) onStatus(complete(status));
  });
  signal.addEventListener('abort', unwatch, { once: true });
}
