/**
 * Settings are checked on every read and before every save (Dark Reader's habit): a value that is
 * wrong gets words a person can act on; a value that merely tunes Docent falls back to its default
 * with a warning instead of breaking the extension.
 */
import { parseArtifactsUrl, parseRequestHeader } from './artifacts-location';
import { deriveDiscoveryEndpoint } from './endpoint';
import {
  DEFAULT_SETTINGS,
  REFRESH_MINUTES_RANGE,
  STALE_AFTER_HOURS_MAX,
  isAdapterId,
  SOURCE_KINDS,
  type BiHost,
  type SourceKind,
  type ConfigProblem,
  type Settings,
} from './settings';

export interface Validation {
  settings: Settings;
  /** The settings cannot be used as they are (Docent stays unconfigured until they are fixed). */
  problems: ConfigProblem[];
  /** Usable, but worth a word: a personal token, a value replaced by its default. */
  warnings: ConfigProblem[];
}

/** A value that was replaced by its default: a warning when read, an error when the user typed it. */
interface Fallback extends ConfigProblem {
  defaultNote: string;
}

interface Checked {
  settings: Settings;
  problems: ConfigProblem[];
  warnings: ConfigProblem[];
  fallbacks: Fallback[];
}

const ENVIRONMENT_HINT =
  'Open your production environment in dbt (Orchestration → Environments) and copy the number at the end of its URL.';

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  // Policy JSON and old stored values may hold ids as numbers; only exact integers survive that.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return '';
}

function isUnsafeNumber(value: unknown): boolean {
  return typeof value === 'number' && !Number.isSafeInteger(value);
}

/** Numbers arrive as numbers (storage, policy) or as strings (form fields). */
function numeric(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return null;
    return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
  }
  return value == null ? null : NaN;
}

function checkToken(raw: unknown, problems: ConfigProblem[], warnings: ConfigProblem[]): string {
  // People paste the whole header value; the scheme is Docent's business, not theirs.
  const token = text(raw).replace(/^(bearer|token)\s+/i, '');
  if (!token) {
    problems.push({
      field: 'serviceToken',
      message:
        'Enter a service token. Create one in dbt under Account settings → Service tokens, with the Metadata Only permission.',
    });
  } else if (/\s/.test(token)) {
    problems.push({
      field: 'serviceToken',
      message: 'The service token contains spaces or line breaks, so part of something else was copied with it. Copy the token again.',
    });
  } else if (token.startsWith('dbtu_')) {
    warnings.push({
      field: 'serviceToken',
      message:
        'This is a personal access token (dbtu_…). It works, but it can read every account you can see and stops working when you leave. ' +
        'A service token (dbtc_…) with the Metadata Only permission is safer.',
    });
  }
  return token;
}

function checkEnvironmentId(raw: unknown, problems: ConfigProblem[]): string {
  if (isUnsafeNumber(raw)) {
    problems.push({
      field: 'environmentId',
      message: `Environment ID ${String(raw)} was stored as a number and lost digits. Write it as text ("70403103985022"). ${ENVIRONMENT_HINT}`,
    });
    return '';
  }
  let id = text(raw);
  // A pasted environment page URL carries the id: …/environments/70403103985022
  const fromUrl = /\/environments\/(\d+)/.exec(id);
  if (fromUrl?.[1]) id = fromUrl[1];
  if (!id) problems.push({ field: 'environmentId', message: `Enter the Environment ID. ${ENVIRONMENT_HINT}` });
  else if (!/^\d+$/.test(id)) {
    problems.push({
      field: 'environmentId',
      message: `The Environment ID is a number (such as 70403103985022); “${id}” is not. ${ENVIRONMENT_HINT}`,
    });
  }
  return id;
}

function checkAccountId(raw: unknown, problems: ConfigProblem[]): string {
  if (isUnsafeNumber(raw)) {
    problems.push({ field: 'accountId', message: `Account ID ${String(raw)} was stored as a number and lost digits. Write it as text.` });
    return '';
  }
  const id = text(raw);
  if (id && !/^\d+$/.test(id)) {
    problems.push({
      field: 'accountId',
      message: `The Account ID is a number (the one after /deploy/ or /accounts/ in dbt's URLs); “${id}” is not. Leave it empty if unsure.`,
    });
  }
  return id;
}

function checkRefreshMinutes(raw: unknown, fallbacks: Fallback[]): number {
  const value = numeric(raw);
  if (value === null) return DEFAULT_SETTINGS.refreshMinutes;
  const { min, max } = REFRESH_MINUTES_RANGE;
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  fallbacks.push({
    field: 'refreshMinutes',
    message: `Refresh every must be a whole number of minutes from ${min} to ${max}.`,
    defaultNote: `Using ${DEFAULT_SETTINGS.refreshMinutes} minutes.`,
  });
  return DEFAULT_SETTINGS.refreshMinutes;
}

function checkStaleAfterHours(raw: unknown, fallbacks: Fallback[]): number | null {
  const value = numeric(raw);
  if (value === null) return null;
  if (value > 0 && value <= STALE_AFTER_HOURS_MAX) return value;
  fallbacks.push({
    field: 'staleAfterHours',
    message: `Stale after must be a number of hours above 0 and at most ${STALE_AFTER_HOURS_MAX}, or empty to turn the rule off.`,
    defaultNote: 'The rule is off.',
  });
  return null;
}

/** Hosts only: a scheme, path or port would not make a valid host permission pattern. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

function checkBiHosts(raw: unknown, fallbacks: Fallback[]): BiHost[] {
  if (raw == null) return [];
  if (!Array.isArray(raw)) {
    fallbacks.push({ field: 'biHosts', message: 'The BI host list is not a list.', defaultNote: 'Ignoring it.' });
    return [];
  }
  const kept: BiHost[] = [];
  for (const entry of raw as unknown[]) {
    const host = text((entry as { host?: unknown } | null)?.host).toLowerCase();
    const tool = (entry as { tool?: unknown } | null)?.tool;
    if (HOST_NAME.test(host) && isAdapterId(tool)) {
      if (!kept.some((h) => h.host === host)) kept.push({ host, tool });
      continue;
    }
    fallbacks.push({
      field: 'biHosts',
      message: `BI host entry ${JSON.stringify(entry)} needs a host name (like metabase.acme.com) and a known tool.`,
      defaultNote: 'Skipping it.',
    });
  }
  return kept;
}

function checkDisabledTools(raw: unknown, fallbacks: Fallback[]): Settings['disabledTools'] {
  if (raw == null) return [];
  if (!Array.isArray(raw)) {
    fallbacks.push({ field: 'disabledTools', message: 'The disabled BI tools are not a list.', defaultNote: 'Ignoring them.' });
    return [];
  }
  const unknown = (raw as unknown[]).filter((tool) => !isAdapterId(tool));
  if (unknown.length > 0) {
    fallbacks.push({
      field: 'disabledTools',
      message: `Unknown BI tools in the disabled list: ${unknown.map((t) => JSON.stringify(t)).join(', ')}.`,
      defaultNote: 'Ignoring them.',
    });
  }
  return [...new Set((raw as unknown[]).filter(isAdapterId))];
}

function checkSourceKind(raw: unknown, fallbacks: Fallback[]): SourceKind {
  if (raw == null || raw === '') return DEFAULT_SETTINGS.source;
  if ((SOURCE_KINDS as readonly unknown[]).includes(raw)) return raw as SourceKind;
  fallbacks.push({ field: 'source', message: `Source must be ${SOURCE_KINDS.map((s) => JSON.stringify(s)).join(' or ')}.`, defaultNote: 'Using dbt Cloud.' });
  return DEFAULT_SETTINGS.source;
}

/** An empty Artifacts URL means the files chosen from disk (the source says so if there are none). */
function checkArtifacts(raw: Record<string, unknown>, problems: ConfigProblem[]): Pick<Settings, 'artifactsUrl' | 'artifactsHeader'> {
  const artifactsUrl = typeof raw.artifactsUrl === 'string' ? raw.artifactsUrl.trim() : '';
  const artifactsHeader = typeof raw.artifactsHeader === 'string' ? raw.artifactsHeader.trim() : '';
  if (artifactsUrl) {
    const urls = parseArtifactsUrl(artifactsUrl);
    if (!urls.ok) problems.push({ field: 'artifactsUrl', message: urls.message });
  }
  const header = parseRequestHeader(artifactsHeader);
  if (!header.ok) problems.push({ field: 'artifactsHeader', message: header.message });
  return { artifactsUrl, artifactsHeader };
}

function check(input: unknown): Checked {
  const source = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const fallbacks: Fallback[] = [];
  const sourceKind = checkSourceKind(source.source, fallbacks);
  // Only the chosen source's fields must be right; the other's are kept as typed.
  const cloudProblems: ConfigProblem[] = [];
  const cloudWarnings: ConfigProblem[] = [];
  const artifactsProblems: ConfigProblem[] = [];

  const accessUrl = text(source.accessUrl);
  const endpoint = deriveDiscoveryEndpoint(accessUrl);
  if (!endpoint.ok) cloudProblems.push(endpoint.error);

  const settings: Settings = {
    source: sourceKind,
    accessUrl,
    serviceToken: checkToken(source.serviceToken, cloudProblems, cloudWarnings),
    environmentId: checkEnvironmentId(source.environmentId, cloudProblems),
    accountId: checkAccountId(source.accountId, cloudProblems),
    ...checkArtifacts(source, artifactsProblems),
    staleAfterHours: checkStaleAfterHours(source.staleAfterHours, fallbacks),
    refreshMinutes: checkRefreshMinutes(source.refreshMinutes, fallbacks),
    biHosts: checkBiHosts(source.biHosts, fallbacks),
    disabledTools: checkDisabledTools(source.disabledTools, fallbacks),
  };
  if (sourceKind === 'artifacts') problems.push(...artifactsProblems);
  else {
    problems.push(...cloudProblems);
    warnings.push(...cloudWarnings);
  }
  return { settings, problems, warnings, fallbacks };
}

/** For reading stored or policy settings: bad tuning values fall back to defaults with a warning. */
export function validateSettings(input: unknown): Validation {
  const { settings, problems, warnings, fallbacks } = check(input);
  const fallbackWarnings = fallbacks.map(({ field, message, defaultNote }) => ({ field, message: `${message} ${defaultNote}` }));
  return { settings, problems, warnings: [...warnings, ...fallbackWarnings] };
}

/** For what a person typed: a value we would silently replace is an error they should see. */
export function validateForSave(input: unknown): Validation {
  const { settings, problems, warnings, fallbacks } = check(input);
  const typed = fallbacks.map(({ field, message }) => ({ field, message }));
  return { settings, problems: [...problems, ...typed], warnings };
}
