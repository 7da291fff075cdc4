import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_KEYS, mergePolicy } from '../../lib/config/policy';
import { DEFAULT_SETTINGS } from '../../lib/config/settings';

const USER = {
  accessUrl: 'https://cloud.getdbt.com',
  serviceToken: 'dbtc_user_token',
  environmentId: '111',
  refreshMinutes: 30,
};

describe('mergePolicy', () => {
  it('uses the user settings over defaults when there is no policy', () => {
    const { settings, locked, warnings } = mergePolicy(USER, {});
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, ...USER });
    expect(locked).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('tolerates managed storage that is missing altogether', () => {
    expect(mergePolicy(USER, undefined).settings).toEqual({ ...DEFAULT_SETTINGS, ...USER });
    expect(mergePolicy(USER, null).locked).toEqual([]);
  });

  it('puts policy over the user and locks what the policy set', () => {
    const { settings, locked } = mergePolicy(USER, {
      accessUrl: 'https://ab123.us1.dbt.com',
      serviceToken: 'dbtc_admin_token',
      refreshMinutes: 60,
      disabledTools: ['hex'],
    });
    expect(settings.accessUrl).toBe('https://ab123.us1.dbt.com');
    expect(settings.serviceToken).toBe('dbtc_admin_token');
    expect(settings.refreshMinutes).toBe(60);
    expect(settings.environmentId).toBe('111');
    expect(settings.disabledTools).toEqual(['hex']);
    expect(locked.sort()).toEqual(['accessUrl', 'disabledTools', 'refreshMinutes', 'serviceToken']);
  });

  it('accepts environmentId and accountId as numbers and keeps them as strings', () => {
    const { settings, locked } = mergePolicy(USER, { environmentId: 70403103985022, accountId: '43786' });
    expect(settings.environmentId).toBe('70403103985022');
    expect(settings.accountId).toBe('43786');
    expect(locked).toContain('environmentId');
  });

  it('ignores an environment id number too long to be exact, with a warning', () => {
    const { settings, locked, warnings } = mergePolicy(USER, { environmentId: 70403103985022123 });
    expect(settings.environmentId).toBe('111');
    expect(locked).not.toContain('environmentId');
    expect(warnings[0]?.message).toMatch(/quote it/);
  });

  it('ignores values of the wrong type with a warning and leaves those fields to the user', () => {
    const { settings, locked, warnings } = mergePolicy(USER, {
      accessUrl: 42,
      refreshMinutes: '60',
      biHosts: 'metabase.acme.com',
      disabledTools: [1, 2],
      serviceToken: 'dbtc_admin_token',
    });
    expect(settings.accessUrl).toBe(USER.accessUrl);
    expect(settings.refreshMinutes).toBe(30);
    expect(settings.biHosts).toEqual([]);
    expect(locked).toEqual(['serviceToken']);
    expect(warnings.map((w) => w.field).sort()).toEqual(['accessUrl', 'biHosts', 'disabledTools', 'refreshMinutes']);
    expect(warnings.find((w) => w.field === 'refreshMinutes')?.message).toMatch(/must be a number, not "60"/);
  });

  it('takes biHosts as a list of { host, tool }', () => {
    const biHosts = [{ host: 'metabase.acme.com', tool: 'metabase' }];
    expect(mergePolicy(USER, { biHosts }).settings.biHosts).toEqual(biHosts);
    expect(mergePolicy(USER, { biHosts: [{ host: 'x.acme.com' }] }).locked).toEqual([]);
  });

  it('reads staleAfterHours 0 as "off" and locks it', () => {
    const { settings, locked } = mergePolicy({ ...USER, staleAfterHours: 12 }, { staleAfterHours: 0 });
    expect(settings.staleAfterHours).toBeNull();
    expect(locked).toEqual(['staleAfterHours']);
  });

  it('takes "environments" as a list of projects and locks it, and warns when it is not a list', () => {
    const environments = [{ environmentId: '1', name: 'Finance' }];
    expect(mergePolicy(USER, { environments })).toMatchObject({ settings: { environments }, locked: ['environments'], warnings: [] });
    const wrong = mergePolicy(USER, { environments: 'prod' });
    expect(wrong.locked).toEqual([]);
    expect(wrong.warnings[0]?.message).toMatch(/"environments" must be a list of \{ "environmentId": string, "name": string/);
  });

  it('ignores a value of the right type that is invalid, names the key and what was expected, and keeps the user setting', () => {
    const { settings, locked, warnings } = mergePolicy(USER, {
      refreshMinutes: 2,
      accessUrl: 'https://dbt.acme-proxy.example.com',
      environmentId: 'prod',
      accountId: '43786',
    });
    expect(settings.refreshMinutes).toBe(30);
    expect(settings.accessUrl).toBe(USER.accessUrl);
    expect(settings.environmentId).toBe(USER.environmentId);
    expect(locked).toEqual(['accountId']);
    const byField = Object.fromEntries(warnings.map((w) => [w.field, w.message]));
    expect(byField.refreshMinutes).toMatch(/Policy "refreshMinutes" was ignored.*whole number of minutes from 5 to 1440/);
    expect(byField.accessUrl).toMatch(/Policy "accessUrl" was ignored.*only to dbt's own hosts/);
    expect(byField.environmentId).toMatch(/Policy "environmentId" was ignored.*is a number/);
  });

  it('never repeats a policy token in a warning, whatever is wrong with it', () => {
    const secret = 'dbtc_admin secret_with_a_space';
    for (const serviceToken of [secret, [secret], { token: secret }, '']) {
      const { settings, warnings, locked } = mergePolicy(USER, { serviceToken });
      expect(settings.serviceToken).toBe(USER.serviceToken);
      expect(locked).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toMatch(/Policy "serviceToken"/);
      expect(JSON.stringify(warnings)).not.toContain('secret');
    }
  });

  it('warns about a policy key it does not know (a typo would otherwise go unnoticed)', () => {
    const { warnings, locked } = mergePolicy(USER, { acessUrl: 'https://cloud.getdbt.com' });
    expect(locked).toEqual([]);
    expect(warnings[0]?.message).toMatch(/"acessUrl" is not one Docent knows/);
  });

  it('drops keys in user storage that are not settings', () => {
    const stored = { ...USER, legacyFlag: true } as unknown as Partial<typeof DEFAULT_SETTINGS>;
    expect(Object.keys(mergePolicy(stored, {}).settings).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });
});

describe('public/managed_schema.json', () => {
  const schema = JSON.parse(readFileSync(join(process.cwd(), 'public/managed_schema.json'), 'utf8'));

  it('declares exactly the policy keys Docent reads, each described', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual([...POLICY_KEYS].sort());
    for (const [key, property] of Object.entries<{ description?: string }>(schema.properties)) {
      expect(property.description, key).toBeTruthy();
    }
  });

  it("uses only the schema keywords Chrome accepts, and bounds only integers (Chrome refuses to load the extension otherwise)", () => {
    const CHROME_KEYWORDS = new Set([
      'type', 'title', 'description', 'properties', 'items', 'enum', 'pattern', 'minimum', 'maximum',
      'required', 'additionalProperties', 'sensitiveValue',
    ]);
    const walk = (node: Record<string, unknown>, at: string) => {
      for (const key of Object.keys(node)) expect(CHROME_KEYWORDS.has(key), `${at}.${key}`).toBe(true);
      if ('minimum' in node || 'maximum' in node) expect(node.type, at).toBe('integer');
      for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        walk(child, `${at}.${name}`);
      }
      if (node.items) walk(node.items as Record<string, unknown>, `${at}[]`);
    };
    walk(schema, 'policy');
  });

  it('marks every token as sensitive, so chrome://policy masks it', () => {
    expect(schema.properties.serviceToken.sensitiveValue).toBe(true);
    expect(schema.properties.environments.items.properties.serviceToken.sensitiveValue).toBe(true);
  });

  it('gives every array its items, as Chrome requires', () => {
    const arrays = Object.values<{ type: string; items?: unknown }>(schema.properties).filter((p) => p.type === 'array');
    expect(arrays.length).toBeGreaterThan(0);
    for (const property of arrays) expect(property.items).toBeTruthy();
  });
});
