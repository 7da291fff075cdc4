import { afterEach, describe, expect, it, vi } from 'vitest';
import generic from '../../lib/adapters/generic';
import { startOverlay, type OverlayOptions } from '../../lib/overlay/overlay';
import type { DetailsAnswer, DocentError } from '../../lib/messaging';
import { err, type Result } from '../../lib/result';
import { fakeAsk, KNOWN_MODELS } from '../fixtures/bi/generic/known-models';
import { createCard } from '../../lib/overlay/card';
import { CARD_FACTORY_KEY } from '../../lib/overlay/lazy-card';

// The doc card's code as if already loaded in this tab (its first load: overlay-lazy-card.test.ts).
(globalThis as Record<string, unknown>)[CARD_FACTORY_KEY] = createCard;

const customers = KNOWN_MODELS[0]!;

function detailsOf(uniqueId: string): DetailsAnswer {
  const { verdict, ...summary } = KNOWN_MODELS.find((candidate) => candidate.uniqueId === uniqueId)!;
  return {
    verdict,
    details: {
      summary,
      description: 'One row per customer, with lifetime value.',
      descriptionHtml: '<p>One row per customer, with lifetime value.</p>',
      columns: [{ name: 'customer_id', description: 'Primary key', descriptionHtml: '<p>Primary key</p>', type: 'NUMBER' }],
      lastRunError: null,
      explorerUrl: null,
      lastSuccessRunUrl: null,
    },
  };
}

let controller: AbortController;
afterEach(() => {
  controller?.abort();
  document.body.innerHTML = '';
});

function start(html: string, overrides: Partial<OverlayOptions> = {}) {
  document.body.innerHTML = html;
  controller = new AbortController();
  const resolve = vi.fn(fakeAsk);
  const loadDetails = vi.fn(async (uniqueId: string): Promise<Result<DetailsAnswer, DocentError>> => ({
    ok: true,
    value: detailsOf(uniqueId),
  }));
  // happy-dom marks every event untrusted; the overlay's own check is tested in overlay-card.test.ts.
  const overlay = startOverlay({
    document, adapter: generic, resolve, loadDetails, signal: controller.signal, graceMs: 30, isTrusted: () => true, ...overrides,
  });
  return { overlay, resolve: (overrides.resolve as typeof resolve) ?? resolve, loadDetails };
}

const badges = () => [...document.querySelectorAll<HTMLElement>('docent-badge')];
const cardHost = () => document.documentElement.querySelector<HTMLElement>(':scope > docent-card');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('repeated names', () => {
  it('badges the same name in every row of a results table, not only the first few', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `<tr><td>${i}</td><td>analytics.marts.customers</td></tr>`).join('');
    const { overlay } = start(`<table><tbody>${rows}</tbody></table>`);
    await overlay.idle();
    expect(badges()).toHaveLength(40);
  });
});

describe('rescanning a changing page', () => {
  it('scans only the nodes a mutation added', async () => {
    let reachable = false;
    const resolve = vi.fn(async (keys: string[]) => {
      if (!reachable) return err({ kind: 'notConfigured' as const, message: 'not set up' });
      return fakeAsk(keys);
    });
    const { overlay } = start('<p>from analytics.marts.customers</p>', { resolve });
    await overlay.idle();
    expect(badges()).toHaveLength(0); // the background could not answer: no badges
    reachable = true;
    const added = document.createElement('p');
    added.textContent = 'join analytics.marts.orders o';
    document.body.append(added);
    await overlay.idle();
    // customers was not remembered, so asking for it again would mean the old node was rescanned.
    expect(resolve.mock.calls.at(-1)).toEqual([['analytics.marts.orders']]);
    expect(badges().map((badge) => badge.dataset.key)).toEqual(['analytics.marts.orders']);
  });

  it('collects a burst of mutations into one question, after a short delay', async () => {
    const { overlay, resolve } = start('<main></main>', { batchDelayMs: 20 });
    await overlay.idle();
    resolve.mockClear();
    for (const name of ['analytics.marts.customers', 'analytics.marts.orders', 'marts.orders']) {
      document.querySelector('main')!.insertAdjacentHTML('beforeend', `<div class="cell">${name}</div>`);
    }
    expect(badges()).toHaveLength(0);
    await vi.waitFor(() => expect(badges()).toHaveLength(3));
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(resolve.mock.calls[0]![0].sort()).toEqual(['analytics.marts.customers', 'analytics.marts.orders', 'marts.orders']);
  });

  it('asks in batches of at most resolveBatchSize keys', async () => {
    const names = ['a.b', 'c.d', 'e.f', 'analytics.marts.orders', 'marts.customers'];
    const { overlay, resolve } = start(`<p>${names.join(', ')}</p>`, { resolveBatchSize: 2 });
    await overlay.idle();
    expect(resolve.mock.calls.map(([keys]) => keys.length)).toEqual([2, 2, 1]);
    expect(badges()).toHaveLength(2);
  });

  it('drops a badge whose text the page rewrote, and badges the new name', async () => {
    const { overlay } = start('<p id="total">from analytics.marts.customers and marts.customers today</p>');
    await overlay.idle();
    expect(badges()).toHaveLength(2);
    const head = document.getElementById('total')!.firstChild as Text;
    // A framework keeps its reference to the original text node and writes the whole new text.
    head.data = 'from analytics.marts.orders today';
    await overlay.idle();
    expect(document.getElementById('total')!.textContent).toBe('from analytics.marts.orders today');
    expect(badges().map((badge) => badge.dataset.key)).toEqual(['analytics.marts.orders']);
  });

  it('gives up on a line an editor keeps re-rendering without the badge', async () => {
    const line = '<span><span class="mtk1">from&nbsp;analytics.marts.customers</span></span>';
    const { overlay } = start(`<div class="view-lines"><div class="view-line">${line}</div></div>`);
    let renders = 0;
    // Like an editor that owns its lines: any foreign child makes it draw the line again.
    const editor = new MutationObserver(() => {
      const view = document.querySelector('.view-line')!;
      if (view.querySelector('docent-badge')) {
        renders += 1;
        view.innerHTML = line;
      }
    });
    editor.observe(document.querySelector('.view-lines')!, { childList: true, subtree: true });
    for (let i = 0; i < 20; i++) {
      await overlay.idle();
      await sleep(0);
    }
    editor.disconnect();
    expect(renders).toBe(5);
  });

  it('reads an element that stops being hidden', async () => {
    const { overlay } = start('<section hidden><p>analytics.marts.customers</p></section>');
    await overlay.idle();
    expect(badges()).toHaveLength(0);
    document.querySelector('section')!.hidden = false;
    await overlay.idle();
    expect(badges()).toHaveLength(1);
  });
});

describe("Docent's own nodes", () => {
  it('are never scanned, and changes inside them never trigger a scan', async () => {
    const { overlay, resolve } = start(
      '<docent-card>analytics.raw.raw_orders</docent-card><p>analytics.marts.customers</p>',
    );
    await overlay.idle();
    expect(resolve.mock.calls.flat(2)).toEqual(['analytics.marts.customers']);
    badges()[0]!.append('analytics.raw.raw_items');
    badges()[0]!.shadowRoot!.append('analytics.raw.raw_stores');
    badges()[0]!.focus();
    cardHost()!.append('analytics.raw.raw_customers');
    await overlay.idle();
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it('removes badges an earlier run left behind', async () => {
    const { overlay } = start('<p>analytics.marts.customers<docent-badge data-key="old"></docent-badge></p>');
    await overlay.idle();
    expect(badges().map((badge) => badge.dataset.key)).toEqual(['analytics.marts.customers']);
  });
});

describe('abort', () => {
  it('removes every badge and the card, restores the text and stops observing', async () => {
    const html = '<p>Orders from analytics.marts.orders, by customer (marts.customers) and day.</p>';
    const { overlay, resolve } = start(html);
    await overlay.idle();
    expect(badges()).toHaveLength(2);
    badges()[0]!.focus();
    expect(cardHost()).not.toBeNull();
    controller.abort();
    expect(badges()).toHaveLength(0);
    expect(cardHost()).toBeNull();
    expect(document.body.innerHTML).toBe(html);
    expect(document.querySelector('p')!.childNodes).toHaveLength(1);
    resolve.mockClear();
    document.body.insertAdjacentHTML('beforeend', '<p>analytics.marts.customers</p>');
    await sleep(150);
    expect(resolve).not.toHaveBeenCalled();
    expect(badges()).toHaveLength(0);
  });
});

describe('the doc card', () => {
  it('opens on focus in one top-level host, shows loading then details, and closes on Escape', async () => {
    const { overlay, loadDetails } = start('<p>from analytics.marts.customers</p>');
    await overlay.idle();
    const badge = badges()[0]!;
    badge.focus();
    const host = cardHost()!;
    expect(host.getAttribute('popover')).toBe('manual');
    expect(host.hidden).toBe(false);
    expect(badge.getAttribute('aria-expanded')).toBe('true');
    expect(host.shadowRoot!.textContent).toContain('Loading details');
    expect(loadDetails).toHaveBeenCalledWith(customers.uniqueId);
    await vi.waitFor(() => expect(host.shadowRoot!.textContent).toContain('One row per customer'));
    expect(host.shadowRoot!.querySelector('[role="dialog"]')).not.toBeNull();
    badge.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(host.hidden).toBe(true);
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(host.shadowRoot!.textContent).not.toContain('One row per customer');
    expect(document.activeElement).toBe(badge);
  });

  it('uses the top layer where the browser has it', async () => {
    const show = vi.fn();
    const hide = vi.fn();
    Object.assign(HTMLElement.prototype, { showPopover: show, hidePopover: hide });
    try {
      const { overlay } = start('<p>analytics.marts.customers</p>');
      await overlay.idle();
      badges()[0]!.focus();
      expect(show).toHaveBeenCalledTimes(1);
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      expect(hide).toHaveBeenCalledTimes(1);
    } finally {
      delete (HTMLElement.prototype as Partial<HTMLElement>).showPopover;
      delete (HTMLElement.prototype as Partial<HTMLElement>).hidePopover;
    }
  });

  it('stays open while the pointer travels from badge to card, and closes when it leaves', async () => {
    const { overlay } = start('<p>analytics.marts.customers</p>');
    await overlay.idle();
    const badge = badges()[0]!;
    badge.dispatchEvent(new MouseEvent('mouseenter'));
    const host = cardHost()!;
    badge.dispatchEvent(new MouseEvent('mouseleave'));
    expect(host.hidden).toBe(false);
    host.dispatchEvent(new MouseEvent('mouseenter'));
    await sleep(60);
    expect(host.hidden).toBe(false);
    host.dispatchEvent(new MouseEvent('mouseleave'));
    await sleep(60);
    expect(host.hidden).toBe(true);
  });

  it('lists the candidates of an ambiguous name and loads none of them', async () => {
    const { overlay, loadDetails } = start('<p>select * from marts.orders</p>');
    await overlay.idle();
    const badge = badges()[0]!;
    expect(badge.dataset.uniqueId).toBe('model.jaffle_shop.orders model.jaffle_shop_eu.orders');
    badge.focus();
    const text = cardHost()!.shadowRoot!.textContent;
    expect(text).toContain('analytics.marts.orders');
    expect(text).toContain('analytics_eu.marts.orders');
    expect(loadDetails).not.toHaveBeenCalled();
  });
});

it('lists this tab’s matches once per model with their occurrences, for the popup', async () => {
  const { overlay } = start(
    '<p>analytics.marts.customers</p><p>ANALYTICS.MARTS.CUSTOMERS</p><p>analytics.marts.orders</p>',
  );
  await overlay.idle();
  expect(overlay.listMatches()).toEqual([
    { uniqueId: 'model.jaffle_shop.customers', name: 'customers', relation: 'analytics.marts.customers', health: 'healthy', occurrences: 2 },
    { uniqueId: 'model.jaffle_shop.orders', name: 'orders', relation: 'analytics.marts.orders', health: 'degraded', occurrences: 1 },
  ]);
});
