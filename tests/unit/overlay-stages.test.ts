/**
 * The overlay's stages one by one (lib/overlay: name-resolver, details-cache, rescan-queue,
 * badge-tracker), each with fakes for the others.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import generic from '../../lib/adapters/generic';
import type { DetailsAnswer, DocentError, NameMatch } from '../../lib/messaging';
import { createBadgeTracker } from '../../lib/overlay/badge-tracker';
import { createCard } from '../../lib/overlay/card';
import { createDetailsCache } from '../../lib/overlay/details-cache';
import { createNameResolver } from '../../lib/overlay/name-resolver';
import { createRescanQueue } from '../../lib/overlay/rescan-queue';
import { findOccurrences, selectorsOf } from '../../lib/overlay/segments';
import { startOverlay } from '../../lib/overlay/overlay';
import { err, ok, type Result } from '../../lib/result';
import { fakeAsk, fakeResolve } from '../fixtures/bi/generic/known-models';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('name resolver', () => {
  it('asks only about names it has not been told about, and remembers names that are no model', async () => {
    const ask = vi.fn(fakeAsk);
    const resolver = createNameResolver(ask);
    const first = await resolver.resolve(['analytics.marts.customers', 'acme.not_a_model']);
    expect(first.ok && [...first.value.keys()].sort()).toEqual(['acme.not_a_model', 'analytics.marts.customers']);
    expect(resolver.known('acme.not_a_model')).toBeNull();
    await resolver.resolve(['analytics.marts.customers', 'acme.not_a_model', 'analytics.marts.orders']);
    expect(ask.mock.calls.map(([keys]) => keys)).toEqual([
      ['analytics.marts.customers', 'acme.not_a_model'],
      ['analytics.marts.orders'],
    ]);
  });

  it('shares one question between two scans that meet the same new name at once', async () => {
    const ask = vi.fn(fakeAsk);
    const resolver = createNameResolver(ask);
    await Promise.all([resolver.resolve(['analytics.marts.orders']), resolver.resolve(['analytics.marts.orders'])]);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('answers an error as a value, keeps the batches that were answered and asks again about the rest', async () => {
    const failure: DocentError = { kind: 'notConfigured', message: 'Docent is not set up' };
    const ask = vi.fn(async (keys: string[]): Promise<Result<NameMatch[], DocentError>> =>
      keys.includes('marts.orders') ? err(failure) : ok(fakeResolve(keys)),
    );
    const resolver = createNameResolver(ask, 1);
    const answer = await resolver.resolve(['analytics.marts.customers', 'marts.orders']);
    expect(answer).toEqual({ ok: false, error: failure });
    expect(resolver.known('analytics.marts.customers')?.candidates[0]?.uniqueId).toBe('model.jaffle_shop.customers');
    expect(resolver.known('marts.orders')).toBeUndefined();
    ask.mockImplementation(fakeAsk);
    await resolver.resolve(['marts.orders']);
    expect(resolver.known('marts.orders')?.candidates).toHaveLength(2);
  });

  it('turns a message that never arrives (the background went away) into a network error', async () => {
    const resolver = createNameResolver(() => Promise.reject(new Error('Extension context invalidated.')));
    const answer = await resolver.resolve(['analytics.marts.customers']);
    expect(!answer.ok && answer.error.kind).toBe('network');
  });
});

describe('details cache', () => {
  const answer = { ok: true, value: { verdict: { health: 'healthy', reasons: [] } } } as unknown as Result<DetailsAnswer, DocentError>;

  it('asks once per model within its lifetime, and again after it', async () => {
    let now = 0;
    const load = vi.fn(async () => answer);
    const cache = createDetailsCache(load, { now: () => new Date(now), ttlMs: 1000 });
    await cache.get('model.a');
    await cache.get('model.a');
    expect(load).toHaveBeenCalledTimes(1);
    now = 1000;
    await cache.get('model.a');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failure', async () => {
    const load = vi.fn(async (): Promise<Result<DetailsAnswer, DocentError>> => err({ kind: 'timeout', message: 'slow' }));
    const cache = createDetailsCache(load);
    await cache.get('model.a');
    await cache.get('model.a');
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('rescan queue', () => {
  it('hands the outermost added nodes to one scan after the batching delay, and ignores its own nodes', async () => {
    document.body.innerHTML = '<main></main>';
    const scanned: Node[][] = [];
    const queue = createRescanQueue({
      document,
      scan: async (roots) => void scanned.push(roots),
      onTextRewritten: () => {},
      onRemovals: () => {},
      batchDelayMs: 5,
    });
    const main = document.querySelector('main')!;
    const section = document.createElement('section');
    main.append(section);
    section.append(document.createElement('p'));
    main.append(document.createElement('docent-badge'));
    await queue.idle();
    queue.stop();
    expect(scanned).toEqual([[section]]);
  });

  it('tells of text the page rewrote, and reads it again', async () => {
    document.body.innerHTML = '<p>analytics.marts.customers</p>';
    const text = document.querySelector('p')!.firstChild as Text;
    const rewritten: Text[] = [];
    const scanned: Node[][] = [];
    const queue = createRescanQueue({
      document,
      scan: async (roots) => void scanned.push(roots),
      onTextRewritten: (node) => rewritten.push(node),
      onRemovals: () => {},
      batchDelayMs: 5,
    });
    text.data = 'analytics.marts.orders';
    await queue.idle();
    queue.stop();
    expect(rewritten).toEqual([text]);
    expect(scanned).toEqual([[text]]);
  });
});

describe('badge tracker', () => {
  function setUp(html: string) {
    document.body.innerHTML = html;
    const card = createCard({ document, loadDetails: async () => err({ kind: 'unknownModel', message: '' }) });
    const tracker = createBadgeTracker({ document, card, codeLines: '' });
    const found = findOccurrences(document.body, generic, selectorsOf(generic));
    const known = new Map(fakeResolve(found.map((o) => o.key)).map((m) => [m.key, m]));
    return { tracker, found, lookup: (key: string) => known.get(key) ?? null };
  }

  it('badges what was read without reading again, and skips text the page rewrote since', () => {
    const { tracker, found, lookup } = setUp('<p>analytics.marts.customers</p><p>analytics.marts.orders</p>');
    (document.querySelectorAll('p')[1]!.firstChild as Text).data = 'analytics.marts.orders_v2';
    tracker.place(found, lookup);
    expect([...document.querySelectorAll('docent-badge')].map((b) => b.getAttribute('data-key'))).toEqual([
      'analytics.marts.customers',
    ]);
  });

  it('lists each model once with its occurrences, plus models behind the page that no badge names', () => {
    const { tracker, found, lookup } = setUp('<p>analytics.marts.customers</p><p>ANALYTICS.MARTS.CUSTOMERS</p>');
    tracker.place(found, lookup);
    const [orders] = fakeResolve(['analytics.marts.orders'])[0]!.candidates;
    expect(tracker.listMatches([orders!]).map(({ uniqueId, occurrences }) => [uniqueId, occurrences])).toEqual([
      ['model.jaffle_shop.customers', 2],
      ['model.jaffle_shop.orders', 0],
    ]);
  });

  it('redraws a badge whose verdict changed and removes one whose name is no model any more', () => {
    const { tracker, found, lookup } = setUp('<p>from analytics.marts.customers and analytics.marts.orders.</p>');
    tracker.place(found, lookup);
    const customers = lookup('analytics.marts.customers')!;
    const worse: NameMatch = {
      ...customers,
      candidates: [{ ...customers.candidates[0]!, verdict: { health: 'degraded', reasons: [{ health: 'degraded', text: 'Failed to build' }] } }],
    };
    tracker.refreshMatches((key) => (key === 'analytics.marts.customers' ? worse : null));
    const badges = [...document.querySelectorAll('docent-badge')];
    expect(badges.map((b) => [b.getAttribute('data-key'), b.getAttribute('data-health')])).toEqual([
      ['analytics.marts.customers', 'degraded'],
    ]);
    expect(document.querySelector('p')!.textContent).toBe('from analytics.marts.customers and analytics.marts.orders.');
  });

  it('puts a tile badge at the end of a title once, however often it is asked', () => {
    const { tracker } = setUp('<h3 class="title">Revenue</h3>');
    const match = fakeResolve(['analytics.marts.orders'])[0]!;
    const title = document.querySelector('h3')!;
    tracker.placeInTitle(title, match);
    tracker.placeInTitle(title, match);
    // The same model by another of its names (`marts.orders` in one query, the full name in another).
    tracker.placeInTitle(title, { ...match, key: 'orders' });
    expect(title.querySelectorAll('docent-badge')).toHaveLength(1);
    expect(title.lastElementChild?.getAttribute('data-unique-id')).toBe('model.jaffle_shop.orders');
  });
});

describe('the whole overlay', () => {
  it('reads each text once: no second pass after the background answers', async () => {
    document.body.innerHTML = '<p>analytics.marts.customers</p>';
    const controller = new AbortController();
    const walkers = vi.spyOn(document, 'createTreeWalker');
    const overlay = startOverlay({
      document, adapter: generic, resolve: fakeAsk, signal: controller.signal,
      loadDetails: async () => err({ kind: 'unknownModel', message: '' }),
    });
    await overlay.idle();
    expect(document.querySelectorAll('docent-badge')).toHaveLength(1);
    expect(walkers).toHaveBeenCalledTimes(1);
    walkers.mockRestore();
    controller.abort();
  });

  it('after a sync, badges a name that became a model without reading the page again', async () => {
    document.body.innerHTML = '<p>analytics.marts.customers</p><p>analytics.marts.orders</p><p>and analytics.marts.orders</p>';
    let modelsNow = ['analytics.marts.customers'];
    const ask = vi.fn(async (keys: string[]) => ok(fakeResolve(keys.filter((key) => modelsNow.includes(key)))));
    const controller = new AbortController();
    const overlay = startOverlay({
      document, adapter: generic, resolve: ask, signal: controller.signal,
      loadDetails: async () => err({ kind: 'unknownModel', message: '' }),
    });
    await overlay.idle();
    expect(document.querySelectorAll('docent-badge')).toHaveLength(1);
    modelsNow = ['analytics.marts.customers', 'analytics.marts.orders'];
    const walkers = vi.spyOn(document, 'createTreeWalker');
    await overlay.refresh();
    await overlay.idle();
    expect([...document.querySelectorAll('docent-badge')].map((b) => b.getAttribute('data-key'))).toEqual([
      'analytics.marts.customers',
      'analytics.marts.orders',
      'analytics.marts.orders',
    ]);
    expect(walkers).not.toHaveBeenCalled();
    walkers.mockRestore();
    controller.abort();
  });
});

it('after a sync, reads again only the text Docent split since it found a name there', async () => {
  document.body.innerHTML = '<p id="both">analytics.marts.customers and analytics.marts.orders</p><p>unrelated text</p>';
  let modelsNow = ['analytics.marts.customers'];
  const ask = vi.fn(async (keys: string[]) => ok(fakeResolve(keys.filter((key) => modelsNow.includes(key)))));
  const controller = new AbortController();
  const overlay = startOverlay({
    document, adapter: generic, resolve: ask, signal: controller.signal, batchDelayMs: 0,
    loadDetails: async () => err({ kind: 'unknownModel', message: '' }),
  });
  await overlay.idle();
  modelsNow = ['analytics.marts.customers', 'analytics.marts.orders'];
  const walkers = vi.spyOn(document, 'createTreeWalker');
  await overlay.refresh();
  await overlay.idle();
  expect(document.querySelectorAll('#both docent-badge')).toHaveLength(2);
  expect(walkers.mock.calls.map(([root]) => (root as Element).id)).toEqual(['both']);
  walkers.mockRestore();
  controller.abort();
});

it('a page read before Docent was set up gets its badges when the index arrives, without reading it again', async () => {
  document.body.innerHTML = '<p>analytics.marts.customers</p>';
  let configured = false;
  const ask = vi.fn(async (keys: string[]) =>
    configured ? ok(fakeResolve(keys)) : err({ kind: 'notConfigured' as const, message: 'Docent is not set up' }),
  );
  const controller = new AbortController();
  const onUnavailable = vi.fn();
  const overlay = startOverlay({
    document, adapter: generic, resolve: ask, signal: controller.signal, onUnavailable,
    loadDetails: async () => err({ kind: 'unknownModel', message: '' }),
  });
  await overlay.idle();
  expect(onUnavailable).toHaveBeenCalledWith({ kind: 'notConfigured', message: 'Docent is not set up' });
  configured = true;
  const walkers = vi.spyOn(document, 'createTreeWalker');
  await overlay.refresh();
  expect(document.querySelectorAll('docent-badge')).toHaveLength(1);
  expect(walkers).not.toHaveBeenCalled();
  walkers.mockRestore();
  controller.abort();
});

it('a sync that lands while the first answer is on its way still ends in badges', async () => {
  document.body.innerHTML = '<p>analytics.marts.customers</p>';
  let configured = false;
  let answerFirst: () => void = () => {};
  const ask = vi.fn(async (keys: string[]) => {
    if (configured) return ok(fakeResolve(keys));
    await new Promise<void>((resolve) => (answerFirst = resolve));
    return err({ kind: 'notConfigured' as const, message: 'Docent is not set up' });
  });
  const controller = new AbortController();
  const overlay = startOverlay({
    document, adapter: generic, resolve: ask, signal: controller.signal, batchDelayMs: 0,
    loadDetails: async () => err({ kind: 'unknownModel', message: '' }),
  });
  await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(1));
  configured = true;
  const resolved = overlay.refresh(); // the options page saved while the first question was out
  answerFirst();
  await resolved;
  expect(document.querySelectorAll('docent-badge')).toHaveLength(1);
  controller.abort();
});
