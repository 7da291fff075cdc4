/**
 * Every GraphQL document Docent sends. Each is validated against the Discovery API's schema in
 * tests/unit/discovery-queries.test.ts. Ids are BigInt (real ones have 14+ digits), never Int.
 */

/** The index: what each node's verdict needs, one page of at most 500 models. */
export const MODELS_PAGE = /* GraphQL */ `
  query DocentModelsPage($environmentId: BigInt!, $first: Int!, $after: String) {
    environment(id: $environmentId) {
      applied {
        models(first: $first, after: $after) {
          totalCount
          pageInfo { endCursor hasNextPage }
          edges {
            node {
              uniqueId
              name
              alias
              database
              schema
              projectId
              description
              executionInfo {
                lastRunStatus
                executeCompletedAt
                lastRunGeneratedAt
                lastRunId
                lastSuccessRunId
              }
              tests { uniqueId name executionInfo { lastRunStatus } }
              ancestors(types: [Source]) { uniqueId }
            }
          }
        }
      }
    }
  }
`;

export const SEEDS_PAGE = /* GraphQL */ `
  query DocentSeedsPage($environmentId: BigInt!, $first: Int!, $after: String) {
    environment(id: $environmentId) {
      applied {
        seeds(first: $first, after: $after) {
          totalCount
          pageInfo { endCursor hasNextPage }
          edges {
            node {
              uniqueId
              name
              alias
              database
              schema
              projectId
              description
              executionInfo {
                lastRunStatus
                executeCompletedAt
                lastRunGeneratedAt
                lastRunId
                lastSuccessRunId
              }
              tests { uniqueId name executionInfo { lastRunStatus } }
            }
          }
        }
      }
    }
  }
`;

export const SNAPSHOTS_PAGE = /* GraphQL */ `
  query DocentSnapshotsPage($environmentId: BigInt!, $first: Int!, $after: String) {
    environment(id: $environmentId) {
      applied {
        snapshots(first: $first, after: $after) {
          totalCount
          pageInfo { endCursor hasNextPage }
          edges {
            node {
              uniqueId
              name
              alias
              database
              schema
              projectId
              description
              executionInfo {
                lastRunStatus
                executeCompletedAt
                lastRunGeneratedAt
                lastRunId
                lastSuccessRunId
              }
              tests { uniqueId name executionInfo { lastRunStatus } }
            }
          }
        }
      }
    }
  }
`;

/** Sources: badges of their own (health = freshness) and the upstream freshness of models. */
export const SOURCES_PAGE = /* GraphQL */ `
  query DocentSourcesPage($environmentId: BigInt!, $first: Int!, $after: String) {
    environment(id: $environmentId) {
      applied {
        sources(first: $first, after: $after) {
          totalCount
          pageInfo { endCursor hasNextPage }
          edges {
            node {
              uniqueId
              name
              sourceName
              identifier
              database
              schema
              projectId
              description
              freshness { freshnessStatus maxLoadedAt freshnessRunGeneratedAt }
              tests { uniqueId name executionInfo { lastRunStatus } }
            }
          }
        }
      }
    }
  }
`;

/** The doc card: description, columns, the last error. One model, on demand. */
export const MODEL_DETAILS = /* GraphQL */ `
  query DocentModelDetails($environmentId: BigInt!, $uniqueIds: [String!]!) {
    environment(id: $environmentId) {
      applied {
        models(first: 1, filter: { uniqueIds: $uniqueIds }) {
          edges {
            node {
              uniqueId
              description
              executionInfo { lastRunError }
              catalog { columns { name description type } }
            }
          }
        }
      }
    }
  }
`;

export const SEED_DETAILS = /* GraphQL */ `
  query DocentSeedDetails($environmentId: BigInt!, $uniqueIds: [String!]!) {
    environment(id: $environmentId) {
      applied {
        seeds(first: 1, filter: { uniqueIds: $uniqueIds }) {
          edges {
            node {
              uniqueId
              description
              executionInfo { lastRunError }
              catalog { columns { name description type } }
            }
          }
        }
      }
    }
  }
`;

export const SNAPSHOT_DETAILS = /* GraphQL */ `
  query DocentSnapshotDetails($environmentId: BigInt!, $uniqueIds: [String!]!) {
    environment(id: $environmentId) {
      applied {
        snapshots(first: 1, filter: { uniqueIds: $uniqueIds }) {
          edges {
            node {
              uniqueId
              description
              executionInfo { lastRunError }
              catalog { columns { name description type } }
            }
          }
        }
      }
    }
  }
`;

export const SOURCE_DETAILS = /* GraphQL */ `
  query DocentSourceDetails($environmentId: BigInt!, $uniqueIds: [String!]!) {
    environment(id: $environmentId) {
      applied {
        sources(first: 1, filter: { uniqueIds: $uniqueIds }) {
          edges {
            node {
              uniqueId
              description
              catalog { columns { name description type } }
            }
          }
        }
      }
    }
  }
`;
