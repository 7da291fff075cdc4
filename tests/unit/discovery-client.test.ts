import { describe, expect, it, vi } from 'vitest';
import { createDiscoveryClient } from '../../lib/discovery/client';
import { RequestGate } from '../../lib/discovery/request-gate';
import { parseRetryAfter } from '../../lib/discovery/error-map';
import { MODELS_PAGE } from '../../lib/discovery/queries';

const ENDPOINT = 'https://metadata.cloud.getdbt.com/graphql';
const ENV_ID = '70403103985022';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function setup(respond: (init: RequestInit | undefined, call: number) => Promise<Response> | Response, gateNow = () => Date.now()) {
  let call = 0;
  const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => respond(init, call++));
  const gate = new RequestGate({ now: gateNow });
  const client = createDiscoveryClient({ endpoint: ENDPOINT, token: 'dbtc_secret', environmentId: ENV_ID, fetch, gate, timeoutMs: 200 });
  return { client, fetch, gate };
}

describe('Discovery client', () => {
  it('sends the bearer token and the environment id as a string, never a number', async () => {
    const { client, fetch } = setup(() => json(200, { data: { environment: { applied: null } } }));
    const answer = await client.query(MODELS_PAGE, { first: 500, after: null });
    expect(answer.ok).toBe(true);
    const init = fetch.mock.calls[0]![1]!;
    expect(new Headers(init.headers).get('authorization')).toBe('Bearer dbtc_secret');
    expect(JSON.parse(String(init.body)).variables.environmentId).toBe(ENV_ID);
  });

  it.each([
    [401, 'unauthorized', /rejected the service token/],
    [403, 'forbidden', /Metadata Only permission/],
    [404, 'notFound', /no Discovery API/],
    [502, 'server', /failing \(HTTP 502\)/],
  ])('maps HTTP %i to %s with words that say what to do', async (status, kind, words) => {
    const { client } = setup(() => json(status, { message: 'nope' }));
    const answer = await client.query(MODELS_PAGE);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.kind).toBe(kind);
    expect(answer.error.message).toMatch(words);
    expect(answer.error.message.toLowerCase()).not.toContain('connected');
  });

  it('honours Retry-After: the next request waits without touching the network', async () => {
    let now = 1_000_000;
    const { client, fetch } = setup(() => json(429, { errors: [{ message: 'Too Many Requests' }] }, { 'retry-after': '120' }), () => now);
    const first = await client.query(MODELS_PAGE);
    expect(first.ok || first.error).toMatchObject({ kind: 'rateLimited', retryAfterSeconds: 120 });
    const second = await client.query(MODELS_PAGE, { first: 1 });
    expect(second.ok || second.error).toMatchObject({ kind: 'rateLimited', retryAfterSeconds: 120 });
    expect(fetch).toHaveBeenCalledTimes(1);
    now += 121_000;
    await client.query(MODELS_PAGE, { first: 2 });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('backs off after a server failure even without Retry-After, and says so in the words of that cause', async () => {
    const { client, gate, fetch } = setup(() => json(503, {}));
    await client.query(MODELS_PAGE);
    expect(gate.blocked()?.seconds).toBeGreaterThanOrEqual(29);
    const next = await client.query(MODELS_PAGE, { first: 3 });
    expect(next.ok || next.error).toMatchObject({ kind: 'server', status: 503 });
    if (!next.ok) expect(next.error.message).toMatch(/failing \(HTTP 503\).*try again in (29|30) s/);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('maps an HTTP 200 answer with GraphQL errors about the environment to notFound', async () => {
    const { client } = setup(() => json(200, { data: null, errors: [{ message: 'Environment 70403103985022 not found' }] }));
    const answer = await client.query(MODELS_PAGE);
    expect(answer.ok || answer.error).toMatchObject({ kind: 'notFound' });
    if (!answer.ok) expect(answer.error.message).toMatch(/Check the Environment ID/);
  });

  it('maps other GraphQL errors to invalidResponse, quoting dbt', async () => {
    const { client } = setup(() => json(200, { data: null, errors: [{ message: 'Cannot query field "bogus"' }] }));
    const answer = await client.query(MODELS_PAGE);
    expect(answer.ok || answer.error).toMatchObject({ kind: 'invalidResponse' });
    if (!answer.ok) expect(answer.error.message).toContain('Cannot query field');
  });

  it('maps an answer that is not JSON to invalidResponse', async () => {
    const { client } = setup(() => new Response('<html>maintenance</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const answer = await client.query(MODELS_PAGE);
    expect(answer.ok || answer.error).toMatchObject({ kind: 'invalidResponse' });
  });

  it('maps a failed connection to network', async () => {
    const { client } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    const answer = await client.query(MODELS_PAGE);
    expect(answer.ok || answer.error).toMatchObject({ kind: 'network' });
  });

  it('times out a request that hangs, and the next request still goes out', async () => {
    const { client, fetch } = setup(
      (init, call) =>
        call === 0
          ? new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))
          : json(200, { data: { ok: true } }),
    );
    const first = await client.query(MODELS_PAGE);
    expect(first.ok || first.error).toMatchObject({ kind: 'timeout' });
    const second = await client.query(MODELS_PAGE);
    expect(second.ok).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('never has two identical requests in flight', async () => {
    let release!: () => void;
    const gateOpen = new Promise<void>((r) => (release = r));
    const { client, fetch } = setup(async () => {
      await gateOpen;
      return json(200, { data: { ok: true } });
    });
    const a = client.query(MODELS_PAGE, { first: 500 });
    const b = client.query(MODELS_PAGE, { first: 500 });
    const c = client.query(MODELS_PAGE, { first: 10 });
    release();
    await Promise.all([a, b, c]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('RequestGate budget', () => {
  it('keeps callers that arrive together to 20 requests in any minute', async () => {
    let now = 0;
    const startedAt: number[] = [];
    const gate = new RequestGate({ now: () => now, maxPerMinute: 20 });
    const client = createDiscoveryClient({
      endpoint: ENDPOINT, token: 't', environmentId: ENV_ID, gate,
      fetch: async () => {
        startedAt.push(now);
        return json(200, { data: { ok: true } });
      },
      // A fake timer: each sleeper wakes, in its own turn of the event loop, at the time it asked for.
      sleep: async (ms) => {
        const wake = now + ms;
        await new Promise((resolve) => setTimeout(resolve, 0));
        now = Math.max(now, wake);
      },
    });
    await Promise.all(Array.from({ length: 60 }, (_, i) => client.query(MODELS_PAGE, { first: i + 1 })));
    expect(startedAt).toHaveLength(60);
    for (const t of startedAt) {
      expect(startedAt.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(20);
    }
  });

  it('waits 5 minutes after a 429 without Retry-After, then twice as long for each 429 in a row', async () => {
    let now = 0;
    const gate = new RequestGate({ now: () => now });
    let answerWith429 = true;
    const fetch = vi.fn(async () => (answerWith429 ? json(429, {}) : json(200, { data: { ok: true } })));
    const client = createDiscoveryClient({ endpoint: ENDPOINT, token: 't', environmentId: ENV_ID, gate, fetch, sleep: async () => {} });
    const first = await client.query(MODELS_PAGE, { first: 1 });
    expect(first.ok || first.error).toMatchObject({ kind: 'rateLimited', retryAfterSeconds: 300 });
    expect(first.ok || first.error.message).toContain('5 min');
    const held = await client.query(MODELS_PAGE, { first: 2 }); // inside the hold-off: not sent
    expect(held.ok).toBe(false);
    expect(fetch).toHaveBeenCalledTimes(1);
    now += 300_000;
    const second = await client.query(MODELS_PAGE, { first: 3 });
    expect(second.ok || second.error).toMatchObject({ kind: 'rateLimited', retryAfterSeconds: 600 });
    now += 600_000;
    answerWith429 = false;
    expect((await client.query(MODELS_PAGE, { first: 4 })).ok).toBe(true);
    answerWith429 = true;
    const afterSuccess = await client.query(MODELS_PAGE, { first: 5 });
    expect(afterSuccess.ok || afterSuccess.error).toMatchObject({ retryAfterSeconds: 300 }); // a success starts over
  });

  it('re-checks for a Retry-After that arrived while a request waited for its slot', async () => {
    let now = 0;
    let release!: () => void;
    const gate = new RequestGate({ now: () => now, maxPerMinute: 1 });
    const fetch = vi.fn(async () => json(429, {}, { 'retry-after': '600' }));
    const client = createDiscoveryClient({
      endpoint: ENDPOINT, token: 't', environmentId: ENV_ID, gate, fetch,
      sleep: () => new Promise<void>((r) => (release = r)),
    });
    const first = client.query(MODELS_PAGE, { first: 1 });
    const second = client.query(MODELS_PAGE, { first: 2 }); // waits a minute for its slot
    expect((await first).ok).toBe(false);
    now = 60_000;
    release();
    const answer = await second;
    expect(answer.ok || answer.error).toMatchObject({ kind: 'rateLimited', retryAfterSeconds: 540 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Sat, 28 Nov 2026 12:02:30 GMT', now)).toBe(150);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
