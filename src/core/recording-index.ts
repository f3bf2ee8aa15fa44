/**
 * Time travel over a recording: "what did the broker look like at time t?" answered for a
 * million messages in about a millisecond, whatever t. Pure: the index never holds a payload; it
 * names messages by their **message index** — the order they were fed in (0, 1, 2, …, across
 * batches; `locate(i)` gives the batch and offset) — and the caller fetches message i from
 * wherever it keeps them (IndexedDB chunks, a file).
 *
 *   const index = await buildRecordingIndex(chunks);           // recording-index-builder.ts
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
import { EMPTY, RETAIN, RecordingState, type Checkpoint } from './recording-state';

export { RecordingState, type TopicState } from './recording-state';

export class RecordingIndex {
  private readonly ids: Map<string, number>;
  private readonly checkpoints: Checkpoint[] = [];
  /** Per topic, the positions of its messages in time order: `byTopic[start[id] … start[id + 1])`. */
  private readonly start: Uint32Array;
  private readonly byTopic: Uint32Array;

  /** @internal Use RecordingIndexBuilder or buildRecordingIndex (recording-index-builder.ts). */
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

  /** Positions (time order) of every message of a topic, oldest first: a view, not a copy (traffic, charts). */
  topicPositions(topicId: number): Uint32Array {
    return this.byTopic.subarray(this.start[topicId], this.start[topicId + 1]);
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
