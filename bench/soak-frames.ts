// Frame and long-task accounting of the soak benchmark (bench/soak.bench.ts), per sample interval.
//
// instrumentFrames runs before the app's scripts (page.addInitScript): a requestAnimationFrame
// loop records the gap between consecutive frames, and a PerformanceObserver counts main-thread
// long tasks (over 50 ms). readFrames (page.evaluate) returns what was recorded since the last
// reset and, with reset = true, starts a new interval. The soak reads an interval's frames just
// before it forces GC for the sample and resets right after the probes, so the GC's own pause
// (and a heap snapshot's) never lands in any interval's frame figures.
import type { SoakSample } from './soak-stats.ts';

export interface FrameReading {
  /** frames and wall time since the last reset */
  count: number;
  wallMs: number;
  /** gaps between consecutive frames, ms (at most 20,000 per interval) */
  gaps: number[];
  longTasks: number;
  longTaskMaxMs: number;
}

/** Before any page script: the frame loop and the long-task observer (self-contained: serialised into the page). */
export function instrumentFrames(): void {
  const w = window as any;
  const st = (w.__soakFrames = { count: 0, since: performance.now(), last: 0, gaps: [] as number[], longTasks: 0, longTaskMaxMs: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        st.longTasks++;
        st.longTaskMaxMs = Math.max(st.longTaskMaxMs, e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* not supported */
  }
  const frame = (t: number) => {
    if (st.last && st.gaps.length < 20_000) st.gaps.push(t - st.last);
    st.last = t;
    st.count++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** The interval's figures; with `reset`, a new interval starts now (self-contained: runs in the page). */
export function readFrames(reset: boolean): FrameReading {
  const st = (window as any).__soakFrames;
  if (!st) return { count: 0, wallMs: 0, gaps: [], longTasks: 0, longTaskMaxMs: 0 };
  const now = performance.now();
  const r = { count: st.count, wallMs: now - st.since, gaps: st.gaps.slice(), longTasks: st.longTasks, longTaskMaxMs: st.longTaskMaxMs };
  if (reset) Object.assign(st, { count: 0, since: now, last: 0, gaps: [], longTasks: 0, longTaskMaxMs: 0 });
  return r;
}

const CSV_COLUMNS: [string, (s: SoakSample) => unknown][] = [
  ['t_s', (s) => s.t],
  ['minute', (s) => Math.round((s.t / 60) * 100) / 100],
  ['warmup', (s) => (s.warmup ? 1 : 0)],
  ['heap_mb', (s) => s.heapMB],
  ['worker_heap_mb', (s) => s.workerHeapMB],
  ['buffers_mb', (s) => s.backingStoreMB],
  ['renderer_rss_mb', (s) => s.rendererRssMB],
  ['dom_nodes', (s) => s.domNodes],
  ['dom_nodes_in_doc', (s) => s.domNodesInDocument],
  ['listeners', (s) => s.jsEventListeners],
  ['fps', (s) => s.fps],
  ['frame_p95_ms', (s) => s.frameP95Ms],
  ['long_tasks', (s) => s.longTasks],
  ['long_task_max_ms', (s) => s.longTaskMaxMs],
  ['topics', (s) => s.topics],
  ['received', (s) => s.received],
  ['sent', (s) => s.sent],
  ['behind', (s) => s.sent - s.received],
  ['broker_dropped', (s) => s.brokerDropped],
  ['renderer_cpu_pct', (s) => s.cpuPercent],
  ['load1', (s) => s.loadAverage?.[0]],
  ['load5', (s) => s.loadAverage?.[1]],
  ['load15', (s) => s.loadAverage?.[2]],
  ['view', (s) => s.view],
];

/** One row per sample, a header first; empty cells for what was not measured. */
export function soakCsv(samples: readonly SoakSample[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return [CSV_COLUMNS.map(([h]) => h).join(','), ...samples.map((s) => CSV_COLUMNS.map(([, f]) => cell(f(s))).join(','))].join('\n') + '\n';
}
