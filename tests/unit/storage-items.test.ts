/**
 * Settings and status as WXT typed storage items: a fallback when nothing is stored, version 1
 * (migrations come with the next shape), and a watch that ends with its signal.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import { SETTINGS_KEY, saveUserSettings, userSettingsItem } from '../../lib/config/storage';
import { readSyncStatus, SYNC_STATUS_KEY, watchSyncStatus, writeSyncStatus } from '../../lib/storage/status';

beforeEach(() => fakeBrowser.reset());

describe('the sync status item', () => {
  it('reads the initial status when nothing was written, and fills fields an older Docent did not write', async () => {
    expect(await readSyncStatus()).toEqual(INITIAL_SYNC_STATUS);
    await fakeBrowser.storage.local.set({ [SYNC_STATUS_KEY]: { phase: 'ready', modelCount: 3 } });
    expect(await readSyncStatus()).toEqual({ ...INITIAL_SYNC_STATUS, phase: 'ready', modelCount: 3 });
  });

  it('tells a watcher each new status until its signal aborts', async () => {
    const seen: SyncStatus['phase'][] = [];
    const controller = new AbortController();
    watchSyncStatus((status) => seen.push(status.phase), controller.signal);
    await writeSyncStatus({ ...INITIAL_SYNC_STATUS, phase: 'syncing' });
    await writeSyncStatus({ ...INITIAL_SYNC_STATUS, phase: 'ready' });
    controller.abort();
    await writeSyncStatus({ ...INITIAL_SYNC_STATUS, phase: 'error' });
    expect(seen).toEqual(['syncing', 'ready']);
  });
});

describe('the user settings item', () => {
  it('falls back to nothing set, and stores what the user set in storage.local only', async () => {
    expect(await userSettingsItem.getValue()).toEqual({});
    const saved = await saveUserSettings({ accessUrl: 'https://cloud.getdbt.com', serviceToken: 'dbtc_x', environmentId: '70403103985022' }, fakeBrowser.storage.managed);
    expect(saved.ok).toBe(true);
    const stored = await fakeBrowser.storage.local.get(SETTINGS_KEY);
    expect(stored[SETTINGS_KEY]).toMatchObject({ accessUrl: 'https://cloud.getdbt.com', environmentId: '70403103985022' });
    // Version 1 is WXT's implicit version: a later shape bumps it and adds a migration.
    expect(await userSettingsItem.getMeta()).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });
});
