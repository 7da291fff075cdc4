/**
 * The badge's verdict, the same one dbt Catalog's data health signals give, with its reasons
 * (DESIGN.md "Health"). Pure: the clock and the stale-after setting are arguments.
 */
import { formatRelative, parseIsoTime } from '../format/time';
import type { Health, HealthReason, HealthVerdict, ModelSummary, SourceFreshness, TestResult } from './types';

export interface HealthOptions {
  now: Date;
  /** Docent's own rule, off when null: last successful build older than this many hours. */
  staleAfterHours: number | null;
  locale?: string;
}

const NOT_BUILT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Worst first; `unknown` sorts after caution because it only stands alone. */
const HEALTH_ORDER: Health[] = ['degraded', 'caution', 'unknown', 'healthy'];

/** Sorts worst first: the one order the badge, the doc card and the popup all use. */
export function compareHealth(a: Health, b: Health): number {
  return HEALTH_ORDER.indexOf(a) - HEALTH_ORDER.indexOf(b);
}

export function worstHealth(values: Health[]): Health {
  return HEALTH_ORDER.find((h) => values.includes(h)) ?? 'healthy';
}

export interface TestGroups {
  passed: TestResult[];
  /** Failed or errored: both make a node degraded. */
  failing: TestResult[];
  warning: TestResult[];
  /** Never run here, or skipped in the last run (e.g. because the node failed to build). */
  notRun: TestResult[];
}

export function groupTests(tests: readonly TestResult[]): TestGroups {
  const groups: TestGroups = { passed: [], failing: [], warning: [], notRun: [] };
  for (const test of tests) {
    if (test.status === 'pass') groups.passed.push(test);
    else if (test.status === 'fail' || test.status === 'error') groups.failing.push(test);
    else if (test.status === 'warn') groups.warning.push(test);
    else groups.notRun.push(test);
  }
  return groups;
}

export function computeHealth(summary: ModelSummary, options: HealthOptions): HealthVerdict {
  if (summary.resourceType === 'source') return sourceHealth(summary, options);
  if (summary.lastRunStatus === null && summary.lastRunAt === null) {
    return { health: 'unknown', reasons: [{ health: 'unknown', text: 'Never run in this environment' }] };
  }
  const reasons: HealthReason[] = [
    ...lastRunReasons(summary, options),
    ...testReasons(summary.tests),
    ...summary.upstreamSources.flatMap((s) => freshnessReasons(s, options)),
  ];
  if (!summary.hasDescription) reasons.push({ health: 'caution', text: 'No description' });
  reasons.sort((a, b) => compareHealth(a.health, b.health));
  return { health: reasons.length ? worstHealth(reasons.map((r) => r.health)) : 'healthy', reasons };
}

function lastRunReasons(summary: ModelSummary, { now, staleAfterHours, locale }: HealthOptions): HealthReason[] {
  const reasons: HealthReason[] = [];
  if (summary.lastRunStatus === 'error') {
    reasons.push({ health: 'degraded', text: 'Failed to build in its last run' });
  } else if (summary.lastRunStatus === 'skipped') {
    reasons.push({ health: 'caution', text: 'Skipped in its last run' });
  }
  const lastRun = parseIsoTime(summary.lastRunAt);
  if (lastRun && now.getTime() - lastRun.getTime() > NOT_BUILT_DAYS * DAY_MS) {
    reasons.push({
      health: 'caution',
      text: `Not built in the last ${NOT_BUILT_DAYS} days (last run ${formatRelative(summary.lastRunAt!, now, locale)})`,
    });
  }
  const lastSuccess = parseIsoTime(summary.lastSuccessAt);
  if (staleAfterHours !== null && lastSuccess && now.getTime() - lastSuccess.getTime() > staleAfterHours * 3_600_000) {
    reasons.push({
      health: 'caution',
      text: `Last successful build ${formatRelative(summary.lastSuccessAt!, now, locale)}, older than ${staleAfterHours} h`,
    });
  }
  return reasons;
}

function testReasons(tests: TestResult[]): HealthReason[] {
  if (tests.length === 0) return [{ health: 'caution', text: 'No tests configured' }];
  const { failing, warning, notRun } = groupTests(tests);
  const reasons: HealthReason[] = [];
  if (failing.length) reasons.push({ health: 'degraded', text: countedNames(failing, 'test failing', 'tests failing') });
  if (warning.length) reasons.push({ health: 'caution', text: countedNames(warning, 'test warning', 'tests warning') });
  // "Healthy" needs every test to have passed (DESIGN.md "Health"); one that did not run did not.
  if (notRun.length) reasons.push({ health: 'caution', text: countedNames(notRun, 'test not run', 'tests not run') });
  return reasons;
}

function countedNames(tests: TestResult[], one: string, many: string): string {
  const names = tests.map((t) => t.name);
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  return `${tests.length} ${tests.length === 1 ? one : many}: ${shown}`;
}

function freshnessReasons(source: SourceFreshness, { now, locale }: HealthOptions): HealthReason[] {
  if (source.status !== 'error' && source.status !== 'warn') return [];
  const loaded = source.maxLoadedAt ? `, last loaded ${formatRelative(source.maxLoadedAt, now, locale)}` : '';
  return [
    {
      health: source.status === 'error' ? 'degraded' : 'caution',
      text: `Source ${source.name}: freshness ${source.status === 'error' ? 'error' : 'warning'}${loaded}`,
    },
  ];
}

function sourceHealth(summary: ModelSummary, options: HealthOptions): HealthVerdict {
  const own = summary.upstreamSources[0];
  if (!own || own.status === null) {
    return { health: 'unknown', reasons: [{ health: 'unknown', text: 'No freshness check configured' }] };
  }
  if (own.status === 'pass') return { health: 'healthy', reasons: [] };
  const reasons = freshnessReasons(own, options);
  return { health: worstHealth(reasons.map((r) => r.health)), reasons };
}
