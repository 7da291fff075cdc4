// @vitest-environment node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadArtifactsFromDir } from '../support/dbt-artifacts';
import { buildDbtStore } from '../support/dbt-store';
import { DEMO_FACTS, generateDemoProject } from '../support/demo-project';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/dbt-artifacts', import.meta.url));
const hasFixtures = existsSync(FIXTURES);

describe.skipIf(!hasFixtures)('the store over the real BigQuery jaffle-shop (a real dbt build)', () => {
  const store = hasFixtures ? buildDbtStore(loadArtifactsFromDir(FIXTURES, 'bigquery-jaffle-shop')) : null!;

  it('knows the relation and last run of a model', () => {
    const customers = store.get('model.jaffle_shop.customers')!;
    expect([customers.database, customers.schema, customers.alias]).toEqual(['your-project', 'jaffle_shop', 'customers']);
    expect(customers.relationName).toBe('`your-project`.`jaffle_shop`.`customers`');
    expect(customers.execution).toMatchObject({
      lastRunStatus: 'success',
      executeCompletedAt: '2024-12-16T07:45:16.194618Z',
      lastRunGeneratedAt: '2024-12-16T07:45:32.505887Z',
      lastRunError: null,
    });
    expect(customers.execution!.lastSuccessRunId).toBe(customers.execution!.lastRunId);
    expect(customers.execution!.lastRunId).toMatch(/^\d{14,}$/);
  });

  it('attaches test results to the model they test', () => {
    const customers = store.get('model.jaffle_shop.customers')!;
    expect(customers.testIds).toEqual(expect.arrayContaining(['test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1', 'test.jaffle_shop.not_null_customers_customer_id.5c9bf9911d']));
    expect(store.get('test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1')!.execution?.lastRunStatus).toBe('pass');
    // The relationships test on orders.customer_id belongs to orders, not to customers.
    expect(customers.testIds.some((id) => id.includes('relationships_orders_customer_id'))).toBe(false);
    expect(store.get('model.jaffle_shop.orders')!.testIds.some((id) => id.includes('relationships_orders_customer_id'))).toBe(true);
  });

  it('merges catalog column types with the manifest column descriptions', () => {
    const columns = store.get('model.jaffle_shop.customers')!.catalog!.columns;
    expect(columns.map((c) => c.name)).toEqual(['customer_id', 'first_name', 'last_name', 'first_order', 'most_recent_order', 'number_of_orders', 'customer_lifetime_value']);
    expect(columns[0]).toMatchObject({ type: 'INT64', description: 'This is a unique identifier for a customer' });
    expect(store.get('model.jaffle_shop.customers')!.catalog!.rowCount).toBe(100);
  });

  it('computes ancestors from parent_map, nearest first, filtered by type', () => {
    const ancestors = store.ancestors('model.jaffle_shop.customers', ['model', 'seed']).map((n) => n.uniqueId);
    expect(ancestors.slice(0, 3)).toEqual(['model.jaffle_shop.stg_customers', 'model.jaffle_shop.stg_orders', 'model.jaffle_shop.stg_payments']);
    expect(ancestors).toContain('seed.jaffle_shop.raw_customers');
    expect(store.ancestors('model.jaffle_shop.customers', ['source'])).toEqual([]);
  });
});

describe.skipIf(!hasFixtures)('the store over the real Snowflake jaffle-shop (no run results)', () => {
  const store = hasFixtures ? buildDbtStore(loadArtifactsFromDir(FIXTURES, 'snowflake-jaffle-shop')) : null!;

  it('has every model, but none was ever run', () => {
    expect(store.list('model')).toHaveLength(15);
    expect(store.list('model').every((m) => m.execution === null)).toBe(true);
    expect(store.list('test').every((t) => t.execution === null)).toBe(true);
  });

  it('matches upper-case warehouse columns to lower-case yml descriptions', () => {
    const col = store.get('model.jaffle_shop.stg_products')!.catalog!.columns.find((c) => c.name === 'PRODUCT_ID');
    expect(col?.description).toBe('The unique key for each product.');
  });

  it('reaches sources through ancestors, with no freshness checked', () => {
    const sources = store.ancestors('model.jaffle_shop.customers', ['source']).map((s) => s.uniqueId);
    expect(sources).toEqual(expect.arrayContaining(['source.jaffle_shop.ecom.raw_customers', 'source.jaffle_shop.ecom.raw_orders']));
    expect(store.get('source.jaffle_shop.ecom.raw_orders')!.freshness).toMatchObject({ checked: false, status: null });
  });
});

describe('the store over the demo shop', () => {
  const store = buildDbtStore(generateDemoProject({ now: new Date('2026-11-28T09:00:00Z') }));

  it('takes each node from its latest run and remembers its last success', () => {
    const refunds = store.get(DEMO_FACTS.erroredModel.uniqueId)!.execution!;
    expect(refunds.lastRunStatus).toBe('error');
    expect(refunds.lastRunError).toBe(DEMO_FACTS.erroredModel.message);
    expect(refunds.lastRunId).toBe(DEMO_FACTS.runs.daily.runId);
    expect(refunds.lastSuccessRunId).toBe(DEMO_FACTS.runs.fullBuild.runId);
    expect(store.get(DEMO_FACTS.staleModel.uniqueId)!.execution!.lastRunId).toBe(DEMO_FACTS.runs.fullBuild.runId);
    expect(store.get(DEMO_FACTS.neverRunModel)!.execution).toBeNull();
  });

  it('maps source freshness to the API enum', () => {
    expect(store.get(DEMO_FACTS.freshnessError.source)!.freshness!.status).toBe('Error');
    expect(store.get(DEMO_FACTS.freshnessWarn.source)!.freshness!.status).toBe('Warn');
    expect(store.get(DEMO_FACTS.uncheckedSource)!.freshness).toMatchObject({ checked: false, status: null });
  });
});
