/**
 * A decoded Sparkplug B payload (`SparkplugInfo`) as one flat array of primitives, for the trip
 * from the MQTT worker to the main thread. postMessage's structured clone of the metric objects
 * themselves — ten small objects per DDATA, each with its property names — cost more than
 * decoding them (issue 13's 5,000 DDATA/s: ~1.2 s in the worker's postMessage and ~2.2 s to read
 * them on the main thread per 50,000 messages, profiled with `npm run bench -- --quick --only app
 * --view plain --sparkplug --profile`); an array of numbers and strings clones without either.
 * The batcher packs (batcher.ts), the session unpacks as it makes the messages (session.ts), so
 * every consumer on the main thread sees the same `decoded.sparkplug` as before.
 * sparkplug-pack.test.ts checks that unpack(pack(x)) equals x.
 */
import type { DecodedPayload, PackedSparkplug, SparkplugInfo, SparkplugMetric } from './decoded';

/** Slots per metric: name, alias, type, value, timestamp, flags. */
const STRIDE = 6;
/** Slots before the notes: messageType, group, edgeNode, device, seq, timestamp, uuid, missed, notes count. */
const HEAD = 9;
const UNRESOLVED = 1;
const HISTORICAL = 2;
const TRANSIENT = 4;

export function packSparkplug(info: SparkplugInfo): PackedSparkplug {
  const { notes, metrics } = info;
  // Built by push, never `new Array(n)`: a holey array is cloned slot by slot as a sparse one.
  const out: PackedSparkplug = [info.messageType, info.group, info.edgeNode, info.device, info.seq, info.timestamp, info.uuid, info.missed, notes.length];
  for (let i = 0; i < notes.length; i++) out.push(notes[i]);
  for (let i = 0; i < metrics.length; i++) {
    const m = metrics[i];
    const flags = (m.unresolved ? UNRESOLVED : 0) | (m.historical ? HISTORICAL : 0) | (m.transient ? TRANSIENT : 0);
    out.push(m.name, m.alias, m.type, m.value, m.timestamp, flags);
  }
  return out;
}

export function unpackSparkplug(p: PackedSparkplug): SparkplugInfo {
  const noteCount = p[8] as number;
  const notes = new Array<string>(noteCount);
  for (let i = 0; i < noteCount; i++) notes[i] = p[HEAD + i] as string;
  const first = HEAD + noteCount;
  const metrics = new Array<SparkplugMetric>((p.length - first) / STRIDE);
  for (let k = first, i = 0; k < p.length; k += STRIDE, i++) {
    const m: SparkplugMetric = { name: p[k] as string, type: p[k + 2] as string, value: p[k + 3] as SparkplugMetric['value'] };
    if (p[k + 1] !== undefined) m.alias = p[k + 1] as number;
    if (p[k + 4] !== undefined) m.timestamp = p[k + 4] as number;
    const flags = p[k + 5] as number;
    if (flags !== 0) {
      if (flags & UNRESOLVED) m.unresolved = true;
      if (flags & HISTORICAL) m.historical = true;
      if (flags & TRANSIENT) m.transient = true;
    }
    metrics[i] = m;
  }
  const info: SparkplugInfo = { messageType: p[0] as string, group: p[1] as string, edgeNode: p[2] as string, metrics, notes };
  if (p[3] !== undefined) info.device = p[3] as string;
  if (p[4] !== undefined) info.seq = p[4] as number;
  if (p[5] !== undefined) info.timestamp = p[5] as number;
  if (p[6] !== undefined) info.uuid = p[6] as string;
  if (p[7] !== undefined) info.missed = p[7] as number;
  return info;
}

/** For the wire (worker side): a Sparkplug decoding packed, anything else as it is. */
export function packDecoded(d: DecodedPayload): DecodedPayload {
  if (!d.sparkplug) return d;
  const { sparkplug, ...rest } = d;
  return { ...rest, packed: packSparkplug(sparkplug) };
}

/** From the wire (main thread): a packed Sparkplug decoding unpacked, anything else as it is. */
export function unpackDecoded(d: DecodedPayload): DecodedPayload {
  if (!d.packed) return d;
  const { packed, ...rest } = d;
  return { ...rest, sparkplug: unpackSparkplug(packed) };
}
