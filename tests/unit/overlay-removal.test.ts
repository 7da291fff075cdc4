import { afterEach, expect, it } from 'vitest';
import generic from '../../lib/adapters/generic';
import { startOverlay } from '../../lib/overlay/overlay';
import { fakeAsk } from '../fixtures/bi/generic/known-models';
import { createCard } from '../../lib/overlay/card';
import { CARD_FACTORY_KEY } from '../../lib/overlay/lazy-card';

// The doc card's code as if already loaded in this tab (its first load: overlay-lazy-card.test.ts).
(globalThis as Record<string, unknown>)[CARD_FACTORY_KEY] = createCard;

let controller: AbortController;
afterEach(() => {
  controller?.abort();
  document.body.innerHTML = '';
});

async function start(html: string) {
  document.body.innerHTML = html;
  controller = new AbortController();
  const overlay = startOverlay({
    document,
    adapter: generic,
    resolve: fakeAsk,
    loadDetails: async () => ({ ok: false, error: { kind: 'unknownModel', message: 'not in this test' } }),
    signal: controller.signal,
    isTrusted: () => true,
  });
  await overlay.idle();
  return overlay;
}

const badges = () => [...document.querySelectorAll<HTMLElement>('docent-badge')];
const cardHost = () => document.documentElement.querySelector<HTMLElement>(':scope > docent-card');

it('closes the card of a badge the page removed', async () => {
  const overlay = await start('<div class="cell"><p>from analytics.marts.customers today</p></div>');
  badges()[0]!.focus();
  expect(cardHost()!.hidden).toBe(false);
  document.querySelector('.cell')!.replaceChildren(); // a grid re-rendering its cell
  await overlay.idle();
  expect(cardHost()!.hidden).toBe(true);
  expect(overlay.listMatches()).toEqual([]);
});

it('takes back a badge whose subtree the page put back, and undoes its split on abort', async () => {
  const html = '<p id="pane">from analytics.marts.customers today</p>';
  const overlay = await start(html);
  const pane = document.getElementById('pane')!;
  pane.remove(); // a cached tab pane taken out…
  await overlay.idle();
  expect(overlay.listMatches()).toEqual([]);
  document.body.append(pane); // …and put back
  await overlay.idle();
  expect(badges()).toHaveLength(1);
  expect(overlay.listMatches().map((match) => match.occurrences)).toEqual([1]);
  controller.abort();
  expect(badges()).toHaveLength(0);
  expect(document.body.innerHTML).toBe(html);
  expect(pane.childNodes).toHaveLength(1);
});

