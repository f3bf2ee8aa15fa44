import { describe, expect, it } from 'vitest';
import { lttb, lttbIndices } from './lttb';
import { seededRandom } from './test-fixtures';

function series(n: number, f: (i: number) => number) {
  return Array.from({ length: n }, (_, i) => ({ t: 1000 + i * 100, v: f(i) }));
}

describe('lttb', () => {
  it('returns everything when the threshold is not below the length (or too small to bucket)', () => {
    const s = series(10, (i) => i);
    expect(lttb(s, 10)).toEqual(s);
    expect(lttb(s, 50)).toEqual(s);
    expect(lttb(s, 2)).toEqual(s);
    expect(lttb([], 100)).toEqual([]);
  });

  it('returns the threshold count, in time order, keeping first and last', () => {
    const rand = seededRandom(7);
    const s = series(10_000, () => rand() * 100);
    const out = lttb(s, 500);
    expect(out.length).toBeGreaterThanOrEqual(498);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out[0]).toBe(s[0]);
    expect(out[out.length - 1]).toBe(s[s.length - 1]);
    for (let i = 1; i < out.length; i++) expect(out[i].t).toBeGreaterThan(out[i - 1].t);
  });

  it('keeps a single spike and a single dip in a flat series', () => {
    const s = series(5000, (i) => (i === 1234 ? 99 : i === 3210 ? -42 : 20));
    const out = lttb(s, 100);
    expect(out.some((p) => p.v === 99)).toBe(true);
    expect(out.some((p) => p.v === -42)).toBe(true);
  });

  it('keeps the global min and max of random data, for many sizes and thresholds', () => {
    const rand = seededRandom(42);
    for (let trial = 0; trial < 200; trial++) {
      const n = 5 + Math.floor(rand() * 3000);
      const threshold = 3 + Math.floor(rand() * 400);
      const s = series(n, () => Math.round((rand() - 0.5) * 1e6) / 100);
      const ys = s.map((p) => p.v);
      const out = lttb(s, threshold);
      const outYs = out.map((p) => p.v);
      expect(Math.max(...outYs)).toBe(Math.max(...ys));
      expect(Math.min(...outYs)).toBe(Math.min(...ys));
      // Only a threshold of 3 (one middle slot) may need one extra point to keep both extremes.
      expect(out.length).toBeLessThanOrEqual(threshold === 3 ? 4 : threshold);
    }
  });

  it('keeps both extremes when they fall into the same bucket', () => {
    const s = series(1000, (i) => (i === 500 ? 1000 : i === 501 ? -1000 : Math.sin(i / 10)));
    const out = lttb(s, 10);
    expect(out.map((p) => p.v)).toEqual(expect.arrayContaining([1000, -1000]));
  });

  it('lttbIndices works on typed arrays and returns ascending unique indices', () => {
    const xs = Float64Array.from({ length: 1000 }, (_, i) => i);
    const ys = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 30) * 10);
    const idx = lttbIndices(xs, ys, 64);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(999);
    expect(new Set(idx).size).toBe(idx.length);
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1]);
  });
});
