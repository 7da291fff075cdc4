/**
 * The page side of dbt descriptions: the HTML the background rendered from Markdown
 * (lib/format/markdown.ts) is reduced here to a short allow-list before it touches a page's DOM.
 *
 * It is parsed into an inert `<template>` (no script runs, nothing loads), walked, and every
 * element not on the list is dropped: with its content for elements whose content is code or
 * foreign markup (script, style, svg, math, iframe…), unwrapped to its text otherwise. Only the
 * listed attributes survive. DOMPurify did this before; it was 12 KB of the 46 KB (gzipped)
 * content script that runs on every BI page, for an allow-list this short (docs/performance.md).
 *
 * - Only absolute `http(s):` and `mailto:` links survive; relative links (dbt docs' `#!/model/…`)
 *   would resolve against the BI page and lead nowhere. The link text stays.
 * - Links open in a new tab with `rel="noopener noreferrer"`: the card must never navigate the
 *   dashboard away, nor hand the dashboard's URL to the linked site.
 */
import { escapeHtml } from './escape-html';

const ALLOWED_TAGS = new Set([
  'a', 'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'del', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'sup', 'sub',
]);
/** Dropped with everything inside: code, styles, embedded documents and foreign (SVG, MathML) markup. */
const DROPPED_WITH_CONTENT = new Set([
  'script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript',
  'noembed', 'noframes', 'xmp', 'plaintext', 'listing', 'textarea', 'select', 'option', 'title', 'svg',
  'math', 'head', 'meta', 'link', 'base', 'form', 'input', 'button',
]);
const ALLOWED_ATTRS = new Set(['href', 'title', 'align', 'start']);
const SAFE_URL = /^(?:https?:|mailto:)/i;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

function clean(parent: ParentNode): void {
  for (const node of [...parent.childNodes]) {
    if (node.nodeType === TEXT_NODE) continue;
    if (node.nodeType !== ELEMENT_NODE) {
      node.parentNode?.removeChild(node); // comments, processing instructions
      continue;
    }
    const element = node as Element;
    const tag = element.localName.toLowerCase();
    if (DROPPED_WITH_CONTENT.has(tag) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      element.remove();
      continue;
    }
    clean(element);
    if (!ALLOWED_TAGS.has(tag)) {
      element.replaceWith(...element.childNodes);
      continue;
    }
    for (const { name, value } of [...element.attributes]) {
      // Browsers ignore control characters and spaces when they read a URL's scheme.
      const safe = ALLOWED_ATTRS.has(name) && (name !== 'href' || SAFE_URL.test(value.replace(/[\u0000-\u0020]/g, '')));
      if (!safe) element.removeAttribute(name);
    }
    if (tag === 'a' && element.hasAttribute('href')) {
      element.setAttribute('target', '_blank');
      element.setAttribute('rel', 'noopener noreferrer');
    }
  }
}

/** HTML safe to assign to `innerHTML` on any page. */
export function sanitizeHtml(html: string, win: Window | undefined = globalThis.window): string {
  const document = win?.document;
  // No DOM to parse with: fail closed, show the text only.
  if (!document) return `<p>${escapeHtml(html.replace(/<[^>]*>/g, ''))}</p>`;
  const template = document.createElement('template');
  template.innerHTML = html;
  clean(template.content);
  const box = document.createElement('div');
  box.append(template.content);
  return box.innerHTML;
}
