/**
 * Which adapter the content script runs on a page. A SaaS page is known from its URL; a
 * self-hosted host (a `biHosts` entry the background registered the script on) is known only to
 * the background, which the content script asks (`biHostTool`) once per page. A host whose tool
 * is disabled gets no overlay at all.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { adapterForPage } from '../../lib/adapters';
import { toolOfHost } from '../../lib/background/bi-host-scripts';
import type { BackgroundMessage } from '../../lib/messaging';
import { err, ok } from '../../lib/result';
import contentScript from '../../entrypoints/bi.content/index';
import { demoResolve } from '../fixtures/bi/demo-index';

const REDASH = join(process.cwd(), 'tests/fixtures/bi/redash');
const DASHBOARD_URL = 'https://redash.acme.com/dashboards/3-weekly-orders';

describe('adapterForPage', () => {
  const allOn = async () => true;

  it('knows a SaaS page from its URL, asking the background only whether its tool is on', async () => {
    const ask = vi.fn(async () => 'redash');
    const enabled = vi.fn(async () => true);
    expect((await adapterForPage('https://acme.metabaseapp.com/dashboard/7-weekly-orders', ask, enabled))?.id).toBe('metabase');
    expect(ask).not.toHaveBeenCalled();
    expect(enabled).toHaveBeenCalledWith('metabase');
  });

  it('stays off a SaaS page whose tool the administrator turned off (disabledTools)', async () => {
    const enabled = vi.fn(async (tool: string) => tool !== 'hex');
    expect(await adapterForPage('https://app.hex.tech/acme/app/weekly-orders', async () => null, enabled)).toBeNull();
    expect(enabled).toHaveBeenCalledWith('hex');
  });

  it('asks the background which tool a self-hosted host runs, and uses that adapter', async () => {
    const ask = vi.fn(async (host: string) => (host === 'redash.acme.com' ? 'redash' : null));
    expect((await adapterForPage(DASHBOARD_URL, ask, allOn))?.id).toBe('redash');
    expect(ask).toHaveBeenCalledWith('redash.acme.com');
  });

  it('runs nothing on a host the background names no tool for (removed, or its tool disabled)', async () => {
    expect(await adapterForPage(DASHBOARD_URL, async () => null, allOn)).toBeNull();
  });
});

describe('toolOfHost (the background\'s biHostTool answer)', () => {
  const hosts = [
    { host: 'redash.acme.com', tool: 'redash' as const },
    { host: 'bi.acme.com', tool: 'metabase' as const },
  ];
  it('names the tool of a listed host, whatever the case of the host asked about', () => {
    expect(toolOfHost(hosts, [], 'Redash.Acme.com')).toBe('redash');
    expect(toolOfHost(hosts, [], 'other.acme.com')).toBeNull();
  });
  it('names no tool for a host whose tool is in disabledTools', () => {
    expect(toolOfHost(hosts, ['redash'], 'redash.acme.com')).toBeNull();
    expect(toolOfHost(hosts, ['redash'], 'bi.acme.com')).toBe('metabase');
  });
});

describe('the content script on a self-hosted Redash', () => {
  const api = JSON.parse(readFileSync(join(REDASH, 'api.json'), 'utf8')) as { responses: Record<string, unknown> };
  let ctx: ContentScriptContext;
  let asked: BackgroundMessage[];
  let fetched: string[];

  beforeEach(() => {
    fakeBrowser.reset();
    // happy-dom's own handle on the window: the page's URL without a navigation.
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(DASHBOARD_URL);
    const html = readFileSync(join(REDASH, 'dashboard.html'), 'utf8');
    document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
    asked = [];
    fetched = [];
    vi.spyOn(window, 'fetch').mockImplementation(async (input) => {
      const path = new URL(String(input), DASHBOARD_URL).pathname;
      fetched.push(path);
      const body = api.responses[path];
      return new Response(body ? JSON.stringify(body) : 'not found', { status: body ? 200 : 404, headers: { 'content-type': 'application/json' } });
    });
    ctx = new ContentScriptContext('bi');
  });

  afterEach(() => {
    ctx.abort();
    vi.restoreAllMocks();
    document.documentElement.innerHTML = '<head></head><body></body>';
  });

  function backgroundSays(tool: string | null) {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: BackgroundMessage) => {
      asked.push(message);
      if (message.type === 'biHostTool') return ok(tool);
      if (message.type === 'resolve') return ok(demoResolve(message.keys));
      if (message.type === 'pageExposures') return ok([]);
      return ok(null);
    }) as never);
  }

  const tileBadges = () =>
    [...document.querySelectorAll('.dashboard-widget-wrapper[data-widgetid] .th-title docent-badge')].map(
      (badge) => `${badge.closest('[data-widgetid]')!.getAttribute('data-widgetid')}:${badge.getAttribute('data-unique-id')}`,
    );

  it('asks the background for the host\'s tool and reads the Redash API into the widgets\' titles', async () => {
    backgroundSays('redash');
    await contentScript.main(ctx);
    // Only the Redash adapter knows these: the widgets' SQL is in /api/dashboards/3, not on the page.
    const fromApi = ['301:model.demo_shop.customers', '301:model.demo_shop.orders', '302:model.demo_shop.fct_chargebacks'];
    await vi.waitFor(() => expect(tileBadges()).toEqual(expect.arrayContaining(fromApi)), { timeout: 8_000 });
    expect(asked.filter((m) => m.type === 'biHostTool')).toEqual([{ type: 'biHostTool', host: 'redash.acme.com' }]);
    expect(fetched).toContain('/api/dashboards/3');
  }, 15_000);

  it('asks again on the next navigation when the background could not answer the first time', async () => {
    let answers = 0;
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: BackgroundMessage) => {
      asked.push(message);
      if (message.type === 'biHostTool') {
        return ++answers === 1 ? err({ kind: 'backgroundUnavailable', message: 'the worker was restarting' }) : ok('redash');
      }
      if (message.type === 'resolve') return ok(demoResolve(message.keys));
      if (message.type === 'pageExposures') return ok([]);
      return ok(null);
    }) as never);
    await contentScript.main(ctx);
    await vi.waitFor(() => expect(asked.filter((m) => m.type === 'biHostTool')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetched).toEqual([]);
    // A single-page navigation (a filter in the URL), seen by WXT's location watcher.
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${DASHBOARD_URL}?p_week=2026-11-23`);
    await vi.waitFor(() => expect(asked.filter((m) => m.type === 'biHostTool')).toHaveLength(2), { timeout: 5_000 });
    await vi.waitFor(() => expect(fetched).toContain('/api/dashboards/3'), { timeout: 8_000 });
  }, 15_000);

  it('stays off the page when the background names no tool (the tool is disabled)', async () => {
    backgroundSays(null);
    await contentScript.main(ctx);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(asked.map((m) => m.type)).toEqual(['biHostTool']);
    expect(fetched).toEqual([]);
    expect(document.querySelectorAll('docent-badge, docent-summary')).toHaveLength(0);
  });
});
