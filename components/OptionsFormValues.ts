/**
 * The options form holds text (what is in the inputs); settings hold typed values. These two
 * functions are the only crossing between them, so validation sees exactly what was typed.
 */
import { DEFAULT_SETTINGS, type ConfigProblem, type Settings } from '../lib/config/settings';

export const FORM_FIELDS = [
  'source',
  'accessUrl',
  'serviceToken',
  'environmentId',
  'accountId',
  'artifactsUrl',
  'artifactsHeader',
  'refreshMinutes',
  'staleAfterHours',
] as const;

export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;
export type FieldErrors = Partial<Record<keyof Settings, string>>;

export const EMPTY_FORM: FormValues = {
  source: DEFAULT_SETTINGS.source,
  artifactsUrl: '',
  artifactsHeader: '',
  accessUrl: '',
  serviceToken: '',
  environmentId: '',
  accountId: '',
  refreshMinutes: String(DEFAULT_SETTINGS.refreshMinutes),
  staleAfterHours: '',
};

/** A saved token never reaches the page's DOM, the user's or the administrator's: the token field starts empty. */
export function formValuesFrom(settings: Settings, locked: ReadonlySet<keyof Settings>): FormValues {
  return {
    source: settings.source,
    artifactsUrl: settings.artifactsUrl,
    // Like the token: a header set by policy may carry a secret, so it stays out of the DOM.
    artifactsHeader: locked.has('artifactsHeader') ? '' : settings.artifactsHeader,
    accessUrl: settings.accessUrl,
    serviceToken: '',
    environmentId: settings.environmentId,
    accountId: settings.accountId,
    refreshMinutes: String(settings.refreshMinutes),
    staleAfterHours: settings.staleAfterHours == null ? '' : String(settings.staleAfterHours),
  };
}

/** What Save sends: every field the user may edit, numbers as typed (NaN fails validation). */
export function settingsInputFrom(values: FormValues, locked: ReadonlySet<keyof Settings>): Partial<Settings> {
  const input: Partial<Settings> = {
    source: values.source as Settings['source'],
    artifactsUrl: values.artifactsUrl,
    artifactsHeader: values.artifactsHeader,
    accessUrl: values.accessUrl,
    serviceToken: values.serviceToken,
    environmentId: values.environmentId,
    accountId: values.accountId,
    refreshMinutes: values.refreshMinutes.trim() === '' ? DEFAULT_SETTINGS.refreshMinutes : Number(values.refreshMinutes),
    staleAfterHours: values.staleAfterHours.trim() === '' ? null : Number(values.staleAfterHours),
  };
  for (const field of locked) delete input[field];
  return input;
}

/** The first problem per field, in the order the fields appear. */
export function errorsByField(problems: ConfigProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) errors[problem.field] ??= problem.message;
  return errors;
}
