/**
 * A decoded Sparkplug B payload (`SparkplugInfo`) as one flat array of primitives, for the trip
 * from the MQTT worker to the main thread. postMessage's structured clone of the metric objects
 * themselves — ten small objects per DDATA, each with its property names — cost more than
 * decoding them (issue 13's 5,000 DDATA/s: ~1.2 s in the worker's postMessage and ~2.2 s to read
 * them on the main thread per 50,000 messages, profiled with `npm run bench -- --quick --only app
 * --view plain --sparkplug --profile`); an array of numbers clones without either. The strings
 * that repeat — metric names, type names, group, edge node, device, message type — travel once
 * per batch in a table (`BatchEvent.strings`) and as its indexes in the arrays.
 * The batcher packs (batcher.ts), the session unpacks as it makes the messages (session.ts), so
 * every consumer on the main thread sees the same `decoded.sparkplug` as before (and the same
 * name strings shared by all messages of a batch). sparkplug-pack.test.ts checks that
 * unpack(pack(x)) equals x.
 */
import type { DecodedPayload, PackedSparkplug, SparkplugInfo, SparkplugMetric } from './decoded';

/** Slots per metric: name, alias, type (table indexes for name and type), value, timestamp, flags. */
const STRIDE = 6;
/** Slots before the notes: messageType, group, edgeNode, device (indexes), seq, timestamp, uuid, missed, notes count. */
const HEAD = 9;
const UNRESOLVED = 1;
const HISTORICAL = 2;
const TRANSIENT = 4;

/** One batch's strings: each distinct one once, referred to by its index. */
export class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

export function packSparkplug(info: SparkplugInfo, table: StringTable): PackedSparkplug {
  const { notes, metrics } = info;
  // Built by push, never `new Array(n)`: a holey array is cloned slot by slot as a sparse one.
  const out: PackedSparkplug = [
    table.id(info.messageType),
    table.id(info.group),
    table.id(info.edgeNode),
    info.device === undefined ? undefined : table.id(info.device),
    info.seq,
    info.timestamp,
    info.uuid,
    info.missed,
    notes.length,
  ];
  for (let i = 0; i < notes.length; i++) out.push(notes[i]);
  for (let i = 0; i < metrics.length; i++) {
    const m = metrics[i];
    const flags = (m.unresolved ? UNRESOLVED : 0) | (m.historical ? HISTORICAL : 0) | (m.transient ? TRANSIENT : 0);
    out.push(table.id(m.name), m.alias, table.id(m.type), m.value, m.timestamp, flags);
  }
  return out;
}

export function unpackSparkplug(p: PackedSparkplug, strings: readonly string[]): SparkplugInfo {
  const noteCount = p[8] as number;
  const notes: string[] = [];
  for (let i = 0; i < noteCount; i++) notes.push(p[HEAD + i] as string);
  const metrics: SparkplugMetric[] = [];
  for (let k = HEAD + noteCount; k < p.length; k += STRIDE) {
    const m: SparkplugMetric = { name: strings[p[k] as number], type: strings[p[k + 2] as number], value: p[k + 3] as SparkplugMetric['value'] };
    if (p[k + 1] !== undefined) m.alias = p[k + 1] as number;
    if (p[k + 4] !== undefined) m.timestamp = p[k + 4] as number;
    const flags = p[k + 5] as number;
    if (flags !== 0) {
      if (flags & UNRESOLVED) m.unresolved = true;
      if (flags & HISTORICAL) m.historical = true;
      if (flags & TRANSIENT) m.transient = true;
    }
    metrics.push(m);
  }
  const info: SparkplugInfo = { messageType: strings[p[0] as number], group: strings[p[1] as number], edgeNode: strings[p[2] as number], metrics, notes };
  if (p[3] !== undefined) info.device = strings[p[3] as number];
  if (p[4] !== undefined) info.seq = p[4] as number;
  if (p[5] !== undefined) info.timestamp = p[5] as number;
  if (p[6] !== undefined) info.uuid = p[6] as string;
  if (p[7] !== undefined) info.missed = p[7] as number;
  return info;
}

/** For the wire (worker side): a Sparkplug decoding packed with the batch's string table, anything else as it is. */
export function packDecoded(d: DecodedPayload, table: StringTable): DecodedPayload {
  if (!d.sparkplug) return d;
  const { sparkplug, ...rest } = d;
  return { ...rest, packed: packSparkplug(sparkplug, table) };
}

/** From the wire (main thread): a packed Sparkplug decoding unpacked with its batch's strings, anything else as it is. */
export function unpackDecoded(d: DecodedPayload, strings: readonly string[] | undefined): DecodedPayload {
  if (!d.packed) return d;
  const { packed, ...rest } = d;
  return { ...rest, sparkplug: unpackSparkplug(packed, strings ?? []) };
}
