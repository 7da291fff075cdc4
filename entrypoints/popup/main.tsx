// Wiring only: the popup's behaviour lives in components/PopupApp.tsx, which tests drive with fakes.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { PopupApp } from '../../components/PopupApp';
import { isManaged } from '../../lib/config/storage';
import { sendToBackground, sendToTab } from '../../lib/messaging';
import { readSyncStatus, watchSyncStatus } from '../../lib/storage/status';
import './style.css';

render(
  <PopupApp
    deps={{
      readStatus: readSyncStatus,
      watchStatus: watchSyncStatus,
      tabs: browser.tabs,
      sendToTab,
      sendToBackground,
      getStatus: () => sendToBackground({ type: 'getStatus' }),
      openOptionsPage: () => browser.runtime.openOptionsPage(),
      search: location.search,
      isManaged: () => isManaged(browser.storage.managed),
    }}
  />,
  document.getElementById('app')!,
);
