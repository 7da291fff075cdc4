import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { BI_HOST_PATTERNS, DISCOVERY_HOST_PATTERNS } from './lib/adapters/hosts';

/**
 * Firefox (MV3) needs an add-on id, and AMO asks every add-on to declare what data it collects.
 * Docent sends nothing about the reader or the pages they visit anywhere: page text is matched in
 * the browser, and the only requests go to the reader's own dbt account with their own token
 * (see README, "What Docent sends"). 142 is the first Firefox that reads the declaration.
 */
const FIREFOX_SETTINGS = {
  browser_specific_settings: {
    gecko: {
      // Firefox addresses managed policy (policies.json "3rdparty") and signing by this id (docs/admin.md).
      id: 'docent@dbt-docent',
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'] },
    },
  },
};

export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    // DOCENT_MINIFY=0 keeps function names, for CPU profiles (docs/performance.md).
    build: { minify: process.env.DOCENT_MINIFY !== '0' },
  }),
  zip: {
    // Firefox's reviewers rebuild the package from this sources zip (AMO's source code policy).
    sourcesRoot: '.',
    excludeSources: ['.demo/**', 'test-results/**', '.wxt/**', '.output/**'],
  },
  manifest: ({ browser }) => ({
    name: 'Docent — dbt context for BI dashboards',
    short_name: 'Docent',
    description:
      'Trust badges and doc cards from dbt next to every warehouse table and model on your BI dashboards.',
    // A fixed key keeps the extension id stable (godpidnacghnldbkgeajmnlhhlepojga), which managed
    // policy and the e2e tests address it by. Store packages (`npm run zip`) leave it out: the
    // Chrome Web Store refuses a manifest with a key and gives the extension its own id, and a
    // self-hosted package gets the id of the key it is signed with (README "Packages").
    ...(process.env.DOCENT_STORE_PACKAGE === '1' ? {} : { key: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnQgf6MSJ2hsMhGw0qkY1650JAnLTLXvDNYePbfvYvumsKLcaDkm5y7r5VaZahpiXcL5jt4SCU6d3sLHx0tQ4Pu+YxoD3oc5qgHK7PHoai4vQUr++vgNjJ2NAV2hu6orxYx7br+edr9pq1waIqCVSxsJhWqYGXRbor2DIvwBtefGEJXre0ZD/S65UmiofATqy/aZTJEH9qnQz+C5hJuG/t3D+BnRCqCJ1Gs0moCslyCDIptAss4WVkHLUc6Ka0dWTlBRH43BgpXD2K2Z5fTna3fYvT96dFoFDWF/0/6m8eejLw4ry9p92bRcDhkKZJHLfZk8b3GyfdV5C2YWm1hNkAQIDAQAB' }),
    // scripting: the content script, injected after a BI page's load event (webNavigation tells
    // when), and on self-hosted BI hosts registered at run time host by host (docs/architecture.md).
    permissions: ['storage', 'alarms', 'scripting', 'webNavigation'],
    host_permissions: [...BI_HOST_PATTERNS, ...DISCOVERY_HOST_PATTERNS],
    // Self-hosted BI hosts and loopback Discovery endpoints are granted at run time, host by host.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: 'Docent' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    ...(browser === 'firefox' ? FIREFOX_SETTINGS : {}),
  }),
});
