/**
 * The toolbar popup (docs/architecture.md "Contracts"): connection state and the data's age in a status region,
 * Refresh now, this tab's matches with their health, a way to the options page. Pure props in,
 * DOM out; PopupApp.tsx wires it to the browser.
 */
import type { SyncStatus } from '../lib/catalog/sync-status';
import { describeSyncStatus } from './status-text';
import { NO_MATCHES_TEXT, NOT_RUNNING_TEXT, type TabMatchesState } from './tab-matches';
import type { TabMatch } from '../lib/messaging';
import { HealthIcon } from './HealthIcon';

export interface PopupProps {
  /** `null` until the stored status has been read. */
  status: SyncStatus | null;
  now: Date;
  matches: TabMatchesState;
  refreshing: boolean;
  /** Why the last Refresh now failed, when the answer itself said so (or never came). */
  refreshError: string | null;
  onRefresh: () => void;
  onOpenOptions: () => void;
}

export function Popup(props: PopupProps) {
  return (
    <main class="docent-popup">
      <header class="docent-popup-head">
        <h1>Docent</h1>
        <button type="button" class="docent-popup-refresh" onClick={props.onRefresh} disabled={props.refreshing}>
          {props.refreshing ? 'Refreshing…' : 'Refresh now'}
        </button>
      </header>
      <StatusRegion status={props.status} now={props.now} refreshError={props.refreshError} />
      <section class="docent-popup-matches" aria-labelledby="docent-popup-matches-h">
        <h2 id="docent-popup-matches-h">On this page</h2>
        <Matches state={props.matches} />
      </section>
      <footer class="docent-popup-foot">
        <a
          href="/options.html"
          onClick={(event) => {
            // The options page belongs in a tab of its own, not in the popup's frame.
            event.preventDefault();
            props.onOpenOptions();
          }}
        >
          Options
        </a>
      </footer>
    </main>
  );
}

function StatusRegion(props: { status: SyncStatus | null; now: Date; refreshError: string | null }) {
  const text = props.status ? describeSyncStatus(props.status, props.now) : null;
  const tone = text?.tone ?? 'busy';
  return (
    <div role="status" class={`docent-popup-status docent-popup-tone-${tone}`}>
      <p class="docent-popup-headline">{text ? text.headline : 'Reading status…'}</p>
      {text?.detail && <p class="docent-popup-detail">{text.detail}</p>}
      {props.refreshError && <p class="docent-popup-refresh-error">Refresh failed: {props.refreshError}</p>}
    </div>
  );
}

function Matches({ state }: { state: TabMatchesState }) {
  switch (state.kind) {
    case 'loading':
      return <p class="docent-popup-muted docent-popup-loading">Looking for dbt models on this page…</p>;
    case 'notRunning':
      return <p class="docent-popup-muted">{NOT_RUNNING_TEXT}</p>;
    case 'failed':
      return <p class="docent-popup-error">{state.message}</p>;
    case 'ready':
      if (state.matches.length === 0) return <p class="docent-popup-muted">{NO_MATCHES_TEXT}</p>;
      return (
        <ul class="docent-popup-list">
          {state.matches.map((match) => (
            <MatchItem key={match.uniqueId} match={match} />
          ))}
        </ul>
      );
  }
}

function MatchItem({ match }: { match: TabMatch }) {
  return (
    <li class="docent-popup-match">
      <HealthIcon health={match.health} size={14} />
      <span class="docent-popup-match-text">
        <span class="docent-popup-match-name">{match.name}</span>{' '}
        <span class="docent-popup-match-health">{match.health}</span>
        <code class="docent-popup-match-relation">{match.relation}</code>
      </span>
      <span class="docent-popup-match-count" title="Occurrences on this page">
        {match.occurrences === 1 ? '1 occurrence' : `${match.occurrences} occurrences`}
      </span>
    </li>
  );
}
