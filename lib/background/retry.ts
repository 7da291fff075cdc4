/**
 * Transient faults heal without a click. After a sync fails for a reason that passes on its own
 * (dbt's servers, a timeout, the network, rate limiting, an unreadable answer), the background
 * sets one retry alarm: after dbt's hold-off when it gave one (Retry-After, 5 minutes after a bare
 * 429), else 30 s, 60 s, then every 2 minutes, so that once the API is back the next retry
 * succeeds within about two minutes. After MAX_RETRIES it stops and leaves the regular refresh
 * alarm to it. Token, permission and environment faults get no retry: nothing changes until a
 * person saves new settings or presses Refresh now (docs/reliability.md).
 *
 * Pure apart from what it is handed: the alarms API and a small state store (storage.session in
 * the extension, so a restarted service worker keeps counting).
 */
import type { SyncStatus } from '../catalog/sync-status';

export const RETRY_ALARM = 'docent-retry';
export const MAX_RETRIES = 8;
const STEPS_MS = [30_000, 60_000, 120_000];
/** Chrome fires alarms no sooner than 30 s after they are set. */
const MIN_DELAY_MS = 30_000;

const TRANSIENT = new Set(['rateLimited', 'server', 'timeout', 'network', 'invalidResponse']);

export function isTransient(status: SyncStatus): boolean {
  return status.phase === 'error' && status.error !== null && TRANSIENT.has(status.error.kind);
}

/** The wait before retry number `attempt` (1-based), or `null` once retries stop. */
export function retryDelayMs(status: SyncStatus, attempt: number): number | null {
  if (!isTransient(status) || attempt > MAX_RETRIES) return null;
  const step = STEPS_MS[Math.min(attempt, STEPS_MS.length) - 1]!;
  const error = status.error as { retryAfterSeconds?: number };
  const holdOff = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
  // A hold-off is dbt's word (or the request gate's back-off): never retry before it ends.
  return Math.max(MIN_DELAY_MS, holdOff > 0 ? holdOff + 1_000 : step);
}

export interface RetryDeps {
  alarms: {
    create(name: string, info: { when: number }): Promise<void> | void;
    clear(name: string): Promise<unknown> | unknown;
  };
  /** How many retries in a row have been set; kept across service-worker restarts. */
  readAttempts(): Promise<number>;
  writeAttempts(attempts: number): Promise<void>;
  now(): number;
}

/** Call with every status the catalog publishes. */
export function createRetryScheduler(deps: RetryDeps) {
  let lastPhase: SyncStatus['phase'] | null = null;
  return async function onStatus(status: SyncStatus): Promise<void> {
    const phase = status.phase;
    if (phase === lastPhase && phase !== 'error') return;
    lastPhase = phase;
    if (phase === 'syncing') return;
    if (phase === 'ready' || phase === 'unconfigured' || !isTransient(status)) {
      await deps.writeAttempts(0);
      await deps.alarms.clear(RETRY_ALARM);
      return;
    }
    const attempt = (await deps.readAttempts()) + 1;
    const delay = retryDelayMs(status, attempt);
    if (delay === null) return;
    await deps.writeAttempts(attempt);
    await deps.alarms.create(RETRY_ALARM, { when: deps.now() + delay });
  };
}
