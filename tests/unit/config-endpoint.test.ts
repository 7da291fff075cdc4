import { describe, expect, it } from 'vitest';
import { deriveDiscoveryEndpoint } from '../../lib/config/endpoint';

function derived(accessUrl: string) {
  const result = deriveDiscoveryEndpoint(accessUrl);
  if (!result.ok) throw new Error(`expected ${accessUrl} to derive, got: ${result.error.message}`);
  return result.value;
}

function problemFor(accessUrl: string): string {
  const result = deriveDiscoveryEndpoint(accessUrl);
  if (result.ok) throw new Error(`expected ${accessUrl} to be refused, got ${result.value.endpoint}`);
  expect(result.error.field).toBe('accessUrl');
  return result.error.message;
}

describe('deriveDiscoveryEndpoint', () => {
  it.each([
    ['https://cloud.getdbt.com', 'https://metadata.cloud.getdbt.com/graphql', 'https://cloud.getdbt.com'],
    ['https://emea.dbt.com', 'https://metadata.emea.dbt.com/graphql', 'https://emea.dbt.com'],
    ['https://au.dbt.com', 'https://metadata.au.dbt.com/graphql', 'https://au.dbt.com'],
    ['https://ab123.us1.dbt.com', 'https://ab123.metadata.us1.dbt.com/graphql', 'https://ab123.us1.dbt.com'],
    // Other cells from dbt's region table: AWS EMEA/Japan, Azure multi-tenant, GCP.
    ['https://ab123.eu1.dbt.com', 'https://ab123.metadata.eu1.dbt.com/graphql', 'https://ab123.eu1.dbt.com'],
    ['https://xy9.jp1.dbt.com', 'https://xy9.metadata.jp1.dbt.com/graphql', 'https://xy9.jp1.dbt.com'],
    ['https://ab123.us2.dbt.com', 'https://ab123.metadata.us2.dbt.com/graphql', 'https://ab123.us2.dbt.com'],
    ['https://acme.getdbt.com', 'https://metadata.acme.getdbt.com/graphql', 'https://acme.getdbt.com'],
    // Current single-tenant instances: PREFIX.INSTANCE.dbt.com, like cells (issue #10).
    ['https://ab123.acme.dbt.com', 'https://ab123.metadata.acme.dbt.com/graphql', 'https://ab123.acme.dbt.com'],
    ['https://xy42.bigcorp.dbt.com/', 'https://xy42.metadata.bigcorp.dbt.com/graphql', 'https://xy42.bigcorp.dbt.com'],
  ])('maps the access URL %s to %s', (accessUrl, endpoint, appOrigin) => {
    expect(derived(accessUrl)).toEqual({ endpoint, appOrigin });
  });

  it.each([
    ['cloud.getdbt.com', 'https://metadata.cloud.getdbt.com/graphql'],
    ['  https://cloud.getdbt.com/  ', 'https://metadata.cloud.getdbt.com/graphql'],
    ['https://cloud.getdbt.com/deploy/1/projects/2/jobs', 'https://metadata.cloud.getdbt.com/graphql'],
    ['HTTPS://AB123.US1.DBT.COM', 'https://ab123.metadata.us1.dbt.com/graphql'],
    ['ab123.us1.dbt.com/?tab=runs#top', 'https://ab123.metadata.us1.dbt.com/graphql'],
  ])('accepts %j sensibly', (accessUrl, endpoint) => {
    expect(derived(accessUrl).endpoint).toBe(endpoint);
  });

  it('maps a pasted metadata host to its /graphql, and the app origin back without "metadata."', () => {
    expect(derived('https://metadata.cloud.getdbt.com')).toEqual({
      endpoint: 'https://metadata.cloud.getdbt.com/graphql',
      appOrigin: 'https://cloud.getdbt.com',
    });
    expect(derived('https://ab123.metadata.us1.dbt.com/')).toEqual({
      endpoint: 'https://ab123.metadata.us1.dbt.com/graphql',
      appOrigin: 'https://ab123.us1.dbt.com',
    });
  });

  it('uses a full /graphql URL as is', () => {
    expect(derived('https://metadata.emea.dbt.com/graphql')).toEqual({
      endpoint: 'https://metadata.emea.dbt.com/graphql',
      appOrigin: 'https://emea.dbt.com',
    });
    expect(derived('https://ab123.metadata.us1.dbt.com/graphql/')).toEqual({
      endpoint: 'https://ab123.metadata.us1.dbt.com/graphql',
      appOrigin: 'https://ab123.us1.dbt.com',
    });
  });

  it("never sends the token to a host that is not dbt's or this computer's", () => {
    for (const url of ['https://discovery.proxy.acme.com/dbt/graphql', 'https://acme.example.com', 'https://getdbt.com.evil.io/graphql']) {
      const result = deriveDiscoveryEndpoint(url);
      expect(result.ok, url).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/only to dbt's own hosts/);
    }
  });

  it('allows plain http only on loopback, with or without /graphql', () => {
    expect(derived('http://127.0.0.1:8787/graphql')).toEqual({
      endpoint: 'http://127.0.0.1:8787/graphql',
      appOrigin: 'http://127.0.0.1:8787',
    });
    expect(derived('http://localhost:4000').endpoint).toBe('http://localhost:4000/graphql');
    expect(derived('http://[::1]:4000/').endpoint).toBe('http://[::1]:4000/graphql');
  });

  it('refuses plain http to any other host and says why', () => {
    const message = problemFor('http://cloud.getdbt.com');
    expect(message).toMatch(/https:\/\//);
    expect(message).toMatch(/only over HTTPS/);
    expect(problemFor('http://metadata.cloud.getdbt.com/graphql')).toMatch(/only over HTTPS/);
    expect(problemFor('http://192.168.1.10:8080/graphql')).toMatch(/only over HTTPS/);
  });

  it('says an empty Access URL is missing and where to find one', () => {
    expect(problemFor('   ')).toMatch(/Enter your dbt Access URL.*Account settings → Access URLs/);
  });

  it.each(['not a url', 'https://', 'cloud', 'https://cloud getdbt.com'])('says %j is not a URL', (input) => {
    expect(problemFor(input)).toMatch(/not a (URL|complete web address)/);
  });

  it('refuses other schemes', () => {
    expect(problemFor('ftp://cloud.getdbt.com')).toMatch(/must start with https:\/\/.*ftp:/);
  });

  it("points out dbt's own sites pasted instead of the account's Access URL", () => {
    expect(problemFor('https://login.dbt.com')).toMatch(/login\.dbt\.com is one of dbt's own sites/);
    expect(problemFor('https://docs.getdbt.com/docs/dbt-cloud-apis/discovery-api')).toMatch(/dbt's own sites/);
  });

  it('never refuses a host for looking like Azure: it derives the endpoint like any other', () => {
    expect(derived('https://acme.singletenantazure.getdbt.com')).toEqual({
      endpoint: 'https://metadata.acme.singletenantazure.getdbt.com/graphql',
      appOrigin: 'https://acme.singletenantazure.getdbt.com',
    });
    expect(derived('https://ab123.azure.dbt.com').endpoint).toBe('https://ab123.metadata.azure.dbt.com/graphql');
  });

  it('lets an explicit /graphql URL through even on an Azure-looking host', () => {
    expect(derived('https://metadata.acme.azure.getdbt.com/graphql').endpoint).toBe(
      'https://metadata.acme.azure.getdbt.com/graphql',
    );
  });

  it('refuses the Semantic Layer API and a bare IP address', () => {
    expect(problemFor('https://semantic-layer.cloud.getdbt.com/api/graphql')).toMatch(/Semantic Layer/);
    expect(problemFor('https://10.0.0.5')).toMatch(/IP address/);
  });
});
