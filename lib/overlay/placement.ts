/**
 * Where a badge goes: right after the last character of the name. When the name ends where its
 * text node ends, the badge goes after the outermost element that ends there too (in a code line:
 * after the name's last token span), so no text node is split; otherwise the text node is split.
 */
import type { Segment } from './segments';
import { isBadge } from './own-nodes';

interface Spot {
  /** The node the badge goes after. */
  anchor: Node;
  /** Set when the badge must split `anchor` (a text node) at this offset first. */
  splitAt: number | null;
}

function spotAfter(segment: Segment, end: number): Spot | null {
  for (let i = segment.texts.length - 1; i >= 0; i--) {
    const start = segment.starts[i]!;
    const node = segment.texts[i]!;
    if (start >= end || start + node.data.length < end) continue;
    const offset = end - start;
    if (offset < node.data.length) return { anchor: node, splitAt: offset };
    let anchor: Node = node;
    while (!anchor.nextSibling && anchor.parentNode && anchor.parentNode !== segment.root) {
      anchor = anchor.parentNode;
    }
    return { anchor, splitAt: null };
  }
  return null;
}

/** The badge that already follows this occurrence, if any (rescans never badge it twice). */
export function badgeAt(segment: Segment, end: number): HTMLElement | null {
  const spot = spotAfter(segment, end);
  const next = spot?.splitAt === null ? spot.anchor.nextSibling : null;
  return isBadge(next) ? next : null;
}

export interface Inserted {
  /** The text node that was split, and the tail split off it: needed to undo the split. */
  head: Text | null;
  tail: Text | null;
}

export function insertBadgeAt(segment: Segment, end: number, badge: Element): Inserted | null {
  const spot = spotAfter(segment, end);
  if (!spot?.anchor.parentNode) return null;
  if (spot.splitAt === null) {
    spot.anchor.parentNode.insertBefore(badge, spot.anchor.nextSibling);
    return { head: null, tail: null };
  }
  const head = spot.anchor as Text;
  const tail = head.splitText(spot.splitAt);
  tail.parentNode?.insertBefore(badge, tail);
  return { head, tail };
}

/** The text node of a segment that holds the character just before `end`. */
export function textEndingAt(segment: Segment, end: number): Text | null {
  for (let i = segment.texts.length - 1; i >= 0; i--) {
    const node = segment.texts[i]!;
    if (segment.starts[i]! < end && segment.starts[i]! + node.data.length >= end) return node;
  }
  return null;
}
