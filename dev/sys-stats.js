// Mosquitto-style broker statistics on $SYS/broker/..., published by the embedded aedes
// broker (aedes publishes none of its own), so that the Broker view works with `npm start`.

/**
 * Starts publishing every `intervalMs`. Returns a stop function. Not retained (Mosquitto
 * retains them): aedes replays retained messages to a `#` subscription without applying the
 * rule that wildcards do not match `$` topics, so retained $SYS would leak into every explorer.
 * @param {import('aedes').default} aedes
 * @param {{ intervalMs?: number }} [options]
 */
export function startSysStats(aedes, { intervalMs = 5000 } = {}) {
  const started = Date.now();
  let received = 0;
  let sent = 0;
  let subscriptions = 0;
  let lastReceived = 0;
  let lastSent = 0;
  let rateReceived = 0;
  let rateSent = 0;
  const isSys = (/** @type {string} */ topic) => topic.startsWith('$SYS/');

  aedes.on('publish', (packet, client) => {
    if (client && !isSys(packet.topic)) received++;
  });
  aedes.on('subscribe', (subs) => (subscriptions += subs.length));
  aedes.on('unsubscribe', (subs) => (subscriptions = Math.max(0, subscriptions - subs.length)));
  aedes.on('clientDisconnect', (client) => {
    // aedes does not emit unsubscribe for a client that leaves: drop its subscriptions too.
    const subs = /** @type {{subscriptions?: Record<string, unknown>}} */ (client).subscriptions;
    if (subs) subscriptions = Math.max(0, subscriptions - Object.keys(subs).length);
  });

  const countRetained = () =>
    new Promise((resolve) => {
      let n = 0;
      const stream = aedes.persistence.createRetainedStream('#');
      stream.on('data', (/** @type {{topic: string}} */ p) => {
        if (!isSys(p.topic)) n++;
      });
      stream.on('end', () => resolve(n));
      stream.on('error', () => resolve(n));
    });

  const publish = (/** @type {string} */ topic, /** @type {string | number} */ value) =>
    new Promise((resolve) =>
      aedes.publish(
        { cmd: 'publish', topic: `$SYS/broker/${topic}`, payload: Buffer.from(String(value)), qos: 0, retain: false, dup: false },
        () => resolve(undefined),
      ),
    );

  const tick = async () => {
    const seconds = intervalMs / 1000;
    // Per-minute rates averaged over the last interval (Mosquitto smooths over 1 min).
    rateReceived = ((received - lastReceived) / seconds) * 60;
    rateSent = ((sent - lastSent) / seconds) * 60;
    lastReceived = received;
    lastSent = sent;
    await publishAll();
  };
  const publishAll = async () => {
    await publish('version', `aedes ${/** @type {any} */ (aedes).version} (Switchyard embedded broker)`);
    await publish('uptime', `${Math.round((Date.now() - started) / 1000)} seconds`);
    await publish('clients/connected', aedes.connectedClients);
    await publish('messages/received', received);
    await publish('messages/sent', sent);
    await publish('subscriptions/count', subscriptions);
    await publish('retained messages/count', /** @type {number} */ (await countRetained()));
    await publish('load/messages/received/1min', rateReceived.toFixed(2));
    await publish('load/messages/sent/1min', rateSent.toFixed(2));
  };
  // Messages sent to clients: every delivery goes through the client's deliver0 (QoS 0, also
  // reached from deliverQoS) or deliverQoS (QoS 1/2); wrap them when the client connects,
  // before it can subscribe (subscriptions capture these functions).
  aedes.on('client', (client) => {
    const c = /** @type {any} */ (client);
    const wrap = (/** @type {string} */ name, /** @type {(p: any) => boolean} */ counts) => {
      const original = c[name];
      if (typeof original !== 'function') return;
      c[name] = function (/** @type {any} */ packet, /** @type {any[]} */ ...rest) {
        if (packet && typeof packet.topic === 'string' && !isSys(packet.topic) && counts(packet)) sent++;
        return original.call(this, packet, ...rest);
      };
    };
    wrap('deliver0', () => true);
    wrap('deliverQoS', (p) => p.qos > 0);
  });
  // Mosquitto retains its $SYS topics, so a new subscriber sees them at once; ours are not retained
  // (see above), so a new $SYS subscription gets the current values right away instead (the app's
  // Access control view tells Mosquitto from other brokers by $SYS/broker/version).
  let snapshotQueued = false;
  let stopped = false;
  aedes.on('subscribe', (subs) => {
    if (snapshotQueued || !subs.some((s) => s.topic.startsWith('$SYS/') && s.qos !== 128)) return;
    snapshotQueued = true;
    setImmediate(() => {
      snapshotQueued = false;
      if (!stopped) void publishAll();
    });
  });
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
