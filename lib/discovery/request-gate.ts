/**
 * Request discipline (DESIGN.md): honour Retry-After for every request, back off after server
 * failures, stay well under the API's ~200/min limit (our budget: 20 a minute), and never let a
 * timed-out request block the next one. Pure: the clock is injected; the background persists
 * `notBefore` so a restarted service worker still honours a Retry-After it was given.
 */
import type { DiscoveryError } from './errors';

export interface RequestGateOptions {
  now?: () => number;
  maxPerMinute?: number;
  /** Epoch ms before which no request may start (restored from storage). */
  notBefore?: number;
  onBlocked?: (notBefore: number) => void;
}

const MINUTE_MS = 60_000;
const BASE_BACKOFF_S = 30;
const MAX_BACKOFF_S = 15 * 60;

export class RequestGate {
  private readonly now: () => number;
  private readonly maxPerMinute: number;
  private readonly onBlocked?: (notBefore: number) => void;
  private notBefore: number;
  private consecutiveServerFailures = 0;
  private started: number[] = [];

  constructor(options: RequestGateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxPerMinute = options.maxPerMinute ?? 20;
    this.notBefore = options.notBefore ?? 0;
    this.onBlocked = options.onBlocked;
  }

  /** Seconds until requests may be sent again; 0 when they may be sent now. */
  blockedForSeconds(): number {
    return Math.max(0, Math.ceil((this.notBefore - this.now()) / 1000));
  }

  /** Milliseconds to wait before starting one more request within the per-minute budget. */
  budgetDelayMs(): number {
    const now = this.now();
    this.started = this.started.filter((t) => now - t < MINUTE_MS);
    if (this.started.length < this.maxPerMinute) return 0;
    return this.started[0]! + MINUTE_MS - now;
  }

  noteStarted(): void {
    this.started.push(this.now());
  }

  noteSuccess(): void {
    this.consecutiveServerFailures = 0;
  }

  /** Returns the error with `retryAfterSeconds` filled in where the gate now blocks. */
  noteFailure(error: DiscoveryError): DiscoveryError {
    let waitS: number | undefined;
    if (error.kind === 'rateLimited') {
      waitS = error.retryAfterSeconds;
    } else if (error.kind === 'server') {
      this.consecutiveServerFailures += 1;
      const backoff = Math.min(MAX_BACKOFF_S, BASE_BACKOFF_S * 2 ** (this.consecutiveServerFailures - 1));
      waitS = error.retryAfterSeconds ?? backoff;
    }
    // Timeouts and network errors do not block: the next request may well get through.
    if (waitS === undefined) return error;
    this.block(waitS);
    return { ...error, retryAfterSeconds: waitS };
  }

  /** Re-applies a wait persisted by an earlier service worker. */
  restore(notBefore: number): void {
    this.notBefore = Math.max(this.notBefore, notBefore);
  }

  private block(seconds: number): void {
    const until = this.now() + seconds * 1000;
    if (until <= this.notBefore) return;
    this.notBefore = until;
    this.onBlocked?.(until);
  }
}
