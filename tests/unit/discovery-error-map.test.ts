import { describe, expect, it } from 'vitest';
import { errorFromStatus } from '../../lib/discovery/error-map';

const ENV_ID = '70403103985022';

describe('error map on an Azure single-tenant host', () => {
  const azure = { endpoint: 'https://metadata.acme.singletenantazure.getdbt.com/graphql', environmentId: ENV_ID };

  it.each([403, 404])('says the Discovery API may not be enabled there when it answers HTTP %i', (status) => {
    const error = errorFromStatus(status, undefined, azure);
    expect(error.message).toMatch(/Azure single-tenant/);
    expect(error.message).toMatch(/Discovery API may not be enabled there/);
  });

  it('keeps other hosts and other statuses free of the Azure note', () => {
    const plain = { endpoint: 'https://ab123.metadata.acme.dbt.com/graphql', environmentId: ENV_ID };
    expect(errorFromStatus(404, undefined, plain).message).not.toMatch(/Azure/);
    expect(errorFromStatus(401, undefined, azure).message).not.toMatch(/Azure/);
  });
});
