/**
 * The Metabase adapter plugged into the overlay through its defined points only (page kind,
 * header, tiles, API): a dashboard whose cards hide their tables gets tile badges and the pill.
 * The API answers follow Metabase's `/api/dashboard/:id` and `/api/table/:id` shapes.
 */
import { afterEach, expect, it, vi } from 'vitest';
import metabase from '../../lib/adapters/metabase';
import generic from '../../lib/adapters/generic';
import { dashboardPlugsOf } from '../../lib/overlay/dashboard-plugs';
import { startOverlay } from '../../lib/overlay/overlay';
import { err } from '../../lib/result';
import { fakeAsk } from '../fixtures/bi/generic/known-models';

const URL_OF_PAGE = 'https://acme.metabaseapp.com/dashboard/7-weekly-orders';

const ANSWERS: Record<string, unknown> = {
  '/api/dashboard/7': {
    id: 7,
    name: 'Weekly orders',
    dashcards: [
      { id: 41, card: { id: 12, dataset_query: { type: 'native', database: 2, native: { query: 'select week, sum(amount) from analytics.marts.orders group by 1' } } }, series: [] },
      { id: 42, card: { id: 13, dataset_query: { type: 'query', database: 2, query: { 'source-table': 88 } } }, series: [] },
    ],
  },
  '/api/table/88': { id: 88, schema: 'marts', name: 'customers', display_name: 'Customers' },
};

const fetchFake = vi.fn(async (input: RequestInfo | URL) => {
  const path = new URL(String(input)).pathname;
  const body = ANSWERS[path];
  return new Response(body === undefined ? 'not found' : JSON.stringify(body), { status: body === undefined ? 404 : 200 });
});

let controller: AbortController;
afterEach(() => {
  controller?.abort();
  document.body.innerHTML = '';
});

it('a Metabase dashboard: badges in the cards that read a model, and the pill in its header', async () => {
  document.body.innerHTML = `
    <div data-testid="dashboard-header"><h2>Weekly orders</h2></div>
    <div data-testid="dashcard" data-dashcard-key="41"><div data-testid="legend-caption-title">Revenue</div></div>
    <div data-testid="dashcard" data-dashcard-key="42"><div data-testid="legend-caption-title">Customers</div></div>`;
  controller = new AbortController();
  const overlay = startOverlay({
    document,
    adapter: metabase,
    resolve: fakeAsk,
    loadDetails: async () => err({ kind: 'unknownModel', message: '' }),
    dashboard: dashboardPlugsOf(metabase, { url: URL_OF_PAGE, fetch: fetchFake as typeof fetch }),
    signal: controller.signal,
  });
  await overlay.idle();
  const inCard = (key: string) => document.querySelector(`[data-dashcard-key="${key}"] [data-testid="legend-caption-title"] docent-badge`);
  expect(inCard('41')?.getAttribute('data-unique-id')).toBe('model.jaffle_shop.orders');
  // `marts.customers` (schema and name from /api/table/88) names one model.
  expect(inCard('42')?.getAttribute('data-unique-id')).toBe('model.jaffle_shop.customers');
  const pill = document.querySelector('[data-testid="dashboard-header"] > docent-summary')!;
  expect(pill.getAttribute('data-health')).toBe('degraded');
  expect(fetchFake.mock.calls.every(([input]) => new URL(String(input)).origin === 'https://acme.metabaseapp.com')).toBe(true);
});

it('gives no dashboard plug-in points a meaning where the adapter has none', () => {
  const plugs = dashboardPlugsOf(generic, { url: 'https://app.mode.com/acme/reports/1', fetch: fetchFake as typeof fetch });
  expect(plugs?.isDashboard).toBe(false);
  expect(plugs?.api).toBeUndefined();
});
