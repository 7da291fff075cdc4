import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import generic from '../../lib/adapters/generic';
import { startOverlay } from '../../lib/overlay/overlay';
import { scanText } from '../../lib/matching/scan';
import { fakeAsk, fakeResolve, UNREADABLE_KEYS } from '../fixtures/bi/generic/known-models';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/bi/generic/');
const pages = readdirSync(FIXTURES).filter((file) => file.endsWith('.html'));

export function loadPage(file: string) {
  const html = readFileSync(FIXTURES + file, 'utf8');
  document.documentElement.innerHTML = html.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>\s*$/i, '');
}

/** The text of a badge's line (code line) or element up to the badge (badges add no text). */
function textBefore(badge: Element): string {
  const container = badge.parentElement!.closest(generic.codeLines.join(', ')) ?? badge.parentElement!;
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node.compareDocumentPosition(badge) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
    text += node.textContent;
  }
  return text;
}

/** The CSS a badge's shadow root applies: its shared adopted sheet, or its own <style>. */
function badgeCss(badge: Element): string {
  const root = badge.shadowRoot!;
  const adopted = root.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
  return [...adopted, root.querySelector('style')?.textContent ?? ''].join('\n');
}

let controller: AbortController;
afterEach(() => controller?.abort());

describe.each(pages)('generic adapter on %s', (page) => {
  const expected = JSON.parse(readFileSync(FIXTURES + page.replace('.html', '.expected.json'), 'utf8')) as {
    badges: string[];
  };

  async function run() {
    loadPage(page);
    controller = new AbortController();
    const resolve = vi.fn(fakeAsk);
    const overlay = startOverlay({
      document,
      adapter: generic,
      resolve,
      loadDetails: async () => ({ ok: false, error: { kind: 'unknownModel', message: 'not in this test' } }),
      signal: controller.signal,
    });
    await overlay.idle();
    return { resolve, overlay, badges: [...document.querySelectorAll<HTMLElement>('docent-badge')] };
  }

  it('badges exactly the expected names, in document order', async () => {
    const { badges } = await run();
    expect(badges.map((badge) => badge.dataset.key)).toEqual(expected.badges);
  });

  it('puts each badge right after the name it stands for', async () => {
    const { badges } = await run();
    for (const badge of badges) {
      const before = textBefore(badge);
      const last = scanText(before).at(-1);
      expect(last?.key).toBe(badge.dataset.key);
      expect(last?.end).toBe(before.length);
    }
  });

  it('gives every badge its unique id, health and an accessible, focusable shape', async () => {
    const { badges } = await run();
    for (const badge of badges) {
      const [match] = fakeResolve([badge.dataset.key!]);
      const ids = match!.candidates.map((candidate) => candidate.uniqueId);
      expect(badge.dataset.uniqueId).toBe(ids.join(' '));
      expect(badge.getAttribute('role')).toBe('button');
      const hiddenFromAssistiveTech = badge.closest('[aria-hidden="true"]') != null;
      expect(badge.getAttribute('tabindex')).toBe(hiddenFromAssistiveTech ? '-1' : '0');
      expect(badge.getAttribute('aria-haspopup')).toBe('dialog');
      expect(badgeCss(badge)).toMatch(/width: 16px;[\s\S]*height: 16px;/);
      // In an editor's line the badge must take no column: the editor places text by column.
      const inCodeLine = badge.parentElement!.closest(generic.codeLines.join(', ')) != null;
      expect(badge.hasAttribute('data-in-code-line'), badge.dataset.key).toBe(inCodeLine);
      if (ids.length > 1) {
        expect(badge.dataset.ambiguous).toBe('true');
        expect(badge.dataset.health).toBe('unknown');
        expect(badge.getAttribute('aria-label')).toBe(`${badge.dataset.key}: ambiguous, ${ids.length} models`);
      } else {
        const candidate = match!.candidates[0]!;
        expect(badge.dataset.ambiguous).toBeUndefined();
        expect(badge.dataset.health).toBe(candidate.verdict.health);
        expect(badge.getAttribute('aria-label')).toBe(`${candidate.name}: ${candidate.verdict.health}`);
      }
    }
  });

  it('never reads hidden, scripted, form or editable text, and asks once per name', async () => {
    const { resolve } = await run();
    const asked = resolve.mock.calls.flatMap(([keys]) => keys);
    expect(asked).toEqual([...new Set(asked)]);
    expect(asked.filter((key) => UNREADABLE_KEYS.includes(key))).toEqual([]);
    for (const key of expected.badges) expect(asked).toContain(key);
  });

  it('badges nothing twice when the same page is scanned again', async () => {
    const { overlay } = await run();
    document.body.append(document.createElement('div')); // a mutation that makes no new text
    document.body.setAttribute('class', 'rescan');
    await overlay.idle();
    const again = [...document.querySelectorAll<HTMLElement>('docent-badge')].map((badge) => badge.dataset.key);
    expect(again).toEqual(expected.badges);
  });
});

it('covers every code-editor selector of the generic adapter with a fixture line', () => {
  for (const selector of generic.codeLines) {
    const covered = pages.some((page) => {
      loadPage(page);
      return document.querySelector(selector) != null;
    });
    expect(covered, selector).toBe(true);
  }
});
