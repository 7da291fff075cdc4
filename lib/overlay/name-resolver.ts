/**
 * Stage 2 of the overlay: which candidate names are models. Asks the background once per batch of
 * names it has not asked about, and remembers every answer for the run, so a name seen again (the
 * same table in 3,000 rows, an appended row) costs a map lookup. A failed question is not
 * remembered: the next scan that meets those names asks again.
 */
import type { DocentError, NameMatch } from '../messaging';
import { ok, type Result } from '../result';

/** The background's `resolve` message, or a fake. */
export type AskBackground = (keys: string[]) => Promise<Result<NameMatch[], DocentError>>;

export interface NameResolver {
  /**
   * Answers for `keys`: the match, or null for a name that is no model. Keys already known are
   * answered without asking. The error is the first failed batch's; the batches that were answered
   * are remembered all the same.
   */
  resolve(keys: Iterable<string>): Promise<Result<Map<string, NameMatch | null>, DocentError>>;
  /** What is known of one key: a match, null (not a model), or undefined (never answered). */
  known(key: string): NameMatch | null | undefined;
  /** Forgets every answer: the index changed, so the next resolve asks again. */
  forget(): void;
}

export function createNameResolver(ask: AskBackground, batchSize = 200): NameResolver {
  const known = new Map<string, NameMatch | null>();
  // Two scans that meet the same new names at once share one question.
  const inFlight = new Map<string, Promise<Result<NameMatch[], DocentError>>>();
  let generation = 0;

  async function askBatch(batch: string[]): Promise<Result<NameMatch[], DocentError>> {
    const asked = generation;
    const answer = await ask(batch).catch(
      (error: unknown): Result<NameMatch[], DocentError> => ({
        ok: false,
        error: { kind: 'network', message: `Docent could not reach its background: ${String(error)}` },
      }),
    );
    if (answer.ok && asked === generation) {
      const byKey = new Map(answer.value.map((match) => [match.key, match]));
      for (const key of batch) known.set(key, byKey.get(key) ?? null);
    }
    return answer;
  }

  return {
    async resolve(keys) {
      const wanted = [...new Set(keys)];
      const fresh = wanted.filter((key) => !known.has(key) && !inFlight.has(key));
      for (let i = 0; i < fresh.length; i += batchSize) {
        const batch = fresh.slice(i, i + batchSize);
        const pending = askBatch(batch).finally(() => {
          for (const key of batch) if (inFlight.get(key) === pending) inFlight.delete(key);
        });
        for (const key of batch) inFlight.set(key, pending);
      }
      const waits = new Set(wanted.map((key) => inFlight.get(key)).filter((p) => p !== undefined));
      let failure: DocentError | null = null;
      for (const answer of await Promise.all(waits)) if (!answer.ok) failure ??= answer.error;
      const answers = new Map<string, NameMatch | null>();
      for (const key of wanted) {
        const match = known.get(key);
        if (match !== undefined) answers.set(key, match);
      }
      // The keys that were answered stay known (see `known`) even when another batch failed.
      return failure ? { ok: false, error: failure } : ok(answers);
    },
    known: (key) => known.get(key),
    forget() {
      known.clear();
      inFlight.clear();
      generation += 1;
    },
  };
}
