/**
 * Device availability from status / last-will topics: does this topic report whether a device is
 * up, and does this payload say it is down? Pure; shared by the traffic model (Silent topics:
 * devices that say offline) and the alert rules ("Last will").
 *
 * Status topics, recognised by their last level (case-insensitive):
 *   status, availability, available, online, connected, connection, lwt, will, alive, $state
 * covering ESPHome and our simulator (`<node>/status` online/offline, with a will of `offline`),
 * Home Assistant availability topics (`…/availability`, `online` / `offline` by default),
 * Zigbee2MQTT (`…/availability`, `offline` or `{"state":"offline"}`), Tasmota (`tele/<dev>/LWT`
 * `Online` / `Offline`), Shelly (`…/online` `true` / `false`), Homie (`…/$state` `lost` /
 * `disconnected`). A plain `state` level is not one: it is a lamp's `on` / `off`.
 * Sparkplug NDEATH is out of scope.
 */

export type DeviceStatus = 'online' | 'offline';

const STATUS_LEVELS = new Set([
  'status',
  'availability',
  'available',
  'online',
  'connected',
  'connection',
  'lwt',
  'will',
  'alive',
  '$state',
]);

const OFFLINE_WORDS = new Set(['offline', 'false', '0', 'disconnected', 'dead', 'lost', 'down', 'unavailable', 'not_available', 'gone']);
const ONLINE_WORDS = new Set(['online', 'true', '1', 'connected', 'ready', 'alive', 'up', 'available', 'init', 'sleeping', 'alert']);
/** JSON fields that carry the status (`{"state":"offline"}`, `{"online":false}`, …). */
const JSON_FIELDS = ['state', 'status', 'availability', 'online', 'connected', 'available'];

/** Longest payload looked at: status payloads are short words or tiny JSON objects. */
const MAX_STATUS_BYTES = 256;

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Whether the topic's last level names a status / availability / last-will topic. */
export function isDeviceStatusTopic(topic: string): boolean {
  const level = topic.slice(topic.lastIndexOf('/') + 1);
  if (level.length < 3 || level.length > 12) return false;
  return STATUS_LEVELS.has(level.toLowerCase());
}

/**
 * What a status payload says: 'offline', 'online', or undefined when it is not a recognised
 * status (long, binary, or some other word). Bytes or text; words are case-insensitive and trimmed.
 */
export function readDeviceStatus(payload: Uint8Array | string): DeviceStatus | undefined {
  const length = typeof payload === 'string' ? payload.length : payload.byteLength;
  if (length === 0 || length > MAX_STATUS_BYTES) return undefined;
  const text = (typeof payload === 'string' ? payload : decoder.decode(payload)).trim();
  const word = wordStatus(text);
  if (word) return word;
  if (text.charCodeAt(0) !== 123 /* { */) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const field of JSON_FIELDS) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      const s = wordStatus(String(v));
      if (s) return s;
    }
  }
  return undefined;
}

/**
 * A device's status from one message: 'offline' / 'online' when the topic is a status topic
 * and the payload a recognised status, else undefined.
 */
export function deviceStatusOf(topic: string, payload: Uint8Array | string): DeviceStatus | undefined {
  return isDeviceStatusTopic(topic) ? readDeviceStatus(payload) : undefined;
}

function wordStatus(text: string): DeviceStatus | undefined {
  const w = text.toLowerCase();
  if (OFFLINE_WORDS.has(w)) return 'offline';
  if (ONLINE_WORDS.has(w)) return 'online';
  return undefined;
}
