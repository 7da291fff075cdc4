/**
 * The doc card's particulars (docs/architecture.md "Contracts"): description, columns, last runs, tests,
 * upstream freshness, Explorer link. Pure props in, DOM out; the card frame is in DocCard.tsx.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type {
  ColumnDoc, FreshnessStatus, Health, ModelDetails, RunStatus, SourceFreshness, TestResult,
} from '../lib/catalog/types';
import { groupTests } from '../lib/catalog/health';
import { HealthIcon } from './HealthIcon';
import { Markdown } from './Markdown';
import { RelativeTime } from './RelativeTime';

/** More columns than this start collapsed: a 200-column mart must not bury the rest of the card. */
export const COLUMNS_SHOWN_COLLAPSED = 8;
/** Descriptions longer than this are clamped until "Show more" (the background truncates first). */
const LONG_DESCRIPTION_CHARS = 600;

const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

export function DocCardDetails({ details, now }: { details: ModelDetails; now: Date }) {
  const { summary } = details;
  const isSource = summary.resourceType === 'source';
  return (
    <>
      <Section title="Description">
        <Description text={details.description} html={details.descriptionHtml} />
      </Section>
      <Section title={`Columns (${details.columns.length})`}>
        <Columns columns={details.columns} />
      </Section>
      {!isSource && (
        <Section title="Runs">
          <dl>
            <dt>Last successful run</dt>
            <dd>
              <LastSuccess
                iso={summary.lastSuccessAt}
                runId={summary.lastSuccessRunId}
                url={details.lastSuccessRunUrl}
                now={now}
              />
            </dd>
            <dt>Last run</dt>
            <dd>
              <LastRun status={summary.lastRunStatus} at={summary.lastRunAt} error={details.lastRunError} now={now} />
            </dd>
          </dl>
        </Section>
      )}
      {!isSource && (
        <Section title="Tests">
          <Tests tests={summary.tests} />
        </Section>
      )}
      <Section title={isSource ? 'Freshness' : 'Upstream freshness'}>
        <Freshness sources={summary.upstreamSources} now={now} />
      </Section>
      {details.explorerUrl && (
        <a class="docent-card-explorer" href={details.explorerUrl} {...NEW_TAB}>
          Open in dbt Explorer
        </a>
      )}
    </>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="docent-card-section" aria-label={title}>
      <h3 class="docent-card-h">{title}</h3>
      {children}
    </section>
  );
}

function Description({ text, html }: { text: string | null; html: string | null }) {
  const [expanded, setExpanded] = useState(false);
  if (!text?.trim() || !html) return <p class="docent-card-muted">No description.</p>;
  const long = text.length > LONG_DESCRIPTION_CHARS;
  const clamped = long && !expanded;
  return (
    <>
      <Markdown html={html} className={`docent-card-md${clamped ? ' docent-card-clamped' : ''}`} />
      {long && (
        <button type="button" class="docent-card-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show more'}
        </button>
      )}
    </>
  );
}

function Columns({ columns }: { columns: ColumnDoc[] }) {
  const [expanded, setExpanded] = useState(false);
  if (columns.length === 0) return <p class="docent-card-muted">No columns documented.</p>;
  const collapsible = columns.length > COLUMNS_SHOWN_COLLAPSED;
  const shown = collapsible && !expanded ? columns.slice(0, COLUMNS_SHOWN_COLLAPSED) : columns;
  return (
    <>
      <ul class="docent-card-columns">
        {shown.map((column) => (
          <li key={column.name}>
            <code>{column.name}</code>
            {column.type && <> <span class="docent-card-col-type">{column.type.toLowerCase()}</span></>}
            {column.descriptionHtml && ' '}
            {column.descriptionHtml && (
              <Markdown html={column.descriptionHtml} className="docent-card-md docent-card-col-desc" />
            )}
          </li>
        ))}
      </ul>
      {collapsible && (
        <button type="button" class="docent-card-more" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer columns' : `Show all ${columns.length} columns`}
        </button>
      )}
    </>
  );
}

function LastSuccess(props: { iso: string | null; runId: string | null; url: string | null; now: Date }) {
  const { iso, runId, url, now } = props;
  // Discovery times only the last run: after a failure, the last success is known by its run id alone.
  if (!iso && !runId) return <span class="docent-card-muted">Never, in this environment</span>;
  const shown = iso ? <RelativeTime iso={iso} now={now} absolute /> : <>in run {runId}</>;
  return url ? <a href={url} {...NEW_TAB}>{shown}</a> : shown;
}

const RUN_STATUS_WORDS: Record<RunStatus, string> = {
  success: 'Success',
  error: 'Error',
  skipped: 'Skipped',
  reused: 'Reused (unchanged since an earlier build)',
  warn: 'Success with warnings',
};

function LastRun(props: { status: RunStatus | null; at: string | null; error: string | null; now: Date }) {
  if (!props.status) return <span class="docent-card-muted">Not run in this environment</span>;
  // The first line of a dbt error names the problem; the rest is a compiled-SQL dump.
  const firstErrorLine = props.error?.split('\n').find((line) => line.trim())?.trim();
  return (
    <>
      {RUN_STATUS_WORDS[props.status]}
      {props.at && <>, <RelativeTime iso={props.at} now={props.now} /></>}
      {props.status === 'error' && firstErrorLine && <> <code class="docent-card-run-error">{firstErrorLine}</code></>}
    </>
  );
}

function Tests({ tests }: { tests: TestResult[] }) {
  if (tests.length === 0) return <p class="docent-card-muted">No tests configured.</p>;
  // `error` counts as failed, as in dbt Catalog: either way the data is not what the test expects.
  const tally = groupTests(tests);
  const counts = [`${tally.passed.length} passed`, `${tally.warning.length} warned`, `${tally.failing.length} failed`];
  if (tally.notRun.length) counts.push(`${tally.notRun.length} not run`);
  return (
    <>
      <p class="docent-card-muted docent-card-test-counts">{counts.join(' · ')}</p>
      {(tally.failing.length > 0 || tally.warning.length > 0) && (
        <ul class="docent-card-test-list">
          {tally.failing.map((t) => (
            <li key={t.uniqueId}>
              <HealthIcon health="degraded" size={12} />
              <span><code>{t.name}</code> {t.status === 'error' ? 'errored' : 'failed'}</span>
            </li>
          ))}
          {tally.warning.map((t) => (
            <li key={t.uniqueId}>
              <HealthIcon health="caution" size={12} />
              <span><code>{t.name}</code> warned</span>
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

function Freshness({ sources, now }: { sources: SourceFreshness[]; now: Date }) {
  if (sources.length === 0) return <p class="docent-card-muted">No upstream sources.</p>;
  return (
    <ul class="docent-card-freshness">
      {sources.map((source) => {
        const state = FRESHNESS[source.status ?? 'none'];
        return (
          <li key={source.uniqueId}>
            <HealthIcon health={state.health} size={12} />
            <span>
              <code>{source.name}</code>: {state.word}
              {source.maxLoadedAt && (
                <>, last loaded <RelativeTime iso={source.maxLoadedAt} now={now} /></>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
