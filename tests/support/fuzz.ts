/**
 * Shared settings for the property tests (fast-check). `npm test` runs a few thousand inputs per
 * property, which keeps each file to a few seconds; DOCENT_FUZZ_RUNS raises it for a long soak
 * (`DOCENT_FUZZ_RUNS=100000 npx vitest run --config tests/vitest.config.ts tests/unit/fuzz-`).
 * A failure prints fast-check's seed and path: pass them back through `fc.assert(…, { seed, path })`
 * to replay the exact input.
 */
import fc from 'fast-check';

export const FUZZ_RUNS = Number(process.env.DOCENT_FUZZ_RUNS) || 2000;

/** fast-check parameters for one property: `runs` scales with DOCENT_FUZZ_RUNS. */
export function fuzzParams(share = 1): fc.Parameters<unknown> {
  return { numRuns: Math.max(20, Math.round(FUZZ_RUNS * share)) };
}

/**
 * Per-input time limit. The code under test is synchronous, so it cannot be interrupted; what a
 * limit can catch is super-linear work (a regular expression that backtracks, a loop that grows
 * with the input), which shows up as one input taking far longer than the rest. The limit is
 * generous because the machine running the tests is shared.
 */
export const PER_INPUT_MS = Number(process.env.DOCENT_FUZZ_INPUT_MS) || 1_000;

export function timed<T>(label: string, run: () => T, limitMs = PER_INPUT_MS): T {
  const started = performance.now();
  const result = run();
  const took = performance.now() - started;
  if (took > limitMs) throw new Error(`${label} took ${took.toFixed(0)} ms on one input (limit ${limitMs} ms)`);
  return result;
}

/** Strings biased towards what matters to a parser: quotes, brackets, dots, separators, Unicode. */
export function sqlishString(maxLength = 200): fc.Arbitrary<string> {
  const pieces = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('.', '"', '`', '[', ']', ' ', '\n', '\t', '-', '@', '/', '\\', '$', '_', '(', ')', ',', ';', "'", '*', '0', '9') },
    { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$]{0,12}$/) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom('select', 'from', 'join', 'with', 'as', 'where', 'SELECT', 'FROM', 'JOIN', '--', '/*', '*/') },
  );
  return fc.array(pieces, { maxLength }).map((parts) => parts.join(''));
}

/** Property tests run thousands of inputs: a test's own time limit, roomy on a loaded machine. */
export const FUZZ_TEST_TIMEOUT_MS = 120_000;
