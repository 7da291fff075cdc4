import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ConfigProblem } from '../../lib/config/settings';
import { validateForSave, validateSettings } from '../../lib/config/validate';

// Shapes as dbt issues them: a 14-digit BigInt environment id, a dbtc_ service token.
const GOOD = {
  accessUrl: 'https://ab123.us1.dbt.com',
  serviceToken: 'dbtc_4f2Jd9sKqL0aR7xWbT5mNcE1vYhU3gZpQ8',
  environmentId: '70403103985022',
  accountId: '70403103922139',
};

const messagesFor = (list: ConfigProblem[], field: string) => list.filter((p) => p.field === field).map((p) => p.message);

describe('validateSettings', () => {
  it('accepts good settings without problems or warnings and fills defaults', () => {
    const { settings, problems, warnings } = validateSettings(GOOD);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, ...GOOD });
  });

  it('trims whitespace from every text field', () => {
    const { settings, problems } = validateSettings({
      accessUrl: '  https://cloud.getdbt.com \n',
      serviceToken: '\tdbtc_abc123 ',
      environmentId: ' 70403103985022 ',
      accountId: ' 12 ',
    });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      accessUrl: 'https://cloud.getdbt.com',
      serviceToken: 'dbtc_abc123',
      environmentId: '70403103985022',
      accountId: '12',
    });
  });

  it('lists what is missing when nothing is set', () => {
    const { problems, settings } = validateSettings(undefined);
    expect(problems.map((p) => p.field)).toEqual(['accessUrl', 'serviceToken', 'environmentId']);
    expect(messagesFor(problems, 'serviceToken')[0]).toMatch(/Enter a service token.*Metadata Only/);
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('carries the access URL problem from endpoint derivation', () => {
    const { problems } = validateSettings({ ...GOOD, accessUrl: 'http://cloud.getdbt.com' });
    expect(messagesFor(problems, 'accessUrl')[0]).toMatch(/Use https:\/\/ for cloud\.getdbt\.com/);
  });

  it('keeps a long environment id as a string, digit for digit', () => {
    const { settings } = validateSettings({ ...GOOD, environmentId: '900719925474099312' });
    expect(settings.environmentId).toBe('900719925474099312');
  });

  it('says an environment id that is not a number is wrong and where to find the right one', () => {
    const [message] = messagesFor(validateSettings({ ...GOOD, environmentId: 'prod' }).problems, 'environmentId');
    expect(message).toMatch(/is a number.*“prod” is not/);
    expect(message).toMatch(/Environments/);
  });

  it('refuses an environment id stored as a number that lost digits', () => {
    const { problems } = validateSettings({ ...GOOD, environmentId: 70403103985022123 });
    expect(messagesFor(problems, 'environmentId')[0]).toMatch(/lost digits/);
  });

  it('takes the environment id out of a pasted environment URL', () => {
    const { settings, problems } = validateSettings({
      ...GOOD,
      environmentId: 'https://ab123.us1.dbt.com/deploy/70403103922139/projects/7/environments/70403103985022',
    });
    expect(problems).toEqual([]);
    expect(settings.environmentId).toBe('70403103985022');
  });

  it('allows an empty account id but not a non-numeric one', () => {
    expect(validateSettings({ ...GOOD, accountId: '' }).problems).toEqual([]);
    const { problems } = validateSettings({ ...GOOD, accountId: 'acme' });
    expect(messagesFor(problems, 'accountId')[0]).toMatch(/Account ID is a number/);
  });

  it('warns about a personal token without blocking it', () => {
    const { problems, warnings, settings } = validateSettings({ ...GOOD, serviceToken: 'dbtu_abcdef123' });
    expect(problems).toEqual([]);
    expect(settings.serviceToken).toBe('dbtu_abcdef123');
    expect(messagesFor(warnings, 'serviceToken')[0]).toMatch(/personal access token.*service token \(dbtc_…\) with the Metadata Only permission/);
  });

  it('strips a pasted "Bearer " or "Token " prefix', () => {
    expect(validateSettings({ ...GOOD, serviceToken: 'Bearer dbtc_abc' }).settings.serviceToken).toBe('dbtc_abc');
    expect(validateSettings({ ...GOOD, serviceToken: 'Token dbtc_abc' }).settings.serviceToken).toBe('dbtc_abc');
  });

  it('refuses a token with a line break in it', () => {
    const { problems } = validateSettings({ ...GOOD, serviceToken: 'dbtc_abc\ndbtc_def' });
    expect(messagesFor(problems, 'serviceToken')[0]).toMatch(/spaces or line breaks/);
  });

  it('falls back to the default refresh interval with a warning when it is out of range', () => {
    for (const bad of [1, 0, -5, 2000, 7.5, 'often']) {
      const { settings, problems, warnings } = validateSettings({ ...GOOD, refreshMinutes: bad });
      expect(problems).toEqual([]);
      expect(settings.refreshMinutes).toBe(15);
      expect(messagesFor(warnings, 'refreshMinutes')[0]).toMatch(/from 5 to 1440.*Using 15 minutes/);
    }
    expect(validateSettings({ ...GOOD, refreshMinutes: '60' }).settings.refreshMinutes).toBe(60);
  });

  it('keeps staleAfterHours positive or null', () => {
    expect(validateSettings({ ...GOOD, staleAfterHours: 6 }).settings.staleAfterHours).toBe(6);
    expect(validateSettings({ ...GOOD, staleAfterHours: '' }).settings.staleAfterHours).toBeNull();
    const { settings, warnings } = validateSettings({ ...GOOD, staleAfterHours: -2 });
    expect(settings.staleAfterHours).toBeNull();
    expect(messagesFor(warnings, 'staleAfterHours')[0]).toMatch(/above 0.*The rule is off/);
  });

  it('drops BI host entries and disabled tools it cannot use, with a warning', () => {
    const { settings, warnings } = validateSettings({
      ...GOOD,
      biHosts: [
        { host: 'Metabase.Acme.com', tool: 'metabase' },
        { host: 'https://looker.acme.com/', tool: 'looker' },
        { host: 'bi.acme.com', tool: 'qlik' },
      ],
      disabledTools: ['tableau', 'qlik', 'tableau'],
    });
    expect(settings.biHosts).toEqual([{ host: 'metabase.acme.com', tool: 'metabase' }]);
    expect(settings.disabledTools).toEqual(['tableau']);
    expect(messagesFor(warnings, 'biHosts')).toHaveLength(2);
    expect(messagesFor(warnings, 'disabledTools')[0]).toMatch(/"qlik"/);
  });
});

describe('validateForSave', () => {
  it('turns a typed out-of-range number into an error instead of silently replacing it', () => {
    const { problems, warnings } = validateForSave({ ...GOOD, refreshMinutes: '2' });
    expect(messagesFor(problems, 'refreshMinutes')[0]).toBe('Refresh every must be a whole number of minutes from 5 to 1440.');
    expect(warnings).toEqual([]);
  });

  it('still only warns about a personal token', () => {
    const { problems, warnings } = validateForSave({ ...GOOD, serviceToken: 'dbtu_x' });
    expect(problems).toEqual([]);
    expect(messagesFor(warnings, 'serviceToken')).toHaveLength(1);
  });
});
