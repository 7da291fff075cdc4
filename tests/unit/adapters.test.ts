import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { ADAPTERS, chooseAdapter } from '../../lib/adapters';
import { BI_HOST_PATTERNS } from '../../lib/adapters/hosts';

const root = process.cwd();

describe('the adapter registry', () => {
  it.each(ADAPTERS.map((adapter) => [adapter.id, adapter] as const))(
    '%s lives in its own file and has fixture pages that say what must be found',
    (id, adapter) => {
      expect(existsSync(`${root}/lib/adapters/${id}.ts`)).toBe(true);
      const pages = readdirSync(`${root}/tests/fixtures/bi/${id}`).filter((file) => file.endsWith('.html'));
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) {
        expect(existsSync(`${root}/tests/fixtures/bi/${id}/${page.replace('.html', '.expected.json')}`)).toBe(true);
      }
      expect(adapter.matches.length).toBeGreaterThan(0);
      expect(adapter.codeLines).toEqual(expect.arrayContaining(['.view-line', '.cm-line', '.CodeMirror-line', '.ace_line']));
    },
  );

  it('has one adapter per id', () => {
    const ids = ADAPTERS.map((adapter) => adapter.id);
    expect(ids).toEqual([...new Set(ids)]);
  });

  it('gives the generic text adapter to every supported BI host until a tool has its own', () => {
    const urls = BI_HOST_PATTERNS.map((pattern) => pattern.replace('*.', 'acme.').replace('/*', '/dashboards/1'));
    expect(urls).toContain('https://app.mode.com/dashboards/1');
    for (const url of urls) expect(chooseAdapter(url).id).toBe('generic');
  });

  it('falls back to generic for a self-hosted host, a tool it does not know yet, or a bad URL', () => {
    expect(chooseAdapter('https://metabase.acme.com/question/1', [{ host: 'metabase.acme.com', tool: 'metabase' }]).id).toBe('generic');
    expect(chooseAdapter('not a url').id).toBe('generic');
  });

  it('has no table slots in the generic adapter, so bare names never match there', () => {
    expect(chooseAdapter('https://app.mode.com/x').tableSlots).toEqual([]);
  });
});
