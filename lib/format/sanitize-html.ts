/**
 * The page side of dbt descriptions: the HTML the background rendered from Markdown
 * (lib/format/markdown.ts) is rebuilt here from a short allow-list before it touches a page's DOM.
 *
 * The input is parsed into an inert `<template>` (no script runs, nothing loads) and only read:
 * the output is a NEW tree, built element by element in an inert document, holding only listed
 * elements with listed attributes and the text. Nothing of the parsed tree is kept, so a part the
 * walk does not know about can never slip through. Elements whose content is code or foreign
 * markup (script, style, svg, math, iframe, template, noscript…) are left out with their content;
 * other unlisted elements give their content only. Comments, CDATA and processing instructions
 * are never copied. DOMPurify did this before; it was 12 KB of the 46 KB (gzipped) content script
 * that runs on every BI page, for an allow-list this short (docs/performance.md).
 *
 * - Only absolute `http:`, `https:` and `mailto:` links survive, judged by the URL parser itself
 *   (so entities, case, spaces and control characters cannot hide a scheme); the href written
 *   is the parsed URL. Relative links (dbt docs' `#!/model/…`) would resolve against the BI page
 *   and lead nowhere. The link text stays.
 * - Links open in a new tab with `rel="noopener noreferrer"`: the card must never navigate the
 *   dashboard away, nor hand the dashboard's URL to the linked site.
 * - The result is serialised and must read back the same (the page parses it again on
 *   `innerHTML`); markup that would change on a second parse (mutation XSS) is shown as text.
 */
import { escapeHtml } from './escape-html';

const ALLOWED_TAGS = new Set([
  'a', 'p', 'br', 'hr', 'strong', 'b', 'em', 'i', 'del', 's', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'sup', 'sub',
]);
/** Left out with everything inside: code, styles, embedded documents and forms. */
const DROPPED_WITH_CONTENT = new Set([
  'script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript',
  'noembed', 'noframes', 'xmp', 'plaintext', 'listing', 'textarea', 'select', 'option', 'title', 'svg',
  'math', 'head', 'meta', 'link', 'base', 'form', 'input', 'button',
]);
const ALLOWED_ATTRS = new Set(['href', 'title', 'align', 'start']);
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const HTML_NS = 'http://www.w3.org/1999/xhtml';
/** Deeper than any description needs; bounds the walk on hostile nesting. */
const MAX_DEPTH = 64;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The absolute http(s)/mailto URL an href points to, or `null`. */
function safeHref(value: string): string | null {
  try {
    const url = new URL(value);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null; // relative or malformed
  }
}

function copyChildren(from: ParentNode, to: ParentNode, doc: Document, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const node of from.childNodes) {
    if (node.nodeType === TEXT_NODE) {
      to.appendChild(doc.createTextNode(node.nodeValue ?? ''));
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue; // comments, CDATA, processing instructions
    const source = node as Element;
    const tag = source.localName.toLowerCase();
    if (source.namespaceURI !== HTML_NS || DROPPED_WITH_CONTENT.has(tag)) continue;
    if (!ALLOWED_TAGS.has(tag)) {
      copyChildren(source, to, doc, depth + 1); // unlisted: its content only
      continue;
    }
    const copy = doc.createElement(tag);
    for (const name of ALLOWED_ATTRS) {
      const value = source.getAttribute(name);
      if (value === null) continue;
      const kept = name === 'href' ? safeHref(value) : value;
      if (kept !== null) copy.setAttribute(name, kept);
    }
    if (copy.hasAttribute('href')) {
      copy.setAttribute('target', '_blank');
      copy.setAttribute('rel', 'noopener noreferrer');
    }
    copyChildren(source, copy, doc, depth + 1);
    to.appendChild(copy);
  }
}

function rebuild(html: string, doc: Document): string {
  const template = doc.createElement('template');
  template.innerHTML = html;
  const box = doc.createElement('div');
  copyChildren(template.content, box, doc, 0);
  return box.innerHTML;
}

const textOnly = (html: string) => `<p>${escapeHtml(html.replace(/<[^>]*>/g, ''))}</p>`;

/** HTML safe to assign to `innerHTML` on any page. */
export function sanitizeHtml(html: string, win: Window | undefined = globalThis.window): string {
  // No DOM to parse with: fail closed, show the text only.
  if (!win?.document) return textOnly(html);
  // An inert document: elements built in it never load or run anything.
  const doc = win.document.implementation.createHTMLDocument('');
  const once = rebuild(html, doc);
  return rebuild(once, doc) === once ? once : textOnly(html);
}
