/** Docent's own elements in a page: never scanned, never observed, removed on abort. */
export const BADGE_TAG = 'docent-badge';
export const CARD_TAG = 'docent-card';
export const SUMMARY_TAG = 'docent-summary';
/** A column's marker (column-markers.ts): opens the card at that column's description. */
export const MARKER_TAG = 'docent-column';
const OWN_SELECTOR = `${BADGE_TAG}, ${CARD_TAG}, ${SUMMARY_TAG}, ${MARKER_TAG}`;

export function isDocentNode(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(OWN_SELECTOR) != null;
}

export function isBadge(node: Node | null): node is HTMLElement {
  return node?.nodeType === 1 && (node as Element).localName === BADGE_TAG;
}
