/** Docent's settings: shape, endpoint derivation, validation, policy and their storage binding. */
export {
  ADAPTER_IDS,
  DEFAULT_SETTINGS,
  REFRESH_MINUTES_RANGE,
  STALE_AFTER_HOURS_MAX,
  isAdapterId,
  type AdapterId,
  type BiHost,
  type ConfigProblem,
  type EnvironmentEntry,
  type Settings,
} from './settings';
export { deriveDiscoveryEndpoint, isLoopbackHost, type DiscoveryEndpoint } from './endpoint';
export { validateForSave, validateSettings, type Validation } from './validate';
export { checkEnvironments, resolveEnvironments, type ResolvedEnvironment } from './environments';
export { POLICY_KEYS, mergePolicy, readPolicy, type PolicyKey, type PolicyMerge } from './policy';
export {
  SETTINGS_KEY,
  isManaged,
  loadEffectiveConfig,
  readManagedPolicy,
  saveUserSettings,
  watchConfig,
  type ConfigAreas,
  type EffectiveConfig,
} from './storage';
