/**
 * dbt descriptions are Markdown written by anyone with write access to a dbt project, shown on
 * someone else's page: render with `marked` (the renderer dbt docs itself uses), then sanitise with
 * DOMPurify against a short allow-list (DESIGN.md "Libraries").
 *
 * Choices, and why:
 * - Images become links ("Image: alt text") instead of loading: a remote image would be fetched
 *   from inside the BI page (a tracking pixel, a mixed-content or CSP error in the page's console),
 *   and a 380 px card has no room for a diagram anyway.
 * - Only absolute `http(s):` and `mailto:` links survive; relative links (dbt docs' `#!/model/…`)
 *   would resolve against the BI page and lead nowhere. The link text stays.
 * - Links open in a new tab with `rel="noopener noreferrer"`: the card must never navigate the
 *   dashboard away, nor hand the dashboard's URL to the linked site.
 */
import { Marked, type Tokens } from 'marked';
import DOMPurify, { type DOMPurify as Purifier, type WindowLike } from 'dompurify';

/** The background truncates first; this bounds the parse work if something larger slips through. */
export const MARKDOWN_MAX_CHARS = 20_000;

const ALLOWED_TAGS = [
  'a', 'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'del', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'sup', 'sub',
];
const ALLOWED_ATTR = ['href', 'title', 'align', 'start'];
const SAFE_URL = /^(?:https?:|mailto:)/i;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const markdown = new Marked({ gfm: true, breaks: false, async: false }).use({
  renderer: {
    image({ href, title, text }: Tokens.Image): string {
      const label = `Image: ${text.trim() || href}`;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titleAttr}>${escapeHtml(label)}</a>`;
    },
  },
});

// One purifier per window: the hook below must not leak into a DOMPurify someone else configures.
const purifiers = new WeakMap<Window, Purifier>();

function purifierFor(win: Window): Purifier {
  let purifier = purifiers.get(win);
  if (!purifier) {
    purifier = DOMPurify(win as unknown as WindowLike);
    // An unsupported DOM gets a stub without hooks; renderMarkdown checks `isSupported` first.
    purifier.addHook?.('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    purifiers.set(win, purifier);
  }
  return purifier;
}

export interface RenderMarkdownOptions {
  /** The window whose DOM parses the HTML (the content script's, or a test's). */
  window?: Window;
  maxChars?: number;
}

/** Sanitised HTML for a dbt description, safe to assign to `innerHTML` on any page. */
export function renderMarkdown(source: string, options: RenderMarkdownOptions = {}): string {
  const win: Window | undefined = options.window ?? globalThis.window;
  const maxChars = options.maxChars ?? MARKDOWN_MAX_CHARS;
  const text = source.length > maxChars ? `${source.slice(0, maxChars)}…` : source;
  const purifier = win ? purifierFor(win) : null;
  // DOMPurify hands its input back unchanged where it cannot run: fail closed, show plain text.
  if (!purifier?.isSupported) return `<p>${escapeHtml(text)}</p>`;
  const html = markdown.parse(text, { async: false }) as string;
  return purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_URL,
    // `target` is ours (set in the hook after sanitising), never the author's.
    FORBID_ATTR: ['style', 'target'],
  });
}
