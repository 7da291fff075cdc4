/**
 * When an environment syncs next: its refresh interval, jittered by ±20 % so that a thousand
 * browsers installed the same morning do not all ask dbt in the same minute.
 */
export const JITTER = 0.2;

export function nextSyncMinutes(refreshMinutes: number, random: () => number = Math.random): number {
  return refreshMinutes * (1 - JITTER + 2 * JITTER * random());
}
