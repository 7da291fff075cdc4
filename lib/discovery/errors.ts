/** Errors are values with a kind and words a person can act on (STYLE.md point 8). */
export type DiscoveryErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalidResponse';

export interface DiscoveryError {
  kind: DiscoveryErrorKind;
  /** A sentence that says what went wrong and what to do about it. Never says "connected". */
  message: string;
  /** HTTP status when there was one. */
  status?: number;
  /** Seconds to wait before the next request (from Retry-After, or our own back-off). */
  retryAfterSeconds?: number;
}
