/**
 * Several dbt projects on the options page (issue #10): the list of environments Docent reads
 * besides the connection above, each with Edit and Remove, and a form to add or edit one
 * (**Project name**, **Project environment ID**, and optionally its own access URL, service token
 * and account ID; what it leaves out comes from the connection above). A saved token is never put
 * back into the page: it shows as saved, with Replace. A list set by the administrator is shown
 * locked, without its tokens. The form's labels all start with "Project" so that none of them
 * shares a name with the connection's own fields.
 */
import { useSignal } from '@preact/signals';
import { entryFieldProblems } from '../lib/config/environments';
import type { EnvironmentEntry } from '../lib/config/settings';
import { Field, LOCKED_NOTE } from './Field';
import { SAVED_TOKEN_PLACEHOLDER } from './TokenField';

export interface EnvironmentsDeps {
  saveEnvironments(environments: EnvironmentEntry[]): Promise<void>;
}

export interface EnvironmentsSectionProps {
  environments: readonly EnvironmentEntry[];
  /** The saved connection's own environment: Docent reads it already, so no project may repeat it. */
  connectionEnvironmentId?: string;
  /** The administrator's list: shown, not editable. */
  locked: boolean;
  deps: EnvironmentsDeps;
}

type Draft = Record<'name' | 'environmentId' | 'accessUrl' | 'serviceToken' | 'accountId', string>;
type DraftErrors = Partial<Record<keyof Draft, string>>;

const EMPTY: Draft = { name: '', environmentId: '', accessUrl: '', serviceToken: '', accountId: '' };

/** What a person reads under a field; the rules are lib/config/environments.ts's. */
const FIELD_MESSAGES: Record<keyof Draft, string> = {
  name: 'Give the project a name: doc cards say it.',
  environmentId: 'The environment ID is a number, such as 70403103985022.',
  accessUrl: 'Docent cannot use this access URL',
  serviceToken: 'A service token is one word with no spaces.',
  accountId: 'The account ID is a number.',
};

const FIELD_IDS: Record<keyof Draft, string> = {
  name: 'envName',
  environmentId: 'envEnvironmentId',
  accessUrl: 'envAccessUrl',
  serviceToken: 'envServiceToken',
  accountId: 'envAccountId',
};

function check(
  draft: Draft,
  others: readonly EnvironmentEntry[],
  keptToken: string | undefined,
  connectionEnvironmentId: string | undefined,
): { entry: EnvironmentEntry } | { errors: DraftErrors } {
  const raw: Record<string, unknown> = { name: draft.name, environmentId: draft.environmentId.trim() };
  for (const field of ['accessUrl', 'serviceToken', 'accountId'] as const) if (draft[field].trim()) raw[field] = draft[field].trim();
  const errors: DraftErrors = {};
  for (const problem of entryFieldProblems(raw)) {
    const detail = problem.field === 'accessUrl' ? problem.message.replace(/^has an "accessUrl" Docent cannot use:?\s*/, '') : '';
    errors[problem.field] = detail ? `${FIELD_MESSAGES.accessUrl}: ${detail}` : FIELD_MESSAGES[problem.field];
  }
  if (!errors.environmentId && others.some((e) => e.environmentId === raw.environmentId)) {
    errors.environmentId = `Environment ${String(raw.environmentId)} is already in the list.`;
  }
  // The connection's environment wins over a project repeating it (lib/config/environments.ts
  // resolveEnvironments): saved, the project would be dropped without a word.
  if (!errors.environmentId && connectionEnvironmentId && raw.environmentId === connectionEnvironmentId) {
    errors.environmentId = `Environment ${connectionEnvironmentId} is the connection's above: Docent reads it already.`;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const entry: EnvironmentEntry = { environmentId: String(raw.environmentId), name: draft.name.trim() };
  if (raw.accessUrl) entry.accessUrl = String(raw.accessUrl);
  const token = raw.serviceToken ? String(raw.serviceToken).replace(/^(bearer|token)\s+/i, '') : keptToken;
  if (token) entry.serviceToken = token;
  if (raw.accountId) entry.accountId = String(raw.accountId);
  return { entry };
}

export function EnvironmentsSection({ environments, connectionEnvironmentId, locked, deps }: EnvironmentsSectionProps) {
  /** `null`: the form is closed; -1: adding; otherwise the index being edited. */
  const editing = useSignal<number | null>(null);
  const draft = useSignal<Draft>(EMPTY);
  const errors = useSignal<DraftErrors>({});
  const replacingToken = useSignal(false);
  const message = useSignal<{ kind: 'error' | 'done'; text: string } | null>(null);

  const current = editing.value !== null && editing.value >= 0 ? environments[editing.value] : undefined;
  const tokenKept = Boolean(current?.serviceToken) && !replacingToken.value;

  function open(index: number) {
    const entry = environments[index];
    editing.value = index;
    draft.value = entry
      ? { name: entry.name, environmentId: entry.environmentId, accessUrl: entry.accessUrl ?? '', serviceToken: '', accountId: entry.accountId ?? '' }
      : EMPTY;
    errors.value = {};
    replacingToken.value = false;
    message.value = null;
    setTimeout(() => document.getElementById(FIELD_IDS.name)?.focus(), 0);
  }

  function close(focusId = 'envAdd') {
    editing.value = null;
    draft.value = EMPTY;
    errors.value = {};
    setTimeout(() => document.getElementById(focusId)?.focus(), 0);
  }

  async function save(list: EnvironmentEntry[], done: string) {
    try {
      await deps.saveEnvironments(list);
      message.value = { kind: 'done', text: done };
      return true;
    } catch (error) {
      message.value = { kind: 'error', text: `Could not save the projects: ${error instanceof Error ? error.message : String(error)}` };
      return false;
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    const index = editing.value;
    if (index === null) return;
    const others = environments.filter((_, i) => i !== index);
    const checked = check(draft.value, others, tokenKept ? current?.serviceToken : undefined, connectionEnvironmentId);
    if ('errors' in checked) {
      errors.value = checked.errors;
      const first = (Object.keys(FIELD_IDS) as (keyof Draft)[]).find((f) => checked.errors[f]);
      if (first) setTimeout(() => document.getElementById(FIELD_IDS[first])?.focus(), 0);
      return;
    }
    const list = index >= 0 ? environments.map((e, i) => (i === index ? checked.entry : e)) : [...environments, checked.entry];
    if (await save(list, `${index >= 0 ? 'Saved' : 'Added'} ${checked.entry.name}.`)) close();
  }

  async function remove(index: number) {
    const entry = environments[index]!;
    await save(environments.filter((_, i) => i !== index), `Removed ${entry.name}.`);
    setTimeout(() => document.getElementById('envAdd')?.focus(), 0);
  }

  const edit = (field: keyof Draft) => (text: string) => {
    draft.value = { ...draft.value, [field]: text };
    if (errors.value[field]) errors.value = { ...errors.value, [field]: undefined };
  };

  return (
    <section class="docent-environments" aria-labelledby="docent-environments-h">
      <h2 id="docent-environments-h">dbt projects</h2>
      <p class="docent-hint">
        More dbt projects for Docent to read, one production environment each. What a project leaves empty comes from the connection above.
      </p>
      {locked && <p class="docent-locked">{LOCKED_NOTE}</p>}
      {environments.length > 0 && (
        <ul class="docent-environments-list" aria-label="dbt projects">
          {environments.map((entry, index) => (
            <li key={entry.environmentId}>
              <span>
                {entry.name} (environment {entry.environmentId}
                {entry.accessUrl ? `, ${entry.accessUrl}` : ''}
                {entry.serviceToken ? ', own token' : ''})
              </span>
              {!locked && (
                <>
                  <button type="button" class="docent-secondary" aria-label={`Edit ${entry.name}`} onClick={() => open(index)}>
                    Edit
                  </button>
                  <button type="button" class="docent-secondary" aria-label={`Remove ${entry.name}`} onClick={() => void remove(index)}>
                    Remove
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!locked && editing.value === null && (
        <button type="button" id="envAdd" class="docent-secondary" onClick={() => open(-1)}>
          Add a dbt project
        </button>
      )}
      {!locked && editing.value !== null && (
        <form noValidate onSubmit={(event) => void submit(event)} aria-label={current ? `Edit ${current.name}` : 'Add a dbt project'}>
          <Field id={FIELD_IDS.name} label="Project name" value={draft.value.name} onInput={edit('name')} error={errors.value.name} hint="As people know it; doc cards say it." />
          <Field
            id={FIELD_IDS.environmentId}
            label="Project environment ID"
            value={draft.value.environmentId}
            onInput={edit('environmentId')}
            inputMode="numeric"
            placeholder="70403103985022"
            error={errors.value.environmentId}
            hint="The project's production environment (Orchestration → Environments)."
          />
          <Field
            id={FIELD_IDS.accessUrl}
            label="Project access URL"
            value={draft.value.accessUrl}
            onInput={edit('accessUrl')}
            inputMode="url"
            error={errors.value.accessUrl}
            hint="Optional: only when this project is in another dbt account or region."
          />
          <Field
            id={FIELD_IDS.serviceToken}
            label="Project service token"
            type="password"
            value={tokenKept ? '' : draft.value.serviceToken}
            onInput={edit('serviceToken')}
            readOnly={tokenKept}
            placeholder={tokenKept ? SAVED_TOKEN_PLACEHOLDER : 'dbtc_…'}
            error={errors.value.serviceToken}
            hint={tokenKept ? 'This project has its own token; Docent never shows it again.' : 'Optional: only when the token above cannot read this project.'}
            after={
              tokenKept && (
                <button type="button" class="docent-secondary" aria-label="Replace the project's service token" onClick={() => {
                  replacingToken.value = true;
                  setTimeout(() => document.getElementById(FIELD_IDS.serviceToken)?.focus(), 0);
                }}>
                  Replace
                </button>
              )
            }
          />
          <Field
            id={FIELD_IDS.accountId}
            label="Project account ID"
            value={draft.value.accountId}
            onInput={edit('accountId')}
            inputMode="numeric"
            error={errors.value.accountId}
            hint="Optional: lets its doc cards link to runs."
          />
          <div class="docent-actions">
            <button type="submit" class="docent-primary">
              {current ? 'Save project' : 'Add project'}
            </button>
            <button type="button" class="docent-secondary" onClick={() => close()}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <p class={message.value?.kind === 'error' ? 'docent-error' : 'docent-hint'} role={message.value?.kind === 'error' ? 'alert' : undefined} aria-live="polite">
        {message.value?.text ?? ''}
      </p>
    </section>
  );
}
