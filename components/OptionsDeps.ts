/**
 * What the options page needs from the browser, handed in as one object so that tests can render
 * the page against `fakeBrowser` (docs/architecture.md "Code rules" 2). The entrypoint passes `createOptionsDeps()`.
 */
import browser, { type Storage } from 'webextension-polyfill';
import { loadEffectiveConfig, saveUserBiHosts, saveUserEnvironments, saveUserSettings, watchConfig, type EffectiveConfig } from '../lib/config/storage';
import type { ConfigProblem, Settings } from '../lib/config/settings';
import { readSyncStatus, watchSyncStatus } from '../lib/storage/status';
import type { SyncStatus } from '../lib/catalog/sync-status';
import { sendToBackground, type AnswerMap } from '../lib/messaging';
import type { Result } from '../lib/result';
import { idbArtifactFiles } from '../lib/config/artifact-files';
import type { ArtifactFilesDeps } from './ArtifactsFields';

export interface OptionsDeps {
  loadConfig(): Promise<EffectiveConfig>;
  saveSettings(input: Partial<Settings>): Promise<Result<EffectiveConfig, ConfigProblem[]>>;
  syncNow(): Promise<AnswerMap['syncNow']>;
  /** Asked on open: wakes a stopped service worker, which resumes or starts a due sync. */
  getStatus?(): Promise<AnswerMap['getStatus']>;
  readStatus(): Promise<SyncStatus>;
  watchStatus(onStatus: (status: SyncStatus) => void, signal: AbortSignal): void;
  /** Settings changed elsewhere (an admin's policy, another options tab). */
  watchConfig(onChange: (config: EffectiveConfig) => void, signal: AbortSignal): void;
  now(): Date;
  /** Self-hosted BI: the host's permission, asked on the click, and the list saved on its own. */
  requestHostPermission(origin: string): Promise<boolean>;
  hasHostPermission(origin: string): Promise<boolean>;
  saveBiHosts(hosts: Settings['biHosts']): Promise<void>;
  /** The user's own dbt environments (several projects), saved on their own. */
  saveEnvironments(environments: Settings['environments']): Promise<void>;
  /** Asks the browser for these host patterns (a prompt); must run within the Save click. */
  requestHostPermissions(patterns: string[]): Promise<boolean>;
  /** dbt Core artifacts chosen from disk (kept in IndexedDB). */
  files: ArtifactFilesDeps;
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
    getStatus: () => sendToBackground({ type: 'getStatus' }),
    readStatus: readSyncStatus,
    watchStatus: watchSyncStatus,
    watchConfig: (onChange, signal) => watchConfig(onChange, signal, areas, storage.onChanged),
    now: () => new Date(),
    requestHostPermission: (origin) => browser.permissions.request({ origins: [origin] }),
    hasHostPermission: (origin) => browser.permissions.contains({ origins: [origin] }),
    saveBiHosts: (hosts) => saveUserBiHosts(hosts),
    saveEnvironments: (environments) => saveUserEnvironments(environments),
    requestHostPermissions: (patterns) => browser.permissions.request({ origins: patterns }),
    files: {
      listArtifactFiles: async () => (await idbArtifactFiles.list()).map((f) => f.name),
      saveArtifactFiles: (files) => idbArtifactFiles.save(files, new Date()),
    },
  };
}
