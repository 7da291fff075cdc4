/** Where the doc card goes: beside its badge, inside the viewport (Floating UI). */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';

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
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, elements }) {
            elements.floating.style.setProperty('--docent-card-max-height', `${Math.max(120, Math.floor(availableHeight))}px`);
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
