/**
 * Time travel over a recording: "what did the broker look like at time t?" answered for a
 * million messages in about a millisecond, whatever t. Pure: the index never holds a payload; it
 * names messages by their **message index** — the order they were fed in (0, 1, 2, …, across
 * batches; `locate(i)` gives the batch and offset) — and the caller fetches message i from
 * wherever it keeps them (IndexedDB chunks, a file).
 *
 *   const builder = new RecordingIndexBuilder();
 *   for await (const chunk of chunks) builder.add(chunk);      // or RecordingIndex.build(chunks)
 *   const index = builder.finish();
 *   const state = index.stateAt(t);                            // a RecordingState
 *   for (const s of state.entries()) show(s.topic, s.messageIndex, s.count, s.retained);
 *   const changed = index.seek(state, index.indexAtTime(t2));  // move it; ids of changed topics
 *
 * **Time order.** Messages may be fed out of time order (an imported file): `finish()` sorts them
 * by time, ties in message-index order (a stable sort). A **position** p means "the first p
 * messages in time order"; `indexAtTime(t)` is the position just past every message at or before
 * t, so `stateAt(t)` includes every message with time ≤ t.
 *
 * **State of a topic at position p**: its last message (`messageIndex`), how many messages it had
 * (`count`), and whether the broker holds a retained message for it (`retained`, with
 * `retainedIndex`), by the trie's rule (topic-trie.ts `nextRetained`): a retained message with a
 * payload sets it, an empty payload clears it, a live message with a payload leaves it.
 *
 * **How.** Per message, in time order, 13 bytes of typed arrays (time f64, topic id u32, flags u8)
 * plus 4 for the per-topic lists (`history`) and 4 for the order when the input was not sorted.
 * Checkpoints copy every topic's (last, count, retained) at intervals of max(K, 2 × topics seen)
 * messages, so they take at most 6 bytes per message however many topics there are; a query
 * copies the nearest checkpoint at or before p and replays at most one interval forward. Topic
 * ids are numbered in order of first appearance in time, so a checkpoint covers ids 0…seen−1.
 */
import type { AnyIterable } from './recording-format';
import { EMPTY, RETAIN, RecordingState, type Checkpoint } from './recording-state';

export { RecordingState, type TopicState } from './recording-state';

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

export class RecordingIndex {
  /** Builds an index from (async) batches. */
  static async build(batches: AnyIterable<readonly IndexableMessage[]>, options?: IndexOptions): Promise<RecordingIndex> {
    const b = new RecordingIndexBuilder(options);
    for await (const batch of batches) b.add(batch);
    return b.finish();
  }

  private readonly ids: Map<string, number>;
  private readonly checkpoints: Checkpoint[] = [];
  /** Per topic, the positions of its messages in time order: `byTopic[start[id] … start[id + 1])`. */
  private readonly start: Uint32Array;
  private readonly byTopic: Uint32Array;

  /** @internal Use RecordingIndexBuilder or RecordingIndex.build. */
  constructor(
    /** @internal */ readonly times: Float64Array,
    /** @internal */ readonly topicIds: Uint32Array,
    /** @internal */ readonly flags: Uint8Array,
    /** @internal Position → message index, or null when they are the same (fed in time order). */
    readonly order: Uint32Array | null,
    private readonly topics: readonly string[],
    private readonly batchStarts: Uint32Array,
    checkpointEvery: number,
  ) {
    this.ids = new Map(topics.map((t, i) => [t, i]));
    const n = times.length;
    const T = topics.length;
    const last = new Int32Array(T).fill(-1);
    const count = new Uint32Array(T);
    const retained = new Int32Array(T).fill(-1);
    let seen = 0;
    let from = 0;
    for (let r = 0; r < n; r++) {
      if (r - from >= Math.max(checkpointEvery, 2 * seen)) {
        this.checkpoints.push({ at: r, last: last.slice(0, seen), count: count.slice(0, seen), retained: retained.slice(0, seen) });
        from = r;
      }
      const id = topicIds[r];
      if (id >= seen) seen = id + 1;
      last[id] = r;
      count[id]++;
      const f = flags[r];
      if (f & EMPTY) retained[id] = -1;
      else if (f & RETAIN) retained[id] = r;
    }
    this.start = new Uint32Array(T + 1);
    for (let id = 0; id < T; id++) this.start[id + 1] = this.start[id] + count[id];
    this.byTopic = new Uint32Array(n);
    const fill = this.start.slice(0, T);
    for (let r = 0; r < n; r++) this.byTopic[fill[topicIds[r]]++] = r;
  }

  /** Number of messages. */
  get length(): number {
    return this.times.length;
  }

  /** Number of distinct topics. */
  get topicCount(): number {
    return this.topics.length;
  }

  /** Earliest and latest message time (ms since epoch), or null for an empty recording. */
  get timeRange(): { start: number; end: number } | null {
    const n = this.times.length;
    return n ? { start: this.times[0], end: this.times[n - 1] } : null;
  }

  /** Topic name of an id (ids run 0…topicCount−1 in order of first appearance in time). */
  topic(id: number): string {
    return this.topics[id];
  }

  topicId(topic: string): number | undefined {
    return this.ids.get(topic);
  }

  /** The position just past every message at or before t: how many messages have time ≤ t. */
  indexAtTime(t: number): number {
    if (Number.isNaN(t)) throw new RangeError('indexAtTime: time is NaN');
    const times = this.times;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Time of the message at a position (0…length−1). */
  timeAt(position: number): number {
    return this.times[position];
  }

  /** Message index of the message at a position (0…length−1). */
  messageAt(position: number): number {
    return this.order ? this.order[position] : position;
  }

  /** Which fed batch holds message i, and where in it. */
  locate(messageIndex: number): { batch: number; offset: number } {
    const s = this.batchStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid] <= messageIndex) lo = mid;
      else hi = mid - 1;
    }
    return { batch: lo, offset: messageIndex - s[lo] };
  }

  /** A state before any message (position 0), for `seek`. */
  newState(): RecordingState {
    return new RecordingState(this);
  }

  /** Every topic's state as of time t (messages with time ≤ t). */
  stateAt(t: number): RecordingState {
    return this.stateAtPosition(this.indexAtTime(t));
  }

  /** Every topic's state after the first `position` messages in time order. */
  stateAtPosition(position: number): RecordingState {
    const s = this.newState();
    this.moveTo(s, position, false);
    return s;
  }

  /**
   * Moves `state` to `position` and returns the ids of the topics whose state changed (each once).
   * Forward from where the state is when that is closer than the nearest checkpoint; otherwise
   * from that checkpoint.
   */
  seek(state: RecordingState, position: number): Uint32Array {
    return this.moveTo(state, position, true);
  }

  private moveTo(state: RecordingState, position: number, track: boolean): Uint32Array {
    if (state.index !== this) throw new Error('RecordingIndex.seek: the state belongs to another index');
    if (Number.isNaN(position)) throw new RangeError('RecordingIndex.seek: position is NaN');
    const p = Math.max(0, Math.min(this.times.length, Math.floor(position)));
    const cp = this.checkpointBefore(p);
    if (state.position <= p && state.position >= (cp ? cp.at : 0)) return state.forward(p, track);
    return state.jump(cp, p, track);
  }

  private checkpointBefore(p: number): Checkpoint | undefined {
    const cps = this.checkpoints;
    let lo = 0;
    let hi = cps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cps[mid].at <= p) lo = mid + 1;
      else hi = mid;
    }
    return lo ? cps[lo - 1] : undefined;
  }

  /** How many messages a topic had among the first `position` messages. */
  countAt(topicId: number, position: number): number {
    return this.lowerBound(topicId, position) - this.start[topicId];
  }

  /** Message indexes of a topic's last `limit` messages among the first `position`, oldest first. */
  history(topicId: number, position: number, limit: number): number[] {
    const end = this.lowerBound(topicId, position);
    const begin = Math.max(this.start[topicId], end - Math.max(0, limit));
    const out: number[] = [];
    for (let k = begin; k < end; k++) out.push(this.messageAt(this.byTopic[k]));
    return out;
  }

  /** The first index k in the topic's list whose position is ≥ p. */
  private lowerBound(topicId: number, p: number): number {
    let lo = this.start[topicId];
    let hi = this.start[topicId + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.byTopic[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Bytes held in typed arrays (the topic strings and their map come on top). */
  get typedBytes(): number {
    let b = this.times.byteLength + this.topicIds.byteLength + this.flags.byteLength + (this.order?.byteLength ?? 0);
    b += this.start.byteLength + this.byTopic.byteLength + this.batchStarts.byteLength;
    for (const c of this.checkpoints) b += c.last.byteLength + c.count.byteLength + c.retained.byteLength;
    return b;
  }

  /** Number of checkpoints (for tests and the benchmark). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }
}
