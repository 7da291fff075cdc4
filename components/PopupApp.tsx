/**
 * Wires the popup to the browser through injected bindings (docs/architecture.md "Code rules" 2): the entrypoint
 * passes the real ones, tests pass fakes. The status region follows storage, so it shows the
 * background's current state rather than only the outcome of the last click (docs/architecture.md "Status").
 */
import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from '../lib/catalog/sync-status';
import { loadTabMatches, type SendListMatches, type TabMatchesState, type TabQuery } from './tab-matches';
import type { DocentError } from '../lib/messaging';
import type { Result } from '../lib/result';
import { Popup } from './Popup';

export interface PopupDeps {
  readStatus(): Promise<SyncStatus>;
  watchStatus(onStatus: (status: SyncStatus) => void, signal: AbortSignal): void;
  tabs: TabQuery;
  sendToTab: SendListMatches;
  sendToBackground: (message: { type: 'syncNow' }) => Promise<Result<SyncStatus, DocentError> | undefined>;
  /**
   * Asks the background for its status on open. Chrome stops an idle service worker; the message
   * starts it again, and it resumes a sync it left half done or starts one that is due.
   */
  getStatus?: () => Promise<Result<SyncStatus, DocentError> | undefined>;
  openOptionsPage: () => unknown;
  /** `location.search` of the popup: `?tab=<id>` picks the tab to list. */
  search: string;
  clock?: () => Date;
  /** Whether an administrator's policy manages Docent; absent = not managed. */
  isManaged?: () => Promise<boolean>;
}

/** "5 min ago" must move while the popup stays open. */
const CLOCK_TICK_MS = 30_000;

/**
 * Asks the background to sync now. Returns the status it answered with, or the words to show
 * when it could not: the background's own error message, or that it could not be reached.
 */
export async function requestSync(
  send: PopupDeps['sendToBackground'],
): Promise<{ status: SyncStatus | null; error: string | null }> {
  try {
    const answer = await send({ type: 'syncNow' });
    if (!answer) return { status: null, error: 'Docent’s background did not answer. Try again in a moment.' };
    return answer.ok ? { status: answer.value, error: null } : { status: null, error: answer.error.message };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: null, error: `Could not reach Docent’s background (${reason}). Try again in a moment.` };
  }
}

export function PopupApp({ deps }: { deps: PopupDeps }) {
  const clock = deps.clock ?? (() => new Date());
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [now, setNow] = useState(clock);
  const [matches, setMatches] = useState<TabMatchesState>({ kind: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const [managed, setManaged] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let watched = false;
    deps.watchStatus((next) => {
      watched = true;
      setStatus(next);
      setNow(clock());
    }, signal);
    void deps.readStatus().then((read) => {
      // A change seen by the watcher while reading is newer than what was read.
      if (!signal.aborted) setStatus((current) => current ?? read);
    });
    void deps.getStatus?.().then((answer) => {
      if (!signal.aborted && !watched && answer?.ok) setStatus(answer.value);
    }, () => {});
    void loadTabMatches(deps.tabs, deps.sendToTab, deps.search).then((state) => {
      if (!signal.aborted) setMatches(state);
    });
    void deps.isManaged?.().then((value) => {
      if (!signal.aborted) setManaged(value);
    }).catch(() => {});
    const tick = setInterval(() => setNow(clock()), CLOCK_TICK_MS);
    signal.addEventListener('abort', () => clearInterval(tick), { once: true });
    return () => controller.abort();
  }, [deps]);

  const onRefresh = async () => {
    setRefreshing(true);
    setRefreshError(null);
    const outcome = await requestSync(deps.sendToBackground);
    if (outcome.status) setStatus(outcome.status);
    setRefreshError(outcome.error);
    setNow(clock());
    setRefreshing(false);
  };

  return (
    <Popup
      status={status}
      now={now}
      matches={matches}
      refreshing={refreshing}
      refreshError={refreshError}
      managed={managed}
      onRefresh={() => void onRefresh()}
      onOpenOptions={() => void deps.openOptionsPage()}
    />
  );
}
