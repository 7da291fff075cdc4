import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsForm } from '../../components/OptionsForm';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { writeSyncStatus } from '../../lib/storage/status';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../lib/catalog/sync-status';
import { fieldIn, GOOD, mountOptionsForm, optionsDeps as deps, settle } from '../support/options-form';
import { SETTINGS_KEY } from '../../lib/config/storage';
import { errorFromStatus } from '../../lib/discovery/error-map';
import type { BackgroundMessage } from '../../lib/messaging';

const READY: SyncStatus = { ...INITIAL_SYNC_STATUS, phase: 'ready', modelCount: 3, syncedAt: new Date().toISOString() };
const ctx = { endpoint: 'https://ab123.metadata.us1.dbt.com/graphql', environmentId: GOOD.environmentId };

let container: HTMLDivElement;
let sent: BackgroundMessage[];

const mount = () => mountOptionsForm(container);

const field = (label: string) => fieldIn(container, label);

function button(name: string): HTMLButtonElement {
  const match = [...container.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!match) throw new Error(`no button ${name}`);
  return match;
}

const statusText = () => container.querySelector('[role="status"]')!.textContent ?? '';

async function type(label: string, text: string) {
  await act(() => {
    const input = field(label);
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function save() {
  await act(() => {
    container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle();
}

/** The background's side of `syncNow`, answered when the test says so. */
function answerSyncNowWith(status: SyncStatus) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
    // The page asks for the status on open (it wakes a stopped service worker): not the subject here.
    if ((message as BackgroundMessage).type === 'getStatus') return undefined;
    sent.push(message as BackgroundMessage);
    await gate;
    return { ok: true, value: status };
  });
  return release;
}

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('options page', () => {
  it('asks the background for its status on open (waking a stopped service worker) and shows its answer', async () => {
    const asked: BackgroundMessage[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (message: unknown) => {
      asked.push(message as BackgroundMessage);
      return { ok: true, value: READY };
    });
    await mount();
    expect(asked).toEqual([{ type: 'getStatus' }]);
    expect(statusText()).toContain('Connected');
  });

  it('shows the labelled fields, a Save button and a polite status region saying what is missing', async () => {
    await mount();
    expect(field('Access URL').type).toBe('text');
    expect(field('Service token').type).toBe('password');
    expect(field('Environment ID')).toBeTruthy();
    expect(field('Account ID')).toBeTruthy();
    expect(field('Refresh every (minutes)').value).toBe('15');
    expect(button('Save').type).toBe('submit');
    const region = container.querySelector('[role="status"]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(statusText()).toContain('Docent is not set up yet.');
  });

  it('shows and hides the token with the Show toggle', async () => {
    await mount();
    await act(() => button('Show').click());
    expect(field('Service token').type).toBe('text');
    expect(button('Hide').getAttribute('aria-pressed')).toBe('true');
    await act(() => button('Hide').click());
    expect(field('Service token').type).toBe('password');
  });

  it('shows a field error for a bad token, marks the field invalid and saves nothing', async () => {
    answerSyncNowWith(READY);
    await mount();
    await type('Access URL', GOOD.accessUrl);
    await type('Service token', 'dbtc_abc def');
    await type('Environment ID', GOOD.environmentId);
    await save();

    const token = field('Service token');
    expect(token.getAttribute('aria-invalid')).toBe('true');
    const error = container.querySelector('#serviceToken-error')!;
    expect(token.getAttribute('aria-describedby')?.split(' ')).toContain('serviceToken-error');
    expect(error.textContent).toMatch(/spaces or line breaks/);
    expect(field('Access URL').getAttribute('aria-invalid')).toBeNull();
    expect(await fakeBrowser.storage.local.get(SETTINGS_KEY)).toEqual({ [SETTINGS_KEY]: undefined });
    expect(sent).toEqual([]);
    expect(document.activeElement).toBe(token);
  });

  it('clears a field error once the field is edited', async () => {
    await mount();
    await save();
    expect(field('Environment ID').getAttribute('aria-invalid')).toBe('true');
    await type('Environment ID', '7');
    expect(field('Environment ID').getAttribute('aria-invalid')).toBeNull();
  });

  it('refuses an out-of-range refresh interval in the Advanced section', async () => {
    await mount();
    await type('Access URL', GOOD.accessUrl);
    await type('Service token', GOOD.serviceToken);
    await type('Environment ID', GOOD.environmentId);
    await type('Refresh every (minutes)', '2');
    await save();
    expect(container.querySelector('#refreshMinutes-error')?.textContent).toMatch(/from 5 to 1440/);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('saves, asks the background to sync, says "Checking…" until it answers, then Connected', async () => {
    const release = answerSyncNowWith(READY);
    await mount();
    await type('Access URL', ` ${GOOD.accessUrl} `);
    await type('Service token', GOOD.serviceToken);
    await type('Environment ID', GOOD.environmentId);
    await save();

    expect(sent).toEqual([{ type: 'syncNow' }]);
    expect(statusText()).toContain('Checking…');
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    expect(stored).toMatchObject(GOOD);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});

    release();
    await settle();
    expect(statusText()).toContain('Connected — 3 models');
    expect(statusText()).toContain('Last synced just now.');
    expect(field('Access URL').value).toBe(GOOD.accessUrl);
  });

  it('warns about a personal token while typing, without blocking Save', async () => {
    answerSyncNowWith(READY);
    await mount();
    await type('Access URL', GOOD.accessUrl);
    await type('Service token', 'dbtu_personal123');
    await type('Environment ID', GOOD.environmentId);
    expect(container.querySelector('#serviceToken-warning')?.textContent).toMatch(/personal access token/);
    await save();
    expect(sent).toEqual([{ type: 'syncNow' }]);
    expect(field('Service token').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows fields set by policy disabled, says who set them, and keeps a policy token out of the page', async () => {
    await fakeBrowser.storage.managed.set({ accessUrl: 'https://emea.dbt.com', serviceToken: 'dbtc_admin_secret' });
    await mount();
    const accessUrl = field('Access URL');
    expect(accessUrl.disabled).toBe(true);
    expect(accessUrl.value).toBe('https://emea.dbt.com');
    expect(container.querySelector('#accessUrl-locked')?.textContent).toBe('Set by your administrator');
    expect(accessUrl.getAttribute('aria-describedby')).toContain('accessUrl-locked');
    expect(field('Service token').disabled).toBe(true);
    expect(field('Service token').value).toBe('');
    expect(container.innerHTML).not.toContain('dbtc_admin_secret');
    expect(field('Environment ID').disabled).toBe(false);
    expect(container.querySelector('#environmentId-locked')).toBeNull();
  });

  it('locks a field when the policy changes while the page is open, keeping what is being typed elsewhere', async () => {
    await mount();
    await type('Environment ID', '123');
    await act(() => fakeBrowser.storage.managed.set({ accessUrl: 'https://au.dbt.com' }));
    await settle();
    expect(field('Access URL').disabled).toBe(true);
    expect(field('Access URL').value).toBe('https://au.dbt.com');
    expect(field('Environment ID').value).toBe('123');
  });

  it('follows the sync status as the background changes it, including back to Connected after a failure', async () => {
    await writeSyncStatus(READY);
    await mount();
    expect(statusText()).toContain('Connected — 3 models');

    const unauthorized = errorFromStatus(401, undefined, ctx);
    await act(() =>
      writeSyncStatus({
        ...READY,
        phase: 'error',
        error: unauthorized,
        syncedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
      }),
    );
    await settle();
    expect(statusText()).toContain(unauthorized.message);
    expect(statusText()).toContain('Showing data from 3 hours ago.');
    expect(statusText()).not.toMatch(/connected/i);

    await act(() =>
      writeSyncStatus({
        ...READY,
        phase: 'syncing',
        progress: { loaded: 500, total: 1200 },
      }),
    );
    await settle();
    expect(statusText()).toContain('Syncing… loaded 500 of 1,200');

    await act(() => writeSyncStatus({ ...READY, modelCount: 4 }));
    await settle();
    expect(statusText()).toContain('Connected — 4 models');
  });

  it('says so when the background cannot be reached after a save', async () => {
    await mount();
    await type('Access URL', GOOD.accessUrl);
    await type('Service token', GOOD.serviceToken);
    await type('Environment ID', GOOD.environmentId);
    await save(); // no onMessage listener: sendMessage rejects, as when the service worker is gone
    expect(statusText()).toMatch(/background did not answer/);
    expect(statusText()).not.toMatch(/connected/i);
  });

  it('never puts a saved token back into the page: masked, with Replace', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: GOOD });
    await mount();
    const token = field('Service token');
    expect(token.value).toBe('');
    expect(token.readOnly).toBe(true);
    expect(token.placeholder).toMatch(/saved/);
    expect(container.innerHTML).not.toContain(GOOD.serviceToken);
    expect(() => button('Show')).toThrow();
    await act(() => button('Replace').click());
    expect(field('Service token').readOnly).toBe(false);
    expect(field('Service token').value).toBe('');
    expect(container.innerHTML).not.toContain(GOOD.serviceToken);
  });

  it('keeps the saved token when Save is pressed without Replace, and stores a replacement', async () => {
    answerSyncNowWith(READY);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: GOOD });
    await mount();
    await type('Account ID', '43786');
    await save();
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toMatchObject({ ...GOOD, accountId: '43786' });

    await act(() => button('Replace').click());
    await type('Service token', 'dbtc_new_token');
    await save();
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toMatchObject({ serviceToken: 'dbtc_new_token' });
    expect(field('Service token').readOnly).toBe(true);
    expect(container.innerHTML).not.toContain('dbtc_new_token');
  });

  it('warns about a bad policy value by key and expectation, and the rest of the policy applies', async () => {
    await fakeBrowser.storage.managed.set({ accessUrl: 'https://emea.dbt.com', refreshMinutes: 2, serviceToken: 'dbtc_admin secret' });
    await mount();
    const notes = container.querySelector('[aria-label="Notes about these settings"]')?.textContent ?? '';
    expect(notes).toMatch(/Policy "refreshMinutes" was ignored.*from 5 to 1440/);
    expect(notes).toMatch(/Policy "serviceToken" was ignored/);
    expect(container.innerHTML).not.toContain('secret');
    expect(field('Access URL').disabled).toBe(true);
    expect(field('Refresh every (minutes)').disabled).toBe(false);
  });

  it('unlocks the fields and falls back to the user settings when the policy is removed', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: GOOD });
    await fakeBrowser.storage.managed.set({ accessUrl: 'https://emea.dbt.com' });
    await mount();
    expect(field('Access URL').disabled).toBe(true);
    await act(() => fakeBrowser.storage.managed.clear());
    await settle();
    expect(field('Access URL').disabled).toBe(false);
    expect(field('Access URL').value).toBe(GOOD.accessUrl);
  });

  describe('self-hosted BI', () => {
    async function mountWith(granted: boolean, asked: string[]) {
      const d = { ...deps(), requestHostPermission: async (origin: string) => (asked.push(origin), granted) };
      await act(async () => {
        render(<OptionsForm deps={d} coveredHostPatterns={BI_HOST_PATTERNS} />, container);
      });
      await settle();
    }
    async function addHost(host: string, tool: string) {
      await type('BI host', host);
      await act(() => {
        const select = container.querySelector<HTMLSelectElement>('#biTool')!;
        select.value = tool;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await act(() => button('Add host').click());
      await settle();
    }
    const storedHosts = async () => ((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { biHosts?: unknown } | undefined)?.biHosts;

    it('asks for the host permission, stores the host with its tool, lists it with Remove', async () => {
      const asked: string[] = [];
      await mountWith(true, asked);
      await addHost('Redash.Acme.com', 'redash');
      expect(asked).toEqual(['https://redash.acme.com/*']);
      expect(await storedHosts()).toEqual([{ host: 'redash.acme.com', tool: 'redash' }]);
      const list = container.querySelector('[aria-label="Added BI hosts"]')!;
      expect(list.textContent).toContain('redash.acme.com (redash)');
      await act(() => button('Remove').click());
      await settle();
      expect(await storedHosts()).toEqual([]);
    });

    it.each([
      ['https://redash.acme.com/queries/12', /has a path/],
      ['*.acme.com', /wildcard/],
      ['10.0.0.7', /IP address/],
      ['acme.metabaseapp.com', /already works on/],
    ])('refuses %j with a clear message, asks nothing and stores nothing', async (host, words) => {
      const asked: string[] = [];
      await mountWith(true, asked);
      await addHost(host, 'metabase');
      expect(container.querySelector('#biHost-message')?.textContent).toMatch(words);
      expect(field('BI host').getAttribute('aria-invalid')).toBe('true');
      expect(asked).toEqual([]);
      expect(await storedHosts()).toBeUndefined();
    });

    it('stores nothing when the browser does not grant the permission', async () => {
      await mountWith(false, []);
      await addHost('superset.acme.com', 'superset');
      expect(container.querySelector('#biHost-message')?.textContent).toMatch(/not allowed on superset\.acme\.com/);
      expect(await storedHosts()).toBeUndefined();
    });

    it('offers "Grant access to <host>" for an administrator\'s host Docent may not read yet, and asks on the click', async () => {
      await fakeBrowser.storage.managed.set({ biHosts: [{ host: 'looker.acme.com', tool: 'looker' }, { host: 'redash.acme.com', tool: 'redash' }] });
      const granted = new Set(['https://redash.acme.com/*']);
      const asked: string[] = [];
      const d = {
        ...deps(),
        hasHostPermission: async (origin: string) => granted.has(origin),
        requestHostPermission: async (origin: string) => (asked.push(origin), granted.add(origin), true),
      };
      await act(async () => {
        render(<OptionsForm deps={d} coveredHostPatterns={BI_HOST_PATTERNS} />, container);
      });
      await settle();
      const grants = [...container.querySelectorAll('button')].filter((b) => b.getAttribute('aria-label')?.startsWith('Grant access to '));
      expect(grants.map((b) => b.getAttribute('aria-label'))).toEqual(['Grant access to looker.acme.com']);
      expect(container.textContent).toContain('looker.acme.com (looker) — no access yet');
      await act(() => grants[0]!.click());
      await settle();
      expect(asked).toEqual(['https://looker.acme.com/*']);
      expect(container.querySelector('#biHost-message')?.textContent).toBe('Docent can now read looker.acme.com: its open tabs get badges now.');
      expect([...container.querySelectorAll('button')].some((b) => b.getAttribute('aria-label')?.startsWith('Grant access'))).toBe(false);
    });

    it('offers every adapter id as a Tool, and lists policy hosts without Remove', async () => {
      await fakeBrowser.storage.managed.set({ biHosts: [{ host: 'looker.acme.com', tool: 'looker' }] });
      await mountWith(true, []);
      expect(container.textContent).toContain('looker.acme.com (looker)');
      expect(() => button('Remove')).toThrow();
      expect(container.querySelector('#biTool')).toBeNull();
      render(null, container);
      await fakeBrowser.storage.managed.clear();
      await mountWith(true, []);
      const options = [...container.querySelectorAll<HTMLOptionElement>('#biTool option')].map((o) => o.value);
      expect(options).toEqual(['looker', 'tableau', 'powerbi', 'metabase', 'superset', 'mode', 'sigma', 'hex', 'lightdash', 'redash']);
    });
  });
});
