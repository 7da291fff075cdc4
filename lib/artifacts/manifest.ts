/**
 * manifest.json (v10–v12) → the nodes, tests and exposures Docent keeps (./parsed.ts).
 * Ephemeral models are never tables (dbt inlines them as CTEs), so they get no entry of their
 * own: a model that selects from one lists the ephemeral model's parents instead.
 */
import { err, ok, type Result } from '../result';
import type { SourceError } from '../catalog/source';
import type { Exposure, ResourceType } from '../catalog/types';
import { type ArtifactCollector, record, str, strings } from './collector';
import type { ManifestNodeEntry, ManifestTestEntry, ParsedManifest } from './parsed';
import { truncateText, MAX_COLUMNS, MAX_COLUMN_DESCRIPTION_CHARS, MAX_DESCRIPTION_CHARS } from './limits';
import { checkSchemaVersion } from './versions';

const TABLE_TYPES = new Set<ResourceType>(['model', 'seed', 'snapshot']);

const describe = (text: unknown, max: number) => {
  const value = str(text);
  return value && value.trim() ? truncateText(value, max) : null;
};

function columnsOf(value: unknown): ManifestNodeEntry['columns'] {
  return Object.values(record(value))
    .slice(0, MAX_COLUMNS)
    .map((c) => {
      const column = record(c);
      return { name: str(column.name) ?? '?', description: describe(column.description, MAX_COLUMN_DESCRIPTION_CHARS) };
    });
}

/** A freshness block counts as configured when a warn or error threshold has a count. */
function freshnessConfigured(value: unknown): boolean {
  const freshness = record(value);
  return [freshness.warn_after, freshness.error_after].some((t) => typeof record(t).count === 'number');
}

export function manifestCollector(): ArtifactCollector<ParsedManifest> {
  let schemaVersion: number | null = null;
  let projectId: string | null = null;
  let generatedAt: string | null = null;
  const nodes: ManifestNodeEntry[] = [];
  const tests: ManifestTestEntry[] = [];
  const exposures: Exposure[] = [];
  const ephemeralParents = new Map<string, string[]>();

  function addNode(raw: Record<string, unknown>, uniqueId: string): void {
    const resourceType = str(raw.resource_type) as ResourceType | 'test' | null;
    const dependsOn = strings(record(raw.depends_on).nodes);
    if (resourceType === 'test') {
      const attached = str(raw.attached_node);
      tests.push({ uniqueId, name: str(raw.name) ?? uniqueId, columnName: str(raw.column_name), attachedTo: attached ? [attached] : dependsOn });
      return;
    }
    if (!resourceType || !TABLE_TYPES.has(resourceType)) return; // operations, analyses, sql ops
    if (str(record(raw.config).materialized) === 'ephemeral') {
      ephemeralParents.set(uniqueId, dependsOn);
      return;
    }
    const name = str(raw.name) ?? uniqueId.split('.').pop() ?? uniqueId;
    nodes.push({
      uniqueId,
      resourceType,
      name,
      database: str(raw.database),
      schema: str(raw.schema),
      alias: str(raw.alias) ?? name,
      description: describe(raw.description, MAX_DESCRIPTION_CHARS),
      columns: columnsOf(raw.columns),
      parentIds: dependsOn,
    });
  }

  function addSource(raw: Record<string, unknown>, uniqueId: string): void {
    const name = str(raw.name) ?? uniqueId.split('.').pop() ?? uniqueId;
    nodes.push({
      uniqueId,
      resourceType: 'source',
      name,
      database: str(raw.database),
      schema: str(raw.schema),
      alias: str(raw.identifier) ?? name,
      description: describe(raw.description, MAX_DESCRIPTION_CHARS),
      columns: columnsOf(raw.columns),
      parentIds: [],
      sourceName: str(raw.source_name) ?? '?',
      freshnessConfigured: freshnessConfigured(raw.freshness),
    });
  }

  function addExposure(raw: Record<string, unknown>, uniqueId: string): void {
    exposures.push({
      uniqueId,
      name: str(raw.label) ?? str(raw.name) ?? uniqueId,
      url: str(raw.url),
      exposureType: str(raw.type),
      projectId,
      parentIds: strings(record(raw.depends_on).nodes),
    });
  }

  /** Parents with every ephemeral model replaced by its own parents, transitively. */
  function throughEphemerals(parentIds: string[]): string[] {
    if (ephemeralParents.size === 0) return parentIds;
    const out = new Set<string>();
    const seen = new Set<string>();
    const visit = (id: string) => {
      const inner = ephemeralParents.get(id);
      if (!inner) return void out.add(id);
      if (seen.has(id)) return;
      seen.add(id);
      inner.forEach(visit);
    };
    parentIds.forEach(visit);
    return [...out];
  }

  return {
    kind: 'manifest',
    entrySections: ['nodes', 'sources', 'exposures'],
    metadata(value) {
      const version = checkSchemaVersion('manifest', value);
      if (!version.ok) return version.error;
      schemaVersion = version.value;
      const metadata = record(value);
      projectId = str(metadata.project_id) ?? str(metadata.project_name);
      generatedAt = str(metadata.generated_at);
      return null;
    },
    entry(section, value) {
      const raw = record(value);
      const uniqueId = str(raw.unique_id);
      if (!uniqueId) return null; // dbt writes none without; skip rather than refuse the project
      if (section === 'nodes') addNode(raw, uniqueId);
      else if (section === 'sources') addSource(raw, uniqueId);
      else if (section === 'exposures') addExposure(raw, uniqueId);
      return null;
    },
    finish(): Result<ParsedManifest, SourceError> {
      if (schemaVersion === null) return err(missingMetadata('manifest.json'));
      for (const node of nodes) node.parentIds = throughEphemerals(node.parentIds);
      for (const exposure of exposures) {
        exposure.projectId = projectId;
        exposure.parentIds = throughEphemerals(exposure.parentIds);
      }
      return ok({ schemaVersion, projectId, generatedAt, nodes, tests, exposures });
    },
  };
}

export const missingMetadata = (file: string): SourceError => ({
  kind: 'unsupportedVersion',
  message: `${file} has no metadata.dbt_schema_version (is it a dbt artifact?).`,
});
