/**
 * The one doc-card host, `<docent-card>`, appended to `<html>` and shown in the top layer
 * (`popover="manual"`), so no dashboard container can clip or cover it; placed next to its badge
 * with Floating UI. Preact renders the card into the host's open shadow root (Hypothesis's habit:
 * one prefixed host, `render(null, …)` then remove on destroy).
 */
import { render } from 'preact';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { DocCard } from '../../components/DocCard';
import type { DetailsAnswer, DocentError, NameMatch } from '../messaging';
import type { Result } from '../result';
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

export type LoadDetails = (uniqueId: string) => Promise<Result<DetailsAnswer, DocentError>>;

export interface CardOptions {
  document: Document;
  loadDetails: LoadDetails;
  /** How long the card stays after the pointer leaves, so it can travel from badge to card. */
  graceMs?: number;
  now?: () => Date;
}

export interface Card {
  /** Hover, focus, Enter and Escape on this badge open and close the card for `match`. */
  bindBadge(badge: HTMLElement, match: NameMatch): void;
  open(badge: HTMLElement, match: NameMatch): void;
  close(restoreFocus?: boolean): void;
  readonly openFor: HTMLElement | null;
  readonly host: HTMLElement | null;
  destroy(): void;
}

interface Shown {
  badge: HTMLElement;
  match: NameMatch;
  details: DetailsAnswer | null;
  error: DocentError | null;
  loading: boolean;
}

export function createCard({ document, loadDetails, graceMs = 300, now = () => new Date() }: CardOptions): Card {
  let host: HTMLElement | null = null;
  let mount: HTMLElement | null = null;
  let shown: Shown | null = null;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let stopPositioning: (() => void) | null = null;
  let inTopLayer = false;
  const detailsCache = new Map<string, Promise<Result<DetailsAnswer, DocentError>>>();

  const supportsPopover = () => typeof host?.showPopover === 'function';
  const inCard = (node: EventTarget | null) =>
    node instanceof Node && host != null && (node === host || host.contains(node) || host.shadowRoot!.contains(node));

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
    host.addEventListener('keydown', onKeydown);
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
        now={now()}
        onClose={() => close(true)}
      />,
      mount,
    );
  }

  function position(badge: HTMLElement, card: HTMLElement) {
    void computePosition(badge, card, {
      strategy: 'fixed',
      placement: 'bottom-start',
      // Where neither side has room for the whole card, take the roomier side and cap the card's
      // height to it (it scrolls inside), so its top never leaves the viewport.
      middleware: [
        offset(6),
        flip({ fallbackStrategy: 'bestFit' }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, elements }) {
            elements.floating.style.setProperty('--docent-card-max-height', `${Math.max(120, Math.floor(availableHeight))}px`);
          },
        }),
      ],
    }).then(({ x, y }) => {
      if (shown?.badge !== badge) return;
      card.style.left = `${x}px`;
      card.style.top = `${y}px`;
    });
  }

  function open(badge: HTMLElement, match: NameMatch) {
    cancelClose();
    if (shown?.badge === badge) return;
    if (shown) close();
    const card = ensureHost();
    const single = match.candidates.length === 1 ? match.candidates[0]! : null;
    shown = { badge, match, details: null, error: null, loading: single != null };
    badge.setAttribute('aria-expanded', 'true');
    card.hidden = false;
    if (supportsPopover() && !inTopLayer) {
      card.showPopover();
      inTopLayer = true;
    }
    draw();
    // Escape closes the card wherever focus is (a hover-opened card leaves focus in the page).
    document.addEventListener('keydown', onKeydown, true);
    stopPositioning = autoUpdate(badge, card, () => position(badge, card));
    // An ambiguous name loads nothing: the card lists the candidates and picks none of them.
    if (single) void load(single.uniqueId, shown);
  }

  async function load(uniqueId: string, target: Shown) {
    let pending = detailsCache.get(uniqueId);
    if (!pending) {
      pending = loadDetails(uniqueId).catch((error: unknown) => ({
        ok: false as const,
        error: { kind: 'network' as const, message: `Docent could not reach its background: ${String(error)}` },
      }));
      detailsCache.set(uniqueId, pending);
    }
    const result = await pending;
    if (!result.ok) detailsCache.delete(uniqueId); // a failure is retried on the next open
    if (shown !== target) return;
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
    document.removeEventListener('keydown', onKeydown, true);
    stopPositioning?.();
    stopPositioning = null;
    badge.setAttribute('aria-expanded', 'false');
    if (inTopLayer) host.hidePopover();
    inTopLayer = false;
    host.hidden = true;
    render(null, mount!);
    if (restoreFocus && badge.isConnected) badge.focus();
  }

  function scheduleClose() {
    cancelClose();
    closeTimer = setTimeout(() => close(), graceMs);
  }

  function cancelClose() {
    clearTimeout(closeTimer);
    closeTimer = undefined;
  }

  function onKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape' && shown) {
      event.stopPropagation();
      close(true);
    }
  }

  function bindBadge(badge: HTMLElement, match: NameMatch) {
    badge.addEventListener('mouseenter', () => open(badge, match));
    badge.addEventListener('mouseleave', scheduleClose);
    badge.addEventListener('focus', () => open(badge, match));
    badge.addEventListener('blur', (event) => {
      if (!inCard(event.relatedTarget)) scheduleClose();
    });
    badge.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open(badge, match);
      } else onKeydown(event);
    });
  }

  return {
    bindBadge,
    open,
    close,
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
      detailsCache.clear();
    },
  };
}
