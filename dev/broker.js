// Embedded MQTT broker for `npm start` / `npm run broker`: aedes with MQTT over WebSocket
// (for the browser) and plain MQTT over TCP (for mosquitto_pub, paho, real devices).
import http from 'node:http';
import net from 'node:net';
import { Aedes } from 'aedes';
import { WebSocketServer } from 'ws';
import { exitWithError, flagFromEnv, isMainModule, portFromEnv } from './env.js';
import { listenError } from './startup-error.js';
import { WebSocketDuplex } from './ws-stream.js';
import { startSysStats } from './sys-stats.js';
import { allowedOriginsFromEnv, exposureWarning, normalizeOrigin, originAllowed } from './origins.js';

/** WebSocket subprotocols we accept, best first ('mqttv3.1' is what MQTT 3.1 clients ask for). */
const SUBPROTOCOLS = ['mqtt', 'mqttv3.1'];

/**
 * @typedef {object} BrokerOptions
 * @property {number} [wsPort] MQTT over WebSocket port; 0 picks a free one (default 9001)
 * @property {number} [mqttPort] plain MQTT (TCP) port; 0 picks a free one (default 1883)
 * @property {string} [host] 'localhost' (default) listens on 127.0.0.1 and, when free, [::1];
 *   any other value is passed to listen() as is ('0.0.0.0' or '::' lets other machines join)
 * @property {(line: string) => void} [log] where to report notable events (default: silent)
 * @property {boolean} [verbose] also log client connects, disconnects and client errors
 * @property {import('aedes').AedesOptions} [aedesOptions] passed to Aedes.createBroker
 * @property {number} [sysIntervalMs] how often Mosquitto-style statistics are published on
 *   $SYS/broker/... (default 5000; 0 turns them off)
 * @property {string[]} [allowedOrigins] web pages (origins such as 'http://localhost:5173') whose
 *   WebSocket handshakes are accepted; others get HTTP 403. Clients that send no Origin (native
 *   MQTT clients) are always accepted; '*' accepts every page. Default: the app's own origins,
 *   from SWITCHYARD_ALLOWED_ORIGINS or SWITCHYARD_UI_PORT / SWITCHYARD_HOST (dev/origins.js).
 *
 * @typedef {object} Broker
 * @property {number} wsPort the bound WebSocket port
 * @property {number} mqttPort the bound TCP port
 * @property {Aedes} aedes
 * @property {(origin: string) => void} allowOrigin accepts one more web origin from now on
 *   (`npm start` adds the dev server's URL once it knows its port)
 * @property {() => Promise<void>} close disconnects every client and stops listening
 */

/**
 * Starts aedes and its listeners. A port that cannot be bound rejects with a StartupError
 * whose one-line message names the port and the environment variable to change.
 * @param {BrokerOptions} [options]
 * @returns {Promise<Broker>}
 */
export async function startBroker(options = {}) {
  const { wsPort = 9001, mqttPort = 1883, host = 'localhost', log = () => {}, verbose = false } =
    options;
  const sysIntervalMs = options.sysIntervalMs ?? 5000;
  const aedes = await Aedes.createBroker(options.aedesOptions);
  watchClients(aedes, log, verbose);
  const stopSys = sysIntervalMs > 0 ? startSysStats(aedes, { intervalMs: sysIntervalMs }) : () => {};
  const origins = new Set((options.allowedOrigins ?? allowedOriginsFromEnv()).map(normalizeOrigin));

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => SUBPROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  wss.on('connection', (ws, req) => aedes.handle(new WebSocketDuplex(ws), req));
  wss.on('error', (err) => log(`WebSocket server error: ${err.message}`));

  /** @type {Listener[]} */
  const listeners = [];
  const closeAll = () => {
    stopSys();
    return closeListeners(listeners, wss, aedes);
  };
  try {
    const boundWs = await listenOn(host, wsPort, () => createWsHttpServer(wss, origins, log), listeners, {
      what: 'MQTT over WebSocket',
      envVar: 'SWITCHYARD_WS_PORT',
      log,
    });
    const boundMqtt = await listenOn(host, mqttPort, () => createTcpServer(aedes), listeners, {
      what: 'MQTT',
      envVar: 'SWITCHYARD_MQTT_PORT',
      log,
    });
    let closing;
    return {
      wsPort: boundWs,
      mqttPort: boundMqtt,
      aedes,
      allowOrigin: (origin) => void origins.add(normalizeOrigin(origin)),
      close: () => (closing ??= closeAll()),
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/**
 * @typedef {{ server: net.Server, sockets: Set<net.Socket> }} Listener
 */

/**
 * @param {WebSocketServer} wss
 * @param {Set<string>} origins allowed web origins
 * @param {(line: string) => void} log
 */
function createWsHttpServer(wss, origins, log) {
  const server = http.createServer({ noDelay: true }, (req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', upgrade: 'websocket' });
    res.end('This is an MQTT over WebSocket endpoint. Connect with an MQTT client (ws://).\n');
  });
  server.on('upgrade', (req, socket, head) => {
    const origin = req.headers.origin;
    if (!originAllowed(origin, origins)) {
      log(`Refused a WebSocket from ${JSON.stringify(origin)}: not one of the app's origins (SWITCHYARD_ALLOWED_ORIGINS)`);
      const body = `Origin ${origin} may not use this broker. Allowed: ${[...origins].join(', ')} (set SWITCHYARD_ALLOWED_ORIGINS).\n`;
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  return server;
}

/** @param {Aedes} aedes */
function createTcpServer(aedes) {
  return net.createServer({ noDelay: true }, (socket) => aedes.handle(socket));
}

/**
 * Binds a fresh server from `create` on host:port and records it in `listeners`.
 * For host 'localhost' it binds 127.0.0.1 and then, best effort, [::1] on the same port, so
 * clients that resolve localhost to either address reach us.
 * @param {string} host
 * @param {number} port
 * @param {() => net.Server} create
 * @param {Listener[]} listeners
 * @param {{ what: string, envVar: string, log: (line: string) => void }} about
 * @returns {Promise<number>} the bound port
 */
async function listenOn(host, port, create, listeners, about) {
  const primaryHost = host === 'localhost' ? '127.0.0.1' : host;
  let bound;
  try {
    bound = await listen(create(), port, primaryHost, listeners);
  } catch (err) {
    throw listenError(/** @type {NodeJS.ErrnoException} */ (err), { port, host, ...about });
  }
  if (host === 'localhost') {
    try {
      await listen(create(), bound, '::1', listeners);
    } catch (err) {
      const code = /** @type {NodeJS.ErrnoException} */ (err).code;
      if (code === 'EADDRINUSE') {
        about.log(`Note: [::1]:${bound} is used by another program; ${about.what} clients should use 127.0.0.1.`);
      }
      // EADDRNOTAVAIL / EAFNOSUPPORT: no IPv6 loopback here, 127.0.0.1 is enough.
    }
  }
  return bound;
}

/**
 * @param {net.Server} server
 * @param {number} port
 * @param {string} host
 * @param {Listener[]} listeners
 * @returns {Promise<number>}
 */
function listen(server, port, host, listeners) {
  return new Promise((resolve, reject) => {
    const onError = (/** @type {Error} */ err) => reject(err);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      server.on('error', () => {}); // after listening, errors belong to individual sockets
      /** @type {Set<net.Socket>} */
      const sockets = new Set();
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
      listeners.push({ server, sockets });
      resolve(/** @type {net.AddressInfo} */ (server.address()).port);
    });
  });
}

/**
 * Stops accepting, disconnects every client (no waiting for MQTT clients to say goodbye),
 * then closes aedes.
 * @param {Listener[]} listeners
 * @param {WebSocketServer} wss
 * @param {Aedes} aedes
 */
async function closeListeners(listeners, wss, aedes) {
  const closed = listeners.map(
    ({ server }) => new Promise((resolve) => server.close(() => resolve(undefined))),
  );
  for (const ws of wss.clients) ws.terminate();
  await new Promise((resolve) => aedes.close(() => resolve(undefined)));
  for (const { sockets } of listeners) for (const socket of sockets) socket.destroy();
  await Promise.all(closed);
  await new Promise((resolve) => wss.close(() => resolve(undefined)));
}

/**
 * @param {Aedes} aedes
 * @param {(line: string) => void} log
 * @param {boolean} verbose
 */
function watchClients(aedes, log, verbose) {
  // aedes emits 'error' only for internal failures; without a listener they would crash us.
  // (The typings omit this event, hence the cast.)
  /** @type {import('node:events').EventEmitter} */ (aedes).on('error', (err) => log(`Broker error: ${err.message}`));
  if (!verbose) return;
  aedes.on('client', (client) => log(`client connected: ${client.id}`));
  aedes.on('clientDisconnect', (client) => log(`client disconnected: ${client.id}`));
  aedes.on('clientError', (client, err) => log(`client ${client.id}: ${err.message}`));
  aedes.on('connectionError', (_client, err) => log(`connection error: ${err.message}`));
}

/**
 * Broker settings from the environment: SWITCHYARD_WS_PORT, SWITCHYARD_MQTT_PORT,
 * SWITCHYARD_HOST, SWITCHYARD_VERBOSE.
 * @param {NodeJS.ProcessEnv} [env]
 */
export function brokerOptionsFromEnv(env = process.env) {
  return {
    wsPort: portFromEnv('SWITCHYARD_WS_PORT', 9001, env),
    mqttPort: portFromEnv('SWITCHYARD_MQTT_PORT', 1883, env),
    host: env.SWITCHYARD_HOST?.trim() || 'localhost',
    verbose: flagFromEnv('SWITCHYARD_VERBOSE', env),
    sysIntervalMs: Number(env.SWITCHYARD_SYS_INTERVAL_MS ?? 5000) || 0,
    allowedOrigins: allowedOriginsFromEnv(env),
  };
}

/** `host` as it should appear in a URL printed for people. */
export function displayHost(/** @type {string} */ host) {
  if (['localhost', '127.0.0.1', '::1', '0.0.0.0', '::', ''].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

async function main() {
  const log = (/** @type {string} */ line) => console.log(`[broker] ${line}`);
  let broker;
  try {
    const options = brokerOptionsFromEnv();
    broker = await startBroker({ ...options, log });
    const h = displayHost(options.host);
    console.log('Switchyard broker is running:');
    console.log(`  MQTT over WebSocket  ws://${h}:${broker.wsPort}`);
    console.log(`  MQTT                 mqtt://${h}:${broker.mqttPort}`);
    console.log(`  Web pages allowed    ${options.allowedOrigins.join(', ')}`);
    const warning = exposureWarning(options.host, broker);
    if (warning) console.warn(warning);
    console.log('Ctrl-C to stop.');
  } catch (err) {
    exitWithError(err);
  }
  const stop = () => {
    setTimeout(() => process.exit(0), 2000).unref();
    broker.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (isMainModule(import.meta.url)) main();
