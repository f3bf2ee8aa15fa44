import { describe, expect, it } from 'vitest';
import { estimate, pushGap, silentAfterMs } from './traffic-interval';

describe('usual interval', () => {
  it.each([
    // gaps in 100 ms units, newest first (0 = none yet)
    [[10, 10, 0, 0], 0], // two gaps: too few
    [[10, 11, 9, 0], 10], // three that agree
    [[10, 11, 9, 10], 10],
    [[50, 10, 10, 11], 11], // median 10.5 → 11; one odd gap of four (a reboot, the retained message on connect) is tolerated
    [[50, 10, 90, 11], 0], // two are not
    [[3, 40, 7, 20], 0], // published on change
    [[20, 21, 19, 0], 20],
    [[1, 1, 1, 1], 1],
  ])('%j → %i', (gaps, expected) => {
    expect(estimate(gaps[0], gaps[1], gaps[2], gaps[3])).toBe(expected);
  });

  it('learns from pushed gaps; gaps under 50 ms are a burst and change nothing', () => {
    const ring = new Uint16Array(8);
    expect(pushGap(ring, 1, 1000)).toBe(0);
    expect(pushGap(ring, 1, 20)).toBe(-1);
    expect(pushGap(ring, 1, 1040)).toBe(0);
    expect(pushGap(ring, 1, 960)).toBe(10);
    expect(Array.from(ring)).toEqual([0, 0, 0, 0, 10, 10, 10, 0]);
    expect(pushGap(ring, 1, 2 * 3600_000)).toBe(10); // too long to learn: one odd gap
  });

  it('silent after 3× the interval, and at least 2 s past it', () => {
    expect(silentAfterMs(1000)).toBe(3000);
    expect(silentAfterMs(100)).toBe(2100);
    expect(silentAfterMs(60_000)).toBe(180_000);
  });
});
