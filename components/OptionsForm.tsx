/**
 * The options page: connection settings, the advanced knobs, and a status region that always shows
 * the background's current sync state (docs/architecture.md "Contracts", "Status").
 */
import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { describeSyncStatus, type StatusDescription } from './status-text';
import type { SyncStatus } from '../lib/catalog/sync-status';
import { deriveDiscoveryEndpoint } from '../lib/config/endpoint';
import { REFRESH_MINUTES_RANGE, type ConfigProblem, type Settings } from '../lib/config/settings';
import { validateSettings } from '../lib/config/validate';
import type { EffectiveConfig } from '../lib/config/storage';
import { Field } from './Field';
import { createOptionsDeps, type OptionsDeps } from './OptionsDeps';
import {
  EMPTY_FORM,
  FORM_FIELDS,
  errorsByField,
  formValuesFrom,
  settingsInputFrom,
  type FieldErrors,
  type FormField,
} from './OptionsFormValues';
import { OptionsStatus } from './OptionsStatus';

const CLOCK_TICK_MS = 30_000;

type Feedback = { kind: 'saved' | 'invalid' | 'failed'; text: string } | null;

function firstInvalidField(errors: FieldErrors): FormField | undefined {
  return FORM_FIELDS.find((field) => errors[field]);
}

export function OptionsForm(props: { deps?: OptionsDeps }) {
  const deps = useMemo(() => props.deps ?? createOptionsDeps(), []);
  const values = useSignal(EMPTY_FORM);
  const locked = useSignal<ReadonlySet<keyof Settings>>(new Set());
  const errors = useSignal<FieldErrors>({});
  const notes = useSignal<ConfigProblem[]>([]);
  const loaded = useSignal(false);
  const saving = useSignal(false);
  const feedback = useSignal<Feedback>(null);
  const showToken = useSignal(false);
  const status = useSignal<SyncStatus | null>(null);
  const checking = useSignal(false);
  const answerError = useSignal<string | null>(null);
  const now = useSignal(deps.now());

  /** `onlyLocked`: a change from elsewhere updates what the admin set, never what is being typed. */
  function applyConfig(config: EffectiveConfig, onlyLocked = false) {
    const lockedSet = new Set(config.locked);
    locked.value = lockedSet;
    const fresh = formValuesFrom(config.settings, lockedSet);
    values.value = onlyLocked
      ? { ...values.value, ...Object.fromEntries(FORM_FIELDS.filter((f) => lockedSet.has(f)).map((f) => [f, fresh[f]])) }
      : fresh;
    // The token's own warning is shown live beside the field; a locked token has no field text.
    notes.value = config.warnings.filter((w) => w.field !== 'serviceToken' || lockedSet.has('serviceToken'));
  }

  useEffect(() => {
    const controller = new AbortController();
    deps.watchStatus((next) => {
      status.value = next;
      answerError.value = null;
    }, controller.signal);
    deps.watchConfig((config) => applyConfig(config, true), controller.signal);
    void Promise.all([deps.loadConfig(), deps.readStatus()])
      .then(([config, current]) => {
        if (controller.signal.aborted) return;
        applyConfig(config);
        status.value ??= current; // a status the watcher already delivered is newer
        loaded.value = true;
      })
      .catch((error: unknown) => {
        feedback.value = { kind: 'failed', text: `Could not read Docent's settings: ${String(error)}` };
      });
    const timer = setInterval(() => (now.value = deps.now()), CLOCK_TICK_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, []);

  const description = useComputed<StatusDescription>(() => {
    const current = status.value;
    if (checking.value) {
      const progress = current?.phase === 'syncing' ? describeSyncStatus(current, now.value).headline : null;
      return { headline: 'Checking…', detail: progress, tone: 'busy' };
    }
    if (answerError.value) return { headline: answerError.value, detail: null, tone: 'error' };
    if (!current) return { headline: 'Reading status…', detail: null, tone: 'idle' };
    return describeSyncStatus(current, now.value);
  });

  const tokenWarning = useComputed(
    () => validateSettings({ serviceToken: values.value.serviceToken }).warnings[0]?.message ?? null,
  );

  const endpointHint = useComputed(() => {
    const derived = deriveDiscoveryEndpoint(values.value.accessUrl);
    return derived.ok ? `Docent will read ${derived.value.endpoint}` : null;
  });

  function edit(field: FormField) {
    return (text: string) => {
      values.value = { ...values.value, [field]: text };
      if (errors.value[field]) errors.value = { ...errors.value, [field]: undefined };
      feedback.value = null;
    };
  }

  async function checkConnection() {
    checking.value = true;
    answerError.value = null;
    try {
      const answer = await deps.syncNow();
      if (answer.ok) status.value = answer.value;
      else answerError.value = answer.error.message;
    } catch (error) {
      answerError.value =
        `Docent's background did not answer (${error instanceof Error ? error.message : String(error)}). ` +
        'Reload the extension on the Extensions page and try again.';
    } finally {
      checking.value = false;
    }
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (saving.value) return;
    saving.value = true;
    try {
      const result = await deps.saveSettings(settingsInputFrom(values.value, locked.value));
      if (!result.ok) {
        errors.value = errorsByField(result.error);
        const elsewhere = result.error.filter((p) => !(FORM_FIELDS as readonly string[]).includes(p.field));
        feedback.value = {
          kind: 'invalid',
          text: ['Not saved: fix the fields marked above.', ...elsewhere.map((p) => p.message)].join(' '),
        };
        const first = firstInvalidField(errors.value);
        if (first) setTimeout(() => document.getElementById(first)?.focus(), 0);
        return;
      }
      errors.value = {};
      applyConfig(result.value);
      feedback.value = { kind: 'saved', text: 'Saved.' };
    } catch (error) {
      feedback.value = { kind: 'failed', text: `Could not save the settings: ${String(error)}` };
      return;
    } finally {
      saving.value = false;
    }
    await checkConnection();
  }

  const isLocked = (field: keyof Settings) => locked.value.has(field);
  const v = values.value;
  const e = errors.value;
  const allLocked = FORM_FIELDS.every(isLocked);

  return (
    <main class="docent-options">
      <h1>Docent settings</h1>
      <p class="docent-lede">
        Docent reads your dbt project from dbt's Discovery API and shows trust badges and doc cards on your BI dashboards.
      </p>
      <OptionsStatus description={description.value} />
      {notes.value.length > 0 && (
        <ul class="docent-notes" aria-label="Notes about these settings">
          {notes.value.map((note) => (
            <li key={note.message}>{note.message}</li>
          ))}
        </ul>
      )}
      {loaded.value && (
        <form noValidate onSubmit={onSubmit}>
          <fieldset>
            <legend>dbt connection</legend>
            <Field
              id="accessUrl"
              label="Access URL"
              value={v.accessUrl}
              onInput={edit('accessUrl')}
              inputMode="url"
              placeholder="https://cloud.getdbt.com"
              locked={isLocked('accessUrl')}
              error={e.accessUrl}
              hint={
                endpointHint.value ??
                'In dbt: Account settings → Access URLs (such as https://ab123.us1.dbt.com). A Discovery API URL ending in /graphql also works.'
              }
            />
            <Field
              id="serviceToken"
              label="Service token"
              type={showToken.value ? 'text' : 'password'}
              value={v.serviceToken}
              onInput={edit('serviceToken')}
              placeholder={isLocked('serviceToken') ? '••••••••••••' : 'dbtc_…'}
              locked={isLocked('serviceToken')}
              error={e.serviceToken}
              warning={tokenWarning.value}
              hint="A service token with the Metadata Only permission (Account settings → Service tokens). It stays in this browser and is sent only to dbt."
              after={
                <button
                  type="button"
                  class="docent-secondary"
                  aria-controls="serviceToken"
                  aria-pressed={showToken.value}
                  disabled={isLocked('serviceToken')}
                  onClick={() => (showToken.value = !showToken.value)}
                >
                  {showToken.value ? 'Hide' : 'Show'}
                </button>
              }
            />
            <Field
              id="environmentId"
              label="Environment ID"
              value={v.environmentId}
              onInput={edit('environmentId')}
              inputMode="numeric"
              placeholder="70403103985022"
              locked={isLocked('environmentId')}
              error={e.environmentId}
              hint="Your production environment: in dbt, Orchestration → Environments; the number at the end of its URL."
            />
            <Field
              id="accountId"
              label="Account ID"
              value={v.accountId}
              onInput={edit('accountId')}
              inputMode="numeric"
              locked={isLocked('accountId')}
              error={e.accountId}
              hint="Optional. The number after /accounts/ in dbt's URLs; lets doc cards link to runs."
            />
          </fieldset>
          <fieldset>
            <legend>Advanced</legend>
            <Field
              id="refreshMinutes"
              label="Refresh every (minutes)"
              type="number"
              value={v.refreshMinutes}
              onInput={edit('refreshMinutes')}
              min={REFRESH_MINUTES_RANGE.min}
              max={REFRESH_MINUTES_RANGE.max}
              step={1}
              locked={isLocked('refreshMinutes')}
              error={e.refreshMinutes}
              hint={`From ${REFRESH_MINUTES_RANGE.min} to ${REFRESH_MINUTES_RANGE.max}. Default 15.`}
            />
            <Field
              id="staleAfterHours"
              label="Stale after (hours)"
              type="number"
              value={v.staleAfterHours}
              onInput={edit('staleAfterHours')}
              min={0}
              step="any"
              locked={isLocked('staleAfterHours')}
              error={e.staleAfterHours}
              hint="Optional. Marks a model “caution” when its last successful build is older than this. Empty turns it off."
            />
          </fieldset>
          <div class="docent-actions">
            <button type="submit" class="docent-primary" disabled={saving.value || allLocked}>
              Save
            </button>
            {feedback.value && (
              <p class={`docent-feedback is-${feedback.value.kind}`} role={feedback.value.kind === 'saved' ? undefined : 'alert'}>
                {feedback.value.text}
              </p>
            )}
          </div>
        </form>
      )}
    </main>
  );
}
