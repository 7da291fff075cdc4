import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { normalizeIdentifier, parseRelationName } from '../../lib/matching/identifier';
import { nameKey, relationKeys } from '../../lib/matching/keys';
import { scanText } from '../../lib/matching/scan';

const keysIn = (text: string) => scanText(text).map((hit) => hit.key);

describe('normalizeIdentifier', () => {
  it('drops every dialect of quotes and ignores case', () => {
    expect(normalizeIdentifier('"Orders"')).toBe('orders');
    expect(normalizeIdentifier('`your-project`')).toBe('your-project');
    expect(normalizeIdentifier('[dbo]')).toBe('dbo');
    expect(normalizeIdentifier('CUSTOMERS')).toBe('customers');
  });
  it('leaves an unbalanced quote alone', () => {
    expect(normalizeIdentifier('"orders')).toBe('"orders');
  });
});

describe('parseRelationName', () => {
  it('reads one to three parts', () => {
    expect(parseRelationName('customers')).toEqual(['customers']);
    expect(parseRelationName(' marts.Customers ')).toEqual(['marts', 'customers']);
    expect(parseRelationName('"ANALYTICS"."MARTS"."ORDERS"')).toEqual(['analytics', 'marts', 'orders']);
    expect(parseRelationName('[warehouse].[dbo].[orders]')).toEqual(['warehouse', 'dbo', 'orders']);
  });
  it('reads BigQuery paths, per part or in one pair of backticks', () => {
    expect(parseRelationName('`your-project`.`jaffle_shop`.`daily_orders`')).toEqual([
      'your-project', 'jaffle_shop', 'daily_orders',
    ]);
    expect(parseRelationName('`your-project.jaffle_shop.daily_orders`')).toEqual([
      'your-project', 'jaffle_shop', 'daily_orders',
    ]);
  });
  it('refuses prose, four parts and empty text', () => {
    expect(parseRelationName('all customers')).toBeNull();
    expect(parseRelationName('a.b.c.d')).toBeNull();
    expect(parseRelationName('')).toBeNull();
    expect(parseRelationName('42')).toBeNull();
  });
});

describe('scanText', () => {
  it('finds qualified names with their offsets and raw text', () => {
    const text = 'select * from analytics.marts.orders o join marts.customers c';
    expect(scanText(text)).toEqual([
      { start: 14, end: 36, key: 'analytics.marts.orders', raw: 'analytics.marts.orders' },
      { start: 44, end: 59, key: 'marts.customers', raw: 'marts.customers' },
    ]);
  });
  it('finds upper-case, quoted, bracketed and backticked forms', () => {
    expect(keysIn('FROM ANALYTICS.MARTS.CUSTOMERS')).toEqual(['analytics.marts.customers']);
    expect(keysIn('from "analytics"."marts"."orders";')).toEqual(['analytics.marts.orders']);
    expect(keysIn('FROM [warehouse].[dbo].[Orders] WITH (NOLOCK)')).toEqual(['warehouse.dbo.orders']);
    expect(keysIn('from `your-project`.`jaffle_shop`.`daily_orders`')).toEqual([
      'your-project.jaffle_shop.daily_orders',
    ]);
    expect(keysIn('from `your-project.jaffle_shop.daily_orders`')).toEqual([
      'your-project.jaffle_shop.daily_orders',
    ]);
    expect(keysIn('from analytics."Marts".orders')).toEqual(['analytics.marts.orders']);
  });
  it('accepts a name that ends a sentence or sits in quotes or brackets of prose', () => {
    expect(keysIn('Numbers come from analytics.marts.orders.')).toEqual(['analytics.marts.orders']);
    expect(keysIn("see 'marts.orders', (marts.customers)")).toEqual(['marts.orders', 'marts.customers']);
    expect(keysIn('{"table": "marts.orders"}')).toEqual(['marts.orders']);
  });
  it('ignores bare names in prose', () => {
    expect(keysIn('Customers and orders grew this quarter')).toEqual([]);
  });
  it('does not cut a longer chain into a relation', () => {
    expect(keysIn('select analytics.marts.orders.order_id')).toEqual([]);
    expect(keysIn('com.example.app.MainActivity')).toEqual([]);
  });
  it('drops host names, addresses, URLs, file names and versions', () => {
    expect(keysIn('visit www.example.com or docs.getdbt.com')).toEqual([]);
    expect(keysIn('mail jane.doe@acme.io')).toEqual([]);
    expect(keysIn('https://app.mode.com/acme/reports/x.y')).toEqual([]);
    expect(keysIn('download report.csv and data.JSON')).toEqual([]);
    expect(keysIn('running v1.2.3 on 10.0.0.1 since release.v2.3')).toEqual([]);
    expect(keysIn('api.my-host.dev')).toEqual([]);
  });
  it('never starts in the middle of a word or a number', () => {
    expect(keysIn('x1.y2')).toEqual(['x1.y2']);
    expect(keysIn('3rd.quarter')).toEqual([]);
  });
});

describe('relationKeys', () => {
  it('gives database.schema.alias and schema.alias, normalised', () => {
    expect(relationKeys('ANALYTICS', 'Marts', 'Orders')).toEqual(['analytics.marts.orders', 'marts.orders']);
    expect(relationKeys(null, 'marts', 'orders')).toEqual(['marts.orders']);
    expect(relationKeys(null, null, 'orders')).toEqual([]);
    expect(nameKey('Customers')).toBe('customers');
  });

  it('agrees with the scanner on every relation of the real jaffle-shop artifacts', () => {
    for (const file of ['snowflake', 'bigquery']) {
      const manifest = JSON.parse(
        readFileSync(`/work/shared/fixtures/dbt-artifacts/${file}-jaffle-shop.manifest.json`, 'utf8'),
      ) as { nodes: Record<string, { resource_type: string; database: string; schema: string; alias: string; relation_name: string | null }> };
      const models = Object.values(manifest.nodes).filter((node) => node.relation_name);
      expect(models.length).toBeGreaterThan(10);
      for (const node of models) {
        const keys = relationKeys(node.database, node.schema, node.alias);
        // dbt's own relation_name is the form people paste into SQL editors.
        expect(keysIn(`select * from ${node.relation_name} limit 10`)).toEqual([keys[0]]);
        expect(keysIn(`from ${node.schema.toUpperCase()}.${node.alias.toUpperCase()}`)).toEqual([keys[1]]);
      }
    }
  });
});
