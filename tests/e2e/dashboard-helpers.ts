/**
 * What the dashboard e2e specs read back: the pill's models, and the popup's list for the tab that
 * shows a page.
 */
import type { Locator } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import type { LaunchedExtension } from '../support/browser';
import { expect } from './fixtures';

declare const chrome: typeof Browser;

/** The pill's `data-unique-ids`, sorted. */
export async function pillIds(pill: Locator): Promise<string[]> {
  return ((await pill.getAttribute('data-unique-ids')) ?? '').split(' ').filter(Boolean).sort();
}

/** The model names the popup lists for the tab at `url`, sorted. */
export async function popupNames(extension: LaunchedExtension, url: string): Promise<string[]> {
  const tabId = await extension.serviceWorker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  expect(tabId, `a tab at ${url}`).toBeDefined();
  const popup = await extension.context.newPage();
  try {
    await popup.goto(extension.popupUrl(tabId!));
    const names = popup.locator('.docent-popup-match-name');
    await expect(names.first()).toBeVisible();
    return (await names.allTextContents()).sort();
  } finally {
    await popup.close();
  }
}
