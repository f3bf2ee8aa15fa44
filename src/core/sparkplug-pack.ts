/**
 * Decoded Sparkplug B payloads (`SparkplugInfo`) packed for the trip from the MQTT worker to the
 * main thread: all of a batch's decodings as numbers in one Float64Array, and their strings
 * (metric and type names, group, edge node, device, message type, text values, notes) each once
 * in a table the numbers refer to by index. postMessage's structured clone of the metric objects
 * themselves — ten small objects per DDATA, each with its property names — cost more than
 * decoding them (issue 13's 5,000 DDATA/s: ~1.2 s in the worker's postMessage and ~2.2 s to read
 * them on the main thread per 50,000 messages, `npm run bench -- --quick --only app --view plain
 * --sparkplug --profile`); a typed array is copied as one block. In Node, cloning a batch of 80
 * DDATA (10 metrics each): ~29 µs per message as objects, ~16 as one flat array per message,
 * ~10 with the strings in a table, ~0.3 as one Float64Array.
 * The batcher packs (batcher.ts: `BatchEvent.sparkplug`, and on each message `WireMessage.sp`, where
 * its decoding starts), the session unpacks as it makes the messages (session.ts), so every
 * consumer on the main thread sees the same `decoded.sparkplug` as before (with one string per
 * name shared by the batch's messages). sparkplug-pack.test.ts checks that unpack(pack(x)) is x.
 *
 * Layout of one decoding, from its offset: metric count, message type, group, edge node, device
 * (string index or -1), seq, timestamp, missed (NaN when absent), uuid (string index or -1),
 * note count, the notes (string indexes), then per metric: name, alias (NaN: none), type, value
 * kind (number, boolean, null, string), value (the number, 0/1, 0, or a string index),
 * timestamp (NaN: none), flags (unresolved, historical, transient).
 */
import type { SparkplugInfo, SparkplugMetric } from './decoded';

const HEAD = 10;
const STRIDE = 7;
const NUMBER = 0;
const BOOLEAN = 1;
const NULL = 2;
const STRING = 3;
const UNRESOLVED = 1;
const HISTORICAL = 2;
const TRANSIENT = 4;

/** What a batch carries beside its messages. */
export interface PackedSparkplugBatch {
  nums: Float64Array<ArrayBuffer>;
  strings: string[];
}

/**
 * The buffer the last packer gave back (done() hands out a copy of what was written): the next
 * batch writes into it instead of growing a new one from small (8,000 numbers ≈ 100 DDATA).
 */
let spare: Float64Array | null = null;

/** Collects one batch's decodings; `pack` returns where each starts. */
export class SparkplugPacker {
  /** Written in place and grown by doubling (a number[] plus Float64Array.from cost ~2× more). */
  private nums: Float64Array = spare ?? new Float64Array(8192);
  private length = 0;
  private readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  private id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  /** Room for `n` more numbers. */
  private room(n: number): Float64Array {
    if (this.length + n > this.nums.length) {
      const grown = new Float64Array(Math.max(this.nums.length * 2, this.length + n));
      grown.set(this.nums.subarray(0, this.length));
      this.nums = grown;
    }
    return this.nums;
  }

  constructor() {
    spare = null; // two packers at once (tests) never share it
  }

  pack(info: SparkplugInfo): number {
    const { notes, metrics } = info;
    const n = this.room(HEAD + notes.length + STRIDE * metrics.length);
    const at = this.length;
    n[at] = metrics.length;
    n[at + 1] = this.id(info.messageType);
    n[at + 2] = this.id(info.group);
    n[at + 3] = this.id(info.edgeNode);
    n[at + 4] = info.device === undefined ? -1 : this.id(info.device);
    n[at + 5] = info.seq ?? NaN;
    n[at + 6] = info.timestamp ?? NaN;
    n[at + 7] = info.missed ?? NaN;
    n[at + 8] = info.uuid === undefined ? -1 : this.id(info.uuid);
    n[at + 9] = notes.length;
    let k = at + HEAD;
    for (let i = 0; i < notes.length; i++) n[k++] = this.id(notes[i]);
    for (let i = 0; i < metrics.length; i++, k += STRIDE) {
      const m = metrics[i];
      const v = m.value;
      n[k] = this.id(m.name);
      n[k + 1] = m.alias ?? NaN;
      n[k + 2] = this.id(m.type);
      if (typeof v === 'number') {
        n[k + 3] = NUMBER;
        n[k + 4] = v;
      } else if (typeof v === 'boolean') {
        n[k + 3] = BOOLEAN;
        n[k + 4] = v ? 1 : 0;
      } else if (v === null) {
        n[k + 3] = NULL;
        n[k + 4] = 0;
      } else {
        n[k + 3] = STRING;
        n[k + 4] = this.id(v);
      }
      n[k + 5] = m.timestamp ?? NaN;
      n[k + 6] = (m.unresolved ? UNRESOLVED : 0) | (m.historical ? HISTORICAL : 0) | (m.transient ? TRANSIENT : 0);
    }
    this.length = k;
    return at;
  }

  /** The batch's share (its own buffer, to transfer), or undefined when nothing was packed. */
  done(): PackedSparkplugBatch | undefined {
    const out = this.length === 0 ? undefined : { nums: this.nums.slice(0, this.length), strings: this.strings };
    this.length = 0;
    if (this.nums.length <= 1 << 17) spare = this.nums; // up to 1 MB kept for the next batch
    this.nums = new Float64Array(0); // handed on: never written by this packer again
    return out;
  }
}

/** The decoding that starts at `at`. */
export function unpackSparkplug({ nums: n, strings: s }: PackedSparkplugBatch, at: number): SparkplugInfo {
  const metricCount = n[at];
  const noteCount = n[at + 9];
  const notes: string[] = [];
  for (let i = 0; i < noteCount; i++) notes.push(s[n[at + HEAD + i]]);
  const metrics: SparkplugMetric[] = [];
  for (let i = 0, k = at + HEAD + noteCount; i < metricCount; i++, k += STRIDE) {
    const kind = n[k + 3];
    const raw = n[k + 4];
    const value = kind === NUMBER ? raw : kind === BOOLEAN ? raw === 1 : kind === NULL ? null : s[raw];
    const m: SparkplugMetric = { name: s[n[k]], type: s[n[k + 2]], value };
    if (!Number.isNaN(n[k + 1])) m.alias = n[k + 1];
    if (!Number.isNaN(n[k + 5])) m.timestamp = n[k + 5];
    const flags = n[k + 6];
    if (flags !== 0) {
      if (flags & UNRESOLVED) m.unresolved = true;
      if (flags & HISTORICAL) m.historical = true;
      if (flags & TRANSIENT) m.transient = true;
    }
    metrics.push(m);
  }
  const info: SparkplugInfo = { messageType: s[n[at + 1]], group: s[n[at + 2]], edgeNode: s[n[at + 3]], metrics, notes };
  if (n[at + 4] >= 0) info.device = s[n[at + 4]];
  if (!Number.isNaN(n[at + 5])) info.seq = n[at + 5];
  if (!Number.isNaN(n[at + 6])) info.timestamp = n[at + 6];
  if (n[at + 8] >= 0) info.uuid = s[n[at + 8]];
  if (!Number.isNaN(n[at + 7])) info.missed = n[at + 7];
  return info;
}
