/**
 * Learning a topic's usual publishing interval from its own history, in a few bytes per topic:
 * the last 4 gaps between its messages (Uint16, 100 ms units, newest first) and the estimate
 * made from them when a gap arrives. Used by the traffic model (core/traffic.ts) for
 * "Silent topics".
 *
 * - Gaps under MIN_GAP_MS are one burst (several messages at once), not an interval: skipped.
 * - The estimate is the median of the gaps kept (at least 3). It counts only when the gaps
 *   agree: all 3, or 3 of 4, within ±25 % (+100 ms for jitter) of the median. So a topic that
 *   publishes on change, or in irregular bursts, has no usual interval and is never "silent";
 *   one odd gap (a reboot, the retained message first seen on connect) does not unlearn it.
 * - Gaps over ~1.8 h (the largest Uint16) are not learned.
 */

export const INTERVAL_UNIT_MS = 100;
/** Gaps shorter than this are part of a burst. */
export const MIN_GAP_MS = 50;
/** Gaps kept per topic. */
export const GAPS = 4;
const MAX_UNITS = 0xffff;

/**
 * Pushes one gap into topic `i`'s ring (`ring` holds GAPS entries per topic, newest first, 0 =
 * empty) and returns the usual interval now learned, in INTERVAL_UNIT_MS units (0: none).
 * Returns -1 when the gap was skipped (a burst): the estimate is unchanged.
 */
export function pushGap(ring: Uint16Array, i: number, gapMs: number): number {
  if (!(gapMs >= MIN_GAP_MS)) return -1;
  const units = gapMs >= MAX_UNITS * INTERVAL_UNIT_MS ? MAX_UNITS : Math.max(1, Math.round(gapMs / INTERVAL_UNIT_MS));
  const o = i * GAPS;
  ring[o + 3] = ring[o + 2];
  ring[o + 2] = ring[o + 1];
  ring[o + 1] = ring[o];
  ring[o] = units;
  return estimate(ring[o], ring[o + 1], ring[o + 2], ring[o + 3]);
}

/** The usual interval (units) from up to four gaps (0 = empty), or 0 when there is none. Allocates nothing. */
export function estimate(a: number, b: number, c: number, d: number): number {
  if (c === 0) return 0;
  let median: number;
  if (d === 0) {
    median = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  } else {
    // The two middle values of four: everything but the smallest and the largest.
    const lo = Math.min(a, b, c, d);
    const hi = Math.max(a, b, c, d);
    median = (a + b + c + d - lo - hi) / 2;
  }
  if (median >= MAX_UNITS) return 0;
  const tolerance = median * 0.25 + 1;
  if (near(a, median, tolerance) + near(b, median, tolerance) + near(c, median, tolerance) + near(d, median, tolerance) < 3) return 0;
  return Math.max(1, Math.round(median));
}

/** 1 when gap `v` (0 = empty) is within `tolerance` of `median` (a function of its own: no closure per estimate). */
function near(v: number, median: number, tolerance: number): number {
  return v > 0 && Math.abs(v - median) <= tolerance ? 1 : 0;
}

/** How long a topic with this usual interval may be quiet before it is "silent": 3×, and at least 2 s past it. */
export function silentAfterMs(intervalMs: number): number {
  return Math.max(3 * intervalMs, intervalMs + 2000);
}
