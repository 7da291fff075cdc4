/**
 * Whether the page is light or dark where a badge sits, from the page's own computed colours: a
 * BI tool's dark theme rarely follows the reader's `prefers-color-scheme` (Metabase, Superset and
 * Looker have their own switch), so the doc card follows the page, not the system.
 */
export type PageTheme = 'light' | 'dark';

interface Rgba { r: number; g: number; b: number; a: number }

/** `rgb(1, 2, 3)`, `rgba(1, 2, 3, 0.5)` and `rgb(1 2 3 / 50%)`, as getComputedStyle writes them. */
export function parseCssColor(text: string): Rgba | null {
  const match = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*([\d.]+)(%?)\s*)?\)$/i.exec(text.trim());
  if (!match) return null;
  const alpha = match[4] === undefined ? 1 : Number(match[4]) / (match[5] ? 100 : 1);
  return { r: Number(match[1]), g: Number(match[2]), b: Number(match[3]), a: alpha };
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
function luminance({ r, g, b }: Rgba): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The element's parent, stepping out of shadow roots to their host. */
function parentOf(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * The first mostly-opaque background up from `element` decides; a page with none shows its
 * canvas, which is dark only when the page opts into a dark `color-scheme` (and, for `light dark`,
 * the reader prefers dark).
 */
export function pageThemeAt(element: Element, view: Window): PageTheme {
  for (let node: Element | null = element; node; node = parentOf(node)) {
    const background = parseCssColor(view.getComputedStyle(node).backgroundColor);
    if (background && background.a >= 0.5) return luminance(background) < 0.2 ? 'dark' : 'light';
  }
  const scheme = view.getComputedStyle(view.document.documentElement).colorScheme ?? '';
  if (!/\bdark\b/.test(scheme)) return 'light';
  if (!/\blight\b/.test(scheme)) return 'dark';
  return view.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
