/**
 * The words of a verdict's reasons (the doc card lists every one): which tests, on which column,
 * with how many failing rows; which source, with its status, last load and last check. Kept apart
 * from the rules in ./health.ts so the rules read as dbt documents them.
 */
import { formatRelative } from '../format/time';
import type { HealthReason, SourceFreshness, TestResult } from './types';

/** Names shown in one reason before "and N more": the card's top must stay short. */
const NAMES_SHOWN = 3;
/** Lines of a dbt error shown under a reason: the first name the problem, the rest is compiled SQL. */
const ERROR_LINES = 3;

/** `not_null_orders_order_id (order_id, 3 rows)`: the test, its column, its failing rows. */
export function describeTest(test: TestResult): string {
  const facts: string[] = [];
  if (test.columnName) facts.push(`column ${test.columnName}`);
  if (test.failures !== null && test.failures > 0) facts.push(`${test.failures} ${test.failures === 1 ? 'row' : 'rows'}`);
  if (test.status === 'error') facts.push('errored');
  return facts.length ? `${test.name} (${facts.join(', ')})` : test.name;
}

export function listTests(tests: readonly TestResult[], one: string, many: string): string {
  const shown = tests.slice(0, NAMES_SHOWN).map(describeTest);
  const more = tests.length > NAMES_SHOWN ? `, and ${tests.length - NAMES_SHOWN} more` : '';
  return `${tests.length} ${tests.length === 1 ? one : many}: ${shown.join(', ')}${more}`;
}

/** The first few non-blank lines of an error, trimmed. */
export function firstLines(text: string | null | undefined, lines = ERROR_LINES): string | null {
  const kept = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, lines);
  return kept.length ? kept.join('\n') : null;
}

/** The tests' error lines, each under its test's name, when the doc card's details brought them. */
export function testDetail(tests: readonly TestResult[], errors: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!errors) return undefined;
  const parts = tests.flatMap((t) => {
    const lines = firstLines(errors[t.uniqueId]);
    return lines ? [`${t.name}: ${lines}`] : [];
  });
  return parts.length ? parts.join('\n') : undefined;
}

const FRESHNESS_WORDS = { pass: 'fresh', warn: 'freshness warning', error: 'freshness error' } as const;

/**
 * `Source ecom.raw_orders: freshness error, last loaded 3 days ago, checked 2 hours ago`.
 * `stale` says the check itself is too old (or never ran), which is a reason of its own.
 */
export function describeSource(
  source: SourceFreshness,
  now: Date,
  locale: string | undefined,
  health: HealthReason['health'],
  stale: boolean,
): HealthReason {
  const status = source.status ? FRESHNESS_WORDS[source.status] : 'no freshness result';
  const loaded = source.maxLoadedAt ? `, last loaded ${formatRelative(source.maxLoadedAt, now, locale)}` : '';
  const checked = source.checkedAt
    ? `, last checked ${formatRelative(source.checkedAt, now, locale)}`
    : ', never checked';
  const lead = stale ? 'freshness not checked in the last 30 days' : status;
  const tail = stale && source.status ? ` (last result: ${status})` : '';
  return { health, text: `Source ${source.name}: ${lead}${tail}${loaded}${checked}` };
}
