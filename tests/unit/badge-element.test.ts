import { describe, expect, it } from 'vitest';
import { createBadge } from '../../lib/overlay/badge-element';
import { fakeResolve } from '../fixtures/bi/generic/known-models';

const [customers] = fakeResolve(['analytics.marts.customers']);

describe('badge styles', () => {
  it('share one constructed style sheet across every badge of a document, with no <style> each', () => {
    const badges = Array.from({ length: 3 }, () => createBadge(document, customers!));
    const sheets = badges.map((badge) => badge.shadowRoot!.adoptedStyleSheets);
    for (const adopted of sheets) {
      expect(adopted).toHaveLength(1);
      expect(adopted[0]).toBe(sheets[0]![0]);
    }
    expect(badges.map((badge) => badge.shadowRoot!.querySelector('style'))).toEqual([null, null, null]);
    const css = [...sheets[0]![0]!.cssRules].map((rule) => rule.cssText).join('\n');
    expect(css).toMatch(/:host/);
  });

  it('fall back to a <style> in the shadow root where no style sheet can be constructed', () => {
    // A document without a window (as from createHTMLDocument) has no CSSStyleSheet to build with.
    const detached = document.implementation.createHTMLDocument('no window');
    const badge = createBadge(detached, customers!);
    expect(badge.shadowRoot!.adoptedStyleSheets).toHaveLength(0);
    expect(badge.shadowRoot!.querySelector('style')?.textContent).toMatch(/width: 16px;/);
  });
});
