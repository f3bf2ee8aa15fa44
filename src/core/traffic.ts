/**
 * Traffic per topic: messages/s and bytes/s over the last 10 s and 1 min, total bytes, largest
 * payload, last seen, the usual interval (core/traffic-interval.ts) and devices whose status
 * topic says offline (core/device-status.ts). Fed once per applied batch from `session.onBatch`
 * (app/live.ts), with the batcher's coalesced counts and bytes, so figures stay exact in a flood;
 * `tick()` (once a second, app/live.ts) closes seconds and tells listeners, so views follow at 1 Hz.
 *
 * Memory, for a million topics: per topic only typed-array slots indexed by a topic id
 * (window sums, total, largest, last seen, 4 gaps and the learned interval: 42 bytes) plus its
 * entry in the topic → id map. Time is kept as sparse per-second records of just the topics
 * active in that second (the last 60 s), with running window sums per topic: a second's record
 * is added when it closes and subtracted when it leaves the 10 s and the 60 s window, so
 * per-second work is proportional to activity, not to the number of topics.
 */
import { VersionedEmitter } from './emitter';
import type { MqttMessage } from './message';
import { isDeviceStatusTopic, readDeviceStatus } from './device-status';
import { GAPS, INTERVAL_UNIT_MS, pushGap, silentAfterMs } from './traffic-interval';

/** Messages the batcher coalesced away in a flood, per topic: counted here all the same. */
export interface TrafficExtras {
  counts?: ReadonlyMap<string, number>;
  bytes?: ReadonlyMap<string, number>;
  largest?: ReadonlyMap<string, number>;
}

export type TrafficMessage = Pick<MqttMessage, 'topic' | 'size' | 'time' | 'payload'>;

export interface TopicTraffic {
  topic: string;
  /** Messages per second over the last 10 whole seconds (fewer right after the start). */
  msgRate: number;
  /** Messages per second over the last 60 whole seconds. */
  msgRate60: number;
  byteRate: number;
  byteRate60: number;
  totalBytes: number;
  largest: number;
  /** Time of the last message (ms since epoch). */
  lastSeen: number;
  /** The usual interval learned from its own history (ms), if it publishes regularly. */
  interval: number | undefined;
}

export interface SilentTopic {
  topic: string;
  /** 'silent': quiet for 3× its usual interval; 'offline': its status / last-will topic says so. */
  reason: 'silent' | 'offline';
  /** Usual interval (ms), when learned. */
  interval: number | undefined;
  /** Time of the last message (ms since epoch). */
  lastSeen: number;
  /** For 'offline': the status payload (short text). */
  status?: string;
}

/** One closed second: the topics that published in it. */
export interface SecondRecord {
  readonly second: number;
  readonly ids: Uint32Array;
  readonly counts: Uint32Array;
  readonly bytes: Float64Array;
  /** Still inside the 10 s window. */
  in10: boolean;
}

/** What the Top talkers query reads (core/top-talkers.ts): columns indexed by topic id. */
export interface TrafficColumns {
  /** Topic → id, in id order (ids are 0, 1, 2, … in the order topics were first seen). */
  readonly ids: ReadonlyMap<string, number>;
  readonly c10: Uint32Array;
  readonly c60: Uint32Array;
  readonly b10: Uint32Array;
  readonly b60: Uint32Array;
  readonly total: Float64Array;
  readonly largest: Uint32Array;
  /** Closed seconds with traffic, oldest first (the last 60 s). */
  readonly records: readonly SecondRecord[];
  /** The newest closed second (records are aged against it). */
  readonly lastClosed: number;
  /** Seconds the 10 s / 60 s windows span so far (less right after the start). */
  readonly span10: number;
  readonly span60: number;
  /** Changes when the model is cleared (ids start over). */
  readonly generation: number;
  lastSeen(id: number): number;
}

const SHORT = 10;
const LONG = 60;
/** `last` is kept in units of this many ms after `base` (+1; 0 = never): 4 bytes, 497 days. */
const TIME_UNIT = 10;
const OFFLINE_TEXT_MAX = 40;
const STATUS_KNOWN = 1;
const IS_STATUS = 2;

export class TrafficModel extends VersionedEmitter implements TrafficColumns {
  readonly ids = new Map<string, number>();
  c10 = new Uint32Array(0);
  c60 = new Uint32Array(0);
  /** Byte sums wrap modulo 2^32 (exact while a window holds < 4 GiB of one topic). */
  b10 = new Uint32Array(0);
  b60 = new Uint32Array(0);
  total = new Float64Array(0);
  largest = new Uint32Array(0);
  private last = new Uint32Array(0);
  private gaps = new Uint16Array(0);
  private usual = new Uint16Array(0);
  private flags = new Uint8Array(0);
  private capacity = 0;
  records: SecondRecord[] = [];
  generation = 0;
  /** The open second (whole seconds since epoch); -1 before the first ingest or tick. */
  private second = -1;
  private firstSecond = -1;
  private base = 0;
  /** The open second's topics: id → slot in curIds/curCounts/curBytes. */
  private cur = new Map<number, number>();
  private curIds: number[] = [];
  private curCounts: number[] = [];
  private curBytes: number[] = [];
  /** Sums over every topic of the 10 s windows (messages, bytes): the header figures. */
  private all10 = 0;
  private allB10 = 0;
  /** Status topics whose last status said offline: topic → when, and what it said. */
  private readonly offline = new Map<string, { time: number; status: string }>();

  get lastClosed(): number {
    return this.second - 1;
  }

  get span10(): number {
    return this.second < 0 ? 0 : Math.min(SHORT, this.second - this.firstSecond);
  }

  get span60(): number {
    return this.second < 0 ? 0 : Math.min(LONG, this.second - this.firstSecond);
  }

  /** Number of topics seen. */
  get topicCount(): number {
    return this.ids.size;
  }

  /** Time of topic id's last message (ms since epoch), 0 for none. */
  lastSeen(id: number): number {
    const rel = this.last[id];
    return rel === 0 ? 0 : this.base + (rel - 1) * TIME_UNIT;
  }

  /**
   * Takes one applied batch: counts, bytes, largest payload, last seen and intervals per topic,
   * plus what the batcher coalesced (`extras`). Cheap per message (two map lookups, no
   * allocation); listeners are not told (tick() does, once a second).
   */
  ingest(messages: readonly TrafficMessage[], extras?: TrafficExtras, now: number = Date.now()): void {
    this.advance(now);
    for (let k = 0; k < messages.length; k++) {
      const m = messages[k];
      const id = this.idOf(m.topic);
      const size = m.size;
      this.add(id, 1, size);
      if (size > this.largest[id]) this.largest[id] = size;
      this.seen(id, m.time);
      let f = this.flags[id];
      if ((f & STATUS_KNOWN) === 0) {
        f = STATUS_KNOWN | (isDeviceStatusTopic(m.topic) ? IS_STATUS : 0);
        this.flags[id] = f;
      }
      if (f & IS_STATUS) this.statusMessage(m);
    }
    if (extras?.counts) {
      for (const [topic, n] of extras.counts) {
        if (!(n >= 1)) continue;
        const id = this.idOf(topic);
        const bytes = extras.bytes?.get(topic) ?? 0;
        this.add(id, Math.floor(n), bytes >= 0 ? bytes : 0);
        const big = extras.largest?.get(topic) ?? 0;
        if (big > this.largest[id]) this.largest[id] = big;
      }
    }
  }

  /** Closes the seconds that ended by `now` and tells listeners (call about once a second). */
  tick(now: number = Date.now()): void {
    this.advance(now);
    this.changed();
  }

  /** Messages/s of a topic over the last 10 s (0 for an unknown topic). */
  rateOf(topic: string): number {
    const id = this.ids.get(topic);
    return id === undefined ? 0 : perSecond(this.c10[id], this.span10);
  }

  /** Bytes/s of a topic over the last 10 s. */
  byteRateOf(topic: string): number {
    const id = this.ids.get(topic);
    return id === undefined ? 0 : perSecond(this.b10[id], this.span10);
  }

  /** Messages/s and bytes/s of all topics together over the last 10 s. */
  overall(): { msgRate: number; byteRate: number } {
    return { msgRate: perSecond(this.all10, this.span10), byteRate: perSecond(this.allB10, this.span10) };
  }

  /** Everything known about one topic, or undefined. */
  stats(topic: string): TopicTraffic | undefined {
    const id = this.ids.get(topic);
    if (id === undefined) return undefined;
    return {
      topic,
      msgRate: perSecond(this.c10[id], this.span10),
      msgRate60: perSecond(this.c60[id], this.span60),
      byteRate: perSecond(this.b10[id], this.span10),
      byteRate60: perSecond(this.b60[id], this.span60),
      totalBytes: this.total[id],
      largest: this.largest[id],
      lastSeen: this.lastSeen(id),
      interval: this.intervalOf(id),
    };
  }

  /** The usual interval of a topic (ms), when it publishes regularly. */
  usualInterval(topic: string): number | undefined {
    const id = this.ids.get(topic);
    return id === undefined ? undefined : this.intervalOf(id);
  }

  /**
   * Topics quiet for 3× their usual interval (at least 2 s past it), and status topics saying
   * offline; most recently heard first, at most `limit` (`total` counts them all). One pass over
   * the typed arrays: cheap enough once a second for a million topics.
   */
  silentTopics(now: number = Date.now(), limit = 500): { rows: SilentTopic[]; total: number } {
    const rows: SilentTopic[] = [];
    for (const [topic, id] of this.ids) {
      const usual = this.usual[id];
      if (usual === 0) continue;
      const interval = usual * INTERVAL_UNIT_MS;
      const lastSeen = this.lastSeen(id);
      if (now - lastSeen > silentAfterMs(interval) && !this.offline.has(topic)) rows.push({ topic, reason: 'silent', interval, lastSeen });
    }
    for (const [topic, { time, status }] of this.offline) {
      const id = this.ids.get(topic);
      rows.push({ topic, reason: 'offline', interval: id === undefined ? undefined : this.intervalOf(id), lastSeen: time, status });
    }
    rows.sort((a, b) => b.lastSeen - a.lastSeen || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    const total = rows.length;
    if (rows.length > limit) rows.length = limit;
    return { rows, total };
  }

  /** Forgets everything (a cleared trie). */
  clear(): void {
    this.ids.clear();
    this.offline.clear();
    this.capacity = 0;
    this.grow(0);
    this.records = [];
    this.cur.clear();
    this.curIds = [];
    this.curCounts = [];
    this.curBytes = [];
    this.second = -1;
    this.firstSecond = -1;
    this.all10 = this.allB10 = 0;
    this.generation++;
    this.changed();
  }

  private intervalOf(id: number): number | undefined {
    const u = this.usual[id];
    return u === 0 ? undefined : u * INTERVAL_UNIT_MS;
  }

  private idOf(topic: string): number {
    let id = this.ids.get(topic);
    if (id === undefined) {
      id = this.ids.size;
      if (id >= this.capacity) this.grow(Math.max(1024, Math.ceil(this.capacity * 1.5)));
      this.ids.set(topic, id);
    }
    return id;
  }

  private grow(capacity: number): void {
    const copy = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(old: T, make: (n: number) => T, per = 1): T => {
      const next = make(capacity * per);
      next.set(old.subarray(0, Math.min(old.length, capacity * per)));
      return next;
    };
    this.c10 = copy(this.c10, (n) => new Uint32Array(n));
    this.c60 = copy(this.c60, (n) => new Uint32Array(n));
    this.b10 = copy(this.b10, (n) => new Uint32Array(n));
    this.b60 = copy(this.b60, (n) => new Uint32Array(n));
    this.total = copy(this.total, (n) => new Float64Array(n));
    this.largest = copy(this.largest, (n) => new Uint32Array(n));
    this.last = copy(this.last, (n) => new Uint32Array(n));
    this.gaps = copy(this.gaps, (n) => new Uint16Array(n), GAPS);
    this.usual = copy(this.usual, (n) => new Uint16Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }

  /** Counts `n` messages of `bytes` in all for topic `id` in the open second. */
  private add(id: number, n: number, bytes: number): void {
    this.total[id] += bytes;
    const slot = this.cur.get(id);
    if (slot === undefined) {
      this.cur.set(id, this.curIds.length);
      this.curIds.push(id);
      this.curCounts.push(n);
      this.curBytes.push(bytes);
    } else {
      this.curCounts[slot] += n;
      this.curBytes[slot] += bytes;
    }
  }

  /** A message at `time`: last seen, and the gap since the previous one for the usual interval. */
  private seen(id: number, time: number): void {
    if (this.base === 0) this.base = time - 60_000;
    const rel = Math.max(1, Math.min(0xffffffff, Math.floor((time - this.base) / TIME_UNIT) + 1));
    const prev = this.last[id];
    if (prev !== 0 && rel > prev) {
      const learned = pushGap(this.gaps, id, (rel - prev) * TIME_UNIT);
      if (learned >= 0) this.usual[id] = learned;
    }
    if (rel > prev) this.last[id] = rel;
  }

  private statusMessage(m: TrafficMessage): void {
    const status = readDeviceStatus(m.payload);
    if (status === 'offline') {
      const text = new TextDecoder().decode(m.payload.subarray(0, OFFLINE_TEXT_MAX)).trim();
      this.offline.set(m.topic, { time: m.time, status: text });
    } else if (status === 'online') {
      this.offline.delete(m.topic);
    }
  }

  /** Closes every second before the one `now` is in: into the windows, and out of them as they age. */
  private advance(now: number): void {
    const s = Math.floor(now / 1000);
    if (this.second < 0) {
      this.second = this.firstSecond = s;
      return;
    }
    if (s <= this.second) return;
    if (this.curIds.length > 0) {
      const record: SecondRecord = {
        second: this.second,
        ids: Uint32Array.from(this.curIds),
        counts: Uint32Array.from(this.curCounts),
        bytes: Float64Array.from(this.curBytes),
        in10: true,
      };
      for (let k = 0; k < record.ids.length; k++) {
        const id = record.ids[k];
        this.c10[id] += record.counts[k];
        this.c60[id] += record.counts[k];
        this.b10[id] += record.bytes[k];
        this.b60[id] += record.bytes[k];
        this.all10 += record.counts[k];
        this.allB10 += record.bytes[k];
      }
      this.records.push(record);
      this.cur.clear();
      this.curIds = [];
      this.curCounts = [];
      this.curBytes = [];
    }
    this.second = s;
    // Windows now hold seconds s-10 … s-1 and s-60 … s-1.
    let drop = 0;
    for (const r of this.records) {
      if (r.in10 && r.second < s - SHORT) {
        r.in10 = false;
        for (let k = 0; k < r.ids.length; k++) {
          this.c10[r.ids[k]] -= r.counts[k];
          this.b10[r.ids[k]] -= r.bytes[k];
          this.all10 -= r.counts[k];
          this.allB10 -= r.bytes[k];
        }
      }
      if (r.second < s - LONG) {
        for (let k = 0; k < r.ids.length; k++) {
          this.c60[r.ids[k]] -= r.counts[k];
          this.b60[r.ids[k]] -= r.bytes[k];
        }
        drop++;
      }
    }
    if (drop > 0) this.records.splice(0, drop);
  }
}

function perSecond(sum: number, span: number): number {
  return span > 0 ? sum / span : 0;
}
