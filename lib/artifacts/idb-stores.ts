/**
 * The artifacts' IndexedDB: the parsed files (so a 304 after a service-worker restart still has
 * what it refers to) and the files chosen from disk on the options page. A database of its own,
 * so clearing it never touches the index.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { ARTIFACT_FILE_NAMES, type ArtifactFileName } from '../config/artifacts-location';
import type { ArtifactFileStore, StoredArtifactFile } from './origins';
import type { ArtifactCache, CachedArtifact } from './read-artifacts';

let store: UseStore | null = null;
const artifactsDb = () => (store ??= createStore('docent-artifacts', 'kv'));

export const idbArtifactCache: ArtifactCache = {
  get: (key) => get<CachedArtifact>(`parsed:${key}`, artifactsDb()),
  set: (key, value) => set(`parsed:${key}`, value, artifactsDb()),
  delete: (key) => del(`parsed:${key}`, artifactsDb()),
};

export const idbArtifactFiles: ArtifactFileStore & {
  save(files: readonly File[], now: Date): Promise<{ saved: ArtifactFileName[]; ignored: string[] }>;
  list(): Promise<StoredArtifactFile[]>;
} = {
  read: (name) => get<StoredArtifactFile>(`file:${name}`, artifactsDb()),

  /** Keeps the chosen files that are dbt artifacts (by name); a new choice replaces the old one. */
  async save(files, now) {
    const saved: ArtifactFileName[] = [];
    const ignored: string[] = [];
    for (const file of files) {
      const name = ARTIFACT_FILE_NAMES.find((n) => n === file.name);
      if (!name) {
        ignored.push(file.name);
        continue;
      }
      const stored: StoredArtifactFile = { name, blob: file, lastModified: file.lastModified, savedAt: now.toISOString() };
      await set(`file:${name}`, stored, artifactsDb());
      saved.push(name);
    }
    if (saved.length > 0) {
      for (const name of ARTIFACT_FILE_NAMES) if (!saved.includes(name)) await del(`file:${name}`, artifactsDb());
    }
    return { saved, ignored };
  },

  async list() {
    const files = await Promise.all(ARTIFACT_FILE_NAMES.map((name) => get<StoredArtifactFile>(`file:${name}`, artifactsDb())));
    return files.filter((f): f is StoredArtifactFile => f !== undefined);
  },
};
