/**
 * The badge's verdict, the same one dbt Catalog's data health signals give, with every reason
 * (docs/health.md has the criteria as dbt documents them). Pure: the clock, the stale-after setting
 * and the rest of the index are arguments.
 */
import { formatRelative, parseIsoTime } from '../format/time';
import { describeSource, firstLines, listTests, testDetail } from './health-reasons';
import type {
  Exposure, Health, HealthReason, HealthVerdict, ModelSummary, SourceFreshness, TestResult,
} from './types';

export interface HealthOptions {
  now: Date;
  /** Docent's own rule, off when null: last successful build older than this many hours. */
  staleAfterHours: number | null;
  locale?: string;
  /**
   * The rest of the index by unique id. With it, degraded upstream models are listed as
   * information (`HealthVerdict.upstream`); without it they are not looked for.
   */
  lookup?: (uniqueId: string) => ModelSummary | undefined;
}

/** The doc card's particulars, when it has them: they add error lines to the reasons. */
export interface HealthParticulars {
  lastRunError?: string | null;
  testErrors?: Readonly<Record<string, string>>;
}

/** dbt's window: older than this, a build or a freshness check no longer counts as recent. */
export const RECENT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How far up the DAG to look for degraded models: enough for real projects, bounded for cycles. */
const MAX_UPSTREAM_NODES = 500;
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
  /** Skipped in the last run (e.g. because the node failed to build). */
  skipped: TestResult[];
  /** Never run in this environment. */
  notRun: TestResult[];
}

export function groupTests(tests: readonly TestResult[]): TestGroups {
  const groups: TestGroups = { passed: [], failing: [], warning: [], skipped: [], notRun: [] };
  for (const test of tests) {
    if (test.status === 'pass') groups.passed.push(test);
    else if (test.status === 'fail' || test.status === 'error') groups.failing.push(test);
    else if (test.status === 'warn') groups.warning.push(test);
    else if (test.status === 'skipped') groups.skipped.push(test);
    else groups.notRun.push(test);
  }
  return groups;
}

const verdictOf = (reasons: HealthReason[], extra: Partial<HealthVerdict> = {}): HealthVerdict => {
  const sorted = [...reasons].sort((a, b) => compareHealth(a.health, b.health));
  return { health: sorted.length ? worstHealth(sorted.map((r) => r.health)) : 'healthy', reasons: sorted, ...extra };
};

const olderThan = (iso: string | null, ms: number, now: Date) => {
  const time = parseIsoTime(iso);
  return time !== null && now.getTime() - time.getTime() > ms;
};

/**
 * A model's verdict (seeds and snapshots get the same rules: dbt gives them no signal of their
 * own); a source's is its freshness and description.
 */
export function computeHealth(summary: ModelSummary, options: HealthOptions, particulars: HealthParticulars = {}): HealthVerdict {
  if (summary.resourceType === 'source') return sourceHealth(summary, options);
  if (summary.lastRunStatus === null && summary.lastRunAt === null && summary.lastSuccessAt === null) {
    return { health: 'unknown', reasons: [{ health: 'unknown', text: 'No job run has built it in this environment' }] };
  }
  const reasons: HealthReason[] = [
    ...buildReasons(summary, options, particulars),
    ...testReasons(summary.tests, particulars),
    ...summary.upstreamSources.flatMap((s) => upstreamSourceReasons(s, options)),
  ];
  if (!summary.hasDescription) reasons.push({ health: 'caution', text: 'No description' });
  const upstream = options.lookup ? degradedUpstream(summary, options) : [];
  return verdictOf(reasons, upstream.length ? { upstream } : {});
}

function buildReasons(summary: ModelSummary, options: HealthOptions, particulars: HealthParticulars): HealthReason[] {
  const { now, staleAfterHours, locale } = options;
  const reasons: HealthReason[] = [];
  if (summary.lastRunStatus === 'error') {
    const when = summary.lastRunAt ? ` (${formatRelative(summary.lastRunAt, now, locale)})` : '';
    const detail = firstLines(particulars.lastRunError);
    reasons.push({ health: 'degraded', text: `Failed to build in its last run${when}`, ...(detail ? { detail } : {}) });
  } else if (summary.lastRunStatus === 'skipped') {
    reasons.push({ health: 'caution', text: 'Skipped in its last run (an upstream node failed or was skipped)' });
  }
  // "Built in the last 30 days" is about a successful build: a failing daily job does not count.
  if (!summary.lastSuccessAt) {
    // A success without a time (a source that does not report it) is trusted; no success at all is not.
    const built = summary.lastRunStatus === 'success' || summary.lastRunStatus === 'reused' || summary.lastRunStatus === 'warn';
    if (!built && summary.lastRunStatus !== 'error') reasons.push({ health: 'caution', text: 'Never built successfully in this environment' });
  } else if (olderThan(summary.lastSuccessAt, RECENT_DAYS * DAY_MS, now)) {
    reasons.push({
      health: 'caution',
      text: `Not built in the last ${RECENT_DAYS} days (last successful build ${formatRelative(summary.lastSuccessAt, now, locale)})`,
    });
  } else if (staleAfterHours !== null && olderThan(summary.lastSuccessAt, staleAfterHours * 3_600_000, now)) {
    reasons.push({
      health: 'caution',
      text: `Last successful build ${formatRelative(summary.lastSuccessAt, now, locale)}, older than ${staleAfterHours} h`,
    });
  }
  return reasons;
}

function testReasons(tests: TestResult[], particulars: HealthParticulars): HealthReason[] {
  if (tests.length === 0) return [{ health: 'caution', text: 'No tests configured' }];
  const { failing, warning, skipped, notRun } = groupTests(tests);
  const reasons: HealthReason[] = [];
  const withDetail = (health: HealthReason['health'], group: TestResult[], text: string): HealthReason => {
    const detail = testDetail(group, particulars.testErrors);
    return { health, text, ...(detail ? { detail } : {}) };
  };
  if (failing.length) reasons.push(withDetail('degraded', failing, listTests(failing, 'test failing', 'tests failing')));
  if (warning.length) reasons.push(withDetail('caution', warning, listTests(warning, 'test warning', 'tests warning')));
  if (skipped.length) reasons.push({ health: 'caution', text: listTests(skipped, 'test skipped', 'tests skipped') });
  // "Healthy" needs every test to have passed; one that never ran did not.
  if (notRun.length) reasons.push({ health: 'caution', text: listTests(notRun, 'test not run', 'tests not run') });
  return reasons;
}

/** A check older than 30 days, or one configured that never ran, no longer vouches for the data. */
const checkIsStale = (source: SourceFreshness, now: Date) =>
  source.configured && (source.checkedAt === null ? source.status === null : olderThan(source.checkedAt, RECENT_DAYS * DAY_MS, now));

/** dbt's model rule for an upstream source: error or a stale check degrade; a recent warning cautions. */
function upstreamSourceReasons(source: SourceFreshness, { now, locale }: HealthOptions): HealthReason[] {
  if (!source.configured) return [];
  if (source.status === 'error') return [describeSource(source, now, locale, 'degraded', false)];
  if (checkIsStale(source, now)) return [describeSource(source, now, locale, 'degraded', true)];
  if (source.status === 'warn') return [describeSource(source, now, locale, 'caution', false)];
  return [];
}

/** dbt's source rule: an error degrades; a warning, no check, a stale check or no description caution. */
function sourceHealth(summary: ModelSummary, { now, locale }: HealthOptions): HealthVerdict {
  const own = summary.upstreamSources[0];
  const reasons: HealthReason[] = [];
  if (!own || !own.configured) {
    reasons.push({ health: 'caution', text: 'No freshness check configured' });
  } else if (own.status === 'error') {
    reasons.push(describeSource(own, now, locale, 'degraded', false));
  } else if (checkIsStale(own, now)) {
    reasons.push(describeSource(own, now, locale, 'caution', true));
  } else if (own.status === 'warn') {
    reasons.push(describeSource(own, now, locale, 'caution', false));
  }
  if (!summary.hasDescription) reasons.push({ health: 'caution', text: 'No description' });
  return verdictOf(reasons);
}

/** Models above this one (through models, seeds and snapshots) whose own verdict is degraded. */
function degradedUpstream(summary: ModelSummary, options: HealthOptions): string[] {
  const seen = new Set<string>([summary.uniqueId]);
  const queue = [...summary.parentIds];
  const found: string[] = [];
  const own = { ...options, lookup: undefined };
  while (queue.length && seen.size < MAX_UPSTREAM_NODES) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = options.lookup!(id);
    if (!node || node.resourceType === 'source') continue;
    const verdict = computeHealth(node, own);
    if (verdict.health === 'degraded') {
      found.push(`Upstream ${node.resourceType} ${node.name} is degraded: ${verdict.reasons[0]?.text ?? ''}`);
    }
    queue.push(...node.parentIds);
  }
  return found;
}

/**
 * An exposure's verdict, from the models, seeds, snapshots and sources it reads, and the sources
 * upstream of those (dbt's exposure health tile). `lookup` resolves its parents in the index.
 */
export function computeExposureHealth(
  exposure: Pick<Exposure, 'parentIds'>,
  lookup: (uniqueId: string) => ModelSummary | undefined,
  { now, locale }: Pick<HealthOptions, 'now' | 'locale'>,
): HealthVerdict {
  const parents = exposure.parentIds.map(lookup).filter((n): n is ModelSummary => n !== undefined);
  if (parents.length === 0) {
    return { health: 'unknown', reasons: [{ health: 'unknown', text: 'None of the models it reads is known' }] };
  }
  const reasons: HealthReason[] = [];
  const sources = new Map<string, SourceFreshness>();
  for (const node of parents) {
    for (const source of node.upstreamSources) sources.set(source.uniqueId, source);
    if (node.resourceType === 'source') continue;
    const label = `${node.resourceType === 'model' ? 'Model' : node.resourceType === 'seed' ? 'Seed' : 'Snapshot'} ${node.name}`;
    if (node.lastRunStatus === 'error') reasons.push({ health: 'degraded', text: `${label}: failed to build` });
    if (node.lastRunStatus === 'skipped') reasons.push({ health: 'caution', text: `${label}: skipped in its last run` });
    if (node.lastRunStatus === null && !node.lastSuccessAt) reasons.push({ health: 'unknown', text: `${label}: never built` });
    const { failing, warning } = groupTests(node.tests);
    if (failing.length) reasons.push({ health: 'degraded', text: `${label}: ${listTests(failing, 'test failing', 'tests failing')}` });
    if (warning.length) reasons.push({ health: 'caution', text: `${label}: ${listTests(warning, 'test warning', 'tests warning')}` });
  }
  for (const source of sources.values()) {
    if (source.status === 'error') reasons.push(describeSource(source, now, locale, 'degraded', false));
    else if (source.status === 'warn') reasons.push(describeSource(source, now, locale, 'caution', false));
  }
  // `unknown` (a parent never built) outranks only healthy: beside a real problem it is one more reason.
  return verdictOf(reasons);
}
