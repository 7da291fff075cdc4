/**
 * The page's own open shadow roots (lib/overlay/shadow-roots.ts), as web components draw them: a
 * custom element that attaches its root on creation (Lit, Stencil, Shoelace do the same), nested
 * components, roots added after the first read, and text the component rewrites later.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import generic from '../../lib/adapters/generic';
import { startOverlay } from '../../lib/overlay/overlay';
import { createMarker } from '../../lib/overlay/column-markers';
import { createShadowRoots, openShadowRootsUnder } from '../../lib/overlay/shadow-roots';
import { fakeAsk } from '../fixtures/bi/generic/known-models';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keysIn = (root: ParentNode) => [...root.querySelectorAll<HTMLElement>('docent-badge')].map((b) => b.dataset.key);

let controller: AbortController;
afterEach(() => {
  vi.restoreAllMocks();
  controller?.abort();
  document.body.innerHTML = '';
});

// A component that renders its text into an open shadow root once connected, like a Lit element.
class TableCard extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.attachShadow({ mode: 'open' }).innerHTML = `<style>p { margin: 0 }</style><header><slot name="title"></slot></header><p class="source">${this.getAttribute('source') ?? ''}</p><inner-note></inner-note>`;
  }
}
class InnerNote extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.attachShadow({ mode: 'open' }).innerHTML = '<span>joined with analytics.raw.raw_items</span>';
  }
}
if (!customElements.get('table-card')) customElements.define('table-card', TableCard);
if (!customElements.get('inner-note')) customElements.define('inner-note', InnerNote);

function start(html: string) {
  document.body.innerHTML = html;
  controller = new AbortController();
  const resolve = vi.fn(fakeAsk);
  const overlay = startOverlay({ document, adapter: generic, resolve, loadDetails: async () => ({ ok: false, error: { kind: 'notConfigured', message: '' } }), signal: controller.signal, batchDelayMs: 20, isTrusted: () => true });
  return { overlay, resolve };
}

describe('open shadow roots', () => {
  it('finds the open roots under a node, nested ones only through their host, never a badge of Docent', () => {
    document.body.innerHTML = '<section><table-card source="analytics.marts.customers"></table-card></section>';
    const card = document.querySelector('table-card')!;
    expect(openShadowRootsUnder(document.body)).toEqual([card.shadowRoot]);
    const inner = card.shadowRoot!.querySelector('inner-note')!;
    expect(openShadowRootsUnder(card.shadowRoot!.querySelector('inner-note')!)).toEqual([inner.shadowRoot]);
    const badge = document.createElement('docent-badge');
    badge.attachShadow({ mode: 'open' }).innerHTML = '<span>analytics.marts.orders</span>';
    document.body.append(badge);
    expect(openShadowRootsUnder(document.body)).toEqual([card.shadowRoot]);
  });

  // The DOM standard's shadow hosts: autonomous custom elements and these standard elements.
  const STANDARD_HOSTS = ['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span'];
  const withRoot = (tag: string, text: string) => {
    const host = document.createElement(tag);
    host.attachShadow({ mode: 'open' }).innerHTML = `<span>${text}</span>`;
    return host;
  };

  it('finds a root on every kind of element that can host one, wherever it sits', () => {
    // Each host inside a table cell, a link or a list item: elements that cannot host a root
    // themselves must not hide the hosts under them.
    const cell = document.createElement('td');
    document.body.innerHTML = '<table><tbody><tr></tr></tbody></table><ul><li><a href="#"></a></li></ul><svg><g></g></svg>';
    document.querySelector('tr')!.append(cell);
    const hosts = STANDARD_HOSTS.filter((tag) => tag !== 'body').map((tag) => withRoot(tag, tag));
    hosts.push(withRoot('x-widget', 'an undefined custom element'), withRoot('table-note', 'a defined one'));
    hosts.forEach((host, i) => (i % 2 ? cell : document.querySelector('a')!).append(host));
    const found = openShadowRootsUnder(document.body);
    expect(found).toHaveLength(hosts.length);
    expect(new Set(found)).toEqual(new Set(hosts.map((host) => host.shadowRoot)));
  });

  it('finds the root of the element it starts from, the body included', () => {
    const body = withRoot('body', 'the body itself');
    expect(openShadowRootsUnder(body)).toEqual([body.shadowRoot]);
    const section = withRoot('section', 'a section');
    expect(openShadowRootsUnder(section)).toEqual([section.shadowRoot]);
  });

  it('reads roots nested in roots, through a div, a span and a custom element', () => {
    document.body.innerHTML = '<table><tr><td><div class="outer"></div></td></tr></table>';
    const outer = document.querySelector('.outer')!;
    outer.attachShadow({ mode: 'open' }).innerHTML = '<p>outer analytics.marts.orders</p><span class="middle"></span>';
    const middle = outer.shadowRoot!.querySelector('.middle')!;
    middle.attachShadow({ mode: 'open' }).innerHTML = '<b>middle</b><x-leaf></x-leaf>';
    const leaf = middle.shadowRoot!.querySelector('x-leaf')!;
    leaf.attachShadow({ mode: 'open' }).innerHTML = '<i>analytics.marts.customers</i>';
    const watch = vi.fn();
    const read = createShadowRoots(watch).expand([document.body]);
    expect(watch.mock.calls.map(([root]) => root)).toEqual([outer.shadowRoot, middle.shadowRoot, leaf.shadowRoot]);
    expect(read).toContain(outer.shadowRoot!.querySelector('p'));
    expect(read).toContain(leaf.shadowRoot!.querySelector('i'));
  });

  it('badges a name in a root hosted inside a results table', async () => {
    const { overlay } = start('<table><tbody><tr><td>1</td><td><span class="chip"></span></td></tr></tbody></table>');
    const chip = document.querySelector('.chip')!;
    chip.attachShadow({ mode: 'open' }).innerHTML = '<span>from analytics.marts.customers</span>';
    await overlay.idle();
    expect(keysIn(chip.shadowRoot!)).toEqual(['analytics.marts.customers']);
  });

  it('never enters a column marker (it has a shadow root too): nothing of it is read or watched', () => {
    document.body.innerHTML = '<ul class="fields"><li class="field">Order Total</li></ul>';
    const field = document.querySelector('.field')!;
    field.append(createMarker(document, { name: 'order_total', description: 'Total.', descriptionHtml: null, type: null }, 'orders'));
    const watch = vi.fn();
    expect(openShadowRootsUnder(document.body)).toEqual([]);
    expect(createShadowRoots(watch).expand([document.body])).toEqual([document.body]);
    expect(watch).not.toHaveBeenCalled();
  });

  it('hands each root to watch once, however often its host is read', () => {
    document.body.innerHTML = '<table-card source="x"></table-card>';
    const watch = vi.fn();
    const roots = createShadowRoots(watch);
    const first = roots.expand([document.body]);
    roots.expand([document.body]);
    expect(watch).toHaveBeenCalledTimes(2); // table-card's root and inner-note's, each once
    expect(first[0]).toBe(document.body);
    expect(first).toContain(document.querySelector('table-card')!.shadowRoot!.querySelector('p.source'));
  });

  it('badges names inside components, nested components too, on the first read', async () => {
    const { overlay, resolve } = start('<p>from analytics.marts.orders</p><table-card source="built on analytics.marts.customers"></table-card>');
    await overlay.idle();
    const card = document.querySelector('table-card')!;
    expect(keysIn(document)).toEqual(['analytics.marts.orders']);
    expect(keysIn(card.shadowRoot!)).toEqual(['analytics.marts.customers']);
    expect(keysIn(card.shadowRoot!.querySelector('inner-note')!.shadowRoot!)).toEqual(['analytics.raw.raw_items']);
    expect(resolve).toHaveBeenCalledTimes(1); // one question for the page and its components
  });

  it('reads a component the page adds later, and text it rewrites inside its root', async () => {
    const { overlay } = start('<main></main>');
    await overlay.idle();
    document.querySelector('main')!.append(Object.assign(document.createElement('table-card'), {}));
    await sleep(50);
    await overlay.idle();
    const card = document.querySelector('table-card')!;
    expect(keysIn(card.shadowRoot!.querySelector('inner-note')!.shadowRoot!)).toEqual(['analytics.raw.raw_items']);
    expect(keysIn(card.shadowRoot!)).toEqual([]);
    // The component re-renders its text: the root is watched, so the new name is read.
    card.shadowRoot!.querySelector('p.source')!.textContent = 'now from analytics.marts.customers';
    await sleep(50);
    await overlay.idle();
    expect(keysIn(card.shadowRoot!)).toEqual(['analytics.marts.customers']);
  });

  it('badges a component inside a panel hidden at first once the page shows the panel', async () => {
    // Chromium's checkVisibility follows the flat tree (a shadow root's host and its ancestors);
    // happy-dom's stops at the root, so it is given the browser's answer here.
    const hiddenInFlatTree = (element: Element): boolean => {
      for (let node: Element | null = element; node; node = node.parentElement ?? ((node.parentNode as ShadowRoot | null)?.host ?? null)) {
        if (node.hasAttribute('hidden')) return true;
      }
      return false;
    };
    vi.spyOn(Element.prototype, 'checkVisibility').mockImplementation(function (this: Element) {
      return !hiddenInFlatTree(this);
    });
    const { overlay } = start('<section id="panel" hidden><table-card source="built on analytics.marts.customers"></table-card></section>');
    await overlay.idle();
    const card = document.querySelector('table-card')!;
    expect(keysIn(card.shadowRoot!)).toEqual([]);
    // A tab or an accordion opens: the attribute changes on the page's element, outside the root.
    document.getElementById('panel')!.removeAttribute('hidden');
    await sleep(50);
    await overlay.idle();
    expect(keysIn(card.shadowRoot!)).toEqual(['analytics.marts.customers']);
  });

  it('does not loop on its own badges inside a root', async () => {
    const { overlay, resolve } = start('<table-card source="from analytics.marts.customers"></table-card>');
    await overlay.idle();
    await sleep(200); // ten rescan windows: a loop on its own insertions would ask again
    await overlay.idle();
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(keysIn(document.querySelector('table-card')!.shadowRoot!)).toEqual(['analytics.marts.customers']);
  });

  it('removes its badges from the roots when the run ends', async () => {
    const { overlay } = start('<table-card source="from analytics.marts.customers"></table-card>');
    await overlay.idle();
    controller.abort();
    expect(keysIn(document.querySelector('table-card')!.shadowRoot!)).toEqual([]);
  });
});
