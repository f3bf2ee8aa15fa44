/**
 * Time travel's model: an open recording shown as a TopicTrie (`trie`, a RecordingTrie) that
 * always holds the broker's state as of the slider's time (`time`):
 *
 *   index (recording-index.ts) ──seek(state, p)→ ids of the topics that changed
 *        └─ for each: last message, count, retained message (message store) → trie.setTopics
 *
 * so a move touches only the topics it changed, whichever direction. A topic's history in the
 * trie is just its last message, except for the topic in `focus` (the one the Message panel
 * shows), whose history is its last `historyLimit` messages up to `time` (index.history): the
 * history of every changed topic would cost up to 100 decoded messages per topic per move.
 *
 * The source is a VersionedEmitter: its version grows with every move (the slider and the
 * header's clock read `time` with useModel); the trie tells its own listeners once per move
 * that changed something. Pure: no React, no IndexedDB (messages come from `read`).
 */
import { VersionedEmitter } from './emitter';
import { DEFAULT_HISTORY_LIMIT, type MqttMessage } from './message';
import type { RecordingIndex, RecordingState } from './recording-index';
import { RecordingTrie, type TopicSnapshot } from './recording-trie';

export interface RecordingSourceOptions {
  /** The slider's range (ms since epoch); defaults to just before the first message and the last message's time, and is widened to hold them. */
  start?: number;
  end?: number;
  /** History kept for the focused topic (default DEFAULT_HISTORY_LIMIT). */
  historyLimit?: number;
  /** Where it opens (default: `end`, everything recorded). */
  at?: number;
}

export class RecordingSource extends VersionedEmitter {
  readonly trie: RecordingTrie;
  readonly start: number;
  readonly end: number;
  private readonly state: RecordingState;
  private t: number;
  private focused: string | null = null;

  /** `read(i, topic)` returns message i (its message index, as the index names it), whose topic is `topic`. */
  constructor(
    readonly index: RecordingIndex,
    private readonly read: (messageIndex: number, topic: string) => MqttMessage,
    options: RecordingSourceOptions = {},
  ) {
    super();
    const range = index.timeRange;
    // The range starts before the first message (1 ms at least), so the slider can show "nothing yet".
    const first = range ? range.start - 1 : (options.start ?? 0);
    const start = options.start ?? first;
    const end = options.end ?? range?.end ?? start;
    this.start = Math.min(start, first);
    this.end = Math.max(end, range?.end ?? end, this.start);
    this.trie = new RecordingTrie({ historyLimit: options.historyLimit ?? DEFAULT_HISTORY_LIMIT, memoryBudget: Infinity });
    this.state = index.newState();
    this.t = this.start;
    this.seekTime(options.at ?? this.end);
  }

  /** The slider's time (ms since epoch): the trie shows every message at or before it. */
  get time(): number {
    return this.t;
  }

  /** Messages included so far (in time order). */
  get position(): number {
    return this.state.position;
  }

  /** Messages in the recording. */
  get length(): number {
    return this.index.length;
  }

  /** The topic whose full history the trie holds (the Message panel's), or null. */
  get focus(): string | null {
    return this.focused;
  }

  /** Moves to time t (clamped to start…end); only the topics whose state changed are touched. */
  seekTime(t: number): void {
    if (Number.isNaN(t)) return;
    const time = Math.max(this.start, Math.min(this.end, t));
    const changed = this.index.seek(this.state, this.index.indexAtTime(time));
    if (changed.length) this.trie.setTopics(this.snapshots(changed));
    if (time === this.t && !changed.length) return;
    this.t = time;
    this.changed();
  }

  /**
   * One message forward (`delta` 1) or back (−1) from the current position, also between messages
   * recorded in the same millisecond (a flood records several per ms, and one WebSocket frame's
   * packets arrive together): the slider's time becomes that message's, and the trie shows
   * exactly the first `position` messages. Back from the first message goes to the start.
   */
  stepMessage(delta: 1 | -1): void {
    const p = Math.max(0, Math.min(this.index.length, this.state.position + delta));
    if (p === this.state.position) return;
    const changed = this.index.seek(this.state, p);
    if (changed.length) this.trie.setTopics(this.snapshots(changed));
    this.t = p === 0 ? this.start : this.index.timeAt(p - 1);
    this.changed();
  }

  /** Gives `topic` its full history (up to the history limit) in the trie, and keeps it so as the time moves. */
  setFocus(topic: string | null): void {
    if (topic === this.focused) return;
    this.focused = topic;
    const id = topic === null ? undefined : this.index.topicId(topic);
    if (id !== undefined && this.state.count(id) > 0) this.trie.setTopics([this.snapshot(id)]);
  }

  /** History kept for the focused topic (the Explorer's History size). */
  setHistoryLimit(n: number): void {
    if (n === this.trie.historyLimit) return;
    this.trie.setHistoryLimit(n);
    const id = this.focused === null ? undefined : this.index.topicId(this.focused);
    if (id !== undefined && this.state.count(id) > 0) this.trie.setTopics([this.snapshot(id)]);
  }

  private *snapshots(ids: Uint32Array): Generator<TopicSnapshot> {
    for (const id of ids) yield this.snapshot(id);
  }

  private snapshot(id: number): TopicSnapshot {
    const topic = this.index.topic(id);
    const count = this.state.count(id);
    if (count === 0) return { topic, count };
    const lastIndex = this.state.messageIndex(id);
    const last = this.read(lastIndex, topic);
    const r = this.state.retainedIndex(id);
    const retained = r < 0 ? undefined : r === lastIndex ? last : this.read(r, topic);
    if (topic !== this.focused) return { topic, count, last, retained };
    const ids = this.index.history(id, this.state.position, this.trie.historyLimit);
    const history = ids.map((i) => (i === lastIndex ? last : i === r ? retained! : this.read(i, topic)));
    return { topic, count, last, retained, history };
  }
}
