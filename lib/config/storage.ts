/**
 * The one binding between settings and the browser's storage (docs/architecture.md "Code rules" 2): the user's own
 * settings live in `storage.local` under one key (never `sync`: the token must not travel to other
 * devices); the admin's live in `storage.managed`. Everything else in lib/config is pure.
 */
import browser, { type Storage } from 'webextension-polyfill';
import { storage } from 'wxt/utils/storage';
import { err, ok, type Result } from '../result';
import { deriveDiscoveryEndpoint } from './endpoint';
import { mergePolicy, readPolicy } from './policy';
import { SETTINGS_FIELDS, type ConfigProblem, type Settings } from './settings';
import { validateForSave, validateSettings } from './validate';

export const SETTINGS_KEY = 'docent:settings';

/**
 * The user's own settings: a WXT typed storage item (fallback, version) in `storage.local`. Only
 * the fields the user set are stored; policy and defaults are merged on read.
 */
export const userSettingsItem = storage.defineItem<Partial<Settings>>(`local:${SETTINGS_KEY}`, {
  fallback: {},
  version: 1,
});

export interface EffectiveConfig {
  settings: Settings;
  /** `null` while the Access URL is missing or wrong. */
  endpoint: string | null;
  appOrigin: string | null;
  /** Fields set by managed policy: shown, never editable, never written by `saveUserSettings`. */
  locked: (keyof Settings)[];
  problems: ConfigProblem[];
  warnings: ConfigProblem[];
}

/** The administrator's area; the user's settings are `userSettingsItem`. */
export interface ConfigAreas {
  managed: Pick<Storage.StorageArea, 'get'>;
}

function defaultAreas(): ConfigAreas {
  return { managed: browser.storage.managed };
}

/** Last policy read successfully, per managed area (uBlock's habit: a failed read keeps it). */
const lastGoodPolicy = new WeakMap<object, unknown>();

/**
 * Managed storage is missing in Firefox without policies.json, in some Chromium builds and in
 * tests; reading it throws there. That means "no policy", or the last one we saw.
 */
export async function readManagedPolicy(managed: ConfigAreas['managed']): Promise<unknown> {
  try {
    const policy = await managed.get(null);
    lastGoodPolicy.set(managed, policy);
    return policy;
  } catch {
    return lastGoodPolicy.get(managed) ?? {};
  }
}

/** Whether an administrator's policy sets anything for Docent (the popup says so). */
export async function isManaged(managed: ConfigAreas['managed']): Promise<boolean> {
  const policy = await readManagedPolicy(managed);
  return typeof policy === 'object' && policy !== null && Object.keys(policy).length > 0;
}

async function readUserSettings(): Promise<Partial<Settings>> {
  const stored: unknown = await userSettingsItem.getValue();
  // Validated on read (validateSettings): a wrong shape here falls back field by field.
  return stored && typeof stored === 'object' ? (stored as Partial<Settings>) : {};
}

function effective(merged: Settings, locked: (keyof Settings)[], policyWarnings: ConfigProblem[]): EffectiveConfig {
  const { settings, problems, warnings } = validateSettings(merged);
  const derived = deriveDiscoveryEndpoint(settings.accessUrl);
  return {
    settings,
    endpoint: derived.ok ? derived.value.endpoint : null,
    appOrigin: derived.ok ? derived.value.appOrigin : null,
    locked,
    problems,
    warnings: [...policyWarnings, ...warnings],
  };
}

export async function loadEffectiveConfig(areas: ConfigAreas = defaultAreas()): Promise<EffectiveConfig> {
  const [user, policy] = await Promise.all([readUserSettings(), readManagedPolicy(areas.managed)]);
  const { settings, locked, warnings } = mergePolicy(user, policy);
  return effective(settings, locked, warnings);
}

/**
 * Validates what the user typed (merged with policy, as it will be used) and writes the user's
 * part. Problems in fields the admin locked are not the user's to fix, so they do not block a save.
 */
export async function saveUserSettings(
  input: Partial<Settings>,
  managed: ConfigAreas['managed'] = browser.storage.managed,
): Promise<Result<EffectiveConfig, ConfigProblem[]>> {
  const policy = await readManagedPolicy(managed);
  const { values: policyValues } = readPolicy(policy);
  const locked = new Set(Object.keys(policyValues));

  const user = { ...(await readUserSettings()) };
  for (const field of SETTINGS_FIELDS) {
    if (!locked.has(field) && input[field] !== undefined) (user as Record<string, unknown>)[field] = input[field];
  }
  const { settings, locked: lockedFields, warnings: policyWarnings } = mergePolicy(user, policy);
  const checked = validateForSave(settings);
  const blocking = checked.problems.filter((p) => !locked.has(p.field));
  if (blocking.length > 0) return err(blocking);

  const toStore: Partial<Settings> = {};
  for (const field of SETTINGS_FIELDS) {
    if (!locked.has(field)) (toStore as Record<string, unknown>)[field] = checked.settings[field];
  }
  await userSettingsItem.setValue(toStore);
  return ok(effective(settings, lockedFields, policyWarnings));
}

/** Writes the user's self-hosted BI hosts alone: adding one never waits on the connection fields. */
export async function saveUserBiHosts(biHosts: Settings['biHosts']): Promise<void> {
  const user = await readUserSettings();
  await userSettingsItem.setValue({ ...user, biHosts });
}

/**
 * Writes the user's own list of dbt environments alone (the options page's "dbt projects"): each
 * entry is checked there before; the list is checked again on read like every setting.
 */
export async function saveUserEnvironments(environments: Settings['environments']): Promise<void> {
  const user = await readUserSettings();
  await userSettingsItem.setValue({ ...user, environments });
}

/** Calls `onChange` with the new effective config whenever user settings or policy change. */
export function watchConfig(
  onChange: (config: EffectiveConfig) => void,
  signal: AbortSignal,
  areas: ConfigAreas = defaultAreas(),
  events: Storage.Static['onChanged'] = browser.storage.onChanged,
): void {
  const listener = (changes: Record<string, Storage.StorageChange>, areaName: string) => {
    const relevant = areaName === 'managed' || (areaName === 'local' && SETTINGS_KEY in changes);
    if (!relevant || signal.aborted) return;
    void loadEffectiveConfig(areas).then((config) => {
      if (!signal.aborted) onChange(config);
    });
  };
  events.addListener(listener);
  signal.addEventListener('abort', () => events.removeListener(listener), { once: true });
}
