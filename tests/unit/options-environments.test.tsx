/**
 * The options page's "dbt projects": several environments for a user too (issue #10), added,
 * edited and removed from the keyboard, checked field by field, tokens never put back into the page,
 * and an administrator's list shown locked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fieldIn, GOOD, mountOptionsForm, optionsDeps as deps, settle } from '../support/options-form';
import { SETTINGS_KEY } from '../../lib/config/storage';
import type { Settings } from '../../lib/config/settings';

const FINANCE_TOKEN = 'dbtc_finance_only_9sKqL0aR7xWbT5mN';

let container: HTMLDivElement;

const mount = () => mountOptionsForm(container);

const field = (label: string) => fieldIn(container, label);

const buttons = (name: string) => [...container.querySelectorAll('button')].filter((b) => b.textContent === name || b.getAttribute('aria-label') === name);
function button(name: string): HTMLButtonElement {
  const [match] = buttons(name);
  if (!match) throw new Error(`no button ${name}`);
  return match;
}

async function click(name: string) {
  await act(() => button(name).click());
  await settle();
}

async function type(label: string, text: string) {
  await act(() => {
    const input = field(label);
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function stored(): Promise<Partial<Settings>> {
  return ((await fakeBrowser.storage.local.get(SETTINGS_KEY)) as Record<string, Partial<Settings>>)[SETTINGS_KEY] ?? {};
}

const listed = () => [...container.querySelectorAll('ul[aria-label="dbt projects"] li > span')].map((s) => s.textContent);

beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('dbt projects on the options page', () => {
  it('opens the form from a button, says what is missing field by field, and adds the project', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: GOOD });
    await mount();
    // Closed until asked for: no second set of connection fields by default.
    expect(() => field('Project name')).toThrow();
    await click('Add a dbt project');
    expect(document.activeElement).toBe(field('Project name'));
    await click('Add project');
    expect(field('Project name').getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('#envName-error')?.textContent).toBe('Give the project a name: doc cards say it.');
    expect(container.querySelector('#envEnvironmentId-error')?.textContent).toBe('The environment ID is a number, such as 70403103985022.');
    expect(field('Project environment ID').getAttribute('aria-describedby')).toContain('envEnvironmentId-error');
    expect(document.activeElement).toBe(field('Project name'));
    expect((await stored()).environments).toBeUndefined();

    await type('Project name', 'Finance');
    await type('Project environment ID', '70403103985077');
    await type('Project access URL', 'https://not a url');
    await click('Add project');
    expect(container.querySelector('#envAccessUrl-error')?.textContent).toMatch(/^Docent cannot use this access URL: /);
    await type('Project access URL', '');
    await type('Project service token', `Bearer ${FINANCE_TOKEN}`);
    await click('Add project');
    expect((await stored()).environments).toEqual([{ name: 'Finance', environmentId: '70403103985077', serviceToken: FINANCE_TOKEN }]);
    expect(listed()).toEqual(['Finance (environment 70403103985077, own token)']);
    expect(container.innerHTML).not.toContain(FINANCE_TOKEN);
    expect(container.textContent).toContain('Added Finance.');
    // The connection above is untouched.
    expect((await stored()).serviceToken).toBe(GOOD.serviceToken);
  });

  it('refuses an environment already in the list', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...GOOD, environments: [{ name: 'Finance', environmentId: '70403103985077' }] } });
    await mount();
    await click('Add a dbt project');
    await type('Project name', 'Finance again');
    await type('Project environment ID', '70403103985077');
    await click('Add project');
    expect(container.querySelector('#envEnvironmentId-error')?.textContent).toBe('Environment 70403103985077 is already in the list.');
    expect((await stored()).environments).toHaveLength(1);
  });

  it("refuses the connection's own environment, which Docent reads already and would drop from the list", async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: GOOD });
    await mount();
    await click('Add a dbt project');
    await type('Project name', 'Shop');
    await type('Project environment ID', GOOD.environmentId);
    await click('Add project');
    expect(container.querySelector('#envEnvironmentId-error')?.textContent).toBe(`Environment ${GOOD.environmentId} is the connection's above: Docent reads it already.`);
    expect((await stored()).environments).toBeUndefined();
  });

  it('edits a project without ever showing its token, keeps it unless replaced, and removes it', async () => {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { ...GOOD, environments: [{ name: 'Finance', environmentId: '70403103985077', serviceToken: FINANCE_TOKEN }] },
    });
    await mount();
    await click('Edit Finance');
    const token = field('Project service token');
    expect(token.value).toBe('');
    expect(token.readOnly).toBe(true);
    expect(token.placeholder).toMatch(/saved/);
    expect(container.innerHTML).not.toContain(FINANCE_TOKEN);
    await type('Project name', 'Finance (prod)');
    await click('Save project');
    expect((await stored()).environments).toEqual([{ name: 'Finance (prod)', environmentId: '70403103985077', serviceToken: FINANCE_TOKEN }]);

    await click('Edit Finance (prod)');
    await click("Replace the project's service token");
    expect(field('Project service token').readOnly).toBe(false);
    await type('Project service token', 'dbtc_new_finance_token');
    await click('Save project');
    expect((await stored()).environments?.[0]?.serviceToken).toBe('dbtc_new_finance_token');

    await click('Remove Finance (prod)');
    expect((await stored()).environments).toEqual([]);
    expect(listed()).toEqual([]);
    expect(document.activeElement).toBe(button('Add a dbt project'));
  });

  it('shows an administrator\'s projects locked, without their tokens, and offers no way to change them', async () => {
    await fakeBrowser.storage.managed.set({
      accessUrl: GOOD.accessUrl,
      serviceToken: GOOD.serviceToken,
      environments: [
        { environmentId: '70403103985022', name: 'Shop' },
        { environmentId: '70403103985077', name: 'Finance', serviceToken: FINANCE_TOKEN },
      ],
    });
    await mount();
    expect(listed()).toEqual(['Shop (environment 70403103985022)', 'Finance (environment 70403103985077, own token)']);
    expect(container.querySelector('.docent-environments .docent-locked')?.textContent).toBe('Set by your administrator');
    expect(buttons('Add a dbt project')).toHaveLength(0);
    expect(buttons('Edit Shop')).toHaveLength(0);
    expect(buttons('Remove Finance')).toHaveLength(0);
    expect(container.innerHTML).not.toContain(FINANCE_TOKEN);
    expect(container.innerHTML).not.toContain(GOOD.serviceToken);
  });
});
