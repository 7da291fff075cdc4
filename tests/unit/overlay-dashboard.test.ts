/**
 * The dashboard stage: models a dashboard reads without writing them out (the tool's API, dbt
 * exposures) get badges in their tiles' titles, and the `<docent-summary>` pill in the header lists
 * every model behind the page with the worst verdict. The page follows Metabase's dashboard markup
 * (data-testid="dashboard-header", dashcards keyed by data-dashcard-key, legend-caption-title).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import generic from '../../lib/adapters/generic';
import type { HealthVerdict } from '../../lib/catalog/types';
import type { MatchCandidate } from '../../lib/messaging';
import { keyOfTable, type ApiTables, type DashboardPlugs, type PageExposure } from '../../lib/overlay/dashboard';
import { startOverlay } from '../../lib/overlay/overlay';
import { summaryHealth } from '../../lib/overlay/summary-element';
import { err, ok } from '../../lib/result';
import { fakeAsk, fakeResolve } from '../fixtures/bi/generic/known-models';
import { createCard } from '../../lib/overlay/card';
import { CARD_FACTORY_KEY } from '../../lib/overlay/lazy-card';

// The doc card's code as if already loaded in this tab (its first load: overlay-lazy-card.test.ts).
(globalThis as Record<string, unknown>)[CARD_FACTORY_KEY] = createCard;

const DASHBOARD = `
  <main>
    <header data-testid="dashboard-header"><h2>Weekly orders</h2></header>
    <div data-testid="dashcard" data-dashcard-key="11">
      <div data-testid="legend-caption-title">Revenue by week</div><svg></svg>
    </div>
    <div data-testid="dashcard" data-dashcard-key="12">
      <div data-testid="legend-caption-title">New customers</div><svg></svg>
    </div>
  </main>`;

const plugs = (api: ApiTables | null, isDashboard = true): DashboardPlugs => ({
  isDashboard,
  header: (document) => document.querySelector('[data-testid="dashboard-header"]'),
  tiles: (document) =>
    [...document.querySelectorAll('[data-dashcard-key]')].map((element) => ({
      key: element.getAttribute('data-dashcard-key')!,
      title: element.querySelector('[data-testid="legend-caption-title"]')!,
      element,
    })),
  api: async () => api,
});

let controller: AbortController;
afterEach(() => {
  controller?.abort();
  document.body.innerHTML = '';
});

function start(html: string, dashboard: DashboardPlugs | null, exposures?: PageExposure[]) {
  document.body.innerHTML = html;
  controller = new AbortController();
  return startOverlay({
    document,
    adapter: generic,
    resolve: fakeAsk,
    loadDetails: async () => err({ kind: 'unknownModel', message: 'not in this test' }),
    signal: controller.signal,
    dashboard,
    exposures: exposures && (async () => ok(exposures)),
    isTrusted: () => true,
  });
}

const pill = () => document.querySelector<HTMLElement>('docent-summary');
const candidate = (key: string): MatchCandidate => fakeResolve([key])[0]!.candidates[0]!;

describe('models only the API names', () => {
  it('get a badge at the end of the title of the tile that reads them', async () => {
    const overlay = start(DASHBOARD, plugs({ tables: [], tiles: [
      { tileKey: '11', tables: ['analytics.marts.orders'] },
      { tileKey: '12', tables: ['marts.customers', 'analytics.raw.not_in_dbt'] },
    ] }));
    await overlay.idle();
    const titleBadges = (key: string) =>
      [...document.querySelectorAll(`[data-dashcard-key="${key}"] [data-testid="legend-caption-title"] docent-badge`)];
    expect(titleBadges('11').map((b) => [b.getAttribute('data-unique-id'), b.getAttribute('data-health')])).toEqual([
      ['model.jaffle_shop.orders', 'degraded'],
    ]);
    expect(titleBadges('12').map((b) => b.getAttribute('aria-label'))).toEqual(['customers: healthy']);
    // Never a floating layer on <body>.
    expect(document.querySelectorAll('body > docent-badge, html > docent-badge')).toHaveLength(0);
  });

  it('waits for a tile that renders after the API answered (a lazy dashcard)', async () => {
    const overlay = start('<header data-testid="dashboard-header"></header>', plugs({ tables: [], tiles: [{ tileKey: '11', tables: ['analytics.marts.orders'] }] }));
    await overlay.idle();
    expect(document.querySelectorAll('docent-badge')).toHaveLength(0);
    document.body.insertAdjacentHTML('beforeend', DASHBOARD);
    await vi.waitFor(() => expect(document.querySelectorAll('[data-dashcard-key="11"] docent-badge')).toHaveLength(1));
  });

  it('get no second badge in a tile that writes the name out itself', async () => {
    const html = DASHBOARD.replace('<svg></svg>', '<pre>select * from analytics.marts.orders</pre>');
    const overlay = start(html, plugs({ tables: [], tiles: [{ tileKey: '11', tables: ['analytics.marts.orders'] }] }));
    await overlay.idle();
    expect(document.querySelectorAll('[data-dashcard-key="11"] docent-badge')).toHaveLength(1);
    expect(document.querySelector('[data-testid="legend-caption-title"] docent-badge')).toBeNull();
  });
});

describe('the summary pill', () => {
  it('sits in the header and lists every model behind the dashboard with the worst verdict', async () => {
    const overlay = start(DASHBOARD, plugs({ tables: ['analytics.marts.customers'], tiles: [{ tileKey: '11', tables: ['analytics.marts.orders'] }] }));
    await overlay.idle();
    const summary = pill()!;
    expect(summary.parentElement?.getAttribute('data-testid')).toBe('dashboard-header');
    expect(summary.shadowRoot).not.toBeNull();
    expect(summary.getAttribute('data-unique-ids')!.split(' ').sort()).toEqual(['model.jaffle_shop.customers', 'model.jaffle_shop.orders']);
    expect(summary.getAttribute('data-health')).toBe('degraded');
    // The popup's list is the same models.
    expect(overlay.listMatches().map((match) => match.uniqueId)).toEqual(['model.jaffle_shop.customers', 'model.jaffle_shop.orders']);
  });

  it('expands to the list, and an entry chosen from the keyboard opens its doc card with focus in it', async () => {
    const overlay = start(DASHBOARD, plugs({ tables: ['analytics.marts.customers'], tiles: [] }));
    await overlay.idle();
    const root = pill()!.shadowRoot!;
    const toggle = root.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
    expect(toggle.getAttribute('aria-label')).toBe('1 dbt model behind this dashboard: healthy');
    expect(root.querySelector('ul')!.hidden).toBe(true);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('ul')!.hidden).toBe(false);
    const entry = root.querySelector<HTMLButtonElement>('[data-unique-id="model.jaffle_shop.customers"]')!;
    expect(entry.getAttribute('aria-label')).toBe('customers: healthy');
    entry.focus();
    entry.click(); // Enter or Space on a button: a click with detail 0
    const card = document.documentElement.querySelector<HTMLElement>(':scope > docent-card')!;
    expect(card.hidden).toBe(false);
    expect(entry.getAttribute('aria-expanded')).toBe('true');
    expect(card.shadowRoot!.textContent).toContain('customers');
    expect(card.shadowRoot!.activeElement).not.toBeNull();
  });

  it('follows badges that come and go on the page', async () => {
    const overlay = start(DASHBOARD, plugs({ tables: [], tiles: [] }));
    await overlay.idle();
    expect(pill()!.getAttribute('data-unique-ids')).toBe('');
    expect(pill()!.getAttribute('data-health')).toBe('unknown');
    document.querySelector('[data-dashcard-key="12"]')!.insertAdjacentHTML('beforeend', '<p>from analytics.marts.orders</p>');
    await vi.waitFor(() => expect(pill()!.getAttribute('data-unique-ids')).toBe('model.jaffle_shop.orders'));
    expect(pill()!.getAttribute('data-health')).toBe('degraded');
  });

  it('is never shown outside a dashboard, nor floating when the header has not rendered', async () => {
    let overlay = start(DASHBOARD, plugs({ tables: ['analytics.marts.orders'], tiles: [] }, false));
    await overlay.idle();
    expect(pill()).toBeNull();
    controller.abort();
    overlay = start('<main></main>', plugs({ tables: ['analytics.marts.orders'], tiles: [] }));
    await overlay.idle();
    expect(pill()).toBeNull();
  });

  it('on a canvas tool, comes from the exposure and carries its verdict', async () => {
    const failed: HealthVerdict = { health: 'degraded', reasons: [{ health: 'degraded', text: 'orders failed to build' }] };
    const exposure: PageExposure = {
      uniqueId: 'exposure.jaffle_shop.weekly_orders',
      name: 'weekly_orders',
      parents: [candidate('analytics.marts.customers')],
      verdict: failed,
    };
    const canvas = { ...plugs(null, false), header: (d: Document) => d.querySelector('header') };
    const overlay = start('<header></header><canvas></canvas>', canvas, [exposure]);
    await overlay.idle();
    expect(pill()!.getAttribute('data-unique-ids')).toBe('model.jaffle_shop.customers');
    expect(pill()!.getAttribute('data-health')).toBe('degraded');
  });

  it('leaves the page with the run: pill, tile badges and card', async () => {
    const overlay = start(DASHBOARD, plugs({ tables: [], tiles: [{ tileKey: '11', tables: ['analytics.marts.orders'] }] }));
    await overlay.idle();
    controller.abort();
    expect(pill()).toBeNull();
    expect(document.querySelectorAll('docent-badge')).toHaveLength(0);
    expect(document.querySelector('[data-testid="legend-caption-title"]')!.textContent).toBe('Revenue by week');
  });
});

describe('the verdict of the pill', () => {
  const withHealth = (key: string, health: HealthVerdict['health']): MatchCandidate => ({
    ...candidate(key),
    verdict: { health, reasons: [] },
  });

  it('takes the exposure verdict for the models dbt declares, and the worst with any other model', () => {
    const customers = withHealth('analytics.marts.customers', 'caution'); // e.g. no description
    const orders = withHealth('analytics.marts.orders', 'healthy');
    const exposure = { health: 'healthy' as const, parentIds: [customers.uniqueId] };
    expect(summaryHealth([customers], [exposure])).toBe('healthy');
    expect(summaryHealth([customers, withHealth('analytics.marts.orders', 'degraded')], [exposure])).toBe('degraded');
    expect(summaryHealth([customers, orders], [])).toBe('caution');
    expect(summaryHealth([], [])).toBe('unknown');
  });
});

it('keys an API table name the way the index does, BigQuery project ids included', () => {
  expect(keyOfTable('ANALYTICS."Marts".orders')).toBe('analytics.marts.orders');
  expect(keyOfTable('my-proj-123.analytics.orders')).toBe('my-proj-123.analytics.orders');
  expect(keyOfTable('orders')).toBe('orders');
  expect(keyOfTable('not a table')).toBeNull();
});
