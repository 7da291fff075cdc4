/**
 * What the options page needs from the browser, handed in as one object so that tests can render
 * the page against `fakeBrowser` (docs/architecture.md "Code rules" 2). The entrypoint passes `createOptionsDeps()`.
 */
import browser, { type Storage } from 'webextension-polyfill';
import { loadEffectiveConfig, saveUserSettings, watchConfig, type EffectiveConfig } from '../lib/config/storage';
import type { ConfigProblem, Settings } from '../lib/config/settings';
import { readSyncStatus, watchSyncStatus } from '../lib/storage/status';
import type { SyncStatus } from '../lib/catalog/sync-status';
import { sendToBackground, type AnswerMap } from '../lib/messaging';
import type { Result } from '../lib/result';

export interface OptionsDeps {
  loadConfig(): Promise<EffectiveConfig>;
  saveSettings(input: Partial<Settings>): Promise<Result<EffectiveConfig, ConfigProblem[]>>;
  syncNow(): Promise<AnswerMap['syncNow']>;
  readStatus(): Promise<SyncStatus>;
  watchStatus(onStatus: (status: SyncStatus) => void, signal: AbortSignal): void;
  /** Settings changed elsewhere (an admin's policy, another options tab). */
  watchConfig(onChange: (config: EffectiveConfig) => void, signal: AbortSignal): void;
  now(): Date;
}

export interface OptionsStorage {
  local: Storage.StorageArea;
  managed: Storage.StorageArea;
  onChanged: Storage.Static['onChanged'];
}

export function createOptionsDeps(storage: OptionsStorage = browser.storage): OptionsDeps {
  const areas = { managed: storage.managed };
  return {
    loadConfig: () => loadEffectiveConfig(areas),
    saveSettings: (input) => saveUserSettings(input, storage.managed),
    syncNow: () => sendToBackground({ type: 'syncNow' }),
    readStatus: readSyncStatus,
    watchStatus: watchSyncStatus,
    watchConfig: (onChange, signal) => watchConfig(onChange, signal, areas, storage.onChanged),
    now: () => new Date(),
  };
}
