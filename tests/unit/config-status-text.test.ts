import { describe, expect, it } from 'vitest';
import { errorFromStatus, errorFromException } from '../../lib/discovery/error-map';
import { describeSyncStatus, formatAge } from '../../components/status-text';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';

const NOW = new Date('2026-11-28T12:00:00Z');
const ctx = { endpoint: 'https://ab123.metadata.us1.dbt.com/graphql', environmentId: '70403103985022' };

const status = (over: Partial<SyncStatus>): SyncStatus => ({ ...INITIAL_SYNC_STATUS, ...over });

describe('describeSyncStatus', () => {
  it('says Connected with the model count and the data age when ready', () => {
    expect(describeSyncStatus(status({ phase: 'ready', modelCount: 1234, syncedAt: '2026-11-28T11:55:00Z' }), NOW)).toEqual({
      headline: 'Connected — 1,234 models',
      detail: 'Last synced 5 minutes ago.',
      tone: 'ok',
    });
    expect(describeSyncStatus(status({ phase: 'ready', modelCount: 1, syncedAt: NOW.toISOString() }), NOW).headline).toBe(
      'Connected — 1 model',
    );
  });

  it('names the sources, seeds and snapshots that get badges too, apart from the models', () => {
    const ready = status({
      phase: 'ready',
      modelCount: 44,
      counts: { model: 44, source: 14, seed: 3, snapshot: 1 },
      syncedAt: NOW.toISOString(),
    });
    expect(describeSyncStatus(ready, NOW).detail).toBe('Also 14 sources, 3 seeds and 1 snapshot. Last synced just now.');
    const onlySources = status({ phase: 'ready', modelCount: 2, counts: { model: 2, source: 1, seed: 0, snapshot: 0 } });
    expect(describeSyncStatus(onlySources, NOW).detail).toBe('Also 1 source.');
  });

  it('shows progress while syncing, and the age of the data still shown', () => {
    const syncing = status({ phase: 'syncing', progress: { loaded: 500, total: 1234 }, syncedAt: '2026-11-28T09:00:00Z' });
    expect(describeSyncStatus(syncing, NOW)).toEqual({
      headline: 'Syncing… loaded 500 of 1,234',
      detail: 'Showing data from 3 hours ago.',
      tone: 'busy',
    });
    expect(describeSyncStatus(status({ phase: 'syncing', progress: { loaded: 0, total: null } }), NOW).headline).toBe(
      'Syncing… loaded 0',
    );
    expect(describeSyncStatus(status({ phase: 'syncing' }), NOW)).toMatchObject({ headline: 'Syncing…', detail: null });
  });

  it("shows each error in the background's own words, never saying connected", () => {
    const errors = [
      errorFromStatus(401, undefined, ctx),
      errorFromStatus(403, undefined, ctx),
      errorFromStatus(404, undefined, ctx),
      errorFromStatus(429, 120, ctx),
      errorFromStatus(503, undefined, ctx),
      errorFromException(new DOMException('timed out', 'TimeoutError'), ctx, 30_000),
      errorFromException(new TypeError('Failed to fetch'), ctx, 30_000),
    ];
    const headlines = errors.map((error) => describeSyncStatus(status({ phase: 'error', error }), NOW).headline);
    expect(headlines).toEqual(errors.map((e) => e.message));
    expect(new Set(headlines).size).toBe(errors.length);
    for (const headline of headlines) expect(headline.toLowerCase()).not.toContain('connected');
  });

  it('says how old the data on screen is when a sync failed after an earlier success', () => {
    const failed = status({
      phase: 'error',
      error: errorFromStatus(503, undefined, ctx),
      modelCount: 80,
      syncedAt: '2026-11-27T12:00:00Z',
    });
    expect(describeSyncStatus(failed, NOW)).toMatchObject({ detail: 'Showing data from yesterday.', tone: 'error' });
    expect(describeSyncStatus({ ...failed, syncedAt: null }, NOW).detail).toBeNull();
  });

  it('says what is missing when unconfigured', () => {
    expect(describeSyncStatus(INITIAL_SYNC_STATUS, NOW)).toEqual({
      headline: 'Docent is not set up yet.',
      detail: 'Enter the Access URL, Service token and Environment ID, then Save.',
      tone: 'idle',
    });
    const missing = status({ problems: ['Enter a service token.', 'Enter the Environment ID.'] });
    expect(describeSyncStatus(missing, NOW).detail).toBe('Enter a service token. Enter the Environment ID.');
  });
});

describe('formatAge', () => {
  it.each([
    ['2026-11-28T11:59:30Z', 'just now'],
    ['2026-11-28T12:00:30Z', 'just now'],
    ['2026-11-28T11:59:00Z', '1 minute ago'],
    ['2026-11-28T10:00:00Z', '2 hours ago'],
    ['2026-11-25T12:00:00Z', '3 days ago'],
  ])('formats %s as %j', (then, text) => {
    expect(formatAge(then, NOW)).toBe(text);
  });
});
