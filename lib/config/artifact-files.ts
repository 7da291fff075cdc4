/**
 * dbt Core artifacts chosen from disk on the options page, kept as Blobs in IndexedDB: part of
 * the artifacts location setting (the other part is the Artifacts URL). lib/artifacts reads them;
 * its parsed-file cache lives in the same database.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { ARTIFACT_FILE_NAMES, type ArtifactFileName } from './artifacts-location';

/** A file chosen on the options page, as kept in IndexedDB. */
export interface StoredArtifactFile {
  name: string;
  blob: Blob;
  lastModified: number;
  savedAt: string;
}

let store: UseStore | null = null;
export const artifactsDb = () => (store ??= createStore('docent-artifacts', 'kv'));

export const idbArtifactFiles = {
  read: (name: string) => get<StoredArtifactFile>(`file:${name}`, artifactsDb()),

  /** Keeps the chosen files that are dbt artifacts (by name); a new choice replaces the old one. */
  async save(files: readonly File[], now: Date): Promise<{ saved: ArtifactFileName[]; ignored: string[] }> {
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

  async list(): Promise<StoredArtifactFile[]> {
    const files = await Promise.all(ARTIFACT_FILE_NAMES.map((name) => get<StoredArtifactFile>(`file:${name}`, artifactsDb())));
    return files.filter((f): f is StoredArtifactFile => f !== undefined);
  },
};
