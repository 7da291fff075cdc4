/**
 * The options page's dbt Core part: the Source select, the artifacts fields, the host permission
 * asked for at Save, and files chosen from disk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Storage } from 'webextension-polyfill';
import { OptionsForm } from '../../components/OptionsForm';
import { createOptionsDeps, type OptionsDeps } from '../../components/OptionsDeps';
import { SETTINGS_KEY } from '../../lib/config/storage';

let container: HTMLDivElement;
let asked: string[][];
let granted: boolean;
let kept: string[];

function deps(): OptionsDeps {
  const base = createOptionsDeps({
    local: fakeBrowser.storage.local as unknown as Storage.StorageArea,
    managed: fakeBrowser.storage.managed as unknown as Storage.StorageArea,
    onChanged: fakeBrowser.storage.onChanged as unknown as Storage.Static['onChanged'],
  });
  return {
    ...base,
    syncNow: async () => ({ ok: false, error: { kind: 'notConfigured', message: 'not in this test' } }) as never,
    requestHostPermissions: async (patterns) => {
      asked.push(patterns);
      return granted;
    },
    files: {
      listArtifactFiles: async () => kept,
      saveArtifactFiles: async (files) => {
        const names = files.map((f) => f.name);
        const saved = names.filter((n) => /^(manifest|run_results|catalog|sources)\.json$/.test(n));
        kept = saved;
        return { saved, ignored: names.filter((n) => !saved.includes(n)) };
      },
    },
  };
}

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => void (await new Promise((r) => setTimeout(r, 0))));
}

function control<T extends HTMLElement>(label: string): T {
  const match = [...container.querySelectorAll('label')].find((l) => l.textContent === label);
  if (!match) throw new Error(`no control labelled ${label}`);
  return container.querySelector<T>(`#${match.htmlFor}`)!;
}

async function choose(label: string, value: string) {
  await act(() => {
    const select = control<HTMLSelectElement>(label);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function type(label: string, text: string) {
  await act(() => {
    const input = control<HTMLInputElement>(label);
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function save() {
  await act(() => void container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
  await settle();
}

beforeEach(async () => {
  fakeBrowser.reset();
  asked = [];
  granted = true;
  kept = [];
  container = document.createElement('div');
  document.body.append(container);
  await act(async () => render(<OptionsForm deps={deps()} />, container));
  await settle();
});

afterEach(() => {
  render(null, container);
  container.remove();
});

const stored = async () => (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Record<string, unknown> | undefined;

describe('options page: dbt Core artifacts', () => {
  it('offers dbt Cloud and dbt Core artifacts under Source, and shows the artifacts fields for the latter', async () => {
    const source = control<HTMLSelectElement>('Source');
    expect([...source.options].map((o) => o.textContent)).toEqual(['dbt Cloud', 'dbt Core artifacts']);
    expect(container.querySelector('#artifactsUrl')).toBeNull();
    await choose('Source', 'artifacts');
    expect(control('Artifacts URL')).toBeTruthy();
    expect(control<HTMLInputElement>('Request header').type).toBe('password');
    expect(control<HTMLInputElement>('Artifact files').type).toBe('file');
    expect(control('Access URL').closest('fieldset')!.hidden).toBe(true);
  });

  it('asks for the artifacts host at Save, then saves the artifacts settings without any dbt Cloud field', async () => {
    await choose('Source', 'artifacts');
    await type('Artifacts URL', 'https://docs.acme.com/dbt/target/');
    await type('Request header', 'Authorization: Bearer s3cret');
    await save();
    expect(asked).toEqual([['https://docs.acme.com/*']]);
    expect(await stored()).toMatchObject({ source: 'artifacts', artifactsUrl: 'https://docs.acme.com/dbt/target/', artifactsHeader: 'Authorization: Bearer s3cret' });
  });

  it('saves nothing when the permission is refused, and says what to do', async () => {
    granted = false;
    await choose('Source', 'artifacts');
    await type('Artifacts URL', 'https://docs.acme.com/dbt/target/');
    await save();
    expect(await stored()).toBeUndefined();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('needs your permission to read https://docs.acme.com');
  });

  it('marks a bad Artifacts URL and asks for no permission', async () => {
    await choose('Source', 'artifacts');
    await type('Artifacts URL', 'http://docs.acme.com/target/');
    await save();
    expect(asked).toEqual([]);
    expect(control('Artifacts URL').getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('#artifactsUrl-error')?.textContent).toContain('https://');
  });

  it('keeps chosen artifact files and says which were ignored', async () => {
    await choose('Source', 'artifacts');
    const input = control<HTMLInputElement>('Artifact files');
    const files = [new File(['{}'], 'manifest.json'), new File(['{}'], 'run_results.json'), new File(['x'], 'notes.txt')];
    Object.defineProperty(input, 'files', { value: files });
    await act(() => void input.dispatchEvent(new Event('change', { bubbles: true })));
    await settle();
    expect(container.querySelector('#artifactFiles-hint')?.textContent).toMatch(/Kept in this browser: manifest\.json, run_results\.json\..*Ignored: notes\.txt/);
  });
});
