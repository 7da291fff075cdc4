/** Where the doc card goes: beside its badge, inside the viewport (Floating UI). */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';

/** The height the card's top section needs to be read without scrolling (measured in Chromium). */
export const CARD_TOP_HEIGHT = 340;

/**
 * Keeps `card` next to `badge` while either moves or resizes; returns the function that stops.
 * `stillFor` is asked before each move lands, so a late answer never moves a card that moved on.
 */
export function followBadge(badge: HTMLElement, card: HTMLElement, stillFor: (badge: HTMLElement) => boolean): () => void {
  return autoUpdate(badge, card, () => {
    void computePosition(badge, card, {
      strategy: 'fixed',
      placement: 'bottom-start',
      // Where neither side has room for the whole card, take the roomier side and cap the card's
      // height to it (it scrolls inside), so its top never leaves the viewport.
      middleware: [
        offset(6),
        flip({ fallbackStrategy: 'bestFit' }),
        // Along the badge too (crossAxis): a card taller than the room beside the badge slides
        // over the badge rather than leave the viewport.
        shift({ padding: 8, crossAxis: true }),
        size({
          padding: 8,
          apply({ availableHeight, elements }) {
            // The card's top (verdict, last build, tests, freshness) needs about this much; on a
            // short viewport with the badge mid-screen, neither side has it, so the card takes it
            // and covers the badge (shift keeps it inside the viewport) instead of scrolling it away.
            const viewport = elements.floating.ownerDocument.defaultView?.innerHeight ?? availableHeight;
            const room = Math.max(availableHeight, Math.min(CARD_TOP_HEIGHT, viewport - 16));
            elements.floating.style.setProperty('--docent-card-max-height', `${Math.max(120, Math.floor(room))}px`);
          },
        }),
      ],
    }).then(({ x, y }) => {
      if (!stillFor(badge)) return;
      card.style.left = `${x}px`;
      card.style.top = `${y}px`;
    });
  });
}
