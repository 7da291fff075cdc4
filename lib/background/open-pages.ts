/**
 * Telling the pages that run Docent's content script that something changed (the index after a
 * sync). Every tab is told: the content script also runs in a BI host's frames embedded in other
 * sites (an intranet portal showing a Metabase dashboard), whose tab's own URL is no BI host, and
 * a tab without the content script just refuses the message. An index changes a few times an
 * hour, so one message per tab then costs nothing.
 */
import type { BackgroundToContent } from '../messaging';

export interface TabsApi {
  /** `url` narrows to tabs whose own (top) URL matches; Docent does not narrow (see above). */
  query(filter: { url?: string[] }): Promise<Array<{ id?: number }>>;
  sendMessage(tabId: number, message: BackgroundToContent): Promise<unknown>;
}

export async function tellOpenPages(tabs: TabsApi, message: BackgroundToContent): Promise<void> {
  const open = await tabs.query({}).catch(() => []);
  await Promise.all(open.map((tab) => (tab.id === undefined ? null : tabs.sendMessage(tab.id, message).catch(() => null))));
}
