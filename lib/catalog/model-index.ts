/**
 * Relation names → nodes. Keys come from lib/matching/keys.ts, the same code the page scanner
 * uses, so both sides agree on case and quoting. A key shared by two nodes (the same
 * `schema.alias` in two databases) is ambiguous and answered with every candidate, never one.
 */
import type { MatchCandidate, NameMatch } from '../messaging';
import { nameKey, relationKeys } from '../matching/keys';
import type { NodeCounts } from './sync-status';
import type { HealthVerdict, ModelSummary } from './types';

function relationOf(node: ModelSummary): string {
  return [node.database, node.schema, node.alias].filter(Boolean).join('.');
}

export class ModelIndex {
  private readonly byId = new Map<string, ModelSummary>();
  private readonly byKey = new Map<string, string[]>();

  constructor(readonly nodes: readonly ModelSummary[]) {
    for (const node of nodes) {
      this.byId.set(node.uniqueId, node);
      const keys = relationKeys(node.database, node.schema, node.alias);
      // A dbt model is also known by its name; a source by its relation only.
      if (node.resourceType !== 'source') keys.push(nameKey(node.name));
      for (const key of new Set(keys)) {
        const ids = this.byKey.get(key);
        if (!ids) this.byKey.set(key, [node.uniqueId]);
        else if (!ids.includes(node.uniqueId)) ids.push(node.uniqueId);
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

  /** The matches among `keys`; keys that name nothing are left out. */
  lookup(keys: readonly string[], verdictOf: (node: ModelSummary) => HealthVerdict): NameMatch[] {
    const matches: NameMatch[] = [];
    for (const key of new Set(keys)) {
      const ids = this.byKey.get(key);
      if (!ids) continue;
      const candidates: MatchCandidate[] = ids.map((id) => {
        const node = this.byId.get(id)!;
        return {
          uniqueId: node.uniqueId,
          name: node.name,
          resourceType: node.resourceType,
          relation: relationOf(node),
          verdict: verdictOf(node),
        };
      });
      matches.push({ key, candidates });
    }
    return matches;
  }
}
