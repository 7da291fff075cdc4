/**
 * dbt Mesh across the configured environments: a model that reads another project's public model
 * (a cross-project `ref`) gets that project's upstream sources when Docent reads that project too,
 * found in its index; when it does not, the doc card names the project instead of leaving it out.
 * Pure: the other indexes come in as `MeshPeer`s.
 */
import type { ExternalParent, ModelSummary, SourceFreshness } from './types';

/** Another configured environment, as the mesh needs it. */
export interface MeshPeer {
  /** The project as cards name it. */
  project: string;
  environmentId: string | null;
  get(uniqueId: string): ModelSummary | undefined;
}

export interface MeshView {
  /** The node with the other projects' upstream sources added to its own. */
  node: ModelSummary;
  /** One line per other project read, for the card (empty when the node reads none). */
  lines: string[];
}

/** Bounded like the card's upstream walk: enough for real meshes, finite for odd ones. */
const MAX_EXTERNAL = 200;

/** The peer that holds a cross-project parent: the environment dbt names first, else any that has it. */
function peerFor(parent: ExternalParent, peers: readonly MeshPeer[]): MeshPeer | undefined {
  const named = parent.environmentId ? peers.find((p) => p.environmentId === parent.environmentId && p.get(parent.uniqueId)) : undefined;
  return named ?? peers.find((p) => p.get(parent.uniqueId));
}

const modelName = (uniqueId: string) => uniqueId.split('.').slice(2).join('.');

export function acrossProjects(node: ModelSummary, peers: readonly MeshPeer[]): MeshView {
  const direct = node.upstreamExternal;
  if (!direct || direct.length === 0) return { node, lines: [] };
  const sources = new Map<string, SourceFreshness>(node.upstreamSources.map((s) => [s.uniqueId, s]));
  const read = new Map<string, Set<string>>();
  const unread = new Map<string, Set<string>>();
  const note = (into: Map<string, Set<string>>, project: string, uniqueId: string) => {
    const names = into.get(project) ?? new Set<string>();
    names.add(modelName(uniqueId));
    into.set(project, names);
  };
  const seen = new Set<string>();
  const queue: Array<{ parent: ExternalParent; direct: boolean }> = direct.map((parent) => ({ parent, direct: true }));
  while (queue.length > 0 && seen.size < MAX_EXTERNAL) {
    const { parent, direct: isDirect } = queue.shift()!;
    if (seen.has(parent.uniqueId)) continue;
    seen.add(parent.uniqueId);
    const peer = peerFor(parent, peers);
    const target = peer?.get(parent.uniqueId);
    if (!peer || !target) {
      note(unread, parent.project, parent.uniqueId);
      continue;
    }
    if (isDirect) note(read, peer.project, parent.uniqueId);
    for (const s of target.upstreamSources) sources.set(s.uniqueId, s);
    for (const next of target.upstreamExternal ?? []) queue.push({ parent: next, direct: false });
  }
  const list = (names: Set<string>) => [...names].sort().join(', ');
  const lines = [
    ...[...read].map(([project, names]) => `Reads ${list(names)} from project ${project}: its upstream sources count here`),
    ...[...unread].map(
      ([project, names]) =>
        `Reads ${list(names)} from project ${project}, which Docent is not set up to read: that project's sources are not checked`,
    ),
  ];
  const added = sources.size > node.upstreamSources.length;
  const upstreamSources = added ? [...sources.values()].sort((a, b) => a.uniqueId.localeCompare(b.uniqueId)) : node.upstreamSources;
  return { node: added ? { ...node, upstreamSources } : node, lines };
}
