// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { JITTER, nextSyncMinutes } from '../../lib/catalog/schedule';

describe('nextSyncMinutes', () => {
  it('spreads the next sync over ±20 % of the refresh interval', () => {
    expect(JITTER).toBe(0.2);
    expect(nextSyncMinutes(15, () => 0)).toBeCloseTo(12);
    expect(nextSyncMinutes(15, () => 0.5)).toBeCloseTo(15);
    expect(nextSyncMinutes(15, () => 0.999999)).toBeCloseTo(18);
  });

  it('gives a thousand browsers installed at once different minutes, all inside the band', () => {
    const minutes = Array.from({ length: 1000 }, () => nextSyncMinutes(60));
    for (const m of minutes) {
      expect(m).toBeGreaterThanOrEqual(48);
      expect(m).toBeLessThanOrEqual(72);
    }
    // Spread across the band, not bunched: each fifth of it gets a share.
    const fifths = [0, 0, 0, 0, 0];
    for (const m of minutes) fifths[Math.min(4, Math.floor((m - 48) / 4.8))]! += 1;
    for (const count of fifths) expect(count).toBeGreaterThan(100);
  });
});
