/**
 * The typed protocol between Docent's parts, one union per direction (docs/architecture.md "Code rules" 5). Answers
 * are `Result`-shaped. Content scripts send candidate names and get back matches only: they never
 * see the token or the index.
 */
import type { Runtime } from 'webextension-polyfill';
// The browser's own promise-based API (`browser` in Firefox, `chrome` in Chromium's MV3), not the
// polyfill: this module is in the content script, which runs on every BI page (docs/performance.md).
import { browser } from 'wxt/browser';
import type { Result } from './result';
import type { CatalogError } from './catalog/errors';
import type { SyncStatus } from './catalog/sync-status';
import type { DetailsAnswer, ExposureMatch, Health, NameMatch } from './catalog/types';

export type { DetailsAnswer, ExposureMatch, MatchCandidate, NameMatch } from './catalog/types';

/**
 * What a sender gets instead of a value: the catalog's errors, a refused sender, or no background
 * to ask (the extension was updated or reloaded under an open page).
 */
export type DocentError =
  | CatalogError
  | { kind: 'forbiddenSender'; message: string }
  | { kind: 'backgroundUnavailable'; message: string };

/**
 * Set on a frame's content-script world (its global) while Docent runs there: a function that says
 * whether the run is still alive. The background asks before injecting (lib/background/after-load.ts).
 */
export const RUNNING_KEY = '__docentContentScript';

/** Content script → background. */
export type ContentToBackground =
  | { type: 'resolve'; keys: string[] }
  | { type: 'details'; uniqueId: string; environment?: string }
  /** The exposures declared in dbt for the page at `url` (the dashboard summary). */
  | { type: 'pageExposures'; url: string }
  /**
   * Which tool a self-hosted BI host runs (its `biHosts` entry), for a content script that the
   * background registered there: the manifest's SaaS hosts never need to ask. `null` = not listed.
   */
  | { type: 'biHostTool'; host: string }
  /** Whether this tool is on (not in `disabledTools`), for a content script on the tool's SaaS host. */
  | { type: 'toolEnabled'; tool: string }
  /** Inject the doc card's code into the sender's frame: a card is wanted there for the first time. */
  | { type: 'loadCard' }
  /** The sender's frame wrote an about:blank or srcdoc frame after it loaded: give it the content script too. */
  | { type: 'injectFrames' };

/** Extension pages (options, popup) → background. */
export type PageToBackground =
  | { type: 'getStatus' }
  | { type: 'syncNow' };

/** Popup → content script of a tab. */
export type PopupToContent = { type: 'listMatches' };

/**
 * Background → content scripts, no answer expected: a sync changed what the index says, so the
 * badges on open pages (or their absence, before Docent was set up) are out of date.
 */
export type BackgroundToContent = { type: 'indexUpdated' };

export interface TabMatch {
  uniqueId: string;
  name: string;
  relation: string;
  health: Health;
  occurrences: number;
}

export type BackgroundMessage = ContentToBackground | PageToBackground;

export interface AnswerMap {
  resolve: Result<NameMatch[], DocentError>;
  details: Result<DetailsAnswer, DocentError>;
  pageExposures: Result<ExposureMatch[], DocentError>;
  biHostTool: Result<string | null, DocentError>;
  toolEnabled: Result<boolean, DocentError>;
  loadCard: Result<true, DocentError>;
  injectFrames: Result<true, DocentError>;
  getStatus: Result<SyncStatus, DocentError>;
  syncNow: Result<SyncStatus, DocentError>;
  listMatches: Result<TabMatch[], DocentError>;
}

type Answer<M extends { type: keyof AnswerMap }> = AnswerMap[M['type']];

/** Always an answer: a failure to reach the background is an error value, never a rejection. */
export async function sendToBackground<M extends BackgroundMessage>(message: M): Promise<Answer<M>> {
  try {
    const answer = (await browser.runtime.sendMessage(message)) as Answer<M> | undefined;
    if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
  } catch {
    // "Extension context invalidated" after an update, or no listener: said below.
  }
  const error: DocentError = { kind: 'backgroundUnavailable', message: 'Docent\'s background did not answer; reload the page.' };
  return { ok: false, error } as Answer<M>;
}

/** To the tab's top frame: frames run the content script too (badges only), the page's list is the top's. */
export function sendToTab<M extends PopupToContent>(tabId: number, message: M): Promise<Answer<M>> {
  return browser.tabs.sendMessage(tabId, message, { frameId: 0 }) as Promise<Answer<M>>;
}

/** Who sent a message, as far as the background trusts it (Dark Reader's habit). */
export type SenderRole = 'extensionPage' | 'contentScript' | 'foreign';

export function classifySender(
  sender: Pick<Runtime.MessageSender, 'id' | 'url' | 'tab'>,
  extensionId: string,
  extensionOrigin: string,
): SenderRole {
  if (sender.id !== extensionId) return 'foreign';
  if (sender.url?.startsWith(extensionOrigin)) return 'extensionPage';
  if (sender.tab) return 'contentScript';
  return 'foreign';
}

/**
 * Which messages each sender may send. A content script may only ask about names and details;
 * its `resolve` can start a sync of a missing or stale index, but never a forced one.
 */
export function isAllowed(role: SenderRole, message: BackgroundMessage): boolean {
  if (role === 'extensionPage') return true;
  if (role === 'contentScript') {
    return message.type === 'resolve' || message.type === 'details' || message.type === 'pageExposures' || message.type === 'biHostTool' || message.type === 'toolEnabled' || message.type === 'loadCard' || message.type === 'injectFrames';
  }
  return false;
}
