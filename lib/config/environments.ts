/**
 * Several dbt projects (issue #10): each entry names one production environment; the connection
 * fields it leaves out come from the top-level settings. Entries are checked one by one, so one
 * bad entry costs only itself.
 */
import { deriveDiscoveryEndpoint } from './endpoint';
import type { ConfigProblem, EnvironmentEntry, Settings } from './settings';

export interface EnvironmentsCheck {
  kept: EnvironmentEntry[];
  /** One per entry that was skipped, saying why (never repeating a token). */
  skipped: ConfigProblem[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function idText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return '';
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** People paste the whole header value; the scheme is Docent's business. */
const bareToken = (text: string): string => text.trim().replace(/^(bearer|token)\s+/i, '');

/** What is wrong with one entry, field by field (policy warnings and the options page both say it). */
export function entryFieldProblems(entry: Record<string, unknown>): Array<{ field: keyof EnvironmentEntry; message: string }> {
  const problems: Array<{ field: keyof EnvironmentEntry; message: string }> = [];
  const id = idText(entry.environmentId);
  if (!/^\d+$/.test(id)) problems.push({ field: 'environmentId', message: `needs "environmentId" as a string of digits (such as "70403103985022")` });
  if (typeof entry.name !== 'string' || entry.name.trim() === '') problems.push({ field: 'name', message: 'needs a "name" (the project as people know it)' });
  if (entry.accessUrl !== undefined) {
    const derived = typeof entry.accessUrl === 'string' ? deriveDiscoveryEndpoint(entry.accessUrl) : null;
    if (!derived?.ok) problems.push({ field: 'accessUrl', message: `has an "accessUrl" Docent cannot use${derived && !derived.ok ? `: ${derived.error.message}` : ''}` });
  }
  if (entry.serviceToken !== undefined && (typeof entry.serviceToken !== 'string' || /\s/.test(bareToken(entry.serviceToken)))) {
    problems.push({ field: 'serviceToken', message: 'has a "serviceToken" that is not a single token' });
  }
  if (entry.accountId !== undefined && !/^\d*$/.test(idText(entry.accountId))) problems.push({ field: 'accountId', message: 'needs "accountId" as digits' });
  return problems;
}

function entryProblem(entry: Record<string, unknown>): string | null {
  return entryFieldProblems(entry)[0]?.message ?? null;
}

export function checkEnvironments(raw: unknown): EnvironmentsCheck {
  const kept: EnvironmentEntry[] = [];
  const skipped: ConfigProblem[] = [];
  if (raw == null) return { kept, skipped };
  if (!Array.isArray(raw)) {
    skipped.push({ field: 'environments', message: 'The environments are not a list; ignoring them.' });
    return { kept, skipped };
  }
  raw.forEach((entry: unknown, index) => {
    const label = `Environment ${index + 1}`;
    if (!isRecord(entry)) {
      skipped.push({ field: 'environments', message: `${label} is not an object with environmentId and name; skipping it.` });
      return;
    }
    const problem = entryProblem(entry);
    if (problem) {
      skipped.push({ field: 'environments', message: `${label} ${problem}; skipping it.` });
      return;
    }
    const environmentId = idText(entry.environmentId);
    if (kept.some((e) => e.environmentId === environmentId)) {
      skipped.push({ field: 'environments', message: `${label} repeats environment ${environmentId}; skipping it.` });
      return;
    }
    const checked: EnvironmentEntry = { environmentId, name: String(entry.name).trim() };
    const accessUrl = optionalText(entry.accessUrl);
    const serviceToken = optionalText(entry.serviceToken) && bareToken(String(entry.serviceToken));
    const accountId = optionalText(idText(entry.accountId));
    if (accessUrl) checked.accessUrl = accessUrl;
    if (serviceToken) checked.serviceToken = serviceToken;
    if (accountId) checked.accountId = accountId;
    kept.push(checked);
  });
  return { kept, skipped };
}

/** A connection Docent can sync: one environment with everything it needs filled in. */
export interface ResolvedEnvironment {
  environmentId: string;
  name: string;
  accessUrl: string;
  serviceToken: string;
  accountId: string;
}

/**
 * Every environment Docent reads: the top-level one (when set) first, then the list, each with the
 * top-level connection fields filled in where it left them out. Same id twice = once.
 */
export function resolveEnvironments(settings: Settings): ResolvedEnvironment[] {
  const all: ResolvedEnvironment[] = [];
  if (settings.environmentId) {
    all.push({
      environmentId: settings.environmentId,
      name: '',
      accessUrl: settings.accessUrl,
      serviceToken: settings.serviceToken,
      accountId: settings.accountId,
    });
  }
  for (const entry of settings.environments) {
    if (all.some((e) => e.environmentId === entry.environmentId)) continue;
    all.push({
      environmentId: entry.environmentId,
      name: entry.name,
      accessUrl: entry.accessUrl ?? settings.accessUrl,
      serviceToken: entry.serviceToken ?? settings.serviceToken,
      accountId: entry.accountId ?? settings.accountId,
    });
  }
  return all;
}
