import { describe, expect, it } from 'vitest';
import { sourceConfigs } from '../../lib/background/sources';
import { mergePolicy } from '../../lib/config/policy';
import { validateSettings } from '../../lib/config/validate';
import type { EffectiveConfig } from '../../lib/config/storage';

function effective(policy: Record<string, unknown>): EffectiveConfig {
  const merged = mergePolicy({}, policy);
  const { settings, problems, warnings } = validateSettings(merged.settings);
  return { settings, endpoint: null, appOrigin: null, locked: merged.locked, problems, warnings: [...merged.warnings, ...warnings] } as EffectiveConfig;
}


/** The dbt Cloud sources only (artifacts sources have no endpoint or environment). */
const discoverySources = (config: Parameters<typeof sourceConfigs>[0]) =>
  sourceConfigs(config).flatMap((s) => (s.kind === 'discovery' ? [s] : []));

describe('sourceConfigs over several dbt projects', () => {
  it('makes one Discovery source per environment, each with its own endpoint and token where it set them', () => {
    const config = effective({
      accessUrl: 'https://cloud.getdbt.com',
      serviceToken: 'dbtc_main',
      environmentId: '70403103985022',
      accountId: '43786',
      environments: [
        { environmentId: '70403103985099', name: 'Finance', accessUrl: 'https://ab123.acme.dbt.com', serviceToken: 'dbtc_fin' },
        { environmentId: '70403103985100', name: 'Marketing' },
      ],
    });
    expect(config.problems).toEqual([]);
    expect(discoverySources(config).map(({ endpoint, token, environmentId, accountId }) => ({ endpoint, token, environmentId, accountId }))).toEqual([
      { endpoint: 'https://metadata.cloud.getdbt.com/graphql', token: 'dbtc_main', environmentId: '70403103985022', accountId: '43786' },
      { endpoint: 'https://ab123.metadata.acme.dbt.com/graphql', token: 'dbtc_fin', environmentId: '70403103985099', accountId: '43786' },
      { endpoint: 'https://metadata.cloud.getdbt.com/graphql', token: 'dbtc_main', environmentId: '70403103985100', accountId: '43786' },
    ]);
  });

  it('needs no top-level environment when the list names the projects', () => {
    const config = effective({
      accessUrl: 'https://emea.dbt.com',
      serviceToken: 'dbtc_main',
      environments: [{ environmentId: '1', name: 'Core' }, { environmentId: '2', name: 'Finance' }],
    });
    expect(config.problems).toEqual([]);
    expect(discoverySources(config).map((s) => s.environmentId)).toEqual(['1', '2']);
  });

  it('makes no source while the config has problems', () => {
    expect(sourceConfigs(effective({ accessUrl: 'https://cloud.getdbt.com' }))).toEqual([]);
  });
});
