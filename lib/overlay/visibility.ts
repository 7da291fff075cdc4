/**
 * Whether an element renders. Asked only where a scan found a candidate name, never of every
 * element: the first question makes the engine compute the page's style and boxes, and asking it
 * for thousands of elements during a load is what made Docent slow on heavy pages.
 */

/** Whether `element` renders, its ancestors included. */
export function isShown(element: Element): boolean {
  // `hidden` hides whatever a page's CSS says about display (and engines without a UA sheet).
  if (element.closest('[hidden]')) return false;
  const view = element.ownerDocument.defaultView;
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (typeof node.checkVisibility === 'function') {
      // The layout engine's answer (Chrome 105+, Firefox 106+) covers every ancestor.
      if (node.checkVisibility({ visibilityProperty: true })) return true;
      // `display: contents` has no box, so checkVisibility says false, yet its children render
      // when its own ancestors do.
      if (view?.getComputedStyle(node).display !== 'contents') return false;
      continue;
    }
    // Older engines: each ancestor's own computed style.
    const style = view?.getComputedStyle(node);
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
  }
  return true;
}

/**
 * The outermost element that hides `element` (itself when nothing above it is hidden): the one
 * whose attribute change may show it, remembered once however many names sit under it.
 */
export function outermostHidden(element: Element): Element {
  let hidden = element;
  for (let parent = flatParent(element); parent && !isShown(parent); parent = flatParent(parent)) hidden = parent;
  return hidden;
}

/**
 * The element above this one as the page renders it: out of an open shadow root, its host (a
 * component's text is hidden by a panel around the component, outside its root).
 */
export function flatParent(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const parent = element.parentNode;
  return parent && parent.nodeType === 11 && 'host' in parent ? (parent as ShadowRoot).host : null;
}

/**
 * Whether this one element renders (its ancestors are the caller's business): `checkVisibility`
 * where the engine has it, else its own computed style.
 */
export function isRendered(element: Element): boolean {
  if (element.hasAttribute('hidden')) return false;
  const view = element.ownerDocument.defaultView;
  if (typeof element.checkVisibility === 'function') {
    if (element.checkVisibility({ visibilityProperty: true })) return true;
    // `display: contents` has no box, so checkVisibility says false, yet its children render.
    return view?.getComputedStyle(element).display === 'contents';
  }
  const style = view?.getComputedStyle(element);
  return !style || (style.display !== 'none' && style.visibility !== 'hidden');
}
