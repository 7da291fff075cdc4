/**
 * Badges and the page's layout, in the production build in Chromium: the same results grid
 * (tests/fixtures/bi/layout/results-table.html) is measured where Docent runs (app.mode.com) and
 * where it does not (a host outside its matches), and the two are compared. A badge may widen the
 * column it sits in by its own fixed width, and nothing else: no row grows, nothing below the table
 * moves, a fixed-layout table keeps every column, and no badge covers any of the page's text.
 */
import type { Page } from '@playwright/test';
import { connect } from '../support/options-page';
import { expect, test, UNSUPPORTED_HOST } from './fixtures';

const PAGE = '/layout/results-table.html';
/** The badges the grid's names earn in the demo project (orders, customers, fct_refunds; 3 + 5). */
const EXPECTED_BADGES = 8;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface TableLayout {
  table: Box;
  /** Per row, per cell. */
  cells: Box[][];
  /** Per row, per cell: the badges inside it. */
  badges: number[][];
  /** The paragraph right under the table. */
  under: Box;
}

interface PageLayout {
  tables: Record<'auto' | 'fixed', TableLayout>;
  /** Each badge's margin box width (its own fixed width in the line). */
  badgeAdvance: number[];
  /** Badges whose box intersects a box of the page's own text, with what they cover. */
  overlaps: string[];
  /** Badges whose box leaves the table cell they sit in. */
  outsideCell: string[];
}

function measure(page: Page): Promise<PageLayout> {
  return page.evaluate(() => {
    const box = (r: DOMRect) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
    const table = (id: string, under: string) => {
      const element = document.getElementById(id)!;
      const rows = [...element.querySelectorAll('tr')];
      return {
        table: box(element.getBoundingClientRect()),
        cells: rows.map((row) => [...row.cells].map((cell) => box(cell.getBoundingClientRect()))),
        badges: rows.map((row) => [...row.cells].map((cell) => cell.querySelectorAll('docent-badge').length)),
        under: box(document.getElementById(under)!.getBoundingClientRect()),
      };
    };
    const badges = [...document.querySelectorAll<HTMLElement>('docent-badge')];
    const badgeAdvance = badges.map((badge) => {
      const style = getComputedStyle(badge);
      return badge.getBoundingClientRect().width + parseFloat(style.marginLeft) + parseFloat(style.marginRight);
    });
    // Every rendered line box of the page's own text (Docent's nodes hold none in the light DOM).
    const textBoxes: { text: string; rect: DOMRect }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      if (!text.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const rect of range.getClientRects()) if (rect.width > 0 && rect.height > 0) textBoxes.push({ text: text.data.trim(), rect });
    }
    const overlaps: string[] = [];
    const outsideCell: string[] = [];
    const TOLERANCE = 0.5;
    for (const badge of badges) {
      const b = badge.getBoundingClientRect();
      for (const { text, rect } of textBoxes) {
        const w = Math.min(b.right, rect.right) - Math.max(b.left, rect.left);
        const h = Math.min(b.bottom, rect.bottom) - Math.max(b.top, rect.top);
        if (w > TOLERANCE && h > TOLERANCE) overlaps.push(`${badge.dataset.key} covers ${w.toFixed(1)}×${h.toFixed(1)} px of "${text}"`);
      }
      const cell = badge.closest('td, th');
      if (cell) {
        const c = cell.getBoundingClientRect();
        if (b.left < c.left - TOLERANCE || b.right > c.right + TOLERANCE || b.top < c.top - TOLERANCE || b.bottom > c.bottom + TOLERANCE) {
          outsideCell.push(`${badge.dataset.key}: badge ${JSON.stringify(box(b))} in cell ${JSON.stringify(box(c))}`);
        }
      }
    }
    return { tables: { auto: table('auto-table', 'under-auto'), fixed: table('fixed-table', 'under-fixed') }, badgeAdvance, overlaps, outsideCell };
  });
}

async function layoutWithout(page: Page, url: string): Promise<PageLayout> {
  await page.goto(url);
  await page.evaluate(() => document.fonts.ready);
  return measure(page);
}

async function layoutWith(page: Page, url: string): Promise<PageLayout> {
  await page.goto(url);
  await expect(page.locator('docent-badge')).toHaveCount(EXPECTED_BADGES);
  await page.evaluate(() => document.fonts.ready);
  return measure(page);
}

test('badges widen a table column by at most their own width, move nothing else, and cover no text', async ({ extension, biServer }) => {
  const options = await extension.context.newPage();
  await connect(options, extension.optionsUrl);
  const page = await extension.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  const before = await layoutWithout(page, biServer.url(UNSUPPORTED_HOST, PAGE));
  expect(await page.locator('docent-badge').count(), 'no Docent on the unsupported host').toBe(0);
  const after = await layoutWith(page, biServer.url('app.mode.com', PAGE));

  // Every badge advances the line by the same fixed width: 16 px plus its 2 px margins.
  const advance = after.badgeAdvance[0]!;
  expect(advance).toBe(20);
  for (const width of after.badgeAdvance) expect(width).toBe(advance);

  expect(after.overlaps, 'badges covering page text').toEqual([]);
  expect(after.outsideCell, 'badges leaving their cell').toEqual([]);

  for (const which of ['auto', 'fixed'] as const) {
    const was = before.tables[which];
    const is = after.tables[which];
    const columns = is.cells[0]!.length;
    // The most badges any cell of each column holds: the room that column may gain.
    const allowance = [...Array(columns).keys()].map((c) => Math.max(...is.badges.map((row) => row[c] ?? 0)) * advance);
    const label = (r: number, c: number) => `${which} table, row ${r}, column ${c}`;
    for (const [r, row] of is.cells.entries()) {
      const wasRow = was.cells[r]!;
      for (const [c, cell] of row.entries()) {
        const old = wasRow[c]!;
        const room = which === 'fixed' ? 0 : allowance[c]!;
        const shift = which === 'fixed' ? 0 : allowance.slice(0, c).reduce((a, b) => a + b, 0);
        expect(cell.width, `${label(r, c)}: width`).toBeGreaterThanOrEqual(old.width - 1);
        expect(cell.width, `${label(r, c)}: width`).toBeLessThanOrEqual(old.width + room + 1);
        expect(Math.abs(cell.x - old.x), `${label(r, c)}: left edge`).toBeLessThanOrEqual(shift + 1);
        expect(Math.abs(cell.y - old.y), `${label(r, c)}: top edge`).toBeLessThanOrEqual(1);
        expect(Math.abs(cell.height - old.height), `${label(r, c)}: height`).toBeLessThanOrEqual(1);
      }
    }
    const gained = allowance.reduce((a, b) => a + b, 0);
    expect(is.table.width, `${which} table width`).toBeLessThanOrEqual(was.table.width + (which === 'fixed' ? 0 : gained) + 1);
    expect(Math.abs(is.table.height - was.table.height), `${which} table height`).toBeLessThanOrEqual(1);
    expect(Math.abs(is.under.y - was.under.y), `text under the ${which} table`).toBeLessThanOrEqual(1);
  }
  // The grid really was badged where the test looks: one badge per model name in each table.
  expect(after.tables.auto.badges.flat().reduce((a, b) => a + b, 0)).toBe(3);
  expect(after.tables.fixed.badges.flat().reduce((a, b) => a + b, 0)).toBe(5);
});
