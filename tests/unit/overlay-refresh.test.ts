/**
 * After a sync changed the index, open pages re-resolve the names they already found: badges
 * whose answer changed are replaced in place, the others stay the same elements, and the page is
 * not torn down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import generic from '../../lib/adapters/generic';
import { err, ok } from '../../lib/result';
import { startOverlay } from '../../lib/overlay/overlay';
import { fakeResolve } from '../fixtures/bi/generic/known-models';

let controller: AbortController;
afterEach(() => {
  controller?.abort();
  document.body.innerHTML = '';
});

const badges = () => [...document.querySelectorAll<HTMLElement>('docent-badge')];

function start(html: string) {
  document.body.innerHTML = html;
  controller = new AbortController();
  let verdict: 'healthy' | 'degraded' = 'healthy';
  let known = true;
  const asked: string[][] = [];
  const resolve = async (keys: string[]) => {
    asked.push(keys);
    return ok(fakeResolve(keys)
      .filter((m) => known || !m.key.endsWith('orders'))
      .map((m) => ({ ...m, candidates: m.candidates.map((c) => ({ ...c, verdict: { health: verdict, reasons: [] } })) })));
  };
  const overlay = startOverlay({
    document, adapter: generic, resolve, signal: controller.signal, batchDelayMs: 0, isTrusted: () => true,
    loadDetails: async () => ({ ok: false, error: { kind: 'unknownModel', message: 'none' } }),
  });
  return { overlay, asked, set: (next: { verdict?: 'healthy' | 'degraded'; known?: boolean }) => {
    verdict = next.verdict ?? verdict;
    known = next.known ?? known;
  } };
}

describe('refresh after the index changed', () => {
  it('updates a changed verdict in place and leaves unchanged badges alone', async () => {
    const { overlay, set, asked } = start('<p>Reads analytics.marts.customers and analytics.marts.orders.</p><p>analytics.marts.customers</p>');
    await overlay.idle();
    const before = badges();
    expect(before.map((b) => b.dataset.health)).toEqual(['healthy', 'healthy', 'healthy']);
    const text = document.body.textContent;

    set({ verdict: 'degraded' });
    await overlay.refresh();
    await overlay.idle();
    const after = badges();
    expect(after.map((b) => b.dataset.health)).toEqual(['degraded', 'degraded', 'degraded']);
    expect(document.body.textContent).toBe(text); // nothing split twice, nothing lost
    // Only the names already found were asked about again, in one go.
    expect(asked.at(-1)?.sort()).toEqual(['analytics.marts.customers', 'analytics.marts.orders']);

    asked.length = 0;
    await overlay.refresh();
    await overlay.idle();
    expect(badges()).toEqual(after); // the same elements: nothing changed, nothing replaced
  });

  it('removes the badge of a name that no longer names a model, and badges one that now does', async () => {
    const { overlay, set } = start('<p>analytics.marts.orders</p>');
    set({ known: false });
    await overlay.idle();
    expect(badges()).toHaveLength(0);
    set({ known: true });
    await overlay.refresh();
    await overlay.idle();
    expect(badges()).toHaveLength(1);
    set({ known: false });
    await overlay.refresh();
    await overlay.idle();
    expect(badges()).toHaveLength(0);
    expect(document.body.textContent).toBe('analytics.marts.orders');
  });
});

describe('refresh before Docent was set up', () => {
  it('badges a page whose names the background could not answer yet, once it can', async () => {
    document.body.innerHTML = '<p>analytics.marts.customers</p>';
    controller = new AbortController();
    let configured = false;
    const overlay = startOverlay({
      document, adapter: generic, signal: controller.signal, batchDelayMs: 0, isTrusted: () => true,
      resolve: async (keys) => {
        if (!configured) return err({ kind: 'notConfigured' as const, message: 'Docent is not set up yet' });
        return ok(fakeResolve(keys));
      },
      loadDetails: async () => ({ ok: false, error: { kind: 'unknownModel', message: 'none' } }),
    });
    await overlay.idle();
    expect(badges()).toHaveLength(0);
    configured = true;
    await overlay.refresh();
    await overlay.idle();
    expect(badges()).toHaveLength(1);
  });
});
