/**
 * Request discipline (docs/architecture.md, "Data flow"): honour Retry-After for every request,
 * wait 5 minutes after a 429 without it and then back off, back off after server failures, stay
 * far under dbt's 500/min limit (our budget: 24 a minute from one browser), and never let a
 * timed-out request block the next one. Pure: the clock is injected; the background persists the
 * block so a restarted service worker still honours a Retry-After it was given.
 */
import { DEFAULT_RATE_LIMIT_WAIT_S, rateLimitedMessage } from './error-map';
import type { DiscoveryError } from './errors';

/** Why requests are held back and until when: what the next caller is told. */
export interface GateBlock {
  /** Epoch ms before which no request may start. */
  notBefore: number;
  /** The HTTP status that caused it (429, or a 5xx); `null` when restored without one. */
  status: number | null;
}

export interface RequestGateOptions {
  now?: () => number;
  maxPerMinute?: number;
  onBlocked?: (block: GateBlock) => void;
}

const MINUTE_MS = 60_000;
const BASE_BACKOFF_S = 30;
// Capped at 2 minutes: once dbt is back, the background's next retry (lib/background/retry.ts)
// must get through within about two minutes. A Retry-After from dbt still wins.
const MAX_BACKOFF_S = 2 * 60;
const MAX_RATE_LIMIT_WAIT_S = 60 * 60;
/**
 * Requests one browser may start in any minute: "well under 30", and enough for the 21 requests
 * of a first sync of a 10,000-model project to go out together (docs/performance.md).
 */
export const DEFAULT_MAX_PER_MINUTE = 24;

export class RequestGate {
  private readonly now: () => number;
  private readonly maxPerMinute: number;
  private readonly onBlocked?: (block: GateBlock) => void;
  private block: GateBlock = { notBefore: 0, status: null };
  private consecutiveServerFailures = 0;
  private consecutiveRateLimits = 0;
  /** Start times of recent requests, and of reserved ones still to come; kept sorted. */
  private starts: number[] = [];

  constructor(options: RequestGateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxPerMinute = options.maxPerMinute ?? DEFAULT_MAX_PER_MINUTE;
    this.onBlocked = options.onBlocked;
  }

  /** The block in force with the seconds left, or `null` when requests may be sent. */
  blocked(): { seconds: number; status: number | null } | null {
    const seconds = Math.ceil((this.block.notBefore - this.now()) / 1000);
    return seconds > 0 ? { seconds, status: this.block.status } : null;
  }

  /**
   * Reserves the earliest start within the budget and returns how long to wait for it. Reserving
   * (not just asking) matters: callers arriving together must not all wait the same delay and then
   * all start at once.
   */
  reserveSlot(): number {
    const now = this.now();
    this.starts = this.starts.filter((t) => t > now - MINUTE_MS);
    let at = now;
    if (this.starts.length >= this.maxPerMinute) {
      at = Math.max(now, this.starts[this.starts.length - this.maxPerMinute]! + MINUTE_MS);
    }
    this.starts.push(at);
    this.starts.sort((a, b) => a - b);
    return at - now;
  }

  noteSuccess(): void {
    this.consecutiveServerFailures = 0;
    this.consecutiveRateLimits = 0;
  }

  /** Returns the error with `retryAfterSeconds` filled in where the gate now blocks. */
  noteFailure(error: DiscoveryError): DiscoveryError {
    let waitS: number | undefined;
    if (error.kind === 'rateLimited') {
      this.consecutiveRateLimits += 1;
      if (error.retryAfterSeconds !== undefined) {
        waitS = error.retryAfterSeconds; // always honoured, whatever it says
      } else {
        // 5 minutes (dbt's hold-off after a 429), then twice as long for each 429 in a row.
        waitS = Math.min(MAX_RATE_LIMIT_WAIT_S, DEFAULT_RATE_LIMIT_WAIT_S * 2 ** (this.consecutiveRateLimits - 1));
        error = { ...error, message: rateLimitedMessage(waitS) };
      }
    } else if (error.kind === 'server') {
      this.consecutiveServerFailures += 1;
      const backoff = Math.min(MAX_BACKOFF_S, BASE_BACKOFF_S * 2 ** (this.consecutiveServerFailures - 1));
      waitS = error.retryAfterSeconds ?? backoff;
    }
    // Timeouts and network errors do not block: the next request may well get through.
    if (waitS === undefined) return error;
    this.hold({ notBefore: this.now() + waitS * 1000, status: error.status ?? null });
    return { ...error, retryAfterSeconds: waitS };
  }

  /** Re-applies a block persisted by an earlier service worker. */
  restore(block: GateBlock): void {
    if (block.notBefore > this.block.notBefore) this.block = block;
  }

  private hold(block: GateBlock): void {
    if (block.notBefore <= this.block.notBefore) return;
    this.block = block;
    this.onBlocked?.(block);
  }
}
