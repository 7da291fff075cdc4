/**
 * The effective config → the catalog's setup: one environment per source config, each source made
 * by `createSource`: the Discovery API for dbt Cloud, run artifacts for dbt Core (`source` setting).
 * Several environments (an admin's `environments` policy) are more entries in `sourceConfigs`.
 */
import type { CatalogSetup } from '../catalog/catalog-service';
import type { CatalogSource } from '../catalog/source';
import { deriveDiscoveryEndpoint } from '../config/endpoint';
import { resolveEnvironments } from '../config/environments';
import type { EffectiveConfig } from '../config/storage';
import { createDiscoveryClient } from '../discovery/client';
import type { RequestGate } from '../discovery/request-gate';
import { createDiscoverySource } from '../discovery/source';
import { createArtifactsSource } from '../artifacts/artifacts-source';
import { idbArtifactCache, idbArtifactFiles } from '../artifacts/idb-stores';
import { diskOrigin, httpOrigin, type ArtifactFileStore } from '../artifacts/origins';
import type { ArtifactCache } from '../artifacts/read-artifacts';
import { parseArtifactsUrl, parseRequestHeader, type ArtifactUrls } from '../config/artifacts-location';

/** What one source reads. Holds the token: it lives only in the background. */
export type SourceConfig =
  | {
      kind: 'discovery';
      /** The project's name for doc cards (`environments[].name`); empty for the top-level one. */
      name: string;
      endpoint: string;
      token: string;
      environmentId: string;
      accountId: string | null;
      appOrigin: string | null;
      refreshMinutes: number;
      staleAfterHours: number | null;
    }
  | {
      kind: 'artifacts';
      /** Each file's URL; `null`: the files chosen from disk on the options page. */
      urls: ArtifactUrls | null;
      header: { name: string; value: string } | null;
      refreshMinutes: number;
      staleAfterHours: number | null;
    };

/** dbt Core: the Artifacts URL and Request header, already validated, as the source reads them. */
function artifactsConfig(config: EffectiveConfig): SourceConfig[] {
  const { settings } = config;
  const urls = settings.artifactsUrl ? parseArtifactsUrl(settings.artifactsUrl) : null;
  const header = parseRequestHeader(settings.artifactsHeader);
  if ((urls && !urls.ok) || !header.ok) return [];
  return [
    {
      kind: 'artifacts',
      urls: urls ? urls.value : null,
      header: header.value,
      refreshMinutes: settings.refreshMinutes,
      staleAfterHours: settings.staleAfterHours,
    },
  ];
}

/**
 * The sources the effective config asks for, one per dbt environment (the top-level one and each
 * entry of `environments`, issue #10); none while the config has problems.
 */
export function sourceConfigs(config: EffectiveConfig): SourceConfig[] {
  const { settings } = config;
  if (config.problems.length > 0) return [];
  // dbt Core artifacts are read by their own source, not per dbt Cloud environment.
  if (settings.source === 'artifacts') return artifactsConfig(config);
  return resolveEnvironments(settings).flatMap((environment): SourceConfig[] => {
    // The top-level Access URL's endpoint is already derived (and checked) in the config.
    const derived =
      environment.accessUrl === settings.accessUrl && config.endpoint
        ? { ok: true as const, value: { endpoint: config.endpoint, appOrigin: config.appOrigin } }
        : deriveDiscoveryEndpoint(environment.accessUrl);
    if (!derived.ok) return [];
    return [
      {
        kind: 'discovery',
        name: environment.name,
        endpoint: derived.value.endpoint,
        token: environment.serviceToken,
        environmentId: environment.environmentId,
        accountId: environment.accountId || null,
        appOrigin: derived.value.appOrigin,
        refreshMinutes: settings.refreshMinutes,
        staleAfterHours: settings.staleAfterHours,
      },
    ];
  });
}

export interface SourceFactoryDeps {
  gate: RequestGate;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
  /** dbt Core: where parsed artifacts and files chosen from disk are kept (IndexedDB by default). */
  artifactCache?: ArtifactCache;
  artifactFiles?: ArtifactFileStore;
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
      return createDiscoverySource({ client, endpoint: config.endpoint, links: { appOrigin: config.appOrigin, accountId: config.accountId, environmentId: config.environmentId } });
    }
    case 'artifacts': {
      const origin = config.urls
        ? httpOrigin(config.urls, config.header, deps.fetch)
        : diskOrigin(deps.artifactFiles ?? idbArtifactFiles);
      return createArtifactsSource({ origin, cache: deps.artifactCache ?? idbArtifactCache });
    }
  }
}

/** Everything a source reads with (credentials too): a change means a new source and a sync. */
const revisionOf = (config: SourceConfig) =>
  JSON.stringify({ ...config, name: undefined, refreshMinutes: undefined, staleAfterHours: undefined });

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
      const name = sourceConfig.kind === 'discovery' ? sourceConfig.name : '';
      return { source, revision, name, refreshMinutes: sourceConfig.refreshMinutes, staleAfterHours: sourceConfig.staleAfterHours };
    });
    for (const revision of made.keys()) if (!environments.some((e) => e.revision === revision)) made.delete(revision);
    return { environments, problems: config.problems.map((p) => p.message) };
  };
}
