/**
 * run_results.json holds one invocation only: a `dbt run -s orders` leaves every other model out,
 * and a failed build says nothing of the last good one. Docent keeps what it saw before: a node
 * missing from the new file keeps its earlier result, and a node that failed keeps the time of
 * its last success (as dbt Cloud's lastSuccess* fields do).
 */
import type { ParsedRunResults } from './parsed';

export function mergeRunHistory(previous: ParsedRunResults | null, next: ParsedRunResults): ParsedRunResults {
  if (!previous || previous.invocationId === next.invocationId) return next;
  const results = { ...previous.results };
  for (const [id, result] of Object.entries(next.results)) {
    results[id] = { ...result, lastSuccessAt: result.lastSuccessAt ?? previous.results[id]?.lastSuccessAt ?? null };
  }
  return { ...next, results };
}
