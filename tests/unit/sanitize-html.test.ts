// @vitest-environment jsdom
// jsdom's parser (parse5) follows the HTML standard's tree building, as Chromium's does.
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../lib/format/sanitize-html';

const ALLOWED_TAGS = new Set(['A', 'P', 'BR', 'HR', 'STRONG', 'B', 'EM', 'I', 'DEL', 'S', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SPAN', 'SUP', 'SUB']);
const ALLOWED_ATTRS = ['href', 'title', 'align', 'start', 'target', 'rel'];

/** What the page would hold: the sanitised HTML assigned to innerHTML, as the doc card does. */
function onPage(html: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = sanitizeHtml(html, window);
  return container;
}

/** Fails on anything outside the allow-list in what the page would hold, and on a second-parse change. */
function expectSafe(attack: string): HTMLElement {
  const safe = sanitizeHtml(attack, window);
  expect(sanitizeHtml(safe, window), `a second pass changes the output of ${attack}`).toBe(safe);
  const container = onPage(attack);
  expect(container.innerHTML, `re-parsing changes the output of ${attack}`).toBe(safe);
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_ALL);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    expect([Node.ELEMENT_NODE, Node.TEXT_NODE], `node type ${node.nodeType} from ${attack}`).toContain(node.nodeType);
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const element = node as Element;
    expect(element.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    expect(ALLOWED_TAGS.has(element.tagName), `${element.tagName} from ${attack}`).toBe(true);
    for (const attr of element.getAttributeNames()) expect(ALLOWED_ATTRS, `${attr} from ${attack}`).toContain(attr);
    const href = element.getAttribute('href');
    if (href !== null) {
      expect(new URL(href).protocol, `${href} from ${attack}`).toMatch(/^(https?|mailto):$/);
      expect(element.getAttribute('target')).toBe('_blank');
      expect(element.getAttribute('rel')).toBe('noopener noreferrer');
    }
  }
  return container;
}

describe('sanitizeHtml, as an attacker would try it', () => {
  it('keeps what Markdown renders: text, emphasis, lists, tables, links', () => {
    const html = '<h2>Orders</h2><p>One <strong>row</strong> per <em>order</em>, see <a href="https://docs.getdbt.com/x" title="docs">docs</a>.</p>' +
      '<ol start="3"><li><code>id</code></li></ol><table><thead><tr><th align="left">a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>';
    const page = expectSafe(html);
    expect(page.querySelector('a')!.outerHTML).toBe('<a href="https://docs.getdbt.com/x" title="docs" target="_blank" rel="noopener noreferrer">docs</a>');
    expect(page.querySelector('ol')!.getAttribute('start')).toBe('3');
    expect(page.querySelector('th')!.getAttribute('align')).toBe('left');
    expect(page.textContent).toBe('OrdersOne row per order, see docs.idaa1'.replace('idaa1', 'ida1'));
  });

  it('leaves out code, embedded documents, forms and document-level elements with their content', () => {
    for (const attack of [
      '<script>alert(1)</script>', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>', '<style>*{color:red}</style>',
      '<iframe src="https://evil.example" srcdoc="<script>alert(1)</script>">inside</iframe>',
      '<object data="https://evil.example/x.swf">inside</object>', '<embed src="https://evil.example/x">',
      '<form action="https://evil.example"><input name=password><button formaction="javascript:alert(1)">go</button>inside</form>',
      '<base href="https://evil.example/">', '<meta http-equiv="refresh" content="0;url=https://evil.example">',
      '<link rel=stylesheet href="https://evil.example/x.css">', '<textarea>inside</textarea>', '<title>inside</title>',
    ]) {
      const page = expectSafe(attack);
      expect(page.textContent, attack).not.toMatch(/alert|inside|color/);
    }
  });

  it('drops SVG and MathML with everything inside, including HTML integration points', () => {
    for (const attack of [
      '<svg><script>alert(1)</script><a href="javascript:alert(2)">x</a></svg>',
      '<svg><foreignObject><p onclick=alert(1)>inside</p></foreignObject></svg>',
      '<math><mi><a href="javascript:alert(1)">inside</a></mi></math>',
      '<math href="javascript:alert(1)">inside</math>',
      '<svg><animate attributeName=href values="javascript:alert(1)"/><a><text>inside</text></a></svg>',
    ]) {
      expect(expectSafe(attack).textContent, attack).not.toContain('inside');
    }
  });

  it('strips style, event handlers, srcset and every unlisted attribute (id and name could clobber the page\'s globals)', () => {
    const page = expectSafe('<p style="background:url(javascript:alert(1))" onclick="alert(2)" onmouseover=alert(3) id=config name=x class=y>p</p>' +
      '<a href="https://ok.example" srcset="x 1x" ping="https://evil.example" download target=_top rel=opener>a</a>' +
      '<span xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="javascript:alert(4)" data-x=1 formaction="javascript:alert(5)">s</span>');
    expect(page.innerHTML).not.toMatch(/style|onclick|onmouseover|srcset|ping|download|xlink|data-x|formaction|id=|class=|name=|_top|opener"/);
    expect(page.querySelector('a')!.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('never keeps a javascript:, data: or vbscript: URL, whatever its spelling', () => {
    const spellings = [
      'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjavascript:alert(1)', 'java\tscript:alert(1)',
      'java\nscript:alert(1)', 'java\rscript:alert(1)', '\u0001javascript:alert(1)', '\u0000javascript:alert(1)',
      '&#106;avascript:alert(1)', '&#x6A;avascript:alert(1)', '&#0000106;avascript:alert(1)', '&#x0006a;avascript:alert(1)',
      'java&Tab;script:alert(1)', 'java&NewLine;script:alert(1)', 'java&#x09;script:alert(1)', '&#1;javascript:alert(1)',
      'javascript&colon;alert(1)', 'javascript&#58;alert(1)', 'jav&#x0A;ascript:alert(1)', '\u00a0javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'DATA:text/html,<script>alert(1)</script>', ' data:image/png,x',
      'vbscript:msgbox(1)', 'VbScRiPt:msgbox(1)', '&#118;bscript:msgbox(1)', '//evil.example/relative', '#!/model/x', 'x:alert(1)',
    ];
    for (const url of spellings) {
      const attack = `<a href="${url.replace(/"/g, '&quot;')}">text</a>`;
      const page = expectSafe(attack);
      expect(page.querySelector('[href]'), attack).toBeNull();
      expect(page.textContent).toBe('text');
    }
  });

  it('keeps http, https and mailto links however they are spelt, written as the URL they parse to', () => {
    expect(onPage('<a href="HTTPS://Docs.Example/a b">x</a>').querySelector('a')!.getAttribute('href')).toBe('https://docs.example/a%20b');
    expect(onPage('<a href=" http://docs.example ">x</a>').querySelector('a')!.getAttribute('href')).toBe('http://docs.example/');
    expect(onPage('<a href="mailto:data@example.com">x</a>').querySelector('a')!.getAttribute('href')).toBe('mailto:data@example.com');
  });

  it('survives mutation XSS: markup whose second parse differs from its first', () => {
    for (const attack of [
      '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
      '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
      '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
      '<p><table><a href="https://a.example"><p>x</table>y<b><p>z</b>',
      '<a href="https://a.example"><div><a href="https://b.example">nested</a></div></a>',
      '<table><tbody><tr><td><p>a<table><tr><td>b</td></tr></table></p></td></tr></tbody></table><caption>c</caption>',
      '<p><span>a<h1>b</span></p>c<pre>\n\nd</pre>',
      '<listing>&lt;img src=x onerror=alert(1)&gt;</listing>', '<xmp><img src=x onerror=alert(1)></xmp>',
      '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
      '<noframes><img title="</noframes><img src=x onerror=alert(1)>"></noframes>',
      '<plaintext><img src=x onerror=alert(1)>',
    ]) {
      expect(expectSafe(attack).innerHTML, attack).not.toMatch(/onerror|<img|<style|<svg|<math/i);
    }
  });

  it('leaves <noscript> and <template> out, whichever way the page parses them', () => {
    for (const attack of [
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
      '<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>',
      '<template><img src=x onerror=alert(1)></template>inside',
      '<p><template><script>alert(1)</script><a href="javascript:alert(2)">t</a></template></p>',
      '<template><template><p onclick=alert(1)>deep</p></template></template>',
    ]) {
      expect(expectSafe(attack).innerHTML, attack).not.toMatch(/onerror|<img|alert|deep|>t</i);
    }
  });

  it('never copies comments, CDATA or processing instructions, nor lets them hide markup', () => {
    for (const attack of [
      '<!--<img src=x onerror=alert(1)>-->', '<!--><img src=x onerror=alert(1)>-->', '<!-- --!><img src=x onerror=alert(1)> -->',
      '<![CDATA[<img src=x onerror=alert(1)>]]>', '<svg><![CDATA[</svg><img src=x onerror=alert(1)>]]></svg>',
      '<?xml-stylesheet href="javascript:alert(1)"?><p>x</p>', '<p>a<!-- hidden --></p>', '<!--[if IE]><script>alert(1)</script><![endif]-->',
    ]) {
      const safe = sanitizeHtml(attack, window);
      expect(safe, attack).not.toMatch(/<!--|<!\[|<\?/);
      expectSafe(attack);
    }
    // What a comment or a bogus comment hides is text at most, never an element.
    expect(onPage('<!--><img src=x onerror=alert(1)>-->').querySelector('img')).toBeNull();
  });

  it('unwraps unlisted elements to their text, and escapes text that looks like markup', () => {
    const page = expectSafe('<div><custom-el onclick=alert(1)><details open ontoggle=alert(2)>d</details></custom-el></div>&lt;img src=x onerror=alert(3)&gt;');
    expect(page.textContent).toBe('d<img src=x onerror=alert(3)>');
    expect(page.querySelector('img')).toBeNull();
  });

  it('handles hostile nesting without throwing, cutting off what is too deep', () => {
    const depth = 300; // Chromium's parser nests at most 512 deep; jsdom's own recursion gives out long before 20,000
    const html = `${'<span>'.repeat(depth)}deep${'</span>'.repeat(depth)}<p>after</p>`;
    const page = expectSafe(html);
    expect(page.textContent).toBe('after');
  });
});
