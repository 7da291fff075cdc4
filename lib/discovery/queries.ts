/**
 * Every GraphQL document Docent sends. Each is validated against the Discovery API's schema in
 * tests/unit (mock-discovery-schema.test.ts and discovery-queries.test.ts). Ids are BigInt (real
 * ones have 14+ digits), never Int. The documents differ only in the connection they read and the
 * fields they pick, so they are built from those two.
 */

type AppliedConnection = 'models' | 'seeds' | 'snapshots' | 'sources' | 'exposures';

/** One page (`first` ≤ 500, `after` cursor) of an applied-state connection. */
function pageQuery(operation: string, connection: AppliedConnection, nodeFields: string): string {
  return /* GraphQL */ `
  query ${operation}($environmentId: BigInt!, $first: Int!, $after: String) {
    environment(id: $environmentId) {
      applied {
        ${connection}(first: $first, after: $after) {
          totalCount
          pageInfo { endCursor hasNextPage }
          edges { node { ${nodeFields} } }
        }
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

/** The cheap "changed since?" check: one small request, answered before any page. */
export const APPLIED_VERSION = /* GraphQL */ `
  query DocentAppliedVersion($environmentId: BigInt!) {
    environment(id: $environmentId) {
      applied { lastUpdatedAt }
    }
  }
`;

/** A test's outcome, the column it checks and its failing rows: the reasons name all three. */
const TEST_FIELDS = 'uniqueId name columnName executionInfo { lastRunStatus lastRunFailures lastSuccessRunId }';

/**
 * What a verdict needs (docs/health.md). `description` comes whole because
 * the schema has no "has a description" field: the index keeps only whether it is there.
 */
const MATERIALIZED_FIELDS = `
  uniqueId name alias database schema projectId description
  executionInfo { lastRunStatus executeCompletedAt lastRunGeneratedAt lastRunId lastSuccessRunId }
  tests { ${TEST_FIELDS} }
`;

/**
 * Models with their direct parents: upstream sources are computed over the whole graph in the
 * catalog (lib/catalog/upstream.ts). `materializedType` keeps ephemeral models (no relation in the
 * warehouse) out of the index. The bench measures this against `ancestors(types: [Source])`.
 */
export const MODELS_PAGE = pageQuery(
  'DocentModelsPage',
  'models',
  `${MATERIALIZED_FIELDS} materializedType version latestVersion parents { uniqueId }`,
);
export const SEEDS_PAGE = pageQuery('DocentSeedsPage', 'seeds', MATERIALIZED_FIELDS);
export const SNAPSHOTS_PAGE = pageQuery('DocentSnapshotsPage', 'snapshots', `${MATERIALIZED_FIELDS} parents { uniqueId }`);

/** Sources: badges of their own (health = freshness) and the upstream freshness of models. */
export const SOURCES_PAGE = pageQuery(
  'DocentSourcesPage',
  'sources',
  `uniqueId name sourceName identifier database schema projectId description
   freshness {
     freshnessStatus maxLoadedAt freshnessRunGeneratedAt
     criteria { warnAfter { count } errorAfter { count } }
   }
   tests { ${TEST_FIELDS} }`,
);

const DETAILS_FIELDS = 'uniqueId description catalog { columns { name description type } }';
const RUN_ERROR_FIELDS = `${DETAILS_FIELDS} executionInfo { lastRunError }`;

export const MODEL_DETAILS = detailsQuery('DocentModelDetails', 'models', RUN_ERROR_FIELDS);
export const SEED_DETAILS = detailsQuery('DocentSeedDetails', 'seeds', RUN_ERROR_FIELDS);
export const SNAPSHOT_DETAILS = detailsQuery('DocentSnapshotDetails', 'snapshots', RUN_ERROR_FIELDS);
export const SOURCE_DETAILS = detailsQuery('DocentSourceDetails', 'sources', DETAILS_FIELDS);

/** Dashboards declared in dbt, with the nodes they are built on (the page's summary). */
export const EXPOSURES_PAGE = pageQuery(
  'DocentExposuresPage',
  'exposures',
  'uniqueId name url exposureType projectId parents { uniqueId }',
);
