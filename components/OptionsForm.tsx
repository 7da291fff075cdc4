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
import { TokenField } from './TokenField';
import { BiHostsSection } from './BiHostsSection';
import { EnvironmentsSection } from './EnvironmentsSection';
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
import { ArtifactsFields } from './ArtifactsFields';
import { artifactsPermissionPatterns, SourceSelect } from './SourceSelect';

const CLOCK_TICK_MS = 30_000;

type Feedback = { kind: 'saved' | 'invalid' | 'failed'; text: string } | null;

function firstInvalidField(errors: FieldErrors): FormField | undefined {
  return FORM_FIELDS.find((field) => errors[field]);
}

export function OptionsForm(props: { deps?: OptionsDeps; coveredHostPatterns?: readonly string[] }) {
  const deps = useMemo(() => props.deps ?? createOptionsDeps(), []);
  const values = useSignal(EMPTY_FORM);
  const locked = useSignal<ReadonlySet<keyof Settings>>(new Set());
  const errors = useSignal<FieldErrors>({});
  const notes = useSignal<ConfigProblem[]>([]);
  const loaded = useSignal(false);
  const saving = useSignal(false);
  const feedback = useSignal<Feedback>(null);
  /** A token is saved (by the user): it stays out of the page until Replace. */
  const tokenSaved = useSignal(false);
  const replacingToken = useSignal(false);
  const biHosts = useSignal<Settings['biHosts']>([]);
  const environments = useSignal<Settings['environments']>([]);
  const connectionEnvironment = useSignal('');
  const status = useSignal<SyncStatus | null>(null);
  const checking = useSignal(false);
  const answerError = useSignal<string | null>(null);
  const now = useSignal(deps.now());

  /** `onlyLocked`: a change from elsewhere updates what the admin set, never what is being typed. */
  function applyConfig(config: EffectiveConfig, onlyLocked = false) {
    const lockedSet = new Set(config.locked);
    // A field the admin just released shows the user's own value again.
    const changedByAdmin = new Set([...lockedSet, ...locked.value]);
    biHosts.value = config.settings.biHosts;
    environments.value = config.settings.environments;
    connectionEnvironment.value = config.settings.environmentId;
    locked.value = lockedSet;
    if (!onlyLocked || !replacingToken.value) {
      tokenSaved.value = config.settings.serviceToken !== '' && !lockedSet.has('serviceToken');
      replacingToken.value = false;
    }
    const fresh = formValuesFrom(config.settings, lockedSet);
    values.value = onlyLocked
      ? { ...values.value, ...Object.fromEntries(FORM_FIELDS.filter((f) => changedByAdmin.has(f)).map((f) => [f, fresh[f]])) }
      : fresh;
    // The token's own warning is shown live beside the field; a locked token has no field text.
    // (Warnings about the policy's own token value stay: they never repeat it.)
    notes.value = config.warnings.filter(
      (w) => w.field !== 'serviceToken' || lockedSet.has('serviceToken') || w.message.startsWith('Policy '),
    );
  }

  useEffect(() => {
    const controller = new AbortController();
    let watched = false;
    deps.watchStatus((next) => {
      watched = true;
      status.value = next;
      answerError.value = null;
    }, controller.signal);
    // Wakes a stopped service worker, so a sync it left half done or one that is due runs now.
    void deps.getStatus?.().then((answer) => {
      if (!controller.signal.aborted && !watched && answer.ok) status.value = answer.value;
    }, () => {});
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
      // Asked first, while the click still counts as the person's gesture (permissions.request).
      const hosts = artifactsPermissionPatterns(values.value);
      if (hosts.length > 0 && !(await deps.requestHostPermissions(hosts).catch(() => false))) {
        feedback.value = {
          kind: 'invalid',
          text: `Not saved: Docent needs your permission to read ${hosts.map((h) => h.replace(/\/\*$/, '')).join(', ')}. Press Save again and allow it.`,
        };
        return;
      }
      const input = settingsInputFrom(values.value, locked.value);
      // An empty field in front of a saved token means "keep it", not "erase it".
      if (tokenSaved.value && !input.serviceToken?.trim()) delete input.serviceToken;
      const result = await deps.saveSettings(input);
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
  const artifacts = v.source === 'artifacts';

  return (
    <main class="docent-options">
      <h1>Docent settings</h1>
      <p class="docent-lede">
        Docent reads your dbt project from dbt Cloud's Discovery API or from dbt Core's run artifacts, and shows trust badges and doc cards on your BI dashboards.
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
          <SourceSelect value={v.source} onChange={edit('source')} locked={isLocked('source')} />
          {artifacts && (
            <ArtifactsFields
              url={v.artifactsUrl}
              header={v.artifactsHeader}
              onUrl={edit('artifactsUrl')}
              onHeader={edit('artifactsHeader')}
              urlLocked={isLocked('artifactsUrl')}
              headerLocked={isLocked('artifactsHeader')}
              errors={e}
              files={deps.files}
            />
          )}
          <fieldset hidden={artifacts}>
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
            <TokenField
              value={v.serviceToken}
              onInput={edit('serviceToken')}
              locked={isLocked('serviceToken')}
              saved={tokenSaved.value}
              replacing={replacingToken.value}
              onReplace={() => (replacingToken.value = true)}
              error={e.serviceToken}
              warning={tokenWarning.value}
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
      {loaded.value && !artifacts && (
        <EnvironmentsSection environments={environments.value} connectionEnvironmentId={connectionEnvironment.value} locked={isLocked('environments')} deps={deps} />
      )}
      {loaded.value && <BiHostsSection hosts={biHosts.value} locked={isLocked('biHosts')} deps={deps} coveredPatterns={props.coveredHostPatterns ?? []} />}
    </main>
  );
}
