/**
 * The DOM side of Docent on a BI page: scan, ask the background which names are models, badge
 * them, keep up with a changing page, and leave nothing behind when the signal aborts.
 * Everything it needs comes in as arguments (docs/architecture.md "Code rules" 2), so vitest drives it with a fake
 * `resolve` and a happy-dom document.
 */
import type { Adapter } from '../adapters/define';
import type { NameMatch, TabMatch } from '../messaging';
import { createBadge } from './badge-element';
import { createCard, type CardOptions, type LoadDetails } from './card';
import { HiddenRoots } from './hidden-roots';
import { BADGE_TAG, isBadge, isDocentNode } from './own-nodes';
import { badgeAt, insertBadgeAt, textEndingAt } from './placement';
import { findOccurrences, selectorsOf, type Occurrence, type Segment } from './segments';

export interface OverlayOptions {
  document: Document;
  adapter: Adapter;
  /** Which of these keys name models. Rejects when the background cannot answer. */
  resolve: (keys: string[]) => Promise<NameMatch[]>;
  loadDetails: LoadDetails;
  signal: AbortSignal;
  /** Mutations are collected for this long, then rescanned together. */
  batchDelayMs?: number;
  /** At most this many keys per resolve call. */
  resolveBatchSize?: number;
  graceMs?: number;
  /** Tests only: see CardOptions.isTrusted. */
  isTrusted?: CardOptions['isTrusted'];
}

export interface Overlay {
  /** This tab's matches, one entry per model, for the popup. */
  listMatches(): TabMatch[];
  /**
   * The index changed: ask again about every name already found and update only the badges whose
   * answer changed, in place. No teardown; the page is scanned again only when a name that named
   * nothing now names a model.
   */
  refresh(): Promise<void>;
  /** Resolves once every pending rescan has placed its badges (tests and e2e wait on it). */
  idle(): Promise<void>;
}

interface Placed {
  match: NameMatch;
  /** The page's own text node the name ends in (before any split Docent made). */
  origin: Text;
  /** Set when the badge split text: the tail Docent split off, to undo the split. */
  tail: Text | null;
}

// A page that removes a badge every time it appears (an editor re-rendering its line) would
// otherwise be fought forever; after this many placements of one name in one text, Docent yields.
const MAX_PLACEMENTS_PER_TEXT = 5;

export function startOverlay(options: OverlayOptions): Overlay {
  const { document, adapter, resolve, signal, batchDelayMs = 100, resolveBatchSize = 200 } = options;
  const selectors = selectorsOf(adapter);
  const card = createCard({
    document,
    loadDetails: options.loadDetails,
    graceMs: options.graceMs,
    ...(options.isTrusted && { isTrusted: options.isTrusted }),
  });
  const known = new Map<string, NameMatch | null>();
  const placed = new Map<HTMLElement, Placed>();
  // Badges whose subtree the page took out: kept only as long as the page keeps that subtree, so
  // one it puts back (a cached tab pane) is Docent's again, split undone on abort included.
  const parked = new WeakMap<HTMLElement, Placed>();
  let removals = false;
  // Text nodes Docent split off, and the page's node each came from: a page that rewrites its node
  // (a framework holding a reference to it) makes every badge and tail split from it stale.
  const originOf = new WeakMap<Text, Text>();
  const badgesFrom = new WeakMap<Text, Set<HTMLElement>>();
  const placements = new WeakMap<Node, Map<string, number>>();
  const hiddenRoots = new HiddenRoots();
  const pending = new Set<Node>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  /** Set when the background could not answer (not set up yet): a refresh scans the page again. */
  let unasked = false;

  const observer = new (document.defaultView?.MutationObserver ?? MutationObserver)(collect);
  const remember = (element: Element) => hiddenRoots.remember(element);

  function collect(records: MutationRecord[]) {
    const changed = new Set<Element>();
    for (const record of records) {
      if (isDocentNode(record.target)) continue;
      if (record.type === 'characterData') {
        unplaceAfter(record.target as Text);
        pending.add(record.target);
      } else if (record.type === 'childList') {
        for (const node of record.addedNodes) if (!isBadge(node) && node !== card.host) pending.add(node);
        if (record.removedNodes.length > 0) removals = true;
      } else if (record.target.nodeType === 1 && hiddenRoots.size > 0) {
        changed.add(record.target as Element);
      }
    }
    // An attribute change matters only where it may show something a scan skipped as hidden.
    for (const shown of hiddenRoots.takeRevealed(changed)) pending.add(shown);
    if ((pending.size > 0 || removals) && timer === undefined) timer = setTimeout(flush, batchDelayMs);
  }

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    const roots = [...pending].filter((node) => node.isConnected);
    pending.clear();
    forgetRemovedBadges();
    // A root inside another root is scanned with it.
    const all = new Set(roots);
    const outermost = roots.filter((node) => {
      for (let parent = node.parentNode; parent; parent = parent.parentNode) if (all.has(parent)) return false;
      return true;
    });
    if (outermost.length > 0) enqueue(outermost);
  }

  function enqueue(roots: Node[]) {
    chain = chain.then(() => scan(roots)).catch((error: unknown) => console.warn('Docent: scan failed', error));
  }

  async function scan(roots: Node[]) {
    if (signal.aborted) return;
    const found = roots.flatMap((root) => findOccurrences(root, adapter, selectors, remember));
    const unknown = [...new Set(found.map((occurrence) => occurrence.key))].filter((key) => !known.has(key));
    await askBackground(unknown);
    if (signal.aborted) return;
    // The page may have changed while the background answered: read it again, synchronously.
    collect(observer.takeRecords());
    const fresh = roots
      .filter((root) => root.isConnected)
      .flatMap((root) => findOccurrences(root, adapter, selectors, remember));
    place(fresh);
    observer.takeRecords(); // Docent's own insertions
  }

  async function askBackground(keys: string[]) {
    const batches: string[][] = [];
    for (let i = 0; i < keys.length; i += resolveBatchSize) batches.push(keys.slice(i, i + resolveBatchSize));
    await Promise.all(
      batches.map(async (batch) => {
        let matches: NameMatch[];
        try {
          matches = await resolve(batch);
        } catch {
          unasked = true;
          return; // not remembered: the next scan that sees these names asks again
        }
        const byKey = new Map(matches.map((match) => [match.key, match]));
        for (const key of batch) known.set(key, byKey.get(key) ?? null);
      }),
    );
  }

  function place(occurrences: Occurrence[]) {
    const bySegment = new Map<Segment, Occurrence[]>();
    for (const occurrence of occurrences) {
      const list = bySegment.get(occurrence.segment) ?? [];
      list.push(occurrence);
      bySegment.set(occurrence.segment, list);
    }
    for (const [segment, list] of bySegment) {
      // Right to left, so splitting a text node leaves the earlier offsets valid.
      for (const occurrence of list.sort((a, b) => b.end - a.end)) {
        const match = known.get(occurrence.key);
        const existing = badgeAt(segment, occurrence.end);
        if (existing && !placed.has(existing)) adoptParked(existing);
        if (existing?.dataset.key === occurrence.key) continue;
        // The text before a badge changed (a framework re-rendered part of a line or slot).
        if (existing) removeBadge(existing, false);
        if (!match || match.candidates.length === 0) continue;
        // Counted per container, not per text alone: the same name in 500 table rows is 500
        // badges, while an editor re-rendering one line keeps its container and is noticed.
        const holder = segment.root.parentNode ?? segment.root;
        let counts = placements.get(holder);
        if (!counts) placements.set(holder, (counts = new Map()));
        const fight = `${occurrence.key}\u0000${segment.text}`;
        const count = counts.get(fight) ?? 0;
        if (count >= MAX_PLACEMENTS_PER_TEXT) continue;
        if (counts.size > 5000) counts.clear();
        counts.set(fight, count + 1);
        addBadge(segment, occurrence, match);
      }
    }
  }

  function addBadge(segment: Segment, occurrence: Occurrence, match: NameMatch) {
    const inCodeLine = selectors.codeLines !== '' && segment.root.matches(selectors.codeLines);
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
    placed.set(badge, { match, origin, tail: inserted.tail });
    const family = badgesFrom.get(origin) ?? new Set();
    badgesFrom.set(origin, family.add(badge));
    card.bindBadge(badge, match);
  }

  /** Badges the page removed (a re-rendered cell) are let go, with the text nodes they hold. */
  function forgetRemovedBadges() {
    removals = false;
    for (const [badge, entry] of placed) {
      if (badge.isConnected) continue;
      placed.delete(badge);
      parked.set(badge, entry);
      badgesFrom.get(entry.origin)?.delete(badge);
      if (card.openFor === badge) card.close();
    }
  }

  function adoptParked(badge: HTMLElement) {
    const entry = parked.get(badge);
    if (!entry) return;
    parked.delete(badge);
    placed.set(badge, entry);
    const family = badgesFrom.get(entry.origin) ?? new Set();
    badgesFrom.set(entry.origin, family.add(badge));
  }

  /** The page rewrote a text node: the badges after it may name something else now. */
  function unplaceAfter(text: Text) {
    const origin = originOf.get(text) ?? text;
    for (const badge of badgesFrom.get(origin) ?? []) {
      // The page wrote its whole text into its own node, so the tails Docent split off are stale.
      placed.get(badge)?.tail?.remove();
      removeBadge(badge, false);
    }
    badgesFrom.delete(origin);
  }

  function removeBadge(badge: HTMLElement, undoSplit: boolean) {
    const tail = placed.get(badge)?.tail;
    placed.delete(badge);
    if (card.openFor === badge) card.close();
    const before = badge.previousSibling;
    if (undoSplit && tail && badge.nextSibling === tail && before?.nodeType === 3) {
      (before as Text).appendData(tail.data);
      tail.remove();
    }
    badge.remove();
  }

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
      pending.clear();
      card.destroy();
      hiddenRoots.clear();
      for (const badge of [...placed.keys()]) removeBadge(badge, true);
    },
    { once: true },
  );

  if (!signal.aborted) {
    // Badges a previous run left behind (an extension reload that could not clean up) go first.
    for (const stray of document.querySelectorAll(BADGE_TAG)) stray.remove();
    observer.observe(document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['hidden', 'style', 'class', 'open', 'aria-hidden'],
    });
    enqueue([document.body ?? document.documentElement]);
  }

  /** A badge for the same name with a new answer, where the old one was (its split stays). */
  function replaceBadge(old: HTMLElement, match: NameMatch) {
    const entry = placed.get(old);
    if (!entry) return;
    const badge = createBadge(document, match, { inCodeLine: old.hasAttribute('data-in-code-line') });
    if (old.getAttribute('tabindex') === '-1') badge.setAttribute('tabindex', '-1');
    const wasOpen = card.openFor === old;
    if (wasOpen) card.close();
    old.replaceWith(badge);
    placed.delete(old);
    placed.set(badge, { ...entry, match });
    const family = badgesFrom.get(entry.origin);
    family?.delete(old);
    family?.add(badge);
    card.bindBadge(badge, match);
  }

  async function refresh() {
    if (signal.aborted) return;
    const keys = [...known.keys()];
    const before = new Map(known);
    known.clear();
    await askBackground(keys);
    if (signal.aborted) return;
    collect(observer.takeRecords());
    let newlyKnown = false;
    for (const key of keys) {
      const was = before.get(key) ?? null;
      if (!known.has(key)) known.set(key, was); // not answered: keep what we had
      if (!was && known.get(key)?.candidates.length) newlyKnown = true;
    }
    for (const [badge, entry] of [...placed]) {
      const now = known.get(entry.match.key) ?? null;
      if (!now || now.candidates.length === 0) removeBadge(badge, true);
      else if (JSON.stringify(now) !== JSON.stringify(entry.match)) replaceBadge(badge, now);
    }
    observer.takeRecords(); // Docent's own replacements
    if (newlyKnown || unasked) enqueue([document.body ?? document.documentElement]);
    unasked = false;
  }

  return {
    refresh: () => (chain = chain.then(refresh).catch((error: unknown) => console.warn('Docent: refresh failed', error))),
    listMatches() {
      const byId = new Map<string, TabMatch>();
      for (const [badge, { match }] of placed) {
        if (!badge.isConnected) continue;
        for (const candidate of match.candidates) {
          const entry = byId.get(candidate.uniqueId) ?? {
            uniqueId: candidate.uniqueId,
            name: candidate.name,
            relation: candidate.relation,
            health: candidate.verdict.health,
            occurrences: 0,
          };
          entry.occurrences += 1;
          byId.set(candidate.uniqueId, entry);
        }
      }
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    async idle() {
      for (;;) {
        collect(observer.takeRecords());
        if (timer !== undefined) flush();
        const current = chain;
        await current;
        if (current === chain && timer === undefined && pending.size === 0) return;
      }
    },
  };
}
