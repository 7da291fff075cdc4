/**
 * The demo shop's exposures: the dashboards that read it. Two kinds, as dbt has them
 * (https://docs.getdbt.com/docs/build/exposures):
 * - hand-written ones, declared under `exposures:` in the project's YAML, so they are in the
 *   manifest (v12 `exposures`) and in the Discovery API's `applied.exposures`;
 * - automatic ones, which dbt creates from a connected Tableau site or Power BI tenant
 *   (https://docs.getdbt.com/docs/platform-integrations/downstream-exposures-tableau). They live in
 *   dbt's metadata only, "don't exist in YAML files", so no manifest holds them; the Discovery API
 *   lists them beside the others. Their `url` opens the view or report in the BI tool. dbt does not
 *   document their unique ids or file paths: the ones here are this demo's guess, and Docent reads
 *   neither (only `url`, `exposureType` and `parents`).
 * The URLs are the fixture pages' (tests/fixtures/bi/<tool>/*.expected.json).
 */
import type { ManifestExposure } from './dbt-artifacts';

const PACKAGE = 'demo_shop';

interface ExposureSpec {
  name: string;
  label: string;
  type: 'dashboard' | 'notebook' | 'analysis' | 'ml' | 'application';
  url: string | null;
  /** Model names, or `source:stripe.charges`. */
  dependsOn: string[];
  owner: { name: string; email: string };
  description: string;
  /** Set for dbt's automatic exposures: the BI tool they came from. */
  auto?: 'tableau' | 'powerbi';
}

const FINANCE = { name: 'Finance analytics', email: 'finance-analytics@example.com' };
const COMMERCE = { name: 'Commerce analytics', email: 'commerce-analytics@example.com' };
const TABLEAU_SITE = 'https://prod-useast-b.online.tableau.com/#/site/acme';
const POWER_BI_WORKSPACE = 'https://app.powerbi.com/groups/0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e';

export const DEMO_EXPOSURE_SPECS: ExposureSpec[] = [
  // Hand-written (models/exposures.yml).
  {
    name: 'finance_close', label: 'Finance close', type: 'dashboard',
    url: 'https://acme.metabaseapp.com/dashboard/12',
    dependsOn: ['rpt_monthly_finance', 'fct_revenue', 'fct_chargebacks', 'source:stripe.charges'], owner: FINANCE,
    description: 'The monthly close in Metabase: net revenue by month, chargebacks, and the Stripe charges behind them.',
  },
  {
    name: 'executive_kpis', label: 'Executive KPIs', type: 'dashboard',
    url: 'https://acme.cloud.looker.com/dashboards/42',
    dependsOn: ['rpt_executive_kpis', 'rpt_customer_ltv'], owner: COMMERCE,
    description: 'The weekly leadership dashboard in Looker.',
  },
  {
    name: 'churn_model', label: 'Churn model', type: 'ml', url: null,
    dependsOn: ['customers', 'rpt_cohort_retention'], owner: COMMERCE,
    description: 'Features for the churn prediction model; no dashboard.',
  },
  // Automatic, from the Tableau site (one per Tableau view) and the Power BI tenant (one per report).
  {
    name: 'weekly_orders_overview', label: 'WeeklyOrders / Overview', type: 'dashboard', auto: 'tableau',
    url: `${TABLEAU_SITE}/views/WeeklyOrders/Overview`,
    dependsOn: ['orders', 'customers', 'fct_orders_daily'], owner: COMMERCE,
    description: '',
  },
  {
    name: 'marketing_channel_mix', label: 'Marketing / ChannelMix', type: 'dashboard', auto: 'tableau',
    url: `${TABLEAU_SITE}/views/Marketing/ChannelMix`,
    dependsOn: ['rpt_channel_mix_legacy', 'fct_marketing_spend'], owner: COMMERCE,
    description: '',
  },
  {
    name: 'finance_overview', label: 'Finance overview', type: 'dashboard', auto: 'powerbi',
    url: `${POWER_BI_WORKSPACE}/reports/6c1f2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b`,
    // rpt_monthly_finance feeds a measure and is hidden in report view, so the Data pane omits it.
    dependsOn: ['fct_revenue', 'dim_dates', 'customers', 'rpt_monthly_finance'], owner: FINANCE,
    description: '',
  },
];

const uniqueIdOf = (dep: string) => (dep.startsWith('source:') ? `source.${PACKAGE}.${dep.slice(7)}` : `model.${PACKAGE}.${dep}`);

function toManifest(spec: ExposureSpec): ManifestExposure {
  return {
    unique_id: `exposure.${PACKAGE}.${spec.name}`,
    name: spec.name,
    type: spec.type,
    url: spec.url,
    label: spec.label,
    package_name: PACKAGE,
    original_file_path: spec.auto ? '' : 'models/exposures.yml',
    fqn: [PACKAGE, spec.name],
    tags: spec.auto ? [spec.auto] : [],
    meta: {},
    description: spec.description,
    owner: spec.owner,
    depends_on: { nodes: spec.dependsOn.map(uniqueIdOf) },
  };
}

/** The manifest's exposures (hand-written) and dbt's automatic ones (in no artifact). */
export function demoExposures(): { manifest: Record<string, ManifestExposure>; automatic: ManifestExposure[] } {
  const written = DEMO_EXPOSURE_SPECS.filter((spec) => !spec.auto).map(toManifest);
  return {
    manifest: Object.fromEntries(written.map((exposure) => [exposure.unique_id, exposure])),
    automatic: DEMO_EXPOSURE_SPECS.filter((spec) => spec.auto).map(toManifest),
  };
}
