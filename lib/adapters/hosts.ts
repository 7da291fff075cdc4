/**
 * The BI tools' SaaS hosts, from the adapter registry: the manifest's host_permissions and the
 * content script's matches. Self-hosted BI hosts are added at run time, host by host.
 */
import { TOOL_ADAPTERS } from './index';

export const BI_HOST_PATTERNS: string[] = [...new Set(TOOL_ADAPTERS.flatMap((adapter) => adapter.matches))];

/** The Discovery API hosts; only the background service worker talks to them. */
export const DISCOVERY_HOST_PATTERNS = ['https://*.getdbt.com/*', 'https://*.dbt.com/*'];
