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

/**
 * Standard elements that can never host a shadow root. The DOM standard lets `attachShadow` (and
 * declarative shadow DOM, `<template shadowrootmode>`) succeed only on an autonomous custom element
 * (a name with a hyphen) or on article, aside, blockquote, body, div, footer, h1–h6, header, main,
 * nav, p, section and span; anything else throws. So the cells, rows, links, list items and chart
 * paths that make up most of a heavy page are left to the engine's selector matching, and only
 * possible hosts reach script. Naming a tag here only saves work: a tag left out is still checked.
 * The most common come first: matching stops at the first that fits.
 */
const NEVER_HOSTS = [
  'td', 'tr', 'a', 'li', 'th', 'path', 'g', 'i', 'b', 'img', 'button', 'input', 'label', 'option',
  'code', 'pre', 'em', 'strong', 'small', 'ul', 'ol', 'tbody', 'thead', 'table', 'br', 'svg',
  'rect', 'circle', 'line', 'polyline', 'polygon', 'ellipse', 'text', 'tspan', 'defs', 'use',
  'stop', 'clipPath', 'linearGradient', 'mask', 'pattern', 'symbol', 'image', 'title', 'desc',
  'abbr', 'address', 'area', 'audio', 'base', 'bdi', 'bdo', 'canvas', 'caption', 'cite', 'col',
  'colgroup', 'data', 'datalist', 'dd', 'del', 'details', 'dfn', 'dialog', 'dl', 'dt', 'embed',
  'fieldset', 'figcaption', 'figure', 'form', 'head', 'hgroup', 'hr', 'html', 'iframe', 'ins',
  'kbd', 'legend', 'link', 'map', 'mark', 'math', 'menu', 'meta', 'meter', 'noscript', 'object',
  'optgroup', 'output', 'picture', 'progress', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'script',
  'search', 'select', 'slot', 'source', 'style', 'sub', 'summary', 'sup', 'template', 'textarea',
  'tfoot', 'time', 'track', 'u', 'var', 'video', 'wbr',
];

/**
 * Every element that may host a shadow root of the page's, in one selector: span and div first
 * (the commonest hosts, and the commonest elements of most pages), then everything that is not a
 * known non-host and not one of Docent's own elements. Exported for the hostile-pages bench.
 */
export const POSSIBLE_HOSTS = `span, div, :not(${[...NEVER_HOSTS, ...OWN_TAGS].join(', ')})`;

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
  // One native query that keeps only possible hosts, then one property read each, by index: a
  // NodeList's iterator costs more per step than the read itself (docs/performance.md, "Overlay").
  const hosts = element.querySelectorAll(POSSIBLE_HOSTS);
  for (let i = 0, count = hosts.length; i < count; i++) {
    const shadow = hosts[i]!.shadowRoot;
    if (shadow) found.push(shadow);
  }
  return found;
}
