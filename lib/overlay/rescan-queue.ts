/**
 * Stage 1 of the overlay: what to read. Watches the page's mutations, collects the nodes that
 * were added or rewritten (and hidden parts that were shown), and hands the outermost of them to
 * one scan at a time, after a short batching delay. Docent's own nodes never trigger a scan.
 */
import { HiddenRoots } from './hidden-roots';
import { isBadge, isDocentNode } from './own-nodes';

export interface RescanQueueOptions {
  document: Document;
  /** Reads these roots; runs are never concurrent. */
  scan: (roots: Node[]) => Promise<void>;
  /** The page wrote new text into a node Docent may have badged. */
  onTextRewritten: (text: Text) => void;
  /** The page removed nodes (maybe badges, or what holds them). */
  onRemovals: () => void;
  /** Nodes of Docent's own that are not badges (the card host, summary pills). */
  isOwn?: (node: Node) => boolean;
  /** Mutations are collected for this long, then read together. */
  batchDelayMs?: number;
}

export interface RescanQueue {
  /** Reads these roots next (the whole page at start). */
  enqueue(roots: Node[]): void;
  /** Watches the mutations inside this root too (an open shadow root of the page's: lib/overlay/shadow-roots.ts). */
  observe(root: Node): void;
  /** A scan skipped this element because it did not render: read it when it shows. */
  rememberHidden(element: Element): void;
  /** Takes in the page's mutations so far (before placing badges after an await). */
  catchUp(): void;
  /** Drops the mutations Docent's own synchronous insertions just caused (split text included). */
  dropOwnRecords(): void;
  /** Resolves once every pending read is done (tests and e2e wait on it). */
  idle(): Promise<void>;
  stop(): void;
}

const WATCHED_ATTRIBUTES = ['hidden', 'style', 'class', 'open', 'aria-hidden'];

export function createRescanQueue(options: RescanQueueOptions): RescanQueue {
  const { document, scan, onTextRewritten, onRemovals, isOwn = () => false, batchDelayMs = 100 } = options;
  const hiddenRoots = new HiddenRoots();
  const pending = new Set<Node>();
  let removals = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const observer = new (document.defaultView?.MutationObserver ?? MutationObserver)(collect);

  function collect(records: MutationRecord[]) {
    const changed = new Set<Element>();
    for (const record of records) {
      if (isDocentNode(record.target) || isOwn(record.target)) continue;
      if (record.type === 'characterData') {
        onTextRewritten(record.target as Text);
        pending.add(record.target);
      } else if (record.type === 'childList') {
        for (const node of record.addedNodes) if (!isBadge(node) && !isOwn(node)) pending.add(node);
        if (record.removedNodes.length > 0) removals = true;
      } else if (record.target.nodeType === 1 && hiddenRoots.size > 0) {
        changed.add(record.target as Element);
      }
    }
    // An attribute change matters only where it may show something a scan skipped as hidden.
    for (const shown of hiddenRoots.takeRevealed(changed)) pending.add(shown);
    if ((pending.size > 0 || removals) && timer === undefined && !stopped) timer = setTimeout(flush, batchDelayMs);
  }

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    const roots = [...pending].filter((node) => node.isConnected);
    pending.clear();
    if (removals) {
      removals = false;
      onRemovals();
    }
    // A root inside another root is read with it.
    const all = new Set(roots);
    const outermost = roots.filter((node) => {
      for (let parent = node.parentNode; parent; parent = parent.parentNode) if (all.has(parent)) return false;
      return true;
    });
    if (outermost.length > 0) enqueue(outermost);
  }

  function enqueue(roots: Node[]) {
    if (stopped) return;
    chain = chain.then(() => (stopped ? undefined : scan(roots))).catch((error: unknown) => console.warn('Docent: scan failed', error));
  }

  const observe = (root: Node) =>
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  observe(document.documentElement);

  return {
    enqueue,
    observe: (root) => {
      if (!stopped) observe(root);
    },
    rememberHidden: (element) => hiddenRoots.remember(element),
    catchUp: () => collect(observer.takeRecords()),
    dropOwnRecords: () => void observer.takeRecords(),
    async idle() {
      for (;;) {
        collect(observer.takeRecords());
        if (timer !== undefined) flush();
        const current = chain;
        await current;
        if (current === chain && timer === undefined && pending.size === 0) return;
      }
    },
    stop() {
      stopped = true;
      observer.disconnect();
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
      hiddenRoots.clear();
    },
  };
}
