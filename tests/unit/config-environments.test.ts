import { describe, expect, it } from 'vitest';
import { checkEnvironments, resolveEnvironments } from '../../lib/config/environments';
import { DEFAULT_SETTINGS } from '../../lib/config/settings';

describe('checkEnvironments', () => {
  it('keeps good entries with ids as strings and skips only the bad ones, saying which and why', () => {
    const { kept, skipped } = checkEnvironments([
      { environmentId: 70403103985022, name: 'Core' },
      { environmentId: '123', name: 'Finance', accessUrl: 'https://ab123.us1.dbt.com', serviceToken: 'Bearer dbtc_fin', accountId: '9' },
      { environmentId: 'prod', name: 'Bad id' },
      { environmentId: '5' },
      { environmentId: '6', name: 'Bad URL', accessUrl: 'https://evil.example.com' },
      { environmentId: '7', name: 'Token with space', serviceToken: 'dbtc_a secret' },
      { environmentId: '123', name: 'Twice' },
      'prod',
    ]);
    expect(kept).toEqual([
      { environmentId: '70403103985022', name: 'Core' },
      { environmentId: '123', name: 'Finance', accessUrl: 'https://ab123.us1.dbt.com', serviceToken: 'dbtc_fin', accountId: '9' },
    ]);
    expect(skipped.map((s) => s.message)).toEqual([
      expect.stringMatching(/^Environment 3 needs "environmentId" as a string of digits/),
      expect.stringMatching(/^Environment 4 needs a "name"/),
      expect.stringMatching(/^Environment 5 has an "accessUrl" Docent cannot use/),
      expect.stringMatching(/^Environment 6 has a "serviceToken" that is not a single token/),
      expect.stringMatching(/^Environment 7 repeats environment 123/),
      expect.stringMatching(/^Environment 8 is not an object/),
    ]);
    expect(JSON.stringify(skipped)).not.toContain('secret');
  });

  it('resolves each environment with the top-level connection where it left fields out', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      accessUrl: 'https://cloud.getdbt.com',
      serviceToken: 'dbtc_main',
      environmentId: '1',
      accountId: '10',
      environments: [
        { environmentId: '1', name: 'Same as top level' },
        { environmentId: '2', name: 'Finance', serviceToken: 'dbtc_fin' },
      ],
    };
    expect(resolveEnvironments(settings)).toEqual([
      { environmentId: '1', name: '', accessUrl: 'https://cloud.getdbt.com', serviceToken: 'dbtc_main', accountId: '10' },
      { environmentId: '2', name: 'Finance', accessUrl: 'https://cloud.getdbt.com', serviceToken: 'dbtc_fin', accountId: '10' },
    ]);
  });
});
