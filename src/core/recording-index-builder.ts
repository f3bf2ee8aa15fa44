/**
 * Making a RecordingIndex (recording-index.ts, which says what it answers and how): feed the
 * messages batch by batch — one stored chunk at a time, or the batches of an import — then
 * `finish()`. Messages may come in any time order; `finish()` sorts them (stable) when needed.
 *
 *   const builder = new RecordingIndexBuilder();
 *   for await (const chunk of chunks) builder.add(chunk);
 *   const index = builder.finish();          // or: await buildRecordingIndex(chunks)
 *
 * The builder keeps per message only its time, a topic id and two flags (retain, empty payload):
 * never the message. A message's **message index** is its place in the order fed (0, 1, 2, …
 * across batches); `index.locate(i)` gives its batch and offset.
 */
import type { AnyIterable } from './recording-format';
import { RecordingIndex } from './recording-index';
import { EMPTY, RETAIN } from './recording-state';

/** What the index needs of a message (a RecordedMessage has it). */
export interface IndexableMessage {
  time: number;
  topic: string;
  retain: boolean;
  payload: { readonly length: number };
}

export interface IndexOptions {
  /** Smallest checkpoint interval in messages (default 4,096): the most a query replays with few topics. */
  checkpointEvery?: number;
}

/** Collects messages in batches; `finish()` makes the index. */
export class RecordingIndexBuilder {
  private times = new Float64Array(1024);
  private topicIds = new Uint32Array(1024);
  private flags = new Uint8Array(1024);
  private n = 0;
  private inOrder = true;
  private readonly ids = new Map<string, number>();
  private topics: string[] = [];
  private readonly batchStarts: number[] = [];
  private done = false;

  constructor(private readonly options: IndexOptions = {}) {}

  get length(): number {
    return this.n;
  }

  /** Adds the next batch (message indexes continue from the previous batch). */
  add(batch: readonly IndexableMessage[]): void {
    if (this.done) throw new Error('RecordingIndexBuilder: add() after finish()');
    if (!batch.length) return;
    const need = this.n + batch.length;
    if (need > this.times.length) this.grow(Math.max(need, this.times.length * 2));
    this.batchStarts.push(this.n);
    const last = this.n ? this.times[this.n - 1] : -Infinity;
    let prev = last;
    for (const m of batch) {
      const t = m.time;
      if (!Number.isFinite(t)) throw new RangeError(`Message ${this.n} on ${m.topic} has no valid time (${t}).`);
      if (t < prev) this.inOrder = false;
      prev = t;
      let id = this.ids.get(m.topic);
      if (id === undefined) {
        id = this.topics.length;
        this.ids.set(m.topic, id);
        this.topics.push(m.topic);
      }
      this.times[this.n] = t;
      this.topicIds[this.n] = id;
      this.flags[this.n] = (m.retain ? RETAIN : 0) | (m.payload.length === 0 ? EMPTY : 0);
      this.n++;
    }
  }

  private grow(size: number): void {
    const t = new Float64Array(size);
    t.set(this.times.subarray(0, this.n));
    const ids = new Uint32Array(size);
    ids.set(this.topicIds.subarray(0, this.n));
    const f = new Uint8Array(size);
    f.set(this.flags.subarray(0, this.n));
    this.times = t;
    this.topicIds = ids;
    this.flags = f;
  }

  /** Sorts by time when needed, builds checkpoints and per-topic lists. The builder is spent. */
  finish(): RecordingIndex {
    this.done = true;
    const n = this.n;
    let times = this.times.slice(0, n);
    let raw = this.topicIds.subarray(0, n);
    let flags = this.flags.slice(0, n);
    let order: Uint32Array | null = null;
    let topics = this.topics;
    const topicCount = topics.length;
    const topicIds = new Uint32Array(n);
    if (this.inOrder) {
      topicIds.set(raw); // ids were handed out in order of first appearance, which is time order
    } else {
      order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      const t = times;
      order.sort((a, b) => t[a] - t[b] || a - b);
      const st = new Float64Array(n);
      const sf = new Uint8Array(n);
      const sr = new Uint32Array(n);
      for (let r = 0; r < n; r++) {
        const i = order[r];
        st[r] = t[i];
        sf[r] = flags[i];
        sr[r] = raw[i];
      }
      times = st;
      flags = sf;
      raw = sr;
      // Number topics again by first appearance in time order.
      const renumber = new Int32Array(topicCount).fill(-1);
      const sortedTopics: string[] = [];
      for (let r = 0; r < n; r++) {
        let id = renumber[raw[r]];
        if (id < 0) {
          id = renumber[raw[r]] = sortedTopics.length;
          sortedTopics.push(topics[raw[r]]);
        }
        topicIds[r] = id;
      }
      topics = sortedTopics;
    }
    const batchStarts = Uint32Array.from(this.batchStarts);
    // A spent builder keeps nothing alive (its arrays have spare room; the index has its own map).
    this.times = new Float64Array(0);
    this.topicIds = new Uint32Array(0);
    this.flags = new Uint8Array(0);
    this.ids.clear();
    this.topics = [];
    this.batchStarts.length = 0;
    return new RecordingIndex(times, topicIds, flags, order, topics, batchStarts, this.options.checkpointEvery ?? 4096);
  }
}

/** `add` every batch of an (async) iterable, then `finish`. */
export async function buildRecordingIndex(batches: AnyIterable<readonly IndexableMessage[]>, options?: IndexOptions): Promise<RecordingIndex> {
  const b = new RecordingIndexBuilder(options);
  for await (const batch of batches) b.add(batch);
  return b.finish();
}
