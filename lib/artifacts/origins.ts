/**
 * Where the artifact files come from: published URLs (asked conditionally) or files chosen from
 * disk (kept in IndexedDB by the options page). Both answer the same question for one file:
 * unchanged since the stamp I hold, missing, or here is its body and its new stamp.
 */
import { ok, type Result } from '../result';
import type { SourceError } from '../catalog/source';
import type { ArtifactUrls } from '../config/artifacts-location';
import { fetchArtifact, type Validators } from './fetch-artifact';
import { ARTIFACT_FILES, type ArtifactKind } from './versions';

export type OpenOutcome =
  | { kind: 'unchanged' }
  | { kind: 'missing'; why: string }
  | { kind: 'body'; body: ReadableStream<Uint8Array>; stamp: string | null; totalBytes: number | null };

export interface ArtifactOrigin {
  /** Identifies the files' location (never a secret): one index per key. */
  readonly key: string;
  /** `previousStamp` is what the last `body` answer gave for this file, when Docent still holds it. */
  open(kind: ArtifactKind, previousStamp: string | null): Promise<Result<OpenOutcome, SourceError>>;
}

export function httpOrigin(
  urls: ArtifactUrls,
  header: { name: string; value: string } | null,
  fetchFn: typeof fetch = (...args) => fetch(...args),
): ArtifactOrigin {
  return {
    key: `artifacts:${Object.values(urls).join(' ')}`,
    async open(kind, previousStamp) {
      const url = urls[ARTIFACT_FILES[kind]];
      if (!url) return ok({ kind: 'missing', why: 'not among the Artifacts URLs' });
      const previous = previousStamp ? (JSON.parse(previousStamp) as Validators) : null;
      const answer = await fetchArtifact(url, { fetch: fetchFn, header, previous });
      if (!answer.ok) return answer;
      const outcome = answer.value;
      if (outcome.kind === 'unchanged') return ok(outcome);
      if (outcome.kind === 'missing') return ok({ kind: 'missing', why: `${new URL(url).host} answered ${outcome.status}` });
      const { etag, lastModified } = outcome.validators;
      // Without a validator nothing can be asked conditionally: every refresh downloads it.
      const stamp = etag || lastModified ? JSON.stringify(outcome.validators) : null;
      return ok({ kind: 'body', body: outcome.body, stamp, totalBytes: outcome.totalBytes });
    },
  };
}

/** A file chosen on the options page, as kept in IndexedDB. */
export interface StoredArtifactFile {
  name: string;
  blob: Blob;
  lastModified: number;
  savedAt: string;
}

export interface ArtifactFileStore {
  read(name: string): Promise<StoredArtifactFile | undefined>;
}

export function diskOrigin(store: ArtifactFileStore): ArtifactOrigin {
  return {
    key: 'artifacts:files',
    async open(kind, previousStamp) {
      const file = await store.read(ARTIFACT_FILES[kind]);
      if (!file) return ok({ kind: 'missing', why: 'not among the files chosen' });
      const stamp = `${file.blob.size}:${file.lastModified}:${file.savedAt}`;
      if (stamp === previousStamp) return ok({ kind: 'unchanged' });
      return ok({ kind: 'body', body: file.blob.stream() as ReadableStream<Uint8Array>, stamp, totalBytes: file.blob.size });
    },
  };
}
