/**
 * Turns a part of the page into scannable text: code-editor lines whole (editors split a name
 * across token spans), table slots whole, and everywhere else runs of adjacent text nodes. Each
 * segment keeps its text nodes so an offset in its text maps back to a place in the DOM.
 */
import type { Adapter } from '../adapters/define';
import { parseRelationName } from '../matching/identifier';
import { joinKey } from '../matching/keys';
import { scanText } from '../matching/scan';
import { isDocentNode, CARD_TAG, BADGE_TAG, SUMMARY_TAG, MARKER_TAG } from './own-nodes';

// The DOM's NodeFilter constants, spelled out: the document comes in as an argument (it may be
// another window's, or a test's), so nothing here may lean on this realm's global NodeFilter.
const NODE_FILTER = { SHOW_ELEMENT: 0x1, SHOW_TEXT: 0x4, FILTER_ACCEPT: 1, FILTER_REJECT: 2, FILTER_SKIP: 3 } as const;
import { isRendered } from './visibility';

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

export interface SegmentSelectors {
  codeLines: string;
  tableSlots: string;
}

export function selectorsOf(adapter: Adapter): SegmentSelectors {
  return { codeLines: adapter.codeLines.join(', '), tableSlots: adapter.tableSlots.join(', ') };
}

/** Every occurrence of a candidate name under `root` (a rescan starts from a changed node). */
export function findOccurrences(
  root: Node,
  adapter: Adapter,
  selectors = selectorsOf(adapter),
  /** Told about each hidden element skipped, so the caller can rescan it when it shows. */
  onHidden: (element: Element) => void = () => {},
): Occurrence[] {
  const start = root.nodeType === 1 ? (root as Element) : root.parentElement;
  if (!start || !start.isConnected || isDocentNode(start)) return [];
  const enclosing = enclosingUnit(start, selectors);
  if (enclosing) {
    if (isRendered(enclosing)) return occurrencesIn(enclosing, adapter, selectors);
    onHidden(enclosing);
    return [];
  }
  if (start.closest(SKIPPED_SELECTOR)) return [];
  if (!isRendered(start)) {
    onHidden(start);
    return [];
  }

  const occurrences: Occurrence[] = [];
  const units: Element[] = [];
  if (selectors.codeLines) units.push(...start.querySelectorAll(selectors.codeLines));
  if (selectors.tableSlots) units.push(...start.querySelectorAll(selectors.tableSlots));
  for (const unit of units) {
    if (isDocentNode(unit)) continue;
    if (isRendered(unit)) occurrences.push(...occurrencesIn(unit, adapter, selectors));
    else onHidden(unit);
  }
  // Inside an editable region only code lines are read (CodeMirror 6's content is editable).
  const editable = start.closest('[contenteditable]');
  if (editable && editable.getAttribute('contenteditable') !== 'false') return occurrences;
  for (const segment of textRuns(start, selectors, onHidden)) {
    for (const hit of scanText(segment.text)) occurrences.push({ segment, ...hit });
  }
  return occurrences;
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

/** Text nodes under a unit, Docent's badges excluded (a badge's own text is in its shadow root). */
function collectTexts(unit: Element): Text[] {
  const texts: Text[] = [];
  const walker = unit.ownerDocument.createTreeWalker(unit, NODE_FILTER.SHOW_ELEMENT | NODE_FILTER.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === 1 && SKIPPED_TAGS.has((node as Element).localName)
        ? NODE_FILTER.FILTER_REJECT
        : NODE_FILTER.FILTER_ACCEPT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) texts.push(node as Text);
  }
  return texts;
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

/** Runs of adjacent visible text nodes outside code lines and table slots. */
function textRuns(root: Element, selectors: SegmentSelectors, onHidden: (element: Element) => void): Segment[] {
  const walker = root.ownerDocument.createTreeWalker(root, NODE_FILTER.SHOW_ELEMENT | NODE_FILTER.SHOW_TEXT, {
    acceptNode: (node) => {
      if (node.nodeType === 3) return NODE_FILTER.FILTER_ACCEPT;
      const element = node as Element;
      if (SKIPPED_TAGS.has(element.localName)) return NODE_FILTER.FILTER_REJECT;
      const editable = element.getAttribute('contenteditable');
      if (editable != null && editable !== 'false') return NODE_FILTER.FILTER_REJECT;
      if (selectors.codeLines && element.matches(selectors.codeLines)) return NODE_FILTER.FILTER_REJECT;
      if (selectors.tableSlots && element.matches(selectors.tableSlots)) return NODE_FILTER.FILTER_REJECT;
      if (isRendered(element)) return NODE_FILTER.FILTER_SKIP;
      onHidden(element);
      return NODE_FILTER.FILTER_REJECT;
    },
  });
  const segments: Segment[] = [];
  let run: Text[] = [];
  const flush = () => {
    const parent = run[0]?.parentElement;
    if (parent && run.some((node) => node.data.includes('.'))) segments.push(segmentOf(parent, run));
    run = [];
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    if (run.length > 0 && text.previousSibling !== run[run.length - 1]) flush();
    run.push(text);
  }
  flush();
  return segments;
}
