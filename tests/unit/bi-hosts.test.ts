import { describe, expect, it } from 'vitest';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { syncBiHostScripts, type ScriptingApi } from '../../lib/background/bi-host-scripts';
import { checkBiHostInput } from '../../lib/config/bi-hosts';
import type { BiHost } from '../../lib/config/settings';

const added: BiHost[] = [{ host: 'metabase.acme.com', tool: 'metabase' }];

function refusal(input: string): string {
  const result = checkBiHostInput(input, BI_HOST_PATTERNS, added);
  if (result.ok) throw new Error(`expected ${input} to be refused`);
  return result.error;
}

describe('checkBiHostInput', () => {
  it.each([
    ['redash.acme.com', 'redash.acme.com'],
    ['  Superset.Acme.COM ', 'superset.acme.com'],
    ['https://lightdash.internal.acme.com/', 'lightdash.internal.acme.com'],
  ])('takes %j as the host %s', (input, host) => {
    expect(checkBiHostInput(input, BI_HOST_PATTERNS, added)).toEqual({ ok: true, value: host });
  });

  it('refuses a URL with a path, saying which host to type', () => {
    expect(refusal('https://redash.acme.com/dashboards/12')).toMatch(/has a path: Docent needs only the host \(redash\.acme\.com\)/);
  });
  it('refuses a wildcard', () => expect(refusal('*.acme.com')).toMatch(/wildcard/));
  it('refuses an IP address', () => expect(refusal('10.1.2.3')).toMatch(/IP address/));
  it('refuses a host a SaaS pattern already covers', () => expect(refusal('acme.metabaseapp.com')).toMatch(/already works on acme\.metabaseapp\.com/));
  it('refuses a host already added', () => expect(refusal('metabase.acme.com')).toMatch(/already in the list/));
  it('refuses plain http, ports and non-hosts', () => {
    expect(refusal('http://redash.acme.com')).toMatch(/https/);
    expect(refusal('redash.acme.com:8443')).toMatch(/port/);
    expect(refusal('redash')).toMatch(/not a host name/);
    expect(refusal('')).toMatch(/Enter the BI tool's host name/);
  });
});

function fakeScripting(initial: string[] = []) {
  const ids = new Set(initial);
  const registered: Parameters<ScriptingApi['registerContentScripts']>[0] = [];
  const api: ScriptingApi = {
    getRegisteredContentScripts: async () => [...ids].map((id) => ({ id })),
    registerContentScripts: async (scripts) => {
      for (const s of scripts) {
        if (ids.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        ids.add(s.id);
        registered.push(s);
      }
    },
    unregisterContentScripts: async ({ ids: gone }) => gone.forEach((id) => ids.delete(id)),
  };
  return { api, ids, registered };
}

describe('syncBiHostScripts', () => {
  const hosts: BiHost[] = [
    { host: 'metabase.acme.com', tool: 'metabase' },
    { host: 'redash.acme.com', tool: 'redash' },
    { host: 'superset.acme.com', tool: 'superset' },
  ];
  const granted = new Set(['https://metabase.acme.com/*', 'https://redash.acme.com/*', 'https://superset.acme.com/*']);
  const deps = (api: ScriptingApi) => ({ scripting: api, hasPermission: async (o: string) => granted.has(o), contentScript: 'content-scripts/bi.js' });

  it('registers the content script on each granted host, naming host and tool, and skips disabled tools', async () => {
    const { api, ids, registered } = fakeScripting(['someone-elses-script']);
    const served = await syncBiHostScripts(hosts, ['superset'], deps(api));
    expect(served.map((h) => h.host)).toEqual(['metabase.acme.com', 'redash.acme.com']);
    expect([...ids].sort()).toEqual(['docent-bi-host:metabase:metabase.acme.com', 'docent-bi-host:redash:redash.acme.com', 'someone-elses-script']);
    expect(registered[0]).toMatchObject({ matches: ['https://metabase.acme.com/*'], js: ['content-scripts/bi.js'] });
  });

  it("reaches the host's frames as the background reaches a SaaS host's (lib/background/after-load.ts): every frame, and about:blank and srcdoc ones", async () => {
    const { api, registered } = fakeScripting();
    await syncBiHostScripts(hosts.slice(0, 1), [], deps(api));
    // The SaaS hosts' script is injected at run time, never by the manifest.
    const contentScript = (await import('../../entrypoints/bi.content/index')).default as { registration?: string };
    expect(contentScript.registration).toBe('runtime');
    expect(registered[0]).toMatchObject({ allFrames: true, matchOriginAsFallback: true });
  });

  it('restores the registrations after a restart and is idempotent; removes hosts that went away', async () => {
    const { api, ids } = fakeScripting();
    await syncBiHostScripts(hosts, [], deps(api));
    await syncBiHostScripts(hosts, [], deps(api)); // a second start: no duplicate registration
    expect(ids.size).toBe(3);
    await syncBiHostScripts(hosts.slice(0, 1), [], deps(api));
    expect([...ids]).toEqual(['docent-bi-host:metabase:metabase.acme.com']);
  });

  it('gives the script to the tabs already open on a host it just registered (tabs restored at start), and only then', async () => {
    const { api } = fakeScripting();
    const injected: string[][] = [];
    const withTabs = { ...deps(api), injectIntoOpenTabs: async (patterns: string[]) => void injected.push(patterns) };
    await syncBiHostScripts(hosts, ['superset'], withTabs);
    await syncBiHostScripts(hosts, ['superset'], withTabs); // already registered: those tabs have it
    expect(injected).toEqual([['https://metabase.acme.com/*', 'https://redash.acme.com/*']]);
  });

  it('registers nothing where the permission was not granted', async () => {
    const { api, ids } = fakeScripting();
    await syncBiHostScripts([{ host: 'bi.other.com', tool: 'looker' }], [], deps(api));
    expect(ids.size).toBe(0);
  });
});
