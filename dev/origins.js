// Which web pages may open the embedded broker's WebSocket. Browsers send an Origin header with
// every WebSocket handshake and let any page open a socket to ws://localhost:9001, so without a
// check a page on another site (or on another local port) could drive the broker and the
// simulated devices behind it. Native clients (mosquitto_pub over TCP, mqtt.js in Node) send no
// Origin; they are not web pages and are let in.
import { parseList } from './env.js';

/** Loopback host names the app is opened with. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The app's own origins: the Vite dev server on `uiPort` under each loopback name, plus the
 * configured broker host when it is a real name or address (a LAN host serving the UI).
 * @param {{ uiPort: number, host?: string }} about
 * @returns {string[]}
 */
export function appOrigins({ uiPort, host = 'localhost' }) {
  const hosts = [...LOOPBACK_HOSTS];
  const h = host.trim().toLowerCase();
  if (h && !['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'].includes(h)) hosts.push(h.includes(':') ? `[${h}]` : h);
  return hosts.map((name) => `http://${name}:${uiPort}`);
}

/**
 * Allowed origins from the environment: SWITCHYARD_ALLOWED_ORIGINS (comma or space separated;
 * `*` allows every page, for people who know why) replaces the default, which is the app's own
 * origins for SWITCHYARD_UI_PORT (default 5173) and SWITCHYARD_HOST.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string[]}
 */
export function allowedOriginsFromEnv(env = process.env) {
  const listed = parseList(env.SWITCHYARD_ALLOWED_ORIGINS);
  if (listed.length > 0) return listed.map(normalizeOrigin);
  const uiPort = Number(env.SWITCHYARD_UI_PORT?.trim() || 5173) || 5173;
  return appOrigins({ uiPort, host: env.SWITCHYARD_HOST ?? 'localhost' });
}

/**
 * `http://LocalHost:5173/` → `http://localhost:5173`; '*' stays '*'.
 * @param {string} origin
 */
export function normalizeOrigin(origin) {
  if (origin === '*') return origin;
  try {
    return new URL(origin).origin;
  } catch {
    return origin.trim().toLowerCase().replace(/\/+$/, '');
  }
}

/**
 * Whether a handshake with this Origin header may proceed. No header (a native client) is
 * allowed; "null" (sandboxed frames, file: pages) is not.
 * @param {string | undefined} origin
 * @param {Iterable<string>} allowed normalized origins, or containing '*'
 */
export function originAllowed(origin, allowed) {
  if (origin === undefined) return true;
  const set = new Set(allowed);
  if (set.has('*')) return true;
  return set.has(normalizeOrigin(origin));
}

/**
 * True when `host` only accepts connections from this machine.
 * @param {string} host
 */
export function isLoopbackHost(host) {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/**
 * The loud warning printed when the broker listens beyond this machine: it has no
 * authentication, so anyone who can reach the port can read and publish everything.
 * @param {string} host
 * @param {{ wsPort: number, mqttPort: number }} ports
 * @returns {string | undefined} undefined when bound to loopback only
 */
export function exposureWarning(host, { wsPort, mqttPort }) {
  if (isLoopbackHost(host)) return undefined;
  const bar = '!'.repeat(78);
  return [
    bar,
    `!! WARNING: the broker listens on ${host} (ports ${wsPort} and ${mqttPort}) WITHOUT AUTHENTICATION.`,
    '!! Anyone who can reach this machine can read every message, publish to every topic',
    '!! and command the simulated devices. Use SWITCHYARD_HOST=localhost unless you mean it.',
    bar,
  ].join('\n');
}
