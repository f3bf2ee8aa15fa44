/**
 * A recording's state at a time, for comparing (recording-diff.ts), built by streaming its
 * chunks: `addChunk(blob)` one stored chunk at a time, then `state()`. Only one message per topic
 * is kept (a copy of its payload, at most PAYLOAD_KEEP_LIMIT bytes), never the chunks, so a
 * million-message recording costs one chunk plus its topics. Two kinds of state:
 *
 * - `last`: every topic's **last message** at or before the time — what the Explorer shows on
 *   the recording at that time;
 * - `retained`: the **retained message the broker holds** for each topic at that time, by the
 *   trie's rule (topic-trie.ts `nextRetained`): a retained message with a payload sets it, an
 *   empty payload clears it (with or without the retain flag: a live clear arrives without it on
 *   MQTT 3.1.1), a plain message with a payload leaves it. What to compare with the live broker's
 *   retained messages.
 *
 * Either way a topic whose deciding message has an empty payload is absent (recording-diff.ts).
 * "Last" means latest receive time, ties going to the message stored later, so the result does
 * not depend on the order chunks come in (an imported file may be out of time order) and equals
 * the time index's `stateAt(t)` (recording-index.ts). A recording holds only what arrived while
 * it recorded: retained messages the broker replayed before Record was pressed are not in it.
 * Pure.
 */
import type { MqttMessage } from './message';
import { PackedMessages } from './recording-messages';
import type { StateMessage } from './recording-diff';

export type StateKind = 'last' | 'retained';

interface Entry {
  time: number;
  /** null: cleared (an empty payload), or not copied yet (`from`). */
  message: StateMessage | null;
  /** The deciding message still in its chunk: copied out only if no later one replaces it soon. */
  from: { chunk: number; packed: PackedMessages; index: number } | null;
}

/**
 * A deciding message is copied out of its chunk only once this many more chunks went by
 * without a later one for its topic (or at the end): a busy topic's messages replace one another
 * long before that and are never copied, and at most this many chunk blobs are held meanwhile.
 */
const COPY_AFTER_CHUNKS = 8;

export class RecordingStateCollector {
  private readonly entries = new Map<string, Entry>();
  /** Entries set from each of the last chunks (by chunk number), to copy out when their chunk goes. */
  private readonly pending = new Map<number, Entry[]>();
  private chunks = 0;
  /** Messages read at or before the time. */
  messages = 0;

  /** `upTo`: only messages received at or before it (ms since epoch) count. */
  constructor(
    readonly kind: StateKind,
    readonly upTo = Infinity,
  ) {}

  /** Whether this message decides its topic's state of this kind (it sets or clears it). */
  private decides(retain: boolean, size: number): boolean {
    return this.kind === 'last' || size === 0 || retain;
  }

  /** Takes `m` if it is later than what its topic holds (ties: the later call wins). */
  add(m: MqttMessage): void {
    if (!(m.time <= this.upTo)) return;
    this.messages++;
    if (!this.decides(m.retain, m.size)) return;
    const cur = this.entries.get(m.topic);
    if (cur && cur.time > m.time) return;
    this.entries.set(m.topic, { time: m.time, message: m.size === 0 ? null : toState(m), from: null });
  }

  /**
   * One stored chunk (recording-chunk.ts layout). Only each topic's deciding message is looked
   * at, and copied out (payload included) only if it is still its topic's a few chunks later;
   * no blob is held longer than that. Throws a RangeError on a damaged chunk.
   */
  addChunk(blob: Uint8Array): void {
    const packed = new PackedMessages();
    const list = packed.add(blob);
    const chunk = this.chunks++;
    // Per topic, the chunk's latest deciding message (ties: the later one).
    const latest = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      const m = list[i];
      if (!(m.time <= this.upTo)) continue;
      this.messages++;
      if (!this.decides(m.retain, m.payload.length)) continue;
      const j = latest.get(m.topic);
      if (j === undefined || list[j].time <= m.time) latest.set(m.topic, i);
    }
    const set: Entry[] = [];
    for (const [topic, i] of latest) {
      const m = list[i];
      let e = this.entries.get(topic);
      if (e && e.time > m.time) continue;
      if (!e) this.entries.set(topic, (e = { time: m.time, message: null, from: null }));
      e.time = m.time;
      e.message = null;
      e.from = m.payload.length === 0 ? null : { chunk, packed, index: i };
      if (e.from) set.push(e);
    }
    if (set.length) this.pending.set(chunk, set);
    this.copyOut(chunk - COPY_AFTER_CHUNKS);
  }

  /** Copies out the messages of chunk `chunk` that still decide their topic; the chunk is let go. */
  private copyOut(chunk: number): void {
    const set = this.pending.get(chunk);
    if (!set) return;
    this.pending.delete(chunk);
    for (const e of set) {
      const from = e.from;
      if (!from || from.chunk !== chunk) continue;
      e.message = toState(from.packed.message(0, from.index));
      e.from = null;
    }
  }

  /** Topics held now (empty payloads left out). */
  state(): Map<string, StateMessage> {
    for (const chunk of [...this.pending.keys()]) this.copyOut(chunk);
    const out = new Map<string, StateMessage>();
    for (const [topic, e] of this.entries) if (e.message) out.set(topic, e.message);
    return out;
  }
}

/** A kept copy (a message read from a chunk is a view into the whole blob). */
function toState(m: MqttMessage): StateMessage {
  const s: StateMessage = { topic: m.topic, payload: m.payload.slice(), size: m.size, qos: m.qos, retain: m.retain, time: m.time };
  if (m.properties) s.properties = m.properties;
  return s;
}

/** The live broker's retained messages as a state (empty payloads left out). */
export function retainedState(messages: Iterable<{ topic: string; payload: Uint8Array; qos: 0 | 1 | 2; properties?: StateMessage['properties'] }>): Map<string, StateMessage> {
  const out = new Map<string, StateMessage>();
  for (const m of messages) {
    if (m.payload.length === 0) continue;
    const s: StateMessage = { topic: m.topic, payload: m.payload, size: m.payload.length, qos: m.qos, retain: true };
    if (m.properties) s.properties = m.properties;
    out.set(m.topic, s);
  }
  return out;
}
