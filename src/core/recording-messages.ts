/**
 * A recording's messages held as their stored chunk blobs (recording-chunk.ts layout), for time
 * travel: opening a recording keeps each blob plus one offset per message (4 bytes), not a
 * million message objects, and decodes a message only when a view needs it (a topic's last
 * message, the selected topic's history). Pure.
 *
 *   const store = new PackedMessages();
 *   for (const blob of chunks) builder.add(store.add(blob));   // RecordingIndexBuilder
 *   const m = store.message(batch, offset);                      // index.locate(i)
 */
import { PAYLOAD_KEEP_LIMIT, type MqttMessage } from './message';
import { chunkCount, propertiesFromJson } from './recording-chunk';
import type { IndexableMessage } from './recording-index-builder';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Longest ASCII topic turned into a string with String.fromCharCode (well within argument limits). */
const ASCII_FAST_MAX = 1024;

/**
 * A topic's UTF-8 bytes as a string. Most topics are short ASCII: one String.fromCharCode call
 * instead of TextDecoder's, which costs microseconds per call in Chromium (a million per open).
 */
function decodeTopic(bytes: Uint8Array): string {
  if (bytes.length <= ASCII_FAST_MAX) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  return decoder.decode(bytes);
}

/** Time, flags, topic length, payload length. */
const FIXED = 8 + 1 + 4 + 4;

export class PackedMessages {
  private readonly blobs: Uint8Array[] = [];
  private readonly offsets: Uint32Array[] = [];
  private count = 0;
  private byteCount = 0;

  /** Messages held. */
  get length(): number {
    return this.count;
  }

  /** Bytes of the blobs and offsets held. */
  get bytes(): number {
    return this.byteCount;
  }

  /**
   * Keeps one chunk blob (as batch number `batches so far`) and returns what the index needs of
   * each of its messages, in order. Throws a RangeError on a damaged blob (nothing is kept then).
   */
  add(blob: Uint8Array): IndexableMessage[] {
    const n = chunkCount(blob);
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    const offsets = new Uint32Array(n);
    const out: IndexableMessage[] = new Array(n);
    let o = 5;
    const need = (k: number, i: number) => {
      if (o + k > blob.length) throw new RangeError(`Recording chunk damaged: message ${i + 1} of ${n} runs past its end.`);
    };
    for (let i = 0; i < n; i++) {
      need(FIXED, i);
      offsets[i] = o;
      const time = view.getFloat64(o, true);
      const flags = blob[o + 8];
      if ((flags & 3) === 3) throw new RangeError(`Recording chunk damaged: message ${i + 1} has QoS 3.`);
      const topicLength = view.getUint32(o + 9, true);
      o += 13;
      need(topicLength + 4, i);
      const topic = decodeTopic(blob.subarray(o, o + topicLength));
      o += topicLength;
      const payloadLength = view.getUint32(o, true);
      o += 4;
      need(payloadLength, i);
      o += payloadLength;
      if (flags & 8) {
        need(4, i);
        const l = view.getUint32(o, true);
        o += 4;
        need(l, i);
        o += l;
      }
      out[i] = { time, topic, retain: (flags & 4) !== 0, payload: { length: payloadLength } };
    }
    this.blobs.push(blob);
    this.offsets.push(offsets);
    this.count += n;
    this.byteCount += blob.byteLength + offsets.byteLength;
    return out;
  }

  /** Every message's payload size in bytes, in the order added (message index), without decoding any (traffic figures). */
  sizes(): Uint32Array {
    const out = new Uint32Array(this.count);
    let k = 0;
    for (let b = 0; b < this.blobs.length; b++) {
      const blob = this.blobs[b];
      const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
      for (const o of this.offsets[b]) out[k++] = view.getUint32(o + 13 + view.getUint32(o + 9, true), true);
    }
    return out;
  }

  /**
   * Message `offset` of batch `batch`, as the Explorer keeps messages: payloads over
   * PAYLOAD_KEEP_LIMIT are cut (with `size` the real length), like the live ingest does. The
   * payload is a view into the blob (no copy; the blob lives as long as this store). `topic`, when
   * the caller knows it (the index does), saves decoding it again.
   */
  message(batch: number, offset: number, topic?: string): MqttMessage {
    const blob = this.blobs[batch];
    const offsets = this.offsets[batch];
    if (!blob || !(offset >= 0 && offset < offsets.length)) throw new RangeError(`No recorded message ${batch}:${offset}.`);
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    let o = offsets[offset];
    const time = view.getFloat64(o, true);
    const flags = blob[o + 8];
    const topicLength = view.getUint32(o + 9, true);
    o += 13;
    topic ??= decodeTopic(blob.subarray(o, o + topicLength));
    o += topicLength;
    const size = view.getUint32(o, true);
    o += 4;
    const payload = blob.subarray(o, o + Math.min(size, PAYLOAD_KEEP_LIMIT));
    o += size;
    const m: MqttMessage = { topic, payload, size, qos: (flags & 3) as 0 | 1 | 2, retain: (flags & 4) !== 0, time };
    if (flags & 8) {
      const l = view.getUint32(o, true);
      try {
        const properties = propertiesFromJson(JSON.parse(decoder.decode(blob.subarray(o + 4, o + 4 + l))));
        if (properties) m.properties = properties;
      } catch {
        // Unreadable properties: the message without them (the payload is what matters here).
      }
    }
    return m;
  }
}
