/**
 * The Sparkplug view's model (issue 13): groups → edge nodes → devices → metrics with their
 * online state, fed once per batch from what the MQTT worker decoded (`MqttMessage.decoded
 * .sparkplug`, names already resolved through the aliases of the latest BIRTH by
 * core/sparkplug.ts). Plain TypeScript, mutated in place and stamped with the model's version
 * once per batch, so views re-render only what a batch changed, never per message.
 *
 * - NBIRTH: the edge node is online with its bdSeq; its metrics are the BIRTH's (a rebirth with
 *   other aliases replaces them: DATA is already named by the worker). A seq gap noted since the
 *   last BIRTH is cleared.
 * - NDEATH: the edge node and all its devices are offline — unless its bdSeq is not the one of
 *   the current session's NBIRTH (a stale will delivered late, which the spec says to ignore).
 * - DBIRTH / DDEATH: the device is online / offline. DATA updates the metrics it carries.
 * - STATE (`spBv1.0/STATE/<host>`, Sparkplug 3 JSON, or `STATE/<host>` text in 2.2): host
 *   applications online or offline.
 * Bounded: at most MAX_SOURCES edge nodes + devices and MAX_METRICS metrics per one of them;
 * what does not fit is counted (`dropped`), never kept.
 */
import type { SparkplugInfo, SparkplugMetric } from './decoded';
import { VersionedEmitter } from './emitter';

export const MAX_SOURCES = 10_000;
export const MAX_METRICS = 2_000;
export const MAX_HOSTS = 100;

export interface MetricState {
  /** Resolved name; `''` for a metric known only by an alias no BIRTH named. */
  name: string;
  alias?: number;
  type: string;
  value: SparkplugMetric['value'];
  /** ms since epoch: the metric's, else the payload's, else when it arrived. */
  timestamp: number;
}

/** `undefined`: nothing said yet (only DATA seen, no BIRTH or DEATH). */
export type Online = boolean | undefined;

interface Source {
  name: string;
  online: Online;
  /** When it last went online or offline. */
  since?: number;
  /** When its last message arrived. */
  lastSeen: number;
  /** By name (or `#<alias>` when unnamed), in the order first seen. */
  metrics: Map<string, MetricState>;
  /** The model's version when this (or, for an edge node, one of its devices) last changed. */
  version: number;
}

export type DeviceState = Source;

export interface EdgeNodeState extends Source {
  group: string;
  /** The bdSeq metric of its current NBIRTH. */
  bdSeq?: number;
  /** The last seq seen from it (its own and its devices' messages). */
  seq?: number;
  /** Messages missed since its last NBIRTH (seq gaps), and when the last gap was seen. */
  missed: number;
  lastGapAt?: number;
  devices: Map<string, DeviceState>;
  /** An NDEATH whose bdSeq did not match this session's NBIRTH (ignored, as the spec says). */
  staleDeaths: number;
}

export interface GroupState {
  name: string;
  nodes: Map<string, EdgeNodeState>;
  version: number;
}

export interface HostState {
  name: string;
  online: boolean;
  /** The STATE message's timestamp (Sparkplug 3), else when it arrived. */
  since: number;
  version: number;
}

/** One message for the model: a decoded Sparkplug payload, or a host application's STATE text. */
export interface SparkplugItem {
  topic: string;
  /** Arrival time, ms since epoch. */
  time: number;
  info?: SparkplugInfo;
  /** STATE messages only: the payload as text. */
  text?: string;
}

/** `spBv1.0/STATE/<host>` (Sparkplug 3) or `STATE/<host>` (Sparkplug 2.2): the host's id, else undefined. */
export function stateHost(topic: string): string | undefined {
  const m = /^(?:spBv1\.0\/)?STATE\/([^/]+)$/.exec(topic);
  return m?.[1];
}

/** A STATE payload: `{"online":true,"timestamp":…}` (3.0) or `ONLINE` / `OFFLINE` (2.2); undefined when neither. */
export function parseHostState(text: string): { online: boolean; timestamp?: number } | undefined {
  const t = text.trim();
  if (t === 'ONLINE' || t === 'OFFLINE') return { online: t === 'ONLINE' };
  if (!t.startsWith('{') || t.length > 1000) return undefined;
  try {
    const v = JSON.parse(t) as { online?: unknown; timestamp?: unknown };
    if (typeof v?.online !== 'boolean') return undefined;
    return typeof v.timestamp === 'number' && Number.isFinite(v.timestamp) ? { online: v.online, timestamp: v.timestamp } : { online: v.online };
  } catch {
    return undefined;
  }
}

const metricKey = (m: SparkplugMetric) => m.name || `#${m.alias ?? '?'}`;

export class SparkplugModel extends VersionedEmitter {
  readonly groups = new Map<string, GroupState>();
  readonly hosts = new Map<string, HostState>();
  private sources = 0;
  /** Messages from edge nodes, devices or metrics that did not fit the bounds. */
  dropped = 0;

  /** Edge nodes + devices known. */
  get size(): number {
    return this.sources;
  }

  /** One batch's Sparkplug messages, in arrival order; listeners are told once if anything changed. */
  ingest(items: readonly SparkplugItem[]): void {
    if (items.length === 0) return;
    const epoch = this.version + 1;
    let changed = false;
    for (const item of items) {
      if (item.info) changed = this.apply(item.info, item.time, epoch) || changed;
      else if (item.text !== undefined) changed = this.host(item.topic, item.text, item.time, epoch) || changed;
    }
    if (changed) this.changed();
  }

  /** Forgets everything (the session's topics were cleared: another broker). */
  clear(): void {
    if (this.groups.size === 0 && this.hosts.size === 0) return;
    this.groups.clear();
    this.hosts.clear();
    this.sources = 0;
    this.dropped = 0;
    this.changed();
  }

  node(group: string, edgeNode: string): EdgeNodeState | undefined {
    return this.groups.get(group)?.nodes.get(edgeNode);
  }

  private apply(info: SparkplugInfo, time: number, epoch: number): boolean {
    // A payload decoded as Sparkplug B on a topic outside the namespace (Decode as) has no group.
    if (!info.group || !info.edgeNode) return false;
    const type = info.messageType;
    if (type === 'NCMD' || type === 'DCMD') return false;
    const node = this.ensureNode(info.group, info.edgeNode, time);
    if (!node) {
      this.dropped++;
      return false;
    }
    const at = info.timestamp ?? time;
    node.lastSeen = time;
    if (info.seq !== undefined && type !== 'NDEATH') node.seq = info.seq;
    if (info.missed) {
      node.missed += info.missed;
      node.lastGapAt = time;
    }
    node.version = epoch;
    this.groups.get(info.group)!.version = epoch;
    if (info.device === undefined) {
      if (type === 'NBIRTH') {
        node.online = true;
        node.since = at;
        node.missed = 0;
        node.lastGapAt = undefined;
        const bd = info.metrics.find((m) => m.name === 'bdSeq')?.value;
        node.bdSeq = typeof bd === 'number' ? bd : undefined;
        node.metrics = new Map();
      } else if (type === 'NDEATH') {
        const bd = info.metrics.find((m) => m.name === 'bdSeq')?.value;
        if (node.online && typeof bd === 'number' && node.bdSeq !== undefined && bd !== node.bdSeq) {
          node.staleDeaths++;
          return true;
        }
        node.online = false;
        node.since = at;
        for (const d of node.devices.values()) {
          if (d.online !== false) {
            d.online = false;
            d.since = at;
            d.version = epoch;
          }
        }
        return true; // its bdSeq is not a metric to show
      }
      this.metrics(node, info, time);
      return true;
    }
    const device = this.ensureDevice(node, info.device, time);
    if (!device) {
      this.dropped++;
      return true;
    }
    device.lastSeen = time;
    device.version = epoch;
    if (type === 'DBIRTH') {
      device.online = true;
      device.since = at;
      device.metrics = new Map();
      // A device's BIRTH says its edge node is up, even when we missed the NBIRTH.
      if (node.online === undefined) node.online = true;
    } else if (type === 'DDEATH') {
      device.online = false;
      device.since = at;
      return true;
    }
    this.metrics(device, info, time);
    return true;
  }

  private metrics(source: Source, info: SparkplugInfo, time: number): void {
    for (const m of info.metrics) {
      const key = metricKey(m);
      const known = source.metrics.get(key);
      const timestamp = m.timestamp ?? info.timestamp ?? time;
      if (known) {
        known.value = m.value;
        known.type = m.type;
        known.timestamp = timestamp;
        if (m.alias !== undefined) known.alias = m.alias;
        continue;
      }
      if (source.metrics.size >= MAX_METRICS) {
        this.dropped++;
        continue;
      }
      const state: MetricState = { name: m.name, type: m.type, value: m.value, timestamp };
      if (m.alias !== undefined) state.alias = m.alias;
      source.metrics.set(key, state);
    }
  }

  private ensureNode(group: string, name: string, time: number): EdgeNodeState | undefined {
    let g = this.groups.get(group);
    const known = g?.nodes.get(name);
    if (known) return known;
    if (this.sources >= MAX_SOURCES) return undefined;
    if (!g) {
      g = { name: group, nodes: new Map(), version: 0 };
      this.groups.set(group, g);
    }
    const node: EdgeNodeState = { group, name, online: undefined, lastSeen: time, metrics: new Map(), version: 0, missed: 0, devices: new Map(), staleDeaths: 0 };
    g.nodes.set(name, node);
    this.sources++;
    return node;
  }

  private ensureDevice(node: EdgeNodeState, name: string, time: number): DeviceState | undefined {
    const known = node.devices.get(name);
    if (known) return known;
    if (this.sources >= MAX_SOURCES) return undefined;
    const device: DeviceState = { name, online: undefined, lastSeen: time, metrics: new Map(), version: 0 };
    node.devices.set(name, device);
    this.sources++;
    return device;
  }

  private host(topic: string, text: string, time: number, epoch: number): boolean {
    const name = stateHost(topic);
    const state = name === undefined ? undefined : parseHostState(text);
    if (name === undefined || !state) return false;
    const known = this.hosts.get(name);
    if (!known && this.hosts.size >= MAX_HOSTS) {
      this.dropped++;
      return false;
    }
    // Sparkplug 3: a STATE older than the one shown is a late delivery, not news.
    if (known && state.timestamp !== undefined && state.timestamp < known.since) return false;
    this.hosts.set(name, { name, online: state.online, since: state.timestamp ?? time, version: epoch });
    return true;
  }
}
