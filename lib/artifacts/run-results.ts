/**
 * run_results.json (v4–v6) → each node's last status and when it completed. Models, seeds and
 * snapshots say success | error | skipped (| no-op, reused in newer dbt); tests say
 * pass | fail | warn | error | skipped. Results keep no compiled SQL: only the error message.
 */
import { err, ok } from '../result';
import { type ArtifactCollector, record, str } from './collector';
import { missingMetadata } from './manifest';
import { truncateText, MAX_ERROR_CHARS } from './limits';
import type { NodeRunResult, ParsedRunResults } from './parsed';
import { checkSchemaVersion } from './versions';

/** The execute step's end (when the table was written); the last timing's otherwise. */
function completedAt(timing: unknown): string | null {
  if (!Array.isArray(timing)) return null;
  const steps = timing.map(record);
  const execute = steps.find((s) => s.name === 'execute');
  return str(execute?.completed_at) ?? str(steps.at(-1)?.completed_at);
}

export function runResultsCollector(): ArtifactCollector<ParsedRunResults> {
  let schemaVersion: number | null = null;
  let generatedAt: string | null = null;
  let invocationId: string | null = null;
  const results: Record<string, NodeRunResult> = {};
  return {
    kind: 'run_results',
    entrySections: ['results'],
    metadata(value) {
      const version = checkSchemaVersion('run_results', value);
      if (!version.ok) return version.error;
      schemaVersion = version.value;
      generatedAt = str(record(value).generated_at);
      invocationId = str(record(value).invocation_id);
      return null;
    },
    entry(_section, value) {
      const raw = record(value);
      const uniqueId = str(raw.unique_id);
      const status = str(raw.status);
      if (!uniqueId || !status) return null;
      const lower = status.toLowerCase();
      const notOk = lower === 'error' || lower === 'fail' || lower === 'warn';
      results[uniqueId] = {
        status: lower,
        completedAt: completedAt(raw.timing) ?? generatedAt,
        message: notOk ? truncateText(str(raw.message), MAX_ERROR_CHARS) : null,
        failures: typeof raw.failures === 'number' ? raw.failures : null,
        lastSuccessAt: null,
      };
      const result = results[uniqueId]!;
      if (lower === 'success' || lower === 'pass' || lower === 'warn') result.lastSuccessAt = result.completedAt;
      return null;
    },
    finish() {
      if (schemaVersion === null) return err(missingMetadata('run_results.json'));
      return ok({ schemaVersion, generatedAt, invocationId, results });
    },
  };
}
