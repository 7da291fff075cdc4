import { formatAbsolute, formatRelative, parseIsoTime } from '../lib/format/time';

/**
 * "3 hours ago" in a `<time>` element whose tooltip is the local date and time; with `absolute`
 * the local time is also written out, for places (the doc card) where hovering is not a given.
 */
export function RelativeTime({ iso, now, absolute = false }: { iso: string; now: Date; absolute?: boolean }) {
  if (!parseIsoTime(iso)) return <span>at an unknown time</span>;
  const local = formatAbsolute(iso);
  return (
    <time dateTime={iso} title={local}>
      {formatRelative(iso, now)}
      {absolute ? ` (${local})` : ''}
    </time>
  );
}
