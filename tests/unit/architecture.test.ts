// @vitest-environment node
/**
 * docs/architecture.md "Who may import whom", held against the code: every relative import of
 * every file in lib/, components/ and entrypoints/ is read and checked against the allowed edges,
 * so a change that makes an import run back up fails here, not in review.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** The part a repository path belongs to: a lib/ folder, lib/messaging, lib/result, components, entrypoints. */
function partOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'lib') return parts.length === 2 ? `lib/${parts[1]!.replace(/\.tsx?$/, '')}` : `lib/${parts[1]}`;
  return parts[0]!;
}

/** The allowed edges, as docs/architecture.md lists them (lib/result is open to all). */
const ALLOWED: Record<string, string[]> = {
  entrypoints: ['components', 'lib/background', 'lib/overlay', 'lib/adapters', 'lib/catalog', 'lib/config', 'lib/discovery', 'lib/storage', 'lib/format', 'lib/messaging'],
  'lib/background': ['lib/catalog', 'lib/discovery', 'lib/artifacts', 'lib/config', 'lib/messaging'],
  'lib/overlay': ['components', 'lib/adapters', 'lib/matching', 'lib/catalog', 'lib/messaging'],
  components: ['lib/catalog', 'lib/config', 'lib/storage', 'lib/format', 'lib/messaging'],
  'lib/storage': ['lib/catalog'],
  'lib/messaging': ['lib/catalog'],
  'lib/discovery': ['lib/catalog'],
  'lib/artifacts': ['lib/catalog', 'lib/config'],
  'lib/catalog': ['lib/matching', 'lib/format'],
  'lib/adapters': ['lib/matching'],
  'lib/config': [],
  'lib/format': [],
  'lib/matching': [],
  'lib/result': [],
};
/** What a source may see of the catalog: its contract (domain types, the interface, text limits), no behaviour. */
const CATALOG_CONTRACT = ['lib/catalog/types.ts', 'lib/catalog/source.ts', 'lib/catalog/limits.ts'];
const SOURCES = ['lib/discovery', 'lib/artifacts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string {
  const target = relative(ROOT, resolve(ROOT, dirname(from), specifier));
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`]) {
    try {
      if (statSync(join(ROOT, candidate)).isFile()) return candidate;
    } catch {
      // next candidate
    }
  }
  return target;
}

const edges = ['lib', 'components', 'entrypoints'].flatMap(sourceFiles).flatMap((file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  // `… from './x'`, `import './x'` and `import('./x')`, single- or double-quoted.
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)['"](\.[^'"]+)['"]/g)].map((m) => ({ file, target: resolveImport(file, m[1]!) }));
});

describe('imports, as docs/architecture.md says', () => {
  it('reads the imports it checks', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.file.startsWith('lib/discovery') && e.target === 'lib/catalog/source.ts')).toBe(true);
  });

  it('run one way: every import between parts is an allowed edge', () => {
    const wrong = edges
      .filter(({ file, target }) => {
        const from = partOf(file);
        const to = partOf(target);
        return from !== to && to !== 'lib/result' && !(ALLOWED[from] ?? []).includes(to);
      })
      .map(({ file, target }) => `${file} → ${target}`);
    expect(wrong).toEqual([]);
  });

  it('sources see only the catalog\'s contract, never each other, and the catalog imports no source', () => {
    const wrong = edges
      .filter(({ file, target }) => {
        const from = partOf(file);
        const to = partOf(target);
        if (SOURCES.includes(from) && to === 'lib/catalog') return !CATALOG_CONTRACT.includes(target);
        if (SOURCES.includes(from) && SOURCES.includes(to)) return from !== to;
        return from === 'lib/catalog' && (SOURCES.includes(to) || to === 'lib/config' || to === 'lib/messaging');
      })
      .map(({ file, target }) => `${file} → ${target}`);
    expect(wrong).toEqual([]);
  });

  it('keep the content script away from the token: nothing it loads reads settings or builds a source', () => {
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const edge of edges) if (edge.file === file) visit(edge.target);
    };
    for (const file of sourceFiles('entrypoints/bi.content')) visit(file);
    expect(reached.size).toBeGreaterThan(10);
    const forbidden = [...reached].filter((f) => /^lib\/(config|discovery|artifacts|background)\/|^lib\/catalog\/(catalog-service|environment|index-store)\.ts$/.test(f));
    expect(forbidden).toEqual([]);
  });

  it('keep lib/matching pure: no DOM, storage or browser API in it', () => {
    for (const file of sourceFiles('lib/matching')) {
      const text = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(text, file).not.toMatch(/\b(document|window|browser|chrome|localStorage|indexedDB|Date\.now|new Date)\b/);
      expect(text, file).not.toMatch(/from '(?!\.\/)/);
    }
  });
});
