/**
 * The `<docent-badge>` element (docs/architecture.md "Contracts"). Chrome gives content scripts no
 * `customElements` registry (crbug.com/390807), so the badge is a plain element with a valid
 * custom-element name, an open shadow root and its styles inside it: page CSS never reaches the
 * badge's insides and Docent never adds a rule to the page.
 */
import type { NameMatch } from '../messaging';
import type { Health } from '../catalog/types';
import { HEALTH_STYLE } from '../../components/HealthIcon';
import { BADGE_TAG } from './own-nodes';

const BADGE_CSS = `
:host {
  all: initial;
  display: inline-block;
  position: relative;
  width: 16px;
  height: 16px;
  /*
   * An inline-block's margin box is what it adds to its line's height: negative vertical margins
   * keep that at 8 px, less than any text line, so a badge never makes a row or a line taller
   * (tests/e2e/layout.spec.ts). Its baseline is its bottom margin edge (its content is in a shadow
   * root), so 1px up puts the 16 px disc where it always was: 3 px below the text's baseline.
   */
  margin: -4px 2px;
  vertical-align: 1px;
  cursor: help;
  border-radius: 50%;
}
:host(:focus-visible) { outline: 2px solid #0969da; outline-offset: 1px; }
.dot {
  display: flex;
  align-items: center;
  justify-content: center;
  width: 16px;
  height: 16px;
  border-radius: 50%;
  color: #fff;
  font: 700 11px/1 system-ui, sans-serif;
  box-shadow: 0 0 0 1px rgba(255, 255, 255, 0.8);
}
/*
 * In a code editor's line the badge takes no room: Monaco, Ace and CodeMirror place the caret,
 * the selection and clicks by character column, so a badge that advanced the text would shift
 * every character after it. Negative margins as large as the box leave a margin box of no size
 * (no column, no taller line), while the host keeps a real 16×16 box to hover, click and focus;
 * it is lifted to the top corner of the name's end like a superscript, and its visible disc is
 * 12 px, so it covers no more than the top corner of the character after the name.
 */
:host([data-in-code-line]) {
  width: 16px;
  height: 16px;
  margin: -16px -16px 0 0;
  vertical-align: baseline;
  top: -9px;
  left: -3px;
}
:host([data-in-code-line]) .dot {
  box-sizing: border-box;
  padding: 2px;
  background-clip: content-box;
  box-shadow: none;
  font-size: 8px;
}
`;

export interface BadgeFacts {
  health: Health;
  label: string;
  ambiguous: boolean;
  uniqueIds: string[];
}

/** What a badge says about a match: one model, or an ambiguity that is never resolved silently. */
export function badgeFacts(match: NameMatch): BadgeFacts {
  const uniqueIds = match.candidates.map((candidate) => candidate.uniqueId);
  const first = match.candidates[0];
  if (match.candidates.length > 1 || !first) {
    const projects = new Set(match.candidates.map((candidate) => candidate.project).filter(Boolean)).size;
    return {
      health: 'unknown',
      label: `${match.key}: ambiguous, ${match.candidates.length} models${projects > 1 ? ` in ${projects} projects` : ''}`,
      ambiguous: true,
      uniqueIds,
    };
  }
  return { health: first.verdict.health, label: `${first.name}: ${first.verdict.health}`, ambiguous: false, uniqueIds };
}

export interface BadgeOptions {
  /** The badge sits in a code editor's line, where it must not move any character's column. */
  inCodeLine?: boolean;
}

export function createBadge(document: Document, match: NameMatch, { inCodeLine = false }: BadgeOptions = {}): HTMLElement {
  const facts = badgeFacts(match);
  const badge = document.createElement(BADGE_TAG);
  if (inCodeLine) badge.setAttribute('data-in-code-line', '');
  badge.setAttribute('data-unique-id', facts.uniqueIds.join(' '));
  if (facts.ambiguous) badge.setAttribute('data-ambiguous', 'true');
  badge.setAttribute('data-health', facts.health);
  badge.setAttribute('data-key', match.key);
  badge.setAttribute('role', 'button');
  badge.setAttribute('tabindex', '0');
  badge.setAttribute('aria-label', facts.label);
  badge.setAttribute('aria-haspopup', 'dialog');
  badge.setAttribute('aria-expanded', 'false');

  const root = badge.attachShadow({ mode: 'open' });
  const dot = document.createElement('span');
  dot.className = 'dot';
  dot.setAttribute('aria-hidden', 'true');
  const look = HEALTH_STYLE[facts.health];
  dot.style.backgroundColor = look.color;
  // An ambiguous badge shows how many models share the name.
  dot.textContent = facts.ambiguous ? String(facts.uniqueIds.length) : look.glyph;
  adoptBadgeStyles(document, root);
  root.append(dot);
  return badge;
}

// One constructed style sheet per document, shared by every badge's shadow root: 500 badges hold
// one parsed sheet instead of 500 <style> elements each parsed on its own.
const sharedSheets = new WeakMap<Document, CSSStyleSheet | null>();

function sharedSheet(document: Document): CSSStyleSheet | null {
  if (sharedSheets.has(document)) return sharedSheets.get(document)!;
  let sheet: CSSStyleSheet | null = null;
  try {
    // The document's own realm: a sheet adopts only into the document it was constructed for.
    const Sheet = (document.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
    if (Sheet) {
      sheet = new Sheet();
      sheet.replaceSync(BADGE_CSS);
    }
  } catch {
    sheet = null; // no constructable style sheets here
  }
  sharedSheets.set(document, sheet);
  return sheet;
}

function adoptBadgeStyles(document: Document, root: ShadowRoot): void {
  const sheet = sharedSheet(document);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // An engine that refuses the sheet here (a content-script boundary) gets a <style> instead.
    }
  }
  const style = document.createElement('style');
  style.textContent = BADGE_CSS;
  root.prepend(style);
}
