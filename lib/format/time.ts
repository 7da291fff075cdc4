/**
 * "3 hours ago" and local times for the doc card and the popup, with the browser's own Intl
 * (docs/architecture.md "Libraries": no date library for two formats). Pure: the clock and the locale are
 * arguments, so a test pins them.
 */

const UNKNOWN_TIME = 'at an unknown time';

/** Largest unit first; each applies once the distance reaches `seconds`. */
const UNITS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: 'year', seconds: 365 * 24 * 3600 },
  { unit: 'month', seconds: 30 * 24 * 3600 },
  { unit: 'week', seconds: 7 * 24 * 3600 },
  { unit: 'day', seconds: 24 * 3600 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
];

/** A parsed ISO time, or `null` when the text is not one (never an Invalid Date). */
export function parseIsoTime(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * "3 hours ago", "yesterday", "now" style text for `iso` as seen at `now`.
 * Times a little in the future (a clock a few seconds ahead of dbt's) read as "now" rather than
 * "in 5 seconds"; further ahead they read as the future, which is honest about a skewed clock.
 */
export function formatRelative(iso: string, now: Date, locale?: string): string {
  const date = parseIsoTime(iso);
  if (!date) return UNKNOWN_TIME;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const diffSeconds = (date.getTime() - now.getTime()) / 1000;
  const distance = Math.abs(diffSeconds);
  if (distance < 45) return format.format(0, 'second');
  for (const { unit, seconds } of UNITS) {
    if (distance >= seconds) {
      return format.format(Math.round(diffSeconds / seconds), unit);
    }
  }
  // 45–59 s: a minute, not "in 0 minutes".
  return format.format(Math.sign(diffSeconds), 'minute');
}

/**
 * The same instant as a local date and time ("Nov 27, 2026, 9:57 PM"). `timeZone` defaults to the
 * browser's own; tests pass one so they do not depend on the machine's zone.
 */
export function formatAbsolute(iso: string, locale?: string, timeZone?: string): string {
  const date = parseIsoTime(iso);
  if (!date) return UNKNOWN_TIME;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}
