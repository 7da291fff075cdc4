/**
 * The options form mounted in happy-dom against the fake browser's storage, for the unit tests of
 * the options page (its connection, BI hosts and dbt projects sections).
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Storage } from 'webextension-polyfill';
import { OptionsForm } from '../../components/OptionsForm';
import { createOptionsDeps } from '../../components/OptionsDeps';

/** A connection that validates, with a token shaped like dbt's. */
export const GOOD = {
  accessUrl: 'https://ab123.us1.dbt.com',
  serviceToken: 'dbtc_4f2Jd9sKqL0aR7xWbT5mNcE1vYhU3gZpQ8',
  environmentId: '70403103985022',
};

export const optionsDeps = () =>
  createOptionsDeps({
    local: fakeBrowser.storage.local as unknown as Storage.StorageArea,
    managed: fakeBrowser.storage.managed as unknown as Storage.StorageArea,
    onChanged: fakeBrowser.storage.onChanged as unknown as Storage.Static['onChanged'],
  });

/** Lets pending promises, signal updates and Preact renders run. */
export async function settle(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export async function mountOptionsForm(container: HTMLElement): Promise<void> {
  await act(async () => {
    render(<OptionsForm deps={optionsDeps()} />, container);
  });
  await settle();
}

/** The input whose label reads exactly `label`. */
export function fieldIn(container: HTMLElement, label: string): HTMLInputElement {
  const match = [...container.querySelectorAll('label')].find((l) => l.textContent === label);
  if (!match) throw new Error(`no field labelled ${label}`);
  return container.querySelector<HTMLInputElement>(`#${match.htmlFor}`)!;
}
