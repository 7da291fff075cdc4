/**
 * The doc card, loaded on first use (docs/performance.md "Content script size"). The card's code
 * (Preact, the DocCard components and styles, placement) is a separate bundle that the background
 * injects into the content script's own isolated world (`scripting.executeScript`) the first time
 * someone hovers, focuses or presses a key on a badge or opens a summary entry in this tab; until
 * then the content script binds badges with a few listeners of its own. Nothing is made
 * web-accessible: a page can neither load the bundle nor see that Docent has one.
 */
import type { NameMatch } from '../messaging';
import type { Card, CardOptions } from './card';
import { createDetailsCache } from './details-cache';

export type CardFactory = (options: CardOptions) => Card;

/** Where the card bundle leaves its factory: a property of the isolated world's global, unseen by the page. */
export const CARD_FACTORY_KEY = '__docentCardFactory';

/** The factory, once the card bundle ran in this world (a previous run in this tab may have loaded it). */
export function installedCardFactory(): CardFactory | null {
  const factory = (globalThis as Record<string, unknown>)[CARD_FACTORY_KEY];
  return typeof factory === 'function' ? (factory as CardFactory) : null;
}

/** Loads the card bundle and gives its factory; null when it cannot be loaded (the badge stays). */
export type LoadCard = () => Promise<CardFactory | null>;

export function createLazyCard(given: CardOptions, loadCard: LoadCard, installed = installedCardFactory): Card {
  // One details cache for the page, here rather than in the card's code: column markers read a
  // model's documented columns before anyone opens a card.
  const options: CardOptions = {
    ...given,
    details: given.details ?? createDetailsCache(given.loadDetails, { now: given.now, ttlMs: given.detailsTtlMs }),
  };
  const details = options.details!;
  const isTrusted = options.isTrusted ?? ((event: Event) => event.isTrusted);
  // A run after the first in this tab (a single-page navigation) finds the card's code loaded.
  let real: Card | null = installed()?.(options) ?? null;
  let loading: Promise<Card | null> | null = null;
  let destroyed = false;
  // Badges the real card binds itself; the others get bound (and their event replayed) on first use.
  const bound = new WeakSet<HTMLElement>();
  // The badge hovered or focused while the card's code loads: the card opens for it if it still is.
  let waiting: HTMLElement | null = null;

  function ensure(): Promise<Card | null> {
    loading ??= loadCard()
      .catch(() => null)
      .then((factory) => {
        if (destroyed || !factory) {
          loading = null; // a later event tries again
          return null;
        }
        real ??= factory(options);
        return real;
      });
    return loading;
  }

  /** The real card, bound to this badge: its own listeners take every later event. */
  async function cardFor(badge: HTMLElement, match: NameMatch, column?: string): Promise<Card | null> {
    const card = await ensure();
    if (card && !bound.has(badge)) {
      bound.add(badge);
      card.bindBadge(badge, match, column);
    }
    return card;
  }

  function bindBadge(badge: HTMLElement, match: NameMatch, column?: string) {
    if (real) {
      bound.add(badge);
      real.bindBadge(badge, match, column);
      return;
    }
    // The first trusted hover, focus or key on this badge loads the card, binds it, and replays.
    const first = (event: Event) => {
      if (bound.has(badge) || !isTrusted(event)) return;
      if (event.type === 'mouseleave' || event.type === 'blur') {
        if (waiting === badge) waiting = null;
        return;
      }
      if (event.type === 'keydown') {
        const key = (event as KeyboardEvent).key;
        if (key !== 'Enter' && key !== ' ' && key !== 'ArrowDown') return;
        event.preventDefault();
      } else {
        waiting = badge;
      }
      void cardFor(badge, match, column).then((card) => {
        if (!card) return;
        if (event.type === 'keydown') card.enter(badge, match, column);
        else if (waiting === badge) card.open(badge, match, column);
        if (waiting === badge) waiting = null;
      });
    };
    for (const type of ['mouseenter', 'mouseleave', 'focus', 'blur', 'keydown']) badge.addEventListener(type, first);
  }

  return {
    bindBadge,
    // A summary entry chosen: at once when the code is here, else once it has come.
    open: (anchor, match, column) =>
      real ? real.open(anchor, match, column) : void ensure().then((card) => card?.open(anchor, match, column)),
    enter: (anchor, match, column) =>
      real ? real.enter(anchor, match, column) : void ensure().then((card) => card?.enter(anchor, match, column)),
    detailsOf: (candidate) => details.get(candidate.uniqueId, candidate.environment),
    close: (restoreFocus) => real?.close(restoreFocus),
    get openFor() {
      return real?.openFor ?? null;
    },
    get host() {
      return real?.host ?? null;
    },
    destroy() {
      destroyed = true;
      real?.destroy();
      real = null;
    },
  };
}
