/**
 * Stage 5 of the overlay: dashboards. The models a dashboard reads without writing them out come
 * from the tool's own API (through the adapter) and from dbt exposures whose url is the page. Each
 * gets a badge in the title of the tile that reads it, and the `<docent-summary>` pill in the
 * dashboard's header lists every model behind the page with the worst verdict. Tiles and headers
 * render late in single-page apps, so `refresh` runs after every rescan and places what is missing.
 */
import type { Health, HealthVerdict } from '../catalog/types';
import { parseRelationName } from '../matching/identifier';
import { joinKey } from '../matching/keys';
import type { DocentError, MatchCandidate, NameMatch } from '../messaging';
import type { Result } from '../result';
import type { BadgeTracker } from './badge-tracker';
import type { Card } from './card';
import type { NameResolver } from './name-resolver';
import { createSummary, summaryHealth, type SummaryView } from './summary-element';

/** The tables one dashboard tile reads, as the tool's API tells. */
export interface TileTables {
  /** The tile's key as the adapter reads it on the page (`DashboardPlugs.tiles`). */
  tileKey: string;
  /** Relation names (`db.schema.table`, `schema.table`, or a bare model name). */
  tables: string[];
}

/** What the tool's API says the page reads: every table, and per tile where it says which. */
export interface ApiTables {
  tables: string[];
  tiles: TileTables[];
}

/** A tile on the page now, and where its title is (its badges go at the end of it). */
export interface PageTile {
  key: string;
  title: Element;
  /** The whole tile: a model it already shows written out (and badged) gets no second badge. */
  element?: Element;
}

/** What the overlay needs of an adapter on a dashboard; the adapter fills it, the overlay reads it. */
export interface DashboardPlugs {
  /** The page is a dashboard or report: it gets the summary pill. */
  isDashboard: boolean;
  /** The dashboard's header, where the pill goes; null while it has not rendered. */
  header(document: Document): Element | null;
  tiles(document: Document): PageTile[];
  /** The tool's API, asked once per run; null when it says nothing for this page. */
  api?(signal: AbortSignal): Promise<ApiTables | null>;
}

/** A dbt exposure whose url is this page (the background's `pageExposures` answer). */
export interface PageExposure {
  uniqueId: string;
  name: string;
  parents: MatchCandidate[];
  /** The exposure's own verdict by dbt's exposure criteria, when the background gives it. */
  verdict?: HealthVerdict;
}

export interface DashboardStageOptions {
  document: Document;
  plugs: DashboardPlugs | null;
  resolver: NameResolver;
  tracker: BadgeTracker;
  card: Card;
  exposures?: () => Promise<Result<PageExposure[], DocentError>>;
  signal: AbortSignal;
}

export interface DashboardStage {
  /** Asks the API and the exposures (once), then places what they found. */
  start(): Promise<void>;
  /** Places badges in tiles and the pill that rendered since the last time. */
  refresh(): void;
  /** Models behind the page that no badge names (for the popup's list). */
  unbadged(): MatchCandidate[];
  stop(): void;
}

export function createDashboardStage(options: DashboardStageOptions): DashboardStage {
  const { document, plugs, resolver, tracker, card, signal } = options;
  let fromApi: ApiTables = { tables: [], tiles: [] };
  let exposures: PageExposure[] = [];
  let summary: SummaryView | null = null;

  const matchFor = (table: string) => {
    const key = keyOfTable(table);
    const match = key === null ? null : resolver.known(key);
    return match && match.candidates.length > 0 ? match : null;
  };

  async function start() {
    const [tables, fromExposures] = await Promise.all([askApi(), askExposures()]);
    if (signal.aborted) return;
    fromApi = tables;
    exposures = fromExposures;
    const keys = allTables().map(keyOfTable).filter((key): key is string => key !== null);
    if (keys.length > 0) await resolver.resolve(keys); // a failure leaves those tiles unbadged
    if (!signal.aborted) refresh();
  }

  async function askApi(): Promise<ApiTables> {
    const none = { tables: [], tiles: [] };
    if (!plugs?.api) return none;
    try {
      return (await plugs.api(signal)) ?? none;
    } catch (error) {
      console.info('Docent: the dashboard API did not answer', error);
      return none;
    }
  }

  const allTables = () => [...new Set([...fromApi.tables, ...fromApi.tiles.flatMap((tile) => tile.tables)])];

  async function askExposures(): Promise<PageExposure[]> {
    if (!options.exposures) return [];
    const answer = await options.exposures().catch(() => null);
    return answer?.ok ? answer.value : [];
  }

  function refresh() {
    if (signal.aborted) return;
    if (fromApi.tiles.length > 0 && plugs) {
      const onPage = new Map(plugs.tiles(document).map((tile) => [tile.key, tile]));
      for (const { tileKey, tables } of fromApi.tiles) {
        const tile = onPage.get(tileKey);
        if (!tile) continue; // not rendered yet (a lazy tile): the next refresh places it
        for (const table of tables) {
          const match = matchFor(table);
          if (!match) continue;
          if (writtenOut(tile, match)) tracker.unplaceInTitle(tile.title, match.key);
          else tracker.placeInTitle(tile.title, match);
        }
      }
    }
    updateSummary();
  }

  function behindPage(): { candidates: MatchCandidate[]; exposureHealths: Array<{ health: Health; parentIds: string[] }> } {
    const byId = new Map<string, MatchCandidate>();
    for (const { candidate } of tracker.candidates()) byId.set(candidate.uniqueId, candidate);
    for (const table of allTables()) {
      for (const candidate of matchFor(table)?.candidates ?? []) byId.set(candidate.uniqueId, candidate);
    }
    for (const exposure of exposures) for (const parent of exposure.parents) byId.set(parent.uniqueId, parent);
    const exposureHealths = exposures.map((exposure) => ({
      health: exposure.verdict?.health ?? worstOf(exposure.parents),
      parentIds: exposure.parents.map((parent) => parent.uniqueId),
    }));
    return { candidates: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name)), exposureHealths };
  }

  function updateSummary() {
    // Canvas tools (Tableau, Power BI) show no names, so a matching exposure alone makes a dashboard.
    if (!plugs || (!plugs.isDashboard && exposures.length === 0)) return;
    const header = plugs.header(document);
    if (!header) return; // never a floating pill: it waits for the header to render
    const { candidates, exposureHealths } = behindPage();
    summary ??= createSummary(document, (entry, candidate, byKeyboard) => {
      const match: NameMatch = { key: candidate.uniqueId, candidates: [candidate] };
      if (byKeyboard) card.enter(entry, match);
      else card.open(entry, match);
    });
    if (summary.element.parentNode !== header) header.append(summary.element);
    summary.update(candidates, summaryHealth(candidates, exposureHealths));
  }

  tracker.onChange(() => {
    if (summary) updateSummary();
  });

  return {
    start,
    refresh,
    unbadged() {
      const badged = new Set(tracker.candidates().map(({ candidate }) => candidate.uniqueId));
      return behindPage().candidates.filter((candidate) => !badged.has(candidate.uniqueId));
    },
    stop() {
      if (summary && card.openFor && summary.element.shadowRoot?.contains(card.openFor)) card.close();
      summary?.element.remove();
      summary = null;
    },
  };
}

/** Whether the tile already badges this model where its text names it (a visible SQL, a slot). */
function writtenOut(tile: PageTile, match: NameMatch): boolean {
  if (!tile.element) return false;
  const ids = new Set(match.candidates.map((candidate) => candidate.uniqueId));
  for (const badge of tile.element.querySelectorAll<HTMLElement>('docent-badge:not([data-in-tile-title])')) {
    if ((badge.dataset.uniqueId ?? '').split(' ').some((id) => ids.has(id))) return true;
  }
  return false;
}

/** The index key of a table name an API gives (`tablesInSql` output, a Metabase table's parts). */
export function keyOfTable(table: string): string | null {
  const parts = parseRelationName(table);
  if (parts) return joinKey(parts);
  // BigQuery project ids carry hyphens, which no SQL identifier pattern accepts unquoted.
  const plain = table.trim().toLowerCase();
  return /^[a-z0-9_$-]+(?:\.[a-z0-9_$-]+){1,2}$/.test(plain) ? plain : null;
}

function worstOf(parents: readonly MatchCandidate[]): Health {
  return summaryHealth(parents, []);
}
