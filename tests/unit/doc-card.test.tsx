// @vitest-environment jsdom
// jsdom, not happy-dom: the card's description goes through DOMPurify, which is unsafe and mangles
// output on happy-dom (cure53/DOMPurify#1457); jsdom renders what Chromium would.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { DocCard, type DocCardProps } from '../../components/DocCard';
import { computeHealth } from '../../lib/catalog/health';
import { formatAbsolute } from '../../lib/format/time';
import { markdownToHtml } from '../../lib/format/markdown';
import type { ModelDetails, ModelSummary } from '../../lib/catalog/types';
import type { DetailsAnswer, MatchCandidate } from '../../lib/messaging';

const now = new Date('2026-11-28T12:00:00Z');

// `orders` from the Snowflake jaffle-shop manifest and catalog (../shared/fixtures/dbt-artifacts):
// its real tests, columns, types and upstream sources; the failing outcomes are ours (the artifacts
// have none, see their README).
const ordersSummary: ModelSummary = {
  uniqueId: 'model.jaffle_shop.orders',
  parentIds: [],
  resourceType: 'model',
  name: 'orders',
  database: 'shaman',
  schema: 'dummy',
  alias: 'orders',
  projectId: '70403103932498',
  hasDescription: true,
  lastRunStatus: 'success',
  lastRunAt: '2026-11-28T09:00:00Z',
  lastSuccessAt: '2026-11-28T09:00:00Z',
  lastRunId: '70403197219211',
  lastSuccessRunId: '70403197219211',
  tests: [
    { uniqueId: 'test.jaffle_shop.not_null_orders_order_id.cf6c17daed', name: 'not_null_orders_order_id', status: 'pass', columnName: 'order_id', failures: null },
    { uniqueId: 'test.jaffle_shop.unique_orders_order_id.fed79b3a6e', name: 'unique_orders_order_id', status: 'fail', columnName: 'order_id', failures: 2 },
    {
      uniqueId: 'test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_stg_customers_.918495ce16',
      name: 'relationships_orders_customer_id__customer_id__ref_stg_customers_',
      status: 'warn',
      columnName: 'customer_id',
      failures: 4,
    },
    {
      uniqueId: 'test.jaffle_shop.dbt_utils_expression_is_true_orders_order_items_subtotal_subtotal.b1416e07ec',
      name: 'dbt_utils_expression_is_true_orders_order_items_subtotal_subtotal',
      status: 'pass',
      columnName: null,
      failures: null,
    },
    {
      uniqueId: 'test.jaffle_shop.dbt_utils_expression_is_true_orders_order_total_subtotal_tax_paid.2aba85df92',
      name: 'dbt_utils_expression_is_true_orders_order_total_subtotal_tax_paid',
      status: 'error',
      columnName: null,
      failures: null,
    },
  ],
  upstreamSources: [
    { uniqueId: 'source.jaffle_shop.ecom.raw_orders', name: 'ecom.raw_orders', status: 'error', configured: true, maxLoadedAt: '2026-11-25T12:00:00Z', checkedAt: '2026-11-28T11:30:00Z' },
    { uniqueId: 'source.jaffle_shop.ecom.raw_stores', name: 'ecom.raw_stores', status: 'pass', configured: true, maxLoadedAt: '2026-11-28T11:00:00Z', checkedAt: '2026-11-28T11:30:00Z' },
    { uniqueId: 'source.jaffle_shop.ecom.raw_items', name: 'ecom.raw_items', status: null, configured: false, maxLoadedAt: null, checkedAt: null },
  ],
};

const ordersColumnDocs = [
  { name: 'order_id', type: 'TEXT', description: 'The unique key of the orders mart.' },
  { name: 'customer_id', type: 'TEXT', description: 'The foreign key relating to the customer who placed the order.' },
  { name: 'location_id', type: 'TEXT', description: 'The foreign key relating to the location where the order was placed.' },
  { name: 'order_total', type: 'NUMBER', description: 'The total amount of the order in USD including tax.' },
  { name: 'ordered_at', type: 'TIMESTAMP_NTZ', description: 'The timestamp the order was placed at.' },
  { name: 'subtotal_cents', type: 'NUMBER', description: 'The pre-tax subtotal of the order in cents.' },
  { name: 'tax_paid_cents', type: 'NUMBER', description: 'The tax portion of the order in cents.' },
  { name: 'order_total_cents', type: 'NUMBER', description: 'The total amount of the order in cents including tax.' },
  { name: 'subtotal', type: 'NUMBER', description: 'The pre-tax subtotal of the order in USD.' },
  { name: 'tax_paid', type: 'NUMBER', description: 'The tax portion of the order in USD.' },
  { name: 'order_cost', type: 'NUMBER', description: 'The sum of supply expenses to fulfill the order.' },
  { name: 'order_items_subtotal', type: 'NUMBER', description: 'The sum of product prices for all items in the order.' },
  { name: 'count_order_items', type: 'NUMBER', description: 'The number of items in the order.' },
  { name: 'count_food_items', type: 'NUMBER', description: 'The number of food items in the order.' },
  { name: 'count_drink_items', type: 'NUMBER', description: 'The number of drink items in the order.' },
  { name: 'is_food_order', type: 'BOOLEAN', description: 'A boolean indicating if this order included any food items.' },
  { name: 'is_drink_order', type: 'BOOLEAN', description: 'A boolean indicating if this order included any drink items.' },
  { name: 'customer_order_number', type: 'NUMBER', description: 'The sequential order number for this customer (1 = first order).' },
];
// The background renders each column's Markdown (lib/discovery/map.ts does it for real answers).
const ordersColumns: ModelDetails['columns'] = ordersColumnDocs.map((c) => ({ ...c, descriptionHtml: markdownToHtml(c.description) }));

const explorerUrl =
  'https://cloud.getdbt.com/explore/70403103936020/projects/70403103932498/environments/70403103985022/details/model.jaffle_shop.orders';
const runUrl = 'https://cloud.getdbt.com/deploy/70403103936020/projects/70403103932498/runs/70403197219211';

function detailsFor(summary: ModelSummary, extra: Partial<ModelDetails> = {}): DetailsAnswer {
  const details: ModelDetails = {
    summary,
    descriptionHtml: null,
    description:
      "Order overview data mart, offering key details for each order inlcluding if it's a customer's first order " +
      'and a food vs. drink item breakdown. **One row per order.**',
    columns: ordersColumns,
    lastRunError: null,
    explorerUrl,
    lastSuccessRunUrl: runUrl,
    ...extra,
  };
  details.descriptionHtml = markdownToHtml(details.description);
  // As the background answers: the card's verdict carries the details' error lines.
  const particulars = { lastRunError: details.lastRunError, testErrors: details.testErrors };
  return { details, verdict: computeHealth(summary, { now, staleAfterHours: null, locale: 'en' }, particulars) };
}

function candidateFor(summary: ModelSummary, relation = 'shaman.dummy.orders'): MatchCandidate {
  return {
    uniqueId: summary.uniqueId,
    name: summary.name,
    resourceType: summary.resourceType,
    relation,
    verdict: computeHealth(summary, { now, staleAfterHours: null, locale: 'en' }),
  };
}

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

function show(props: Partial<DocCardProps>): HTMLElement {
  const candidates = props.candidates ?? [candidateFor(ordersSummary)];
  act(() => {
    render(<DocCard candidates={candidates} details={null} error={null} loading={false} now={now} {...props} />, container);
  });
  return container.querySelector<HTMLElement>('[role="dialog"]')!;
}

const section = (card: HTMLElement, name: string) => card.querySelector<HTMLElement>(`section[aria-label="${name}"]`);
/** Text as a screen reader gets it: the aria-hidden health glyphs left out. */
const texts = (root: Element, selector: string) =>
  [...root.querySelectorAll(selector)].map((el) => {
    const copy = el.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
    return copy.textContent!.replace(/\s+/g, ' ').trim();
  });

describe('DocCard with details', () => {
  it('is a dialog named after the model, with a close button that closes it', () => {
    const onClose = vi.fn();
    const card = show({ details: detailsFor(ordersSummary), onClose });
    expect(card.getAttribute('aria-label')).toBe('orders — dbt model');
    const close = card.querySelector<HTMLButtonElement>('button[aria-label="Close"]')!;
    close.click();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('leaves Escape to the overlay, which alone knows whether focus is in the page', () => {
    const onClose = vi.fn();
    const card = show({ details: detailsFor(ordersSummary), onClose });
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    const reachedPage = vi.fn();
    document.addEventListener('keydown', reachedPage);
    card.dispatchEvent(escape);
    document.removeEventListener('keydown', reachedPage);
    expect(onClose).not.toHaveBeenCalled();
    expect(reachedPage).toHaveBeenCalledTimes(1);
  });

  it('shows name, resource type, relation, verdict and the reasons worst first', () => {
    const candidate = candidateFor(ordersSummary);
    // Reasons arriving best first must still be listed worst first (equal ones in their order).
    candidate.verdict = { ...candidate.verdict, reasons: [...candidate.verdict.reasons].reverse() };
    expect(candidate.verdict.reasons[0]!.health).toBe('caution');
    const card = show({ candidates: [candidate] });
    expect(card.querySelector('.docent-card-name')!.textContent).toBe('orders');
    expect(card.querySelector('.docent-card-type')!.textContent).toBe('model');
    expect(card.querySelector('.docent-card-relation code')!.textContent).toBe('shaman.dummy.orders');
    expect(card.querySelector('.docent-card-verdict')!.textContent).toBe('Degraded');
    expect(card.querySelector('.docent-health-degraded')).not.toBeNull();
    expect(texts(card, '.docent-card-reasons li')).toEqual([
      'Source ecom.raw_orders: freshness error, last loaded 3 days ago, last checked 30 minutes ago',
      '2 tests failing: unique_orders_order_id (column order_id, 2 rows), dbt_utils_expression_is_true_orders_order_total_subtotal_tax_paid (errored)',
      '1 test warning: relationships_orders_customer_id__customer_id__ref_stg_customers_ (column customer_id, 4 rows)',
    ]);
  });

  it('renders the description from Markdown', () => {
    const description = section(show({ details: detailsFor(ordersSummary) }), 'Description')!;
    expect(description.textContent).toContain('Order overview data mart');
    expect(description.querySelector('strong')!.textContent).toBe('One row per order.');
  });

  it('sanitises the description it renders', () => {
    const details = detailsFor(ordersSummary, {
      description: 'Orders <img src=x onerror="alert(1)"><script>alert(2)</script> [x](javascript:alert(3))',
    });
    const description = section(show({ details }), 'Description')!;
    expect(description.innerHTML).not.toMatch(/onerror|<script|javascript:|<img/);
  });

  it('clamps a long description until "Show more"', () => {
    const details = detailsFor(ordersSummary, { description: 'One row per order. '.repeat(100) });
    const description = section(show({ details }), 'Description')!;
    expect(description.querySelector('.docent-card-clamped')).not.toBeNull();
    const more = description.querySelector<HTMLButtonElement>('.docent-card-more')!;
    expect(more.textContent).toBe('Show more');
    act(() => more.click());
    expect(description.querySelector('.docent-card-clamped')).toBeNull();
    expect(more.getAttribute('aria-expanded')).toBe('true');
  });

  it('lists columns with type and description, collapsed to 8 until asked for all 18', () => {
    const columns = section(show({ details: detailsFor(ordersSummary) }), 'Columns (18)')!;
    expect(columns.querySelectorAll('li')).toHaveLength(8);
    expect(texts(columns, 'li')[0]).toBe('order_id text The unique key of the orders mart.');
    const all = columns.querySelector<HTMLButtonElement>('.docent-card-more')!;
    expect(all.textContent).toBe('Show all 18 columns');
    act(() => all.click());
    expect(columns.querySelectorAll('li')).toHaveLength(18);
    expect(texts(columns, 'li code').at(-1)).toBe('customer_order_number');
  });

  it('shows the last successful build relative and absolute, linked to the run in dbt Cloud', () => {
    const card = show({ details: detailsFor(ordersSummary) });
    const link = card.querySelector<HTMLAnchorElement>('.docent-card-last-build a')!;
    expect(link.href).toBe(runUrl);
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.textContent).toBe(`3 hours ago (${formatAbsolute('2026-11-28T09:00:00Z')})`);
    expect(link.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-28T09:00:00Z');
  });

  it('shows the last run status, and the last successful build\'s own time after a failed run', () => {
    const failed: ModelSummary = { ...ordersSummary, lastRunStatus: 'error', lastRunAt: '2026-11-28T11:00:00Z' };
    const details = detailsFor(failed, {
      lastRunError:
        'Database Error in model orders (models/marts/orders.sql)\n' +
        "  002003 (42S02): SQL compilation error:\n  Object 'SHAMAN.DUMMY.STG_ORDERS' does not exist or not authorized.",
      lastSuccessRunUrl: null,
    });
    const card = show({ candidates: [candidateFor(failed)], details });
    expect(texts(card, '.docent-card-last-build')).toEqual([`3 hours ago (${formatAbsolute('2026-11-28T09:00:00Z')})`]);
    expect(card.querySelector('.docent-card-last-build a')).toBeNull();
    expect(texts(card, '.docent-card-last-run')).toEqual(['Error, 1 hour ago']);
    // The error's first lines sit under its reason, folded.
    expect(card.querySelector('.docent-card-reasons details pre')!.textContent).toBe(
      "Database Error in model orders (models/marts/orders.sql)\n002003 (42S02): SQL compilation error:\nObject 'SHAMAN.DUMMY.STG_ORDERS' does not exist or not authorized.",
    );
  });

  it('names the run of the last success when a source gives no time for it', () => {
    const errored: ModelSummary = {
      ...ordersSummary,
      lastRunStatus: 'error',
      lastRunAt: '2026-11-28T11:00:00Z',
      lastRunId: '70403112399042',
      lastSuccessAt: null,
      lastSuccessRunId: '70403112345001',
    };
    const erroredRunUrl = 'https://cloud.getdbt.com/deploy/70403103936020/projects/70403103932498/runs/70403112345001';
    const linked = show({ candidates: [candidateFor(errored)], details: detailsFor(errored, { lastSuccessRunUrl: erroredRunUrl }) });
    expect(texts(linked, '.docent-card-last-build')).toEqual(['in run 70403112345001']);
    expect(linked.querySelector<HTMLAnchorElement>('.docent-card-last-build a')!.href).toBe(erroredRunUrl);
  });

  it('says "Never" only when there is neither a time nor a run of a last success', () => {
    const never: ModelSummary = { ...ordersSummary, lastRunStatus: 'error', lastSuccessAt: null, lastSuccessRunId: null };
    const card = show({ candidates: [candidateFor(never)], details: detailsFor(never, { lastSuccessRunUrl: null }) });
    expect(texts(card, '.docent-card-last-build')).toEqual(['Never, in this environment']);
  });

  it('counts tests and names the failing and warning ones', () => {
    const tests = show({ details: detailsFor(ordersSummary) }).querySelector<HTMLElement>('.docent-card-test-summary')!;
    expect(tests.querySelector('.docent-card-test-counts')!.textContent).toBe('2 passed · 1 warned · 2 failed');
    expect(texts(tests, 'li')).toEqual([
      'unique_orders_order_id failed',
      'dbt_utils_expression_is_true_orders_order_total_subtotal_tax_paid errored',
      'relationships_orders_customer_id__customer_id__ref_stg_customers_ warned',
    ]);
  });

  it('shows each upstream source with its freshness, worst first (last load and check are in the reasons)', () => {
    const freshness = show({ details: detailsFor(ordersSummary) }).querySelector<HTMLElement>('.docent-card-upstream')!;
    expect(texts(freshness, 'li')).toEqual([
      'ecom.raw_orders freshness error',
      'ecom.raw_items no freshness check',
      'ecom.raw_stores fresh',
    ]);
    expect(freshness.querySelector('li .docent-health-degraded')).not.toBeNull();
  });

  it('names every source that is not fresh, and counts the fresh ones past three', () => {
    const fresh = (n: number) => ({ uniqueId: `source.s.f${n}`, name: `ecom.fresh_${n}`, status: 'pass' as const, configured: true, maxLoadedAt: null, checkedAt: '2026-11-28T11:00:00Z' });
    const many: ModelSummary = { ...ordersSummary, upstreamSources: [...[1, 2, 3, 4, 5].map(fresh), ordersSummary.upstreamSources[0]!] };
    const freshness = show({ candidates: [candidateFor(many)], details: detailsFor(many) }).querySelector<HTMLElement>('.docent-card-upstream')!;
    expect(texts(freshness, 'li')).toEqual(['ecom.raw_orders freshness error', 'ecom.fresh_1 fresh', 'ecom.fresh_2 fresh', '3 more fresh']);
  });

  it('puts the verdict in its header, and reasons, last build, last run, tests and freshness in its top section, before the description', () => {
    const card = show({ details: detailsFor(ordersSummary) });
    const top = card.querySelector('.docent-card-top')!;
    expect(card.querySelector('.docent-card-head .docent-card-verdict')!.textContent).toBe('Degraded');
    for (const part of ['.docent-card-reasons', '.docent-card-last-build', '.docent-card-last-run', '.docent-card-test-summary', '.docent-card-upstream']) {
      expect(top.querySelector(part), part).not.toBeNull();
    }
    const description = section(card, 'Description')!;
    expect(top.compareDocumentPosition(description) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows three reasons, then "Show N more reasons"', () => {
    const many: ModelSummary = { ...ordersSummary, hasDescription: false, lastRunStatus: 'skipped' };
    const card = show({ candidates: [candidateFor(many)] });
    expect(card.querySelectorAll('.docent-card-reasons li')).toHaveLength(3);
    const more = card.querySelector<HTMLButtonElement>('.docent-card-top .docent-card-more')!;
    expect(more.textContent).toBe('Show 2 more reasons');
    act(() => more.click());
    expect(card.querySelectorAll('.docent-card-reasons li')).toHaveLength(5);
  });

  it('lists degraded upstream models as information', () => {
    const answer = detailsFor(ordersSummary);
    answer.verdict = { ...answer.verdict, upstream: ['Upstream model stg_orders is degraded: Failed to build in its last run'] };
    const card = show({ details: answer });
    expect(texts(card, '.docent-card-upstream-models li')).toEqual(['Upstream model stg_orders is degraded: Failed to build in its last run']);
  });

  it('says "as of" when the background could not refresh', () => {
    const answer = { ...detailsFor(ordersSummary), asOf: '2026-11-28T06:00:00Z' };
    expect(texts(show({ details: answer }), '.docent-card-asof')).toEqual([
      `As of 6 hours ago (${formatAbsolute('2026-11-28T06:00:00Z')}): Docent could not refresh since.`,
    ]);
    expect(show({ details: detailsFor(ordersSummary) }).querySelector('.docent-card-asof')).toBeNull();
  });

  it('says what is missing, not "No description", when dbt could not be asked for the particulars', () => {
    const answer = {
      ...detailsFor(ordersSummary, { description: null }),
      asOf: '2026-11-28T06:00:00Z',
      missing: "The description and columns could not be loaded: dbt's Discovery API is failing (HTTP 503).",
    };
    const card = show({ details: answer });
    expect(texts(card, '.docent-card-asof')).toEqual([
      `As of 6 hours ago (${formatAbsolute('2026-11-28T06:00:00Z')}): Docent could not refresh since. ${answer.missing}`,
    ]);
    expect(card.textContent).not.toContain('No description');
    expect(section(card, 'Description')).toBeNull();
    expect(card.querySelector('.docent-card-verdict')!.textContent).toBeTruthy();
  });

  it('opened at a column while dbt could not be asked for the particulars: the column is named, never said to have no description', () => {
    // The background's answer from its last good index with nothing fetched kept (a service worker
    // woken after a restart): no description and no columns, though the column marker was placed
    // because dbt documents that column.
    const answer = {
      ...detailsFor(ordersSummary, { description: null, columns: [] }),
      asOf: '2026-11-28T06:00:00Z',
      missing: "The description and columns could not be loaded: dbt's Discovery API is failing (HTTP 503).",
    };
    const card = show({ details: answer, column: 'order_total' });
    const column = section(card, 'Column order_total')!;
    expect(column.querySelector('code')!.textContent).toBe('order_total');
    expect(card.textContent).not.toContain('No description');
    expect(texts(card, '.docent-card-asof')[0]).toContain(answer.missing);
    // With the particulars loaded, a column dbt leaves undescribed still says so.
    const loaded = show({ details: detailsFor(ordersSummary, { columns: [{ ...ordersColumns[0]!, description: null, descriptionHtml: null }] }), column: 'order_id' });
    expect(section(loaded, 'Column order_id')!.textContent).toContain('No description.');
  });

  it('lists owner, group, tags, materialisation, access, package and version', () => {
    const about = { owner: 'finance-data@acme.com', group: 'finance', tags: ['daily', 'pii'], materialization: 'table', access: 'public', packageName: 'jaffle_shop', version: '2', relationName: 'shaman.dummy.orders_v2' };
    const card = show({ details: detailsFor(ordersSummary, { about }) });
    expect(texts(section(card, 'About')!, 'dt')).toEqual(['Owner', 'Group', 'Tags', 'Materialized', 'Access', 'Package', 'Version']);
    expect(texts(section(card, 'About')!, 'dd')).toEqual(['finance-data@acme.com', 'finance', 'daily, pii', 'table', 'public', 'jaffle_shop', '2']);
    // The relation is the versioned model's own.
    expect(card.querySelector('.docent-card-relation code')!.textContent).toBe('shaman.dummy.orders_v2');
  });

  it('copies the relation name', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const card = show({});
    const copy = card.querySelector<HTMLButtonElement>('button[aria-label="Copy relation name"]')!;
    await act(async () => copy.click());
    expect(writeText).toHaveBeenCalledWith('shaman.dummy.orders');
    expect(copy.textContent).toBe('Copied');
  });

  it('filters more than 10 columns by name or description', () => {
    const columns = section(show({ details: detailsFor(ordersSummary) }), 'Columns (18)')!;
    const filter = columns.querySelector<HTMLInputElement>('input[aria-label="Filter columns"]')!;
    act(() => {
      filter.value = 'cents';
      filter.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(texts(columns, 'li code')).toEqual(['subtotal_cents', 'tax_paid_cents', 'order_total_cents']);
    const few = section(show({ details: detailsFor(ordersSummary, { columns: ordersColumns.slice(0, 10) }) }), 'Columns (10)')!;
    expect(few.querySelector('input')).toBeNull();
  });

  it('follows the theme the overlay read from the page', () => {
    expect(show({ theme: 'dark' }).getAttribute('data-theme')).toBe('dark');
    expect(show({}).hasAttribute('data-theme')).toBe(false);
  });

  it('links to the model in dbt Explorer, and leaves the link out when there is no URL', () => {
    const link = show({ details: detailsFor(ordersSummary) }).querySelector<HTMLAnchorElement>('.docent-card-explorer')!;
    expect(link.textContent).toBe('Open in dbt Explorer');
    expect(link.href).toBe(explorerUrl);
    expect(link.rel).toBe('noopener noreferrer');
    const without = show({ details: detailsFor(ordersSummary, { explorerUrl: null }) });
    expect(without.querySelector('.docent-card-explorer')).toBeNull();
  });

  it('ignores details that belong to another model', () => {
    const other = detailsFor({ ...ordersSummary, uniqueId: 'model.jaffle_shop.customers', name: 'customers' });
    const card = show({ details: other });
    expect(section(card, 'Description')).toBeNull();
  });
});

describe('DocCard with several projects configured', () => {
  it('names the project the model comes from beside its relation', () => {
    const card = show({ candidates: [{ ...candidateFor(ordersSummary), project: 'Finance' }], details: detailsFor(ordersSummary) });
    expect(card.querySelector('.docent-card-relation .docent-card-project')!.textContent).toBe('project Finance');
  });

  it('names the other dbt projects a model reads (dbt Mesh), read by Docent or not', () => {
    const candidate = candidateFor(ordersSummary);
    const lines = ['Reads fct_revenue from project Shop: its upstream sources count here', 'Reads ledger from project erp, which Docent is not set up to read: that project\'s sources are not checked'];
    candidate.verdict = { ...candidate.verdict, otherProjects: lines };
    const card = show({ candidates: [candidate], loading: true });
    const list = card.querySelector('section[aria-label="Can I use it?"] ul[aria-label="Other dbt projects"]')!;
    expect(texts(list, 'li')).toEqual(lines);
  });

  it('says no project when only one is configured (the background leaves it out)', () => {
    const card = show({ details: detailsFor(ordersSummary) });
    expect(card.querySelector('.docent-card-project')).toBeNull();
  });
});

describe('DocCard for a name two projects share', () => {
  const shop = { ...candidateFor(ordersSummary, 'analytics.marts.orders'), environment: 'e#1', project: 'Shop' };
  const finance = {
    ...candidateFor({ ...ordersSummary, uniqueId: 'model.finance.orders', database: 'finance', tests: [], upstreamSources: [] }, 'finance.marts.orders'),
    environment: 'e#2',
    project: 'Finance',
  };

  it('lists both candidates with their projects and a button to open each, and picks neither', () => {
    const onChoose = vi.fn();
    const card = show({ candidates: [shop, finance], onChoose });
    expect(card.getAttribute('aria-label')).toBe('orders — ambiguous, 2 candidates');
    expect(card.textContent).toContain('Ambiguous: 2 models share this name in 2 projects');
    expect(texts(card, '.docent-card-candidate')).toEqual([
      'analytics.marts.orders degraded in project Shop',
      'finance.marts.orders caution in project Finance',
    ]);
    const buttons = [...card.querySelectorAll<HTMLButtonElement>('.docent-card-choose')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Show analytics.marts.orders in project Shop',
      'Show finance.marts.orders in project Finance',
    ]);
    expect(card.querySelector('section')).toBeNull();
    buttons[1]!.click();
    expect(onChoose).toHaveBeenCalledWith(finance);
  });

  it('shows the chosen candidate as its own card, with its project and a way back to the list', () => {
    const onChoose = vi.fn();
    const card = show({ candidates: [shop, finance], chosen: finance, onChoose, loading: true });
    expect(card.getAttribute('aria-label')).toBe('orders — dbt model in project Finance');
    expect(card.querySelector('.docent-card-relation code')!.textContent).toBe('finance.marts.orders');
    expect(card.querySelector('.docent-card-project')!.textContent).toBe('project Finance');
    expect(card.querySelector('.docent-card-candidates')).toBeNull();
    const back = card.querySelector<HTMLButtonElement>('.docent-card-back')!;
    expect(back.textContent).toBe('← All 2 candidates for orders');
    back.click();
    expect(onChoose).toHaveBeenCalledWith(null);
  });
});

describe('DocCard while loading, on error, and for an ambiguous name', () => {
  it('shows the summary and a busy loading line while details load', () => {
    const card = show({ loading: true });
    expect(card.getAttribute('aria-busy')).toBe('true');
    expect(card.querySelector('.docent-card-verdict')!.textContent).toBe('Degraded');
    expect(card.querySelectorAll('.docent-card-reasons li')).toHaveLength(3);
    expect(card.querySelector('[aria-busy="true"].docent-card-status')!.textContent).toBe('Loading details…');
    expect(card.querySelector('section.docent-card-section')).toBeNull();
  });

  it('shows the summary and the error message when details failed', () => {
    const card = show({
      error: { kind: 'rateLimited', message: 'dbt is rate limiting requests; Docent will try again in 60 s.' },
    });
    expect(card.querySelector('.docent-card-name')!.textContent).toBe('orders');
    expect(card.querySelector('.docent-card-failure')!.textContent).toBe(
      'Could not load details: dbt is rate limiting requests; Docent will try again in 60 s.',
    );
    expect(card.getAttribute('aria-busy')).toBeNull();
  });

  it('lists every candidate of an ambiguous name and never picks one', () => {
    const prod = candidateFor(ordersSummary, 'analytics.jaffle_shop.orders');
    const dev = candidateFor(
      { ...ordersSummary, uniqueId: 'model.jaffle_shop_v2.orders', database: 'analytics_dev', tests: [], upstreamSources: [] },
      'analytics_dev.jaffle_shop.orders',
    );
    const card = show({ candidates: [prod, dev], details: detailsFor(ordersSummary) });
    expect(card.textContent).toContain('Ambiguous: 2 models share this name');
    expect(texts(card, '.docent-card-candidates li')).toEqual([
      'analytics.jaffle_shop.orders degraded',
      'analytics_dev.jaffle_shop.orders caution',
    ]);
    expect(card.querySelector('section')).toBeNull();
    expect(card.querySelector('.docent-card-relation')).toBeNull();
  });
});

describe('DocCard styles', () => {
  it('brings its own style element whose every selector is prefixed', () => {
    const css = show({}).querySelector('style')!.textContent!;
    const selectors = css
      .replace(/@media[^{]*\{/g, '')
      .split('}')
      .map((block) => block.split('{')[0]!.trim())
      .filter(Boolean)
      .flatMap((list) => list.split(',').map((s) => s.trim()));
    expect(selectors.length).toBeGreaterThan(20);
    for (const selector of selectors) expect(selector).toMatch(/^\.docent-card/);
  });
});
