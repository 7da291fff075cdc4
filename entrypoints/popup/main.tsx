// Wiring only: the popup's behaviour lives in components/PopupApp.tsx, which tests drive with fakes.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { PopupApp } from '../../components/PopupApp';
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
      openOptionsPage: () => browser.runtime.openOptionsPage(),
      search: location.search,
    }}
  />,
  document.getElementById('app')!,
);
