/**
 * The one doc-card host, `<docent-card>`, appended to `<html>` and shown in the top layer
 * (`popover="manual"`), so no dashboard container can clip or cover it; placed next to its badge
 * by card-position.ts. Preact renders the card into the host's open shadow root (Hypothesis's
 * habit: one prefixed host, `render(null, …)` then remove on destroy).
 */
import { render } from 'preact';
import { DocCard } from '../../components/DocCard';
import type { DetailsAnswer, DocentError, MatchCandidate, NameMatch } from '../messaging';
import type { Result } from '../result';
import { followBadge } from './card-position';
import { pageThemeAt, type PageTheme } from './page-theme';
import { createDetailsCache, DETAILS_TTL_MS, type DetailsCache, type LoadDetails } from './details-cache';
import { CARD_TAG } from './own-nodes';

// Without popover support (older engines, test DOMs) fixed position and the highest z-index are
// the next best thing. `[hidden]` must win over `:host` because shadow styles outrank the UA's.
const HOST_CSS = `
:host {
  position: fixed; inset: auto; left: 0; top: 0; margin: 0; padding: 0; border: 0;
  width: max-content; height: auto; overflow: visible; background: transparent;
  z-index: 2147483647; color-scheme: light;
}
:host([hidden]) { display: none !important; }
`;

export { DETAILS_TTL_MS, type LoadDetails } from './details-cache';

export interface CardOptions {
  document: Document;
  loadDetails: LoadDetails;
  /** How long the card stays after the pointer leaves, so it can travel from badge to card. */
  graceMs?: number;
  now?: () => Date;
  detailsTtlMs?: number;
  /**
   * Whether a badge event came from the user. Only the user's own hover, focus and keys open a
   * card: a page script firing `mouseenter` or `focus` on every badge must not make Docent ask
   * the background for every model's details. Tests replace it (happy-dom marks every event
   * untrusted); production keeps the default.
   */
  isTrusted?: (event: Event) => boolean;
  /** The page's one details cache, when the content script made it before the card's code came (the lazy card). */
  details?: DetailsCache;
}

export interface Card {
  /**
   * Hover, focus, Enter, Space, ArrowDown and Escape on this badge open, enter and close the card.
   * A column marker passes its column: the card then opens at that column's description.
   */
  bindBadge(badge: HTMLElement, match: NameMatch, column?: string): void;
  open(badge: HTMLElement, match: NameMatch, column?: string): void;
  /** Opens the card and moves focus into it (a keyboard user chose the badge or a summary entry). */
  enter(anchor: HTMLElement, match: NameMatch, column?: string): void;
  /** A model's details from the card's cache (column markers read which columns it documents). */
  detailsOf(candidate: MatchCandidate): Promise<Result<DetailsAnswer, DocentError>>;
  close(restoreFocus?: boolean): void;
  readonly openFor: HTMLElement | null;
  readonly host: HTMLElement | null;
  destroy(): void;
}

interface Shown {
  badge: HTMLElement;
  match: NameMatch;
  /** An ambiguous name: the candidate the person chose to look at; `null` shows the list. */
  chosen: MatchCandidate | null;
  /** The column a marker opened the card at; null for a model's badge. */
  column: string | null;
  details: DetailsAnswer | null;
  error: DocentError | null;
  loading: boolean;
  /** The page's theme where the badge sits, read once when the card opens. */
  theme: PageTheme;
}

const FOCUSABLE = 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export function createCard({
  document,
  loadDetails,
  graceMs = 300,
  now = () => new Date(),
  detailsTtlMs = DETAILS_TTL_MS,
  isTrusted = (event) => event.isTrusted,
  details: shared,
}: CardOptions): Card {
  let host: HTMLElement | null = null;
  let mount: HTMLElement | null = null;
  let shown: Shown | null = null;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let stopPositioning: (() => void) | null = null;
  let inTopLayer = false;
  // Set while Docent itself moves focus to a badge, so that focus does not reopen the card.
  let returningFocus = false;
  const details = shared ?? createDetailsCache(loadDetails, { now, ttlMs: detailsTtlMs });

  const supportsPopover = () => typeof host?.showPopover === 'function';
  const inCard = (node: EventTarget | null) =>
    node instanceof Node && host != null && (node === host || host.contains(node) || host.shadowRoot!.contains(node));
  const focusables = () => [...(mount?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];

  function ensureHost(): HTMLElement {
    if (host) return host;
    host = document.createElement(CARD_TAG);
    host.setAttribute('popover', 'manual');
    host.hidden = true;
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = HOST_CSS; // the card brings its own styles and its dialog role
    mount = document.createElement('div');
    root.append(style, mount);
    host.addEventListener('mouseenter', cancelClose);
    host.addEventListener('mouseleave', scheduleClose);
    host.addEventListener('keydown', onCardTab);
    host.addEventListener('focusout', (event) => {
      if (!inCard(event.relatedTarget) && event.relatedTarget !== shown?.badge) scheduleClose();
    });
    document.documentElement.append(host);
    return host;
  }

  function draw() {
    if (!shown || !mount) return;
    render(
      <DocCard
        candidates={shown.match.candidates}
        details={shown.details}
        error={shown.error}
        loading={shown.loading}
        theme={shown.theme}
        column={shown.column ?? undefined}
        now={now()}
        onClose={() => close(true)}
        chosen={shown.chosen}
        onChoose={choose}
      />,
      mount,
    );
  }

  function open(badge: HTMLElement, match: NameMatch, column?: string) {
    cancelClose();
    if (shown?.badge === badge) return;
    if (shown) close();
    const card = ensureHost();
    const single = match.candidates.length === 1 ? match.candidates[0]! : null;
    const theme = document.defaultView ? pageThemeAt(badge, document.defaultView) : 'light';
    shown = { badge, match, chosen: null, column: column ?? null, details: null, error: null, loading: single != null, theme };
    card.style.colorScheme = theme;
    badge.setAttribute('aria-expanded', 'true');
    card.hidden = false;
    if (supportsPopover() && !inTopLayer) {
      card.showPopover();
      inTopLayer = true;
    }
    draw();
    // Escape closes the card wherever focus is (a hover-opened card leaves focus in the page).
    document.addEventListener('keydown', onEscape, true);
    stopPositioning = followBadge(badge, card, (target) => shown?.badge === target);
    // An ambiguous name loads nothing: the card lists the candidates and picks none of them.
    if (single) void load(single.uniqueId, single.environment, shown);
  }

  /** The card sits at the end of `<html>`, far from its badge in tab order: keys bring focus in. */
  function enter(badge: HTMLElement, match: NameMatch, column?: string) {
    open(badge, match, column);
    focusables()[0]?.focus();
  }

  function returnFocusTo(badge: HTMLElement) {
    if (!badge.isConnected) return;
    returningFocus = true;
    try {
      badge.focus();
    } finally {
      returningFocus = false;
    }
  }

  /**
   * A candidate of an ambiguous name chosen from the card's list (or `null`, back to the list):
   * its details load like a single model's; focus goes to the card's first control so a keyboard
   * user stays in the card.
   */
  function choose(candidate: MatchCandidate | null) {
    if (!shown) return;
    const target = shown;
    target.chosen = candidate;
    target.details = null;
    target.error = null;
    target.loading = candidate !== null;
    draw();
    focusables()[0]?.focus();
    if (candidate) void load(candidate.uniqueId, candidate.environment, target);
  }

  async function load(uniqueId: string, environment: string | undefined, target: Shown) {
    const chosen = target.chosen;
    const result = await details.get(uniqueId, environment);
    if (shown !== target || target.chosen !== chosen) return;
    target.loading = false;
    if (result.ok) target.details = result.value;
    else target.error = result.error;
    draw();
  }

  function close(restoreFocus = false) {
    cancelClose();
    if (!shown || !host) return;
    const { badge } = shown;
    shown = null;
    document.removeEventListener('keydown', onEscape, true);
    stopPositioning?.();
    stopPositioning = null;
    badge.setAttribute('aria-expanded', 'false');
    if (inTopLayer) host.hidePopover();
    inTopLayer = false;
    host.hidden = true;
    render(null, mount!);
    if (restoreFocus) returnFocusTo(badge);
  }

  function scheduleClose() {
    cancelClose();
    closeTimer = setTimeout(() => close(), graceMs);
  }

  function cancelClose() {
    clearTimeout(closeTimer);
    closeTimer = undefined;
  }

  /**
   * The one Escape handler. It is Docent's Escape only when focus is on the badge or in the card;
   * with focus in the page (a hover-opened card) the card closes and the page gets its Escape too,
   * to close its own dialog or cancel its query.
   */
  function onEscape(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !shown) return;
    const active = deepActiveElement(document);
    const ours = active === shown.badge || inCard(active);
    if (ours) {
      event.stopPropagation();
      event.preventDefault();
    }
    close(ours);
  }

  /** Tab past the card's last control leaves it for whatever follows the badge; Shift+Tab past its first goes back to the badge. */
  function onCardTab(event: KeyboardEvent) {
    if (event.key !== 'Tab' || !shown) return;
    const items = focusables();
    const active = host?.shadowRoot?.activeElement;
    const { badge } = shown;
    if (event.shiftKey && active === items[0]) {
      event.preventDefault();
      returnFocusTo(badge);
    } else if (!event.shiftKey && active === items.at(-1)) {
      // Focus the badge and let the browser's own Tab go on from there: the next stop is whatever
      // follows the badge in the page, and no list of the page's tab stops is kept by Docent.
      returnFocusTo(badge);
      close();
    }
  }

  function bindBadge(badge: HTMLElement, match: NameMatch, column?: string) {
    const trusted =
      <E extends Event>(handler: (event: E) => void) =>
      (event: E) => {
        if (isTrusted(event)) handler(event);
      };
    badge.addEventListener('mouseenter', trusted(() => open(badge, match, column)));
    badge.addEventListener('mouseleave', trusted(scheduleClose));
    badge.addEventListener(
      'focus',
      trusted(() => {
        if (!returningFocus) open(badge, match, column);
      }),
    );
    badge.addEventListener(
      'blur',
      trusted((event: FocusEvent) => {
        if (!inCard(event.relatedTarget)) scheduleClose();
      }),
    );
    badge.addEventListener(
      'keydown',
      trusted((event: KeyboardEvent) => {
        if (event.key === 'Enter' || event.key === ' ' || event.key === 'ArrowDown') {
          event.preventDefault();
          enter(badge, match, column);
        }
      }),
    );
  }

  return {
    bindBadge,
    open,
    enter,
    close,
    detailsOf: (candidate) => details.get(candidate.uniqueId, candidate.environment),
    get openFor() {
      return shown?.badge ?? null;
    },
    get host() {
      return host;
    },
    destroy() {
      close();
      if (mount) render(null, mount);
      host?.remove();
      host = null;
      mount = null;
      details.clear();
    },
  };
}

/** The focused element, inside open shadow roots too (a summary entry sits in the pill's). */
function deepActiveElement(document: Document): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
