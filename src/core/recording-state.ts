/**
 * The state of every topic of a recording at one position in time (see recording-index.ts, which
 * makes and moves these). Typed arrays indexed by topic id, allocated once per state: a state that
 * follows a time slider is moved with `index.seek(state, p)`, which reports the topics that
 * changed, so a view updates only those.
 */
import type { RecordingIndex } from './recording-index';

/** @internal Per-message flags in the index: the retain flag, an empty payload. */
export const RETAIN = 1;
export const EMPTY = 2;

/** One topic as of the state's position. */
export interface TopicState {
  topicId: number;
  topic: string;
  /** Its last message at or before the position. */
  messageIndex: number;
  /** Its messages so far. */
  count: number;
  /** Whether the broker holds a retained message for it (see recording-index.ts). */
  retained: boolean;
  /** That retained message, or −1. */
  retainedIndex: number;
}

/** @internal What a checkpoint holds for the topics seen before `at` (ids 0…last.length−1). */
export interface Checkpoint {
  at: number;
  last: Int32Array;
  count: Uint32Array;
  retained: Int32Array;
}

const NO_IDS = new Uint32Array(0);

export class RecordingState {
  /** Messages included: the first `position` messages in time order. */
  position = 0;
  /** Topics with at least one message so far: ids 0…topicsSeen−1. */
  topicsSeen = 0;
  /** Positions (not message indexes) of each topic's last and retained message, −1 for none. */
  private readonly last: Int32Array;
  private readonly counts: Uint32Array;
  private readonly retainedAt: Int32Array;
  /** Per-topic marks for collecting changed ids once each, and room for the list (made when first needed). */
  private stamp: Uint32Array | undefined;
  private ids: Uint32Array | undefined;
  private epoch = 0;

  /** `index` is the index that made it; only that index may move it. */
  constructor(readonly index: RecordingIndex) {
    const T = index.topicCount;
    this.last = new Int32Array(T).fill(-1);
    this.counts = new Uint32Array(T);
    this.retainedAt = new Int32Array(T).fill(-1);
  }

  /** Messages of a topic so far (0 before its first). */
  count(topicId: number): number {
    return this.counts[topicId];
  }

  /** Message index of a topic's last message so far, or −1. */
  messageIndex(topicId: number): number {
    const r = this.last[topicId];
    return r < 0 ? -1 : this.index.messageAt(r);
  }

  retained(topicId: number): boolean {
    return this.retainedAt[topicId] >= 0;
  }

  /** Message index of the retained message the broker holds for the topic, or −1. */
  retainedIndex(topicId: number): number {
    const r = this.retainedAt[topicId];
    return r < 0 ? -1 : this.index.messageAt(r);
  }

  /** One topic's state. */
  get(topicId: number): TopicState {
    return {
      topicId,
      topic: this.index.topic(topicId),
      messageIndex: this.messageIndex(topicId),
      count: this.counts[topicId],
      retained: this.retainedAt[topicId] >= 0,
      retainedIndex: this.retainedIndex(topicId),
    };
  }

  /** Every topic with a message so far, in topic id order (first appearance). */
  *entries(): Generator<TopicState, void, undefined> {
    for (let id = 0; id < this.topicsSeen; id++) yield this.get(id);
  }

  /** @internal Replays positions [position, to) on top of this state; the topics touched, once each (when tracked). */
  forward(to: number, track = true): Uint32Array {
    const { topicIds, flags } = this.index;
    const { last, counts, retainedAt } = this;
    let seen = this.topicsSeen;
    let k = 0;
    if (track) {
      const mark = ++this.epoch === 0xffffffff ? this.resetStamps() : this.epoch;
      const stamp = (this.stamp ??= new Uint32Array(counts.length));
      const out = this.scratch();
      for (let r = this.position; r < to; r++) {
        const id = topicIds[r];
        if (stamp[id] !== mark) {
          stamp[id] = mark;
          out[k++] = id;
        }
      }
    }
    for (let r = this.position; r < to; r++) {
      const id = topicIds[r];
      if (id >= seen) seen = id + 1;
      last[id] = r;
      counts[id]++;
      const f = flags[r];
      if (f & EMPTY) retainedAt[id] = -1;
      else if (f & RETAIN) retainedAt[id] = r;
    }
    this.topicsSeen = seen;
    this.position = to;
    return track ? this.scratch().slice(0, k) : NO_IDS;
  }

  /**
   * @internal Restores a checkpoint (undefined: the empty start) and replays to `to`. Tracked: the
   * topics whose state differs from before (same count means the same messages, so the same state).
   */
  jump(cp: Checkpoint | undefined, to: number, track = true): Uint32Array {
    const seenBefore = this.topicsSeen;
    const before = track && seenBefore ? this.counts.slice(0, seenBefore) : undefined;
    const n = cp ? cp.last.length : 0;
    if (cp) {
      this.last.set(cp.last);
      this.counts.set(cp.count);
      this.retainedAt.set(cp.retained);
    }
    if (seenBefore > n) {
      this.last.fill(-1, n, seenBefore);
      this.counts.fill(0, n, seenBefore);
      this.retainedAt.fill(-1, n, seenBefore);
    }
    this.topicsSeen = n;
    this.position = cp ? cp.at : 0;
    this.forward(to, false);
    if (!track) return NO_IDS;
    const out = this.scratch();
    const counts = this.counts;
    let k = 0;
    const upTo = Math.max(seenBefore, this.topicsSeen);
    for (let id = 0; id < upTo; id++) if ((before && id < seenBefore ? before[id] : 0) !== counts[id]) out[k++] = id;
    return out.slice(0, k);
  }

  /** Room for a list of topic ids, kept between moves. */
  private scratch(): Uint32Array {
    return (this.ids ??= new Uint32Array(this.counts.length));
  }

  private resetStamps(): number {
    this.stamp?.fill(0);
    this.epoch = 1;
    return 1;
  }
}
