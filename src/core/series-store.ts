/**
 * Numeric series per (topic, JSON field), filled from the ingest batches.
 * Only series that some owner tracks exist (the Charts view, dashboard chart
 * widgets, a mounted chart); each keeps its newest points in a bounded ring
 * buffer, so memory stays flat however long data streams. Values that are
 * not finite numbers are skipped and counted, never stored.
 *
 * Like the topic trie, the store bumps one epoch per batch that changed
 * something and notifies listeners once; React reads it through hooks.
 */
import { isTruncated, type MqttMessage } from './message';
import { decodePayload, type DecodedPayload } from './payload';
import { RingBuffer } from './ring-buffer';
import { decodedAsJson } from './decoded';
import { VersionedEmitter } from './emitter';
import { MAX_CHART_PAYLOAD, readingFromDecoded } from './value-extract';

/** What to chart: a topic and a JSON path inside its payload ('' = the whole payload). */
export interface SeriesRef {
  topic: string;
  field: string;
}

export interface SeriesPoint {
  /** ms since epoch (time received). */
  t: number;
  v: number;
}

/** Time windows a chart can show. */
export type TimeWindow = '1m' | '5m' | '15m' | '1h' | 'all';

export const TIME_WINDOWS: readonly { id: TimeWindow; label: string; ms: number }[] = [
  { id: '1m', label: '1 min', ms: 60_000 },
  { id: '5m', label: '5 min', ms: 5 * 60_000 },
  { id: '15m', label: '15 min', ms: 15 * 60_000 },
  { id: '1h', label: '1 h', ms: 60 * 60_000 },
  { id: 'all', label: 'All', ms: Infinity },
];

export function isTimeWindow(x: unknown): x is TimeWindow {
  return TIME_WINDOWS.some((w) => w.id === x);
}

/** Default points kept per series. */
export const DEFAULT_SERIES_CAPACITY = 10_000;

/** Stable key of a series; MQTT topics cannot contain U+0000, so the join is unambiguous. */
export function seriesKey(ref: SeriesRef): string {
  return `${ref.topic}\u0000${ref.field}`;
}

/** Human name of a series, as legends and CSV headers show it: `topic` or `topic › field`. */
export function seriesLabel(ref: SeriesRef): string {
  return ref.field ? `${ref.topic} › ${ref.field}` : ref.topic;
}

export class Series {
  readonly key: string;
  readonly points: RingBuffer<SeriesPoint>;
  /** Messages on the topic whose value was not a finite number (or whose field was missing). */
  skipped = 0;
  /** Readings taken from switch words/booleans, and from numbers: decides step vs. line drawing. */
  booleanReadings = 0;
  numberReadings = 0;
  /** The store epoch of the last change to this series. */
  version = 0;

  constructor(
    readonly topic: string,
    readonly field: string,
    capacity: number,
  ) {
    this.key = seriesKey({ topic, field });
    this.points = new RingBuffer<SeriesPoint>(capacity);
  }

  /** True when every reading so far was on/off (or true/false): draw it as a 0/1 step line. */
  get isBoolean(): boolean {
    return this.booleanReadings > 0 && this.numberReadings === 0;
  }

  /** Index of the first point with t >= time (binary search; points are in time order). */
  indexAtOrAfter(time: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.points.get(mid) as SeriesPoint).t < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first point with t > time. */
  indexAfter(time: number): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.points.get(mid) as SeriesPoint).t <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Points with from <= t <= to (to defaults to everything), oldest first. */
  range(from = -Infinity, to = Infinity): SeriesPoint[] {
    const start = from === -Infinity ? 0 : this.indexAtOrAfter(from);
    const end = to === Infinity ? this.points.length : this.indexAfter(to);
    const out: SeriesPoint[] = [];
    for (let i = start; i < end; i++) out.push(this.points.get(i) as SeriesPoint);
    return out;
  }

  /** @internal Adds one message's reading (or counts it as skipped). */
  add(decoded: DecodedPayload | undefined, time: number): boolean {
    const r = decoded ? readingFromDecoded(decoded, this.field) : undefined;
    if (!r || !Number.isFinite(r.value)) {
      this.skipped++;
      return false;
    }
    if (r.boolean) this.booleanReadings++;
    else this.numberReadings++;
    const last = this.points.last();
    // Keep time order even if a clock steps back: the buffer is searched by time.
    this.points.push({ t: last && time < last.t ? last.t : time, v: r.value });
    return true;
  }
}

/**
 * What a chart reads its series from (components/live-chart): the session's SeriesStore (live),
 * or an open recording's RecordingSeriesStore (recording-series.ts, time travel).
 */
export interface SeriesSource {
  readonly version: number;
  get(ref: SeriesRef): Series | undefined;
  /** The series `owner` needs (replacing what it declared before); [] releases the owner. */
  setTracked(owner: string, refs: readonly SeriesRef[]): void;
}

export interface SeriesStoreOptions {
  /** Points kept per series (default DEFAULT_SERIES_CAPACITY). */
  capacity?: number;
  /** Messages already received on a topic, oldest first: used to backfill a new series. */
  history?: (topic: string) => readonly MqttMessage[];
}


export class SeriesStore extends VersionedEmitter {
  private readonly capacity: number;
  private readonly history?: (topic: string) => readonly MqttMessage[];
  private readonly byKey = new Map<string, Series>();
  private readonly byTopic = new Map<string, Series[]>();
  private readonly owners = new Map<string, SeriesRef[]>();

  constructor(options: SeriesStoreOptions = {}) {
    super();
    this.capacity = options.capacity ?? DEFAULT_SERIES_CAPACITY;
    this.history = options.history;
  }

  /** The model's version (core/emitter.ts): grows with every change to any series. */
  get epoch(): number {
    return this.version;
  }

  /** Number of series currently recorded. */
  get size(): number {
    return this.byKey.size;
  }

  get(ref: SeriesRef): Series | undefined {
    return this.byKey.get(seriesKey(ref));
  }

  /**
   * Declares every series one owner needs (replacing what it declared before).
   * The store records the union over owners: new series are created and
   * backfilled from the topic's history; series nobody needs any more are dropped.
   * An empty list releases the owner.
   */
  setTracked(owner: string, refs: readonly SeriesRef[]): void {
    if (refs.length === 0) this.owners.delete(owner);
    else this.owners.set(owner, refs.map((r) => ({ topic: r.topic, field: r.field })));
    const wanted = new Map<string, SeriesRef>();
    for (const list of this.owners.values()) for (const r of list) wanted.set(seriesKey(r), r);
    let changed = false;
    for (const [key, s] of this.byKey) {
      if (wanted.has(key)) continue;
      this.byKey.delete(key);
      const list = this.byTopic.get(s.topic) ?? [];
      const rest = list.filter((x) => x !== s);
      if (rest.length) this.byTopic.set(s.topic, rest);
      else this.byTopic.delete(s.topic);
      changed = true;
    }
    const epoch = this.version + 1;
    for (const [key, ref] of wanted) {
      if (this.byKey.has(key)) continue;
      const s = new Series(ref.topic, ref.field, this.capacity);
      this.byKey.set(key, s);
      this.byTopic.set(ref.topic, [...(this.byTopic.get(ref.topic) ?? []), s]);
      for (const m of this.history?.(ref.topic) ?? []) s.add(decodeForChart(m), m.time);
      s.version = epoch;
      changed = true;
    }
    if (changed) this.changed();
  }

  /** Applies one batch of messages (in arrival order); notifies once if any series changed. */
  ingest(messages: readonly MqttMessage[]): void {
    if (this.byTopic.size === 0) return;
    let epoch = 0;
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      const list = this.byTopic.get(m.topic);
      if (!list) continue;
      epoch ||= this.version + 1;
      const decoded = decodeForChart(m);
      for (const s of list) {
        s.add(decoded, m.time);
        s.version = epoch;
      }
    }
    if (epoch) this.changed();
  }

  /** Forgets every point (series stay tracked). */
  clearPoints(): void {
    for (const s of this.byKey.values()) {
      s.points.clear();
      s.skipped = 0;
      s.booleanReadings = 0;
      s.numberReadings = 0;
    }
    this.changed();
  }
}

/** Decodes a payload for charting; undefined for truncated or too large payloads (skipped). Also a recording's series (recording-series.ts). */
export function decodeForChart(m: MqttMessage): DecodedPayload | undefined {
  const decoded = decodedAsJson(m.decoded); // Sparkplug B metrics by name, MessagePack, CBOR (the worker's)
  if (decoded !== undefined) return { kind: 'json', json: decoded };
  if (isTruncated(m) || m.payload.length > MAX_CHART_PAYLOAD) return undefined;
  return decodePayload(m.payload);
}
