// @vitest-environment jsdom
// jsdom: its parser (parse5) builds trees as the HTML standard says, as Chromium does; happy-dom does not.
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../lib/format/markdown';
import { sanitizeHtml } from '../../lib/format/sanitize-html';

/**
 * The whole path a description takes: rendered in the background, sanitised on the page, and
 * assigned to innerHTML of a container as the doc card does.
 */
function rendered(source: string, maxChars?: number): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = sanitizeHtml(markdownToHtml(source, maxChars) ?? '', window);
  return container;
}

// Shaped like the descriptions in the jaffle-shop manifests (../shared/fixtures/dbt-artifacts).
const supplies =
  'List of our supply expenses data with basic cleaning and transformation applied.\n' +
  'One row per supply cost, not per supply. As supply costs fluctuate they receive a new row with a new UUID.\n\n' +
  '- **perishable** supplies are `is_perishable_supply = true`\n- see [dbt docs](https://docs.getdbt.com/docs/build/documentation)';

describe('markdownToHtml, then sanitizeHtml', () => {
  it('renders dbt Markdown: paragraphs, emphasis, code and lists', () => {
    const html = rendered(supplies);
    expect(html.querySelector('p')?.textContent).toContain('List of our supply expenses');
    expect(html.querySelector('li strong')?.textContent).toBe('perishable');
    expect(html.querySelector('li code')?.textContent).toBe('is_perishable_supply = true');
  });

  it('opens links in a new tab without an opener or a referrer', () => {
    const link = rendered(supplies).querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://docs.getdbt.com/docs/build/documentation');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('removes script elements written into a description', () => {
    const html = rendered('Orders <script>window.pwned = 1</script> mart');
    expect(html.querySelector('script')).toBeNull();
    expect(html.innerHTML).not.toContain('pwned');
    expect(html.textContent).toContain('Orders');
  });

  it('removes event handler attributes such as onerror', () => {
    const html = rendered('<img src="x" onerror="alert(1)"> <b onmouseover="alert(2)">bold</b>');
    expect(html.innerHTML).not.toMatch(/onerror|onmouseover|alert/);
    expect(html.querySelector('b')?.textContent).toBe('bold');
  });

  it('removes javascript: links but keeps their text', () => {
    const html = rendered('[click me](javascript:alert(1)) and <a href="JavaScript:alert(2)">raw</a>');
    expect(html.innerHTML).not.toMatch(/javascript:/i);
    expect(html.textContent).toContain('click me');
    expect(html.textContent).toContain('raw');
  });

  it('drops relative links, which would resolve against the BI page', () => {
    const link = rendered('[orders](#!/model/model.jaffle_shop.orders)').querySelector('a');
    expect(link?.hasAttribute('href') ?? false).toBe(false);
  });

  it('never loads images: a Markdown image becomes a link to it', () => {
    const html = rendered('![lineage diagram](https://example.com/lineage.png)');
    expect(html.querySelector('img')).toBeNull();
    const link = html.querySelector('a')!;
    expect(link.textContent).toBe('Image: lineage diagram');
    expect(link.getAttribute('href')).toBe('https://example.com/lineage.png');
  });

  it('strips iframes, styles and forms', () => {
    const html = rendered('<iframe src="https://evil.test"></iframe><style>*{display:none}</style><form><input></form>ok');
    expect(html.querySelector('iframe, style, form, input')).toBeNull();
    expect(html.textContent).toContain('ok');
  });

  it('survives the classic sanitiser bypasses: foreign markup, noscript, comments, hidden schemes', () => {
    const attacks = [
      '<svg><script>alert(1)</script><a href="javascript:alert(2)">x</a></svg>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(3)>',
      '<noscript><p title="</noscript><img src=x onerror=alert(4)>"></noscript>',
      '<!--<img src=x onerror=alert(5)>-->',
      '<a href=" javascript:alert(6)">a</a><a href="java&#x09;script:alert(7)">b</a><a href="&#1;javascript:alert(8)">c</a>',
      '<SCRIPT>alert(9)</SCRIPT><p onclick="alert(10)" style="x" target="_top">p</p>',
      '<template><img src=x onerror=alert(11)></template><details open ontoggle=alert(12)>d</details>',
    ];
    const allowed = new Set(['A', 'P', 'BR', 'HR', 'STRONG', 'B', 'EM', 'I', 'DEL', 'S', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI',
      'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SPAN', 'SUP', 'SUB']);
    for (const attack of attacks) {
      // Sanitised, then assigned to innerHTML and read back, as the card does: what the page would hold.
      const container = document.createElement('div');
      container.innerHTML = sanitizeHtml(attack, window);
      for (const element of container.querySelectorAll('*')) {
        expect(allowed.has(element.tagName), `${element.tagName} from ${attack}`).toBe(true);
        for (const attr of element.getAttributeNames()) expect(['href', 'title', 'align', 'start', 'target', 'rel']).toContain(attr);
        expect(element.getAttribute('href') ?? '').not.toMatch(/script/i);
      }
      expect(container.innerHTML).not.toMatch(/onerror|ontoggle|onclick|<script|<img|<svg|<style/i);
    }
  });

  it('keeps only the text when there is no DOM to sanitise with, rather than passing HTML through', () => {
    const noDom = { document: undefined } as unknown as Window;
    const html = sanitizeHtml(markdownToHtml('**bold** <script>x()</script> <img src=x onerror=y()>')!, noDom);
    expect(html).not.toMatch(/<(?!\/?p>)/);
    expect(html).toContain('bold');
  });

  it('renders nothing for an empty description', () => {
    expect(markdownToHtml('  \n ')).toBeNull();
    expect(markdownToHtml(null)).toBeNull();
  });

  it('truncates a huge description before parsing it', () => {
    const html = rendered('a'.repeat(50_000), 1_000);
    const text = html.textContent!.trim();
    expect(text).toHaveLength(1_001);
    expect(text.endsWith('a…')).toBe(true);
  });
});
