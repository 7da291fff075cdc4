/**
 * Turns a part of the page into scannable text: code-editor lines whole (editors split a name
 * across token spans), table slots whole, and everywhere else runs of adjacent text nodes. Each
 * segment keeps its text nodes so an offset in its text maps back to a place in the DOM.
 *
 * Reading costs about one pass over the page's text (docs/performance.md "Overlay"): one tree
 * walker over text nodes with no filter of Docent's own, one `includes('.')` per text (every name
 * Docent can badge outside a table slot has a dot), and only at a text that has one: where it sits
 * (which code line, skipped or editable region) and whether it renders. No question is asked of
 * every element, so reading never forces the page's style or layout for the whole page.
 */
import type { Adapter } from '../adapters/define';
import { parseRelationName } from '../matching/identifier';
import { joinKey } from '../matching/keys';
import { scanText } from '../matching/scan';
import { isDocentNode, CARD_TAG, BADGE_TAG, SUMMARY_TAG, MARKER_TAG } from './own-nodes';
import { isShown, outermostHidden } from './visibility';

// The DOM's NodeFilter constants, spelled out: the document comes in as an argument (it may be
// another window's, or a test's), so nothing here may lean on this realm's global NodeFilter.
const SHOW_TEXT = 0x4;

export interface Segment {
  /** The element the segment belongs to: a code line, a table slot, or the text run's parent. */
  root: Element;
  texts: Text[];
  /** Offset of each text node's first character in `text`. */
  starts: number[];
  text: string;
}

export interface Occurrence {
  segment: Segment;
  start: number;
  end: number;
  key: string;
}

const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'svg',
  'iframe', 'object', BADGE_TAG, CARD_TAG, SUMMARY_TAG, MARKER_TAG,
]);

const SKIPPED_SELECTOR = [...SKIPPED_TAGS].join(', ');
// Inside an editable region only code lines are read (CodeMirror 6's content is editable).
const EDITABLE_SELECTOR = '[contenteditable]:not([contenteditable="false"])';

export interface SegmentSelectors {
  codeLines: string;
  tableSlots: string;
}

export function selectorsOf(adapter: Adapter): SegmentSelectors {
  return { codeLines: adapter.codeLines.join(', '), tableSlots: adapter.tableSlots.join(', ') };
}

/**
 * Every occurrence of a candidate name under `root`, at once: an element or a text node (a rescan
 * starts from a changed node), or an open shadow root's contents (a fragment).
 */
export function findOccurrences(
  root: Node,
  adapter: Adapter,
  selectors = selectorsOf(adapter),
  /** Told about each hidden element a candidate sits in, so the caller can rescan it when it shows. */
  onHidden: (element: Element) => void = () => {},
): Occurrence[] {
  const found: Occurrence[] = [];
  for (const step of readOccurrences(root, adapter, selectors, onHidden)) found.push(...step);
  return found;
}

/** Text nodes a step of `readOccurrences` covers: about a millisecond of reading. */
export const TEXTS_PER_STEP = 500;

/**
 * The occurrences under `root` in steps of about `textsPerStep` text nodes, each step what it found,
 * so a caller can yield to the page between steps (lib/overlay/slices.ts) and a large page is one
 * walk, not thousands of small reads. A page that removes the node the walk stopped at between two
 * steps makes it start over from `root`, skipping what it already read.
 */
export function* readOccurrences(
  root: Node,
  adapter: Adapter,
  selectors = selectorsOf(adapter),
  onHidden: (element: Element) => void = () => {},
  textsPerStep = TEXTS_PER_STEP,
): Generator<Occurrence[], void, void> {
  const fragment = root.nodeType === 11;
  const start = fragment ? null : root.nodeType === 1 ? (root as Element) : root.parentElement;
  if (!fragment && (!start || !start.isConnected || isDocentNode(start))) return;
  if (start) {
    const enclosing = enclosingUnit(start, selectors);
    if (enclosing) {
      yield shownOnly(occurrencesIn(enclosing, adapter, selectors), onHidden);
      return;
    }
    if (start.closest(SKIPPED_SELECTOR)) return;
  }
  const scope = (start ?? root) as Element | DocumentFragment;

  let occurrences: Occurrence[] = [];
  // Table slots are the one place a bare name (no dot) may match, so each is read whole. Adapters
  // name only a few of them per page (a schema browser's table names), never a page's every cell.
  if (selectors.tableSlots) {
    for (const slot of scope.querySelectorAll(selectors.tableSlots)) {
      if (!isDocentNode(slot)) occurrences.push(...occurrencesIn(slot, adapter, selectors));
    }
  }
  const where = placeFinder(selectors);
  // Where each text's parent sits, asked once per parent whose text may hold a name.
  const places = new Map<Element, Place>();
  const read = new Set<Node>(); // code lines read, and the first text of each run read
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(scope, SHOW_TEXT);
  let texts = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (++texts >= textsPerStep) {
      texts = 0;
      yield shownOnly(occurrences, onHidden);
      occurrences = [];
      if (!scope.contains(node)) {
        walker.currentNode = scope;
        continue;
      }
    }
    if (!mayHoldName(node.data)) continue;
    const parent = node.parentElement;
    if (!parent) continue;
    let place = places.get(parent);
    if (place === undefined) places.set(parent, (place = where(parent)));
    if (place === SKIP) continue;
    if (place !== RUN) {
      if (read.has(place)) continue;
      read.add(place);
      occurrences.push(...occurrencesIn(place, adapter, selectors));
      continue;
    }
    let first: Text = node;
    while (first.previousSibling?.nodeType === 3) first = first.previousSibling as Text;
    if (read.has(first)) continue;
    read.add(first);
    const run: Text[] = [];
    for (let text: Node | null = first; text?.nodeType === 3; text = text.nextSibling) run.push(text as Text);
    const segment = segmentOf(parent, run);
    for (const hit of scanText(segment.text)) occurrences.push({ segment, ...hit });
  }
  yield shownOnly(occurrences, onHidden);
}

// A name's dot is never followed by a digit (a part starts with a letter, `_` or a quote), except
// inside one pair of BigQuery backticks; numbers, versions and dates ("1,234.56", "v2.3") are turned
// down here, before anything asks where they sit.
const NAME_DOT = /\.(?![0-9])|`/;

/** Whether a text may hold (part of) a name Docent reads outside table slots: it has a dot of a name. */
function mayHoldName(data: string): boolean {
  return data.includes('.') && NAME_DOT.test(data);
}

const SKIP = 0;
const RUN = 1;
/** Where a text sits: a code line (read whole), in a run of text, or nowhere Docent reads. */
type Place = Element | typeof SKIP | typeof RUN;

/**
 * Where a text's parent sits, in one `closest` for the nearest element that matters: a skipped
 * element, a code line (read whole, even in an editable region), a table slot (read with the
 * slots), an editable region (only its code lines are read), or none of them (a run of text).
 */
function placeFinder(selectors: SegmentSelectors): (parent: Element) => Place {
  const special = [SKIPPED_SELECTOR, EDITABLE_SELECTOR, selectors.codeLines, selectors.tableSlots].filter(Boolean).join(', ');
  return (parent) => {
    const nearest = parent.closest(special);
    if (!nearest) return RUN;
    if (selectors.codeLines && nearest.matches(selectors.codeLines)) {
      return nearest.parentElement?.closest(SKIPPED_SELECTOR) ? SKIP : nearest;
    }
    return SKIP;
  };
}

/**
 * The occurrences whose segment renders. Visibility is asked only here, where a candidate was
 * found, and once per segment: never of every element of the page.
 */
function shownOnly(occurrences: Occurrence[], onHidden: (element: Element) => void): Occurrence[] {
  const shown = new Map<Element, boolean>();
  return occurrences.filter(({ segment }) => {
    let visible = shown.get(segment.root);
    if (visible === undefined) {
      visible = isShown(segment.root);
      shown.set(segment.root, visible);
      if (!visible) onHidden(outermostHidden(segment.root));
    }
    return visible;
  });
}

/** The code line or table slot a node sits in, if any: such a unit is always read whole. */
function enclosingUnit(element: Element, selectors: SegmentSelectors): Element | null {
  const line = selectors.codeLines ? element.closest(selectors.codeLines) : null;
  if (line) return line;
  return selectors.tableSlots ? element.closest(selectors.tableSlots) : null;
}

function occurrencesIn(unit: Element, adapter: Adapter, selectors: SegmentSelectors): Occurrence[] {
  const segment = segmentOf(unit, collectTexts(unit));
  if (selectors.codeLines && unit.matches(selectors.codeLines)) {
    return scanText(segment.text).map((hit) => ({ segment, ...hit }));
  }
  // A table slot: its whole text is one name, so a bare model name may match here.
  const written = adapter.resolve ? adapter.resolve(unit) : segment.text;
  const parts = written == null ? null : parseRelationName(written);
  if (!parts) return [];
  const start = segment.text.length - segment.text.trimStart().length;
  const end = segment.text.trimEnd().length;
  return end > start ? [{ segment, start, end, key: joinKey(parts) }] : [];
}

/** Text nodes under a unit, outside skipped elements (a badge's own text is in its shadow root). */
function collectTexts(unit: Element): Text[] {
  const texts: Text[] = [];
  const walker = unit.ownerDocument.createTreeWalker(unit, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!skippedBelow(node.parentElement, unit)) texts.push(node as Text);
  }
  return texts;
}

/** Whether an element between `element` and `unit` (`unit` excluded) is one Docent never reads. */
function skippedBelow(element: Element | null, unit: Element): boolean {
  for (let node = element; node && node !== unit; node = node.parentElement) if (SKIPPED_TAGS.has(node.localName)) return true;
  return false;
}

function segmentOf(root: Element, texts: Text[]): Segment {
  const starts: number[] = [];
  let text = '';
  for (const node of texts) {
    starts.push(text.length);
    text += node.data;
  }
  return { root, texts, starts, text };
}
