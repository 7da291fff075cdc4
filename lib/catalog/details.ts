/**
 * The doc card's particulars, fetched on demand for one node and mapped at the edge. The summary
 * comes from the index; this adds description, columns, the last error and links into dbt.
 */
import type { DiscoveryClient } from '../discovery/client';
import type { DiscoveryError } from '../discovery/errors';
import {
  mapAbout, mapColumns, mapTestErrors, truncateText, MAX_DESCRIPTION_CHARS, MAX_ERROR_CHARS, type RawColumn, type RawDetailsExtras,
} from '../discovery/map';
import { MODEL_DETAILS, SEED_DETAILS, SNAPSHOT_DETAILS, SOURCE_DETAILS } from '../discovery/queries';
import { err, ok, type Result } from '../result';
import { markdownToHtml } from './markdown';
import type { ModelDetails, ModelSummary, ResourceType } from './types';

interface RawDetailsNode extends Omit<RawDetailsExtras, 'catalog'> {
  uniqueId: string;
  description: string | null;
  executionInfo?: { lastRunError: string | null } | null;
  catalog: { owner?: string | null; columns: RawColumn[] | null } | null;
}

const DOCUMENTS: Record<ResourceType, [string, 'models' | 'seeds' | 'snapshots' | 'sources']> = {
  model: [MODEL_DETAILS, 'models'],
  seed: [SEED_DETAILS, 'seeds'],
  snapshot: [SNAPSHOT_DETAILS, 'snapshots'],
  source: [SOURCE_DETAILS, 'sources'],
};

export interface DbtLinks {
  /** The dbt web app's origin (`https://cloud.getdbt.com`), derived from the access URL. */
  appOrigin: string | null;
  accountId: string | null;
  /** The environment the index reads: Explorer shows that environment's state of the model. */
  environmentId: string | null;
}

export function explorerUrl(summary: ModelSummary, links: DbtLinks): string | null {
  if (!links.appOrigin || !links.accountId || !summary.projectId || !links.environmentId) return null;
  const id = encodeURIComponent(summary.uniqueId);
  const environment = encodeURIComponent(links.environmentId);
  return `${links.appOrigin}/explore/${links.accountId}/projects/${summary.projectId}/environments/${environment}/details/${id}`;
}

export function runUrl(runId: string | null, summary: ModelSummary, links: DbtLinks): string | null {
  if (!runId || !links.appOrigin || !links.accountId || !summary.projectId) return null;
  return `${links.appOrigin}/deploy/${links.accountId}/projects/${summary.projectId}/runs/${runId}`;
}

export async function fetchDetails(
  client: DiscoveryClient,
  summary: ModelSummary,
  links: DbtLinks,
): Promise<Result<ModelDetails, DiscoveryError>> {
  const [document, key] = DOCUMENTS[summary.resourceType];
  const answer = await client.query<{
    environment: { applied: Record<string, { edges: { node: RawDetailsNode }[] }> | null } | null;
  }>(document, { uniqueIds: [summary.uniqueId] });
  if (!answer.ok) return answer;
  const node = answer.value.environment?.applied?.[key]?.edges?.[0]?.node;
  if (!node) {
    return err({
      kind: 'notFound',
      message: `dbt no longer knows ${summary.uniqueId} in this environment; it may have been removed since the last sync.`,
    });
  }
  const description = truncateText(node.description, MAX_DESCRIPTION_CHARS);
  return ok({
    summary,
    description,
    descriptionHtml: markdownToHtml(description),
    columns: mapColumns(node.catalog?.columns),
    lastRunError: truncateText(node.executionInfo?.lastRunError, MAX_ERROR_CHARS),
    explorerUrl: explorerUrl(summary, links),
    lastSuccessRunUrl: runUrl(summary.lastSuccessRunId, summary, links),
    testErrors: mapTestErrors(node),
    about: mapAbout(node, summary.resourceType),
  });
}
