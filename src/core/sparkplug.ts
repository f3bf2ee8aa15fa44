/**
 * Sparkplug B semantics over decoded protobuf payloads (the protobuf decoding itself is in
 * src/mqtt/decoders/sparkplug-decoder.ts): the topic namespace, datatypes, metric aliases from the
 * most recent BIRTH of each edge node / device, and each edge node's `seq` (0–255) with its gaps.
 * Runs in the MQTT worker, which keeps one SparkplugState per connection.
 */
import type { SparkplugInfo, SparkplugMetric } from './decoded';

export const SPARKPLUG_PREFIX = 'spBv1.0/';

export const MESSAGE_TYPES = ['NBIRTH', 'NDEATH', 'DBIRTH', 'DDEATH', 'NDATA', 'DDATA', 'NCMD', 'DCMD'] as const;

/** Datatype numbers of the Tahu schema, by name (index = number). */
export const DATATYPES = [
  'Unknown', 'Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64', 'Float', 'Double', 'Boolean',
  'String', 'DateTime', 'Text', 'UUID', 'DataSet', 'Bytes', 'File', 'Template', 'PropertySet', 'PropertySetList',
  'Int8Array', 'Int16Array', 'Int32Array', 'Int64Array', 'UInt8Array', 'UInt16Array', 'UInt32Array', 'UInt64Array',
  'FloatArray', 'DoubleArray', 'BooleanArray', 'StringArray', 'DateTimeArray',
] as const;

export interface SparkplugTopic {
  group: string;
  messageType: string;
  edgeNode: string;
  device?: string;
}

/**
 * `spBv1.0/<group>/<type>/<edge node>[/<device>]`; `null` for anything else under spBv1.0 (a
 * Sparkplug 3 STATE message, `spBv1.0/STATE/<host>`, is JSON and shown as such).
 */
export function parseSparkplugTopic(topic: string): SparkplugTopic | null {
  if (!topic.startsWith(SPARKPLUG_PREFIX)) return null;
  const parts = topic.slice(SPARKPLUG_PREFIX.length).split('/');
  if (parts[0] === 'STATE') return null;
  if (parts.length !== 3 && parts.length !== 4) return null;
  const [group, messageType, edgeNode, device] = parts;
  if (!group || !edgeNode || !(MESSAGE_TYPES as readonly string[]).includes(messageType)) return null;
  const isDevice = messageType[0] === 'D';
  if (isDevice !== (device !== undefined) || device === '') return null;
  return device === undefined ? { group, messageType, edgeNode } : { group, messageType, edgeNode, device };
}

/** A metric's value as the protobuf carried it (which field of the `value` oneof, and its raw content). */
export type RawValue =
  | { case: 'intValue'; value: number }
  | { case: 'longValue'; value: number | bigint }
  | { case: 'floatValue' | 'doubleValue'; value: number }
  | { case: 'booleanValue'; value: boolean }
  | { case: 'stringValue'; value: string }
  | { case: 'bytesValue'; value: Uint8Array }
  | { case: 'datasetValue'; columns: number; rows: number }
  | { case: 'templateValue'; metrics: number }
  | { case: 'extensionValue' }
  | { case: undefined };

/** 64-bit integers are numbers when they are exactly one, bigints beyond 2^53 (sparkplug-wire.ts). */
export interface RawMetric {
  name?: string;
  alias?: number | bigint;
  timestamp?: number | bigint;
  datatype?: number;
  isNull?: boolean;
  isHistorical?: boolean;
  isTransient?: boolean;
  value: RawValue;
}

export interface RawPayload {
  timestamp?: number | bigint;
  seq?: number | bigint;
  uuid?: string;
  metrics: RawMetric[];
}

const toNumber = (v: bigint): number | string => (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString());

const hex = (b: Uint8Array, max = 64) => {
  let s = '';
  for (let i = 0; i < Math.min(b.length, max); i++) s += (i ? ' ' : '') + b[i].toString(16).padStart(2, '0');
  return b.length > max ? `${s} … (${b.length} bytes)` : s;
};

/** The value to show and chart, by datatype (Int8/16/32 travel as uint32, Int64 as uint64: two's complement). */
export function metricValue(type: string, raw: RawValue, isNull?: boolean): SparkplugMetric['value'] {
  if (isNull) return null;
  switch (raw.case) {
    case 'intValue':
      if (type === 'Int8') return (raw.value << 24) >> 24;
      if (type === 'Int16') return (raw.value << 16) >> 16;
      if (type === 'Int32') return raw.value | 0;
      return raw.value;
    case 'longValue':
      // A number is below 2^53: the same as an Int64 and as a UInt64.
      if (typeof raw.value === 'number') return raw.value;
      return toNumber(type === 'Int64' || type === 'Int32' || type === 'Int16' || type === 'Int8' ? BigInt.asIntN(64, raw.value) : raw.value);
    case 'floatValue':
    case 'doubleValue':
    case 'booleanValue':
    case 'stringValue':
      return raw.value;
    case 'bytesValue':
      return hex(raw.value);
    case 'datasetValue':
      return `DataSet: ${raw.columns} columns, ${raw.rows} rows`;
    case 'templateValue':
      return `Template: ${raw.metrics} metrics`;
    case 'extensionValue':
      return '(extension value)';
    default:
      return null;
  }
}

interface BirthMetric {
  name: string;
  type: string;
}

/** What the most recent BIRTH of one edge node or device said about its aliases (keyed by aliasKey). */
type AliasMap = Map<number | bigint, BirthMetric>;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** An alias as a Map key: a number when it is one exactly (hashed far faster than a bigint), else the bigint. */
const aliasKey = (alias: number | bigint): number | bigint => (typeof alias === 'number' || alias > MAX_SAFE ? alias : Number(alias));

/** Bounded, like every per-topic map in the worker. */
const MAX_SOURCES = 10_000;

/**
 * One connection's Sparkplug memory: aliases per edge node / device from their latest BIRTH, and
 * each edge node's last `seq`.
 */
export class SparkplugState {
  private aliases = new Map<string, AliasMap>();
  /** Each topic's edge node and source keys (the topics are parsed once and reused: sparkplug-decoder.ts). */
  private keys = new WeakMap<SparkplugTopic, { node: string; source: string }>();
  private seqs = new Map<string, number>();

  /** The message's payload made readable: names resolved, values typed, seq gaps noted. */
  interpret(t: SparkplugTopic, p: RawPayload): SparkplugInfo {
    let keys = this.keys.get(t);
    if (!keys) {
      const node = `${t.group}/${t.edgeNode}`;
      keys = { node, source: t.device === undefined ? node : `${node}/${t.device}` };
      this.keys.set(t, keys);
    }
    const { node, source } = keys;
    const birth = t.messageType === 'NBIRTH' || t.messageType === 'DBIRTH';
    const notes: string[] = [];
    let aliases = this.aliases.get(source);
    if (birth) {
      aliases = new Map();
      for (const m of p.metrics) {
        if (m.alias !== undefined && m.name !== undefined) aliases.set(aliasKey(m.alias), { name: m.name, type: DATATYPES[m.datatype ?? 0] ?? 'Unknown' });
      }
      if (this.aliases.size >= MAX_SOURCES && !this.aliases.has(source)) this.aliases.clear();
      this.aliases.set(source, aliases);
    }
    let unresolved = 0;
    const metrics = p.metrics.map((m): SparkplugMetric => {
      const key = m.alias !== undefined ? aliasKey(m.alias) : undefined;
      const known = key !== undefined ? aliases?.get(key) : undefined;
      const name = m.name ?? known?.name ?? '';
      const type = m.datatype !== undefined ? (DATATYPES[m.datatype] ?? `type ${m.datatype}`) : (known?.type ?? 'Unknown');
      const out: SparkplugMetric = { name, type, value: metricValue(type, m.value, m.isNull) };
      if (key !== undefined) out.alias = Number(key);
      // Most metrics carry the payload's timestamp: not repeated (less to copy to the main thread per message).
      if (m.timestamp !== undefined && m.timestamp !== p.timestamp) out.timestamp = Number(m.timestamp);
      if (m.name === undefined && !known) {
        out.unresolved = true;
        unresolved++;
      }
      if (m.isHistorical) out.historical = true;
      if (m.isTransient) out.transient = true;
      return out;
    });
    if (unresolved > 0) {
      const what = t.device === undefined ? 'edge node' : 'device';
      notes.push(
        aliases
          ? `${unresolved === 1 ? '1 metric has an alias' : `${unresolved} metrics have aliases`} the last ${t.device === undefined ? 'NBIRTH' : 'DBIRTH'} did not name.`
          : `No BIRTH seen from this ${what} yet: ${unresolved === 1 ? '1 metric is' : `${unresolved} metrics are`} known only by alias.`,
      );
    }
    const info: SparkplugInfo = { messageType: t.messageType, group: t.group, edgeNode: t.edgeNode, metrics, notes };
    if (t.device !== undefined) info.device = t.device;
    if (p.timestamp !== undefined) info.timestamp = Number(p.timestamp);
    if (p.uuid) info.uuid = p.uuid;
    if (p.seq !== undefined) info.seq = Number(p.seq);
    const missed = this.trackSeq(node, t.messageType, info.seq);
    if (missed > 0) {
      info.missed = missed;
      notes.push(`${missed === 1 ? '1 message' : `${missed} messages`} missed — request a rebirth`);
    }
    return info;
  }

  /**
   * Each edge node's messages (its own and its devices', commands and NDEATH aside) count `seq`
   * 0–255 and wrap; NBIRTH starts it. Returns how many were missed before this one.
   */
  private trackSeq(node: string, type: string, seq: number | undefined): number {
    if (seq === undefined || type === 'NDEATH' || type === 'NCMD' || type === 'DCMD') return 0;
    const last = this.seqs.get(node);
    if (this.seqs.size >= MAX_SOURCES && last === undefined) this.seqs.clear();
    this.seqs.set(node, seq & 255);
    // NBIRTH starts over; a repeated seq is the same message again (a QoS 1 duplicate), not a gap.
    if (type === 'NBIRTH' || last === undefined || last === (seq & 255)) return 0;
    return (seq - last - 1 + 512) & 255;
  }
}
