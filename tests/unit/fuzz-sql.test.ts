// Property tests for the SQL table extractor (lib/matching/sql.ts): it runs on whatever SQL a BI
// tool keeps behind a dashboard, half-typed or templated, so it must answer anything, quickly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tablesInSql } from '../../lib/matching/sql';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, sqlishString, timed } from '../support/fuzz';

// Prefixed so that no generated name is an SQL keyword (`from`, `join`, `lateral`…).
const bare = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/).map((s) => `t_${s}`);
const part = fc.oneof(
  bare.map((name) => ({ written: name, name })),
  bare.map((name) => ({ written: name.toUpperCase(), name })),
  bare.map((name) => ({ written: `"${name}"`, name })),
  bare.map((name) => ({ written: `\`${name}\``, name })),
  bare.map((name) => ({ written: `[${name}]`, name })),
);
const table = fc.array(part, { minLength: 1, maxLength: 3 }).map((parts) => ({
  written: parts.map((p) => p.written).join('.'),
  name: parts.map((p) => p.name).join('.'),
}));

// Shapes that make a tokenizer or a bracket walk go quadratic, recurse deeply, or never end.
const adversarial = fc.oneof(
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => `select * from ${'('.repeat(n)}x.y${')'.repeat(n)}`),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => `select * from a.b ${'join '.repeat(n)}`),
  fc.integer({ min: 100, max: 5_000 }).map((n) => `with ${Array.from({ length: n }, (_, i) => `c${i} as (select * from s.t${i})`).join(', ')} select 1`),
  fc.constantFrom("'", '"', '`', '[', '/*', '--', '$$', '{{', '[[').chain((open) =>
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => `select * from a.b where x = ${open}${'from c.d '.repeat(n / 10)}`),
  ),
  fc.integer({ min: 1_000, max: 10_000 }).map((n) => 'from '.repeat(n)),
  fc.integer({ min: 1_000, max: 10_000 }).map((n) => `${'select * from ('.repeat(n)}`),
);

function checked(sql: string): string[] {
  const tables = timed('tablesInSql', () => tablesInSql(sql));
  expect(Array.isArray(tables)).toBe(true);
  expect(new Set(tables).size).toBe(tables.length);
  for (const name of tables) {
    expect(typeof name).toBe('string');
    expect(name.length).toBeGreaterThan(0);
    expect(name).toBe(name.toLowerCase());
  }
  return tables;
}

describe('tablesInSql (fuzzed)', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('answers any text with distinct, lower-cased names', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 500 }), sqlishString(300)), (sql) => void checked(sql)), fuzzParams());
  });

  it('finds every table read by FROM and JOIN, in order, in any quoting and case', () => {
    fc.assert(
      fc.property(fc.uniqueArray(table, { minLength: 1, maxLength: 5, selector: (t) => t.name }), (tables) => {
        const [first, ...rest] = tables;
        const sql = `select * from ${first!.written} a0 ${rest.map((t, i) => `left join ${t.written} a${i + 1} on true`).join(' ')}`;
        expect(checked(sql)).toEqual(tables.map((t) => t.name));
      }),
      fuzzParams(),
    );
  });

  it('is not moved by comments or string literals that mention other tables', () => {
    fc.assert(
      fc.property(table, table, fc.constantFrom('line', 'block', 'string'), (real, decoy, where) => {
        fc.pre(real.name !== decoy.name);
        const noise = { line: `-- from ${decoy.written}\n`, block: `/* join ${decoy.written} */`, string: `'from ${decoy.written}'` }[where];
        const sql = where === 'string' ? `select ${noise} as note from ${real.written}` : `select * ${noise} from ${real.written}`;
        expect(checked(sql)).toEqual([real.name]);
      }),
      fuzzParams(),
    );
  });

  it('stays within its time limit on adversarial SQL', () => {
    fc.assert(fc.property(adversarial, (sql) => void checked(sql)), fuzzParams(0.02));
  });
});
