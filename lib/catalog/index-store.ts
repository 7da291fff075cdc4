/**
 * The index persisted in IndexedDB (idb-keyval), so a restarted service worker serves badges at
 * once from the last sync while a new one runs (stale-while-revalidate).
 */
import { del, get, set } from 'idb-keyval';
import type { ModelSummary } from './types';

export interface IndexSnapshot {
  /** Which endpoint and environment the nodes came from: a changed setting invalidates them. */
  environmentKey: string;
  syncedAt: string;
  nodes: ModelSummary[];
}

export interface IndexStore {
  load(): Promise<IndexSnapshot | undefined>;
  save(snapshot: IndexSnapshot): Promise<void>;
  clear(): Promise<void>;
}

const KEY = 'docent:index';

export const idbIndexStore: IndexStore = {
  load: () => get<IndexSnapshot>(KEY),
  save: (snapshot) => set(KEY, snapshot),
  clear: () => del(KEY),
};
