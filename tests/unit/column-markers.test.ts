/**
 * Column markers on the tools' own field lists (Power BI's Data pane, Looker's field picker): the
 * fixture pages, the demo project's models and the columns its manifest documents.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import looker from '../../lib/adapters/looker';
import powerbi from '../../lib/adapters/powerbi';
import type { Adapter } from '../../lib/adapters/define';
import type { Card } from '../../lib/overlay/card';
import type { ColumnDoc } from '../../lib/catalog/types';
import type { DetailsAnswer, DocentError, NameMatch } from '../../lib/messaging';
import { err, ok, type Result } from '../../lib/result';
import { COLUMNS_RETRY_MS, columnKey, createColumnMarkers } from '../../lib/overlay/column-markers';
import { startOverlay } from '../../lib/overlay/overlay';
import { createCard } from '../../lib/overlay/card';
import { CARD_FACTORY_KEY } from '../../lib/overlay/lazy-card';
import { generateDemoProject } from '../support/demo-project';
import { demoResolve } from '../fixtures/bi/demo-index';

// The card's code as the background would inject it (lib/overlay/lazy-card.ts).
(globalThis as Record<string, unknown>)[CARD_FACTORY_KEY] = createCard;

const ROOT = join(process.cwd(), 'tests/fixtures/bi');
const { manifest } = generateDemoProject({ now: new Date('2026-11-28T06:00:00Z') });

type ManifestNode = { name: string; description: string; columns: Record<string, { name: string; description: string; data_type: string | null }> };

/** The details the background answers for a demo model: its manifest columns, as ColumnDocs. */
function demoDetails(uniqueId: string): Result<DetailsAnswer, DocentError> {
  const node = (manifest.nodes as Record<string, ManifestNode>)[uniqueId];
  const [match] = demoResolve([node!.name]) as NameMatch[];
  const { verdict, ...candidate } = match!.candidates[0]!;
  // The summary as the demo's last run left it: built, tests passed, sources fresh.
  const summary = {
    ...candidate,
    projectId: null,
    hasDescription: true,
    lastRunStatus: 'success',
    lastRunAt: '2026-11-28T05:00:00Z',
    lastSuccessAt: '2026-11-28T05:00:00Z',
    lastRunId: null,
    lastSuccessRunId: null,
    tests: [],
    parentIds: [],
    upstreamSources: [],
  };
  const columns: ColumnDoc[] = Object.values(node!.columns).map((column) => ({
    name: column.name,
    description: column.description,
    descriptionHtml: `<p>${column.description}</p>`,
    type: column.data_type,
  }));
  return ok({
    verdict,
    details: { summary, description: node!.description, descriptionHtml: null, columns, lastRunError: null, explorerUrl: null, lastSuccessRunUrl: null },
  } as unknown as DetailsAnswer);
}

function load(tool: string, page: string) {
  const html = readFileSync(join(ROOT, tool, page), 'utf8');
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
}

let controller: AbortController;
afterEach(() => {
  controller?.abort();
  document.body.innerHTML = '';
});

async function run(adapter: Adapter, resolve = demoResolve) {
  controller = new AbortController();
  const loadDetails = vi.fn(async (uniqueId: string) => demoDetails(uniqueId));
  const overlay = startOverlay({
    document,
    adapter,
    resolve: async (keys) => ok(resolve(keys)),
    loadDetails,
    signal: controller.signal,
    isTrusted: () => true,
  });
  await overlay.idle();
  const markers = [...document.querySelectorAll<HTMLElement>('docent-column')];
  return { overlay, loadDetails, markers, marked: markers.map((m) => `${m.parentElement!.textContent!.trim()} → ${m.dataset.column}`) };
}

describe('columnKey', () => {
  it('reads a field label the way the tools write a generated field', () => {
    expect(columnKey('First Touch Channel')).toBe('first_touch_channel');
    expect(columnKey(' GROSS_REVENUE ')).toBe('gross_revenue');
    expect(columnKey('ordered-at')).toBe('ordered_at');
  });
});

describe('Power BI Data pane', () => {
  it("marks each field of a matched model's expanded table that the model documents", async () => {
    load('powerbi', 'report.html');
    const { markers, marked, loadDetails } = await run(powerbi);
    expect(marked).toEqual(['gross_revenue → gross_revenue', 'net_revenue → net_revenue']);
    // Collapsed tables show no fields: their models' details are never asked for.
    expect(loadDetails.mock.calls.map(([id]) => id)).toEqual(['model.demo_shop.fct_revenue']);
    for (const marker of markers) {
      expect(marker.getAttribute('role')).toBe('button');
      expect(marker.getAttribute('tabindex')).toBe('0');
      expect(marker.getAttribute('aria-label')).toMatch(/^Column (gross|net)_revenue of fct_revenue/);
    }
  });

  it('marks nothing under a table whose name no model or several models answer', async () => {
    load('powerbi', 'report.html');
    const ambiguous = (keys: string[]) =>
      demoResolve(keys).map((match) => (match.key === 'fct_revenue' ? { ...match, candidates: [...match.candidates, { ...match.candidates[0]!, uniqueId: 'model.other.fct_revenue' }] } : match));
    const { markers, loadDetails } = await run(powerbi, ambiguous);
    expect(markers).toEqual([]);
    expect(loadDetails).not.toHaveBeenCalled();
  });

  it('takes its markers away when the run ends', async () => {
    load('powerbi', 'report.html');
    const { markers } = await run(powerbi);
    expect(markers.length).toBe(2);
    controller.abort();
    expect(document.querySelectorAll('docent-column').length).toBe(0);
  });
});

describe('Looker field picker', () => {
  it('marks fields whose label is a documented column, and no measure or renamed dimension', async () => {
    load('looker', 'explore.html');
    const { marked } = await run(looker);
    expect(marked).toEqual(['Status → status', 'First Touch Channel → first_touch_channel']);
  });
});

describe('the field a marker sits in', () => {
  it("never gets the clicks and keys meant for the marker, and keeps its own", async () => {
    load('powerbi', 'report.html');
    const { markers } = await run(powerbi);
    const field = markers[0]!.parentElement!;
    const item = field.closest('[role="treeitem"]')!;
    const seen: string[] = [];
    for (const type of ['click', 'mousedown', 'keydown']) item.addEventListener(type, (event) => seen.push(`${type}:${(event as KeyboardEvent).key ?? ''}`));
    markers[0]!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    markers[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    markers[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    markers[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    field.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(seen).toEqual(['keydown:Tab', 'click:']);
  });
});

describe('the card a marker opens', () => {
  const key = (target: EventTarget, name: string) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true }));

  it("opens at that column's description on Enter, and Escape closes it and gives focus back", async () => {
    load('powerbi', 'report.html');
    const { markers } = await run(powerbi);
    const marker = markers.find((m) => m.dataset.column === 'net_revenue')!;
    marker.focus();
    key(marker, 'Enter');
    const host = document.querySelector('docent-card')!;
    await vi.waitFor(() => expect(host.shadowRoot!.querySelector('.docent-card-column')?.textContent).toContain('After payment fees, in USD.'));
    const dialog = host.shadowRoot!.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-label')).toBe('Column net_revenue of fct_revenue — dbt model');
    expect(marker.getAttribute('aria-expanded')).toBe('true');
    key(host.shadowRoot!.activeElement ?? host, 'Escape');
    expect((host as HTMLElement).hidden).toBe(true);
    expect(document.activeElement).toBe(marker);
    expect(marker.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('while dbt cannot answer for the columns', () => {
  const failing = async (): Promise<Result<DetailsAnswer, DocentError>> => err({ kind: 'network', message: "dbt's Discovery API is failing (HTTP 503)." });

  it('asks once, not again on every change the page makes to its field list', async () => {
    load('powerbi', 'report.html');
    controller = new AbortController();
    const loadDetails = vi.fn(failing);
    const overlay = startOverlay({ document, adapter: powerbi, resolve: async (keys) => ok(demoResolve(keys)), loadDetails, signal: controller.signal, batchDelayMs: 5, isTrusted: () => true });
    await overlay.idle();
    expect(loadDetails).toHaveBeenCalledTimes(1);
    // The app keeps re-rendering (hover states, a tooltip, a field added): each change is read.
    for (let i = 0; i < 4; i++) {
      document.body.append(Object.assign(document.createElement('div'), { textContent: `tooltip ${i}` }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await overlay.idle();
    }
    expect(loadDetails).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('docent-column')).toHaveLength(0);
  });

  it('asks again after a while, and an answer "as of" the last index without columns counts as none', async () => {
    load('powerbi', 'report.html');
    controller = new AbortController();
    let clock = 0;
    let answer: (id: string) => Result<DetailsAnswer, DocentError> = (id) => {
      const good = demoDetails(id);
      return good.ok ? ok({ ...good.value, details: { ...good.value.details, columns: [] }, asOf: '2026-11-28T05:00:00Z', missing: 'The description and columns could not be loaded.' }) : good;
    };
    const detailsOf = vi.fn(async (candidate: { uniqueId: string }) => answer(candidate.uniqueId));
    const card = { detailsOf, bindBadge: vi.fn() } as unknown as Card;
    const markers = createColumnMarkers({
      document,
      slots: powerbi.columns!,
      lookup: (key) => demoResolve([key])[0] ?? null,
      readTable: (table) => table.textContent,
      card,
      signal: controller.signal,
      now: () => clock,
    });
    await markers.refresh();
    await markers.refresh();
    expect(detailsOf).toHaveBeenCalledTimes(1);
    answer = demoDetails;
    clock = COLUMNS_RETRY_MS;
    await markers.refresh();
    expect(detailsOf).toHaveBeenCalledTimes(2);
    expect([...document.querySelectorAll<HTMLElement>('docent-column')].map((m) => m.dataset.column)).toEqual(['gross_revenue', 'net_revenue']);
  });
});
