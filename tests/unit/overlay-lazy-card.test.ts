/**
 * The doc card's code comes on first use (lib/overlay/lazy-card.ts): badges are bound by a few
 * listeners of the content script's own, and the first trusted hover, focus or key loads the card
 * and opens it for the badge that asked, if the pointer or focus is still there.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { createBadge } from '../../lib/overlay/badge-element';
import { createCard } from '../../lib/overlay/card';
import { createLazyCard, type CardFactory } from '../../lib/overlay/lazy-card';
import { err } from '../../lib/result';
import { fakeResolve } from '../fixtures/bi/generic/known-models';

const [customers, orders] = fakeResolve(['analytics.marts.customers', 'analytics.marts.orders']);
const options = { document, loadDetails: async () => err({ kind: 'unknownModel' as const, message: '' }), isTrusted: (event: Event) => !(event as Event & { fake?: boolean }).fake };
const host = () => document.querySelector<HTMLElement>('docent-card');
const notInstalled = () => null;

afterEach(() => {
  document.body.innerHTML = '';
  document.querySelectorAll('docent-card').forEach((node) => node.remove());
});

function page() {
  const first = createBadge(document, customers!);
  const second = createBadge(document, orders!);
  document.body.append(first, second);
  return [first, second] as const;
}

it('loads nothing until a badge is used, then opens the card for the hovered badge', async () => {
  const loadCard = vi.fn(async (): Promise<CardFactory> => createCard);
  const card = createLazyCard(options, loadCard, notInstalled);
  const [first, second] = page();
  card.bindBadge(first, customers!);
  card.bindBadge(second, orders!);
  expect(loadCard).not.toHaveBeenCalled();
  expect(card.openFor).toBeNull();

  first.dispatchEvent(new MouseEvent('mouseenter'));
  await vi.waitFor(() => expect(card.openFor).toBe(first));
  expect(host()!.hidden).toBe(false);
  expect(loadCard).toHaveBeenCalledTimes(1);
  // The second badge is bound on its first use, with the code already here.
  second.dispatchEvent(new MouseEvent('mouseenter'));
  await vi.waitFor(() => expect(card.openFor).toBe(second));
  expect(loadCard).toHaveBeenCalledTimes(1);
  card.destroy();
});

it('opens nothing for a badge the pointer left while the code loaded', async () => {
  let arrive: (factory: CardFactory) => void = () => {};
  const card = createLazyCard(options, () => new Promise((resolve) => (arrive = resolve)), notInstalled);
  const [first] = page();
  card.bindBadge(first, customers!);
  first.dispatchEvent(new MouseEvent('mouseenter'));
  first.dispatchEvent(new MouseEvent('mouseleave'));
  arrive(createCard);
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(card.openFor).toBeNull();
  card.destroy();
});

it('enters the card from the keyboard, and ignores events a page script made', async () => {
  const loadCard = vi.fn(async (): Promise<CardFactory> => createCard);
  const card = createLazyCard(options, loadCard, notInstalled);
  const [first] = page();
  card.bindBadge(first, customers!);
  const fake = Object.assign(new MouseEvent('mouseenter'), { fake: true });
  first.dispatchEvent(fake);
  first.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(loadCard).not.toHaveBeenCalled();

  const enter = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true });
  first.dispatchEvent(enter);
  expect(enter.defaultPrevented).toBe(true);
  await vi.waitFor(() => expect(card.openFor).toBe(first));
  expect(host()!.shadowRoot!.activeElement).not.toBeNull();
  card.destroy();
});

it('keeps the badge and tries again on the next use when the code cannot be loaded', async () => {
  const loadCard = vi.fn(async (): Promise<CardFactory | null> => null);
  const card = createLazyCard(options, loadCard, notInstalled);
  const [first] = page();
  card.bindBadge(first, customers!);
  first.dispatchEvent(new MouseEvent('mouseenter'));
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(card.openFor).toBeNull();
  expect(first.isConnected).toBe(true);
  first.dispatchEvent(new MouseEvent('mouseleave'));
  first.dispatchEvent(new MouseEvent('mouseenter'));
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(loadCard).toHaveBeenCalledTimes(2);
  card.destroy();
});
