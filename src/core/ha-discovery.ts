/**
 * Home Assistant MQTT discovery → dashboard widgets. Devices announce
 * themselves with retained JSON on `homeassistant/<component>/[<node_id>/]<object_id>/config`;
 * switches and lights become switch widgets, sensors value (or gauge) widgets,
 * binary sensors value widgets, with their topics and payloads filled in.
 * Abbreviated keys (`cmd_t`, `stat_t`, …) and the `~` base topic are expanded.
 */
import type { Widget } from './dashboard-schema';
import { DEFAULT_SWITCH_TIMEOUT_MS } from './switch-machine';
import { isBrokerTopic } from './widget-trust';

export const DISCOVERY_PREFIX = 'homeassistant';
export const DISCOVERY_COMPONENTS = ['switch', 'light', 'sensor', 'binary_sensor'] as const;
export type DiscoveryComponent = (typeof DISCOVERY_COMPONENTS)[number];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A widget before it has an id and a place on the grid. */
export type WidgetDraft = DistributiveOmit<Widget, 'id' | 'pos'>;

export interface DiscoveredEntity {
  /** The config topic (unique per entity). */
  topic: string;
  component: DiscoveryComponent;
  objectId: string;
  uniqueId?: string;
  name: string;
  deviceName?: string;
  widget: WidgetDraft;
  /** Things we could not carry over (e.g. a value template beyond value_json.<path>). */
  notes: string[];
}

/** A refusal carries the announced name when the config got far enough to have one. */
export type DiscoveryResult = { ok: true; entity: DiscoveredEntity } | { ok: false; error: string; name?: string };

const ABBREVIATIONS: Record<string, string> = {
  cmd_t: 'command_topic',
  stat_t: 'state_topic',
  avty_t: 'availability_topic',
  avty: 'availability',
  pl_on: 'payload_on',
  pl_off: 'payload_off',
  stat_on: 'state_on',
  stat_off: 'state_off',
  val_tpl: 'value_template',
  stat_val_tpl: 'state_value_template',
  unit_of_meas: 'unit_of_measurement',
  pl_avail: 'payload_available',
  pl_not_avail: 'payload_not_available',
  uniq_id: 'unique_id',
  obj_id: 'object_id',
  dev: 'device',
  dev_cla: 'device_class',
  ret: 'retain',
  opt: 'optimistic',
  t: 'topic',
};

/** Parses `homeassistant/<component>/[<node_id>/]<object_id>/config`. */
export function parseDiscoveryTopic(
  topic: string,
  prefix = DISCOVERY_PREFIX,
): { component: DiscoveryComponent; nodeId?: string; objectId: string } | undefined {
  const parts = topic.split('/');
  if (parts[0] !== prefix || parts[parts.length - 1] !== 'config') return undefined;
  if (parts.length !== 4 && parts.length !== 5) return undefined;
  const component = parts[1] as DiscoveryComponent;
  if (!DISCOVERY_COMPONENTS.includes(component)) return undefined;
  const objectId = parts[parts.length - 2];
  if (!objectId) return undefined;
  return parts.length === 5 ? { component, nodeId: parts[2], objectId } : { component, objectId };
}

function expand(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[ABBREVIATIONS[k] ?? k] = v;
  const base = typeof out['~'] === 'string' ? (out['~'] as string) : undefined;
  if (base !== undefined) {
    for (const [k, v] of Object.entries(out)) {
      if (typeof v !== 'string' || !k.endsWith('topic')) continue;
      if (v.startsWith('~')) out[k] = base + v.slice(1);
      else if (v.endsWith('~')) out[k] = v.slice(0, -1) + base;
    }
  }
  return out;
}

/**
 * `{{ value_json.a.b }}`, `{{ value_json['a'].b | float }}`, `{{ value_json["a"] }}` → `a.b`;
 * `{{ value }}` → ''. Anything else → undefined (not supported).
 */
export function templateToJsonPath(template: string): string | undefined {
  const m = /^\{\{\s*(.*?)\s*\}\}$/s.exec(template.trim());
  if (!m) return undefined;
  const expr = m[1].split('|')[0].trim();
  if (expr === 'value') return '';
  if (!expr.startsWith('value_json')) return undefined;
  let rest = expr.slice('value_json'.length);
  if (rest === '') return '';
  // ['key'] → ["key"] for our path syntax.
  rest = rest.replace(/\[\s*'((?:[^'\\]|\\.)*)'\s*\]/g, (_, k: string) => `[${JSON.stringify(k)}]`);
  if (!/^(\.[A-Za-z_][\w-]*|\[\s*\d+\s*\]|\["(?:[^"\\]|\\.)*"\])+$/.test(rest)) return undefined;
  return rest.startsWith('.') ? rest.slice(1) : rest;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const payloadStr = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

function availabilityOf(c: Record<string, unknown>) {
  let topic = str(c.availability_topic);
  let online = payloadStr(c.payload_available);
  let offline = payloadStr(c.payload_not_available);
  if (!topic && Array.isArray(c.availability) && c.availability.length > 0) {
    const first = expand((c.availability[0] ?? {}) as Record<string, unknown>);
    topic = str(first.topic);
    online = payloadStr(first.payload_available) ?? online;
    offline = payloadStr(first.payload_not_available) ?? offline;
  }
  return { availabilityTopic: topic ?? '', availabilityOnline: online ?? 'online', availabilityOffline: offline ?? 'offline' };
}

function qosOf(v: unknown): 0 | 1 | 2 {
  return v === 1 || v === 2 ? v : 0;
}

function pathFrom(template: unknown, notes: string[]): string {
  const t = str(template);
  if (t === undefined) return '';
  const path = templateToJsonPath(t);
  if (path === undefined) {
    notes.push(`Value template ${t} is not supported; the widget reads the whole payload`);
    return '';
  }
  return path;
}

/** Maps one discovery config (topic + payload text) to a widget draft. */
export function mapDiscovery(topic: string, payloadText: string): DiscoveryResult {
  const where = parseDiscoveryTopic(topic);
  if (!where) return { ok: false, error: 'Not a discovery config topic for switch, light, sensor or binary_sensor' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(payloadText);
  } catch {
    return { ok: false, error: 'The config is not JSON' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, error: 'The config is not a JSON object' };
  const c = expand(parsed as Record<string, unknown>);
  const device = c.device && typeof c.device === 'object' ? (c.device as Record<string, unknown>) : undefined;
  const deviceName = str(device?.name);
  const name = (str(c.name) || deviceName || where.objectId).trim().slice(0, 120) || where.objectId;
  const notes: string[] = [];
  const base = { label: name };
  let widget: WidgetDraft;
  const { component } = where;
  if (component === 'switch' || component === 'light') {
    const commandTopic = str(c.command_topic);
    if (!commandTopic) return { ok: false, error: `A ${component} without a command_topic cannot be switched` };
    if (isBrokerTopic(commandTopic)) {
      // Anyone who can publish a retained config could otherwise turn an admin's click on
      // "Kitchen light" into a command to the broker itself (e.g. dynamic security).
      return {
        ok: false,
        name,
        error: `Its command topic ${commandTopic} is one of the broker's own topics ($…), which an announced device may not command. Add it with Add widget if you really mean it.`,
      };
    }
    const schema = str(c.schema) ?? 'default';
    const common = {
      ...base,
      type: 'switch' as const,
      commandTopic,
      stateTopic: str(c.state_topic) ?? '',
      qos: qosOf(c.qos),
      retain: c.retain === true,
      timeoutMs: DEFAULT_SWITCH_TIMEOUT_MS,
      ...availabilityOf(c),
    };
    if (component === 'light' && schema === 'json') {
      widget = { ...common, onPayload: '{"state":"ON"}', offPayload: '{"state":"OFF"}', stateOn: 'ON', stateOff: 'OFF', stateJsonPath: 'state' };
    } else if (component === 'light' && schema !== 'default' && schema !== 'basic') {
      return { ok: false, error: `Lights with schema "${schema}" are not supported` };
    } else {
      const template = component === 'light' ? c.state_value_template : c.value_template;
      widget = {
        ...common,
        onPayload: payloadStr(c.payload_on) ?? 'ON',
        offPayload: payloadStr(c.payload_off) ?? 'OFF',
        stateOn: payloadStr(c.state_on) ?? '',
        stateOff: payloadStr(c.state_off) ?? '',
        stateJsonPath: pathFrom(template, notes),
      };
    }
  } else {
    const stateTopic = str(c.state_topic);
    if (!stateTopic) return { ok: false, error: `A ${component} without a state_topic has nothing to show` };
    const jsonPath = pathFrom(c.value_template, notes);
    const unit = (str(c.unit_of_measurement) ?? '').slice(0, 16);
    widget =
      component === 'sensor' && unit === '%'
        ? { ...base, type: 'gauge', topic: stateTopic, jsonPath, min: 0, max: 100, unit }
        : { ...base, type: 'value', topic: stateTopic, jsonPath, unit };
  }
  return {
    ok: true,
    entity: {
      topic,
      component,
      objectId: where.objectId,
      uniqueId: str(c.unique_id),
      name,
      deviceName,
      widget,
      notes,
    },
  };
}
