/**
 * Where the background publishes its sync state. Extension pages read it once and then follow
 * `storage.onChanged`, so their status regions are always current (DESIGN.md "Status").
 */
import type { Storage } from 'webextension-polyfill';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../catalog/sync-status';

export const SYNC_STATUS_KEY = 'docent:syncStatus';

export async function readSyncStatus(area: Storage.StorageArea): Promise<SyncStatus> {
  const stored = (await area.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY] as Partial<SyncStatus> | undefined;
  return { ...INITIAL_SYNC_STATUS, ...stored };
}

export async function writeSyncStatus(area: Storage.StorageArea, status: SyncStatus): Promise<void> {
  await area.set({ [SYNC_STATUS_KEY]: status });
}

/** Calls `onStatus` with each new status until `signal` aborts. */
export function watchSyncStatus(
  events: Storage.Static['onChanged'],
  onStatus: (status: SyncStatus) => void,
  signal: AbortSignal,
): void {
  const listener = (changes: Record<string, Storage.StorageChange>, areaName: string) => {
    const change = changes[SYNC_STATUS_KEY];
    if (areaName === 'local' && change?.newValue) {
      onStatus({ ...INITIAL_SYNC_STATUS, ...(change.newValue as Partial<SyncStatus>) });
    }
  };
  events.addListener(listener);
  signal.addEventListener('abort', () => events.removeListener(listener), { once: true });
}
