/**
 * Starts the mock Discovery API on loopback over http, for trying the extension by hand:
 *   npx tsx tests/support/mock-discovery-cli.ts [--port N] [--token T] [--environment-id E] [--artifacts demo|bigquery|snowflake]
 * The real artifacts are read from /work/shared/fixtures/dbt-artifacts (DOCENT_DBT_ARTIFACTS overrides).
 */
import { parseArgs } from 'node:util';
import { loadArtifactsFromDir } from './dbt-artifacts';
import { generateDemoProject } from './demo-project';
import { startMockDiscovery } from './mock-discovery';

const ARTIFACTS_DIR = process.env.DOCENT_DBT_ARTIFACTS ?? '/work/shared/fixtures/dbt-artifacts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    token: { type: 'string', default: 'dbtc_demo_token' },
    'environment-id': { type: 'string', default: '70403103985022' },
    artifacts: { type: 'string', default: 'demo' },
  },
});

const which = values.artifacts;
if (which !== 'demo' && which !== 'bigquery' && which !== 'snowflake') {
  console.error(`--artifacts must be demo, bigquery or snowflake (got ${which})`);
  process.exit(2);
}
const artifacts = which === 'demo' ? generateDemoProject({ now: new Date() }) : loadArtifactsFromDir(ARTIFACTS_DIR, `${which}-jaffle-shop`);
const mock = await startMockDiscovery({ artifacts, token: values.token, environmentId: values['environment-id'], port: Number(values.port) });

console.log(`Mock Discovery API (${which}) listening on ${mock.url}`);
console.log(`  token: ${values.token}   environment id: ${values['environment-id']}`);
const stop = () => void mock.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
