import mqtt from 'mqtt';

/**
 * @typedef {object} DeviceContext what every device gets from the simulator
 * @property {string} url broker URL (mqtt://, ws://, …)
 * @property {(line: string) => void} log
 * @property {boolean} discovery publish Home Assistant discovery configs
 * @property {import('mqtt').IClientOptions} [clientOptions] extra mqtt.js options (tests)
 *
 * @typedef {object} Device
 * @property {string} name
 * @property {import('mqtt').MqttClient} client
 * @property {() => Promise<void>} stop
 */

/**
 * Connects one simulated device with its own MQTT client (so each has its own last will).
 * `onConnect` runs after every (re)connect: the broker may have restarted and lost retained
 * messages and subscriptions, so devices republish state and resubscribe there.
 * @param {DeviceContext} ctx
 * @param {{ name: string, will?: import('mqtt').IClientOptions['will'],
 *   subscribe?: string[], onConnect?: () => void,
 *   onMessage?: (topic: string, payload: Buffer, packet: import('mqtt').IPublishPacket) => void }} spec
 */
export function connectDevice(ctx, { name, will, subscribe = [], onConnect, onMessage }) {
  const suffix = Math.random().toString(16).slice(2, 8);
  const client = mqtt.connect(ctx.url, {
    clientId: `switchyard-sim-${name}-${suffix}`,
    clean: true,
    keepalive: 30,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    resubscribe: false, // we subscribe in 'connect' ourselves
    queueQoSZero: false, // stale readings are not worth delivering after an outage
    will,
    ...ctx.clientOptions,
  });
  let connectedBefore = false;
  let lastError = '';
  client.on('connect', () => {
    if (connectedBefore) ctx.log(`${name}: reconnected`);
    connectedBefore = true;
    lastError = '';
    onConnect?.();
    if (subscribe.length > 0) {
      client.subscribe(subscribe, { qos: 1 }, (err) => {
        if (err) ctx.log(`${name}: subscribe failed: ${err.message}`);
      });
    }
  });
  if (onMessage) client.on('message', onMessage);
  client.on('error', (err) => {
    // Repeats on every reconnect attempt while the broker is away; say it once per outage.
    if (err.message !== lastError) ctx.log(`${name}: ${err.message}`);
    lastError = err.message;
  });
  return client;
}

/**
 * Publishes if connected (readings are dropped while offline rather than queued).
 * @param {import('mqtt').MqttClient} client
 * @param {string} topic
 * @param {string} payload
 * @param {import('mqtt').IClientPublishOptions} [options]
 */
export function publishIfConnected(client, topic, payload, options = {}) {
  if (client.connected) client.publish(topic, payload, options);
}

/**
 * Publishes retained QoS 1 state (queued by mqtt.js if the connection drops).
 * @param {import('mqtt').MqttClient} client
 * @param {string} topic
 * @param {string} payload
 */
export function publishRetained(client, topic, payload) {
  client.publish(topic, payload, { qos: 1, retain: true });
}

/**
 * Ends the client with a clean DISCONNECT (so no last will). Unsent QoS 1 messages get
 * `timeoutMs` to be acknowledged; after that, or straight away when offline, it just closes.
 * @param {import('mqtt').MqttClient} client
 * @param {number} [timeoutMs]
 * @returns {Promise<void>}
 */
export function endClient(client, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.stream?.destroy();
      resolve();
    }, timeoutMs);
    client.end(!client.connected, {}, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Parses JSON, returning undefined (and logging) on failure.
 * @param {DeviceContext} ctx
 * @param {string} name
 * @param {string} text
 */
export function parseJsonCommand(ctx, name, text) {
  try {
    return JSON.parse(text);
  } catch {
    ctx.log(`${name}: ignored ${JSON.stringify(shorten(text))}: not valid JSON`);
    return undefined;
  }
}

/** @param {string} text */
export function shorten(text, max = 80) {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
