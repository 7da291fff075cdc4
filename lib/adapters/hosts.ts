/**
 * The BI tools' SaaS hosts (DESIGN.md "Supported SaaS hosts"). Content scripts run only here and on
 * self-hosted BI hosts the user adds at run time. Shared by the manifest and the content script.
 */
export const BI_HOST_PATTERNS = [
  'https://app.mode.com/*',
  'https://*.cloud.looker.com/*',
  'https://*.looker.com/*',
  'https://app.powerbi.com/*',
  'https://*.metabaseapp.com/*',
  'https://app.sigmacomputing.com/*',
  'https://*.preset.io/*',
  'https://app.hex.tech/*',
  'https://*.lightdash.cloud/*',
  'https://*.online.tableau.com/*',
];

/** The Discovery API hosts; only the background service worker talks to them. */
export const DISCOVERY_HOST_PATTERNS = ['https://*.getdbt.com/*', 'https://*.dbt.com/*'];
