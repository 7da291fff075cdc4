import { describe, expect, it } from 'vitest';
import { tablesInSql } from '../../lib/matching/sql';

describe('tablesInSql', () => {
  it.each<[string, string, string[]]>([
    ['a plain FROM', 'select * from analytics.marts.orders', ['analytics.marts.orders']],
    ['a bare table', 'SELECT id FROM orders WHERE id > 1', ['orders']],
    ['upper case, lower-cased', 'SELECT * FROM ANALYTICS.MARTS.ORDERS', ['analytics.marts.orders']],
    ['every JOIN form', `select * from marts.orders o
      join marts.customers c on c.id = o.customer_id
      left outer join marts.order_items i on i.order_id = o.id
      INNER JOIN marts.products p USING (product_id)
      cross join marts.dim_dates d
      full join marts.fct_refunds r on r.order_id = o.id`,
      ['marts.orders', 'marts.customers', 'marts.order_items', 'marts.products', 'marts.dim_dates', 'marts.fct_refunds']],
    ['comma joins with aliases', 'select * from marts.orders as o, marts.customers c, "MARTS"."PRODUCTS" where 1=1', ['marts.orders', 'marts.customers', 'marts.products']],
    ['double quotes', 'select * from "Analytics"."Marts"."Orders"', ['analytics.marts.orders']],
    ['a doubled double quote inside a name', 'select * from "we""ird".t', ['we"ird.t']],
    ['backticks per part', 'select * from `my-proj`.`analytics`.`orders`', ['my-proj.analytics.orders']],
    ['one backticked BigQuery path', 'SELECT * FROM `my-proj-123.analytics.orders` AS o', ['my-proj-123.analytics.orders']],
    ['unquoted hyphenated BigQuery project', 'SELECT * FROM my-proj-123.analytics.orders JOIN my-proj-123.analytics.customers USING (customer_id)', ['my-proj-123.analytics.orders', 'my-proj-123.analytics.customers']],
    ['brackets', 'SELECT * FROM [dbo].[Orders] o JOIN [Sales DB].[dbo].[customers] c ON 1=1', ['dbo.orders', 'sales db.dbo.customers']],
    ['a subquery in FROM', 'select * from (select * from marts.orders where x in (select id from marts.customers)) t', ['marts.orders', 'marts.customers']],
    ['subqueries in WHERE and SELECT', 'select (select max(id) from marts.fct_refunds) as m from marts.orders where exists (select 1 from marts.order_items)', ['marts.fct_refunds', 'marts.orders', 'marts.order_items']],
    ['CTE names excluded, CTE bodies read', `with recent as (select * from marts.orders where ordered_at > now() - interval '7 days'),
      big (id) as materialized (select id from recent join marts.customers using (customer_id))
      select * from recent join big on big.id = recent.id`, ['marts.orders', 'marts.customers']],
    ['a recursive CTE', 'with recursive tree as (select * from marts.products union all select p.* from marts.products p join tree on tree.id = p.parent) select * from tree', ['marts.products']],
    ['a qualified name that ends like a CTE is still a table', 'with orders as (select 1) select * from orders, marts.orders', ['marts.orders']],
    ['line and block comments', `-- from marts.ignored
      select * /* from marts.also_ignored */ from marts.orders # from mysql_comment
      // from snowflake_comment
      join marts.customers on true`, ['marts.orders', 'marts.customers']],
    ['string literals', `select 'from marts.in_string', 'it''s from x.y', $$ from dollar.quoted $$ from marts.orders where note = 'join marts.fake on'`, ['marts.orders']],
    ['EXTRACT, SUBSTRING and TRIM take FROM inside a function', "select extract(year from ordered_at), substring(name from 2 for 3), trim(both ' ' from name) from marts.orders", ['marts.orders']],
    ['IS DISTINCT FROM compares values', 'select * from marts.orders where a is not distinct from b', ['marts.orders']],
    ['table functions are not tables', 'select * from generate_series(1, 10) g, marts.orders o, lateral flatten(input => o.tags) f, table(flatten(x)) t cross join unnest(o.items) as i', ['marts.orders']],
    ['INSERT target excluded', 'insert into marts.summary (a, b) select a, b from marts.orders', ['marts.orders']],
    ['INSERT OVERWRITE target excluded', 'INSERT OVERWRITE TABLE marts.summary SELECT * FROM marts.orders', ['marts.orders']],
    ['CREATE TABLE AS target excluded', 'create or replace temporary table if not exists scratch.t as (select * from marts.orders)', ['marts.orders']],
    ['CREATE VIEW target excluded', 'CREATE VIEW reporting.v AS SELECT * FROM marts.customers', ['marts.customers']],
    ['MERGE: target excluded, USING source read', 'merge into marts.target t using marts.orders s on t.id = s.id when matched then update set x = s.x', ['marts.orders']],
    ['MERGE USING a subquery', 'MERGE INTO marts.target USING (SELECT * FROM marts.customers) s ON true WHEN NOT MATCHED THEN INSERT VALUES (s.id)', ['marts.customers']],
    ['UPDATE target excluded, its FROM read', 'update marts.target set x = s.x from marts.orders s where s.id = marts.target.id', ['marts.orders']],
    ['DELETE target excluded, its USING read', 'delete from marts.target using marts.orders o where o.id = marts.target.id', ['marts.orders']],
    ['several statements', 'select * from a.b; delete from c.d; select * from e.f', ['a.b', 'e.f']],
    ['each table once, in order', 'select * from marts.orders union select * from MARTS.ORDERS union select * from marts.customers', ['marts.orders', 'marts.customers']],
    ['Metabase template tags and optional clauses', 'SELECT * FROM marts.orders WHERE 1=1 [[AND status = {{status}}]] [[AND id IN (SELECT id FROM marts.fct_refunds)]]', ['marts.orders', 'marts.fct_refunds']],
    ['a Metabase saved-question reference is no table', 'select * from {{#12-weekly-orders}} w join marts.customers c on true', ['marts.customers']],
    ['Redash and Jinja parameters', "select * from marts.orders where ordered_at > '{{ start }}' {% if x %} and 1=1 {% endif %}", ['marts.orders']],
    ['ONLY and LATERAL subqueries', 'select * from only marts.orders o, lateral (select * from marts.order_items i where i.order_id = o.id) x', ['marts.orders', 'marts.order_items']],
    ['parenthesised joins', 'select * from ((marts.orders o join marts.customers c on true) left join marts.products p on true)', ['marts.orders', 'marts.customers', 'marts.products']],
    ['Snowflake time travel and stages', "select * from marts.orders at(offset => -60) o; copy into raw.t from @my_stage; copy into raw.u from 's3://bucket/x'", ['marts.orders']],
    ['nothing to read', "select 1, 'from x.y'", []],
    ['empty', '', []],
    ['unterminated input does not throw', "select * from marts.orders where x = 'open", ['marts.orders']],
    ['a half-typed query', 'select * from marts.', []],
    ['WHERE ends the FROM list', 'select * from marts.orders o where o.id in (1, 2), x', ['marts.orders']],
  ])('%s', (_, sql, expected) => {
    expect(tablesInSql(sql)).toEqual(expected);
  });

  it('survives a very long query in linear time', () => {
    const sql = Array.from({ length: 5000 }, (_, n) => `select * from s.t${n % 50}`).join(' union all ');
    const started = performance.now();
    expect(tablesInSql(sql)).toHaveLength(50);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
