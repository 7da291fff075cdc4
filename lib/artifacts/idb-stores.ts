/**
 * The parsed files in IndexedDB, so a 304 after a service-worker restart still has what it refers
 * to. The same database as the files chosen from disk (lib/config/artifact-files.ts), apart from
 * the index, so clearing it never touches the index.
 */
import { del, get, set } from 'idb-keyval';
import { artifactsDb } from '../config/artifact-files';
import type { ArtifactCache, CachedArtifact } from './read-artifacts';

export { idbArtifactFiles } from '../config/artifact-files';

export const idbArtifactCache: ArtifactCache = {
  get: (key) => get<CachedArtifact>(`parsed:${key}`, artifactsDb()),
  set: (key, value) => set(`parsed:${key}`, value, artifactsDb()),
  delete: (key) => del(`parsed:${key}`, artifactsDb()),
};
