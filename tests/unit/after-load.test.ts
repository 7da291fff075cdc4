/**
 * The content script's injection after a BI page's load (lib/background/after-load.ts): which
 * pages wake the background (URL filters equal to the manifest's host patterns) and which frames
 * get the script.
 */
import { describe, expect, it } from 'vitest';
import { framesToInject, injectAfterLoad, runningInThisWorld, urlFiltersOf, type FrameInfo, type UrlFilter } from '../../lib/background/after-load';
import { RUNNING_KEY } from '../../lib/messaging';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';

/** How webNavigation applies a URL filter list: any filter whose every field holds. */
function matches(filters: UrlFilter[], url: string): boolean {
  const { protocol, hostname } = new URL(url);
  const scheme = protocol.slice(0, -1);
  return filters.some(
    (f) =>
      (!f.schemes || f.schemes.includes(scheme)) &&
      (f.hostEquals === undefined || hostname === f.hostEquals) &&
      (f.hostSuffix === undefined || hostname.endsWith(f.hostSuffix)),
  );
}

describe('urlFiltersOf', () => {
  const filters = urlFiltersOf(BI_HOST_PATTERNS);

  it('wakes the background on every BI host the manifest names, and on nothing else', () => {
    for (const url of [
      'https://app.mode.com/acme/reports/4e2f9a7c1b3d',
      'https://acme.cloud.looker.com/dashboards/12',
      'https://looker.com/',
      'https://acme.looker.com/looks/3',
      'https://app.powerbi.com/groups/me/reports/1/ReportSection',
      'https://acme.metabaseapp.com/dashboard/1',
      'https://us-east-1.online.tableau.com/#/site/acme/views/Orders/Sheet1',
      'https://app.hex.tech/acme/app/1',
    ]) {
      expect(matches(filters, url), url).toBe(true);
    }
    for (const url of [
      'https://mode.com/',
      'https://app.mode.com.evil.example/',
      'http://app.mode.com/',
      'https://notlooker.com/',
      'https://example.com/?next=https://app.mode.com/',
      'https://powerbi.com/',
    ]) {
      expect(matches(filters, url), url).toBe(false);
    }
  });

  it('turns a wildcard host into the domain and its subdomains, and refuses what it cannot turn', () => {
    expect(urlFiltersOf(['https://*.lightdash.cloud/*'])).toEqual([
      { schemes: ['https'], hostEquals: 'lightdash.cloud' },
      { schemes: ['https'], hostSuffix: '.lightdash.cloud' },
    ]);
    expect(urlFiltersOf(['*://bi.acme.com/*'])).toEqual([{ schemes: ['http', 'https'], hostEquals: 'bi.acme.com' }]);
    expect(() => urlFiltersOf(['https://app.mode.com/reports/*'])).toThrow(/URL filter/);
    expect(() => urlFiltersOf(['<all_urls>'])).toThrow(/URL filter/);
  });
});

describe('framesToInject', () => {
  // A top frame (0) with a same-host report frame (1) holding a srcdoc frame (3), a srcdoc frame
  // of its own (2) holding an about:blank one (4), and a frame of another site (5) holding one (6).
  const frames: FrameInfo[] = [
    { frameId: 0, parentFrameId: -1, url: 'https://app.mode.com/acme/reports/1' },
    { frameId: 1, parentFrameId: 0, url: 'https://app.mode.com/embed/1' },
    { frameId: 2, parentFrameId: 0, url: 'about:srcdoc' },
    { frameId: 3, parentFrameId: 1, url: 'about:srcdoc' },
    { frameId: 4, parentFrameId: 2, url: 'about:blank' },
    { frameId: 5, parentFrameId: 0, url: 'https://maps.example/embed' },
    { frameId: 6, parentFrameId: 5, url: 'about:blank' },
  ];

  it('is the loaded frame and the written frames under it, through written frames only', () => {
    expect(framesToInject(frames, 0).sort()).toEqual([0, 2, 4]);
    expect(framesToInject(frames, 1).sort()).toEqual([1, 3]);
  });

  it('is the frame alone when the tab lists none (it went away, or the listing failed)', () => {
    expect(framesToInject([], 7)).toEqual([7]);
  });
});

describe('injectAfterLoad', () => {
  it('injects frame by frame, so a frame that refuses costs only itself', async () => {
    const injected: number[] = [];
    await injectAfterLoad(
      {
        getAllFrames: async () => [
          { frameId: 0, parentFrameId: -1, url: 'https://app.mode.com/r/1' },
          { frameId: 2, parentFrameId: 0, url: 'about:srcdoc' },
          { frameId: 3, parentFrameId: 0, url: 'about:blank' },
        ],
        isRunning: async () => false,
        executeScript: async (_tab, [frameId]) => {
          if (frameId === 2) throw new Error('Frame with ID 2 was removed.');
          injected.push(frameId!);
        },
      },
      7,
      0,
    );
    expect(injected.sort()).toEqual([0, 3]);
  });

  it('still injects the loaded frame when the frame listing fails', async () => {
    const injected: number[] = [];
    await injectAfterLoad(
      { getAllFrames: async () => { throw new Error('No tab with id: 7'); }, isRunning: async () => false, executeScript: async (_tab, ids) => void injected.push(...ids) },
      7,
      4,
    );
    expect(injected).toEqual([4]);
  });
});

describe('a frame that runs Docent already', () => {
  it('is left alone: only the frames that do not run it get the script', async () => {
    const injected: number[] = [];
    await injectAfterLoad(
      {
        getAllFrames: async () => [
          { frameId: 0, parentFrameId: -1, url: 'https://app.mode.com/r/1' },
          { frameId: 2, parentFrameId: 0, url: 'about:srcdoc' },
          { frameId: 3, parentFrameId: 0, url: 'about:srcdoc' },
        ],
        isRunning: async (_tab, frameId) => frameId !== 3,
        executeScript: async (_tab, ids) => void injected.push(...ids),
      },
      7,
      0,
    );
    expect(injected).toEqual([3]);
  });

  it('is told by its world: the key the content script sets, and a run that is still alive', () => {
    const world = globalThis as Record<string, unknown>;
    try {
      expect(runningInThisWorld()).toBe(false);
      world[RUNNING_KEY] = () => true;
      expect(runningInThisWorld()).toBe(true);
      // The run of an extension that was reloaded or updated is over: a new copy may come in.
      world[RUNNING_KEY] = () => false;
      expect(runningInThisWorld()).toBe(false);
    } finally {
      delete world[RUNNING_KEY];
    }
  });
});
