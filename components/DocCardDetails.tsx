/**
 * The doc card below its top (docs/architecture.md "Contracts"): the description, the columns, what
 * dbt says about the node (owner, tags, materialisation…), the link to dbt Explorer. Pure props in,
 * DOM out; the frame and the top are in DocCard.tsx and DocCardTrust.tsx.
 */
import { Fragment, type ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ColumnDoc, ModelDetails, NodeAbout } from '../lib/catalog/types';
import { Markdown } from './Markdown';

/** More columns than this start collapsed: a 200-column mart must not bury the rest of the card. */
export const COLUMNS_SHOWN_COLLAPSED = 8;
/** More columns than this get a filter box. */
export const COLUMNS_FILTERED_ABOVE = 10;
/** Descriptions longer than this are clamped until "Show more" (the background truncates first). */
const LONG_DESCRIPTION_CHARS = 600;

const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

export function DocCardDetails({ details }: { details: ModelDetails }) {
  return (
    <>
      <Section title="Description">
        <Description text={details.description} html={details.descriptionHtml} />
      </Section>
      <Section title={`Columns (${details.columns.length})`}>
        <Columns columns={details.columns} />
      </Section>
      {details.about && hasAbout(details.about) && (
        <Section title="About">
          <About about={details.about} />
        </Section>
      )}
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
  const [filter, setFilter] = useState('');
  if (columns.length === 0) return <p class="docent-card-muted">No columns documented.</p>;
  const needle = filter.trim().toLowerCase();
  const matching = needle
    ? columns.filter((c) => c.name.toLowerCase().includes(needle) || (c.description ?? '').toLowerCase().includes(needle))
    : columns;
  // A filter shows every match; without one, a long list starts collapsed.
  const collapsible = !needle && columns.length > COLUMNS_SHOWN_COLLAPSED;
  const shown = collapsible && !expanded ? matching.slice(0, COLUMNS_SHOWN_COLLAPSED) : matching;
  return (
    <>
      {columns.length > COLUMNS_FILTERED_ABOVE && (
        <input
          type="search"
          class="docent-card-filter"
          aria-label="Filter columns"
          placeholder="Filter columns"
          value={filter}
          onInput={(event) => setFilter((event.currentTarget as HTMLInputElement).value)}
        />
      )}
      {needle && matching.length === 0 && <p class="docent-card-muted">No column matches “{filter.trim()}”.</p>}
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

const hasAbout = (about: NodeAbout) =>
  Boolean(about.owner || about.group || about.tags.length || about.materialization || about.access || about.packageName || about.version);

function About({ about }: { about: NodeAbout }) {
  const rows: [string, string | null][] = [
    ['Owner', about.owner],
    ['Group', about.group],
    ['Tags', about.tags.length ? about.tags.join(', ') : null],
    ['Materialized', about.materialization],
    ['Access', about.access],
    ['Package', about.packageName],
    ['Version', about.version],
  ];
  return (
    <dl class="docent-card-about">
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
    </dl>
  );
}
