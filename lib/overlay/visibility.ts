/**
 * Whether an element renders. `checkVisibility` (Chrome 105+, Firefox 106+) asks the layout engine,
 * ancestors included; the fallback, for older engines, reads the element's own computed style.
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
