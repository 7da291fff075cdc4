/**
 * A large dbt project's manifest.json (v12 shape, like the jaffle-shop fixtures), generated
 * deterministically and streamed out in chunks, so a benchmark can feed 100 MB to the parser
 * without first holding 100 MB itself. Each model has SQL, compiled SQL, columns with
 * descriptions and two tests, which is what makes real manifests big.
 */
import { random } from './random';

const encoder = new TextEncoder();

const WORDS = ['order', 'customer', 'payment', 'item', 'store', 'product', 'supply', 'refund', 'session', 'invoice', 'region', 'channel'];

function modelEntry(i: number, rand: () => number): [string, unknown][] {
  const word = WORDS[i % WORDS.length]!;
  const name = `${word}_mart_${i}`;
  const uniqueId = `model.big_shop.${name}`;
  const parents = [`source.big_shop.raw.${WORDS[(i + 3) % WORDS.length]}_${i % 50}`, ...(i > 0 ? [`model.big_shop.${WORDS[(i - 1) % WORDS.length]}_mart_${i - 1}`] : [])];
  const columns: Record<string, unknown> = {};
  const columnCount = 8 + Math.floor(rand() * 12);
  for (let c = 0; c < columnCount; c++) {
    const column = `${WORDS[(i + c) % WORDS.length]}_${c}_id`;
    columns[column] = { name: column, description: `The ${column.replace(/_/g, ' ')} of each ${word}, as loaded by the ${word} pipeline.`, meta: {}, data_type: null, constraints: [], quote: null, tags: [], granularity: null, doc_blocks: [] };
  }
  const sql = `with source as (\n  select * from {{ ref('${WORDS[(i - 1 + WORDS.length) % WORDS.length]}_mart_${Math.max(0, i - 1)}') }}\n),\nrenamed as (\n${Object.keys(columns).map((c) => `    ${c}`).join(',\n')}\n  from source\n)\nselect * from renamed\n`;
  const model = {
    database: 'ANALYTICS', schema: i % 3 === 0 ? 'marts' : 'staging', name, resource_type: 'model', package_name: 'big_shop',
    path: `marts/${name}.sql`, original_file_path: `models/marts/${name}.sql`, unique_id: uniqueId, fqn: ['big_shop', 'marts', name], alias: name,
    checksum: { name: 'sha256', checksum: (i * 2654435761).toString(16).padStart(64, '0') },
    config: { enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, group: null, materialized: i % 7 === 0 ? 'ephemeral' : 'table', access: 'protected', docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true } },
    tags: [], description: `# ${name}\n\nOne row per ${word}. Built from the raw ${word} feed and cleaned of test accounts.`, columns, meta: {}, group: null,
    docs: { show: true, node_color: null }, patch_path: 'big_shop://models/marts/_marts.yml', build_path: null, unrendered_config: { materialized: 'table' },
    created_at: 1_700_000_000 + i, relation_name: `ANALYTICS.${i % 3 === 0 ? 'marts' : 'staging'}.${name}`, raw_code: sql, language: 'sql',
    refs: [{ name, package: null, version: null }], sources: [], metrics: [], depends_on: { macros: ['macro.dbt.run_query'], nodes: parents },
    compiled_path: `target/compiled/big_shop/models/marts/${name}.sql`, compiled: true, compiled_code: sql.replace(/\{\{[^}]+\}\}/g, 'ANALYTICS.staging.upstream'),
    extra_ctes_injected: true, extra_ctes: [], contract: { enforced: false, alias_types: true, checksum: null }, access: 'protected', constraints: [], version: null, latest_version: null, deprecation_date: null,
  };
  const tests: [string, unknown][] = ['unique', 'not_null'].map((kind) => {
    const column = Object.keys(columns)[0]!;
    const testName = `${kind}_${name}_${column}`;
    const testId = `test.big_shop.${testName}.${(i * 31 + kind.length).toString(16).padStart(10, '0')}`;
    return [testId, {
      database: 'ANALYTICS', schema: 'dbt_test__audit', name: testName, resource_type: 'test', package_name: 'big_shop', path: `${testName}.sql`,
      original_file_path: 'models/marts/_marts.yml', unique_id: testId, fqn: ['big_shop', 'marts', testName], alias: testName,
      config: { enabled: true, severity: 'ERROR', materialized: 'test' }, tags: [], description: '', columns: {}, meta: {},
      raw_code: `{{ test_${kind}(**_dbt_generic_test_kwargs) }}`, language: 'sql', depends_on: { macros: [`macro.dbt.test_${kind}`], nodes: [uniqueId] },
      column_name: column, attached_node: uniqueId, test_metadata: { name: kind, kwargs: { column_name: column, model: `{{ get_where_subquery(ref('${name}')) }}` }, namespace: null },
    }];
  });
  return [[uniqueId, model], ...tests];
}

export interface LargeManifest {
  /** The manifest's bytes, chunk by chunk. */
  chunks(): Generator<Uint8Array>;
  models: number;
}

/** About `megabytes` of manifest (each model with its tests is about 7.6 kB). */
export function generateLargeManifest(megabytes: number, seed = 42): LargeManifest {
  const models = Math.max(1, Math.round((megabytes * 1024 * 1024) / 7_600));
  return {
    models,
    *chunks() {
      const rand = random(seed);
      const metadata = { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.9.0', generated_at: '2026-11-30T05:00:00Z', invocation_id: 'bench', env: {}, project_name: 'big_shop', project_id: 'b1g5h0p', adapter_type: 'snowflake' };
      let batch = `{"metadata":${JSON.stringify(metadata)},"nodes":{`;
      for (let i = 0; i < models; i++) {
        for (const [j, [id, node]] of modelEntry(i, rand).entries()) batch += `${i === 0 && j === 0 ? '' : ','}${JSON.stringify(id)}:${JSON.stringify(node)}`;
        if (batch.length > 256 * 1024) {
          yield encoder.encode(batch);
          batch = '';
        }
      }
      const sources: Record<string, unknown> = {};
      for (let s = 0; s < 50 * WORDS.length; s++) {
        const name = `${WORDS[s % WORDS.length]}_${s % 50}`;
        const id = `source.big_shop.raw.${name}`;
        sources[id] = { database: 'RAW', schema: 'raw', name, resource_type: 'source', package_name: 'big_shop', unique_id: id, source_name: 'raw', identifier: name, description: `Raw ${name}.`, columns: {}, freshness: { warn_after: { count: 12, period: 'hour' }, error_after: { count: 24, period: 'hour' }, filter: null }, loaded_at_field: '_loaded_at', relation_name: `RAW.raw.${name}` };
      }
      yield encoder.encode(`${batch}},"sources":${JSON.stringify(sources)},"macros":{},"docs":{},"exposures":{},"metrics":{},"groups":{},"selectors":{},"disabled":{},"parent_map":{},"child_map":{},"group_map":{},"saved_queries":{},"semantic_models":{},"unit_tests":{}}`);
    },
  };
}

/** The same manifest as a ReadableStream, the way a fetch body or a Blob hands it over. */
export function streamOf(manifest: LargeManifest): ReadableStream<Uint8Array> {
  const chunks = manifest.chunks();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}
