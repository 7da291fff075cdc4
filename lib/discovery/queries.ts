/**
 * Every GraphQL document Docent sends. Each is validated against the Discovery API's schema in
 * tests/unit (mock-discovery-schema.test.ts and discovery-queries.test.ts). Ids are BigInt (real
 * ones have 14+ digits), never Int. The index documents differ only in the connections they read;
 * the fields each connection needs are written once, in INDEX_FIELDS.
 */

type AppliedConnection = 'models' | 'seeds' | 'snapshots' | 'sources' | 'exposures';

/** A test's outcome, the column it checks and its failing rows: the reasons name all three. */
const TEST_FIELDS = 'uniqueId name columnName executionInfo { lastRunStatus lastRunFailures lastSuccessRunId }';

/**
 * What a verdict needs (docs/health.md). `description` comes whole because the schema has no
 * "has a description" field: the index keeps only whether there is one (its cost is measured in
 * tests/bench/sync.bench.ts).
 */
const MATERIALIZED_FIELDS = `
  uniqueId name alias database schema projectId description
  executionInfo { lastRunStatus executeCompletedAt lastRunGeneratedAt lastRunId lastSuccessRunId }
  tests { ${TEST_FIELDS} }
`;

/**
 * Direct parents; a parent from another dbt project (dbt Mesh, a cross-project `ref`) is an
 * `ExternalModelNode`, which says which project and environment dbt resolves it to.
 */
const PARENT_FIELDS = 'parents { uniqueId ... on ExternalModelNode { dbtProjectName environmentId } }';

/** What the index reads of each applied connection. */
const INDEX_FIELDS: Record<AppliedConnection, string> = {
  /**
   * Models with their direct parents: upstream sources are computed over the whole graph in the
   * catalog (lib/catalog/upstream.ts), smaller than `ancestors(types: [Source])` per model (see
   * docs/performance.md). `materializedType` keeps ephemeral models (no relation) out of the index.
   */
  models: `${MATERIALIZED_FIELDS} materializedType version latestVersion ${PARENT_FIELDS}`,
  seeds: MATERIALIZED_FIELDS,
  snapshots: `${MATERIALIZED_FIELDS} ${PARENT_FIELDS}`,
  /** Sources: badges of their own (health = freshness) and the upstream freshness of models. */
  sources: `uniqueId name sourceName identifier database schema projectId description
   freshness {
     freshnessStatus maxLoadedAt freshnessRunGeneratedAt
     criteria { warnAfter { count } errorAfter { count } }
   }
   tests { ${TEST_FIELDS} }`,
  /** Dashboards declared in dbt, with the nodes they are built on (the page's summary). */
  exposures: 'uniqueId name url exposureType projectId parents { uniqueId }',
};

const connectionPage = (connection: AppliedConnection, args: string) => `
        ${connection}(${args}) {
          totalCount
          pageInfo { endCursor hasNextPage }
          edges { node { ${INDEX_FIELDS[connection]} } }
        }`;

/** One page (`first` ≤ 500, `after` cursor) of an applied-state connection. */
function pageQuery(operation: string, connection: AppliedConnection): string {
  return /* GraphQL */ `
  query ${operation}($environmentId: BigInt!, $first: Int!, $after: String) {
    environment(id: $environmentId) {
      applied {${connectionPage(connection, 'first: $first, after: $after')}
      }
    }
  }
`;
}

/** One node by unique id, for the doc card. */
function detailsQuery(operation: string, connection: AppliedConnection, nodeFields: string): string {
  return /* GraphQL */ `
  query ${operation}($environmentId: BigInt!, $uniqueIds: [String!]!, $first: Int!) {
    environment(id: $environmentId) {
      applied {
        ${connection}(first: $first, filter: { uniqueIds: $uniqueIds }) {
          edges { node { ${nodeFields} } }
        }
      }
    }
  }
`;
}

/**
 * The cheap "changed since?" check: one small request, answered before any page. It also brings
 * the project's name, which doc cards show when several projects are configured.
 */
export const APPLIED_VERSION = /* GraphQL */ `
  query DocentAppliedVersion($environmentId: BigInt!) {
    environment(id: $environmentId) {
      dbtProjectName
      applied { lastUpdatedAt }
    }
  }
`;

/**
 * The first page of every connection the index reads, in one request: a project with up to 500
 * models (and as many sources, seeds, snapshots and exposures) syncs in this one request.
 */
export const INDEX_FIRST_PAGES = /* GraphQL */ `
  query DocentIndexFirstPages($environmentId: BigInt!, $first: Int!) {
    environment(id: $environmentId) {
      applied {${(['sources', 'models', 'seeds', 'snapshots', 'exposures'] as const).map((c) => connectionPage(c, 'first: $first')).join('')}
      }
    }
  }
`;

export const SOURCES_PAGE = pageQuery('DocentSourcesPage', 'sources');
export const MODELS_PAGE = pageQuery('DocentModelsPage', 'models');
export const SEEDS_PAGE = pageQuery('DocentSeedsPage', 'seeds');
export const SNAPSHOTS_PAGE = pageQuery('DocentSnapshotsPage', 'snapshots');
export const EXPOSURES_PAGE = pageQuery('DocentExposuresPage', 'exposures');

/** The card's particulars: description, columns, owner and tags, and each test's error lines. */
const DETAILS_FIELDS = `uniqueId description meta tags catalog { owner columns { name description type } }
  tests { uniqueId executionInfo { lastRunStatus lastRunError } }`;
const RUN_ERROR_FIELDS = `${DETAILS_FIELDS} packageName executionInfo { lastRunError }`;

export const MODEL_DETAILS = detailsQuery(
  'DocentModelDetails',
  'models',
  `${RUN_ERROR_FIELDS} access group materializedType version relationName`,
);
export const SEED_DETAILS = detailsQuery('DocentSeedDetails', 'seeds', RUN_ERROR_FIELDS);
export const SNAPSHOT_DETAILS = detailsQuery('DocentSnapshotDetails', 'snapshots', RUN_ERROR_FIELDS);
export const SOURCE_DETAILS = detailsQuery('DocentSourceDetails', 'sources', DETAILS_FIELDS);
