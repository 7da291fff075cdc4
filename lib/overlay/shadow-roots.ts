/**
 * The page's own open shadow roots (web components keep their text in one): read like the page,
 * and watched like it. A closed root stays closed (the page asked for that). Docent's own
 * elements have shadow roots too, and are never entered.
 *
 * The scanner calls `expand` with the roots it is about to read; the shadow roots it meets for the
 * first time go to `watch` (the rescan queue observes their mutations from then on).
 */
import { BADGE_TAG, CARD_TAG, MARKER_TAG, SUMMARY_TAG } from './own-nodes';

// Every element of Docent's with a shadow root: badges, the card, the pill and column markers.
const OWN_TAGS: ReadonlySet<string> = new Set([BADGE_TAG, CARD_TAG, SUMMARY_TAG, MARKER_TAG]);

/** Nested shadow roots deeper than this are not entered (a page that nests without end). */
const MAX_DEPTH = 16;

export interface ShadowRoots {
  /** `roots`, each followed by the elements of every open shadow root inside it, nested ones too. */
  expand(roots: Node[]): Node[];
}

export function createShadowRoots(watch: (root: ShadowRoot) => void): ShadowRoots {
  const watched = new WeakSet<ShadowRoot>();
  return {
    expand(roots) {
      const out: Node[] = [];
      const visit = (root: Node, depth: number) => {
        out.push(root);
        if (depth >= MAX_DEPTH) return;
        for (const shadow of openShadowRootsUnder(root)) {
          if (!watched.has(shadow)) {
            watched.add(shadow);
            watch(shadow);
          }
          for (const child of shadow.children) visit(child, depth + 1);
        }
      };
      for (const root of roots) visit(root, 0);
      return out;
    },
  };
}

/** The open shadow roots whose hosts are `root` or under it (not those nested inside them). */
export function openShadowRootsUnder(root: Node): ShadowRoot[] {
  if (root.nodeType !== 1) return [];
  const element = root as Element;
  const found: ShadowRoot[] = [];
  if (element.shadowRoot && !OWN_TAGS.has(element.localName)) found.push(element.shadowRoot);
  // One native query and a property read per element: no walker callback into script.
  for (const descendant of element.querySelectorAll('*')) {
    if (descendant.shadowRoot && !OWN_TAGS.has(descendant.localName)) found.push(descendant.shadowRoot);
  }
  return found;
}
