/**
 * Worker-side ingest buffer: collects incoming messages and hands them over as one
 * batch (one ArrayBuffer with every payload, transferable) at most once per frame.
 * Bounded: when a batch grows past `maxPending`, older messages of busy topics are
 * coalesced into per-topic counts so that the main thread is never flooded.
 */
import type { MessageProperties } from '../core/message';
import { PAYLOAD_KEEP_LIMIT } from '../core/message';
import type { BatchEvent, WireMessage } from './protocol';
import type { DecodedPayload } from '../core/decoded';
import { SparkplugPacker } from '../core/sparkplug-pack';

export interface IncomingMessage {
  topic: string;
  payload: Uint8Array;
  qos: 0 | 1 | 2;
  retain: boolean;
  time: number;
  properties?: MessageProperties;
  replay?: boolean;
  /** Set by the worker's decoders (decoders/decode-control.ts). */
  decoded?: DecodedPayload;
}

export interface BatcherOptions {
  /** Called with a ready batch and its transfer list. */
  emit: (batch: BatchEvent, transfer: ArrayBuffer[]) => void;
  /** Schedules a flush; defaults to a ~16 ms timer (one frame). */
  schedule?: (fn: () => void) => void;
  /** Messages kept per topic when coalescing. */
  keepPerTopic?: number;
  /** Pending messages that trigger coalescing. */
  maxPending?: number;
  payloadLimit?: number;
}

export class Batcher {
  private pending: IncomingMessage[] = [];
  private extra = new Map<string, number>();
  /** Bytes and largest payload of the coalesced messages, per topic (traffic stays exact). */
  private extraBytes = new Map<string, number>();
  private extraLargest = new Map<string, number>();
  private scheduled = false;
  private readonly schedule: (fn: () => void) => void;
  private readonly keepPerTopic: number;
  private readonly maxPending: number;
  private readonly payloadLimit: number;

  constructor(private readonly opts: BatcherOptions) {
    this.schedule = opts.schedule ?? ((fn) => setTimeout(fn, 16));
    this.keepPerTopic = opts.keepPerTopic ?? 100;
    this.maxPending = opts.maxPending ?? 50_000;
    this.payloadLimit = opts.payloadLimit ?? PAYLOAD_KEEP_LIMIT;
  }

  add(msg: IncomingMessage): void {
    this.pending.push(msg);
    if (this.pending.length >= this.maxPending) this.coalesce();
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Drops all but the newest `keepPerTopic` messages of each topic, counting the rest. */
  private coalesce(): void {
    const kept = new Map<string, number>();
    const out: IncomingMessage[] = [];
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const m = this.pending[i];
      const k = kept.get(m.topic) ?? 0;
      if (k < this.keepPerTopic) {
        kept.set(m.topic, k + 1);
        out.push(m);
      } else {
        this.extra.set(m.topic, (this.extra.get(m.topic) ?? 0) + 1);
        this.extraBytes.set(m.topic, (this.extraBytes.get(m.topic) ?? 0) + m.payload.length);
        if (m.payload.length > (this.extraLargest.get(m.topic) ?? 0)) this.extraLargest.set(m.topic, m.payload.length);
      }
    }
    this.pending = out.reverse();
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 && this.extra.size === 0) return;
    const msgs = this.pending;
    this.pending = [];
    let total = 0;
    for (const m of msgs) total += Math.min(m.payload.length, this.payloadLimit);
    const buffer = new ArrayBuffer(total);
    const bytes = new Uint8Array(buffer);
    const wire: WireMessage[] = new Array(msgs.length);
    let sparkplug: SparkplugPacker | undefined; // the batch's Sparkplug decodings, as numbers and strings
    let offset = 0;
    for (let i = 0; i < msgs.length; i++) {
      const m = msgs[i];
      const length = Math.min(m.payload.length, this.payloadLimit);
      bytes.set(length === m.payload.length ? m.payload : m.payload.subarray(0, length), offset);
      const w: WireMessage = {
        topic: m.topic,
        offset,
        length,
        size: m.payload.length,
        qos: m.qos,
        retain: m.retain,
        time: m.time,
      };
      if (m.properties) w.properties = m.properties;
      if (m.replay) w.replay = true;
      // Sparkplug metrics packed into one typed array per batch (core/sparkplug-pack.ts): cheap to clone.
      if (m.decoded?.sparkplug) w.sp = (sparkplug ??= new SparkplugPacker()).pack(m.decoded.sparkplug);
      else if (m.decoded) w.decoded = m.decoded;
      wire[i] = w;
      offset += length;
    }
    const batch: BatchEvent = { type: 'batch', messages: wire, buffer };
    const packed = sparkplug?.done();
    if (packed) batch.sparkplug = packed;
    if (this.extra.size > 0) {
      batch.extraCounts = Object.fromEntries(this.extra);
      batch.extraBytes = Object.fromEntries(this.extraBytes);
      batch.extraLargest = Object.fromEntries(this.extraLargest);
      this.extra = new Map();
      this.extraBytes = new Map();
      this.extraLargest = new Map();
    }
    this.opts.emit(batch, packed ? [buffer, packed.nums.buffer] : [buffer]);
  }
}
