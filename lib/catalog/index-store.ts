/**
 * Indexes persisted in IndexedDB (idb-keyval), one entry per environment key, each written whole
 * in one `set`: a restarted service worker serves badges at once from the last complete sync while
 * a new one runs (stale-while-revalidate), and never sees half an index.
 */
import { del, get, set } from 'idb-keyval';
import type { Exposure, ModelSummary } from './types';

export interface IndexSnapshot {
  /** Which source (endpoint + environment, or artifacts location) the nodes came from. */
  environmentKey: string;
  syncedAt: string;
  /** The source's version stamp when the nodes were fetched (`null`: it could not say). */
  version: string | null;
  nodes: ModelSummary[];
  exposures: Exposure[];
  /** The project's name as dbt reported it at that sync (Discovery `environment.dbtProjectName`). */
  projectName?: string | null;
}

export interface IndexStore {
  load(environmentKey: string): Promise<IndexSnapshot | undefined>;
  save(snapshot: IndexSnapshot): Promise<void>;
  clear(environmentKey: string): Promise<void>;
}

const keyOf = (environmentKey: string) => `docent:index:${environmentKey}`;

export const idbIndexStore: IndexStore = {
  load: async (environmentKey) => {
    const stored = await get<IndexSnapshot>(keyOf(environmentKey));
    // Written by an older Docent (no exposures, no version): usable, and the next sync replaces it.
    return stored && { ...stored, exposures: stored.exposures ?? [], version: stored.version ?? null };
  },
  save: (snapshot) => set(keyOf(snapshot.environmentKey), snapshot),
  clear: (environmentKey) => del(keyOf(environmentKey)),
};
