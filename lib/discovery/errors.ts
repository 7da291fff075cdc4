/**
 * Discovery's errors are the catalog's `SourceError`s: this source maps every failure on the wire
 * to one of its kinds (error-map.ts), so nothing above lib/discovery sees an HTTP or GraphQL shape.
 */
export type { SourceError as DiscoveryError, SourceErrorKind as DiscoveryErrorKind } from '../catalog/source';
