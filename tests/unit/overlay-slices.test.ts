/**
 * Docent's share of the main thread: slices that yield to the page, the first read after the load
 * event, badges placed in batches that never split a segment (lib/overlay/slices.ts).
 */
import { afterEach, expect, it, vi } from 'vitest';
import generic from '../../lib/adapters/generic';
import { startOverlay } from '../../lib/overlay/overlay';
import { findOccurrences } from '../../lib/overlay/segments';
import { afterLoad, batchesBySegment, createSlicer, partitionForReading } from '../../lib/overlay/slices';
import { err } from '../../lib/result';
import { fakeAsk } from '../fixtures/bi/generic/known-models';

afterEach(() => {
  document.body.innerHTML = '';
});

it('yields to the page only once a slice has used its budget', async () => {
  let clock = 0;
  const yielder = vi.fn(async () => {});
  const slicer = createSlicer(() => clock, 8, yielder);
  clock = 5;
  await slicer.pause();
  expect(yielder).not.toHaveBeenCalled();
  clock = 9;
  await slicer.pause();
  expect(yielder).toHaveBeenCalledTimes(1);
  clock = 12; // a new slice began at 9
  await slicer.pause();
  expect(yielder).toHaveBeenCalledTimes(1);
});

it('batches occurrences without splitting a segment across two batches', () => {
  document.body.innerHTML = `<p>${'analytics.marts.orders '.repeat(3)}</p><p>analytics.marts.customers</p><p>marts.customers</p>`;
  const found = findOccurrences(document.body, generic);
  const batches = batchesBySegment(found, 2);
  expect(batches.map((batch) => batch.length)).toEqual([3, 2]);
  for (const batch of batches) {
    const segments = new Set(batch.map((occurrence) => occurrence.segment));
    for (const segment of segments) expect(found.filter((o) => o.segment === segment).every((o) => batch.includes(o))).toBe(true);
  }
});

it('reads the page only after its load event', async () => {
  Object.defineProperty(document, 'readyState', { value: 'interactive', configurable: true });
  try {
    document.body.innerHTML = '<p>analytics.marts.customers</p>';
    const controller = new AbortController();
    const resolve = vi.fn(fakeAsk);
    const overlay = startOverlay({
      document, adapter: generic, resolve, signal: controller.signal, batchDelayMs: 0,
      loadDetails: async () => err({ kind: 'unknownModel', message: '' }),
    });
    await new Promise((done) => setTimeout(done, 20));
    expect(resolve).not.toHaveBeenCalled();
    window.dispatchEvent(new Event('load'));
    await overlay.idle();
    expect(document.querySelectorAll('docent-badge')).toHaveLength(1);
    controller.abort();
  } finally {
    delete (document as { readyState?: string }).readyState;
  }
});

it('leaves a run that ends before the page loaded without waiting for it', async () => {
  Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
  try {
    const controller = new AbortController();
    const waiting = afterLoad(document, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
  } finally {
    delete (document as { readyState?: string }).readyState;
  }
});

it('badges every row of a large table across several slices, each text once', async () => {
  const rows = Array.from({ length: 400 }, (_, i) => `<tr><td>${i}</td><td>analytics.marts.customers</td></tr>`).join('');
  document.body.innerHTML = `<table><tbody>${rows}</tbody></table>`;
  const controller = new AbortController();
  const overlay = startOverlay({
    document, adapter: generic, resolve: fakeAsk, signal: controller.signal,
    loadDetails: async () => err({ kind: 'unknownModel', message: '' }),
  });
  await overlay.idle();
  expect(document.querySelectorAll('docent-badge')).toHaveLength(400);
  controller.abort();
});

it('reads a large page in parts, losing no name at their seams', () => {
  const cells = Array.from({ length: 60 }, (_, i) => `<div class="cell"><span>${i}</span> analytics.marts.orders</div>`).join('');
  document.body.innerHTML = `<main><section>${cells}</section><section>${cells}</section><div class="view-line"><span>from analytics.</span><span>marts.orders</span></div></main>`;
  const parts = partitionForReading(document.body, '.view-line', 50);
  expect(parts.length).toBeGreaterThan(2);
  const inParts = parts.flatMap((part) => findOccurrences(part, generic)).map((o) => o.key);
  const whole = findOccurrences(document.body, generic).map((o) => o.key);
  expect(inParts.sort()).toEqual(whole.sort());
  expect(whole).toHaveLength(121);
  // An element with a name in its own text is not split.
  document.body.innerHTML = `<p>from analytics.marts.orders ${'<b>x</b>'.repeat(80)}</p>`;
  expect(partitionForReading(document.body, '', 50)).toEqual([document.body.querySelector('p')]);
});
