/**
 * The doc card's code as its own bundle (`/card.js`), kept out of the content script so pages that
 * never open a card never load it (docs/performance.md "Content script size"). The background
 * injects it into the tab's content-script world on the first card asked for; it leaves the card
 * factory where lib/overlay/lazy-card.ts looks for it. It is not web-accessible.
 */
import { createCard } from '../lib/overlay/card';
import { CARD_FACTORY_KEY } from '../lib/overlay/lazy-card';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[CARD_FACTORY_KEY] = createCard;
});
