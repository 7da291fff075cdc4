import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatRelative, parseIsoTime } from '../../lib/format/time';

const now = new Date('2026-11-28T12:00:00Z');

describe('formatRelative', () => {
  it('says "3 hours ago" for a build three hours before now', () => {
    expect(formatRelative('2026-11-28T09:00:00Z', now, 'en')).toBe('3 hours ago');
  });

  it('says "5 minutes ago" for a sync five minutes ago', () => {
    expect(formatRelative('2026-11-28T11:55:00Z', now, 'en')).toBe('5 minutes ago');
  });

  it('says "yesterday" for one day ago and "3 days ago" for three', () => {
    expect(formatRelative('2026-11-27T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(formatRelative('2026-11-25T12:00:00Z', now, 'en')).toBe('3 days ago');
  });

  it('uses weeks, months and years for older times', () => {
    expect(formatRelative('2026-11-14T12:00:00Z', now, 'en')).toBe('2 weeks ago');
    expect(formatRelative('2026-08-28T12:00:00Z', now, 'en')).toBe('3 months ago');
    expect(formatRelative('2024-11-01T12:00:00Z', now, 'en')).toBe('2 years ago');
  });

  it('says "now" for the last few seconds and for a clock slightly ahead of dbt', () => {
    expect(formatRelative('2026-11-28T11:59:50Z', now, 'en')).toBe('now');
    expect(formatRelative('2026-11-28T12:00:10Z', now, 'en')).toBe('now');
  });

  it('rounds 50 seconds up to a minute rather than "0 minutes ago"', () => {
    expect(formatRelative('2026-11-28T11:59:10Z', now, 'en')).toBe('1 minute ago');
  });

  it('reads a time well in the future as the future', () => {
    expect(formatRelative('2026-11-28T14:00:00Z', now, 'en')).toBe('in 2 hours');
  });

  it('follows the locale it is given', () => {
    expect(formatRelative('2026-11-28T09:00:00Z', now, 'de')).toBe('vor 3 Stunden');
  });

  it('says the time is unknown for text that is not a time', () => {
    expect(formatRelative('not a date', now, 'en')).toBe('at an unknown time');
  });
});

describe('formatAbsolute', () => {
  it('formats the instant in the given zone and locale', () => {
    expect(formatAbsolute('2026-11-28T09:05:00Z', 'en-US', 'UTC')).toBe('Nov 28, 2026, 9:05 AM');
    expect(formatAbsolute('2026-11-28T09:05:00Z', 'en-US', 'America/New_York')).toBe('Nov 28, 2026, 4:05 AM');
  });

  it('says the time is unknown for text that is not a time', () => {
    expect(formatAbsolute('', 'en-US', 'UTC')).toBe('at an unknown time');
  });
});

describe('parseIsoTime', () => {
  it('returns null, never an Invalid Date, for bad input', () => {
    expect(parseIsoTime('2026-13-45')).toBeNull();
    expect(parseIsoTime(null)).toBeNull();
    expect(parseIsoTime('2026-11-28T09:05:00.123+00:00')?.toISOString()).toBe('2026-11-28T09:05:00.123Z');
  });
});
