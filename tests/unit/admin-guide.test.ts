/**
 * docs/admin.md cannot drift from the policy schema: every JSON example in it (and the registry
 * example's values) is read the way the browser reads it and validated against
 * public/managed_schema.json, then through Docent's own policy reader, which must accept it whole.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPolicy } from '../../lib/config/policy';

const root = process.cwd();
const guide = readFileSync(join(root, 'docs/admin.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(root, 'public/managed_schema.json'), 'utf8'));
const CHROME_ID = 'godpidnacghnldbkgeajmnlhhlepojga';
const FIREFOX_ID = 'docent@dbt-docent';

// `sensitiveValue` is Chrome's own keyword (it masks the value in chrome://policy).
const ajv = new Ajv({ allErrors: true, strict: true, keywords: ['sensitiveValue'] });
const validate = ajv.compile(schema);

function blocks(language: string): string[] {
  return [...guide.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

/** The Docent policy inside each kind of example: Chrome/Edge JSON, Firefox, Google Admin console. */
function docentPolicy(example: Record<string, any>): Record<string, unknown> {
  if (example.policies) return example.policies['3rdparty'].Extensions[FIREFOX_ID];
  if (example['3rdparty']) return example['3rdparty'].extensions[CHROME_ID];
  const values = Object.values(example);
  if (values.every((v) => v && typeof v === 'object' && 'Value' in v)) {
    return Object.fromEntries(Object.entries(example).map(([key, v]) => [key, (v as { Value: unknown }).Value]));
  }
  throw new Error(`an example of no known shape: ${JSON.stringify(example).slice(0, 80)}`);
}

/** Registry values as Chrome reads them: strings, dwords, and JSON text for lists. */
function registryPolicy(reg: string): Record<string, unknown> {
  const section = reg.split(/\n(?=\[)/).find((s) => s.includes(`\\3rdparty\\extensions\\${CHROME_ID}\\policy]`));
  if (!section) throw new Error('no 3rdparty section in the registry example');
  const policy: Record<string, unknown> = {};
  for (const [, name, value] of section.matchAll(/^"([^"]+)"=(.+)$/gm)) {
    if (value!.startsWith('dword:')) policy[name!] = parseInt(value!.slice(6), 16);
    else {
      const text = JSON.parse(value!) as string;
      policy[name!] = text.startsWith('[') || text.startsWith('{') ? JSON.parse(text) : text;
    }
  }
  return policy;
}

describe('docs/admin.md', () => {
  const examples = blocks('json').map((text) => JSON.parse(text) as Record<string, unknown>);

  it('has a JSON example for Linux Chrome, the Google Admin console, Edge and Firefox', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    expect(examples.some((e) => 'policies' in e)).toBe(true);
    expect(examples.some((e) => Object.values(e).every((v) => typeof v === 'object' && v !== null && 'Value' in v))).toBe(true);
  });

  it.each(blocks('json').map((text, i) => [i + 1, text]))('JSON example %i fits the schema and Docent takes all of it', (_, text) => {
    const policy = docentPolicy(JSON.parse(text));
    expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
    const { values, warnings } = readPolicy(policy);
    expect(warnings).toEqual([]);
    expect(Object.keys(values).sort()).toEqual(Object.keys(policy).sort());
  });

  it('the registry example fits the schema too', () => {
    const [reg] = blocks('reg');
    const policy = registryPolicy(reg!);
    expect(Object.keys(policy).length).toBeGreaterThanOrEqual(4);
    expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
    expect(readPolicy(policy).warnings).toEqual([]);
  });

  it('would catch a drifted example: a wrong type and an unknown tool fail the schema', () => {
    expect(validate({ refreshMinutes: '60' })).toBe(false);
    expect(validate({ biHosts: [{ host: 'bi.acme.com', tool: 'qlik' }] })).toBe(false);
    expect(validate({ environmentId: 70403103985022 })).toBe(false);
  });
});
