/**
 * The one cache of doc-card details for a page: every badge, tile badge and summary entry that
 * opens a model's card shares it, so a model is asked for once however many places name it.
 * Details expire, so a description edited in dbt shows on the next open after that; a failure is
 * not kept, so the next open asks again, and neither is an answer "as of" an old sync (the
 * background could not refresh): once dbt answers again, the next open shows fresh details.
 */
import type { DetailsAnswer, DocentError } from '../messaging';
import type { Result } from '../result';

/**
 * `environment` (a candidate's, when several projects are configured) says which index to ask:
 * the same unique id can live in two environments of one project.
 */
export type LoadDetails = (uniqueId: string, environment?: string) => Promise<Result<DetailsAnswer, DocentError>>;

/** Details stay this long: a description edited in dbt shows on the next open after it. */
export const DETAILS_TTL_MS = 5 * 60_000;

export interface DetailsCache {
  get(uniqueId: string, environment?: string): Promise<Result<DetailsAnswer, DocentError>>;
  clear(): void;
}

interface Cached {
  at: number;
  pending: Promise<Result<DetailsAnswer, DocentError>>;
}

export function createDetailsCache(
  loadDetails: LoadDetails,
  { now = () => new Date(), ttlMs = DETAILS_TTL_MS }: { now?: () => Date; ttlMs?: number } = {},
): DetailsCache {
  const cache = new Map<string, Cached>();
  return {
    async get(uniqueId, environment) {
      const key = environment ? `${environment}\n${uniqueId}` : uniqueId;
      let cached = cache.get(key);
      if (!cached || now().getTime() - cached.at >= ttlMs) {
        const pending = (environment ? loadDetails(uniqueId, environment) : loadDetails(uniqueId)).catch((error: unknown) => ({
          ok: false as const,
          error: { kind: 'network' as const, message: `Docent could not reach its background: ${String(error)}` },
        }));
        cached = { at: now().getTime(), pending };
        cache.set(key, cached);
      }
      const result = await cached.pending;
      if ((!result.ok || result.value.asOf) && cache.get(key) === cached) cache.delete(key);
      return result;
    },
    clear: () => cache.clear(),
  };
}
