// Load generator for `npm run bench`: a separate Node process (child_process.fork) so that its
// timing never shares an event loop with the Playwright driver or the browser.
//
// Connects to the broker over plain TCP (mqtt://) with mqtt.js and, on request, publishes small
// JSON readings {"v":…,"seq":…,"ts":…} at QoS 0 at a fixed offered rate, round-robin over
// `topics` topics named <prefix>/0000 … <prefix>/0999. The rate is held by a deficit schedule:
// every `sliceMs` it publishes as many messages as the elapsed time allows (elapsed × rate minus
// what was already sent), so timer jitter never lowers the average rate.
//
// IPC protocol (process.send / process.on('message')):
//   parent → { cmd: 'run', id, rate, seconds, topics, prefix?, sliceMs? }
//   child  → { type: 'ready', url }                              once connected
//            { type: 'started', id, startedAt }                  first message of a run handed to the socket
//            { type: 'done', id, sent, startedAt, endedAt, flushedAt, offeredRate, achievedRate, maxBehind }
//            { type: 'error', message }
//   parent → { cmd: 'stop' }                                     disconnect and exit
//
// Standalone use (no IPC): node bench/load-generator.js mqtt://127.0.0.1:1883 [rate] [seconds] [topics]
import mqtt from 'mqtt';

const url = process.env.BENCH_MQTT_URL ?? process.argv[2];
if (!url) {
  console.error('usage: node bench/load-generator.js mqtt://host:port [rate] [seconds] [topics]');
  process.exit(2);
}

const send = (msg) => (process.send ? process.send(msg) : console.log(JSON.stringify(msg)));

const client = mqtt.connect(url, {
  clientId: `switchyard-bench-load-${process.pid}`,
  protocolVersion: 4,
  clean: true,
  keepalive: 60,
  reconnectPeriod: 0,
  connectTimeout: 10_000,
});
client.on('error', (err) => send({ type: 'error', message: `load generator: ${err.message}` }));
client.on('close', () => {
  if (!stopping) send({ type: 'error', message: 'load generator: connection to the broker closed' });
});

let stopping = false;
let running = false;

const pad = (n, width) => String(n).padStart(width, '0');

/** Resolves once everything written so far has left the process (socket buffer drained). */
function flushed() {
  return new Promise((resolve) => {
    const stream = client.stream;
    const check = () => {
      if (!stream || stream.destroyed || stream.writableLength === 0) resolve();
      else stream.once('drain', check);
    };
    // The publish callback of QoS 0 fires once mqtt.js handed the packet to the stream.
    setImmediate(check);
  });
}

/** Publishes rate × seconds messages at the fixed offered rate. */
async function run({ id, rate, seconds, topics, prefix = 'bench/t', sliceMs = 10 }) {
  if (running) throw new Error('a run is already in progress');
  running = true;
  const total = Math.round(rate * seconds);
  const width = Math.max(4, String(topics - 1).length);
  const names = Array.from({ length: topics }, (_, i) => `${prefix}/${pad(i, width)}`);
  let sent = 0;
  let maxBehind = 0;
  const t0 = performance.now();
  const startedAt = Date.now();
  send({ type: 'started', id, startedAt });

  await new Promise((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - t0;
      const due = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
      maxBehind = Math.max(maxBehind, due - sent);
      // Cork: one write per slice instead of one per packet.
      client.stream?.cork?.();
      while (sent < due) {
        const seq = sent;
        const payload = `{"v":${(20 + 5 * Math.sin(seq / 500) + (seq % 7) / 10).toFixed(2)},"seq":${seq},"ts":${Date.now()}}`;
        client.publish(names[seq % topics], payload, { qos: 0, retain: false });
        sent++;
      }
      if (client.stream?.uncork) process.nextTick(() => client.stream.uncork());
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, sliceMs - ((performance.now() - t0) % sliceMs)));
    };
    tick();
  });
  const endedAt = Date.now();
  await flushed();
  const flushedAt = Date.now();
  running = false;
  const duration = (endedAt - startedAt) / 1000 || 1e-3;
  send({
    type: 'done',
    id,
    sent,
    startedAt,
    endedAt,
    flushedAt,
    offeredRate: rate,
    achievedRate: Math.round(sent / duration),
    maxBehind,
  });
}

client.once('connect', () => {
  send({ type: 'ready', url });
  if (!process.send) {
    const [rate = 5000, seconds = 10, topics = 1000] = process.argv.slice(3).map(Number);
    run({ id: 0, rate, seconds, topics }).then(() => {
      stopping = true;
      client.end(false, () => process.exit(0));
    });
  }
});

process.on('message', (msg) => {
  if (msg?.cmd === 'run') {
    run(msg).catch((err) => send({ type: 'error', message: `load generator: ${err.message}` }));
  } else if (msg?.cmd === 'stop') {
    stopping = true;
    client.end(false, () => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  }
});
process.on('disconnect', () => {
  stopping = true;
  client.end(true);
  process.exit(0);
});
