/**
 * Managed policy (Chrome/Edge `3rdparty` policy, Firefox `policies.json`) over the user's own
 * settings, done the uBlock Origin way: every key is type-checked, a value of the wrong type is
 * ignored with a warning rather than trusted, and whatever the admin set is locked for the user.
 * The schema admins write against is `public/managed_schema.json`.
 */
import { DEFAULT_SETTINGS, SETTINGS_FIELDS, type ConfigProblem, type Settings } from './settings';

export const POLICY_KEYS = [
  'accessUrl',
  'serviceToken',
  'environmentId',
  'accountId',
  'environments',
  'biHosts',
  'staleAfterHours',
  'refreshMinutes',
  'disabledTools',
  'source',
  'artifactsUrl',
  'artifactsHeader',
] as const;

export type PolicyKey = (typeof POLICY_KEYS)[number];

export interface PolicyMerge {
  settings: Settings;
  locked: (keyof Settings)[];
  warnings: ConfigProblem[];
}

type Accepted = { ok: true; value: unknown } | { ok: false; expected: string };

const accept = (value: unknown): Accepted => ({ ok: true, value });
const reject = (expected: string): Accepted => ({ ok: false, expected });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function asString(value: unknown): Accepted {
  return typeof value === 'string' ? accept(value) : reject('a string');
}

/** Ids are BigInt in dbt; a JSON number is fine only while it is an exact integer. */
function asId(value: unknown): Accepted {
  if (typeof value === 'string') return accept(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return accept(String(value));
  if (typeof value === 'number') return reject('a string (the number is too long to be exact; quote it)');
  return reject('a string of digits');
}

function asNumber(value: unknown): Accepted {
  return typeof value === 'number' && Number.isFinite(value) ? accept(value) : reject('a number');
}

/** Policy formats cannot say "null" reliably, so 0 (or null) turns the stale rule off. */
function asStaleAfterHours(value: unknown): Accepted {
  if (value === null || value === 0) return accept(null);
  return asNumber(value);
}

function asBiHosts(value: unknown): Accepted {
  const valid =
    Array.isArray(value) &&
    value.every((entry) => isRecord(entry) && typeof entry.host === 'string' && typeof entry.tool === 'string');
  return valid ? accept(value) : reject('a list of { "host": string, "tool": string }');
}

function asStringList(value: unknown): Accepted {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? accept(value) : reject('a list of strings');
}

const CHECKS: Record<Exclude<PolicyKey, 'environments'>, (value: unknown) => Accepted> = {
  accessUrl: asString,
  serviceToken: asString,
  environmentId: asId,
  accountId: asId,
  biHosts: asBiHosts,
  staleAfterHours: asStaleAfterHours,
  refreshMinutes: asNumber,
  disabledTools: asStringList,
  source: (value) => (value === 'cloud' || value === 'artifacts' ? accept(value) : reject('"cloud" or "artifacts"')),
  artifactsUrl: asString,
  artifactsHeader: asString,
};

/** The policy values Docent will use, and a warning for each one it will not. */
export function readPolicy(managed: unknown): { values: Partial<Settings>; warnings: ConfigProblem[] } {
  const values: Record<string, unknown> = {};
  const warnings: ConfigProblem[] = [];
  if (!isRecord(managed)) return { values, warnings };

  for (const [key, value] of Object.entries(managed)) {
    if (key === 'environments') {
      // Several projects are a later feature; the key is accepted now so policies can carry it.
      if (!Array.isArray(value)) {
        warnings.push({ field: 'environmentId', message: 'Policy "environments" must be a list; it was ignored.' });
      }
      continue;
    }
    const checkKey = CHECKS[key as keyof typeof CHECKS];
    if (!checkKey) {
      warnings.push({
        field: 'accessUrl',
        message: `Policy key "${key}" is not one Docent knows (${POLICY_KEYS.join(', ')}); it was ignored.`,
      });
      continue;
    }
    const checked = checkKey(value);
    if (checked.ok) values[key] = checked.value;
    else {
      warnings.push({
        field: key as keyof Settings,
        // Never repeat a token, even a malformed one, on a page.
        message: `Policy "${key}" must be ${checked.expected}, not ${key === 'serviceToken' || key === 'artifactsHeader' ? `a ${Array.isArray(value) ? 'list' : typeof value}` : JSON.stringify(value)}; your own setting is used instead.`,
      });
    }
  }
  return { values: values as Partial<Settings>, warnings };
}

function knownUserValues(user: Partial<Settings>): Partial<Settings> {
  const picked: Record<string, unknown> = {};
  for (const field of SETTINGS_FIELDS) {
    if (user[field] !== undefined) picked[field] = user[field];
  }
  return picked as Partial<Settings>;
}

/**
 * Policy over user over defaults. The result is not yet validated: `validateSettings` checks it
 * the same way whether a value came from the admin or the user.
 */
export function mergePolicy(user: Partial<Settings>, managed: unknown): PolicyMerge {
  const { values, warnings } = readPolicy(managed);
  const settings: Settings = { ...DEFAULT_SETTINGS, ...knownUserValues(user ?? {}), ...values };
  const locked = SETTINGS_FIELDS.filter((field) => field in values);
  return { settings, locked, warnings };
}
