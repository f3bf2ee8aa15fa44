/**
 * Traffic figures of an open recording (time travel) as of the slider's time t — what the
 * Traffic view and the Explorer's rates show live (core/traffic.ts), computed from the
 * recording's time index (recording-index.ts) instead of from arriving messages:
 *
 * - per topic msg/s and bytes/s over the 10 s and 1 min ending at t (messages with
 *   t − window < time ≤ t, divided by the window, or by the time since the recording started
 *   when that is shorter, at least 1 s), the last minute per second (sparklines);
 * - per topic total bytes, largest payload and last message up to t, topics seen up to t;
 * - silent topics as of t (the usual interval learned from the gaps before t, as live) and
 *   status topics whose last message up to t says offline;
 * - messages/s of any level's subtree over the 10 s ending at t (the Explorer's Show rates).
 *
 * It implements TrafficColumns, so the Top talkers query (top-talkers.ts) runs on it unchanged.
 *
 * Cost. Built on first use (the Traffic view or Show rates on a recording), never while
 * loading: per message its payload size (4 bytes, position order) and, per topic list entry,
 * the running byte sum and largest payload up to it (8 + 4 bytes): 16 bytes per message, plus
 * 50 bytes per topic. `at(t)` moves the two windows by what entered and left them (either
 * direction; a jump further than a window redoes just that window), so a drag or Play costs
 * what moved, not the recording. `totals()` (the Top talkers' columns) is one binary search
 * per topic seen. Subtree rates are per level counts kept beside the 10 s window once someone
 * asks for one. Pure: no React; sizes and status payloads come from the functions given.
 */
import { isDeviceStatusTopic, readDeviceStatus } from './device-status';
import type { RecordingIndex } from './recording-index';
import type { SecondRecord, SilentTopic, TopicTraffic, TrafficColumns } from './traffic';
import { estimate, INTERVAL_UNIT_MS, MIN_GAP_MS, silentAfterMs } from './traffic-interval';

const SHORT_MS = 10_000;
const LONG_MS = 60_000;
const MAX_UNITS = 0xffff;
/** Messages looked back per topic for the gaps of its usual interval (bursts are skipped). */
const GAP_LOOKBACK = 64;
const OFFLINE_TEXT_MAX = 40;

let instances = 0;

interface Window {
  lo: number;
  hi: number;
}

export interface RecordingTrafficOptions {
  /** When the recording started (ms since epoch): rates right after it divide by the time since. Default: the first message. */
  start?: number;
  /** The payload of a message (for status topics that say offline), by message index; without it no topic is called offline. */
  payload?: (messageIndex: number, topic: string) => Uint8Array;
}

export class RecordingTraffic implements TrafficColumns {
  /** Negative and unique: never equal to a live model's generation, so a Top talkers query notices the switch. */
  readonly generation = -++instances;
  readonly ids: ReadonlyMap<string, number>;
  readonly c10: Uint32Array;
  readonly c60: Uint32Array;
  readonly b10: Uint32Array;
  readonly b60: Uint32Array;
  /** Up to t, for the topics seen (after totals()). */
  readonly total: Float64Array;
  readonly largest: Uint32Array;
  private readonly lastTime: Float64Array;
  /** Payload size per position. */
  private readonly sizes: Uint32Array;
  /** Per topic list entry (recording-index topicPositions, all topics end to end): bytes and largest payload up to it. */
  private readonly cumBytes: Float64Array;
  private readonly maxSize: Uint32Array;
  private readonly listStart: Uint32Array;
  /** Position of each topic's first message (grows with the id). */
  private readonly firstPos: Uint32Array;
  private readonly start: number;
  private readonly w10: Window = { lo: 0, hi: 0 };
  private readonly w60: Window = { lo: 0, hi: 0 };
  private all10 = 0;
  private allB10 = 0;
  private t = -Infinity;
  private seen = 0;
  private totalsAt = -1;
  private recordsAt = -Infinity;
  private recordsCache: SecondRecord[] = [];
  /** Status topics: 0 unknown, 1 not a status topic, 2 a status topic. */
  private readonly status: Uint8Array;
  /** Subtree counts over the 10 s window, per level (made on the first subtreeRate). */
  private levels: { ids: Map<string, number>; counts: Float64Array; ofTopic: (Uint32Array | undefined)[] } | undefined;

  constructor(
    private readonly index: RecordingIndex,
    /** Every message's payload size, by message index (PackedMessages.sizes); kept as it is when the recording was in time order. */
    sizes: Uint32Array,
    private readonly options: RecordingTrafficOptions = {},
  ) {
    const n = index.length;
    const T = index.topicCount;
    this.start = options.start ?? index.timeRange?.start ?? 0;
    if (index.order) {
      this.sizes = new Uint32Array(n);
      for (let r = 0; r < n; r++) this.sizes[r] = sizes[index.order[r]];
    } else this.sizes = sizes;
    this.cumBytes = new Float64Array(n);
    this.maxSize = new Uint32Array(n);
    this.listStart = new Uint32Array(T + 1);
    this.firstPos = new Uint32Array(T);
    let k = 0;
    for (let id = 0; id < T; id++) {
      const list = index.topicPositions(id);
      this.listStart[id] = k;
      this.firstPos[id] = list.length ? list[0] : n;
      let sum = 0;
      let max = 0;
      for (let j = 0; j < list.length; j++, k++) {
        const size = this.sizes[list[j]];
        sum += size;
        if (size > max) max = size;
        this.cumBytes[k] = sum;
        this.maxSize[k] = max;
      }
    }
    this.listStart[T] = k;
    this.c10 = new Uint32Array(T);
    this.c60 = new Uint32Array(T);
    this.b10 = new Uint32Array(T);
    this.b60 = new Uint32Array(T);
    this.total = new Float64Array(T);
    this.largest = new Uint32Array(T);
    this.lastTime = new Float64Array(T);
    this.status = new Uint8Array(T);
    this.ids = new SeenTopics(index, () => this.seen);
  }

  /** The time the figures are for (ms since epoch). */
  get time(): number {
    return this.t;
  }

  /** Topics with a message up to t. */
  get topicCount(): number {
    return this.seen;
  }

  get span10(): number {
    return this.span(SHORT_MS);
  }

  get span60(): number {
    return this.span(LONG_MS);
  }

  /** Sparkline seconds count back from t: the second ending at t is 0, the one before −1, … */
  get lastClosed(): number {
    return 0;
  }

  /** Messages per second of the minute ending at t (second 0 ends at t, −59 is the oldest). */
  get records(): readonly SecondRecord[] {
    if (this.recordsAt !== this.t) {
      this.recordsAt = this.t;
      this.recordsCache = this.makeRecords();
    }
    return this.recordsCache;
  }

  /** Time of topic id's last message up to t, 0 for none (after totals()). */
  lastSeen(id: number): number {
    return this.lastTime[id];
  }

  /** Moves the figures to time t: the windows shift by what entered and left them. Returns this. */
  at(t: number): this {
    if (Number.isNaN(t) || t === this.t) return this;
    const index = this.index;
    const hi = index.indexAtTime(t);
    this.shift(this.w10, index.indexAtTime(t - SHORT_MS), hi, this.c10, this.b10, true);
    this.shift(this.w60, index.indexAtTime(t - LONG_MS), hi, this.c60, this.b60, false);
    this.t = t;
    this.seen = this.topicsBefore(hi);
    return this;
  }

  /** Fills total, largest and last seen of every topic seen up to t (the Top talkers' columns). Returns this. */
  totals(): this {
    const p = this.w10.hi;
    if (this.totalsAt === p) return this;
    this.totalsAt = p;
    const times = this.index.times;
    for (let id = 0; id < this.seen; id++) {
      const list = this.index.topicPositions(id);
      const k = lowerBound(list, p);
      const at = this.listStart[id] + k - 1;
      this.total[id] = k ? this.cumBytes[at] : 0;
      this.largest[id] = k ? this.maxSize[at] : 0;
      this.lastTime[id] = k ? times[list[k - 1]] : 0;
    }
    return this;
  }

  /** Messages/s and bytes/s of all topics together over the 10 s ending at t. */
  overall(): { msgRate: number; byteRate: number } {
    const span = this.span10;
    return { msgRate: this.all10 / span, byteRate: this.allB10 / span };
  }

  /** Messages/s of a topic over the 10 s ending at t. */
  rateOf(topic: string): number {
    const id = this.index.topicId(topic);
    return id === undefined ? 0 : this.c10[id] / this.span10;
  }

  /** Everything about one topic as of t, or undefined before its first message. */
  stats(topic: string): TopicTraffic | undefined {
    const id = this.index.topicId(topic);
    if (id === undefined || id >= this.seen) return undefined;
    this.totals();
    return {
      topic,
      msgRate: this.c10[id] / this.span10,
      msgRate60: this.c60[id] / this.span60,
      byteRate: this.b10[id] / this.span10,
      byteRate60: this.b60[id] / this.span60,
      totalBytes: this.total[id],
      largest: this.largest[id],
      lastSeen: this.lastTime[id],
      interval: this.intervalOf(id, this.w10.hi),
    };
  }

  /**
   * As the live model: topics quiet for 3× their usual interval (learned from the gaps before t)
   * and status topics whose last message up to t says offline, most recently heard first.
   */
  silentTopics(limit = 500): { rows: SilentTopic[]; total: number } {
    this.totals();
    const p = this.w10.hi;
    const rows: SilentTopic[] = [];
    for (let id = 0; id < this.seen; id++) {
      const topic = this.index.topic(id);
      const interval = this.intervalOf(id, p);
      const offline = this.offlineStatus(id, topic, p);
      const lastSeen = this.lastTime[id];
      if (offline) rows.push({ topic, reason: 'offline', interval, lastSeen: offline.time, status: offline.status });
      else if (interval !== undefined && this.t - lastSeen > silentAfterMs(interval)) rows.push({ topic, reason: 'silent', interval, lastSeen });
    }
    rows.sort((a, b) => b.lastSeen - a.lastSeen || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    const total = rows.length;
    if (rows.length > limit) rows.length = limit;
    return { rows, total };
  }

  /**
   * Messages/s over the 10 s ending at t of a level and everything below it (`topic` as a tree
   * node names it: `plant/a` counts `plant/a` and `plant/a/…`).
   */
  subtreeRate(topic: string): number {
    if (!this.levels) this.trackLevels();
    const id = this.levels!.ids.get(topic);
    return id === undefined ? 0 : this.levels!.counts[id] / this.span10;
  }

  private span(windowMs: number): number {
    return Math.max(1, Math.min(windowMs, this.t - this.start) / 1000);
  }

  /** Topics whose first message is before position p (ids are numbered by first appearance). */
  private topicsBefore(p: number): number {
    const f = this.firstPos;
    let lo = 0;
    let hi = f.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (f[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Moves window `w` to positions [lo, hi): adds what entered, takes out what left. */
  private shift(w: Window, lo: number, hi: number, counts: Uint32Array, bytes: Uint32Array, short: boolean): void {
    if (lo >= w.hi || hi <= w.lo) {
      this.apply(w.lo, w.hi, -1, counts, bytes, short);
      this.apply(lo, hi, 1, counts, bytes, short);
    } else {
      if (hi > w.hi) this.apply(w.hi, hi, 1, counts, bytes, short);
      else if (hi < w.hi) this.apply(hi, w.hi, -1, counts, bytes, short);
      if (lo < w.lo) this.apply(lo, w.lo, 1, counts, bytes, short);
      else if (lo > w.lo) this.apply(w.lo, lo, -1, counts, bytes, short);
    }
    w.lo = lo;
    w.hi = hi;
  }

  private apply(from: number, to: number, sign: 1 | -1, counts: Uint32Array, bytes: Uint32Array, short: boolean): void {
    const ids = this.index.topicIds;
    const sizes = this.sizes;
    const levels = short ? this.levels : undefined;
    for (let r = from; r < to; r++) {
      const id = ids[r];
      counts[id] += sign;
      bytes[id] += sign * sizes[r];
      if (levels) {
        const of = levels.ofTopic[id] ?? this.levelsOf(id);
        for (let j = 0; j < of.length; j++) levels.counts[of[j]] += sign;
      }
    }
    if (short) {
      let n = 0;
      let b = 0;
      for (let r = from; r < to; r++) b += sizes[r];
      n = to - from;
      this.all10 += sign * n;
      this.allB10 += sign * b;
    }
  }

  /** Starts keeping per level counts of the 10 s window (from the window as it is now). */
  private trackLevels(): void {
    this.levels = { ids: new Map(), counts: new Float64Array(256), ofTopic: [] };
    const ids = this.index.topicIds;
    for (let r = this.w10.lo; r < this.w10.hi; r++) {
      const of = this.levels.ofTopic[ids[r]] ?? this.levelsOf(ids[r]);
      for (let j = 0; j < of.length; j++) this.levels.counts[of[j]]++;
    }
  }

  /** The level ids of a topic and of every level above it (`a`, `a/b`, `a/b/c` for `a/b/c`). */
  private levelsOf(id: number): Uint32Array {
    const levels = this.levels!;
    const topic = this.index.topic(id);
    const names: string[] = [];
    for (let i = topic.indexOf('/'); i >= 0; i = topic.indexOf('/', i + 1)) names.push(topic.slice(0, i));
    names.push(topic);
    const out = new Uint32Array(names.length);
    names.forEach((name, j) => {
      let k = levels.ids.get(name);
      if (k === undefined) {
        k = levels.ids.size;
        levels.ids.set(name, k);
        if (k >= levels.counts.length) {
          const grown = new Float64Array(levels.counts.length * 2);
          grown.set(levels.counts);
          levels.counts = grown;
        }
      }
      out[j] = k;
    });
    levels.ofTopic[id] = out;
    return out;
  }

  /** The usual interval of a topic from its last gaps before position p (as traffic-interval.ts learns it live). */
  private intervalOf(id: number, p: number): number | undefined {
    const list = this.index.topicPositions(id);
    const times = this.index.times;
    let k = lowerBound(list, p) - 1;
    const gaps = [0, 0, 0, 0];
    let found = 0;
    for (let steps = 0; k > 0 && found < 4 && steps < GAP_LOOKBACK; k--, steps++) {
      const gap = times[list[k]] - times[list[k - 1]];
      if (!(gap >= MIN_GAP_MS)) continue;
      gaps[found++] = gap >= MAX_UNITS * INTERVAL_UNIT_MS ? MAX_UNITS : Math.max(1, Math.round(gap / INTERVAL_UNIT_MS));
    }
    const units = estimate(gaps[0], gaps[1], gaps[2], gaps[3]);
    return units === 0 ? undefined : units * INTERVAL_UNIT_MS;
  }

  /** For a status topic whose last message before position p says offline: when, and what it said. */
  private offlineStatus(id: number, topic: string, p: number): { time: number; status: string } | undefined {
    const payloadOf = this.options.payload;
    if (!payloadOf) return undefined;
    if (this.status[id] === 0) this.status[id] = isDeviceStatusTopic(topic) ? 2 : 1;
    if (this.status[id] !== 2) return undefined;
    // As live: the last message that said online or offline counts (others leave the status as it was).
    const list = this.index.topicPositions(id);
    for (let k = lowerBound(list, p) - 1, steps = 0; k >= 0 && steps < GAP_LOOKBACK; k--, steps++) {
      const payload = payloadOf(this.index.messageAt(list[k]), topic);
      const said = readDeviceStatus(payload);
      if (said === 'online') return undefined;
      if (said === 'offline') return { time: this.index.times[list[k]], status: new TextDecoder().decode(payload.subarray(0, OFFLINE_TEXT_MAX)).trim() };
    }
    return undefined;
  }

  private makeRecords(): SecondRecord[] {
    const { lo, hi } = this.w60;
    const ids = this.index.topicIds;
    const times = this.index.times;
    const bySecond = new Map<number, Map<number, [number, number]>>();
    for (let r = lo; r < hi; r++) {
      const age = Math.min(59, Math.floor((this.t - times[r]) / 1000));
      let topics = bySecond.get(age);
      if (!topics) bySecond.set(age, (topics = new Map()));
      const entry = topics.get(ids[r]);
      if (entry) {
        entry[0]++;
        entry[1] += this.sizes[r];
      } else topics.set(ids[r], [1, this.sizes[r]]);
    }
    const out: SecondRecord[] = [];
    for (const [age, topics] of [...bySecond].sort((a, b) => b[0] - a[0])) {
      const entries = [...topics];
      out.push({
        second: -age,
        ids: Uint32Array.from(entries, (e) => e[0]),
        counts: Uint32Array.from(entries, (e) => e[1][0]),
        bytes: Float64Array.from(entries, (e) => e[1][1]),
        in10: age < 10,
      });
    }
    return out;
  }
}

/** The first k with list[k] ≥ p (list ascending). */
function lowerBound(list: Uint32Array, p: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Topic → id of the topics seen up to t (ids 0…seen−1), read from the index: no copy of the names. */
class SeenTopics implements ReadonlyMap<string, number> {
  constructor(
    private readonly index: RecordingIndex,
    private readonly seen: () => number,
  ) {}

  get size(): number {
    return this.seen();
  }

  get(topic: string): number | undefined {
    const id = this.index.topicId(topic);
    return id !== undefined && id < this.seen() ? id : undefined;
  }

  has(topic: string): boolean {
    return this.get(topic) !== undefined;
  }

  forEach(fn: (id: number, topic: string, map: ReadonlyMap<string, number>) => void): void {
    const n = this.seen();
    for (let id = 0; id < n; id++) fn(id, this.index.topic(id), this);
  }

  *entries(): MapIterator<[string, number]> {
    const n = this.seen();
    for (let id = 0; id < n; id++) yield [this.index.topic(id), id];
  }

  *keys(): MapIterator<string> {
    for (const [topic] of this.entries()) yield topic;
  }

  *values(): MapIterator<number> {
    for (const [, id] of this.entries()) yield id;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}
