/**
 * dbt descriptions are Markdown written by anyone with write access to a dbt project. They are
 * rendered here, in the background, with `marked` (the renderer dbt docs itself uses), and
 * sanitised on the page by a short allow-list (lib/format/sanitize-html.ts), which needs a DOM: that keeps
 * the Markdown parser out of the content script that runs on every BI page (docs/architecture.md "Libraries").
 *
 * Images become links ("Image: alt text") instead of loading: a remote image would be fetched from
 * inside the BI page (a tracking pixel, a mixed-content or CSP error in the page's console), and a
 * 380 px card has no room for a diagram anyway.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './escape-html';

/** The background truncates first; this bounds the parse work if something larger slips through. */
export const MARKDOWN_MAX_CHARS = 20_000;

/**
 * `marked` parses nested lists and block quotes by recursion: found by the property tests
 * (tests/unit/fuzz-markdown.test.tsx), `'- '.repeat(5000)` overflows its stack and 2,000 levels
 * take 165 ms. No description nests that deep on purpose, so a line's run of container markers
 * is cut to this many before parsing.
 */
export const MARKDOWN_MAX_NESTING = 16;
const DEEP_CONTAINERS = new RegExp(`^((?:[ \\t]*(?:[-*+>]|\\d{1,9}[.)])[ \\t]+){${MARKDOWN_MAX_NESTING}})(?:[ \\t]*(?:[-*+>]|\\d{1,9}[.)])[ \\t]+)+`, 'gm');

const markdown = new Marked({ gfm: true, breaks: false, async: false }).use({
  renderer: {
    image({ href, title, text }: Tokens.Image): string {
      const label = `Image: ${text.trim() || href}`;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titleAttr}>${escapeHtml(label)}</a>`;
    },
  },
});

/**
 * HTML for a dbt description. NOT safe to show as it is: every page that shows it passes it through
 * `sanitizeHtml` first. `null` for an empty description.
 */
export function markdownToHtml(source: string | null, maxChars = MARKDOWN_MAX_CHARS): string | null {
  if (!source?.trim()) return null;
  const clipped = source.length > maxChars ? `${source.slice(0, maxChars)}…` : source;
  const text = clipped.replace(DEEP_CONTAINERS, '$1');
  try {
    return markdown.parse(text, { async: false }) as string;
  } catch {
    // A parser failure must cost the formatting, never the description (nor the details request).
    return `<p>${escapeHtml(text)}</p>`;
  }
}
