/**
 * Column markers (the adapter's `columns` slots, lib/adapters/define.ts): where a tool lists a
 * matched model's fields under the model's name (a Looker field picker's view, a Power BI Data
 * pane's table), each field the model documents gets a small `<docent-column>` marker that opens
 * the doc card at that column's description. Only a group whose fields are rendered asks for its
 * model's details, through the card's one details cache, so a collapsed table costs nothing and a
 * model is asked for once however many markers it has.
 */
import type { ColumnSlots } from '../adapters/define';
import type { ColumnDoc } from '../catalog/types';
import type { NameMatch } from '../messaging';
import { parseRelationName } from '../matching/identifier';
import { joinKey } from '../matching/keys';
import type { Card } from './card';
import { MARKER_TAG } from './own-nodes';
import { isRendered } from './visibility';

// The badge's habit (badge-element.ts): a shadow root holds the looks; negative vertical margins
// keep the line as tall as it was.
const MARKER_CSS = `
:host {
  all: initial;
  display: inline-block;
  width: 14px;
  height: 14px;
  margin: -3px 0 -3px 4px;
  vertical-align: 1px;
  cursor: help;
  border-radius: 50%;
}
:host(:focus-visible) { outline: 2px solid #0969da; outline-offset: 1px; }
span {
  display: flex; align-items: center; justify-content: center;
  width: 14px; height: 14px; border-radius: 50%;
  background: #0969da; color: #fff;
  font: italic 700 10px/1 Georgia, serif;
  box-shadow: 0 0 0 1px rgba(255, 255, 255, 0.8);
}
`;

export interface ColumnMarkers {
  /** Marks the fields of every matched model's group on the page now; resolves once they are placed. */
  refresh(): Promise<void>;
  removeAll(): void;
}

export interface ColumnMarkerOptions {
  document: Document;
  slots: ColumnSlots;
  /** The models the page's names resolved to (the name resolver's answers). */
  lookup: (key: string) => NameMatch | null | undefined;
  /** The relation name a table element holds (the adapter's `resolve`, else its text). */
  readTable: (table: Element) => string | null;
  card: Card;
  signal: AbortSignal;
  /** After markers were added: the overlay drops the mutation records they caused. */
  onPlaced?: () => void;
  /** Milliseconds now (tests pass a clock). */
  now?: () => number;
}

/**
 * A model whose columns could not be loaded (dbt failing, or an answer "as of" the last index
 * without them) is not asked about again for this long. The page's details cache keeps no failure,
 * and markers are refreshed after every read of the page: without this, a busy field list would
 * send the background, and dbt, a question per model on every mutation while dbt is down.
 */
export const COLUMNS_RETRY_MS = 60_000;

/** How a field's label and a column's name compare: "First Touch Channel" is `first_touch_channel`. */
export function columnKey(label: string): string {
  return label.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function createMarker(document: Document, column: ColumnDoc, model: string): HTMLElement {
  const marker = document.createElement(MARKER_TAG);
  marker.setAttribute('role', 'button');
  marker.setAttribute('tabindex', '0');
  marker.setAttribute('aria-label', `Column ${column.name} of ${model}: description`);
  marker.setAttribute('aria-haspopup', 'dialog');
  marker.setAttribute('aria-expanded', 'false');
  marker.setAttribute('data-column', column.name);
  const root = marker.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = MARKER_CSS;
  const glyph = document.createElement('span');
  glyph.setAttribute('aria-hidden', 'true');
  glyph.textContent = 'i';
  root.append(style, glyph);
  // A field is often a control of its own (a click adds it to the query, Enter expands its tree
  // item): what is done to the marker is Docent's, and never reaches the field.
  const keep = (event: Event) => {
    if (event.type !== 'keydown' || ['Enter', ' ', 'ArrowDown', 'Escape'].includes((event as KeyboardEvent).key)) event.stopPropagation();
  };
  for (const type of ['click', 'mousedown', 'pointerdown', 'dblclick', 'keydown']) marker.addEventListener(type, keep);
  return marker;
}

export function createColumnMarkers(options: ColumnMarkerOptions): ColumnMarkers {
  const { document, slots, lookup, readTable, card, signal } = options;
  const group = slots.group.join(', ');
  const table = slots.table.join(', ');
  const column = slots.column.join(', ');
  const now = options.now ?? Date.now;
  const placed = new Set<HTMLElement>();
  /** When a model's columns last could not be loaded, by environment and unique id. */
  const failedAt = new Map<string, number>();
  const hasMarker = (field: Element) => field.querySelector(MARKER_TAG) != null;
  const modelKey = (match: NameMatch) => `${match.candidates[0]!.environment ?? ''}\n${match.candidates[0]!.uniqueId}`;

  async function mark(fields: Element[], match: NameMatch) {
    const candidate = match.candidates[0]!;
    const answer = await card.detailsOf(candidate);
    if (signal.aborted) return;
    if (!answer.ok || answer.value.missing) {
      failedAt.set(modelKey(match), now());
      return;
    }
    failedAt.delete(modelKey(match));
    const documented = new Map(answer.value.details.columns.map((doc) => [columnKey(doc.name), doc]));
    let added = false;
    for (const field of fields) {
      if (!field.isConnected || hasMarker(field)) continue;
      const doc = documented.get(columnKey(field.textContent ?? ''));
      if (!doc) continue;
      const marker = createMarker(document, doc, candidate.name);
      field.append(marker);
      card.bindBadge(marker, match, doc.name);
      placed.add(marker);
      added = true;
    }
    if (added) options.onPlaced?.();
  }

  return {
    async refresh() {
      if (signal.aborted) return;
      for (const marker of placed) if (!marker.isConnected) placed.delete(marker);
      const work: Promise<void>[] = [];
      for (const each of document.querySelectorAll(group)) {
        const name = each.querySelector(table);
        const written = name ? readTable(name) : null;
        const parts = written == null ? null : parseRelationName(written);
        const match = parts ? lookup(joinKey(parts)) : null;
        // An ambiguous name picks no model, so its fields name no model's columns either.
        if (!match || match.candidates.length !== 1) continue;
        const failed = failedAt.get(modelKey(match));
        if (failed !== undefined && now() - failed < COLUMNS_RETRY_MS) continue;
        const fields = [...each.querySelectorAll(column)].filter((field) => !hasMarker(field) && isRendered(field));
        if (fields.length > 0) work.push(mark(fields, match));
      }
      await Promise.all(work);
    },
    removeAll() {
      for (const marker of placed) marker.remove();
      placed.clear();
    },
  };
}
