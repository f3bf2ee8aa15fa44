/**
 * One chunk of a recording as it is stored (IndexedDB, see docs/architecture.md "Recordings"):
 * the messages of ~1 s (or ~1 MiB) packed into one binary blob, so a chunk is one value to
 * write and the payloads keep every byte. Layout, little-endian:
 *
 *   u8 version (1) · u32 message count · then per message:
 *   f64 receive time (ms since epoch) · u8 flags (bits 0–1 QoS, bit 2 retain, bit 3 properties)
 *   · u32 topic length · topic (UTF-8) · u32 payload length · payload bytes
 *   · [flag 3] u32 length · the MQTT 5 properties as JSON (UTF-8; see propertiesToJson)
 *
 * Pure: no IndexedDB, no mqtt.js. Unpacking checks every length against the blob and throws a
 * RangeError on a damaged chunk, never reads past it.
 */
import type { MessageProperties } from './message';
import type { RecordedMessage } from './recording-format';
import { userPropsFromPairs, userPropsToPairs } from './user-properties';

export const CHUNK_FORMAT_VERSION = 1;

/** One recorded message (defined with the export format): everything the broker sent, the payload in full. */
export type { RecordedMessage };

/** Bytes of fixed fields per message (time, flags, two lengths). */
const FIXED = 8 + 1 + 4 + 4;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * What a message adds to the stored size, close enough for the size cap without encoding the
 * topic (UTF-16 length; a non-ASCII topic is undercounted by at most 2 bytes a character).
 */
export function estimateMessageBytes(m: RecordedMessage): number {
  let n = FIXED + m.topic.length + m.payload.length;
  if (m.properties) n += 4 + propertiesJsonLength(m.properties);
  return n;
}

function propertiesJsonLength(p: MessageProperties): number {
  // Rare (MQTT 5 with properties); an exact count would need the JSON anyway.
  return JSON.stringify(propertiesToJson(p)).length;
}

/** Properties as plain JSON: correlation data in base64, user properties as [name, value] pairs (order and repeats kept). */
export function propertiesToJson(p: MessageProperties): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (p.contentType !== undefined) out.contentType = p.contentType;
  if (p.payloadFormatIndicator !== undefined) out.payloadFormatIndicator = p.payloadFormatIndicator;
  if (p.messageExpiryInterval !== undefined) out.messageExpiryInterval = p.messageExpiryInterval;
  if (p.responseTopic !== undefined) out.responseTopic = p.responseTopic;
  if (p.correlationData !== undefined) out.correlationData = toBase64(p.correlationData);
  if (p.userProperties !== undefined) out.userProperties = userPropsToPairs(p.userProperties);
  return out;
}

/** The inverse of propertiesToJson; fields of the wrong type are left out. */
export function propertiesFromJson(j: unknown): MessageProperties | undefined {
  if (!j || typeof j !== 'object') return undefined;
  const o = j as Record<string, unknown>;
  const out: MessageProperties = {};
  if (typeof o.contentType === 'string') out.contentType = o.contentType;
  if (typeof o.payloadFormatIndicator === 'boolean') out.payloadFormatIndicator = o.payloadFormatIndicator;
  if (typeof o.messageExpiryInterval === 'number') out.messageExpiryInterval = o.messageExpiryInterval;
  if (typeof o.responseTopic === 'string') out.responseTopic = o.responseTopic;
  if (typeof o.correlationData === 'string') out.correlationData = fromBase64(o.correlationData);
  if (Array.isArray(o.userProperties)) {
    const pairs = o.userProperties.filter(
      (x): x is [string, string] => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string',
    );
    out.userProperties = userPropsFromPairs(pairs);
  }
  return Object.keys(out).length ? out : undefined;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
}

function fromBase64(s: string): Uint8Array {
  try {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * Packs messages into a chunk as they arrive (the recorder's hot path): each message is copied
 * into one growing buffer at once, so no message object has to outlive its arrival (in a worker
 * taking 5,000 messages a second, a second of kept objects would be promoted and collected as
 * old-generation garbage).
 */
export class ChunkPacker {
  private buf = new Uint8Array(64 * 1024);
  private view = new DataView(this.buf.buffer);
  private length = 5;
  private lastStart = 5;
  /** Messages packed since the last take(). */
  count = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Packs one message; returns the bytes it took. */
  add(m: RecordedMessage): number {
    const p = m.properties ? encoder.encode(JSON.stringify(propertiesToJson(m.properties))) : null;
    this.room(FIXED + m.topic.length * 3 + m.payload.length + (p ? 4 + p.length : 0));
    const start = (this.lastStart = this.length);
    const out = this.buf;
    const view = this.view;
    let o = start;
    view.setFloat64(o, m.time, true);
    out[o + 8] = (m.qos & 3) | (m.retain ? 4 : 0) | (p ? 8 : 0);
    o += 9;
    const written = encoder.encodeInto(m.topic, out.subarray(o + 4)).written;
    view.setUint32(o, written, true);
    o += 4 + written;
    view.setUint32(o, m.payload.length, true);
    out.set(m.payload, o + 4);
    o += 4 + m.payload.length;
    if (p) {
      view.setUint32(o, p.length, true);
      out.set(p, o + 4);
      o += 4 + p.length;
    }
    this.length = o;
    this.count++;
    return o - start;
  }

  /** Takes back the message just added (once). */
  undo(): void {
    if (this.lastStart === this.length) return;
    this.length = this.lastStart;
    this.count--;
  }

  /** The chunk of everything packed so far (a copy of just its bytes); the packer starts a new one. */
  take(): Uint8Array {
    this.buf[0] = CHUNK_FORMAT_VERSION;
    this.view.setUint32(1, this.count, true);
    const blob = this.buf.slice(0, this.length);
    this.length = this.lastStart = 5;
    this.count = 0;
    return blob;
  }
}

/** Packs messages into one chunk blob (see the layout above). */
export function packChunk(messages: readonly RecordedMessage[]): Uint8Array {
  const packer = new ChunkPacker();
  for (const m of messages) packer.add(m);
  return packer.take();
}

/** The message count of a chunk blob, read from its header. */
export function chunkCount(blob: Uint8Array): number {
  if (blob.length < 5 || blob[0] !== CHUNK_FORMAT_VERSION) throw new RangeError('Not a recording chunk (unknown version).');
  return new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(1, true);
}

/** Unpacks a chunk blob; payloads are copies (they do not keep the blob alive). Throws a RangeError on a damaged blob. */
export function unpackChunk(blob: Uint8Array): RecordedMessage[] {
  const count = chunkCount(blob);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out: RecordedMessage[] = [];
  let o = 5;
  const need = (n: number) => {
    if (o + n > blob.length) throw new RangeError(`Recording chunk damaged: message ${out.length + 1} of ${count} runs past its end.`);
  };
  for (let i = 0; i < count; i++) {
    need(FIXED);
    const time = view.getFloat64(o, true);
    const flags = blob[o + 8];
    o += 9;
    const topicLength = view.getUint32(o, true);
    o += 4;
    need(topicLength + 4);
    const topic = decoder.decode(blob.subarray(o, o + topicLength));
    o += topicLength;
    const payloadLength = view.getUint32(o, true);
    o += 4;
    need(payloadLength);
    const payload = blob.slice(o, o + payloadLength);
    o += payloadLength;
    const qos = flags & 3;
    if (qos === 3) throw new RangeError(`Recording chunk damaged: message ${i + 1} has QoS 3.`);
    const m: RecordedMessage = { time, topic, payload, qos: qos as 0 | 1 | 2, retain: (flags & 4) !== 0 };
    if (flags & 8) {
      need(4);
      const length = view.getUint32(o, true);
      o += 4;
      need(length);
      let json: unknown;
      try {
        json = JSON.parse(decoder.decode(blob.subarray(o, o + length)));
      } catch {
        throw new RangeError(`Recording chunk damaged: message ${i + 1} has unreadable properties.`);
      }
      o += length;
      const properties = propertiesFromJson(json);
      if (properties) m.properties = properties;
    }
    out.push(m);
  }
  return out;
}
