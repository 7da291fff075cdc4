import browser, { type Runtime } from 'webextension-polyfill';
import { createCatalogService, catalogConfigFrom } from '../lib/catalog/catalog-service';
import { handleBackgroundMessage, isBackgroundMessage } from '../lib/catalog/handle-message';
import { idbIndexStore } from '../lib/catalog/index-store';
import { readSyncStatus, writeSyncStatus } from '../lib/catalog/status-store';
import { loadEffectiveConfig, SETTINGS_KEY } from '../lib/config';
import { createDiscoveryClient } from '../lib/discovery/client';
import { RequestGate, type GateBlock } from '../lib/discovery/request-gate';
import { BI_HOST_PATTERNS } from '../lib/adapters/hosts';
import { classifySender, type BackgroundToContent } from '../lib/messaging';

const SYNC_ALARM = 'docent-sync';
const GATE_BLOCK_KEY = 'docent:gateBlock';

export default defineBackground(() => {
  // Kept in session storage so a service worker woken later still honours a Retry-After.
  const gate = new RequestGate({
    onBlocked: (block) => void browser.storage.session.set({ [GATE_BLOCK_KEY]: block }).catch(() => {}),
  });
  const gateRestored = browser.storage.session
    .get(GATE_BLOCK_KEY)
    .then((stored) => {
      const block = stored[GATE_BLOCK_KEY] as GateBlock | undefined;
      if (typeof block?.notBefore === 'number') gate.restore({ notBefore: block.notBefore, status: block.status ?? null });
    })
    .catch(() => {});

  const loadConfig = async () => catalogConfigFrom(await loadEffectiveConfig());

  const service = createCatalogService({
    loadConfig,
    createClient: (config) =>
      createDiscoveryClient({ endpoint: config.endpoint, token: config.token, environmentId: config.environmentId, gate }),
    store: idbIndexStore,
    readStatus: () => readSyncStatus(browser.storage.local),
    publishStatus: (status) => writeSyncStatus(browser.storage.local, status),
    onIndexChanged: () => void tellOpenPages({ type: 'indexUpdated' }),
    now: () => new Date(),
  });

  /** Every tab on a BI host; a tab without our content script just rejects, which is fine. */
  async function tellOpenPages(message: BackgroundToContent): Promise<void> {
    const tabs = await browser.tabs.query({ url: BI_HOST_PATTERNS }).catch(() => []);
    await Promise.all(tabs.map((tab) => (tab.id === undefined ? null : browser.tabs.sendMessage(tab.id, message).catch(() => null))));
  }

  async function scheduleSync(): Promise<void> {
    const { refreshMinutes } = await loadConfig();
    const existing = await browser.alarms.get(SYNC_ALARM);
    if (existing?.periodInMinutes !== refreshMinutes) {
      await browser.alarms.create(SYNC_ALARM, { periodInMinutes: refreshMinutes });
    }
  }

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isBackgroundMessage(message)) return undefined;
    const role = classifySender(sender, browser.runtime.id, browser.runtime.getURL(''));
    return gateRestored.then(() => handleBackgroundMessage(service, message, role));
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void gateRestored.then(() => service.sync());
  });

  // Settings changed (options page saved, or the administrator's policy changed): a new schedule,
  // and open pages redraw, since verdicts depend on settings (stale-after hours) too.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'managed' && !(area === 'local' && SETTINGS_KEY in changes)) return;
    scheduleSync().catch(() => {});
    void tellOpenPages({ type: 'indexUpdated' });
    if (area === 'managed') void gateRestored.then(() => service.sync());
  });

  browser.runtime.onInstalled.addListener(() => void gateRestored.then(() => service.sync()));
  browser.runtime.onStartup.addListener(() => void gateRestored.then(() => service.sync()));
  scheduleSync().catch(() => {});
});
