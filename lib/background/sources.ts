/**
 * The effective config → the catalog's setup: one environment per source config, each source made
 * by `createSource`. A dbt Core artifacts source is one more branch there; several environments
 * (an admin's `environments` policy) are more entries in `sourceConfigs`.
 */
import type { CatalogSetup } from '../catalog/catalog-service';
import type { CatalogSource } from '../catalog/source';
import type { EffectiveConfig } from '../config/storage';
import { createDiscoveryClient } from '../discovery/client';
import type { RequestGate } from '../discovery/request-gate';
import { createDiscoverySource } from '../discovery/source';

/** What one source reads. Holds the token: it lives only in the background. */
export type SourceConfig = {
  kind: 'discovery';
  endpoint: string;
  token: string;
  environmentId: string;
  accountId: string | null;
  appOrigin: string | null;
  refreshMinutes: number;
  staleAfterHours: number | null;
};

/** The sources the effective config asks for; none while it has problems. */
export function sourceConfigs(config: EffectiveConfig): SourceConfig[] {
  const { settings } = config;
  if (config.problems.length > 0 || !config.endpoint) return [];
  return [
    {
      kind: 'discovery',
      endpoint: config.endpoint,
      token: settings.serviceToken,
      environmentId: settings.environmentId,
      accountId: settings.accountId || null,
      appOrigin: config.appOrigin,
      refreshMinutes: settings.refreshMinutes,
      staleAfterHours: settings.staleAfterHours,
    },
  ];
}

export interface SourceFactoryDeps {
  gate: RequestGate;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

export function createSource(config: SourceConfig, deps: SourceFactoryDeps): CatalogSource {
  switch (config.kind) {
    case 'discovery': {
      const client = createDiscoveryClient({
        endpoint: config.endpoint,
        token: config.token,
        environmentId: config.environmentId,
        gate: deps.gate,
        fetch: deps.fetch,
        sleep: deps.sleep,
      });
      return createDiscoverySource({ client, endpoint: config.endpoint, links: { appOrigin: config.appOrigin, accountId: config.accountId } });
    }
  }
}

/** Everything a source reads with (credentials too): a change means a new source and a sync. */
const revisionOf = (config: SourceConfig) =>
  JSON.stringify({ ...config, refreshMinutes: undefined, staleAfterHours: undefined });

/**
 * The catalog's setup. Sources are kept across calls while their settings stay the same, so a
 * Save that changes only the refresh interval keeps the client (and its in-flight requests).
 */
export function createSetupBuilder(deps: SourceFactoryDeps) {
  const made = new Map<string, CatalogSource>();
  return (config: EffectiveConfig): CatalogSetup => {
    const environments = sourceConfigs(config).map((sourceConfig) => {
      const revision = revisionOf(sourceConfig);
      let source = made.get(revision);
      if (!source) made.set(revision, (source = createSource(sourceConfig, deps)));
      return { source, revision, refreshMinutes: sourceConfig.refreshMinutes, staleAfterHours: sourceConfig.staleAfterHours };
    });
    for (const revision of made.keys()) if (!environments.some((e) => e.revision === revision)) made.delete(revision);
    return { environments, problems: config.problems.map((p) => p.message) };
  };
}
