// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';
import { buildDbtStore } from '../support/dbt-store';

const NOW = new Date('2026-11-28T09:00:00Z');
const DAY = 86_400_000;
const demo = generateDemoProject({ now: NOW });
const nodes = Object.values(demo.manifest.nodes);
const ofType = (type: string) => nodes.filter((n) => n.resource_type === type);
const lastResult = (uniqueId: string) =>
  demo.runs.flatMap((r) => r.runResults.results.map((res) => ({ res, run: r }))).filter(({ res }) => res.unique_id === uniqueId).at(-1);

describe('the demo shop project', () => {
  it('is the same project for the same now, and moves with now', () => {
    expect(generateDemoProject({ now: NOW })).toEqual(demo);
    const later = generateDemoProject({ now: new Date(NOW.getTime() + DAY) });
    expect(later.runs[1]!.runResults.metadata.generated_at).not.toBe(demo.runs[1]!.runResults.metadata.generated_at);
  });

  it('has 40+ models across staging, intermediate and marts in ANALYTICS, seeds, a snapshot and two sources', () => {
    expect(ofType('model').length).toBeGreaterThanOrEqual(40);
    expect(ofType('model').length).toBe(DEMO_FACTS.modelCount);
    expect(new Set(ofType('model').map((m) => m.schema))).toEqual(new Set(['staging', 'intermediate', 'marts']));
    expect(new Set(ofType('model').map((m) => m.database))).toEqual(new Set(['ANALYTICS']));
    expect(ofType('seed').length).toBeGreaterThanOrEqual(2);
    expect(ofType('snapshot').length).toBeGreaterThanOrEqual(1);
    const sources = Object.values(demo.manifest.sources);
    expect(new Set(sources.map((s) => s.source_name))).toEqual(new Set(['ecom', 'stripe']));
    expect(sources.map((s) => `${s.source_name}.${s.name}`)).toEqual(expect.arrayContaining(['ecom.raw_orders', 'ecom.raw_customers', 'ecom.raw_payments']));
  });

  it('names generic tests the way dbt does and attaches them to the node they test', () => {
    const names = ofType('test').map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['not_null_orders_order_id', 'unique_orders_order_id', 'relationships_orders_customer_id__customer_id__ref_customers_', DEMO_FACTS.failingTest.name, 'source_unique_ecom_raw_orders_id']));
    const kinds = new Set(ofType('test').map((t) => t.test_metadata?.name));
    expect(kinds).toEqual(new Set(['unique', 'not_null', 'relationships', 'accepted_values']));
    const failing = demo.manifest.nodes[DEMO_FACTS.failingTest.uniqueId]!;
    expect(failing.attached_node).toBe(DEMO_FACTS.failingTest.model);
    // dbt shortens the file name of a test whose name is 64+ characters.
    expect(failing.alias).toMatch(/^accepted_values_orders_[0-9a-f]{32}$/);
  });

  it('keeps parent_map and child_map consistent with depends_on', () => {
    for (const n of nodes) expect(demo.manifest.parent_map[n.unique_id]).toEqual(n.depends_on?.nodes);
    expect(demo.manifest.child_map['model.demo_shop.orders']).toContain('model.demo_shop.fct_refunds');
  });

  it('describes most models, with Markdown in some, and leaves exactly one undescribed', () => {
    const undescribed = ofType('model').filter((m) => !m.description).map((m) => m.unique_id);
    expect(undescribed).toEqual([DEMO_FACTS.undescribedModel]);
    expect(ofType('model').filter((m) => /\*\*|\n- |\]\(https?:/.test(m.description)).length).toBeGreaterThanOrEqual(2);
  });

  it('fails the accepted_values test on marts.orders in the latest run', () => {
    const { res } = lastResult(DEMO_FACTS.failingTest.uniqueId)!;
    expect(res.status).toBe('fail');
    expect(res.failures).toBe(DEMO_FACTS.failingTest.failures);
    expect(demo.manifest.nodes[DEMO_FACTS.failingTest.model]!.schema).toBe('marts');
    expect(lastResult(DEMO_FACTS.warnedTest.uniqueId)!.res.status).toBe('warn');
  });

  it('has one errored model with an error message, one never run, one stale for 45 days', () => {
    const errored = lastResult(DEMO_FACTS.erroredModel.uniqueId)!.res;
    expect(errored.status).toBe('error');
    expect(errored.message).toContain('does not exist or not authorized');
    expect(lastResult(DEMO_FACTS.neverRunModel)).toBeUndefined();
    expect(demo.manifest.nodes[DEMO_FACTS.neverRunModel]).toBeDefined();
    const stale = lastResult(DEMO_FACTS.staleModel.uniqueId)!.res;
    const builtAt = Date.parse(stale.timing.find((t) => t.name === 'execute')!.completed_at!);
    expect(Math.floor((NOW.getTime() - builtAt) / DAY)).toBe(45);
  });

  it('puts one upstream source in freshness error and one in warn', () => {
    const status = (id: string) => demo.freshness!.sources.results.find((r) => r.unique_id === id)?.status;
    expect(status(DEMO_FACTS.freshnessError.source)).toBe('error');
    expect(status(DEMO_FACTS.freshnessWarn.source)).toBe('warn');
    expect(status(DEMO_FACTS.uncheckedSource)).toBeUndefined();
    expect(demo.manifest.parent_map[DEMO_FACTS.freshnessError.model]).toContain(DEMO_FACTS.freshnessError.source);
  });

  it('leaves most models healthy: built in the last hours, every test passing, described, fresh upstream', () => {
    const store = buildDbtStore(demo);
    const healthy = store.list('model').filter((m) => {
      const e = m.execution;
      const fresh = store.ancestors(m.uniqueId, ['source']).every((s) => s.freshness?.status !== 'Error' && s.freshness?.status !== 'Warn');
      const tests = m.testIds.map((id) => store.get(id)!.execution?.lastRunStatus);
      return e?.lastRunStatus === 'success' && NOW.getTime() - Date.parse(e.executeCompletedAt!) < 6 * 3600_000 && tests.length > 0 && tests.every((s) => s === 'pass') && m.description && fresh;
    });
    expect(healthy.length).toBeGreaterThan(DEMO_FACTS.modelCount / 2);
    expect(healthy.map((m) => m.uniqueId)).toContain(DEMO_FACTS.healthyModel);
    expect(healthy.map((m) => m.uniqueId)).not.toContain(DEMO_FACTS.failingTest.model);
  });
});
