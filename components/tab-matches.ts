/**
 * What the popup lists for "this tab": the matches its content script found. The tab is the
 * active tab of the current window, unless the popup was opened as a page with `?tab=<id>` (an
 * e2e test, or someone pinning the popup in a tab), where "current window" would be the popup's own.
 * Browser APIs come in as arguments (docs/architecture.md "Code rules" 2).
 */
import { compareHealth } from '../lib/catalog/health';
import type { DocentError, TabMatch } from '../lib/messaging';
import type { Result } from '../lib/result';

export type TabMatchesState =
  | { kind: 'loading' }
  /** No content script answered: not a BI host, a browser page, or a tab opened before install. */
  | { kind: 'notRunning' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; matches: TabMatch[] };

export interface TabQuery {
  query(query: { active: true; currentWindow: true }): Promise<Array<{ id?: number }>>;
}

/** `sendToTab` from lib/messaging.ts, or a fake. `undefined`: no listener answered. */
export type SendListMatches = (
  tabId: number,
  message: { type: 'listMatches' },
) => Promise<Result<TabMatch[], DocentError> | undefined>;

export const NOT_RUNNING_TEXT = 'Docent does not run on this page';
export const NO_MATCHES_TEXT = 'No dbt models found on this page';

/** The tab id from `?tab=<id>`, or `null` when absent or not a tab id. */
export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

export async function loadTabMatches(
  tabs: TabQuery,
  sendToTab: SendListMatches,
  search: string,
): Promise<TabMatchesState> {
  const tabId = tabIdFromSearch(search) ?? (await tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return { kind: 'notRunning' };
  let answer: Awaited<ReturnType<SendListMatches>>;
  try {
    answer = await sendToTab(tabId, { type: 'listMatches' });
  } catch {
    // "Could not establish connection. Receiving end does not exist.": there is no content script
    // in that tab, which is a fact about the page, not an error to alarm anyone with.
    return { kind: 'notRunning' };
  }
  if (!answer) return { kind: 'notRunning' };
  if (!answer.ok) return { kind: 'failed', message: answer.error.message };
  return { kind: 'ready', matches: sortMatches(answer.value) };
}


/** Worst health first (what needs a look), then by name. */
export function sortMatches(matches: TabMatch[]): TabMatch[] {
  return [...matches].sort(
    (a, b) => compareHealth(a.health, b.health) || a.name.localeCompare(b.name),
  );
}
