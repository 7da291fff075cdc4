/**
 * The DOM side of Docent on a BI page, as stages that each read and test alone
 * (docs/architecture.md "Overlay"):
 *   1. rescan-queue  — which parts of the page to read (the whole page, then mutations only);
 *   2. segments      — the names in them (the adapter's slots and code lines, qualified names in text);
 *   3. name-resolver — which names are models (one question per batch of new names; a Result);
 *   4. badge-tracker — badges placed, kept up with the page, listed for the pill and the popup;
 *   5. dashboard     — the adapter's API and dbt exposures: tile badges and the summary pill;
 *   6. column-markers — a marker on each documented field of a matched model's group;
 *   and one card host (card.tsx) with one details cache for every badge and summary entry.
 * Everything comes in as arguments (a document, the background's answers), so vitest drives it
 * with fakes; adapters plug in only through their slots, code lines and dashboard plugs.
 */
import type { Adapter } from '../adapters/define';
import type { DocentError, TabMatch } from '../messaging';
import { createBadgeTracker, isCurrent } from './badge-tracker';
import type { CardOptions, LoadDetails } from './card';
import { createColumnMarkers, type ColumnMarkers } from './column-markers';
import { createLazyCard, type LoadCard } from './lazy-card';
import { createDashboardStage, type DashboardPlugs, type PageExposure } from './dashboard';
import { createNameResolver, type AskBackground } from './name-resolver';
import { BADGE_TAG, MARKER_TAG, SUMMARY_TAG } from './own-nodes';
import { createRescanQueue } from './rescan-queue';
import { readOccurrences, selectorsOf, type Occurrence } from './segments';
import { createShadowRoots } from './shadow-roots';
import { afterLoad, batchesBySegment, createSlicer } from './slices';
import { viewportFirst } from './visible-first';
import type { Result } from '../result';

export interface OverlayOptions {
  document: Document;
  adapter: Adapter;
  /** The background's `resolve`: which of these keys name models. */
  resolve: AskBackground;
  loadDetails: LoadDetails;
  /** Loads the doc card's code on first use (lib/overlay/lazy-card.ts); without it no card opens. */
  loadCard?: LoadCard;
  signal: AbortSignal;
  /** The adapter's dashboard plug-in points for this page; null where it has none. */
  dashboard?: DashboardPlugs | null;
  /** The background's `pageExposures` for this page. */
  exposures?: () => Promise<Result<PageExposure[], DocentError>>;
  /** Told once per run when the background cannot answer (no badges until it can). */
  onUnavailable?: (error: DocentError) => void;
  /** Mutations are collected for this long, then read together. */
  batchDelayMs?: number;
  /** At most this many keys per resolve call. */
  resolveBatchSize?: number;
  graceMs?: number;
  /** Tests only: see CardOptions.isTrusted. */
  isTrusted?: CardOptions['isTrusted'];
}

export interface Overlay {
  /** This tab's models, one entry per model, for the popup: the same list as the summary pill's. */
  listMatches(): TabMatch[];
  /**
   * The index changed: ask again about every name already found and update the badges in place,
   * without reading the page again.
   */
  refresh(): Promise<void>;
  /** Resolves once every pending read has placed its badges (tests and e2e wait on it). */
  idle(): Promise<void>;
}

/** Badges placed in one go before yielding (and the size of a read worth ordering by the viewport). */
const FIRST_BATCH = 100;

export function startOverlay(options: OverlayOptions): Overlay {
  const { document, adapter, signal } = options;
  const selectors = selectorsOf(adapter);
  const card = createLazyCard(
    {
      document,
      loadDetails: options.loadDetails,
      graceMs: options.graceMs,
      ...(options.isTrusted && { isTrusted: options.isTrusted }),
    },
    options.loadCard ?? (async () => null),
  );
  const resolver = createNameResolver(options.resolve, options.resolveBatchSize);
  const tracker = createBadgeTracker({ document, card, codeLines: selectors.codeLines });
  const dashboard = createDashboardStage({
    document,
    plugs: options.dashboard ?? null,
    resolver,
    tracker,
    card,
    exposures: options.exposures,
    signal,
  });
  const columns: ColumnMarkers | null = adapter.columns
    ? createColumnMarkers({
        document,
        slots: adapter.columns,
        lookup: resolver.known,
        readTable: (table) => (adapter.resolve ? adapter.resolve(table) : table.textContent),
        card,
        signal,
        onPlaced: () => queue.dropOwnRecords(),
      })
    : null;
  let markersPlaced: Promise<void> = Promise.resolve();
  // Names found that are no model (yet), or that the background could not answer (not set up yet):
  // kept, so a sync that adds the model badges them without reading the page again. Dropped with
  // their text.
  let misses: Occurrence[] = [];
  let warned = false;
  let pendingWork: Promise<unknown> = Promise.resolve();

  const queue = createRescanQueue({
    document,
    scan,
    onTextRewritten: (text) => tracker.unplaceAfter(text),
    onRemovals: () => tracker.forgetRemoved(),
    isOwn: (node) => node === card.host || (node as Element).localName === SUMMARY_TAG || (node as Element).localName === MARKER_TAG,
    batchDelayMs: options.batchDelayMs,
  });

  // The page's own open shadow roots are read with their hosts and watched from then on.
  const shadowRoots = createShadowRoots((root) => queue.observe(root));

  function report(result: Result<unknown, DocentError>) {
    if (result.ok || warned) return;
    warned = true;
    options.onUnavailable?.(result.error);
  }

  /**
   * Reads these roots once, asks about the names not known yet (one question per batch), and
   * badges what it found, in slices that yield to the page (lib/overlay/slices.ts).
   */
  async function scan(roots: Node[]) {
    if (signal.aborted) return;
    const slicer = createSlicer();
    const found: Occurrence[] = [];
    for (const root of roots) {
      if (!root.isConnected) continue;
      // The root, then what its open shadow roots hold (each component apart, yielding between).
      for (const part of shadowRoots.expand([root])) {
        for (const step of readOccurrences(part, adapter, selectors, queue.rememberHidden)) {
          found.push(...step);
          await slicer.pause();
          if (signal.aborted) return;
        }
      }
    }
    const unknown = found.filter((occurrence) => resolver.known(occurrence.key) === undefined).map((o) => o.key);
    if (unknown.length > 0) report(await resolver.resolve(unknown));
    if (signal.aborted) return;
    queue.catchUp(); // the page's changes while the background answered: rewritten text is read again
    // On a large read, the badges the reader can see go first; the others follow in batches.
    const ordered = found.length > FIRST_BATCH ? await viewportFirst(found, document.defaultView) : found;
    if (signal.aborted) return;
    await settle(ordered, slicer);
  }

  /** Badges in batches, one segment never split across two, yielding between them. */
  async function settle(found: Occurrence[], slicer = createSlicer()) {
    for (const batch of batchesBySegment(found, FIRST_BATCH)) {
      tracker.place(batch, resolver.known);
      queue.dropOwnRecords();
      await slicer.pause();
      if (signal.aborted) return;
      queue.catchUp(); // what the page changed while Docent yielded
    }
    misses = misses.filter((occurrence) => occurrence.segment.root.isConnected);
    for (const occurrence of found) if (!resolver.known(occurrence.key)) misses.push(occurrence);
    dashboard.refresh();
    if (columns) markersPlaced = columns.refresh();
    queue.dropOwnRecords();
  }

  async function refresh() {
    // A scan still waiting for its answer settles first: its names are then among those asked again.
    await queue.idle();
    if (signal.aborted) return;
    const retry = misses;
    misses = [];
    const keys = [...tracker.keys(), ...retry.map((occurrence) => occurrence.key)];
    resolver.forget();
    report(await resolver.resolve(keys));
    if (signal.aborted) return;
    queue.catchUp();
    tracker.refreshMatches(resolver.known);
    // A miss whose text Docent split since (a badge placed before it in the same run of text) is
    // read again, that element alone; the others are badged from what was read.
    const stale = new Set(retry.filter((o) => !isCurrent(o.segment)).map((o) => o.segment.root));
    await settle(retry.filter((o) => !stale.has(o.segment.root)));
    if (stale.size > 0) queue.enqueue([...stale]);
    await dashboard.start(); // the exposures and the API's tables are asked about again too
    queue.dropOwnRecords();
  }

  signal.addEventListener(
    'abort',
    () => {
      queue.stop();
      dashboard.stop();
      card.destroy();
      tracker.removeAll();
      columns?.removeAll();
      misses = [];
    },
    { once: true },
  );

  if (!signal.aborted) {
    // What a previous run left behind (an extension reload that could not clean up) goes first.
    for (const stray of document.querySelectorAll(`${BADGE_TAG}, ${SUMMARY_TAG}, ${MARKER_TAG}`)) stray.remove();
    // The first full read waits for the load event (Docent never makes the page load later), and
    // reads the page in steps, yielding between them.
    const firstRead = afterLoad(document, signal).then(() => queue.enqueue([document.body ?? document.documentElement]));
    pendingWork = Promise.all([firstRead, dashboard.start()]).then(() => queue.dropOwnRecords());
  }

  return {
    listMatches: () => tracker.listMatches(dashboard.unbadged()),
    refresh() {
      const run = pendingWork.then(refresh);
      pendingWork = run.catch((error: unknown) => console.warn('Docent: re-resolving failed', error));
      return run;
    },
    async idle() {
      for (;;) {
        const work = pendingWork;
        await work;
        await queue.idle();
        await markersPlaced;
        if (work === pendingWork) return;
      }
    },
  };
}
