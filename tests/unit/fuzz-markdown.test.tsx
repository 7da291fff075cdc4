// @vitest-environment jsdom
// jsdom, as in markdown.test.ts: the DOM closest to Chromium's parser among the test DOMs.
//
// Property tests for the path a dbt description takes (Markdown in the background, the allow-list
// sanitiser on the page, lib/format/sanitize-html.ts) and for the doc card that shows descriptions, column names and test names. The check is
// twofold: the sanitised DOM holds only the allow-listed tags and attributes, and a second jsdom
// that *does* run scripts and inline handlers runs none when the output is placed in it and every
// element is clicked, hovered, focused and sent load/error events.
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { DocCard } from '../../components/DocCard';
import { computeHealth } from '../../lib/catalog/health';
import { markdownToHtml } from '../../lib/format/markdown';
import { sanitizeHtml } from '../../lib/format/sanitize-html';
import type { ModelDetails, ModelSummary } from '../../lib/catalog/types';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, timed } from '../support/fuzz';
import { XSS_CORPUS } from '../support/xss-corpus';

const ALLOWED_TAGS = new Set([
  'a', 'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'del', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'sup', 'sub',
]);
const ALLOWED_ATTRS = new Set(['href', 'title', 'align', 'start', 'target', 'rel']);
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

// A window where scripts and inline event handlers really run: the witness that nothing does.
const live = new JSDOM('<!doctype html><body></body>', { runScripts: 'dangerously', url: 'https://bi.test/dashboard' });
const liveWindow = live.window as unknown as Window & { __xss?: unknown };
afterAll(() => live.window.close());

const EVENTS = ['click', 'mouseover', 'mouseenter', 'focus', 'load', 'error', 'toggle', 'start', 'animationstart'];

/** Places `html` in the live window, pokes every element, and says whether any script ran. */
function runsScript(html: string): boolean {
  liveWindow.__xss = undefined;
  const host = live.window.document.createElement('div');
  host.innerHTML = html;
  live.window.document.body.append(host);
  for (const element of host.querySelectorAll('*')) {
    for (const type of EVENTS) element.dispatchEvent(new live.window.Event(type, { bubbles: false }));
  }
  host.remove();
  return liveWindow.__xss !== undefined;
}

/** The allow-list, checked element by element, attribute by attribute. */
function expectOnlyAllowed(root: Element) {
  for (const element of root.querySelectorAll('*')) {
    expect(ALLOWED_TAGS, `tag <${element.localName}>`).toContain(element.localName);
    for (const { name, value } of [...element.attributes]) {
      expect(ALLOWED_ATTRS, `attribute ${name} on <${element.localName}>`).toContain(name);
      if (name === 'href') {
        // Judged as the browser reads it (tabs and newlines inside a URL are dropped, so a
        // sanitiser may rightly keep `h\tttps:`); a link that is not a URL at all (a NUL in it) goes nowhere.
        if (URL.canParse(value, 'https://bi.test/')) expect(SAFE_PROTOCOLS).toContain(new URL(value, 'https://bi.test/').protocol);
      }
      if (name === 'target') expect(value).toBe('_blank');
      if (name === 'rel') expect(value).toBe('noopener noreferrer');
    }
  }
}

/** Render, sanitise, insert, then re-parse what was inserted (mutation XSS lives in round trips). */
function checkDescription(source: string) {
  const html = timed('markdownToHtml + sanitizeHtml', () => sanitizeHtml(markdownToHtml(source) ?? '', window));
  const container = document.createElement('div');
  container.innerHTML = html;
  expectOnlyAllowed(container);
  const reparsed = document.createElement('div');
  reparsed.innerHTML = container.innerHTML;
  expectOnlyAllowed(reparsed);
  expect(runsScript(html)).toBe(false);
  expect(runsScript(reparsed.innerHTML)).toBe(false);
}

// Markdown and HTML fragments that change how what follows them is parsed.
const MARKDOWN_PIECES = [
  '\n', '\n\n', '    ', '> ', '- ', '1. ', '# ', '```', '`', '**', '_', '~~', '|', '|---|', '[', ']', '(', ')', '<', '>', '"', "'",
  '![', '](', '&', '&#', '&#x', ';', '\\', '<!--', '-->', '</', '/>', '=', 'javascript:', 'data:', 'https://ok.test', '\u0000', '\u2028',
];
const corpusEntry = fc.constantFrom(...XSS_CORPUS);
// A corpus entry disguised the way filters get evaded: case changed, a control character or an
// entity pushed into it at a random place.
const disguised = fc
  .tuple(corpusEntry, fc.nat(), fc.constantFrom('\t', '\n', '\r', ' ', '\u0000', '&#9;', '&#x0A;', '/', '"', "'", '`'), fc.boolean())
  .map(([entry, at, insert, upper]) => {
    const i = at % (entry.length + 1);
    const text = entry.slice(0, i) + insert + entry.slice(i);
    return upper ? text.toUpperCase().replace(/__XSS/g, '__xss') : text;
  });
const description = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: corpusEntry },
      { weight: 2, arbitrary: disguised },
      { weight: 3, arbitrary: fc.constantFrom(...MARKDOWN_PIECES) },
      { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.join(''));

describe('description Markdown and sanitiser (fuzzed)', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('the witness works: an unsanitised handler does run in the live window', () => {
    expect(runsScript('<img src=x onerror=window.__xss=1>')).toBe(true);
    expect(runsScript('<b onclick="window.__xss=1">x</b>')).toBe(true);
  });

  it.each(XSS_CORPUS.map((entry) => [entry]))('keeps %j from running', (entry) => {
    checkDescription(entry);
    checkDescription(`Orders mart.\n\n${entry}\n\n**One row per order.**`);
  });

  it('runs no script and keeps only allow-listed tags and attributes for random mixes of Markdown and payloads', () => {
    fc.assert(fc.property(description, checkDescription), fuzzParams(0.25));
  });

  it('never throws or hangs on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), checkDescription), fuzzParams(0.1));
  });

  it('stays within its time limit on deeply nested or very long Markdown', () => {
    const shapes = fc.oneof(
      fc.integer({ min: 100, max: 5_000 }).map((n) => '> '.repeat(n) + 'x'),
      fc.integer({ min: 100, max: 5_000 }).map((n) => '['.repeat(n) + ']('.repeat(n)),
      fc.integer({ min: 100, max: 5_000 }).map((n) => '*_'.repeat(n)),
      // jsdom is slow on deep nesting (4,000 levels took 11 s under DOMPurify here), so this shape
      // stays at a depth jsdom handles.
      fc.integer({ min: 100, max: 800 }).map((n) => '<div>'.repeat(n)),
      fc.integer({ min: 100, max: 5_000 }).map((n) => '- '.repeat(n) + 'x'),
      fc.integer({ min: 100, max: 5_000 }).map((n) => '`'.repeat(n)),
      fc.integer({ min: 1_000, max: 50_000 }).map((n) => '|a'.repeat(n / 2) + '\n' + '|-'.repeat(n / 2)),
    );
    // The background truncates to 20,000 characters before parsing; these stay near that size.
    fc.assert(fc.property(shapes, (source) => void timed('markdown', () => sanitizeHtml(markdownToHtml(source) ?? '', window), 2_000)), fuzzParams(0.01));
  });

  it('survives list and quote nesting deeper than its parser recurses', () => {
    const html = sanitizeHtml(markdownToHtml(`${'- '.repeat(5_000)}deep`)!, window);
    expect(html).toContain('deep');
  });
});

describe('doc card with hostile names (fuzzed)', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const hostileText = fc.oneof(corpusEntry, disguised, fc.string({ maxLength: 40 }));

  it('shows model, column and test names as text: no element, no handler, no script', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, description, (name, columnName, testName, columnDescription) => {
        const summary: ModelSummary = {
          uniqueId: `model.shop.${name}`, parentIds: [], resourceType: 'model', name, database: 'analytics', schema: 'marts', alias: name,
          projectId: '70403103932498', hasDescription: true, lastRunStatus: 'success', lastRunAt: '2026-11-28T09:00:00Z',
          lastSuccessAt: '2026-11-28T09:00:00Z', lastRunId: '1', lastSuccessRunId: '1',
          tests: [{ uniqueId: `test.shop.${testName}`, name: testName, status: 'fail', columnName: columnName, failures: 3 }],
          upstreamSources: [{ uniqueId: 'source.shop.ecom.raw', name: testName, status: 'error', configured: true, maxLoadedAt: null, checkedAt: null }],
        };
        const verdict = computeHealth(summary, { now, staleAfterHours: null, locale: 'en' });
        const details: ModelDetails = {
          summary, description: columnDescription, descriptionHtml: markdownToHtml(columnDescription),
          columns: [{ name: columnName, type: testName, description: columnDescription, descriptionHtml: markdownToHtml(columnDescription) }],
          lastRunError: name, explorerUrl: null, lastSuccessRunUrl: null,
        };
        const container = document.createElement('div');
        act(() => {
          render(
            <DocCard candidates={[{ uniqueId: summary.uniqueId, name, resourceType: 'model', relation: `marts.${name}`, verdict }]}
              details={{ details, verdict }} error={null} loading={false} now={now} />,
            container,
          );
        });
        const card = container.querySelector('[role="dialog"]')!;
        expect(card.querySelector('.docent-card-name')!.textContent).toBe(name);
        expect(card.textContent).toContain(testName);
        for (const element of card.querySelectorAll('*')) {
          for (const { name: attr, value } of [...element.attributes]) {
            expect(attr.startsWith('on'), `attribute ${attr}`).toBe(false);
            if (attr === 'href' && URL.canParse(value, 'https://bi.test/')) {
              expect(SAFE_PROTOCOLS).toContain(new URL(value, 'https://bi.test/').protocol);
            }
          }
        }
        expect(card.querySelector('script, img, iframe, object, embed, svg, math, form, link, meta, base')).toBeNull();
        // The card's own stylesheet is its first child; no other style element gets in.
        expect([...card.querySelectorAll('style')].filter((style) => style.parentElement !== card)).toEqual([]);
        expect(runsScript(container.innerHTML)).toBe(false);
        act(() => render(null, container));
      }),
      fuzzParams(0.03),
    );
  });
});
