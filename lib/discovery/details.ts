/**
 * The doc card's particulars for given nodes, one request per kind among them, and links into
 * dbt Cloud. The summaries come from the index, so the kind of each node is known, never guessed.
 */
import type { NodeDetails } from '../catalog/source';
import type { ModelSummary, ResourceType } from '../catalog/types';
import { ok, type Result } from '../result';
import type { DiscoveryClient } from './client';
import type { DiscoveryError } from './errors';
import { MAX_DESCRIPTION_CHARS, MAX_ERROR_CHARS, truncateText } from '../catalog/limits';
import { mapColumns, type RawColumn } from './map';
import { PAGE_SIZE } from './paging';
import { MODEL_DETAILS, SEED_DETAILS, SNAPSHOT_DETAILS, SOURCE_DETAILS } from './queries';

interface RawDetailsNode {
  uniqueId: string;
  description: string | null;
  executionInfo?: { lastRunError: string | null } | null;
  catalog: { columns: RawColumn[] | null } | null;
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
}

export function explorerUrl(summary: ModelSummary, links: DbtLinks): string | null {
  if (!links.appOrigin || !links.accountId || !summary.projectId) return null;
  const id = encodeURIComponent(summary.uniqueId);
  return `${links.appOrigin}/explore/${links.accountId}/projects/${summary.projectId}/environments/production/details/${id}`;
}

export function runUrl(runId: string | null, summary: ModelSummary, links: DbtLinks): string | null {
  if (!runId || !links.appOrigin || !links.accountId || !summary.projectId) return null;
  return `${links.appOrigin}/deploy/${links.accountId}/projects/${summary.projectId}/runs/${runId}`;
}

/** Details of the nodes dbt still knows; a node removed since the last sync is left out. */
export async function fetchDetails(
  client: DiscoveryClient,
  summaries: readonly ModelSummary[],
  links: DbtLinks,
): Promise<Result<NodeDetails[], DiscoveryError>> {
  const details: NodeDetails[] = [];
  for (const type of ['model', 'seed', 'snapshot', 'source'] as const) {
    const ofType = summaries.filter((s) => s.resourceType === type).slice(0, PAGE_SIZE);
    if (ofType.length === 0) continue;
    const [document, key] = DOCUMENTS[type];
    const answer = await client.query<{
      environment: { applied: Record<string, { edges: { node: RawDetailsNode }[] }> | null } | null;
    }>(document, { uniqueIds: ofType.map((s) => s.uniqueId), first: ofType.length });
    if (!answer.ok) return answer;
    const byId = new Map((answer.value.environment?.applied?.[key]?.edges ?? []).map((e) => [e.node.uniqueId, e.node]));
    for (const summary of ofType) {
      const node = byId.get(summary.uniqueId);
      if (!node) continue;
      details.push({
        uniqueId: summary.uniqueId,
        description: truncateText(node.description, MAX_DESCRIPTION_CHARS),
        columns: mapColumns(node.catalog?.columns),
        lastRunError: truncateText(node.executionInfo?.lastRunError, MAX_ERROR_CHARS),
        explorerUrl: explorerUrl(summary, links),
        lastSuccessRunUrl: runUrl(summary.lastSuccessRunId, summary, links),
      });
    }
  }
  return ok(details);
}
