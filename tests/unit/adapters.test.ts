/**
 * The adapter registry's conventions: one file per tool, registered, with fixture pages; each
 * example URL is claimed by its own adapter only and says its page kind; the lists other parts
 * use (manifest hosts, the Tool select, the policy schema) agree with the registry.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { ADAPTERS, TOOL_ADAPTERS, TOOL_IDS, adaptersMatching, chooseAdapter } from '../../lib/adapters';
import { PAGE_KINDS, type Adapter } from '../../lib/adapters/define';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';
import { ADAPTER_IDS } from '../../lib/config/settings';

const root = process.cwd();
const adapterFiles = readdirSync(`${root}/lib/adapters`).filter((file) => file.endsWith('.ts'));

describe('the adapter registry', () => {
  it('registers every adapter file, and every registered adapter has its own file', async () => {
    for (const file of adapterFiles) {
      const module = (await import(`../../lib/adapters/${file}`)) as { default?: Adapter };
      if (!module.default || typeof module.default !== 'object' || !('tableSlots' in module.default)) continue;
      expect(module.default.id, `${file} is named after its adapter`).toBe(file.replace(/\.ts$/, ''));
      expect(ADAPTERS, `${file} is registered in lib/adapters/index.ts`).toContain(module.default);
    }
    for (const adapter of ADAPTERS) expect(existsSync(`${root}/lib/adapters/${adapter.id}.ts`)).toBe(true);
    expect(TOOL_IDS).toEqual([...new Set(TOOL_IDS)]);
  });

  it.each(ADAPTERS.map((adapter) => [adapter.id, adapter] as const))(
    '%s has fixture pages that say what must be found',
    (id) => {
      const folder = `${root}/tests/fixtures/bi/${id}`;
      const pages = existsSync(folder) ? readdirSync(folder).filter((file) => file.endsWith('.html')) : [];
      expect(pages.length, `tests/fixtures/bi/${id}/ has at least two pages`).toBeGreaterThanOrEqual(id === 'generic' ? 1 : 2);
      for (const page of pages) {
        expect(existsSync(`${folder}/${page.replace('.html', '.expected.json')}`), page).toBe(true);
      }
      // A tool with dashboards has a dashboard fixture; a tool with an API has its answers.
      const kinds = pages.map((page) => JSON.parse(readFileSync(`${folder}/${page.replace('.html', '.expected.json')}`, 'utf8')).kind);
      const adapter = ADAPTERS.find((a) => a.id === id)!;
      if (adapter.tiles) expect(kinds, 'a dashboard fixture').toContain('dashboard');
      if (adapter.api) expect(existsSync(`${folder}/api.json`), 'api.json').toBe(true);
    },
  );

  it.each(TOOL_ADAPTERS.map((adapter) => [adapter.id, adapter] as const))(
    '%s: every example URL is its own adapter\'s, and of the page kind it says',
    (_, adapter) => {
      expect(adapter.examples.length).toBeGreaterThan(0);
      const kinds = new Set(adapter.examples.map((example) => example.kind));
      if (adapter.tiles || adapter.dashboardHeader.length) expect(kinds).toContain('dashboard');
      for (const { url, kind } of adapter.examples) {
        expect(PAGE_KINDS).toContain(kind);
        if (adapter.matches.length > 0) {
          expect(adaptersMatching(url).map((a) => a.id), url).toEqual([adapter.id]);
        } else {
          // A self-hosted-only tool: no SaaS pattern claims its pages; the host the user adds does.
          expect(adaptersMatching(url), url).toEqual([]);
          expect(chooseAdapter(url, [{ host: new URL(url).hostname, tool: adapter.id }]).id).toBe(adapter.id);
        }
        expect(adapter.pageKind(new URL(url)), url).toBe(kind);
      }
    },
  );

  it.each(TOOL_ADAPTERS.map((adapter) => [adapter.id, adapter] as const))('%s: every selector parses', (_, adapter) => {
    const selectors = [...adapter.tableSlots, ...adapter.codeLines, ...adapter.dashboardHeader, ...(adapter.tiles?.card ?? []), ...(adapter.tiles?.title ?? [])];
    for (const selector of selectors) expect(() => document.querySelector(selector), selector).not.toThrow();
    if (adapter.tiles) expect(adapter.tiles.keyAttribute ?? adapter.tiles.key).toBeTruthy();
    expect(adapter.codeLines).toEqual(expect.arrayContaining(['.view-line', '.cm-line', '.CodeMirror-line', '.ace_line']));
  });

  it('declares exactly the supported SaaS hosts in the manifest, and never all URLs', () => {
    expect([...BI_HOST_PATTERNS].sort()).toEqual(
      [
        'https://app.mode.com/*', 'https://*.cloud.looker.com/*', 'https://*.looker.com/*', 'https://app.powerbi.com/*',
        'https://*.metabaseapp.com/*', 'https://app.sigmacomputing.com/*', 'https://*.preset.io/*', 'https://app.hex.tech/*',
        'https://*.lightdash.cloud/*', 'https://*.online.tableau.com/*',
      ].sort(),
    );
    expect(BI_HOST_PATTERNS.join(' ')).not.toMatch(/<all_urls>|^\*:|https:\/\/\*\/\*/);
  });

  it('offers the registry\'s tools, in its order, in the Tool select and the policy schema', () => {
    expect([...ADAPTER_IDS]).toEqual(TOOL_IDS);
    const schema = JSON.parse(readFileSync(`${root}/public/managed_schema.json`, 'utf8'));
    expect(schema.properties.biHosts.items.properties.tool.enum).toEqual(TOOL_IDS);
    expect(schema.properties.disabledTools.items.enum).toEqual(TOOL_IDS);
  });

  it('falls back to generic for an unknown host, a host added for no known tool, or a bad URL', () => {
    expect(chooseAdapter('https://intranet.example.org/x').id).toBe('generic');
    expect(chooseAdapter('https://bi.acme.com/x', [{ host: 'bi.acme.com', tool: 'nope' }]).id).toBe('generic');
    expect(chooseAdapter('not a url').id).toBe('generic');
    expect(ADAPTERS.find((adapter) => adapter.id === 'generic')!.tableSlots).toEqual([]);
  });

  it('gives a self-hosted host its tool\'s adapter, but never overrides a SaaS host', () => {
    expect(chooseAdapter('https://metabase.acme.com/dashboard/1', [{ host: 'metabase.acme.com', tool: 'metabase' }]).id).toBe('metabase');
    expect(chooseAdapter('https://app.mode.com/acme/reports/1', [{ host: 'app.mode.com', tool: 'redash' }]).id).toBe('mode');
  });
});
