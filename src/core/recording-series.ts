/**
 * Chart series of an open recording (time travel): what the live series store
 * (series-store.ts) records from arriving messages, read instead from the recording's own
 * messages of a topic (recording-index.ts `topicPositions`), with the very same reading rules
 * (`Series.add`: numbers, numbers with a unit, on/off, JSON fields).
 *
 * A series holds the whole recording's points, in time order; a chart shows those up to the
 * slider's time (its frame ends there: components/live-chart `timeline`), so moving the slider
 * reads nothing again. Only tracked series exist (owners, as in the live store).
 *
 * Never a long task: a new series is read in slices of `slice` messages, one slice per
 * scheduled task (setTimeout 0 in the app), telling listeners after each, so a chart fills in
 * from the start while the page stays responsive (`progress` says how far). Bounded: a series
 * keeps at most 2 × `capacity` points; when it reaches that, LTTB (lttb.ts: first, last, the
 * extremes and the shape kept) brings it back to `capacity`, and it says it was downsampled.
 */
import { VersionedEmitter } from './emitter';
import { lttb } from './lttb';
import type { MqttMessage } from './message';
import type { RecordingIndex } from './recording-index';
import { decodeForChart, Series, seriesKey, type SeriesRef, type SeriesSource } from './series-store';

/** Points kept per series of a recording before it is downsampled (to this many, from twice as many). */
export const RECORDING_SERIES_CAPACITY = 50_000;
const SLICE = 2_000;

export interface RecordingSeriesOptions {
  capacity?: number;
  /** Messages read per task (default 2,000). */
  slice?: number;
  /** Runs the next slice later (default: setTimeout 0); tests run them by hand. */
  schedule?: (fn: () => void) => void;
}

/** How far a series of the recording has been read. */
export interface SeriesProgress {
  /** Messages of its topic read so far, of `total`. */
  read: number;
  total: number;
  /** Points were thinned out with LTTB to stay within the capacity. */
  downsampled: boolean;
}

interface Entry extends SeriesProgress {
  series: Series;
  positions: Uint32Array;
}

export class RecordingSeriesStore extends VersionedEmitter implements SeriesSource {
  private readonly byKey = new Map<string, Entry>();
  private readonly owners = new Map<string, SeriesRef[]>();
  private readonly queue: Entry[] = [];
  private readonly capacity: number;
  private readonly slice: number;
  private readonly schedule: (fn: () => void) => void;
  private scheduled = false;
  private disposed = false;

  /** `read(i, topic)`: message i (its message index, as the index names it) of `topic`. */
  constructor(
    private readonly index: RecordingIndex,
    private readonly read: (messageIndex: number, topic: string) => MqttMessage,
    options: RecordingSeriesOptions = {},
  ) {
    super();
    this.capacity = Math.max(3, options.capacity ?? RECORDING_SERIES_CAPACITY);
    this.slice = Math.max(1, options.slice ?? SLICE);
    this.schedule = options.schedule ?? ((fn) => void setTimeout(fn, 0));
  }

  get(ref: SeriesRef): Series | undefined {
    return this.byKey.get(seriesKey(ref))?.series;
  }

  progress(ref: SeriesRef): SeriesProgress | undefined {
    const e = this.byKey.get(seriesKey(ref));
    return e && { read: e.read, total: e.total, downsampled: e.downsampled };
  }

  /** Messages still to be read over every tracked series (0: all built). */
  get pending(): number {
    let n = 0;
    for (const e of this.byKey.values()) n += e.total - e.read;
    return n;
  }

  /** As SeriesStore.setTracked: the union over owners is kept; a new series starts reading the recording. */
  setTracked(owner: string, refs: readonly SeriesRef[]): void {
    if (refs.length === 0) this.owners.delete(owner);
    else this.owners.set(owner, refs.map((r) => ({ topic: r.topic, field: r.field })));
    const wanted = new Map<string, SeriesRef>();
    for (const list of this.owners.values()) for (const r of list) wanted.set(seriesKey(r), r);
    let changed = false;
    for (const key of this.byKey.keys()) {
      if (wanted.has(key)) continue;
      this.byKey.delete(key);
      changed = true;
    }
    for (const [key, ref] of wanted) {
      if (this.byKey.has(key)) continue;
      const id = this.index.topicId(ref.topic);
      const positions = id === undefined ? new Uint32Array(0) : this.index.topicPositions(id);
      const entry: Entry = { series: new Series(ref.topic, ref.field, 2 * this.capacity + 1), positions, read: 0, total: positions.length, downsampled: false };
      this.byKey.set(key, entry);
      if (entry.total > 0) this.queue.push(entry);
      changed = true;
    }
    if (changed) this.changed();
    this.kick();
  }

  /** Stops reading (the recording was closed). */
  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
  }

  private kick(): void {
    if (this.scheduled || this.disposed || this.queue.length === 0) return;
    this.scheduled = true;
    this.schedule(this.step);
  }

  /** Reads one slice of messages (over one or more series), then tells listeners. */
  private readonly step = (): void => {
    this.scheduled = false;
    if (this.disposed) return;
    let budget = this.slice;
    const epoch = this.bump();
    while (budget > 0 && this.queue.length > 0) {
      const e = this.queue[0];
      if (this.byKey.get(e.series.key) !== e || e.read >= e.total) {
        this.queue.shift();
        continue;
      }
      const s = e.series;
      const end = Math.min(e.total, e.read + budget);
      for (let k = e.read; k < end; k++) {
        const m = this.read(this.index.messageAt(e.positions[k]), s.topic);
        if (s.points.length >= 2 * this.capacity) {
          const kept = lttb(s.points.toArray(), this.capacity);
          s.points.clear();
          for (const p of kept) s.points.push(p);
          e.downsampled = true;
        }
        s.add(decodeForChart(m), m.time);
      }
      budget -= end - e.read;
      e.read = end;
      s.version = epoch;
      if (e.read >= e.total) this.queue.shift();
    }
    this.notify();
    this.kick();
  };
}
