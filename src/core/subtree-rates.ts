/**
 * Messages per second of a tree row's whole subtree, for the Explorer's "Show rates": the
 * trie's cumulative `subtreeMessages` of just the rows someone asks about, sampled once a second
 * (app/live.ts), the rate being the growth over the last 10 s. No walk of a subtree, ever, and
 * nothing per message: the cost is one read per shown row per second.
 *
 * A row is tracked from the first `rateOf` call (which takes its first sample at once, so the
 * rate is there one second later) until nobody asked for it for TRACK_FOR_S seconds.
 */
import { VersionedEmitter } from './emitter';

/** What is sampled: a trie node (core/topic-node.ts). */
export interface Counted {
  readonly subtreeMessages: number;
}

const SAMPLES = 11; // 10 s of growth
const TRACK_FOR_S = 15;

interface Track {
  counts: Float64Array;
  times: Float64Array;
  /** Samples taken (the newest is at (taken - 1) % SAMPLES). */
  taken: number;
  /** Tick of the last rateOf call. */
  wanted: number;
}

export class SubtreeRates extends VersionedEmitter {
  private readonly tracks = new Map<Counted, Track>();
  private ticks = 0;
  private readonly clock: () => number;

  constructor(clock: () => number = Date.now) {
    super();
    this.clock = clock;
  }

  /** Rows tracked now. */
  get size(): number {
    return this.tracks.size;
  }

  /**
   * Messages/s of the node's subtree over the last 10 s (less right after it was first asked
   * for), or undefined before there are two samples. Asking keeps it tracked.
   */
  rateOf(node: Counted): number | undefined {
    let t = this.tracks.get(node);
    if (!t) {
      t = { counts: new Float64Array(SAMPLES), times: new Float64Array(SAMPLES), taken: 0, wanted: this.ticks };
      this.tracks.set(node, t);
      push(t, node.subtreeMessages, this.clock());
      return undefined;
    }
    t.wanted = this.ticks;
    if (t.taken < 2) return undefined;
    const newest = (t.taken - 1) % SAMPLES;
    const oldest = t.taken >= SAMPLES ? t.taken % SAMPLES : 0;
    const dt = t.times[newest] - t.times[oldest];
    if (dt <= 0) return undefined;
    return Math.max(0, ((t.counts[newest] - t.counts[oldest]) * 1000) / dt);
  }

  /** Takes a sample of every tracked node; forgets those nobody asked about lately. Once a second. */
  sample(now: number = this.clock()): void {
    if (this.tracks.size === 0) return;
    this.ticks++;
    for (const [node, t] of this.tracks) {
      if (this.ticks - t.wanted > TRACK_FOR_S) this.tracks.delete(node);
      else push(t, node.subtreeMessages, now);
    }
    this.changed();
  }
}

function push(t: Track, count: number, time: number): void {
  const i = t.taken % SAMPLES;
  t.counts[i] = count;
  t.times[i] = time;
  t.taken++;
}
