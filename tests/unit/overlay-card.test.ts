import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCard, DETAILS_TTL_MS, type Card, type CardOptions } from '../../lib/overlay/card';
import { createBadge } from '../../lib/overlay/badge-element';
import type { DetailsAnswer, DocentError } from '../../lib/messaging';
import type { Result } from '../../lib/result';
import { fakeResolve, KNOWN_MODELS } from '../fixtures/bi/generic/known-models';

const [customersMatch] = fakeResolve(['analytics.marts.customers']);

function answerFor(uniqueId: string, description: string): Result<DetailsAnswer, DocentError> {
  const { verdict, ...summary } = KNOWN_MODELS.find((model) => model.uniqueId === uniqueId)!;
  return {
    ok: true,
    value: {
      verdict,
      details: {
        summary,
        description,
        descriptionHtml: `<p>${description}</p>`,
        columns: [],
        lastRunError: null,
        explorerUrl: `https://cloud.getdbt.com/explore/1/projects/70403103985022/environments/production/details/${uniqueId}`,
        lastSuccessRunUrl: null,
      },
    },
  };
}

let card: Card | null = null;
afterEach(() => {
  card?.destroy();
  card = null;
  document.body.innerHTML = '';
});

/** A report line with a badge after its name and a link after that: the page's own next tab stop. */
function setUp(options: Partial<CardOptions> = {}) {
  document.body.innerHTML = '<button id="before">Run</button><p>from analytics.marts.customers</p><a id="after" href="#next">Next</a>';
  const badge = createBadge(document, customersMatch!);
  document.querySelector('p')!.append(badge);
  const loadDetails = vi.fn(async (uniqueId: string) => answerFor(uniqueId, 'One row per customer.'));
  card = createCard({ document, loadDetails, graceMs: 20, isTrusted: () => true, ...options });
  card.bindBadge(badge, customersMatch!);
  return { badge, loadDetails, card };
}

const shadow = () => card!.host!.shadowRoot!;
/** Focus inside the card: the document sees its host, the shadow root the element. */
const focusedInCard = () => (document.activeElement === card!.host ? shadow().activeElement : null);
const key = (target: EventTarget, name: string, init: KeyboardEventInit = {}) => {
  const event = new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
};

describe('events the page fires', () => {
  it('opens no card and asks for no details on untrusted hover, focus or keys', () => {
    const { badge, loadDetails } = setUp({ isTrusted: undefined }); // the production check
    badge.dispatchEvent(new MouseEvent('mouseenter'));
    badge.focus(); // happy-dom's focus events are untrusted, like a page script's
    key(badge, 'Enter');
    key(badge, 'ArrowDown');
    expect(card!.openFor).toBeNull();
    expect(loadDetails).not.toHaveBeenCalled();
  });

  it('acts on the events the check lets through', () => {
    const isTrusted = vi.fn((event: Event) => event.type === 'mouseenter');
    const { badge, loadDetails } = setUp({ isTrusted });
    badge.dispatchEvent(new MouseEvent('mouseenter'));
    expect(isTrusted).toHaveBeenCalled();
    expect(card!.openFor).toBe(badge);
    expect(loadDetails).toHaveBeenCalledTimes(1);
  });
});

describe('Escape', () => {
  it('closes a hover-opened card and leaves the key to the page when focus is in the page', () => {
    const { badge } = setUp();
    const before = document.getElementById('before')!;
    before.focus();
    badge.dispatchEvent(new MouseEvent('mouseenter'));
    const pageSaw = vi.fn();
    before.addEventListener('keydown', pageSaw);
    const escape = key(before, 'Escape');
    expect(card!.openFor).toBeNull();
    expect(pageSaw).toHaveBeenCalledTimes(1);
    expect(escape.defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(before);
  });

  it('is Docent’s alone when focus is on the badge', () => {
    const { badge } = setUp();
    badge.focus();
    const pageSaw = vi.fn();
    document.body.addEventListener('keydown', pageSaw);
    key(badge, 'Escape');
    document.body.removeEventListener('keydown', pageSaw);
    expect(card!.openFor).toBeNull();
    expect(pageSaw).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(badge);
  });

  it('is Docent’s alone when focus is in the card, and takes focus back to the badge', () => {
    const { badge } = setUp();
    badge.focus();
    key(badge, 'Enter');
    const inside = focusedInCard()!;
    const pageSaw = vi.fn();
    document.addEventListener('keydown', pageSaw);
    key(inside, 'Escape');
    document.removeEventListener('keydown', pageSaw);
    expect(pageSaw).not.toHaveBeenCalled();
    expect(card!.openFor).toBeNull();
    expect(document.activeElement).toBe(badge);
    expect(card!.host!.hidden).toBe(true); // focus coming back did not reopen it
  });
});

describe('keyboard reach into the card', () => {
  it.each(['Enter', ' ', 'ArrowDown'])('%j on the badge moves focus to the card’s close button', (name) => {
    const { badge } = setUp();
    badge.focus();
    expect(card!.openFor).toBe(badge); // focus alone opens it, and leaves focus on the badge
    expect(document.activeElement).toBe(badge);
    const event = key(badge, name);
    expect(event.defaultPrevented).toBe(true); // no scrolling, no click
    expect(focusedInCard()?.getAttribute('aria-label')).toBe('Close');
    expect(card!.openFor).toBe(badge);
  });

  it('reaches "Open in dbt Explorer", and Tab past it closes the card and goes on after the badge', async () => {
    const { badge } = setUp();
    badge.focus();
    key(badge, 'Enter');
    await vi.waitFor(() => expect(shadow().textContent).toContain('One row per customer.'));
    const explorer = shadow().querySelector<HTMLAnchorElement>('.docent-card-explorer')!;
    explorer.focus();
    await new Promise((resolve) => setTimeout(resolve, 40)); // longer than the grace: still open
    expect(card!.openFor).toBe(badge);
    const tab = key(explorer, 'Tab');
    // The browser's own Tab then moves on from the badge to whatever follows it in the page.
    expect(tab.defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(badge);
    expect(card!.openFor).toBeNull();
  });

  it('Shift+Tab from the card’s first control goes back to the badge and keeps the card', () => {
    const { badge } = setUp();
    badge.focus();
    key(badge, 'ArrowDown');
    const tab = key(focusedInCard()!, 'Tab', { shiftKey: true });
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(badge);
    expect(card!.openFor).toBe(badge);
  });

  it('Tab between the card’s own controls stays in the card', async () => {
    const { badge } = setUp();
    badge.focus();
    key(badge, 'Enter');
    await vi.waitFor(() => expect(shadow().querySelector('.docent-card-explorer')).not.toBeNull());
    const tab = key(focusedInCard()!, 'Tab'); // close button, with the Explorer link still to come
    expect(tab.defaultPrevented).toBe(false);
    expect(card!.openFor).toBe(badge);
  });

  it('the close button closes the card and returns focus to the badge', () => {
    const { badge } = setUp();
    badge.focus();
    key(badge, 'Enter');
    (focusedInCard() as HTMLButtonElement).click();
    expect(card!.openFor).toBeNull();
    expect(document.activeElement).toBe(badge);
  });
});

describe('details cache', () => {
  it('reuses details for five minutes, then asks again so an edit in dbt shows', async () => {
    let clock = new Date('2026-11-28T12:00:00Z');
    let description = 'One row per customer.';
    const loadDetails = vi.fn(async (uniqueId: string) => answerFor(uniqueId, description));
    const { badge } = setUp({ loadDetails, now: () => clock });
    const reopen = async (expected: string) => {
      card!.close();
      card!.open(badge, customersMatch!);
      await vi.waitFor(() => expect(shadow().textContent).toContain(expected));
    };
    await reopen('One row per customer.');
    description = 'One row per customer, with lifetime value.';
    clock = new Date(clock.getTime() + DETAILS_TTL_MS - 1000);
    await reopen('One row per customer.');
    expect(loadDetails).toHaveBeenCalledTimes(1);
    clock = new Date(clock.getTime() + 1000);
    await reopen('One row per customer, with lifetime value.');
    expect(loadDetails).toHaveBeenCalledTimes(2);
  });

  it('does not keep an answer "as of" an old sync: once dbt is back, the next open shows fresh details', async () => {
    let dbtDown = true;
    const loadDetails = vi.fn(async (uniqueId: string): Promise<Result<DetailsAnswer, DocentError>> => {
      const answer = answerFor(uniqueId, 'One row per customer.');
      if (!dbtDown || !answer.ok) return answer;
      return { ok: true, value: { ...answer.value, asOf: '2026-11-28T09:00:00Z', missing: 'The description and columns could not be loaded: HTTP 503.' } };
    });
    const { badge } = setUp({ loadDetails, now: () => new Date('2026-11-28T12:00:00Z') });
    card!.open(badge, customersMatch!);
    await vi.waitFor(() => expect(shadow().textContent).toContain('could not be loaded'));
    dbtDown = false;
    card!.close();
    card!.open(badge, customersMatch!);
    await vi.waitFor(() => expect(shadow().textContent).toContain('One row per customer.'));
    expect(shadow().textContent).not.toContain('As of');
    expect(loadDetails).toHaveBeenCalledTimes(2);
  });
});

describe('several projects', () => {
  it('asks for details in the environment the candidate came from, and keeps each apart', async () => {
    const { loadDetails } = setUp();
    const inFinance = { ...customersMatch!, candidates: [{ ...customersMatch!.candidates[0]!, environment: 'https://x/graphql#2', project: 'Finance' }] };
    const inShop = { ...customersMatch!, candidates: [{ ...customersMatch!.candidates[0]!, environment: 'https://x/graphql#1', project: 'Shop' }] };
    const other = createBadge(document, inFinance);
    const third = createBadge(document, inShop);
    document.body.append(other, third);
    card!.open(other, inFinance);
    card!.open(third, inShop);
    await vi.waitFor(() => expect(loadDetails).toHaveBeenCalledTimes(2));
    expect(loadDetails.mock.calls).toEqual([
      [customersMatch!.candidates[0]!.uniqueId, 'https://x/graphql#2'],
      [customersMatch!.candidates[0]!.uniqueId, 'https://x/graphql#1'],
    ]);
    await vi.waitFor(() => expect(shadow().querySelector('.docent-card-project')?.textContent).toBe('project Shop'));
  });
});

describe('an ambiguous name across projects', () => {
  it('opens on the list, loads nothing until a candidate is chosen, then that one from its own environment', async () => {
    const { loadDetails } = setUp();
    const base = customersMatch!.candidates[0]!;
    const match = {
      key: 'customers',
      candidates: [
        { ...base, environment: 'https://x/graphql#1', project: 'Shop' },
        { ...base, relation: 'finance.marts.customers', environment: 'https://x/graphql#2', project: 'Finance' },
      ],
    };
    const badge = createBadge(document, match);
    expect(badge.getAttribute('aria-label')).toBe('customers: ambiguous, 2 models in 2 projects');
    document.body.append(badge);
    card!.bindBadge(badge, match);
    badge.focus();
    key(badge, 'Enter');
    expect(loadDetails).not.toHaveBeenCalled();
    expect(focusedInCard()?.getAttribute('aria-label')).toBe('Close');
    const show = shadow().querySelectorAll<HTMLButtonElement>('.docent-card-choose');
    expect(show).toHaveLength(2);
    show[1]!.click();
    expect(loadDetails).toHaveBeenCalledWith(base.uniqueId, 'https://x/graphql#2');
    // Focus stays in the card, on its first control: the way back to the list.
    expect(focusedInCard()?.classList.contains('docent-card-back')).toBe(true);
    await vi.waitFor(() => expect(shadow().querySelector('.docent-card-project')?.textContent).toBe('project Finance'));
    (focusedInCard() as HTMLButtonElement).click();
    expect(shadow().querySelectorAll('.docent-card-choose')).toHaveLength(2);
  });
});
