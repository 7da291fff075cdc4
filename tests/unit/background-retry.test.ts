import { describe, expect, it } from 'vitest';
import { createRetryScheduler, MAX_RETRIES, RETRY_ALARM, retryDelayMs } from '../../lib/background/retry';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import type { SourceError } from '../../lib/catalog/source';
import { RequestGate } from '../../lib/discovery/request-gate';

const failed = (error: SourceError): SyncStatus => ({ ...INITIAL_SYNC_STATUS, phase: 'error', error, syncedAt: '2026-11-30T03:00:00Z' });
const ready: SyncStatus = { ...INITIAL_SYNC_STATUS, phase: 'ready' };
const syncing: SyncStatus = { ...INITIAL_SYNC_STATUS, phase: 'syncing' };

/** The alarms API on a fake clock: what is set, and when it would fire. */
function fakeBackground() {
  let now = 0;
  let attempts = 0;
  const alarms = new Map<string, number>();
  const onStatus = createRetryScheduler({
    alarms: { create: (name, { when }) => void alarms.set(name, when), clear: (name) => alarms.delete(name) },
    readAttempts: async () => attempts,
    writeAttempts: async (n) => void (attempts = n),
    now: () => now,
  });
  return { onStatus, alarms, at: () => now, advanceTo: (t: number) => void (now = t), attempts: () => attempts };
}

describe('retry after a transient failure', () => {
  it('retries a 503 after 30 s, 60 s, then every 2 minutes, and stops after a bounded number', async () => {
    const bg = fakeBackground();
    const waits: number[] = [];
    for (let i = 0; i < MAX_RETRIES + 2; i++) {
      await bg.onStatus(syncing);
      await bg.onStatus(failed({ kind: 'server', status: 503, message: 'dbt is failing' }));
      const when = bg.alarms.get(RETRY_ALARM);
      if (when === undefined) break;
      waits.push(when - bg.at());
      bg.advanceTo(when);
      bg.alarms.delete(RETRY_ALARM); // fired
    }
    expect(waits.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 120_000]);
    expect(waits).toHaveLength(MAX_RETRIES);
    expect(Math.max(...waits)).toBeLessThanOrEqual(120_000);
  });

  it('waits out Retry-After and the 5-minute hold-off after a bare 429, never less', async () => {
    expect(retryDelayMs(failed({ kind: 'rateLimited', status: 429, retryAfterSeconds: 120, message: '' }), 1)).toBe(121_000);
    expect(retryDelayMs(failed({ kind: 'rateLimited', status: 429, retryAfterSeconds: 300, message: '' }), 1)).toBe(301_000);
    expect(retryDelayMs(failed({ kind: 'rateLimited', status: 429, retryAfterSeconds: 5, message: '' }), 1)).toBe(30_000);
  });

  it('never retries a token, permission or environment fault on its own', async () => {
    for (const kind of ['unauthorized', 'forbidden', 'notFound'] as const) {
      const bg = fakeBackground();
      await bg.onStatus(failed({ kind, message: 'fix the settings' }));
      expect(bg.alarms.has(RETRY_ALARM)).toBe(false);
    }
  });

  it('clears the retry and its count once a sync succeeds', async () => {
    const bg = fakeBackground();
    await bg.onStatus(failed({ kind: 'timeout', message: 'no answer' }));
    expect(bg.alarms.has(RETRY_ALARM)).toBe(true);
    await bg.onStatus(syncing);
    await bg.onStatus(ready);
    expect(bg.alarms.has(RETRY_ALARM)).toBe(false);
    expect(bg.attempts()).toBe(0);
  });

  it('the request gate never holds a 5xx back longer than the retry waits: dbt back means a sync within 2 minutes', () => {
    let now = 0;
    const gate = new RequestGate({ now: () => now });
    let hold = 0;
    for (let i = 0; i < 10; i++) {
      hold = gate.noteFailure({ kind: 'server', status: 503, message: '' }).retryAfterSeconds!;
      now += hold * 1000;
    }
    expect(hold).toBeLessThanOrEqual(120);
  });
});
