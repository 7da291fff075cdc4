/**
 * The `<docent-summary>` pill in a dashboard's header (docs/architecture.md "Dashboards"): the
 * models behind the dashboard and the worst verdict among them, expandable to the list, each entry
 * opening its doc card. Plain DOM in an open shadow root, like the badge: page CSS never reaches
 * its insides.
 */
import type { Health } from '../catalog/types';
import { worstHealth } from '../catalog/health';
import type { MatchCandidate } from '../messaging';
import { HEALTH_STYLE } from '../../components/HealthIcon';
import { SUMMARY_TAG } from './own-nodes';

const SUMMARY_CSS = `
:host { all: initial; display: inline-block; position: relative; vertical-align: middle; margin: 0 6px;
  font: 12px/1.4 system-ui, sans-serif; color: #1f2328; }
button { font: inherit; color: inherit; cursor: pointer; }
.pill { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px 2px 4px; border-radius: 999px;
  border: 1px solid #d0d7de; background: #fff; }
.pill:focus-visible, .entry:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
.dot { display: inline-flex; align-items: center; justify-content: center; width: 16px; height: 16px;
  border-radius: 50%; color: #fff; font-weight: 700; font-size: 11px; line-height: 1; flex: none; }
ul { position: absolute; z-index: 2147483646; top: calc(100% + 4px); left: 0; min-width: 240px; max-height: 320px;
  overflow: auto; margin: 0; padding: 4px; list-style: none; background: #fff; border: 1px solid #d0d7de;
  border-radius: 6px; box-shadow: 0 8px 24px rgba(140, 149, 159, 0.2); }
ul[hidden] { display: none; }
.entry { display: flex; width: 100%; align-items: center; gap: 6px; padding: 4px 6px; border: 0; border-radius: 4px;
  background: transparent; text-align: left; }
.entry:hover { background: #f6f8fa; }
.relation { color: #656d76; margin-left: auto; padding-left: 8px; }
`;

export interface SummaryEntry {
  candidate: MatchCandidate;
}

export interface SummaryView {
  element: HTMLElement;
  /** Redraws the pill for these models and this verdict (the worst of theirs, or an exposure's). */
  update(entries: readonly MatchCandidate[], health: Health): void;
  /** The entry button of a model, for tests and for returning focus. */
  entryFor(uniqueId: string): HTMLButtonElement | null;
}

let listIds = 0;

/** `onOpen(entry, candidate, byKeyboard)`: an entry was chosen; the card host opens its doc card. */
export function createSummary(
  document: Document,
  onOpen: (entry: HTMLButtonElement, candidate: MatchCandidate, byKeyboard: boolean) => void,
): SummaryView {
  const host = document.createElement(SUMMARY_TAG);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = SUMMARY_CSS;
  const pill = document.createElement('button');
  pill.className = 'pill';
  pill.type = 'button';
  pill.setAttribute('aria-expanded', 'false');
  const dot = document.createElement('span');
  dot.className = 'dot';
  dot.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  pill.append(dot, label);
  const list = document.createElement('ul');
  list.id = `docent-summary-list-${++listIds}`;
  list.hidden = true;
  pill.setAttribute('aria-controls', list.id);
  root.append(style, pill, list);
  const entries = new Map<string, HTMLButtonElement>();

  const setExpanded = (expanded: boolean) => {
    pill.setAttribute('aria-expanded', String(expanded));
    list.hidden = !expanded;
  };
  pill.addEventListener('click', () => setExpanded(list.hidden));
  root.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Escape' && !list.hidden && (event.target === pill || list.contains(event.target as Node))) {
      setExpanded(false);
      pill.focus();
      event.stopPropagation();
    } else if ((key === 'ArrowDown' || key === 'ArrowUp') && !list.hidden) {
      // Arrow keys walk the entries, as in a menu; Tab still works as well.
      const buttons = [...entries.values()];
      const at = buttons.indexOf(root.activeElement as HTMLButtonElement);
      const next = key === 'ArrowDown' ? Math.min(buttons.length - 1, at + 1) : Math.max(0, at - 1);
      buttons[next]?.focus();
      event.preventDefault();
    }
  });

  return {
    element: host,
    update(candidates, health) {
      const ids = candidates.map((candidate) => candidate.uniqueId);
      host.setAttribute('data-unique-ids', ids.join(' '));
      host.setAttribute('data-health', health);
      const look = HEALTH_STYLE[health];
      dot.style.backgroundColor = look.color;
      dot.textContent = look.glyph;
      const count = `${candidates.length} dbt ${candidates.length === 1 ? 'model' : 'models'}`;
      label.textContent = count;
      pill.setAttribute('aria-label', `${count} behind this dashboard: ${health}`);
      entries.clear();
      list.replaceChildren(
        ...candidates.map((candidate) => {
          const item = document.createElement('li');
          const entry = document.createElement('button');
          entry.type = 'button';
          entry.className = 'entry';
          entry.dataset.uniqueId = candidate.uniqueId;
          entry.setAttribute('aria-haspopup', 'dialog');
          entry.setAttribute('aria-expanded', 'false');
          entry.setAttribute('aria-label', `${candidate.name}: ${candidate.verdict.health}`);
          const mark = document.createElement('span');
          mark.className = 'dot';
          mark.setAttribute('aria-hidden', 'true');
          mark.style.backgroundColor = HEALTH_STYLE[candidate.verdict.health].color;
          mark.textContent = HEALTH_STYLE[candidate.verdict.health].glyph;
          const name = document.createElement('span');
          name.textContent = candidate.name;
          const relation = document.createElement('span');
          relation.className = 'relation';
          relation.textContent = candidate.relation;
          entry.append(mark, name, relation);
          // A click from the keyboard (Enter or Space on a button) has no pointer position: detail 0.
          entry.addEventListener('click', (event) => onOpen(entry, candidate, event.detail === 0));
          entries.set(candidate.uniqueId, entry);
          item.append(entry);
          return item;
        }),
      );
    },
    entryFor: (uniqueId) => entries.get(uniqueId) ?? null,
  };
}

/**
 * The pill's verdict. Where dbt declares the dashboard (an exposure), the exposure's own verdict
 * stands for the models it reads, by dbt's exposure criteria (a model with no description does not
 * make a dashboard caution); any other model on the page adds its own verdict. The worst wins.
 */
export function summaryHealth(
  candidates: readonly MatchCandidate[],
  exposures: ReadonlyArray<{ health: Health; parentIds: readonly string[] }>,
): Health {
  const covered = new Set(exposures.flatMap((exposure) => exposure.parentIds));
  const verdicts = [
    ...exposures.map((exposure) => exposure.health),
    ...candidates.filter((candidate) => !covered.has(candidate.uniqueId)).map((candidate) => candidate.verdict.health),
  ];
  return verdicts.length === 0 ? 'unknown' : worstHealth(verdicts);
}
