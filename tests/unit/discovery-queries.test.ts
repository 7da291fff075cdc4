// @vitest-environment node
/**
 * Every document Docent sends validates against the real Discovery API schema, reconstructed in
 * ../shared/discovery/schema.graphql (docs/architecture.md: every document Docent sends is
 * validated against it). The file is beside the repository in the team's workspace and in CI.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as queries from '../../lib/discovery/queries';

const SHARED_SCHEMA = fileURLToPath(new URL('../../../shared/discovery/schema.graphql', import.meta.url));
const documents = Object.entries(queries).filter((entry): entry is [string, string] => typeof entry[1] === 'string');

describe('Discovery queries', () => {
  it('are all found: the version check, one per index page and per kind of doc card', () => {
    expect(documents.map(([name]) => name).sort()).toEqual([
      'APPLIED_VERSION', 'EXPOSURES_PAGE', 'INDEX_FIRST_PAGES', 'MODELS_PAGE', 'MODEL_DETAILS', 'SEEDS_PAGE', 'SEED_DETAILS', 'SNAPSHOTS_PAGE', 'SNAPSHOT_DETAILS', 'SOURCES_PAGE', 'SOURCE_DETAILS',
    ]);
  });

  if (!existsSync(SHARED_SCHEMA)) {
    it.skip(`cannot validate: ${SHARED_SCHEMA} is absent here (it is present in CI)`, () => {});
    return;
  }
  const schema: GraphQLSchema = buildSchema(readFileSync(SHARED_SCHEMA, 'utf8'));

  it.each(documents)('%s validates against the shared schema', (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });

  it('would catch a query the real API does not accept', () => {
    const wrong = queries.MODELS_PAGE.replace('$environmentId: BigInt!', '$environmentId: Int!');
    expect(validate(schema, parse(wrong)).length).toBeGreaterThan(0);
  });

  it('never asks for more than 500 nodes a page', () => {
    for (const [, document] of documents) expect(document).not.toMatch(/first:\s*(50[1-9]|5[1-9]\d|[6-9]\d\d|\d{4,})/);
  });
});
