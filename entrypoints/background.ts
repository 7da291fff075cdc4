/**
 * The background: wiring only. The effective config is computed here once and again when storage
 * changes; the catalog gets sources made from it (lib/background/sources.ts); one router answers
 * every message; one alarm per environment keeps its index fresh.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { injectAfterLoad, runningInThisWorld, urlFiltersOf, type AfterLoadDeps } from '../lib/background/after-load';
import { syncBiHostScripts, toolOfHost } from '../lib/background/bi-host-scripts';
import { tellOpenPages } from '../lib/background/open-pages';
import { createRetryScheduler, RETRY_ALARM } from '../lib/background/retry';
import { routeSafely, isBackgroundMessage } from '../lib/background/router';
import { createSetupBuilder } from '../lib/background/sources';
import { keepFromContentScripts, type AccessLevelArea } from '../lib/background/storage-access';
import { BI_HOST_PATTERNS } from '../lib/adapters/hosts';
import { createCatalogService } from '../lib/catalog/catalog-service';
import { idbIndexStore } from '../lib/catalog/index-store';
import { nextSyncMinutes } from '../lib/catalog/schedule';
import { loadEffectiveConfig, SETTINGS_KEY } from '../lib/config';
import { RequestGate, type GateBlock } from '../lib/discovery/request-gate';
import { markdownToHtml } from '../lib/format/markdown';
import { classifySender, type DocentError } from '../lib/messaging';
import { err, ok, type Result } from '../lib/result';
import { readSyncStatus, writeSyncStatus } from '../lib/storage/status';

const SYNC_ALARM_PREFIX = 'docent-sync:';
const CONTENT_SCRIPT = 'content-scripts/bi.js';
const GATE_BLOCK_KEY = 'docent:gateBlock';
const RETRY_ATTEMPTS_KEY = 'docent:retryAttempts';

export default defineBackground(() => {
  // First, and synchronously, so that a BI page's load wakes a stopped worker: the content script
  // goes in after the page's load event, never holding it (lib/background/after-load.ts).
  const afterLoad: AfterLoadDeps = {
    getAllFrames: async (tabId) => (await browser.webNavigation.getAllFrames({ tabId })) ?? null,
    executeScript: (tabId, frameIds) => browser.scripting.executeScript({ target: { tabId, frameIds }, files: [CONTENT_SCRIPT] }),
    isRunning: async (tabId, frameId) =>
      (await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: runningInThisWorld }))[0]?.result === true,
  };
  browser.webNavigation.onCompleted.addListener(
    (details) => void injectAfterLoad(afterLoad, details.tabId, details.frameId),
    { url: urlFiltersOf(BI_HOST_PATTERNS) },
  );

  // The token's storage area, closed to content scripts where the browser allows it (Chromium).
  void keepFromContentScripts(browser.storage.local as unknown as AccessLevelArea);
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

  // After a transient failure, one retry alarm (lib/background/retry.ts): heals without a click.
  const retryAfterFailure = createRetryScheduler({
    alarms: browser.alarms,
    readAttempts: async () => Number((await browser.storage.session.get(RETRY_ATTEMPTS_KEY))[RETRY_ATTEMPTS_KEY]) || 0,
    writeAttempts: (attempts) => browser.storage.session.set({ [RETRY_ATTEMPTS_KEY]: attempts }),
    now: () => Date.now(),
  });

  const buildSetup = createSetupBuilder({ gate });
  const service = createCatalogService({
    loadSetup: async () => buildSetup(await loadEffectiveConfig()),
    store: idbIndexStore,
    readStatus: readSyncStatus,
    publishStatus: (status) => {
      retryAfterFailure(status).catch(() => {});
      return writeSyncStatus(status);
    },
    onIndexChanged: () => void tellOpenPages(browser.tabs, { type: 'indexUpdated' }),
    renderMarkdown: markdownToHtml,
    now: () => new Date(),
  });

  /** Dynamic registrations do not survive a restart of an unpacked extension: redone on every start. */
  async function registerSelfHostedBi(): Promise<void> {
    const { settings } = await loadEffectiveConfig();
    await syncBiHostScripts(settings.biHosts, settings.disabledTools, {
      scripting: browser.scripting,
      hasPermission: (origin) => browser.permissions.contains({ origins: [origin] }),
      contentScript: CONTENT_SCRIPT,
      injectIntoOpenTabs: async (patterns) => {
        const tabs = await browser.tabs.query({ url: patterns });
        await Promise.all(
          tabs.map((tab) =>
            tab.id === undefined ? null : browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [CONTENT_SCRIPT] }).catch(() => null),
          ),
        );
      },
    });
  }

  async function biHostTool(host: string): Promise<string | null> {
    const { settings } = await loadEffectiveConfig();
    return toolOfHost(settings.biHosts, settings.disabledTools, host);
  }

  async function toolEnabled(tool: string): Promise<boolean> {
    const { settings } = await loadEffectiveConfig();
    return !(settings.disabledTools as readonly string[]).includes(tool);
  }

  /** One alarm per environment, each at its interval ±20 %; alarms of removed environments go. */
  async function schedule(onlyMissing: boolean): Promise<void> {
    const environments = await service.environments();
    const alarms = await browser.alarms.getAll();
    const wanted = new Set(environments.map((e) => SYNC_ALARM_PREFIX + e.key));
    for (const alarm of alarms) if (alarm.name.startsWith(SYNC_ALARM_PREFIX) && !wanted.has(alarm.name)) await browser.alarms.clear(alarm.name);
    for (const env of environments) {
      const name = SYNC_ALARM_PREFIX + env.key;
      if (onlyMissing && alarms.some((a) => a.name === name)) continue;
      await browser.alarms.create(name, { delayInMinutes: nextSyncMinutes(env.refreshMinutes) });
    }
  }

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isBackgroundMessage(message)) return undefined;
    const role = classifySender(sender, browser.runtime.id, browser.runtime.getURL(''));
    const loadCard = () => injectCard(sender);
    // The card's code needs no index: it is injected without waiting for the gate's state.
    if (message.type === 'loadCard') return routeSafely(service, message, role, { loadCard });
    if (message.type === 'injectFrames') return routeSafely(service, message, role, { injectFrames: () => injectFrames(sender) });
    return gateRestored.then(() => routeSafely(service, message, role, { biHostTool, toolEnabled }));
  });

  /** The doc card's bundle (entrypoints/card.ts) into the content script's world of the sender's frame. */
  async function injectCard(sender: Runtime.MessageSender): Promise<Result<true, DocentError>> {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return err({ kind: 'forbiddenSender', message: 'Only a tab can load the doc card.' });
    try {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: ['/card.js'] });
      return ok(true as const);
    } catch (error) {
      return err({ kind: 'backgroundUnavailable', message: `Docent could not load its doc card (${String(error).slice(0, 200)}).` });
    }
  }

  /** The about:blank and srcdoc frames the sender's frame wrote after it loaded. */
  async function injectFrames(sender: Runtime.MessageSender): Promise<Result<true, DocentError>> {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return err({ kind: 'forbiddenSender', message: 'Only a tab holds frames.' });
    await injectAfterLoad(afterLoad, tabId, sender.frameId ?? 0);
    return ok(true as const);
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) {
      void gateRestored.then(() => service.sync()).catch(() => {});
      return;
    }
    if (!alarm.name.startsWith(SYNC_ALARM_PREFIX)) return;
    const environment = alarm.name.slice(SYNC_ALARM_PREFIX.length);
    void gateRestored
      .then(() => service.sync({ environment }))
      .then(() => service.environments())
      .then((environments) => {
        const env = environments.find((e) => e.key === environment);
        if (env) return browser.alarms.create(alarm.name, { delayInMinutes: nextSyncMinutes(env.refreshMinutes) });
        return undefined;
      })
      .catch(() => {});
  });

  // Settings changed (options page saved, or the administrator's policy changed): the config is
  // computed again; environments whose settings changed sync, and their tabs hear when it changed
  // something. Verdict-only settings (stale-after hours) make open pages re-resolve once.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'managed' && !(area === 'local' && SETTINGS_KEY in changes)) return;
    registerSelfHostedBi().catch(() => {});
    void gateRestored
      .then(() => service.reconfigure())
      .then(() => schedule(false))
      .catch(() => {});
  });

  browser.runtime.onInstalled.addListener(() => {
    void gateRestored.then(() => service.sync());
    // BI tabs open when Docent is installed or updated get it now, not at their next load.
    void browser.tabs
      .query({ url: BI_HOST_PATTERNS, status: 'complete' })
      .then((tabs) => Promise.all(tabs.map((tab) => (tab.id === undefined ? null : injectAfterLoad(afterLoad, tab.id, 0)))))
      .catch(() => {});
  });
  browser.runtime.onStartup.addListener(() => void gateRestored.then(() => service.sync()));
  // A service worker killed mid-sync left 'Syncing…' behind: start that sync again from the top.
  void readSyncStatus()
    .then((status) => (status.phase === 'syncing' ? gateRestored.then(() => service.sync()) : undefined))
    .catch(() => {});
  schedule(true).catch(() => {});
  // A host's permission granted (Add host) or revoked (chrome://extensions): registrations follow.
  browser.permissions.onAdded.addListener(() => void registerSelfHostedBi().catch(() => {}));
  browser.permissions.onRemoved.addListener(() => void registerSelfHostedBi().catch(() => {}));
  registerSelfHostedBi().catch(() => {});
});
