import { afterEach, expect, it, vi } from 'vitest';
import { defineAdapter, CODE_EDITOR_LINES } from '../../lib/adapters/define';
import { startOverlay } from '../../lib/overlay/overlay';
import { fakeAsk } from '../fixtures/bi/generic/known-models';

// An adapter as a tool's own will look: a slot whose whole text is a table name, and one whose
// name sits in an attribute (selectors are not enough there, so `resolve` reads it).
const withSlots = defineAdapter({
  id: 'slots-under-test',
  label: 'Slots under test',
  matches: ['https://bi.example.test/*'],
  examples: [],
  pageKind: () => 'other',
  dashboardHeader: [],
  tableSlots: ['.explore-name', '.dataset-picker [data-table]'],
  codeLines: CODE_EDITOR_LINES,
  resolve: (slot) => slot.getAttribute('data-table') ?? slot.textContent,
});

let controller: AbortController;
afterEach(() => controller?.abort());

async function run(html: string) {
  document.body.innerHTML = html;
  controller = new AbortController();
  const resolve = vi.fn(fakeAsk);
  const overlay = startOverlay({
    document,
    adapter: withSlots,
    resolve,
    loadDetails: async () => ({ ok: false, error: { kind: 'unknownModel', message: 'none' } }),
    signal: controller.signal,
  });
  await overlay.idle();
  return { overlay, resolve, badges: [...document.querySelectorAll<HTMLElement>('docent-badge')] };
}

it('matches a bare model name in a table slot, and never in the prose around it', async () => {
  const { badges, resolve } = await run(
    '<h2 class="explore-name"> Customers </h2><p>All customers who ordered this week.</p>',
  );
  expect(badges.map((badge) => badge.dataset.key)).toEqual(['customers']);
  expect(badges[0]!.parentElement!.className).toBe('explore-name');
  expect(resolve.mock.calls.flat(2)).toEqual(['customers']);
});

it('reads the name a slot holds in an attribute through the adapter’s resolve', async () => {
  const { badges } = await run(
    '<div class="dataset-picker"><span data-table="analytics.marts.orders">Orders (12 columns)</span></div>',
  );
  expect(badges.map((badge) => badge.dataset.key)).toEqual(['analytics.marts.orders']);
  expect(badges[0]!.previousSibling!.textContent).toBe('Orders (12 columns)');
});

it('rescans a slot whole when a framework changes part of it, replacing the stale badge', async () => {
  const { badges, overlay } = await run('<h2 class="explore-name"><span>mar</span><span>ts.orders</span></h2>');
  expect(badges.map((badge) => badge.dataset.ambiguous)).toEqual(['true']);
  document.querySelector('.explore-name span')!.textContent = 'analytics.mar';
  await overlay.idle();
  const now = [...document.querySelectorAll<HTMLElement>('docent-badge')];
  expect(now.map((badge) => [badge.dataset.key, badge.dataset.uniqueId])).toEqual([
    ['analytics.marts.orders', 'model.jaffle_shop.orders'],
  ]);
});
