import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Storage } from 'webextension-polyfill';
import { PopupApp, requestSync, type PopupDeps } from '../../components/PopupApp';
import { MANAGED_TEXT } from '../../components/Popup';
import { isManaged } from '../../lib/config/storage';
import { readSyncStatus, watchSyncStatus, writeSyncStatus } from '../../lib/storage/status';
import { describeSyncStatus } from '../../components/status-text';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import { loadTabMatches, tabIdFromSearch, type SendListMatches } from '../../components/tab-matches';
import type { TabMatch } from '../../lib/messaging';
import { err, ok } from '../../lib/result';

const now = new Date('2026-11-28T12:00:00Z');

const ready: SyncStatus = {
  ...INITIAL_SYNC_STATUS,
  phase: 'ready',
  modelCount: 15,
  syncedAt: '2026-11-28T11:55:00Z',
};

// What the content script on a Mode report using the jaffle-shop marts would answer.
const matches: TabMatch[] = [
  { uniqueId: 'model.jaffle_shop.customers', name: 'customers', relation: 'shaman.dummy.customers', health: 'healthy', occurrences: 1 },
  { uniqueId: 'model.jaffle_shop.orders', name: 'orders', relation: 'shaman.dummy.orders', health: 'degraded', occurrences: 3 },
];

// Chrome's own words when a tab has no content script to receive the message.
const noReceiver = () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));

const local = fakeBrowser.storage.local as unknown as Storage.StorageArea;

function deps(overrides: Partial<PopupDeps> = {}): PopupDeps {
  return {
    readStatus: readSyncStatus,
    watchStatus: watchSyncStatus,
    tabs: { query: vi.fn(async () => [{ id: 7 }]) },
    sendToTab: vi.fn(async () => ok(matches)),
    sendToBackground: vi.fn(async () => ok(ready)),
    openOptionsPage: vi.fn(),
    search: '',
    clock: () => now,
    ...overrides,
  };
}

let container: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

async function open(d: PopupDeps): Promise<HTMLElement> {
  await act(async () => {
    render(<PopupApp deps={d} />, container);
  });
  // Settled once the tab has answered (or failed to) and the stored status has been read.
  await vi.waitFor(() => {
    expect(container.querySelector('.docent-popup-loading')).toBeNull();
    expect(container.querySelector('[role="status"]')!.textContent).not.toContain('Reading status…');
  });
  return container;
}

const statusText = () => container.querySelector('[role="status"]')!.textContent;

describe('popup status region', () => {
  it('shows the stored sync status and the data’s age', async () => {
    await writeSyncStatus(ready);
    await open(deps());
    await vi.waitFor(() => expect(statusText()).toContain('Connected — 15 models'));
    expect(statusText()).toContain('Last synced 5 minutes ago.');
  });

  it('follows the background’s status as it changes, including a failure clearing', async () => {
    await writeSyncStatus(ready);
    await open(deps());
    const failed: SyncStatus = {
      ...ready,
      phase: 'error',
      error: { kind: 'unauthorized', status: 401, message: 'dbt refused the service token (401). Create a new token and paste it in Options.' },
    };
    await act(() => writeSyncStatus(failed));
    expect(statusText()).toContain(describeSyncStatus(failed, now).headline);
    expect(statusText()).toContain('Showing data from 5 minutes ago.');
    await act(() => writeSyncStatus(ready));
    expect(statusText()).toContain('Connected — 15 models');
  });
});

describe('popup waking the background', () => {
  const leftSyncing: SyncStatus = { ...ready, phase: 'syncing', progress: { loaded: 500, total: null } };

  it('asks the background for its status on open and shows its answer over what storage held', async () => {
    // A service worker stopped mid-sync left "Syncing…" in storage; the question starts it again.
    await writeSyncStatus(leftSyncing);
    const getStatus = vi.fn(async () => ok(ready));
    await open(deps({ getStatus }));
    expect(getStatus).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(statusText()).toContain('Connected — 15 models'));
  });

  it('keeps a status the watcher delivered after the question over a late answer', async () => {
    await writeSyncStatus(ready);
    let answer!: (value: Awaited<ReturnType<NonNullable<PopupDeps['getStatus']>>>) => void;
    const getStatus = vi.fn(() => new Promise<Awaited<ReturnType<NonNullable<PopupDeps['getStatus']>>>>((r) => (answer = r)));
    await open(deps({ getStatus }));
    await act(() => writeSyncStatus(leftSyncing));
    await act(async () => answer(ok(ready)));
    expect(statusText()).toContain('Syncing');
  });

  it('shows the stored status when the background cannot answer', async () => {
    await writeSyncStatus(ready);
    await open(deps({ getStatus: vi.fn(async () => err({ kind: 'backgroundUnavailable' as const, message: 'no' })) }));
    expect(statusText()).toContain('Connected — 15 models');
  });
});

describe('popup under an administrator’s policy', () => {
  it('says the extension is managed when a policy is set, and nothing when it is not', async () => {
    await fakeBrowser.storage.managed.set({ accessUrl: 'https://cloud.getdbt.com' });
    await open(deps({ isManaged: () => isManaged(fakeBrowser.storage.managed as unknown as Storage.StorageArea) }));
    await vi.waitFor(() => expect(container.textContent).toContain(MANAGED_TEXT));
    render(null, container);
    await fakeBrowser.storage.managed.clear();
    await open(deps({ isManaged: () => isManaged(fakeBrowser.storage.managed as unknown as Storage.StorageArea) }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(container.textContent).not.toContain('Managed by');
  });
});

describe('popup matches for this tab', () => {
  it('lists the active tab’s matches, worst health first, with relation and occurrences', async () => {
    const d = deps();
    await open(d);
    expect(d.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(d.sendToTab).toHaveBeenCalledWith(7, { type: 'listMatches' });
    const items = [...container.querySelectorAll('.docent-popup-match')];
    expect(items.map((li) => li.querySelector('.docent-popup-match-name')!.textContent)).toEqual(['orders', 'customers']);
    expect(items[0]!.querySelector('.docent-popup-match-relation')!.textContent).toBe('shaman.dummy.orders');
    expect(items[0]!.querySelector('.docent-popup-match-count')!.textContent).toBe('3 occurrences');
    expect(items[0]!.querySelector('.docent-health-degraded')).not.toBeNull();
    expect(items[1]!.querySelector('.docent-popup-match-count')!.textContent).toBe('1 occurrence');
  });

  it('says Docent does not run on this page when the tab has no content script', async () => {
    await open(deps({ sendToTab: vi.fn(noReceiver) }));
    expect(container.querySelector('.docent-popup-matches')!.textContent).toContain('Docent does not run on this page');
    expect(container.querySelector('.docent-popup-error')).toBeNull();
  });

  it('says no dbt models were found when the content script found none', async () => {
    await open(deps({ sendToTab: vi.fn(async () => ok([])) }));
    expect(container.querySelector('.docent-popup-matches')!.textContent).toContain('No dbt models found on this page');
  });
});

describe('Refresh now', () => {
  it('sends syncNow and shows Refreshing… disabled until the answer comes', async () => {
    let answer!: (value: Awaited<ReturnType<PopupDeps['sendToBackground']>>) => void;
    const sendToBackground = vi.fn(() => new Promise<Awaited<ReturnType<PopupDeps['sendToBackground']>>>((r) => (answer = r)));
    await open(deps({ sendToBackground }));
    const button = container.querySelector<HTMLButtonElement>('.docent-popup-refresh')!;
    expect(button.textContent).toBe('Refresh now');
    await act(async () => button.click());
    expect(sendToBackground).toHaveBeenCalledWith({ type: 'syncNow' });
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('Refreshing…');
    await act(async () => answer(ok(ready)));
    await vi.waitFor(() => expect(button.disabled).toBe(false));
    expect(button.textContent).toBe('Refresh now');
    expect(statusText()).toContain('Connected — 15 models');
  });

  it('shows why a refresh failed', async () => {
    const message = 'dbt is rate limiting requests; Docent will try again in 60 s.';
    await open(deps({ sendToBackground: vi.fn(async () => err({ kind: 'rateLimited' as const, message, retryAfterSeconds: 60 })) }));
    await act(async () => container.querySelector<HTMLButtonElement>('.docent-popup-refresh')!.click());
    await vi.waitFor(() => expect(statusText()).toContain(`Refresh failed: ${message}`));
  });
});

it('opens the options page from its link', async () => {
  const d = deps();
  await open(d);
  const link = [...container.querySelectorAll('a')].find((a) => a.textContent === 'Options')!;
  link.click();
  expect(d.openOptionsPage).toHaveBeenCalledTimes(1);
});

describe('loadTabMatches', () => {
  const tabs = { query: vi.fn(async () => [{ id: 3 }]) };

  it('uses ?tab=<id> instead of the active tab when the popup is opened as a page', async () => {
    const send: SendListMatches = vi.fn(async () => ok(matches));
    tabs.query.mockClear();
    await loadTabMatches(tabs, send, '?tab=42');
    expect(send).toHaveBeenCalledWith(42, { type: 'listMatches' });
    expect(tabs.query).not.toHaveBeenCalled();
  });

  it('treats no answer at all as "not running" and a content script error as a failure', async () => {
    expect(await loadTabMatches(tabs, async () => undefined, '')).toEqual({ kind: 'notRunning' });
    expect(await loadTabMatches({ query: async () => [] }, vi.fn(), '')).toEqual({ kind: 'notRunning' });
    const failed = await loadTabMatches(tabs, async () => err({ kind: 'notConfigured' as const, message: 'Docent is not set up yet.' }), '');
    expect(failed).toEqual({ kind: 'failed', message: 'Docent is not set up yet.' });
  });

  it('reads only a numeric tab id', () => {
    expect(tabIdFromSearch('?tab=12')).toBe(12);
    expect(tabIdFromSearch('?tab=abc')).toBeNull();
    expect(tabIdFromSearch('')).toBeNull();
  });
});

describe('requestSync', () => {
  it('says the background could not be reached when the message fails', async () => {
    const outcome = await requestSync(() => Promise.reject(new Error('Extension context invalidated.')));
    expect(outcome.status).toBeNull();
    expect(outcome.error).toBe('Could not reach Docent’s background (Extension context invalidated.). Try again in a moment.');
  });
});
