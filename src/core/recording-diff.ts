/**
 * Comparing two states of a broker (issue 12): a recording's state at a time, another
 * recording's, or the live broker's retained messages. A **state** is a map topic → the one
 * message that stands for the topic (`StateMessage`); how a recording becomes one is
 * recording-diff-state.ts. The comparison is topic by topic:
 *
 * - **Added**: in `after`, not in `before`;
 * - **Removed**: in `before`, not in `after`;
 * - **Changed**: in both, with different payloads (size or bytes; QoS, retain flag, time and
 *   MQTT 5 properties are shown but do not make a topic changed);
 * - everything else is **unchanged** (only counted).
 *
 * A topic whose message has an empty payload is never in a state: an empty payload is how MQTT
 * deletes a retained message, so a topic cleared that way counts as absent (Removed when the
 * other side has it). Lists are sorted by topic. Pure.
 */
import { sameBytes } from './bytes';
import type { MessageProperties } from './message';

/** The message a state holds for a topic. */
export interface StateMessage {
  topic: string;
  /** The payload bytes kept (recordings: at most PAYLOAD_KEEP_LIMIT; see `size`). */
  payload: Uint8Array;
  /** The payload's real length. */
  size: number;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** Receive time (ms since epoch), when known (a recording; not the broker's retained store). */
  time?: number;
  properties?: MessageProperties;
}

/** topic → its message. Never holds an empty payload (see above). */
export type TopicState = ReadonlyMap<string, StateMessage>;

export interface ChangedTopic {
  topic: string;
  before: StateMessage;
  after: StateMessage;
}

export interface StateDiff {
  added: StateMessage[];
  removed: StateMessage[];
  changed: ChangedTopic[];
  /** Topics in both with the same payload. */
  unchanged: number;
}

/**
 * Same payload: the same real size and the same bytes as far as both were kept (a payload over
 * PAYLOAD_KEEP_LIMIT recorded is compared on its size and first PAYLOAD_KEEP_LIMIT bytes).
 */
export function samePayload(a: StateMessage, b: StateMessage): boolean {
  if (a.size !== b.size) return false;
  const n = Math.min(a.payload.length, b.payload.length);
  if (a.payload.length === b.payload.length) return sameBytes(a.payload, b.payload);
  return sameBytes(a.payload.subarray(0, n), b.payload.subarray(0, n));
}

/** Topics in a stable, readable order (code units: `a/b` before `a/c`, upper case first). */
export function compareTopics(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byTopic = (a: { topic: string }, b: { topic: string }) => compareTopics(a.topic, b.topic);

/** What changed from `before` to `after`, topic by topic (see the top of this file). */
export function diffStates(before: TopicState, after: TopicState): StateDiff {
  const added: StateMessage[] = [];
  const removed: StateMessage[] = [];
  const changed: ChangedTopic[] = [];
  let unchanged = 0;
  for (const [topic, b] of before) {
    if (b.size === 0) continue;
    const a = after.get(topic);
    if (!a || a.size === 0) removed.push(b);
    else if (samePayload(b, a)) unchanged++;
    else changed.push({ topic, before: b, after: a });
  }
  for (const [topic, a] of after) {
    if (a.size === 0) continue;
    const b = before.get(topic);
    if (!b || b.size === 0) added.push(a);
  }
  added.sort(byTopic);
  removed.sort(byTopic);
  changed.sort(byTopic);
  return { added, removed, changed, unchanged };
}

/** The same comparison the other way round (after → before). */
export function reverseDiff(d: StateDiff): StateDiff {
  return {
    added: d.removed,
    removed: d.added,
    changed: d.changed.map((c) => ({ topic: c.topic, before: c.after, after: c.before })),
    unchanged: d.unchanged,
  };
}

/** Only the topics containing `needle` (case-insensitive; empty: all). `unchanged` is kept as it was. */
export function filterDiff(d: StateDiff, needle: string): StateDiff {
  const n = needle.trim().toLowerCase();
  if (!n) return d;
  const has = (x: { topic: string }) => x.topic.toLowerCase().includes(n);
  return { added: d.added.filter(has), removed: d.removed.filter(has), changed: d.changed.filter(has), unchanged: d.unchanged };
}
