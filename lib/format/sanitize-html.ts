/**
 * The page side of dbt descriptions: the HTML the background rendered from Markdown
 * (lib/format/markdown.ts) is sanitised here with DOMPurify against a short allow-list before it
 * touches a page's DOM.
 *
 * - Only absolute `http(s):` and `mailto:` links survive; relative links (dbt docs' `#!/model/…`)
 *   would resolve against the BI page and lead nowhere. The link text stays.
 * - Links open in a new tab with `rel="noopener noreferrer"`: the card must never navigate the
 *   dashboard away, nor hand the dashboard's URL to the linked site.
 */
import DOMPurify, { type DOMPurify as Purifier, type WindowLike } from 'dompurify';
import { escapeHtml } from './escape-html';

const ALLOWED_TAGS = [
  'a', 'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'del', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'sup', 'sub',
];
const ALLOWED_ATTR = ['href', 'title', 'align', 'start'];
const SAFE_URL = /^(?:https?:|mailto:)/i;

// One purifier per window: the hook below must not leak into a DOMPurify someone else configures.
const purifiers = new WeakMap<Window, Purifier>();

function purifierFor(win: Window): Purifier {
  let purifier = purifiers.get(win);
  if (!purifier) {
    purifier = DOMPurify(win as unknown as WindowLike);
    // An unsupported DOM gets a stub without hooks; sanitizeHtml checks `isSupported` first.
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

/** HTML safe to assign to `innerHTML` on any page. */
export function sanitizeHtml(html: string, win: Window | undefined = globalThis.window): string {
  const purifier = win ? purifierFor(win) : null;
  // DOMPurify hands its input back unchanged where it cannot run: fail closed, show the text only.
  if (!purifier?.isSupported) return `<p>${escapeHtml(html.replace(/<[^>]*>/g, ''))}</p>`;
  return purifier.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: SAFE_URL,
    // `target` is ours (set in the hook after sanitising), never the author's.
    FORBID_ATTR: ['style', 'target'],
  });
}
