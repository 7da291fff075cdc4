/**
 * The doc card a badge opens (docs/architecture.md "Contracts"). Rendered by the overlay inside an
 * open shadow root on someone else's page, so it carries its own `<style>` and no global CSS. Its
 * top answers "can I use this?" without scrolling (DocCardTrust.tsx); the particulars follow
 * (DocCardDetails.tsx). It never picks one model for an ambiguous name: it lists the candidates
 * instead (docs/architecture.md "Matching").
 */
import type { JSX } from 'preact';
import type { DetailsAnswer, DocentError, MatchCandidate } from '../lib/messaging';
import type { Health, HealthVerdict } from '../lib/catalog/types';
import { HealthIcon } from './HealthIcon';
import { CopyButton } from './CopyButton';
import { DocCardColumn } from './DocCardColumn';
import { DocCardDetails } from './DocCardDetails';
import { Reasons, TrustFacts } from './DocCardTrust';
import { DOC_CARD_CSS } from './DocCardStyles';
import { RelativeTime } from './RelativeTime';

export type CardTheme = 'light' | 'dark';

export interface DocCardProps {
  candidates: MatchCandidate[];
  details: DetailsAnswer | null;
  error: DocentError | null;
  loading: boolean;
  now: Date;
  /** The page's own theme where the badge sits; without it, the reader's `prefers-color-scheme`. */
  theme?: CardTheme;
  /** A column marker opened the card: that column's description comes first. */
  column?: string;
  /** The close button's action. Escape is the overlay's (lib/overlay/card.tsx): only it knows where focus is. */
  onClose?: () => void;
  /**
   * An ambiguous name: the candidate the person chose to look at (its own card, with a way back to
   * the list), and how they choose one (`null`: back to the list). Nothing is ever chosen for them.
   */
  chosen?: MatchCandidate | null;
  onChoose?: (candidate: MatchCandidate | null) => void;
}

const VERDICT_WORDS: Record<Health, string> = {
  healthy: 'Healthy',
  caution: 'Caution',
  degraded: 'Degraded',
  unknown: 'Unknown',
};

export function DocCard(props: DocCardProps): JSX.Element {
  const { candidates, onClose, chosen } = props;
  const first = candidates[0];
  const ambiguous = candidates.length > 1;
  const shownOne = ambiguous ? (chosen ?? null) : (first ?? null);
  const model = shownOne
    ? `${shownOne.name} — dbt ${shownOne.resourceType}${shownOne.project ? ` in project ${shownOne.project}` : ''}`
    : ambiguous
      ? `${first!.name} — ambiguous, ${candidates.length} candidates`
      : 'dbt model';
  const label = props.column && first && !ambiguous ? `Column ${props.column} of ${model}` : model;
  return (
    <div
      class="docent-card"
      role="dialog"
      aria-label={label}
      data-theme={props.theme}
      aria-busy={props.loading && shownOne ? 'true' : undefined}
    >
      <style>{DOC_CARD_CSS}</style>
      {!first && <CardHeader title="No dbt model" onClose={onClose} />}
      {ambiguous && chosen && (
        <button type="button" class="docent-card-back" onClick={() => props.onChoose?.(null)}>
          ← All {candidates.length} candidates for {first!.name}
        </button>
      )}
      {ambiguous && !chosen && <Ambiguous candidates={candidates} onClose={onClose} onChoose={props.onChoose} />}
      {shownOne && <Single {...props} candidate={shownOne} />}
    </div>
  );
}

function CardHeader(props: { title: string; kind?: string; health?: Health; onClose?: () => void }) {
  return (
    <header class="docent-card-head">
      {props.health && <HealthIcon health={props.health} size={16} />}
      <h2 class="docent-card-name">{props.title}</h2>
      {props.kind && <span class="docent-card-type">{props.kind}</span>}
      {props.health && (
        <span class={`docent-card-verdict docent-card-verdict-${props.health}`}>{VERDICT_WORDS[props.health]}</span>
      )}
      {props.onClose && (
        <button type="button" class="docent-card-close" aria-label="Close" title="Close" onClick={props.onClose}>
          ×
        </button>
      )}
    </header>
  );
}

function Single(props: DocCardProps & { candidate: MatchCandidate }) {
  const { candidate, now } = props;
  // Details for another model (a late answer after the card moved on) must never be shown here.
  const answer = props.details?.details.summary.uniqueId === candidate.uniqueId ? props.details : null;
  const verdict: HealthVerdict = answer?.verdict ?? candidate.verdict;
  const relation = answer?.details.about?.relationName ?? candidate.relation;
  return (
    <>
      <CardHeader title={candidate.name} kind={candidate.resourceType} health={verdict.health} onClose={props.onClose} />
      <p class="docent-card-relation">
        <code>{relation}</code>
        <CopyButton text={relation} label="Copy relation name" />
        {candidate.project && <span class="docent-card-project">project {candidate.project}</span>}
      </p>
      {/* An answer "as of" the last index without its particulars knows no column: none is said undescribed. */}
      {props.column && <DocCardColumn name={props.column} details={answer && !answer.missing ? answer.details : null} />}
      {answer?.asOf && (
        <p class="docent-card-asof">
          As of <RelativeTime iso={answer.asOf} now={now} absolute />: Docent could not refresh since.
          {answer.missing && ` ${answer.missing}`}
        </p>
      )}
      <section class="docent-card-top" aria-label="Can I use it?">
        <Reasons verdict={verdict} />
        {answer && <TrustFacts details={answer.details} upstream={verdict.upstream} now={now} />}
        {verdict.otherProjects && verdict.otherProjects.length > 0 && (
          <ul class="docent-card-other-projects" aria-label="Other dbt projects">
            {verdict.otherProjects.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </section>
      {answer && !answer.missing && <DocCardDetails details={answer.details} />}
      {!answer && props.loading && (
        <p class="docent-card-status" aria-busy="true">
          Loading details…
        </p>
      )}
      {!answer && !props.loading && props.error && (
        <p class="docent-card-failure">Could not load details: {props.error.message}</p>
      )}
    </>
  );
}

/**
 * The candidates of an ambiguous name, each with its project when several are configured, and a
 * button that opens that one's own card: the person chooses, Docent never does.
 */
function Ambiguous({
  candidates,
  onClose,
  onChoose,
}: {
  candidates: MatchCandidate[];
  onClose?: () => void;
  onChoose?: (candidate: MatchCandidate) => void;
}) {
  const name = candidates[0]?.name ?? '';
  const projects = new Set(candidates.map((c) => c.project).filter(Boolean));
  const where = projects.size > 1 ? ` in ${projects.size} projects` : '';
  return (
    <>
      <CardHeader title={name} onClose={onClose} />
      <p class="docent-card-verdict docent-card-verdict-caution">
        Ambiguous: {candidates.length} models share this name{where}
      </p>
      <ul class="docent-card-candidates" aria-label="Candidates">
        {candidates.map((candidate) => (
          <li key={`${candidate.environment ?? ''} ${candidate.uniqueId}`}>
            <HealthIcon health={candidate.verdict.health} size={12} />
            <span class="docent-card-candidate">
              <code>{candidate.relation}</code> {VERDICT_WORDS[candidate.verdict.health].toLowerCase()}
              {candidate.resourceType !== 'model' && ` (${candidate.resourceType})`}
              {candidate.project && <span class="docent-card-project"> in project {candidate.project}</span>}
            </span>
            {onChoose && (
              <button
                type="button"
                class="docent-card-choose"
                aria-label={`Show ${candidate.relation}${candidate.project ? ` in project ${candidate.project}` : ''}`}
                onClick={() => onChoose(candidate)}
              >
                Show
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
