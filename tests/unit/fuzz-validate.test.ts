// Property tests for the options validation (lib/config/validate.ts): whatever arrives from the
// form, storage or an admin's policy JSON, validation answers, with well-formed settings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADAPTER_IDS, REFRESH_MINUTES_RANGE, SETTINGS_FIELDS, STALE_AFTER_HOURS_MAX, type Settings } from '../../lib/config/settings';
import { validateForSave, validateSettings } from '../../lib/config/validate';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, timed } from '../support/fuzz';
import { XSS_CORPUS } from '../support/xss-corpus';

const junk = fc.oneof(
  fc.anything(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\n', '0', '-1', '1e3', 'NaN', 'Infinity', '__proto__', 'constructor', ...XSS_CORPUS.slice(0, 10)),
  fc.double(),
  fc.bigInt().map(String),
);
const plausibleUrl = fc.oneof(
  fc.webUrl(),
  fc.constantFrom('https://cloud.getdbt.com', 'https://ab123.us1.dbt.com', 'https://emea.dbt.com', 'http://127.0.0.1:4000/graphql'),
  fc.tuple(fc.constantFrom('https://', 'http://', 'javascript:', 'data:', '//', ''), fc.domain(), fc.webPath()).map((p) => p.join('')),
);
const tokenish = fc.oneof(
  fc.stringMatching(/^dbt[cu]_[A-Za-z0-9]{8,40}$/),
  fc.stringMatching(/^(Bearer |Token |bearer )?dbtc_[A-Za-z0-9]{8,40}\s?$/),
);
const idish = fc.oneof(fc.stringMatching(/^\s?\d{1,20}\s?$/), fc.bigInt({ min: 0n, max: 10n ** 20n }).map((n) => `https://cloud.getdbt.com/deploy/1/projects/2/environments/${n}`), fc.integer());
const biHost = fc.record({ host: fc.oneof(fc.domain(), junk), tool: fc.oneof(fc.constantFrom(...ADAPTER_IDS), junk) }, { requiredKeys: [] });
const input = fc.oneof(
  junk,
  fc.record(
    {
      accessUrl: fc.oneof(plausibleUrl, junk),
      serviceToken: fc.oneof(tokenish, junk),
      environmentId: fc.oneof(idish, junk),
      accountId: fc.oneof(idish, junk),
      staleAfterHours: fc.oneof(fc.double(), fc.integer(), junk),
      refreshMinutes: fc.oneof(fc.integer({ min: -10, max: 2000 }), fc.double(), junk),
      biHosts: fc.oneof(fc.array(fc.oneof(biHost, junk), { maxLength: 5 }), junk),
      disabledTools: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...ADAPTER_IDS), junk), { maxLength: 5 }), junk),
    },
    { requiredKeys: [] },
  ),
);

function expectWellFormed(settings: Settings) {
  expect(Object.keys(settings).sort()).toEqual([...SETTINGS_FIELDS].sort());
  for (const field of ['accessUrl', 'serviceToken', 'environmentId', 'accountId'] as const) {
    expect(typeof settings[field]).toBe('string');
    expect(settings[field]).toBe(settings[field].trim());
  }
  expect(Number.isInteger(settings.refreshMinutes)).toBe(true);
  expect(settings.refreshMinutes).toBeGreaterThanOrEqual(REFRESH_MINUTES_RANGE.min);
  expect(settings.refreshMinutes).toBeLessThanOrEqual(REFRESH_MINUTES_RANGE.max);
  if (settings.staleAfterHours !== null) {
    expect(settings.staleAfterHours).toBeGreaterThan(0);
    expect(settings.staleAfterHours).toBeLessThanOrEqual(STALE_AFTER_HOURS_MAX);
  }
  for (const { host, tool } of settings.biHosts) {
    expect(host).toMatch(/^[a-z0-9.-]+$/);
    expect(ADAPTER_IDS).toContain(tool);
  }
  expect(new Set(settings.biHosts.map((h) => h.host)).size).toBe(settings.biHosts.length);
  expect(new Set(settings.disabledTools).size).toBe(settings.disabledTools.length);
  for (const tool of settings.disabledTools) expect(ADAPTER_IDS).toContain(tool);
}

describe('validateSettings and validateForSave (fuzzed)', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('answer any input with well-formed settings and problems a person can read', () => {
    fc.assert(
      fc.property(input, (raw) => {
        for (const validate of [validateSettings, validateForSave]) {
          const { settings, problems, warnings } = timed(validate.name, () => validate(raw));
          expectWellFormed(settings);
          for (const problem of [...problems, ...warnings]) {
            expect(SETTINGS_FIELDS).toContain(problem.field);
            expect(problem.message.trim().length).toBeGreaterThan(10);
          }
        }
      }),
      fuzzParams(),
    );
  });

  it('reach a fixed point: validated settings validate to themselves, with no new problem', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const once = validateSettings(raw);
        const twice = validateSettings(once.settings);
        expect(twice.settings).toEqual(once.settings);
        const fields = (v: typeof once) => new Set(v.problems.map((p) => p.field));
        // Never a new problem; one can go away (a number that lost digits is dropped, and an empty
        // optional field is fine).
        for (const field of fields(twice)) expect(fields(once)).toContain(field);
      }),
      fuzzParams(),
    );
  });

  it('refuse for saving everything they would silently replace when reading', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const read = validateSettings(raw);
        const save = validateForSave(raw);
        expect(save.settings).toEqual(read.settings);
        for (const problem of read.problems) expect(save.problems).toContainEqual(problem);
        expect(save.problems.length + save.warnings.length).toBe(read.problems.length + read.warnings.length);
      }),
      fuzzParams(),
    );
  });

  it('never repeat the service token in a message', () => {
    fc.assert(
      fc.property(input, fc.stringMatching(/^[A-Za-z0-9_ ]{12,40}$/), (raw, token) => {
        const withToken = { ...(raw && typeof raw === 'object' ? raw : {}), serviceToken: token };
        for (const { message } of [...validateForSave(withToken).problems, ...validateForSave(withToken).warnings]) {
          expect(message).not.toContain(token.trim());
        }
      }),
      fuzzParams(),
    );
  });
});
