import { afterEach, describe, expect, it, vi } from 'vitest';
import generic from '../../lib/adapters/generic';
import { HiddenRoots } from '../../lib/overlay/hidden-roots';
import { startOverlay } from '../../lib/overlay/overlay';
import { fakeAsk } from '../fixtures/bi/generic/known-models';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('HiddenRoots', () => {
  function tabs() {
    document.body.innerHTML =
      '<div class="tabs"><section id="a"><div id="pane-a"></div></section><section id="b"><div id="pane-b"></div></section></div>';
    const byId = (id: string) => document.getElementById(id)!;
    return { tabs: document.querySelector('.tabs')!, byId };
  }

  it('gives back a remembered element when it or an ancestor of it changed, once', () => {
    const { tabs: strip, byId } = tabs();
    const roots = new HiddenRoots();
    roots.remember(byId('pane-a'));
    roots.remember(byId('pane-b'));
    expect(roots.takeRevealed(new Set([byId('a')]))).toEqual([byId('pane-a')]);
    expect(roots.takeRevealed(new Set([strip]))).toEqual([byId('pane-b')]);
    expect(roots.size).toBe(0);
  });

  it('ignores changes beside or below a remembered element', () => {
    const { byId } = tabs();
    const roots = new HiddenRoots();
    roots.remember(byId('a'));
    byId('pane-a').append(document.createElement('span'));
    expect(roots.takeRevealed(new Set([byId('b'), byId('pane-a'), byId('pane-a').firstElementChild!]))).toEqual([]);
    expect(roots.size).toBe(1);
  });

  it('keeps at most its bound, forgetting the oldest, and drops elements the page removed', () => {
    document.body.innerHTML = '<p></p>'.repeat(5);
    const [first, second, ...rest] = document.querySelectorAll('p');
    const roots = new HiddenRoots(3);
    for (const p of [first!, second!, ...rest]) roots.remember(p);
    expect(roots.size).toBe(3);
    expect(roots.takeRevealed(new Set([first!, second!]))).toEqual([]);
    rest[0]!.remove();
    expect(roots.takeRevealed(new Set([document.body]))).toEqual([rest[1], rest[2]]);
    expect(roots.size).toBe(0);
  });
});

describe('the overlay and hidden parts of a page', () => {
  it('reads a pane a class change on an ancestor shows, and nothing for unrelated changes', async () => {
    document.body.innerHTML =
      '<style>.closed .pane { display: none; }</style>' +
      '<div class="tabs closed"><div class="pane"><p>from analytics.marts.customers</p></div></div><p id="other">text</p>';
    const controller = new AbortController();
    const resolve = vi.fn(fakeAsk);
    const overlay = startOverlay({
      document, adapter: generic, resolve, signal: controller.signal,
      loadDetails: async () => ({ ok: false, error: { kind: 'unknownModel', message: 'not in this test' } }),
    });
    try {
      await overlay.idle();
      expect(document.querySelectorAll('docent-badge')).toHaveLength(0);
      document.getElementById('other')!.className = 'changed'; // not an ancestor of the pane
      await overlay.idle();
      expect(resolve).not.toHaveBeenCalled();
      document.querySelector('.tabs')!.classList.remove('closed');
      await overlay.idle();
      expect([...document.querySelectorAll<HTMLElement>('docent-badge')].map((b) => b.dataset.key)).toEqual([
        'analytics.marts.customers',
      ]);
    } finally {
      controller.abort();
    }
  });
});
