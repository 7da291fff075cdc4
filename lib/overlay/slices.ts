/**
 * Docent's share of the page's main thread (docs/performance.md "Overlay"): work runs in slices of
 * a few milliseconds and yields to the page between them, so no task Docent adds comes near the
 * 50 ms of a long task; and the first full read waits for the page's load event, so it never delays it.
 */
import type { Occurrence } from './segments';

/** A slice's budget: well under a frame, far under a long task. */
export const SLICE_MS = 8;

/** Back to the page: `scheduler.yield()` where the browser has it (Chrome 129+), else a macrotask. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface Slicer {
  /** Yields to the page when this slice has used its budget; resolves at once otherwise. */
  pause(): Promise<void>;
}

export function createSlicer(now: () => number = () => performance.now(), sliceMs = SLICE_MS, yielder = yieldToPage): Slicer {
  let started = now();
  return {
    async pause() {
      if (now() - started < sliceMs) return;
      await yielder();
      started = now();
    },
  };
}

/** Resolves once the page has loaded (at once if it has), or when the run ends. */
export function afterLoad(document: Document, signal: AbortSignal): Promise<void> {
  const view = document.defaultView;
  if (document.readyState === 'complete' || !view || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    view.addEventListener('load', () => resolve(), { once: true, signal });
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Occurrences in batches of about `size`, never splitting one segment's occurrences across two
 * batches: a segment's badges are placed right to left in one go, or its offsets go stale.
 */
export function batchesBySegment(found: readonly Occurrence[], size = 100): Occurrence[][] {
  const batches: Occurrence[][] = [];
  let batch: Occurrence[] = [];
  for (let i = 0; i < found.length; i++) {
    const occurrence = found[i]!;
    if (batch.length >= size && found[i - 1]?.segment !== occurrence.segment) {
      batches.push(batch);
      batch = [];
    }
    batch.push(occurrence);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
