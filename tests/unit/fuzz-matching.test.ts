// Property tests for the relation-name parser and the text scanner (lib/matching): thousands of
// random and adversarial inputs each (tests/support/fuzz.ts says how many and how to replay one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeIdentifier, parseRelationName, splitParts } from '../../lib/matching/identifier';
import { joinKey } from '../../lib/matching/keys';
import { scanText } from '../../lib/matching/scan';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParams, sqlishString, timed } from '../support/fuzz';

const bareIdentifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,30}$/);
// What a warehouse lets a quoted name hold (no newline, no closing quote of its own kind).
const quotedBody = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => !/["\n`.\]]/.test(s) && s.trim() === s && s.length > 0);
const part = fc.oneof(
  bareIdentifier.map((name) => ({ written: name, normalised: name.toLowerCase() })),
  quotedBody.map((body) => ({ written: `"${body}"`, normalised: body.toLowerCase() })),
  quotedBody.map((body) => ({ written: `\`${body}\``, normalised: body.toLowerCase() })),
  quotedBody.map((body) => ({ written: `[${body}]`, normalised: body.toLowerCase() })),
);
const qualifiedName = fc.array(part, { minLength: 2, maxLength: 3 });

// Shapes known to make regular expressions backtrack, or loops go quadratic, at sizes a page holds.
const adversarial = fc.oneof(
  fc.constantFrom('"', '`', '[', 'a.', '.a', 'a"', '"a', '[a', '`a.', 'a.b-', 'a.b@', '..', '$', '_.').chain((unit) =>
    fc.integer({ min: 1_000, max: 20_000 }).map((times) => unit.repeat(times)),
  ),
  fc.integer({ min: 100, max: 5_000 }).map((n) => `${'a.'.repeat(n)}b`),
  fc.integer({ min: 100, max: 5_000 }).map((n) => `"${'x'.repeat(254)}`.repeat(n / 100)),
  fc.integer({ min: 100, max: 5_000 }).map((n) => `select * from ${'db.schema.table, '.repeat(n)}`),
);

describe('parseRelationName (fuzzed)', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('never throws on any string, and answers null or one to three lower-case parts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), sqlishString()), (text) => {
        const parts = timed('parseRelationName', () => parseRelationName(text));
        if (parts === null) return;
        expect(parts.length).toBeGreaterThanOrEqual(1);
        expect(parts.length).toBeLessThanOrEqual(3);
        for (const p of parts) expect(p).toBe(p.toLowerCase());
      }),
      fuzzParams(),
    );
  });

  it('reads back every qualified name written in any quoting style, whatever the case', () => {
    fc.assert(
      fc.property(qualifiedName, fc.constantFrom('', ' ', '\t', '\n  '), (parts, pad) => {
        const written = parts.map((p) => p.written).join('.');
        expect(parseRelationName(`${pad}${written}${pad}`)).toEqual(parts.map((p) => p.normalised));
      }),
      fuzzParams(),
    );
  });

  it('normalises to a fixed point: a parsed key, parsed again, is the same key', () => {
    fc.assert(
      fc.property(fc.array(bareIdentifier, { minLength: 1, maxLength: 3 }), (parts) => {
        const key = joinKey(parseRelationName(parts.join('.'))!);
        expect(joinKey(parseRelationName(key)!)).toBe(key);
        for (const p of parts) expect(normalizeIdentifier(normalizeIdentifier(p))).toBe(normalizeIdentifier(p));
      }),
      fuzzParams(),
    );
  });

  it('stays within its time limit on adversarial inputs', () => {
    fc.assert(
      fc.property(adversarial, (text) => {
        timed('parseRelationName', () => parseRelationName(text));
      }),
      fuzzParams(0.02),
    );
  });
});

const unquoted = sqlishString(20).map((text) => text.replace(/["`[\]]/g, ' '));

describe('scanText (fuzzed)', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  function checkHits(text: string) {
    const hits = timed('scanText', () => scanText(text));
    let previousEnd = 0;
    for (const hit of hits) {
      // Every match is a piece of the input, in order and without overlap.
      expect(text.slice(hit.start, hit.end)).toBe(hit.raw);
      expect(hit.start).toBeGreaterThanOrEqual(previousEnd);
      previousEnd = hit.end;
      // Its key is what the parser makes of the same text: page and index meet on one string.
      const parts = splitParts(hit.raw);
      expect(parts.length === 2 || parts.length === 3).toBe(true);
      expect(hit.key).toBe(joinKey(parts));
      expect(joinKey(parseRelationName(hit.raw) ?? [])).toBe(hit.key);
    }
    return hits;
  }

  it('never throws, and every hit is a slice of the input whose key the parser agrees with', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), sqlishString(300)), (text) => void checkHits(text)), fuzzParams());
  });

  it('finds a qualified name wherever it stands between spaces, commas or parentheses', () => {
    fc.assert(
      fc.property(
        qualifiedName,
        fc.constantFrom(' ', '\n', '(', ', ', 'from '),
        fc.constantFrom(' ', '\n', ')', ',', ';'),
        // Text around the name, without quote characters: an unclosed `[` or `"` before a name
        // legitimately makes it part of a longer quoted identifier.
        unquoted,
        unquoted,
        (parts, before, after, head, tail) => {
          const written = parts.map((p) => p.written).join('.');
          const text = `${head} ${before}${written}${after} ${tail}`;
          const at = head.length + 1 + before.length;
          const lastPart = parts[parts.length - 1]!;
          // A bare file extension or top-level domain as the last part is refused on purpose.
          fc.pre(!/^(com|org|net|io|dev|app|cloud|html?|php|aspx|csv|tsv|json|xlsx?|pdf|png|jpe?g|gif|svg|txt|md|sql|py|js|ts|ya?ml|zip|parquet)$/i.test(lastPart.written));
          const hit = checkHits(text).find((h) => h.start === at);
          expect(hit?.key).toBe(parts.map((p) => p.normalised).join('.'));
        },
      ),
      fuzzParams(),
    );
  });

  it('stays within its time limit on adversarial inputs', () => {
    fc.assert(fc.property(adversarial, (text) => void checkHits(text)), fuzzParams(0.02));
  });
});
