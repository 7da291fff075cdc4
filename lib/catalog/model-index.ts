/**
 * Relation names → nodes, with O(1) lookups. Keys come from lib/matching/keys.ts, the same code
 * the page scanner uses, so both sides agree on case and quoting. The rules (docs/architecture.md,
 * "Matching"):
 * - a key shared by two nodes (the same `schema.alias` in two databases) is ambiguous and answered
 *   with every candidate, never one;
 * - one physical table named by a seed and a source is one candidate: the source's;
 * - a versioned model's bare name means its latest version;
 * - ephemeral models never reach the index (they have no relation; lib/discovery leaves them out).
 */
import { nameKey, relationKeys } from '../matching/keys';
import type { NodeCounts } from './sync-status';
import type { HealthVerdict, MatchCandidate, ModelSummary, NameMatch } from './types';

export function relationOf(node: ModelSummary): string {
  return [node.database, node.schema, node.alias].filter(Boolean).join('.');
}

const tableOf = (node: ModelSummary) => relationOf(node).toLowerCase();

/** The name a person writes for a node: a versioned model's bare name only for its latest version. */
function nameKeys(node: ModelSummary): string[] {
  if (node.resourceType === 'source') return []; // a source is named by its relation only
  const versioned = node.version != null && node.version !== '';
  if (!versioned) return [nameKey(node.name)];
  const keys = [nameKey(`${node.name}_v${node.version}`)];
  if (node.latestVersion == null || node.latestVersion === node.version) keys.push(nameKey(node.name));
  return keys;
}

export class ModelIndex {
  private readonly byId = new Map<string, ModelSummary>();
  /** One id (the common case, no array to allocate) or several: an ambiguous key. */
  private readonly byKey = new Map<string, string | string[]>();

  constructor(readonly nodes: readonly ModelSummary[]) {
    for (const node of nodes) this.byId.set(node.uniqueId, node);
    const sourceTables = new Set(nodes.filter((n) => n.resourceType === 'source').map(tableOf));
    for (const node of nodes) {
      // A seed loaded into the table a source declares: the source speaks for that table.
      const shadowed = node.resourceType === 'seed' && sourceTables.has(tableOf(node));
      const keys = shadowed ? [] : relationKeys(node.database, node.schema, node.alias);
      keys.push(...nameKeys(node));
      for (const key of new Set(keys)) {
        const ids = this.byKey.get(key);
        if (ids === undefined) this.byKey.set(key, node.uniqueId);
        else if (typeof ids === 'string') {
          if (ids !== node.uniqueId) this.byKey.set(key, [ids, node.uniqueId]);
        } else if (!ids.includes(node.uniqueId)) ids.push(node.uniqueId);
      }
    }
  }

  get size(): number {
    return this.byId.size;
  }

  counts(): NodeCounts {
    const counts: NodeCounts = { model: 0, seed: 0, snapshot: 0, source: 0 };
    for (const node of this.nodes) counts[node.resourceType] += 1;
    return counts;
  }

  get(uniqueId: string): ModelSummary | undefined {
    return this.byId.get(uniqueId);
  }

  candidate(node: ModelSummary, verdictOf: (node: ModelSummary) => HealthVerdict): MatchCandidate {
    return {
      uniqueId: node.uniqueId,
      name: node.name,
      resourceType: node.resourceType,
      relation: relationOf(node),
      verdict: verdictOf(node),
    };
  }

  /** The matches among `keys`; keys that name nothing are left out. */
  lookup(keys: readonly string[], verdictOf: (node: ModelSummary) => HealthVerdict): NameMatch[] {
    const matches: NameMatch[] = [];
    for (const key of new Set(keys)) {
      const ids = this.byKey.get(key);
      if (ids === undefined) continue;
      const list = typeof ids === 'string' ? [ids] : ids;
      matches.push({ key, candidates: list.map((id) => this.candidate(this.byId.get(id)!, verdictOf)) });
    }
    return matches;
  }
}
