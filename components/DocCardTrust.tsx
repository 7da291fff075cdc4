/**
 * The top of the doc card: "can I use this?" answered without scrolling. The verdict's reasons,
 * the last successful build (relative and absolute, linked to the run), the last run, the test
 * summary and upstream freshness. Pure props in, DOM out.
 */
import { useState } from 'preact/hooks';
import type {
  FreshnessStatus, Health, HealthReason, HealthVerdict, ModelDetails, ModelSummary, RunStatus, SourceFreshness,
} from '../lib/catalog/types';
import { compareHealth, groupTests } from '../lib/catalog/health';
import { HealthIcon } from './HealthIcon';
import { RelativeTime } from './RelativeTime';

/** Reasons shown before "Show N more": the build, tests and freshness lines must stay in view. */
export const REASONS_SHOWN = 3;
const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

/** Worst first, whatever order they came in; equal ones keep their order. */
function worstFirst(reasons: HealthReason[]): HealthReason[] {
  return [...reasons].sort((a, b) => compareHealth(a.health, b.health));
}

export function Reasons({ verdict }: { verdict: HealthVerdict }) {
  const [all, setAll] = useState(false);
  const reasons = worstFirst(verdict.reasons);
  if (reasons.length === 0) return null;
  const shown = all ? reasons : reasons.slice(0, REASONS_SHOWN);
  const hidden = reasons.length - shown.length;
  return (
    <>
      <ul class="docent-card-reasons" aria-label="Why">
        {shown.map((reason, i) => (
          <li key={i}>
            <HealthIcon health={reason.health} size={12} />
            <span>
              {reason.text}
              {reason.detail && (
                <details class="docent-card-reason-detail">
                  <summary>Error</summary>
                  <pre>{reason.detail}</pre>
                </details>
              )}
            </span>
          </li>
        ))}
      </ul>
      {(hidden > 0 || all) && reasons.length > REASONS_SHOWN && (
        <button type="button" class="docent-card-more" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer reasons' : `Show ${hidden} more ${hidden === 1 ? 'reason' : 'reasons'}`}
        </button>
      )}
    </>
  );
}

/** The facts behind the verdict, as a definition list at the card's top. */
export function TrustFacts({ details, upstream, now }: { details: ModelDetails; upstream?: string[]; now: Date }) {
  const { summary } = details;
  const isSource = summary.resourceType === 'source';
  return (
    <>
      <dl class="docent-card-facts">
        {!isSource && (
          <>
            <dt>Last successful build</dt>
            <dd class="docent-card-last-build">
              <LastSuccess summary={summary} url={details.lastSuccessRunUrl} now={now} />
            </dd>
            <dt>Last run</dt>
            <dd class="docent-card-last-run">
              <LastRun status={summary.lastRunStatus} at={summary.lastRunAt} now={now} />
            </dd>
          </>
        )}
        <dt>Tests</dt>
        <dd class="docent-card-test-summary">
          <TestSummary summary={summary} />
        </dd>
        <dt>{isSource ? 'Freshness' : 'Upstream freshness'}</dt>
        <dd class="docent-card-upstream">
          <Freshness sources={summary.upstreamSources} isSource={isSource} now={now} />
        </dd>
      </dl>
      {upstream && upstream.length > 0 && (
        <ul class="docent-card-upstream-models" aria-label="Upstream models">
          {upstream.map((line) => (
            <li key={line}>
              <HealthIcon health="degraded" size={12} />
              <span class="docent-card-muted">{line}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function LastSuccess({ summary, url, now }: { summary: ModelSummary; url: string | null; now: Date }) {
  const { lastSuccessAt, lastSuccessRunId } = summary;
  if (!lastSuccessAt && !lastSuccessRunId) return <span class="docent-card-muted">Never, in this environment</span>;
  const shown = lastSuccessAt ? <RelativeTime iso={lastSuccessAt} now={now} absolute /> : <>in run {lastSuccessRunId}</>;
  return url ? <a href={url} {...NEW_TAB}>{shown}</a> : shown;
}

const RUN_STATUS_WORDS: Record<RunStatus, string> = {
  success: 'Success',
  error: 'Error',
  skipped: 'Skipped',
  reused: 'Reused (unchanged since its last build)',
  warn: 'Success with warnings',
};

function LastRun(props: { status: RunStatus | null; at: string | null; now: Date }) {
  if (!props.status) return <span class="docent-card-muted">Not run in this environment</span>;
  return (
    <>
      {RUN_STATUS_WORDS[props.status]}
      {props.at && <>, <RelativeTime iso={props.at} now={props.now} /></>}
    </>
  );
}

/** `2 passed · 1 warned · 2 failed`, then the failing and warning tests by name, on as few lines as it takes. */
function TestSummary({ summary }: { summary: ModelSummary }) {
  if (summary.tests.length === 0) return <span class="docent-card-muted">None configured</span>;
  // `error` counts as failed, as in dbt Catalog: either way the data is not what the test expects.
  const tally = groupTests(summary.tests);
  const counts = [`${tally.passed.length} passed`, `${tally.warning.length} warned`, `${tally.failing.length} failed`];
  if (tally.skipped.length) counts.push(`${tally.skipped.length} skipped`);
  if (tally.notRun.length) counts.push(`${tally.notRun.length} not run`);
  const named = [...tally.failing, ...tally.warning];
  return (
    <>
      <span class="docent-card-test-counts">{counts.join(' · ')}</span>
      {named.length > 0 && (
        <ul class="docent-card-test-list docent-card-inline">
          {named.map((t) => (
            <li key={t.uniqueId}>
              <HealthIcon health={t.status === 'warn' ? 'caution' : 'degraded'} size={10} />
              <span>
                <code>{t.name}</code> {t.status === 'error' ? 'errored' : t.status === 'warn' ? 'warned' : 'failed'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const FRESHNESS: Record<FreshnessStatus | 'none', { health: Health; word: string }> = {
  pass: { health: 'healthy', word: 'fresh' },
  warn: { health: 'caution', word: 'freshness warning' },
  error: { health: 'degraded', word: 'freshness error' },
  none: { health: 'unknown', word: 'no freshness check' },
};

const freshnessOf = (source: SourceFreshness) => FRESHNESS[source.configured ? (source.status ?? 'none') : 'none'];
/** Sources named one by one; past that, the fresh ones are counted (each stale one is a reason too). */
const SOURCES_NAMED = 3;

function Freshness({ sources, isSource, now }: { sources: SourceFreshness[]; isSource: boolean; now: Date }) {
  if (sources.length === 0) return <span class="docent-card-muted">No upstream sources</span>;
  if (isSource) {
    const own = sources[0]!;
    const state = freshnessOf(own);
    return (
      <span>
        <HealthIcon health={state.health} size={10} /> {state.word}
        {own.maxLoadedAt && <>, loaded <RelativeTime iso={own.maxLoadedAt} now={now} /></>}
        {own.configured && own.checkedAt && <>, checked <RelativeTime iso={own.checkedAt} now={now} /></>}
      </span>
    );
  }
  // A mart with a dozen sources must not push the card's top out of view: the sources that are not
  // fresh are named first; fresh ones are named only while there is room, then counted.
  const ordered = [...sources].sort((a, b) => compareHealth(freshnessOf(a).health, freshnessOf(b).health));
  const named = ordered.filter((s, i) => i < SOURCES_NAMED || freshnessOf(s).health !== 'healthy');
  const fresh = ordered.length - named.length;
  return (
    <ul class="docent-card-freshness docent-card-inline">
      {named.map((source) => {
        const state = freshnessOf(source);
        return (
          <li key={source.uniqueId}>
            <HealthIcon health={state.health} size={10} />
            <span>
              <code>{source.name}</code> {state.word}
            </span>
          </li>
        );
      })}
      {fresh > 0 && (
        <li>
          <HealthIcon health="healthy" size={10} />
          <span>{fresh} more fresh</span>
        </li>
      )}
    </ul>
  );
}
