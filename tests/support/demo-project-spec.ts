/**
 * The demo shop's dbt project, declared: what a team would write in its `models/*.yml` and
 * `sources.yml`. demo-project.ts turns this into real artifact shapes. Column tests follow dbt's
 * generic tests: 'pk' = unique + not_null, 'nn' = not_null, { values } = accepted_values,
 * { rel } = relationships to another model's column (the same name unless `field` says otherwise).
 */

export type ColumnTest = 'pk' | 'nn' | { values: string[] } | { rel: string; field?: string };
/** [name, Snowflake type as the catalog reports it, description, tests] */
export type ColumnSpec = [string, string, string, ColumnTest[]?];

export interface ModelSpec {
  name: string;
  layer: 'staging' | 'intermediate' | 'marts';
  materialized: 'view' | 'table' | 'incremental';
  /** Model names, `source:ecom.raw_orders`, `seed:channel_mapping`, `snapshot:…`. */
  deps: string[];
  description: string;
  columns: ColumnSpec[];
}

export interface SourceTableSpec {
  name: string;
  description: string;
  /** Hours: warn after, error after; `null` for a table without a freshness check. */
  freshness: [number, number] | null;
  /** How long before `now` the table was last loaded. */
  loadedHoursAgo: number;
  columns: ColumnSpec[];
}

export interface SourceSpec {
  name: string;
  schema: string;
  loader: string;
  description: string;
  tables: SourceTableSpec[];
}

const hr = (h: number): [number, number] => [h, h * 2];

export const DEMO_SOURCES: SourceSpec[] = [
  {
    name: 'ecom', schema: 'ecom', loader: 'fivetran',
    description: 'The shop\'s operational Postgres database, replicated into Snowflake by Fivetran every 30 minutes.',
    tables: [
      { name: 'raw_customers', description: 'One row per registered customer account.', freshness: hr(12), loadedHoursAgo: 0.6, columns: [['id', 'NUMBER', 'Customer id.', ['pk']], ['email', 'TEXT', 'Login e-mail.']] },
      { name: 'raw_orders', description: 'One row per order placed on the web shop or the mobile app.', freshness: hr(12), loadedHoursAgo: 0.6, columns: [['id', 'NUMBER', 'Order id.', ['pk']], ['status', 'TEXT', 'Order status.']] },
      { name: 'raw_order_items', description: 'Line items of each order.', freshness: hr(12), loadedHoursAgo: 0.6, columns: [['id', 'NUMBER', 'Line item id.', ['pk']]] },
      { name: 'raw_products', description: 'The product catalogue as maintained by merchandising.', freshness: hr(24), loadedHoursAgo: 5, columns: [['id', 'NUMBER', 'Product id.', ['pk']]] },
      { name: 'raw_payments', description: 'Payments captured at checkout (cards, gift cards, bank transfers).', freshness: hr(12), loadedHoursAgo: 0.6, columns: [['id', 'NUMBER', 'Payment id.', ['pk']]] },
      { name: 'raw_inventory', description: 'Stock counts per product and warehouse, exported nightly by the WMS.', freshness: hr(24), loadedHoursAgo: 74, columns: [['product_id', 'NUMBER', 'Product counted.', ['nn']]] },
      { name: 'raw_shipments', description: 'Parcels handed over to carriers.', freshness: hr(12), loadedHoursAgo: 1.5, columns: [['id', 'NUMBER', 'Shipment id.', ['pk']]] },
      { name: 'raw_addresses', description: 'Shipping and billing addresses.', freshness: null, loadedHoursAgo: 2, columns: [['id', 'NUMBER', 'Address id.', ['pk']]] },
      { name: 'raw_sessions', description: 'Web sessions from the analytics tracker, one row per session.', freshness: hr(6), loadedHoursAgo: 1, columns: [['session_id', 'TEXT', 'Session id.', ['nn']]] },
      { name: 'raw_ad_spend', description: 'Daily spend per campaign from the ad platforms.', freshness: hr(24), loadedHoursAgo: 8, columns: [['campaign_id', 'TEXT', 'Campaign id.', ['nn']]] },
    ],
  },
  {
    name: 'stripe', schema: 'stripe', loader: 'stitch',
    description: 'Stripe account data (charges, refunds, disputes), loaded by Stitch.',
    tables: [
      { name: 'charges', description: 'Card charges, successful or not.', freshness: hr(12), loadedHoursAgo: 1, columns: [['id', 'TEXT', 'Stripe charge id (`ch_…`).', ['pk']]] },
      { name: 'refunds', description: 'Refunds issued against charges.', freshness: hr(12), loadedHoursAgo: 1, columns: [['id', 'TEXT', 'Stripe refund id (`re_…`).', ['pk']]] },
      { name: 'payment_intents', description: 'Payment intents created at checkout.', freshness: hr(12), loadedHoursAgo: 1, columns: [['id', 'TEXT', 'Stripe payment intent id.', ['pk']]] },
      { name: 'disputes', description: 'Chargebacks opened by card holders.', freshness: [6, 48], loadedHoursAgo: 9, columns: [['id', 'TEXT', 'Stripe dispute id.', ['pk']]] },
    ],
  },
];

export const DEMO_SEEDS: { name: string; description: string; columns: ColumnSpec[] }[] = [
  { name: 'product_categories', description: 'Merchandising\'s category tree, maintained by hand.', columns: [['category_id', 'NUMBER', 'Category id.', ['pk']], ['category_name', 'TEXT', 'Display name.'], ['parent_category_id', 'NUMBER', 'Parent in the tree; empty for top level.']] },
  { name: 'channel_mapping', description: 'Maps UTM source/medium pairs to the **marketing channel** reported in dashboards.', columns: [['utm_source', 'TEXT', 'UTM source.', ['nn']], ['utm_medium', 'TEXT', 'UTM medium.'], ['channel', 'TEXT', 'Reporting channel.', [{ values: ['paid_search', 'paid_social', 'email', 'organic', 'referral', 'direct'] }]]] },
  { name: 'country_codes', description: 'ISO 3166 country codes and the shop\'s sales regions.', columns: [['country_code', 'TEXT', 'ISO 3166-1 alpha-2.', ['pk']], ['country_name', 'TEXT', 'English name.'], ['sales_region', 'TEXT', 'EMEA, NA, APAC or LATAM.']] },
];

export const DEMO_SNAPSHOT = {
  name: 'products_snapshot',
  dep: 'source:ecom.raw_products',
  description: 'Type-2 history of the product catalogue (prices and categories over time), checked every run.',
  columns: [['product_id', 'NUMBER', 'Product id.', ['nn']], ['price', 'NUMBER', 'List price at the time.'], ['dbt_valid_from', 'TIMESTAMP_NTZ', 'Start of validity.'], ['dbt_valid_to', 'TIMESTAMP_NTZ', 'End of validity; empty for the current row.']] as ColumnSpec[],
};

const STATUSES = ['placed', 'shipped', 'completed', 'returned'];
const id = (what: string, tests: ColumnTest[] = ['pk']): ColumnSpec => [`${what}_id`, 'NUMBER', `Primary key of the ${what}.`, tests];
const fk = (what: string, to: string): ColumnSpec => [`${what}_id`, 'NUMBER', `The ${what} this row belongs to.`, ['nn', { rel: to }]];
const ts = (name: string, what: string): ColumnSpec => [name, 'TIMESTAMP_NTZ', what];
const amount = (name: string, what: string): ColumnSpec => [name, 'NUMBER', what];
const text = (name: string, what: string, tests?: ColumnTest[]): ColumnSpec => [name, 'TEXT', what, tests];
const model = (name: string, layer: ModelSpec['layer'], deps: string[], description: string, columns: ColumnSpec[], materialized?: ModelSpec['materialized']): ModelSpec =>
  ({ name, layer, deps, description, columns, materialized: materialized ?? (layer === 'staging' ? 'view' : layer === 'intermediate' ? 'view' : 'table') });

export const DEMO_MODELS: ModelSpec[] = [
  // Staging: one model per source table, renamed and typed, nothing else.
  model('stg_customers', 'staging', ['source:ecom.raw_customers'], 'Customers with basic cleaning: e-mails lower-cased, test accounts removed.', [id('customer'), text('email', 'Lower-cased login e-mail. **PII**.', ['nn']), text('first_name', 'First name. **PII**.'), text('country_code', 'Country of the default address.'), ts('created_at', 'When the account was created (UTC).')]),
  model('stg_orders', 'staging', ['source:ecom.raw_orders'], 'Orders as placed, one row per order, amounts converted from cents to dollars.', [id('order'), fk('customer', 'stg_customers'), text('status', 'Fulfilment status.', [{ values: STATUSES }]), amount('order_total', 'Order total in USD, tax included.'), ts('ordered_at', 'When the order was placed (UTC).')]),
  model('stg_order_items', 'staging', ['source:ecom.raw_order_items'], 'Order line items, one row per product per order.', [id('order_item'), fk('order', 'stg_orders'), fk('product', 'stg_products'), amount('quantity', 'Units ordered.')]),
  model('stg_products', 'staging', ['source:ecom.raw_products'], 'Products currently or formerly sold, with prices in dollars.', [id('product'), text('product_name', 'Display name.'), amount('category_id', 'Merchandising category.'), amount('price', 'Current list price in USD.')]),
  model('stg_payments', 'staging', ['source:ecom.raw_payments'], 'Payments captured at checkout, one row per payment attempt that succeeded.', [id('payment'), fk('order', 'stg_orders'), text('payment_method', 'How the customer paid.', [{ values: ['credit_card', 'gift_card', 'bank_transfer', 'coupon'] }]), amount('amount', 'Amount in USD.')]),
  model('stg_inventory_levels', 'staging', ['source:ecom.raw_inventory'], 'Nightly stock counts per product and warehouse.', [text('inventory_key', 'Product id and warehouse code.', ['pk']), fk('product', 'stg_products'), text('warehouse_code', 'Warehouse (AMS1, RNO2, …).'), amount('units_on_hand', 'Units counted.')]),
  model('stg_shipments', 'staging', ['source:ecom.raw_shipments'], 'Parcels handed to carriers.', [id('shipment'), fk('order', 'stg_orders'), text('carrier', 'DHL, UPS, PostNL…'), ts('shipped_at', 'Hand-over time (UTC).')]),
  model('stg_addresses', 'staging', ['source:ecom.raw_addresses'], 'Shipping and billing addresses, normalised.', [id('address'), fk('customer', 'stg_customers'), text('country_code', 'ISO 3166-1 alpha-2.')]),
  model('stg_sessions', 'staging', ['source:ecom.raw_sessions'], 'Web sessions with their UTM parameters.', [text('session_id', 'Tracker session id.', ['pk']), amount('customer_id', 'Known customer, if logged in.'), text('utm_source', 'UTM source.'), text('utm_medium', 'UTM medium.'), ts('started_at', 'Session start (UTC).')]),
  model('stg_ad_spend', 'staging', ['source:ecom.raw_ad_spend'], 'Daily ad spend per campaign, in USD.', [text('spend_key', 'Campaign id and date.', ['pk']), text('campaign_id', 'Ad platform campaign id.'), text('utm_source', 'UTM source the campaign tags.'), amount('spend', 'Spend in USD.')]),
  model('stg_stripe_charges', 'staging', ['source:stripe.charges'], 'Stripe charges, amounts in dollars.', [text('charge_id', 'Stripe charge id.', ['pk']), text('payment_intent_id', 'The payment intent.'), amount('amount', 'Amount in USD.'), text('charge_status', 'succeeded, pending or failed.', [{ values: ['succeeded', 'pending', 'failed'] }])]),
  model('stg_stripe_refunds', 'staging', ['source:stripe.refunds'], 'Stripe refunds, amounts in dollars.', [text('refund_id', 'Stripe refund id.', ['pk']), text('charge_id', 'Refunded charge.', ['nn']), amount('amount', 'Refunded amount in USD.'), text('reason', 'Reason given by support.')]),
  model('stg_stripe_payment_intents', 'staging', ['source:stripe.payment_intents'], 'Stripe payment intents with the shop order id from their metadata.', [text('payment_intent_id', 'Stripe payment intent id.', ['pk']), amount('order_id', 'Shop order id (from metadata).')]),
  model('stg_stripe_disputes', 'staging', ['source:stripe.disputes'], 'Stripe disputes (chargebacks).', [text('dispute_id', 'Stripe dispute id.', ['pk']), text('charge_id', 'Disputed charge.', ['nn']), amount('amount', 'Disputed amount in USD.')]),
  // Intermediate: joins and business logic that several marts share.
  model('int_orders_enriched', 'intermediate', ['stg_orders', 'stg_order_items', 'stg_products'], 'Orders joined to their items and products: item counts, subtotal and the categories bought.', [id('order'), fk('customer', 'stg_customers'), amount('item_count', 'Units in the order.'), amount('subtotal', 'Sum of item prices, before tax.')]),
  model('int_order_items_priced', 'intermediate', ['stg_order_items', 'stg_products', 'seed:product_categories'], 'Line items with the price paid and the product category at the time of the order.', [id('order_item'), amount('unit_price', 'Price paid per unit in USD.'), text('category_name', 'Category at order time.')]),
  model('int_payments_pivoted', 'intermediate', ['stg_payments'], '', [id('order'), amount('credit_card_amount', ''), amount('gift_card_amount', ''), amount('bank_transfer_amount', '')]),
  model('int_customer_orders', 'intermediate', ['stg_customers', 'int_orders_enriched'], 'Per customer: first and latest order, order count and lifetime spend.', [id('customer'), ts('first_ordered_at', 'First order (UTC).'), amount('order_count', 'Orders placed.'), amount('lifetime_spend', 'Sum of order totals in USD.')]),
  model('int_customer_first_touch', 'intermediate', ['stg_sessions', 'stg_customers', 'seed:channel_mapping'], 'The marketing channel of each customer\'s first known session.', [id('customer'), text('first_touch_channel', 'Channel of the first session.')]),
  model('int_inventory_daily', 'intermediate', ['stg_inventory_levels', 'stg_products'], 'Units on hand per product per day, summed over warehouses.', [text('inventory_day_key', 'Product id and day.', ['pk']), fk('product', 'stg_products'), amount('units_on_hand', 'Units across all warehouses.')]),
  model('int_inventory_forecast', 'intermediate', ['int_inventory_daily'], 'Days of cover per product, from the last 28 days of sales. *Work in progress*: not yet in any job.', [id('product'), amount('days_of_cover', 'Days until stock-out at the current sales rate.')]),
  model('int_shipments_joined', 'intermediate', ['stg_shipments', 'stg_addresses'], 'Shipments with their destination country.', [id('shipment'), text('country_code', 'Destination country.')]),
  model('int_marketing_spend_daily', 'intermediate', ['stg_ad_spend', 'seed:channel_mapping'], 'Ad spend per channel per day.', [text('spend_day_key', 'Channel and day.', ['pk']), text('channel', 'Reporting channel.'), amount('spend', 'Spend in USD.')]),
  model('int_sessions_attributed', 'intermediate', ['stg_sessions', 'seed:channel_mapping'], 'Sessions with their reporting channel.', [text('session_id', 'Tracker session id.', ['pk']), text('channel', 'Reporting channel.', ['nn'])]),
  model('int_stripe_charges_matched', 'intermediate', ['stg_stripe_charges', 'stg_stripe_payment_intents', 'stg_orders'], 'Stripe charges matched to shop orders through their payment intents.', [text('charge_id', 'Stripe charge id.', ['pk']), fk('order', 'stg_orders'), amount('amount', 'Charged in USD.')]),
  model('int_order_payments', 'intermediate', ['int_payments_pivoted', 'int_stripe_charges_matched'], 'Everything paid per order, across checkout payments and Stripe.', [id('order'), amount('amount_paid', 'Total paid in USD.')]),
  // Marts: what dashboards read.
  model('customers', 'marts', ['int_customer_orders', 'int_customer_first_touch'], '**Customer overview**, one row per customer who ever ordered.\n\nUse it for:\n- lifetime value and order counts\n- first-touch marketing channel\n\nSee the [customer glossary](https://wiki.example.com/glossary/customer) for what counts as a customer.', [id('customer'), text('email', 'Login e-mail. **PII**: do not export.'), ts('first_ordered_at', 'First order (UTC).'), amount('order_count', 'Orders placed.'), amount('lifetime_spend', 'Lifetime spend in USD, tax included.'), text('first_touch_channel', 'Channel of the first known session.')]),
  model('orders', 'marts', ['int_orders_enriched', 'int_order_payments'], '**Order overview**, one row per order.\n\n- `status` follows the fulfilment flow: placed → shipped → completed (or returned)\n- amounts are in USD, tax included\n\nOwned by the *Commerce analytics* team.', [id('order'), fk('customer', 'customers'), text('status', 'Fulfilment status: placed, shipped, completed or returned.', [{ values: STATUSES }]), amount('order_total', 'Total in USD, tax included.'), amount('amount_paid', 'Total paid in USD.', ), ts('ordered_at', 'When the order was placed (UTC).')]),
  model('order_items', 'marts', ['int_order_items_priced'], 'One row per order line, with price paid and category.', [id('order_item'), fk('order', 'orders'), amount('unit_price', 'Price paid per unit in USD.'), text('category_name', 'Category at order time.')]),
  model('products', 'marts', ['stg_products', 'seed:product_categories'], 'The product catalogue with current prices and categories.', [id('product'), text('product_name', 'Display name.'), text('category', 'Top-level category name.', ['nn']), amount('price', 'Current list price in USD.')]),
  model('dim_dates', 'marts', [], 'Calendar dimension from 2018-01-01 to the end of next year, with fiscal periods (the fiscal year starts on **1 February**).', [['date_day', 'DATE', 'The day.', ['pk']], amount('fiscal_year', 'Fiscal year.'), text('fiscal_quarter', 'FY25-Q1 style label.')]),
  model('fct_orders_daily', 'marts', ['orders'], 'Orders and revenue per day.', [['order_date', 'DATE', 'Day (UTC).', ['pk']], amount('order_count', 'Orders placed.'), amount('revenue', 'Order totals in USD.')], 'incremental'),
  model('fct_revenue', 'marts', ['orders', 'int_order_payments'], 'Recognised revenue per order, net of payment fees.', [id('order'), amount('gross_revenue', 'Order total in USD.'), amount('net_revenue', 'After payment fees, in USD.')]),
  model('fct_refunds', 'marts', ['stg_stripe_refunds', 'orders'], 'Refunds per order, matched from Stripe.', [text('refund_id', 'Stripe refund id.', ['pk']), fk('order', 'orders'), amount('amount', 'Refunded in USD.')], 'incremental'),
  model('fct_chargebacks', 'marts', ['stg_stripe_disputes', 'orders'], 'Chargebacks per order and their outcome.', [text('dispute_id', 'Stripe dispute id.', ['pk']), amount('order_id', 'Disputed order.'), amount('amount', 'Disputed amount in USD.')]),
  model('fct_inventory_levels', 'marts', ['int_inventory_daily'], 'Daily stock per product, for the operations dashboard.', [text('inventory_day_key', 'Product id and day.', ['pk']), amount('units_on_hand', 'Units across all warehouses.')]),
  model('fct_shipments', 'marts', ['int_shipments_joined', 'orders'], 'Shipments with their order and destination, for delivery-time reporting.', [id('shipment'), fk('order', 'orders'), text('country_code', 'Destination country.')]),
  model('fct_marketing_spend', 'marts', ['int_marketing_spend_daily'], 'Ad spend per channel per day.', [text('spend_day_key', 'Channel and day.', ['pk']), text('channel', 'Reporting channel.'), amount('spend', 'Spend in USD.')]),
  model('fct_marketing_attribution', 'marts', ['int_sessions_attributed', 'orders'], 'Orders attributed to marketing channels (last non-direct click, 30-day window).', [id('order'), text('channel', 'Attributed channel.', ['nn'])]),
  model('rpt_customer_ltv', 'marts', ['customers', 'orders'], 'Customer lifetime value by acquisition month and channel.', [text('cohort_key', 'Acquisition month and channel.', ['pk']), amount('avg_ltv', 'Average lifetime spend in USD.')]),
  model('rpt_monthly_finance', 'marts', ['fct_revenue'], 'Monthly revenue for the finance close. Numbers are **final** after the 5th working day of the next month.', [['month', 'DATE', 'First day of the month.', ['pk']], amount('net_revenue', 'Net revenue in USD.')]),
  model('rpt_channel_mix_legacy', 'marts', ['int_sessions_attributed'], 'Sessions per channel, the old way. *Deprecated*: use `fct_marketing_attribution`; removed from the daily job.', [text('channel', 'Reporting channel.', ['pk']), amount('sessions', 'Sessions.')]),
  model('rpt_cohort_retention', 'marts', ['customers', 'orders'], 'Share of each monthly cohort that ordered again in later months.', [text('cohort_month_key', 'Cohort and months since first order.', ['pk']), amount('retention_rate', 'Share of the cohort, 0 to 1.')]),
  model('rpt_executive_kpis', 'marts', ['fct_revenue', 'customers', 'fct_orders_daily'], 'The executive dashboard\'s weekly KPIs: revenue, orders, new customers, AOV.', [['week_start', 'DATE', 'Monday of the week.', ['pk']], amount('revenue', 'Net revenue in USD.'), amount('new_customers', 'Customers with a first order that week.')]),
];
