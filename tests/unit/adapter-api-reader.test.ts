import { describe, expect, it, vi } from 'vitest';
import { createApiReader, readPageTables, MAX_API_CALLS_PER_PAGE } from '../../lib/adapters/api-reader';
import { defineAdapter } from '../../lib/adapters/define';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the API reader an adapter gets', () => {
  it('asks only the page\'s origin, with GET and the same-origin session', async () => {
    const fetch = vi.fn(async () => json({ ok: 1 }));
    const read = createApiReader({ url: 'https://acme.metabaseapp.com/dashboard/7', signal: new AbortController().signal, fetch });
    expect(await read('/api/dashboard/7')).toEqual({ ok: 1 });
    expect(await read('https://evil.example.com/api/steal')).toBeNull();
    expect(await read('//evil.example.com/x')).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://acme.metabaseapp.com/api/dashboard/7');
    expect(init).toMatchObject({ method: 'GET', credentials: 'same-origin' });
  });

  it('caches each answer for the page and stops at the page\'s budget', async () => {
    const fetch = vi.fn(async () => json([]));
    const problems: string[] = [];
    const read = createApiReader({ url: 'https://x.preset.io/', signal: new AbortController().signal, fetch, onProblem: (p) => problems.push(p) });
    await read('/api/v1/chart/1');
    await read('/api/v1/chart/1');
    expect(fetch).toHaveBeenCalledTimes(1);
    for (let n = 2; n <= MAX_API_CALLS_PER_PAGE + 5; n++) await read(`/api/v1/chart/${n}`);
    expect(fetch).toHaveBeenCalledTimes(MAX_API_CALLS_PER_PAGE);
    expect(problems.at(-1)).toMatch(/stopped after 20 API calls/);
  });

  it('turns a refused session, a network error or bad JSON into null, never an exception', async () => {
    const answers = [json({ message: 'Unauthenticated' }, 401), Promise.reject(new TypeError('Failed to fetch')), new Response('<html>')];
    const fetch = vi.fn(async () => answers.shift()!);
    const read = createApiReader({ url: 'https://r.acme.com/', signal: new AbortController().signal, fetch });
    expect(await read('/api/a')).toBeNull();
    expect(await read('/api/b')).toBeNull();
    expect(await read('/api/c')).toBeNull();
  });

  it('asks nothing once the page is left', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetch = vi.fn(async () => json({}));
    expect(await createApiReader({ url: 'https://r.acme.com/', signal: controller.signal, fetch })('/api/a')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('keeps an adapter whose API code throws from breaking the page', async () => {
    const broken = defineAdapter({
      id: 'broken', label: 'Broken', matches: [], examples: [], pageKind: () => 'dashboard', tableSlots: [], codeLines: [],
      dashboardHeader: [], api: async () => { throw new Error('unexpected shape'); },
    });
    const problems: string[] = [];
    const tables = await readPageTables(broken, { url: 'https://r.acme.com/', signal: new AbortController().signal, fetch: vi.fn(), onProblem: (p) => problems.push(p) });
    expect(tables).toBeNull();
    expect(problems).toEqual(['broken API: Error: unexpected shape']);
  });
});
