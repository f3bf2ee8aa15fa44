/**
 * A shortcut for the packets that are most of the traffic: incoming QoS 0 PUBLISH packets are
 * read here, straight from the WebSocket frame, and never reach mqtt.js; everything else does,
 * unchanged and in order.
 *
 * mqtt.js turns every WebSocket frame into a Buffer (the `buffer` polyfill), pushes it through a
 * readable-stream Duplex into a Writable, parses it with mqtt-packet out of a `bl` BufferList
 * (copies, more Buffers), queues the packets and handles them one per `process.nextTick` (a
 * timer in the browser polyfill), and finally emits 'message'. In the worker's CPU profile that
 * was ~75 % of its busy time under a flood of small JSON messages (docs/performance.md).
 *
 * `FastIngress` keeps its own framing state (fixed header, remaining length, across frames), so
 * it always knows where a packet starts. Of each frame it takes the PUBLISH packets that
 *   - lie wholly inside the frame (a packet split across frames goes to mqtt.js whole),
 *   - have QoS 0, DUP 0, a topic of at least one byte that is valid UTF-8,
 *   - on MQTT 5, have no properties at all (property length 0: anything else, a topic alias
 *     or user properties, goes to mqtt.js, which turns them into `packet.properties`),
 *   - are not larger than `maxPacketSize` (when set),
 * and hands them to `message(topic, payload, retain, time)`; the rest of the frame (runs of
 * whole packets, or the parts of a split one) goes to mqtt.js as new frames, in order. What it
 * cannot frame (a remaining length longer than 4 bytes, a frame that is not an ArrayBuffer)
 * turns it off for the rest of the connection: everything then goes to mqtt.js as received.
 *
 * Order: mqtt.js handles what it gets later than we read it (its queue runs on timers), so a
 * message read here after a packet given to mqtt.js waits until mqtt.js has handled that
 * packet: `handled()` is called from the client's 'packetreceive' event (mqtt.js emits it as
 * it starts handling a packet and handles it, 'message' included, synchronously with its
 * in-memory stores), and the waiting messages are delivered in a microtask after it. Data for
 * mqtt.js never overtakes a waiting message either. So a retained replay right after a SUBACK,
 * or a QoS 1 message between two QoS 0 ones, arrive in the order the broker sent them.
 *
 * Payloads are views into the frame's ArrayBuffer (as mqtt.js's were); the topic is decoded as
 * mqtt-packet does for valid UTF-8 (invalid UTF-8 goes to mqtt.js, which behaves as before).
 */

/** Where a frame (or part of it) goes when it is for mqtt.js. */
export type Forward = (data: ArrayBuffer) => void;

export interface FastIngressOptions {
  /** The connection's protocol version (5: a property length follows the topic). */
  protocolVersion: number;
  /** A QoS 0 PUBLISH read here; `time` is when its frame arrived (Date.now()). */
  message(topic: string, payload: Uint8Array, retain: boolean, time: number): void;
  /** Once per frame that held such a PUBLISH, as the frame arrives (the silent-stall watch). */
  received?(time: number): void;
  /** MQTT 5 Maximum Packet Size we advertised: larger packets go to mqtt.js (which refuses them). */
  maxPacketSize?: number;
  now?: () => number;
}

interface Waiting {
  /** A message read here, or null for data for mqtt.js. */
  topic: string | null;
  payload: Uint8Array | null;
  retain: boolean;
  time: number;
  data: ArrayBuffer | null;
  /** Packets that start in `data` (mqtt.js reports each once). */
  packets: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The topic's bytes as a string, or null if they are not valid UTF-8. */
export function decodeTopic(bytes: Uint8Array, start: number, end: number): string | null {
  if (end - start <= 256) {
    let i = start;
    while (i < end && bytes[i] < 0x80) i++;
    if (i === end) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  try {
    return utf8.decode(bytes.subarray(start, end));
  } catch {
    return null;
  }
}

export class FastIngress {
  private readonly v5: boolean;
  private readonly now: () => number;
  /** Bytes of the packet under way that are still to come in later frames (all for mqtt.js). */
  private rest = 0;
  /** Fixed-header bytes of a packet whose remaining length is not complete yet (for mqtt.js). */
  private header: number[] | null = null;
  /** Framing lost: everything goes to mqtt.js as received. */
  private off = false;
  /** Packets given to mqtt.js that it has not reported yet. */
  private outstanding = 0;
  private waiting: Waiting[] = [];
  private head = 0;
  private drainQueued = false;
  private forward: Forward = () => {};

  constructor(private readonly opts: FastIngressOptions) {
    this.v5 = opts.protocolVersion === 5;
    this.now = opts.now ?? Date.now;
  }

  /** mqtt.js started handling a packet (its 'packetreceive'): waiting messages may follow it. */
  handled(): void {
    if (this.outstanding > 0) this.outstanding--;
    if (this.outstanding === 0 && this.head < this.waiting.length && !this.drainQueued) {
      this.drainQueued = true;
      queueMicrotask(() => {
        this.drainQueued = false;
        this.drain();
      });
    }
  }

  /** Messages given to mqtt.js that it has not reported yet (tests). */
  get pending(): number {
    return this.outstanding;
  }

  /** One WebSocket frame's data; what is for mqtt.js goes to `forward`. */
  frame(data: unknown, forward: Forward): void {
    this.forward = forward;
    if (this.off || !(data instanceof ArrayBuffer)) {
      this.off = true;
      this.toMqtt(data as ArrayBuffer, 0);
      return;
    }
    const bytes = new Uint8Array(data);
    const len = bytes.length;
    let pos = 0;
    // The rest of a packet begun in an earlier frame.
    if (this.header) {
      const h = this.header;
      while (pos < len && h.length < 5 && (h.length === 1 || h[h.length - 1] & 0x80)) h.push(bytes[pos++]);
      const remaining = remainingLength(h);
      if (remaining === TOO_LONG) return this.lose(data, 0, 0);
      if (remaining === INCOMPLETE) return this.toMqtt(data, 0);
      this.header = null;
      this.rest = remaining; // the header is all read: the body follows
    }
    if (this.rest > 0) {
      const n = Math.min(this.rest, len - pos);
      pos += n;
      this.rest -= n;
      if (this.rest > 0 || pos === len) return this.toMqtt(data, 0);
    }
    let time = -1;
    // The run of bytes for mqtt.js that ends where the next fast packet starts (from 0: the end of
    // a packet begun in an earlier frame, already counted, is part of it).
    let runStart = 0;
    let runPackets = 0;
    while (pos < len) {
      const start = pos;
      const b0 = bytes[pos];
      // Remaining length: 1 to 4 bytes, 7 bits each, low first.
      let remaining = 0;
      let mul = 1;
      let i = pos + 1;
      let complete = false;
      for (; i < len && i <= pos + 4; i++) {
        const b = bytes[i];
        remaining += (b & 0x7f) * mul;
        mul *= 128;
        if ((b & 0x80) === 0) {
          complete = true;
          i++;
          break;
        }
      }
      if (!complete) {
        if (i > pos + 4) return this.lose(data, runStart, runPackets); // a fifth length byte: not MQTT
        // The header goes on in the next frame.
        this.header = Array.from(bytes.subarray(start, len));
        return this.flushRun(data, runStart, len, runPackets + 1, len);
      }
      const bodyStart = i;
      const end = bodyStart + remaining;
      if (end > len) {
        this.rest = end - len;
        return this.flushRun(data, runStart, len, runPackets + 1, len);
      }
      pos = end;
      // A QoS 0 PUBLISH (type 3; DUP and QoS bits 0; retain is bit 0), whole in this frame?
      if ((b0 & 0xfe) !== 0x30 || (this.opts.maxPacketSize && end - start > this.opts.maxPacketSize)) {
        runPackets++;
        continue;
      }
      const topicLength = remaining >= 2 ? (bytes[bodyStart] << 8) | bytes[bodyStart + 1] : -1;
      const topicEnd = bodyStart + 2 + topicLength;
      // MQTT 5: one property-length byte 0 (no properties) after the topic.
      const payloadStart = this.v5 ? topicEnd + 1 : topicEnd;
      if (topicLength <= 0 || payloadStart > end || (this.v5 && bytes[topicEnd] !== 0)) {
        runPackets++;
        continue;
      }
      const topic = decodeTopic(bytes, bodyStart + 2, topicEnd);
      if (topic === null) {
        runPackets++;
        continue;
      }
      if (time < 0) {
        time = this.now();
        this.opts.received?.(time);
      }
      if (start > runStart) this.flushRun(data, runStart, start, runPackets, len);
      runStart = end;
      runPackets = 0;
      this.deliver(topic, new Uint8Array(data, payloadStart, end - payloadStart), (b0 & 1) === 1, time);
    }
    if (runStart < len) this.flushRun(data, runStart, len, runPackets, len);
  }

  /** Bytes [from, to) of the frame for mqtt.js: the frame itself when it is all of it. */
  private flushRun(data: ArrayBuffer, from: number, to: number, packets: number, len: number): void {
    if (to <= from) return;
    this.toMqtt(from === 0 && to === len ? data : data.slice(from, to), packets);
  }

  /** A remaining length of more than 4 bytes: stop framing; the rest goes to mqtt.js as it comes. */
  private lose(data: ArrayBuffer, from: number, packets: number): void {
    this.off = true;
    this.header = null;
    this.rest = 0;
    this.toMqtt(from === 0 ? data : data.slice(from), packets);
  }

  private toMqtt(data: ArrayBuffer, packets: number): void {
    if (this.head < this.waiting.length) {
      this.waiting.push({ topic: null, payload: null, retain: false, time: 0, data, packets });
      return;
    }
    this.outstanding += packets;
    this.forward(data);
  }

  private deliver(topic: string, payload: Uint8Array, retain: boolean, time: number): void {
    if (this.outstanding === 0 && this.head === this.waiting.length) {
      this.opts.message(topic, payload, retain, time);
      return;
    }
    this.waiting.push({ topic, payload, retain, time, data: null, packets: 0 });
  }

  /** Delivers waiting messages until one must wait for mqtt.js; hands it data in between. */
  private drain(): void {
    const w = this.waiting;
    while (this.head < w.length) {
      const item = w[this.head];
      if (item.data) {
        this.head++;
        this.outstanding += item.packets;
        this.forward(item.data);
        continue;
      }
      if (this.outstanding > 0) return;
      this.head++;
      this.opts.message(item.topic!, item.payload!, item.retain, item.time);
    }
    this.waiting = [];
    this.head = 0;
  }
}

const INCOMPLETE = -1;
const TOO_LONG = -2;

/** The remaining length after h[0] (the packet's first byte), INCOMPLETE, or TOO_LONG (a fifth byte). */
function remainingLength(h: number[]): number {
  let value = 0;
  let mul = 1;
  for (let i = 1; i < h.length; i++) {
    value += (h[i] & 0x7f) * mul;
    mul *= 128;
    if ((h[i] & 0x80) === 0) return value;
  }
  return h.length === 5 ? TOO_LONG : INCOMPLETE;
}

/**
 * A WebSocket whose 'message' listener (mqtt.js's, added with addEventListener) sees only what
 * `ingress` forwards; everything else about the socket is untouched.
 */
export function interceptMessages<S extends Pick<WebSocket, 'addEventListener' | 'removeEventListener'>>(ws: S, ingress: FastIngress): S {
  const add = ws.addEventListener.bind(ws) as (type: string, l: unknown, o?: unknown) => void;
  const remove = ws.removeEventListener.bind(ws) as (type: string, l: unknown, o?: unknown) => void;
  let mine: { listener: unknown; wrapper: (ev: MessageEvent) => void } | null = null;
  const target = ws as unknown as { addEventListener: unknown; removeEventListener: unknown };
  target.addEventListener = (type: string, listener: unknown, options?: unknown) => {
    // One listener is fed through the ingress (mqtt.js adds exactly one); any other sees the raw frames.
    if (type !== 'message' || mine || !listener) return add(type, listener, options);
    const call =
      typeof listener === 'function'
        ? (ev: unknown) => (listener as (ev: unknown) => void).call(ws, ev)
        : (ev: unknown) => (listener as EventListenerObject).handleEvent(ev as Event);
    const wrapper = (ev: MessageEvent) => ingress.frame(ev.data, (data) => call(data === ev.data ? ev : { data }));
    mine = { listener, wrapper };
    add('message', wrapper, options);
  };
  target.removeEventListener = (type: string, listener: unknown, options?: unknown) => {
    if (type === 'message' && mine && listener === mine.listener) {
      remove('message', mine.wrapper, options);
      mine = null;
      return;
    }
    remove(type, listener, options);
  };
  return ws;
}
