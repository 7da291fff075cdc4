/** What the catalog answers instead of a value: a source's error, or one of its own. */
import type { SourceError } from './source';

export type CatalogError =
  | SourceError
  | { kind: 'notConfigured'; message: string }
  | { kind: 'unknownModel'; message: string };
