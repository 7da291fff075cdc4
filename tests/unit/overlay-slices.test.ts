/**
 * Docent's share of the main thread: slices that yield to the page, the first read after the load
 * event, badges placed in batches that never split a segment (lib/overlay/slices.ts).
 */
import { afterEach, expect, it, vi } from 'vitest';
import generic from '../../lib/adapters/generic';
import { startOverlay } from '../../lib/overlay/overlay';
import { findOccurrences, readOccurrences, type Occurrence } from '../../lib/overlay/segments';
import { afterLoad, batchesBySegment, createSlicer } from '../../lib/overlay/slices';
import { viewportFirst } from '../../lib/overlay/visible-first';
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

it('reads a large page in steps, losing no name between them', () => {
  const cells = Array.from({ length: 60 }, (_, i) => `<div class="cell"><span>${i}</span> analytics.marts.orders</div>`).join('');
  document.body.innerHTML = `<main><section>${cells}</section><section>${cells}</section><div class="view-line"><span>from analytics.</span><span>marts.orders</span></div></main>`;
  const steps = [...readOccurrences(document.body, generic, undefined, undefined, 50)];
  expect(steps.length).toBeGreaterThan(2);
  const whole = findOccurrences(document.body, generic);
  expect(steps.flat().map((o) => o.key)).toEqual(whole.map((o) => o.key));
  expect(whole).toHaveLength(121);
});

it('starts over, skipping what it read, when the page removed where the last step stopped', () => {
  const cells = Array.from({ length: 40 }, (_, i) => `<p>${i} analytics.marts.orders</p>`).join('');
  document.body.innerHTML = `<main>${cells}</main>`;
  const reader = readOccurrences(document.body, generic, undefined, undefined, 10);
  const first = reader.next().value as Occurrence[];
  // The page re-renders the paragraph the walk is in, between two steps.
  const stoppedIn = document.querySelectorAll('p')[first.length]!;
  stoppedIn.replaceWith(stoppedIn.cloneNode(true));
  const rest = [...reader].flat();
  const segments = new Set([...first, ...rest].map((o) => o.segment.texts[0]));
  expect(first.length + rest.length).toBe(segments.size); // no text read twice
  expect(first.length + rest.length).toBeGreaterThanOrEqual(39); // the re-rendered one is the queue's
});

it('asks whether something renders only where a candidate name is, once per segment', () => {
  const filler = Array.from({ length: 300 }, (_, i) => `<div><span>row ${i}</span><b>1.5</b></div>`).join('');
  document.body.innerHTML = `<main>${filler}<p>from analytics.marts.orders join analytics.marts.customers</p></main>`;
  const asked: Element[] = [];
  const spy = vi.spyOn(HTMLElement.prototype, 'checkVisibility').mockImplementation(function (this: HTMLElement) {
    asked.push(this);
    return true;
  });
  try {
    expect(findOccurrences(document.body, generic)).toHaveLength(2);
    expect(asked).toEqual([document.querySelector('p')]);
  } finally {
    spy.mockRestore();
  }
});

it("reads an open shadow root's contents given as the root (frames and shadow roots plug in here)", () => {
  document.body.innerHTML = '<div id="host"></div>';
  const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<p>from analytics.marts.customers</p><div hidden><p>analytics.marts.orders</p></div>';
  expect(findOccurrences(shadow, generic).map((o) => o.key)).toEqual(['analytics.marts.customers']);
});

it('orders a large read so the names in the viewport are badged first', async () => {
  document.body.innerHTML = Array.from({ length: 6 }, (_, i) => `<p id="p${i}">analytics.marts.orders and analytics.marts.customers</p>`).join('');
  const found = findOccurrences(document.body, generic);
  class FakeObserver {
    constructor(private readonly callback: (entries: Array<{ target: Element; isIntersecting: boolean }>) => void) {}
    private readonly targets: Element[] = [];
    observe(target: Element) {
      this.targets.push(target);
      if (this.targets.length === 6) queueMicrotask(() => this.callback(this.targets.map((t) => ({ target: t, isIntersecting: t.id === 'p4' }))));
    }
    disconnect() {}
  }
  const ordered = await viewportFirst(found, { IntersectionObserver: FakeObserver } as unknown as Window);
  expect(ordered.slice(0, 2).map((o) => o.segment.root.id)).toEqual(['p4', 'p4']);
  expect(ordered.slice(2).map((o) => o.segment.root.id)).toEqual(['p0', 'p0', 'p1', 'p1', 'p2', 'p2', 'p3', 'p3', 'p5', 'p5']);
  // An observer that never answers (a background tab renders no frame): document order.
  class SilentObserver { observe() {} disconnect() {} }
  expect(await viewportFirst(found, { IntersectionObserver: SilentObserver } as unknown as Window, 5)).toEqual(found);
});
