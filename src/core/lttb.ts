/**
 * Largest-triangle-three-buckets downsampling (Steinarsson 2013): picks
 * `threshold` points of a time series that keep its visual shape. The first
 * and last points are always kept, and so are the series' overall minimum and
 * maximum (plain LTTB usually keeps them; here it is guaranteed, so a spike is
 * never drawn away).
 */

/**
 * Indices (ascending) of the points to draw. `xs` must be non-decreasing.
 * With `threshold` >= the number of points (or < 3), every index is returned. At most
 * `threshold` indices otherwise (threshold 3 may give 4: one middle slot cannot hold both extremes).
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const n = Math.min(xs.length, ys.length);
  const target = Math.floor(threshold);
  if (!(target >= 3) || target >= n) return Array.from({ length: n }, (_, i) => i);

  const picked = new Array<number>(target);
  picked[0] = 0;
  picked[target - 1] = n - 1;
  // Buckets for the points between the first and the last.
  const every = (n - 2) / (target - 2);
  const bucketStart = (b: number) => Math.floor(b * every) + 1;
  let a = 0;
  for (let b = 0; b < target - 2; b++) {
    // Average of the next bucket (or the last point for the final bucket).
    const nextStart = bucketStart(b + 1);
    const nextEnd = Math.min(bucketStart(b + 2), n - 1);
    let avgX = 0;
    let avgY = 0;
    if (b === target - 3 || nextStart >= nextEnd) {
      avgX = xs[n - 1];
      avgY = ys[n - 1];
    } else {
      for (let i = nextStart; i < nextEnd; i++) {
        avgX += xs[i];
        avgY += ys[i];
      }
      avgX /= nextEnd - nextStart;
      avgY /= nextEnd - nextStart;
    }
    const start = bucketStart(b);
    const end = Math.min(bucketStart(b + 1), n - 1);
    const ax = xs[a];
    const ay = ys[a];
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((ax - avgX) * (ys[i] - ay) - (ax - xs[i]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    picked[b + 1] = best;
    a = best;
  }

  // Guarantee the global extremes: each replaces the pick of its own bucket.
  let minI = 0;
  let maxI = 0;
  for (let i = 1; i < n; i++) {
    if (ys[i] < ys[minI]) minI = i;
    if (ys[i] > ys[maxI]) maxI = i;
  }
  const extremes = new Set([minI, maxI]);
  for (const extreme of extremes) {
    if (picked.includes(extreme)) continue;
    let bucket = Math.min(target - 3, Math.floor((extreme - 1) / every));
    while (bucket < target - 3 && bucketStart(bucket + 1) <= extreme) bucket++;
    while (bucket > 0 && bucketStart(bucket) > extreme) bucket--;
    // Replace the pick of its bucket, or of a neighbouring bucket if that pick is the other extreme.
    const slots = [bucket + 1, bucket + 2, bucket];
    const slot = slots.find((k) => k >= 1 && k <= target - 2 && !extremes.has(picked[k]));
    if (slot === undefined) picked.push(extreme);
    else picked[slot] = extreme;
  }
  return Array.from(new Set(picked)).sort((x, y) => x - y);
}

/** Convenience: the downsampled points themselves. */
export function lttb<T extends { t: number; v: number }>(points: readonly T[], threshold: number): T[] {
  const xs = new Float64Array(points.length);
  const ys = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    xs[i] = points[i].t;
    ys[i] = points[i].v;
  }
  return lttbIndices(xs, ys, threshold).map((i) => points[i]);
}
