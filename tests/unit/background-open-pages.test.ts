/**
 * The index changed: every page with Docent's content script hears it, including a BI host's
 * frame embedded in another site (the content script runs in every frame of a BI host).
 */
import { describe, expect, it, vi } from 'vitest';
import { tellOpenPages, type TabsApi } from '../../lib/background/open-pages';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { MatchPattern } from 'wxt/utils/match-patterns';

describe('tellOpenPages', () => {
  const tabs = [
    { id: 1, url: 'https://acme.metabaseapp.com/dashboard/7' },
    // An intranet portal whose frame is a Metabase dashboard: the frame runs the content script.
    { id: 2, url: 'https://intranet.acme.com/finance' },
    { id: 3, url: 'chrome://newtab/' },
  ];

  it('tells every tab, so a BI frame embedded in a page of another host re-resolves its badges', async () => {
    expect(BI_HOST_PATTERNS.some((pattern) => new MatchPattern(pattern).includes(tabs[1]!.url))).toBe(false);
    const sendMessage = vi.fn(async (id: number) => {
      if (id === 3) throw new Error('Could not establish connection. Receiving end does not exist.');
      return undefined;
    });
    // As the browser answers: a `url` filter matches each tab's own (top) URL.
    const query = async (filter: { url?: string[] }) => tabs.filter((tab) => !filter.url || filter.url.some((p) => new MatchPattern(p).includes(tab.url)));
    const api: TabsApi = { query, sendMessage };
    await tellOpenPages(api, { type: 'indexUpdated' });
    expect(sendMessage.mock.calls.map(([id]) => id).sort()).toEqual([1, 2, 3]);
    expect(sendMessage).toHaveBeenCalledWith(2, { type: 'indexUpdated' });
  });

  it('gives up quietly when the tabs cannot be listed', async () => {
    const api: TabsApi = { query: async () => Promise.reject(new Error('no tabs')), sendMessage: vi.fn() };
    await expect(tellOpenPages(api, { type: 'indexUpdated' })).resolves.toBeUndefined();
    expect(api.sendMessage).not.toHaveBeenCalled();
  });
});
