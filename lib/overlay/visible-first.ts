/**
 * The part of a large read the reader can see, first (docs/performance.md "Overlay"): one
 * IntersectionObserver round over the elements that hold a name tells which sit in the viewport,
 * without Docent reading any layout itself. Their badges go in the first batch; the rest follow.
 */
import type { Occurrence } from './segments';

/** How long to wait for the observer: a background tab renders no frame, so it may never answer. */
const WAIT_MS = 100;

/**
 * The occurrences whose element is in the viewport first, the others after, each group in
 * document order (a segment's occurrences stay together). Document order when the observer does
 * not answer in time or the window has none.
 */
export async function viewportFirst(found: Occurrence[], view: Window | null, waitMs = WAIT_MS): Promise<Occurrence[]> {
  const Observer = (view as (Window & typeof globalThis) | null)?.IntersectionObserver;
  if (!Observer || found.length === 0) return found;
  const roots = new Set(found.map((occurrence) => occurrence.segment.root));
  const inView = await new Promise<Set<Element> | null>((resolve) => {
    const seen = new Set<Element>();
    const visible = new Set<Element>();
    const done = (answer: Set<Element> | null) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(answer);
    };
    // The first notification reports every observed element once, intersecting or not.
    const observer = new Observer((entries) => {
      for (const entry of entries) {
        seen.add(entry.target);
        if (entry.isIntersecting) visible.add(entry.target);
      }
      if (seen.size >= roots.size) done(visible);
    });
    const timer = setTimeout(() => done(null), waitMs);
    for (const root of roots) observer.observe(root);
  });
  if (!inView || inView.size === 0) return found;
  const first = found.filter((occurrence) => inView.has(occurrence.segment.root));
  const later = found.filter((occurrence) => !inView.has(occurrence.segment.root));
  return [...first, ...later];
}
