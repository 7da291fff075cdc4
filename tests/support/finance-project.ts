/**
 * A second dbt project for tests of several projects and of dbt Mesh: `finance_hub`, a small
 * project in its own database (FINANCE) that reads the demo shop's models through cross-project
 * references (`{{ ref('demo_shop', 'fct_revenue') }}`) and declares no sources of its own, so every
 * upstream source it has lives in the shop's project. Its `customers` shares its bare name with the
 * shop's `customers` (the same name in two projects). Same artifact shapes as demo-project.ts, its
 * nodes derived from the shop's so they stay real; the runs are one clean build 3 hours ago.
 */
import { createHash } from 'node:crypto';
import type { DbtArtifacts, Manifest, ManifestColumn, ManifestNode } from './dbt-artifacts';
import { DEMO_FACTS, generateDemoProject } from './demo-project';
import { buildDemoRuns } from './demo-project-runs';

const PACKAGE = 'finance_hub';
const DATABASE = 'FINANCE';
const SCHEMA = 'reporting';
const SHOP = DEMO_FACTS.projectName;

interface FinanceModel {
  name: string;
  /** Unique ids: the shop's models are cross-project references. */
  deps: string[];
  description: string;
  key: string;
}

const FINANCE_MODELS: FinanceModel[] = [
  { name: 'gl_revenue', deps: [`model.${SHOP}.fct_revenue`], key: 'revenue_date', description: 'Revenue as booked in the general ledger, per day, from the shop\'s recognised revenue.' },
  { name: 'inventory_valuation', deps: [`model.${SHOP}.fct_inventory_levels`], key: 'product_id', description: 'Stock on hand valued at cost, per product, from the shop\'s inventory levels.' },
  { name: 'finance_kpis', deps: [`model.${PACKAGE}.gl_revenue`], key: 'month', description: 'Monthly finance KPIs for the board pack.' },
  { name: 'customers', deps: [`model.${SHOP}.customers`], key: 'customer_id', description: 'Customers as billing accounts: one row per customer with an invoice.' },
];

/** The facts tests name instead of repeating literals. */
export const FINANCE_FACTS = {
  projectName: PACKAGE,
  database: DATABASE,
  schema: SCHEMA,
  modelCount: FINANCE_MODELS.length,
  /** Reads the shop's `fct_revenue`, whose upstream sources are all fresh. */
  revenueModel: `model.${PACKAGE}.gl_revenue`,
  /** Reads the shop's `fct_inventory_levels`, upstream of the shop's erroring freshness check. */
  inventoryModel: `model.${PACKAGE}.inventory_valuation`,
  /** Two steps from the shop: through finance's own `gl_revenue`. */
  kpisModel: `model.${PACKAGE}.finance_kpis`,
  /** Shares its bare name with the shop's `customers`. */
  customersModel: `model.${PACKAGE}.customers`,
  crossProjectParents: { gl_revenue: `model.${SHOP}.fct_revenue`, inventory_valuation: `model.${SHOP}.fct_inventory_levels` },
} as const;

const column = (name: string, description: string, dataType: string): ManifestColumn =>
  ({ name, description, meta: {}, data_type: dataType, constraints: [], quote: null, tags: [], granularity: null, doc_blocks: [] }) as ManifestColumn;

function financeManifest(shop: Manifest): Manifest {
  const template = shop.nodes[`model.${SHOP}.customers`]!;
  const testTemplate = Object.values(shop.nodes).find((n) => n.resource_type === 'test' && n.attached_node === template.unique_id && n.test_metadata?.name === 'not_null')!;
  const nodes: ManifestNode[] = [];
  for (const m of FINANCE_MODELS) {
    const uniqueId = `model.${PACKAGE}.${m.name}`;
    const refs = m.deps.map((d) => {
      const [, project, name] = d.split('.');
      return project === PACKAGE ? `{{ ref('${name}') }}` : `{{ ref('${project}', '${name}') }}`;
    });
    nodes.push({
      ...structuredClone(template),
      unique_id: uniqueId,
      name: m.name,
      alias: m.name,
      package_name: PACKAGE,
      database: DATABASE,
      schema: SCHEMA,
      path: `${SCHEMA}/${m.name}.sql`,
      original_file_path: `models/${SCHEMA}/${m.name}.sql`,
      fqn: [PACKAGE, SCHEMA, m.name],
      description: m.description,
      columns: { [m.key]: column(m.key, 'Primary key.', 'number') },
      config: { ...template.config, schema: SCHEMA, materialized: 'table' },
      patch_path: `${PACKAGE}://models/${SCHEMA}/_${SCHEMA}.yml`,
      relation_name: `${DATABASE}.${SCHEMA}.${m.name}`,
      raw_code: `select *\nfrom ${refs.join('\n-- joined with ')}`,
      depends_on: { macros: [], nodes: m.deps },
    });
    const testName = `not_null_${m.name}_${m.key}`;
    nodes.push({
      ...structuredClone(testTemplate),
      unique_id: `test.${PACKAGE}.${testName}.${createHash('md5').update(`${PACKAGE}:${testName}`).digest('hex').slice(0, 10)}`,
      name: testName,
      alias: testName,
      package_name: PACKAGE,
      database: DATABASE,
      path: `${testName}.sql`,
      fqn: [PACKAGE, testName],
      depends_on: { macros: testTemplate.depends_on?.macros ?? [], nodes: [uniqueId] },
      column_name: m.key,
      attached_node: uniqueId,
      test_metadata: { name: 'not_null', kwargs: { column_name: m.key, model: `{{ get_where_subquery(ref('${m.name}')) }}` }, namespace: null },
    });
  }
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};
  for (const n of nodes) {
    parentMap[n.unique_id] = [...(n.depends_on?.nodes ?? [])];
    childMap[n.unique_id] = [];
  }
  for (const n of nodes) for (const parent of n.depends_on?.nodes ?? []) childMap[parent]?.push(n.unique_id);
  return {
    ...shop,
    metadata: { ...shop.metadata, project_name: PACKAGE, project_id: `${PACKAGE}-project` },
    nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])),
    sources: {},
    exposures: {},
    parent_map: parentMap,
    child_map: childMap,
  };
}

const NOTHING = 'model.finance_hub.__none__';

export function generateFinanceProject({ now }: { now: Date }): DbtArtifacts {
  const manifest = financeManifest(generateDemoProject({ now }).manifest);
  const runs = buildDemoRuns(manifest, now, {
    failingTest: { uniqueId: NOTHING, failures: 0 },
    warnedTest: { uniqueId: NOTHING, failures: 0 },
    erroredModel: { uniqueId: NOTHING, message: '' },
    staleModel: { uniqueId: NOTHING, daysSinceBuilt: 45 },
    neverRunModel: NOTHING,
    runs: {
      fullBuild: { runId: '70403112346001', jobDefinitionId: '70403103413001' },
      daily: { runId: '70403112346042', jobDefinitionId: '70403103413002' },
      freshness: { runId: '70403112346057', jobDefinitionId: '70403103413003' },
    },
  });
  return { manifest, ...runs };
}
