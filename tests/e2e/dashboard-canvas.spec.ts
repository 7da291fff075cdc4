/**
 * Canvas-drawn tools, in the production build: a Tableau view names no table, so its models come
 * from dbt's automatic Tableau exposure whose url is the view; a Power BI report adds the tables
 * its Data pane names. The pill lists the exposure's parents with the exposure's own verdict by
 * dbt's exposure criteria, and the popup lists the same models. The exposures are the demo
 * project's (tests/support/demo-project-exposures.ts), served by the mock Discovery API.
 */
import { DEMO_FACTS } from '../support/demo-project';
import { saveConnection } from '../support/options-page';
import { popupNames, pillIds } from './dashboard-helpers';
import { DEMO_TOKEN, expect, test } from './fixtures';

const { exposures } = DEMO_FACTS;
const nameOf = (uniqueId: string) => uniqueId.split('.').at(-1)!;

test.beforeEach(async ({ extension }) => {
  const options = await extension.context.newPage();
  await saveConnection(options, extension.optionsUrl, { token: DEMO_TOKEN });
  await expect(options.getByRole('status')).toContainText('Connected', { timeout: 30_000 });
  await options.close();
});

test('a Tableau view gets the pill from its automatic exposure alone, and the popup lists the same', async ({ extension }) => {
  const overview = exposures.weekly_orders_overview!;
  const page = await extension.context.newPage();
  // Tableau adds `:iid` to the route; the exposure's url has none.
  await page.goto(`${overview.url}?:iid=1`);
  const pill = page.locator('[data-tb-test-id="view-toolbar"] > docent-summary');
  await expect(pill).toHaveAttribute('data-unique-ids', /\S/);
  expect(await pillIds(pill)).toEqual([...overview.parents].sort());
  // orders has a failing test: by dbt's exposure criteria the view is degraded.
  expect(overview.parents).toContain(DEMO_FACTS.failingTest.model);
  await expect(pill).toHaveAttribute('data-health', 'degraded');
  // The canvas names nothing: no badge on the page, the pill is the only mark.
  await expect(page.locator('docent-badge')).toHaveCount(0);
  await expect(page.locator('docent-summary')).toHaveCount(1);

  const toggle = pill.getByRole('button', { name: `${overview.parents.length} dbt models behind this dashboard: degraded` });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  for (const id of overview.parents) await expect(pill.locator(`.entry[data-unique-id="${id}"]`)).toBeVisible();
  await expect(pill.getByRole('button', { name: 'orders: degraded' })).toBeVisible();

  expect(await popupNames(extension, page.url())).toEqual(overview.parents.map(nameOf).sort());
});

test("a Tableau view's pill follows the hash route to another view and takes that exposure's verdict", async ({ extension }) => {
  const overview = exposures.weekly_orders_overview!;
  const mix = exposures.marketing_channel_mix!;
  expect(mix.parents).toContain(DEMO_FACTS.staleModel.uniqueId);
  const page = await extension.context.newPage();
  await page.goto(overview.url!);
  const pill = page.locator('[data-tb-test-id="view-toolbar"] > docent-summary');
  await expect.poll(() => pillIds(pill)).toEqual([...overview.parents].sort());

  // Tableau moves between views in the same document: only the hash route changes.
  await page.evaluate((route) => {
    location.hash = route;
  }, new URL(mix.url!).hash);
  await expect.poll(() => pillIds(pill)).toEqual([...mix.parents].sort());
  await expect(page.locator('docent-summary')).toHaveCount(1);
  // rpt_channel_mix_legacy was last built 45 days ago: caution as a model, but it built and its
  // tests passed, which is all dbt's exposure criteria ask.
  await expect(pill).toHaveAttribute('data-health', 'healthy');
  await pill.getByRole('button', { name: /dbt models behind this dashboard/ }).click();
  await expect(pill.getByRole('button', { name: 'rpt_channel_mix_legacy: caution' })).toBeVisible();
  expect(await popupNames(extension, page.url())).toEqual(mix.parents.map(nameOf).sort());
});

test("a Power BI report's pill lists its exposure's parents and what its Data pane names, once each", async ({ extension }) => {
  const report = exposures.finance_overview!;
  const page = await extension.context.newPage();
  await page.goto('https://app.powerbi.com/groups/me/reports/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b/ReportSection2?experience=power-bi');
  const pane = page.locator('[data-testid="data-pane"]');
  await expect(pane.locator('docent-badge')).toHaveCount(3);
  const pill = page.locator('[data-testid="report-header"] > docent-summary');
  await expect(pill).toHaveAttribute('data-unique-ids', /\S/);
  const badged = await pane.locator('docent-badge').evaluateAll((els) => els.map((el) => el.getAttribute('data-unique-id')!));
  const union = [...new Set([...report.parents, ...badged])].sort();
  // The exposure adds a table the pane hides (rpt_monthly_finance); the pane's tables come once.
  expect(union.length).toBeGreaterThan(badged.length);
  expect(await pillIds(pill)).toEqual(union);
  await expect(pill).toHaveAttribute('data-health', 'healthy');
  expect(await popupNames(extension, page.url())).toEqual(union.map(nameOf).sort());
});
