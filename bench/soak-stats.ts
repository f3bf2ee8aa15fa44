// The soak benchmark's verdict (bench/README.md, "Soak"): is memory flat after the warm-up?
//
// Flat means: the least-squares slope of the main thread's JS heap after a forced GC, over the
// samples taken after the warm-up, is below FLAT_SLOPE_MB_PER_MIN (and the same for the MQTT
// worker's heap when it could be measured). The spread (max − min) is reported beside it: a
// flat heap still moves by a few MB as batches come and go.

/** Largest slope of heap-after-GC (MB per minute) that still counts as flat (issue 14: < 0.2 MB/min after warm-up). */
export const FLAT_SLOPE_MB_PER_MIN = 0.2;
/** Fewer samples after the warm-up than this: no verdict. */
export const MIN_MEASURED_SAMPLES = 4;

export interface Fit {
  /** units of y per minute (x is in seconds) */
  slopePerMin: number;
  /** r² of the fit; near 0 = no trend, noise only */
  r2: number;
  min: number;
  max: number;
  spread: number;
  first: number;
  last: number;
  n: number;
}

/** Least-squares line through (x seconds, y); null with fewer than two usable points. */
export function fit(points: readonly [number, number | null | undefined][]): Fit | null {
  const pts = points.filter((p): p is [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1]));
  const n = pts.length;
  if (n < 2) return null;
  const mx = pts.reduce((a, p) => a + p[0], 0) / n;
  const my = pts.reduce((a, p) => a + p[1], 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const ys = pts.map((p) => p[1]);
  const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
  return {
    slopePerMin: round(slope * 60),
    r2: sxx > 0 && syy > 0 ? round((sxy * sxy) / (sxx * syy)) : 0,
    min: round(Math.min(...ys)),
    max: round(Math.max(...ys)),
    spread: round(Math.max(...ys) - Math.min(...ys)),
    first: round(ys[0]),
    last: round(ys[n - 1]),
    n,
  };
}

export interface SoakSample {
  /** seconds since the load started */
  t: number;
  warmup: boolean;
  /** main-thread JS heap used after forced GC, MB (CDP Runtime.getHeapUsage usedSize) */
  heapMB: number;
  heapTotalMB: number;
  /** ArrayBuffer backing stores and embedder (Blink) heap, when CDP reports them */
  backingStoreMB: number | null;
  embedderHeapMB: number | null;
  /** the MQTT worker's JS heap after forced GC, MB (null: could not be measured) */
  workerHeapMB: number | null;
  /** DOM nodes alive in the renderer (Performance.getMetrics Nodes): in the document or detached */
  domNodes: number | null;
  /** nodes in the document (a TreeWalker over it); domNodes minus this = detached nodes not yet freed */
  domNodesInDocument: number | null;
  jsEventListeners: number | null;
  documents: number | null;
  /** resident and private memory of the page's renderer process (/proc), MB */
  rendererRssMB: number | null;
  rendererPrivateMB: number | null;
  /** renderer CPU (main thread + worker) since the previous sample, % of one core */
  cpuPercent: number | null;
  received: number;
  topics: number;
  coalesced: number;
  /** messages the generator had handed to its socket (repeating + retained) */
  sent: number;
  /** $SYS/broker/publish/messages/dropped since the start */
  brokerDropped: number | null;
  /** what the page was showing when sampled */
  view: string;
  /** the machine's load average (1, 5, 15 min) when sampled: other work on the shared machine */
  loadAverage?: [number, number, number];
  /** animation frames per second over the interval before this sample (null for the first) */
  fps?: number | null;
  /** 95th percentile of the gaps between animation frames over the interval, ms */
  frameP95Ms?: number | null;
  /** main-thread long tasks (> 50 ms) over the interval: count and longest, ms */
  longTasks?: number | null;
  longTaskMaxMs?: number | null;
}

/** The p-th quantile (nearest rank) of `xs`, rounded to 0.1; null for none. */
export function percentile(xs: readonly number[], p: number): number | null {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] * 10) / 10;
}

export interface SoakVerdict {
  flat: boolean | null;
  thresholdMBPerMin: number;
  measuredFrom: number;
  samples: number;
  heap: Fit | null;
  workerHeap: Fit | null;
  backingStore: Fit | null;
  rendererRss: Fit | null;
  domNodes: Fit | null;
  jsEventListeners: Fit | null;
  /** frame p95 of the first sample after the warm-up (minute 5 by default) and of the last sample */
  frameP95AtWarmupMs: number | null;
  frameP95AtEndMs: number | null;
  /** when those two samples were taken, s */
  frameP95AtWarmupT: number | null;
  frameP95AtEndT: number | null;
  /** frame p95 over the samples after the warm-up: least-squares slope in ms per minute */
  frameP95: Fit | null;
  summary: string;
}

export function verdict(samples: readonly SoakSample[], warmupS: number): SoakVerdict {
  const measured = samples.filter((s) => !s.warmup);
  const series = (f: (s: SoakSample) => number | null) => fit(measured.map((s) => [s.t, f(s)]));
  const heap = series((s) => s.heapMB);
  const workerHeap = series((s) => s.workerHeapMB);
  const v: SoakVerdict = {
    flat: null,
    thresholdMBPerMin: FLAT_SLOPE_MB_PER_MIN,
    measuredFrom: warmupS,
    samples: measured.length,
    heap,
    workerHeap,
    backingStore: series((s) => s.backingStoreMB),
    rendererRss: series((s) => s.rendererRssMB),
    domNodes: series((s) => s.domNodes),
    jsEventListeners: series((s) => s.jsEventListeners),
    frameP95AtWarmupMs: measured[0]?.frameP95Ms ?? null,
    frameP95AtEndMs: measured.at(-1)?.frameP95Ms ?? null,
    frameP95AtWarmupT: measured[0]?.t ?? null,
    frameP95AtEndT: measured.at(-1)?.t ?? null,
    frameP95: series((s) => s.frameP95Ms ?? null),
    summary: '',
  };
  const mb = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} MB/min`;
  if (!heap || measured.length < MIN_MEASURED_SAMPLES) {
    v.summary = `no verdict: ${measured.length} sample(s) after the ${warmupS} s warm-up (need ${MIN_MEASURED_SAMPLES}); run longer`;
    return v;
  }
  const growing: string[] = [];
  if (heap.slopePerMin >= FLAT_SLOPE_MB_PER_MIN) growing.push(`main-thread heap ${mb(heap.slopePerMin)}`);
  if (workerHeap && workerHeap.slopePerMin >= FLAT_SLOPE_MB_PER_MIN) growing.push(`worker heap ${mb(workerHeap.slopePerMin)}`);
  v.flat = growing.length === 0;
  v.summary = v.flat
    ? `FLAT: main-thread heap ${mb(heap.slopePerMin)} (spread ${heap.spread.toFixed(1)} MB)` +
      (workerHeap ? `, worker heap ${mb(workerHeap.slopePerMin)} (spread ${workerHeap.spread.toFixed(1)} MB)` : ', worker heap not measured') +
      ` over ${measured.length} samples after the ${warmupS} s warm-up; threshold < ${FLAT_SLOPE_MB_PER_MIN} MB/min`
    : `NOT FLAT: ${growing.join(', ')} over ${measured.length} samples after the ${warmupS} s warm-up; threshold < ${FLAT_SLOPE_MB_PER_MIN} MB/min`;
  return v;
}
