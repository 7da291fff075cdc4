// @vitest-environment jsdom
// DOMPurify does not support happy-dom (its sanitiser lets <script> through there: cure53/DOMPurify#1457,
// capricorn86/happy-dom#1403); jsdom is the DOM its own test suite runs on, closest to Chromium here.
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

  it('keeps only the text when the DOM cannot run DOMPurify, rather than passing HTML through', () => {
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
