import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  SETTINGS_KEY,
  loadEffectiveConfig,
  saveUserSettings,
  watchConfig,
  type ConfigAreas,
  type EffectiveConfig,
} from '../../lib/config/storage';

const GOOD = {
  accessUrl: 'https://ab123.us1.dbt.com',
  serviceToken: 'dbtc_4f2Jd9sKqL0aR7xWbT5mNcE1vYhU3gZpQ8',
  environmentId: '70403103985022',
};

/** Firefox without policies.json, and some Chromium builds: reading managed storage throws. */
const missingManaged: ConfigAreas['managed'] = {
  get: () => Promise.reject(new Error('Managed storage manifest not found')),
};

const areas = (): ConfigAreas => ({ managed: fakeBrowser.storage.managed });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('loadEffectiveConfig', () => {
  it('is unconfigured, with what is missing, when nothing is stored', async () => {
    const config = await loadEffectiveConfig(areas());
    expect(config.endpoint).toBeNull();
    expect(config.problems.map((p) => p.field)).toEqual(['accessUrl', 'serviceToken', 'environmentId']);
    expect(config.settings.refreshMinutes).toBe(15);
  });

  it('derives the endpoint from stored user settings', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: GOOD });
    const config = await loadEffectiveConfig(areas());
    expect(config).toMatchObject({
      endpoint: 'https://ab123.metadata.us1.dbt.com/graphql',
      appOrigin: 'https://ab123.us1.dbt.com',
      problems: [],
      locked: [],
    });
  });

  it('tolerates managed storage that throws', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: GOOD });
    const config = await loadEffectiveConfig({ managed: missingManaged });
    expect(config.problems).toEqual([]);
    expect(config.locked).toEqual([]);
  });

  it('keeps using the last policy it read when managed storage starts failing', async () => {
    let fail = false;
    const flaky: ConfigAreas['managed'] = {
      get: () => (fail ? Promise.reject(new Error('gone')) : Promise.resolve({ accessUrl: 'https://emea.dbt.com' })),
    };
    expect((await loadEffectiveConfig({ managed: flaky })).settings.accessUrl).toBe('https://emea.dbt.com');
    fail = true;
    const config = await loadEffectiveConfig({ managed: flaky });
    expect(config.settings.accessUrl).toBe('https://emea.dbt.com');
    expect(config.locked).toEqual(['accessUrl']);
  });

  it('applies policy over user settings and reports what is locked', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: GOOD });
    await fakeBrowser.storage.managed.set({ accessUrl: 'https://cloud.getdbt.com', environmentId: 123, refreshMinutes: 'x' });
    const config = await loadEffectiveConfig(areas());
    expect(config.endpoint).toBe('https://metadata.cloud.getdbt.com/graphql');
    expect(config.settings.environmentId).toBe('123');
    expect(config.locked.sort()).toEqual(['accessUrl', 'environmentId']);
    expect(config.warnings.map((w) => w.field)).toEqual(['refreshMinutes']);
  });

  it('falls back to defaults with a warning when stored values are bad', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...GOOD, refreshMinutes: 1, disabledTools: 'all' } });
    const config = await loadEffectiveConfig(areas());
    expect(config.problems).toEqual([]);
    expect(config.settings.refreshMinutes).toBe(15);
    expect(config.settings.disabledTools).toEqual([]);
    expect(config.warnings.map((w) => w.field).sort()).toEqual(['disabledTools', 'refreshMinutes']);
  });
});

describe('saveUserSettings', () => {
  it('writes validated, trimmed settings to storage.local and nothing to storage.sync', async () => {
    const result = await saveUserSettings(
      { ...GOOD, serviceToken: `  ${GOOD.serviceToken}\n` },
      fakeBrowser.storage.managed,
    );
    expect(result.ok).toBe(true);
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    expect(stored).toMatchObject({ ...GOOD, refreshMinutes: 15 });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    if (result.ok) expect(result.value.endpoint).toBe('https://ab123.metadata.us1.dbt.com/graphql');
  });

  it('refuses to save settings with problems and writes nothing', async () => {
    const result = await saveUserSettings(
      { ...GOOD, environmentId: 'production' },
      fakeBrowser.storage.managed,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.map((p) => p.field)).toEqual(['environmentId']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('refuses a typed refresh interval out of range instead of replacing it', async () => {
    const result = await saveUserSettings({ ...GOOD, refreshMinutes: 1 }, missingManaged);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error[0]?.field).toBe('refreshMinutes');
  });

  it('never writes a field the policy locked, and is not blocked by the policy supplying it', async () => {
    await fakeBrowser.storage.managed.set({ serviceToken: 'dbtc_admin', accessUrl: 'https://cloud.getdbt.com' });
    const result = await saveUserSettings(
      { accessUrl: 'https://evil.example.com', serviceToken: '', environmentId: '42' },
      fakeBrowser.storage.managed,
    );
    expect(result.ok).toBe(true);
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Record<string, unknown>;
    expect(stored).not.toHaveProperty('serviceToken');
    expect(stored).not.toHaveProperty('accessUrl');
    expect(stored.environmentId).toBe('42');
    if (result.ok) {
      expect(result.value.settings.serviceToken).toBe('dbtc_admin');
      expect(result.value.locked.sort()).toEqual(['accessUrl', 'serviceToken']);
    }
  });

  it('keeps earlier user fields that this save did not mention', async () => {
    await saveUserSettings({ ...GOOD, accountId: '43786' }, missingManaged);
    await saveUserSettings({ refreshMinutes: 60 }, missingManaged);
    const config = await loadEffectiveConfig({ managed: missingManaged });
    expect(config.settings).toMatchObject({ ...GOOD, accountId: '43786', refreshMinutes: 60 });
  });
});

describe('watchConfig', () => {
  it('calls back with the new config after a save, and stops when aborted', async () => {
    const seen: EffectiveConfig[] = [];
    const controller = new AbortController();
    const next = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    watchConfig((config) => seen.push(config), controller.signal, areas(), fakeBrowser.storage.onChanged);

    await saveUserSettings(GOOD, fakeBrowser.storage.managed);
    await next();
    expect(seen.at(-1)?.endpoint).toBe('https://ab123.metadata.us1.dbt.com/graphql');

    await fakeBrowser.storage.local.set({ unrelated: 1 });
    await next();
    expect(seen).toHaveLength(1);

    controller.abort();
    await saveUserSettings({ ...GOOD, accessUrl: 'https://emea.dbt.com' }, fakeBrowser.storage.managed);
    await next();
    expect(seen).toHaveLength(1);
  });

  it('follows a policy change', async () => {
    const seen: EffectiveConfig[] = [];
    watchConfig((config) => seen.push(config), new AbortController().signal, areas(), fakeBrowser.storage.onChanged);
    await fakeBrowser.storage.managed.set({ accessUrl: 'https://au.dbt.com' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen.at(-1)?.locked).toEqual(['accessUrl']);
  });
});
