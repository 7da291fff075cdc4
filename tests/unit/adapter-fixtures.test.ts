/**
 * Every tool's fixture pages, cheaply (happy-dom): the adapter says the right page kind, the
 * overlay with that adapter badges exactly the names the page writes out, and the adapter's API
 * code, answered from the fixture's api.json, finds exactly the models each dashboard card reads.
 * The same pages run in the production build in real Chromium under `npm run accuracy`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ADAPTERS } from '../../lib/adapters';
import { tileKeyOf, type PageTables } from '../../lib/adapters/define';
import { ok } from '../../lib/result';
import { startOverlay } from '../../lib/overlay/overlay';
import { demoResolve, demoUniqueId } from '../fixtures/bi/demo-index';

const ROOT = join(process.cwd(), 'tests/fixtures/bi');

interface Expected {
  url: string;
  kind: string;
  badges: { key: string; uniqueId: string; tile?: string }[];
  summary?: string[];
}

const cases = ADAPTERS.filter((adapter) => adapter.id !== 'generic' && existsSync(join(ROOT, adapter.id))).flatMap((adapter) =>
  readdirSync(join(ROOT, adapter.id))
    .filter((file) => file.endsWith('.html'))
    .map((page) => [`${adapter.id}/${page}`, adapter, page] as const),
);

/** `fetchJson` answered from api.json the way the fixture server does (path and query, else path). */
function fixtureApi(tool: string) {
  const file = join(ROOT, tool, 'api.json');
  const responses = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).responses as Record<string, unknown>) : {};
  const asked: string[] = [];
  const fetchJson = async (path: string) => {
    asked.push(path);
    const url = new URL(path, 'https://fixture.invalid');
    return responses[url.pathname + url.search] ?? responses[url.pathname] ?? null;
  };
  return { fetchJson, asked };
}

let controller: AbortController;
afterEach(() => controller?.abort());

describe.each(cases)('%s', (_, adapter, page) => {
  const expected = JSON.parse(readFileSync(join(ROOT, adapter.id, page.replace('.html', '.expected.json')), 'utf8')) as Expected;
  const url = new URL(expected.url);
  const pageBadges = expected.badges.filter((badge) => !badge.tile);
  const tileBadges = expected.badges.filter((badge) => badge.tile);

  function load() {
    const html = readFileSync(join(ROOT, adapter.id, page), 'utf8');
    document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
  }

  async function apiTables(): Promise<PageTables | null> {
    if (!adapter.api) return null;
    controller = new AbortController();
    return adapter.api({ url, fetchJson: fixtureApi(adapter.id).fetchJson, signal: controller.signal });
  }

  it(`is a ${expected.kind} page of ${adapter.label}`, () => {
    expect(adapter.pageKind(url)).toBe(expected.kind);
  });

  it('badges exactly the models the page writes out, in slots, code lines and text', async () => {
    load();
    controller = new AbortController();
    const overlay = startOverlay({
      document,
      adapter,
      resolve: async (keys) => ok(demoResolve(keys)),
      loadDetails: async () => ({ ok: false, error: { kind: 'unknownModel', message: 'not in this test' } }),
      signal: controller.signal,
    });
    await overlay.idle();
    const found = [...document.querySelectorAll<HTMLElement>('docent-badge')].map((badge) => ({
      key: badge.dataset.key,
      uniqueId: badge.dataset.uniqueId,
    }));
    expect(found).toEqual(pageBadges.map(({ key, uniqueId }) => ({ key, uniqueId })));
  });

  it.runIf(tileBadges.length > 0 || adapter.api)('finds through the API exactly the models each card reads', async () => {
    const tables = await apiTables();
    // A question's own page is one card: a model its editor writes out is badged there, not in its title.
    const writtenOut = new Set(expected.kind === 'dashboard' ? [] : pageBadges.map((badge) => badge.uniqueId));
    const resolvedTiles = new Map(
      (tables?.tiles ?? []).map((tile) => [tile.tileKey, tile.tables.map(demoUniqueId).filter((id) => id && !writtenOut.has(id)).sort()]),
    );
    const expectedTiles = new Map<string, string[]>();
    for (const badge of tileBadges) expectedTiles.set(badge.tile!, [...(expectedTiles.get(badge.tile!) ?? []), badge.uniqueId].sort());
    expect(Object.fromEntries([...resolvedTiles].filter(([, ids]) => ids.length > 0))).toEqual(Object.fromEntries(expectedTiles));
    // On a page that is no dashboard, what the API says the page reads is what the page shows.
    if (tileBadges.length === 0 && tables) {
      const ids = tables.tables.map(demoUniqueId).filter(Boolean);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(pageBadges.map((badge) => badge.uniqueId)).toContain(id);
    }
    // Each card the API names is on the page, with a title to hold its badges.
    load();
    const cards = [...document.querySelectorAll(adapter.tiles?.card.join(', ') || ':not(*)')];
    for (const tileKey of expectedTiles.keys()) {
      const card = cards.find((element) => tileKeyOf(adapter.tiles!, element) === tileKey);
      expect(card, `card ${tileKey}`).toBeDefined();
      expect(card!.querySelector(adapter.tiles!.title.join(', ')), `title of card ${tileKey}`).not.toBeNull();
    }
  });

  it.runIf(expected.summary !== undefined)('lists in the summary every model behind the dashboard', async () => {
    const tables = await apiTables();
    const ids = new Set([...(tables?.tables ?? []).map(demoUniqueId), ...pageBadges.map((badge) => badge.uniqueId)]);
    ids.delete(undefined);
    expect([...ids].sort()).toEqual([...expected.summary!].sort());
  });
});

it('stays within the per-page call budget on every fixture', async () => {
  for (const [, adapter] of cases) {
    if (!adapter.api) continue;
    for (const file of readdirSync(join(ROOT, adapter.id)).filter((name) => name.endsWith('.expected.json'))) {
      const { url } = JSON.parse(readFileSync(join(ROOT, adapter.id, file), 'utf8')) as Expected;
      const api = fixtureApi(adapter.id);
      await adapter.api({ url: new URL(url), fetchJson: api.fetchJson, signal: new AbortController().signal });
      expect(api.asked.length, file).toBeLessThanOrEqual(20);
      for (const path of api.asked) expect(path, file).toMatch(/^\/api\//);
    }
  }
});
