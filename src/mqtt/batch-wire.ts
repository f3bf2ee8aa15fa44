/**
 * A batch as it crosses from the MQTT worker to the main thread: the batcher's BatchEvent
 * (an object per message) packed into columns just before postMessage (worker.ts), and read
 * column by column by the session (session.ts applyQueued), which makes the models' message
 * objects straight from them.
 *
 * Why: structured clone writes and reads every property of every object one by one. At 5,000
 * msg/s reading the batches' message objects cost the main thread ~3 µs per message (the
 * session's `onmessage` was its single largest JavaScript function in a CPU profile of the
 * Explorer-open bench), while a typed array is handed over whole (transferred) and an array of
 * strings is read at a fraction of that. docs/performance.md, "What was changed".
 *
 * Per message: its topic in `topics`, and STRIDE numbers in `nums` (offset and length of its
 * payload in `buffer`, its size before truncation, time, flags, Sparkplug position). The rare
 * rest (MQTT 5 properties, a worker decoding) goes in `special`, by message index.
 */
import type { MessageProperties } from '../core/message';
import type { DecodedPayload } from '../core/decoded';
import type { PackedSparkplugBatch } from '../core/sparkplug-pack';
import type { BatchEvent, WireMessage } from './protocol';

/** Numbers per message in `nums`. */
export const STRIDE = 6;
/** Offsets within a message's numbers. */
export const OFFSET = 0;
export const LENGTH = 1;
export const SIZE = 2;
export const TIME = 3;
/** qos (bits 0–1) | RETAIN | REPLAY */
export const FLAGS = 4;
/** Where its Sparkplug decoding starts in the batch's packed `sparkplug`, or -1. */
export const SP = 5;
export const RETAIN = 4;
export const REPLAY = 8;

/** What a message carries beside its numbers, rarely: MQTT 5 properties, the worker's decoding. */
export interface SpecialEntry {
  /** The message's index in the batch. */
  i: number;
  properties?: MessageProperties;
  decoded?: DecodedPayload;
}

export interface PackedBatchEvent {
  type: 'packed-batch';
  topics: string[];
  nums: Float64Array<ArrayBuffer>;
  /** Every payload (transferable); see BatchEvent.buffer. */
  buffer: ArrayBuffer;
  /** In ascending `i`; absent when no message has any. */
  special?: SpecialEntry[];
  extraCounts?: Record<string, number>;
  extraBytes?: Record<string, number>;
  extraLargest?: Record<string, number>;
  sparkplug?: PackedSparkplugBatch;
}

/** The batch in columns; post it with `packed.nums.buffer` added to the batch's transfer list. */
export function packBatch(batch: BatchEvent): PackedBatchEvent {
  const list = batch.messages;
  const n = list.length;
  const topics: string[] = new Array(n);
  const nums = new Float64Array(n * STRIDE);
  let special: SpecialEntry[] | undefined;
  for (let i = 0, o = 0; i < n; i++, o += STRIDE) {
    const w = list[i];
    topics[i] = w.topic;
    nums[o + OFFSET] = w.offset;
    nums[o + LENGTH] = w.length;
    nums[o + SIZE] = w.size;
    nums[o + TIME] = w.time;
    nums[o + FLAGS] = w.qos | (w.retain ? RETAIN : 0) | (w.replay ? REPLAY : 0);
    nums[o + SP] = w.sp ?? -1;
    if (w.properties || w.decoded) {
      const e: SpecialEntry = { i };
      if (w.properties) e.properties = w.properties;
      if (w.decoded) e.decoded = w.decoded;
      (special ??= []).push(e);
    }
  }
  const out: PackedBatchEvent = { type: 'packed-batch', topics, nums, buffer: batch.buffer };
  if (special) out.special = special;
  if (batch.extraCounts) out.extraCounts = batch.extraCounts;
  if (batch.extraBytes) out.extraBytes = batch.extraBytes;
  if (batch.extraLargest) out.extraLargest = batch.extraLargest;
  if (batch.sparkplug) out.sparkplug = batch.sparkplug;
  return out;
}

/** The batch's messages as objects again (what packBatch was given); for tests and tools. */
export function unpackMessages(b: PackedBatchEvent): WireMessage[] {
  const out: WireMessage[] = [];
  const special = new Map((b.special ?? []).map((e) => [e.i, e]));
  for (let i = 0, o = 0; i < b.topics.length; i++, o += STRIDE) {
    const flags = b.nums[o + FLAGS];
    const w: WireMessage = {
      topic: b.topics[i],
      offset: b.nums[o + OFFSET],
      length: b.nums[o + LENGTH],
      size: b.nums[o + SIZE],
      qos: (flags & 3) as 0 | 1 | 2,
      retain: (flags & RETAIN) !== 0,
      time: b.nums[o + TIME],
    };
    const e = special.get(i);
    if (e?.properties) w.properties = e.properties;
    if (flags & REPLAY) w.replay = true;
    if (e?.decoded) w.decoded = e.decoded;
    if (b.nums[o + SP] >= 0) w.sp = b.nums[o + SP];
    out.push(w);
  }
  return out;
}
