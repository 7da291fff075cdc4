/**
 * Stage 3 of the overlay: the badges on the page. Places a badge after each occurrence of a model's
 * name, and in the title of each dashboard tile that reads a model the page does not write out;
 * keeps track of them while the page re-renders (a removed cell, a rewritten text, a tab pane
 * taken out and put back); and lists them, once per model, for the summary pill and the popup.
 */
import type { MatchCandidate, NameMatch, TabMatch } from '../messaging';
import { createBadge } from './badge-element';
import type { Card } from './card';
import { BADGE_TAG } from './own-nodes';
import { badgeAt, insertBadgeAt } from './placement';
import type { Occurrence, Segment } from './segments';

interface Placed {
  match: NameMatch;
  /** The page's own text node the name ends in (before any split Docent made); null in a tile title. */
  origin: Text | null;
  /** Set when the badge split text: the tail Docent split off, to undo the split. */
  tail: Text | null;
}

// A page that removes a badge every time it appears (an editor re-rendering its line) would
// otherwise be fought forever; after this many placements of one name in one text, Docent yields.
const MAX_PLACEMENTS_PER_TEXT = 5;

export interface BadgeTracker {
  /** Badges these occurrences, whose names `lookup` answers. Occurrences whose text changed are skipped. */
  place(occurrences: Occurrence[], lookup: (key: string) => NameMatch | null | undefined): void;
  /** A badge at the end of a dashboard tile's title, for a model the tile reads but does not show. */
  placeInTitle(title: Element, match: NameMatch): HTMLElement | null;
  /** Takes back a title badge: the tile turned out to write the name out (and badge it) itself. */
  unplaceInTitle(title: Element, key: string): void;
  /** The page rewrote a text node: the badges after it may name something else now. */
  unplaceAfter(text: Text): void;
  /** Badges the page removed (a re-rendered cell) are let go, with the text nodes they hold. */
  forgetRemoved(): void;
  /** Every model badged on the page now, once each, with how many badges name it. */
  candidates(): Array<{ candidate: MatchCandidate; occurrences: number }>;
  listMatches(extra?: readonly MatchCandidate[]): TabMatch[];
  /** The keys of every badge placed. */
  keys(): string[];
  /**
   * The index changed: each badge takes its name's new answer. A badge whose name is no model any
   * more goes (its split undone); one whose models or verdicts changed is redrawn in place. Names
   * `lookup` cannot answer keep their badge.
   */
  refreshMatches(lookup: (key: string) => NameMatch | null | undefined): void;
  /** Called after badges came or went (the summary pill follows). */
  onChange(listener: () => void): void;
  removeAll(): void;
}

export function createBadgeTracker({ document, card, codeLines }: { document: Document; card: Card; codeLines: string }): BadgeTracker {
  const placed = new Map<HTMLElement, Placed>();
  // Badges whose subtree the page took out: kept only as long as the page keeps that subtree, so
  // one it puts back (a cached tab pane) is Docent's again, split undone on abort included.
  const parked = new WeakMap<HTMLElement, Placed>();
  // Text nodes Docent split off, and the page's node each came from: a page that rewrites its node
  // (a framework holding a reference to it) makes every badge and tail split from it stale.
  const originOf = new WeakMap<Text, Text>();
  const badgesFrom = new WeakMap<Text, Set<HTMLElement>>();
  const placements = new WeakMap<Node, Map<string, number>>();
  const listeners: Array<() => void> = [];
  let changed = false;

  function notify() {
    if (!changed) return;
    changed = false;
    for (const listener of listeners) listener();
  }

  function place(occurrences: Occurrence[], lookup: (key: string) => NameMatch | null | undefined) {
    const bySegment = new Map<Segment, Occurrence[]>();
    for (const occurrence of occurrences) {
      const list = bySegment.get(occurrence.segment) ?? [];
      list.push(occurrence);
      bySegment.set(occurrence.segment, list);
    }
    for (const [segment, list] of bySegment) {
      if (!isCurrent(segment)) continue; // rewritten since it was read: the rewrite is read again
      // Right to left, so splitting a text node leaves the earlier offsets valid.
      for (const occurrence of list.sort((a, b) => b.end - a.end)) placeOne(segment, occurrence, lookup(occurrence.key));
    }
    notify();
  }

  function placeOne(segment: Segment, occurrence: Occurrence, match: NameMatch | null | undefined) {
    const existing = badgeAt(segment, occurrence.end);
    if (existing && !placed.has(existing)) adoptParked(existing);
    if (existing?.dataset.key === occurrence.key) return;
    // The text before a badge changed (a framework re-rendered part of a line or slot).
    if (existing) removeBadge(existing, false);
    if (!match || match.candidates.length === 0) return;
    // Counted per container, not per text alone: the same name in 500 table rows is 500 badges,
    // while an editor re-rendering one line keeps its container and is noticed.
    const holder = segment.root.parentNode ?? segment.root;
    let counts = placements.get(holder);
    if (!counts) placements.set(holder, (counts = new Map()));
    const fight = `${occurrence.key}\u0000${segment.text}`;
    const count = counts.get(fight) ?? 0;
    if (count >= MAX_PLACEMENTS_PER_TEXT) return;
    if (counts.size > 5000) counts.clear();
    counts.set(fight, count + 1);

    const inCodeLine = codeLines !== '' && segment.root.matches(codeLines);
    const badge = createBadge(document, match, { inCodeLine });
    const inserted = insertBadgeAt(segment, occurrence.end, badge);
    const end = inserted?.head ?? textEndingAt(segment, occurrence.end);
    if (!inserted || !end) return;
    // Monaco hides its rendered lines from assistive tech (its textarea carries the text); a
    // focusable element in there would be focus on nothing for a screen reader (axe:
    // aria-hidden-focus), so such a badge answers to the pointer only.
    if (badge.parentElement?.closest('[aria-hidden="true"]')) badge.setAttribute('tabindex', '-1');
    const origin = originOf.get(end) ?? end;
    if (inserted.tail) originOf.set(inserted.tail, origin);
    track(badge, { match, origin, tail: inserted.tail });
  }

  function track(badge: HTMLElement, entry: Placed) {
    placed.set(badge, entry);
    if (entry.origin) {
      const family = badgesFrom.get(entry.origin) ?? new Set();
      badgesFrom.set(entry.origin, family.add(badge));
    }
    card.bindBadge(badge, entry.match);
    changed = true;
  }

  function adoptParked(badge: HTMLElement) {
    const entry = parked.get(badge);
    if (!entry) return;
    parked.delete(badge);
    placed.set(badge, entry);
    if (entry.origin) badgesFrom.set(entry.origin, (badgesFrom.get(entry.origin) ?? new Set()).add(badge));
    changed = true;
  }

  function removeBadge(badge: HTMLElement, undoSplit: boolean) {
    const tail = placed.get(badge)?.tail;
    if (placed.delete(badge)) changed = true;
    if (card.openFor === badge) card.close();
    const before = badge.previousSibling;
    if (undoSplit && tail && badge.nextSibling === tail && before?.nodeType === 3) {
      (before as Text).appendData(tail.data);
      tail.remove();
    }
    badge.remove();
  }

  function candidates() {
    const byId = new Map<string, { candidate: MatchCandidate; occurrences: number }>();
    for (const [badge, { match }] of placed) {
      if (!badge.isConnected) continue;
      for (const candidate of match.candidates) {
        const entry = byId.get(candidate.uniqueId) ?? { candidate, occurrences: 0 };
        entry.occurrences += 1;
        byId.set(candidate.uniqueId, entry);
      }
    }
    return [...byId.values()];
  }

  return {
    place,
    placeInTitle(title, match) {
      // One badge per model in a title, however many ways the tile's queries name it.
      const ids = match.candidates.map((candidate) => candidate.uniqueId).join(' ');
      for (const child of title.children) {
        if (child.localName === BADGE_TAG && (child as HTMLElement).dataset.uniqueId === ids) {
          if (!placed.has(child as HTMLElement)) adoptParked(child as HTMLElement);
          notify();
          return child as HTMLElement;
        }
      }
      const badge = createBadge(document, match);
      badge.setAttribute('data-in-tile-title', '');
      title.append(badge);
      track(badge, { match, origin: null, tail: null });
      notify();
      return badge;
    },
    unplaceInTitle(title, key) {
      for (const child of [...title.children]) {
        if (child.localName === BADGE_TAG && (child as HTMLElement).dataset.key === key) removeBadge(child as HTMLElement, false);
      }
      notify();
    },
    unplaceAfter(text) {
      const origin = originOf.get(text) ?? text;
      for (const badge of badgesFrom.get(origin) ?? []) {
        // The page wrote its whole text into its own node, so the tails Docent split off are stale.
        placed.get(badge)?.tail?.remove();
        removeBadge(badge, false);
      }
      badgesFrom.delete(origin);
      notify();
    },
    forgetRemoved() {
      for (const [badge, entry] of placed) {
        if (badge.isConnected) continue;
        placed.delete(badge);
        parked.set(badge, entry);
        if (entry.origin) badgesFrom.get(entry.origin)?.delete(badge);
        if (card.openFor === badge) card.close();
        changed = true;
      }
      notify();
    },
    candidates,
    keys: () => [...new Set([...placed.values()].map((entry) => entry.match.key))],
    refreshMatches(lookup) {
      for (const [badge, entry] of [...placed]) {
        const match = lookup(entry.match.key);
        if (match === undefined || (match && sameMatch(match, entry.match))) continue;
        if (!match || match.candidates.length === 0) {
          removeBadge(badge, true);
          continue;
        }
        const fresh = createBadge(document, match, { inCodeLine: badge.hasAttribute('data-in-code-line') });
        if (badge.hasAttribute('data-in-tile-title')) fresh.setAttribute('data-in-tile-title', '');
        if (badge.getAttribute('tabindex') === '-1') fresh.setAttribute('tabindex', '-1');
        if (card.openFor === badge) card.close();
        badge.replaceWith(fresh);
        placed.delete(badge);
        if (entry.origin) badgesFrom.get(entry.origin)?.delete(badge);
        track(fresh, { ...entry, match });
      }
      notify();
    },
    listMatches(extra = []) {
      const list = candidates();
      const seen = new Set(list.map(({ candidate }) => candidate.uniqueId));
      for (const candidate of extra) {
        if (seen.has(candidate.uniqueId)) continue;
        seen.add(candidate.uniqueId);
        list.push({ candidate, occurrences: 0 });
      }
      return list
        .map(({ candidate, occurrences }) => ({
          uniqueId: candidate.uniqueId,
          name: candidate.name,
          relation: candidate.relation,
          health: candidate.verdict.health,
          occurrences,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    onChange: (listener) => void listeners.push(listener),
    removeAll() {
      for (const badge of [...placed.keys()]) removeBadge(badge, true);
      changed = false;
    },
  };
}

function sameMatch(a: NameMatch, b: NameMatch): boolean {
  const facts = (match: NameMatch) =>
    match.candidates.map((c) => `${c.uniqueId}:${c.name}:${c.relation}:${JSON.stringify(c.verdict)}`).join('|');
  return facts(a) === facts(b);
}

/** Whether a segment's text nodes still hold what was read (nothing rewritten, nothing removed). */
export function isCurrent(segment: Segment): boolean {
  let text = '';
  for (const node of segment.texts) {
    if (!node.isConnected) return false;
    text += node.data;
  }
  return text === segment.text;
}

function textEndingAt(segment: Segment, end: number): Text | null {
  for (let i = segment.texts.length - 1; i >= 0; i--) {
    const node = segment.texts[i]!;
    if (segment.starts[i]! < end && segment.starts[i]! + node.data.length >= end) return node;
  }
  return null;
}
