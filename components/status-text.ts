/**
 * The words for a sync status, shared by the options page and the popup so both say the same
 * thing (docs/architecture.md "Status"). Errors are shown in the background's own words,
 * one per cause; nothing here adds "not connected", which reads as "connected" at a glance.
 */
import { formatRelative } from '../lib/format/time';
import type { SyncStatus } from '../lib/catalog/sync-status';

export type StatusTone = 'ok' | 'busy' | 'error' | 'idle';

export interface StatusDescription {
  headline: string;
  detail: string | null;
  tone: StatusTone;
}

// The interface is written in English, so its numbers and times are too.
const LOCALE = 'en';
const count = new Intl.NumberFormat(LOCALE);

/** "just now", "5 minutes ago", "3 hours ago", "yesterday": the data's age, never in the future. */
export function formatAge(then: Date | string, now: Date): string {
  const iso = typeof then === 'string' ? then : then.toISOString();
  const seconds = (now.getTime() - new Date(iso).getTime()) / 1000;
  // A clock a little ahead of the server's must not read "in 2 minutes".
  if (!Number.isFinite(seconds) || seconds < 60) return 'just now';
  return formatRelative(iso, now, LOCALE);
}

function models(n: number): string {
  return `${count.format(n)} ${n === 1 ? 'model' : 'models'}`;
}

/** "Also 14 sources, 3 seeds and 1 snapshot." — they get badges too, but dbt does not call them models. */
function otherNodes(counts: SyncStatus['counts']): string | null {
  if (!counts) return null;
  const parts = (
    [
      [counts.source, 'source', 'sources'],
      [counts.seed, 'seed', 'seeds'],
      [counts.snapshot, 'snapshot', 'snapshots'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${count.format(n)} ${n === 1 ? one : many}`);
  if (parts.length === 0) return null;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Also ${list}.`;
}

function earlierData(status: SyncStatus, now: Date): string | null {
  return status.syncedAt ? `Showing data from ${formatAge(status.syncedAt, now)}.` : null;
}

function progressText(progress: SyncStatus['progress']): string {
  if (!progress) return 'Syncing…';
  const loaded = count.format(progress.loaded);
  return progress.total == null ? `Syncing… loaded ${loaded}` : `Syncing… loaded ${loaded} of ${count.format(progress.total)}`;
}

export function describeSyncStatus(status: SyncStatus, now: Date): StatusDescription {
  switch (status.phase) {
    case 'ready':
      return {
        headline: `Connected — ${models(status.modelCount)}`,
        detail:
          [otherNodes(status.counts), status.syncedAt ? `Last synced ${formatAge(status.syncedAt, now)}.` : null]
            .filter(Boolean)
            .join(' ') || null,
        tone: 'ok',
      };
    case 'syncing':
      return { headline: progressText(status.progress), detail: earlierData(status, now), tone: 'busy' };
    case 'error':
      return {
        headline: status.error?.message ?? 'The last sync failed. Docent will try again on its own.',
        detail: earlierData(status, now),
        tone: 'error',
      };
    case 'unconfigured':
    default:
      return {
        headline: 'Docent is not set up yet.',
        detail:
          status.problems.length > 0
            ? status.problems.join(' ')
            : 'Enter the Access URL, Service token and Environment ID, then Save.',
        tone: 'idle',
      };
  }
}
