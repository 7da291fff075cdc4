/**
 * How fast scanText reads dashboard-like text. Run: `npx tsx tests/bench/scan.bench.ts`.
 * Prints figures only; unit tests carry no timing assertions (timing depends on the machine).
 */
import { scanText } from '../../lib/matching/scan';

const SAMPLES = [
  'Revenue by region for the last 30 days, compared with the previous period. ',
  'select o.order_id, c.customer_name from analytics.marts.orders o ',
  'join "ANALYTICS"."MARTS"."CUSTOMERS" c on c.customer_id = o.customer_id ',
  'from `your-project`.`jaffle_shop`.`daily_orders` where status = \'completed\' ',
  'Last refreshed 5 minutes ago by jane.doe@acme.io — see https://docs.getdbt.com/docs for details. ',
  '12,345.67  8,910.11  99.5%  -3.2%  Q3 2024  report.csv  v1.2.3 ',
];

function corpus(bytes: number): string {
  const chunks: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const sample = SAMPLES[i % SAMPLES.length]!;
    chunks.push(sample);
    size += sample.length;
  }
  return chunks.join('');
}

const MB = 1024 * 1024;
for (const megabytes of [1, 8]) {
  const text = corpus(megabytes * MB);
  scanText(text); // warm up the JIT
  const runs = 5;
  const started = performance.now();
  let hits = 0;
  for (let run = 0; run < runs; run++) hits = scanText(text).length;
  const ms = (performance.now() - started) / runs;
  console.log(
    `${megabytes} MB: ${ms.toFixed(1)} ms per pass, ${(ms / megabytes).toFixed(1)} ms/MB, ${hits} candidates`,
  );
}

// Many small text nodes (the overlay calls scanText once per node): the per-call overhead.
const nodes = SAMPLES.flatMap((sample) => sample.split(/(?<=\. )/));
const calls = 200_000;
const started = performance.now();
for (let i = 0; i < calls; i++) scanText(nodes[i % nodes.length]!);
const perCall = ((performance.now() - started) * 1000) / calls;
console.log(`${calls} short texts: ${perCall.toFixed(2)} µs per call`);
