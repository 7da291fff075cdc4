import { describe, expect, it } from 'vitest';
import { ModelIndex } from '../../lib/catalog/model-index';
import type { HealthVerdict, ModelSummary } from '../../lib/catalog/types';
import { relationKeys } from '../../lib/matching/keys';
import { parseRelationName } from '../../lib/matching/identifier';

function node(uniqueId: string, database: string | null, schema: string, alias: string, name = alias): ModelSummary {
  return {
    uniqueId, resourceType: 'model', name, database, schema, alias, projectId: '1', hasDescription: true,
    lastRunStatus: 'success', lastRunAt: null, lastSuccessAt: null, lastRunId: null, lastSuccessRunId: null,
    tests: [], parentIds: [], upstreamSources: [],
  };
}

const healthy: HealthVerdict = { health: 'healthy', reasons: [] };
const index = new ModelIndex([
  node('model.shop.customers', 'ANALYTICS', 'MARTS', 'CUSTOMERS', 'customers'),
  node('model.shop.orders', 'ANALYTICS', 'marts', 'orders'),
  // The same schema.alias in a second database: `marts.orders` is ambiguous, the full name is not.
  node('model.finance.orders', 'FINANCE', 'marts', 'orders'),
  node('model.shop.dim_dates', 'ANALYTICS', 'marts', 'dates', 'dim_dates'),
]);
const lookup = (...keys: string[]) => index.lookup(keys, () => healthy);
// What the page scanner would send for a name as written on a page.
const keyOf = (written: string) => parseRelationName(written)!.join('.');

describe('ModelIndex', () => {
  it('finds a model by database.schema.alias and schema.alias in any case or quoting', () => {
    for (const written of ['analytics.marts.customers', 'ANALYTICS.MARTS.CUSTOMERS', '"ANALYTICS"."MARTS"."CUSTOMERS"', 'Marts.Customers', '[marts].[customers]']) {
      const [match] = lookup(keyOf(written));
      expect(match?.candidates.map((c) => c.uniqueId), written).toEqual(['model.shop.customers']);
    }
  });

  it('answers an ambiguous name with every candidate, never one', () => {
    const [match] = lookup(keyOf('marts.orders'));
    expect(match?.candidates.map((c) => c.uniqueId).sort()).toEqual(['model.finance.orders', 'model.shop.orders']);
    expect(lookup(keyOf('finance.marts.orders'))[0]?.candidates).toHaveLength(1);
  });

  it('knows a model by its name and its relation by its alias', () => {
    expect(lookup('dim_dates')[0]?.candidates[0]?.uniqueId).toBe('model.shop.dim_dates');
    expect(lookup('marts.dates')[0]?.candidates[0]?.relation).toBe('ANALYTICS.marts.dates');
    expect(lookup('marts.dim_dates')).toEqual([]);
  });

  it('leaves out keys that name nothing, and uses the same keys as the scanner', () => {
    expect(lookup('analytics.marts.does_not_exist', 'www.example.com')).toEqual([]);
    expect(relationKeys('ANALYTICS', 'MARTS', 'CUSTOMERS')).toContain(keyOf('"analytics"."marts"."customers"'));
  });
});
