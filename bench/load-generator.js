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
//   parent → { cmd: 'run', id, rate, seconds, topics, prefix?, sliceMs?, count?, load?, qos? }
//                                                                qos: the publish QoS (default 0)
//                                                                load 'sparkplug': Sparkplug B births then DDATA
//                                                                (bench/sparkplug-load.js) instead of JSON;
//                                                                'json10': the same 10 metrics as JSON
//                                                                rate 'max': `count` messages as fast as the socket
//                                                                takes them (chunks of 500, waiting for 'drain')
//   child  → { type: 'ready', url }                              once connected
//            { type: 'started', id, startedAt }                  first message of a run handed to the socket
//            { type: 'done', id, sent, startedAt, endedAt, flushedAt, offeredRate, achievedRate, maxBehind }
//            { type: 'error', message }
//   parent → { cmd: 'soak', id, rate, seconds, topics, growSeconds, sliceMs? }
//                                                                the soak mix (bench/soak-mix.js): devices appear
//                                                                over growSeconds, retained state published as they
//                                                                appear, `rate` msg/s shared by the repeating topics
//   child  → { type: 'progress', id, sent, retainedSent, devices, topicsLive, bytes }   about once a second
//            { type: 'done', id, sent, retainedSent, startedAt, endedAt, achievedRate, bytes, topicsLive }
//   parent → { cmd: 'status' }                                   during a soak: a 'progress' message now
//   parent → { cmd: 'stop' }                                     disconnect and exit
//
// Standalone use (no IPC): node bench/load-generator.js mqtt://127.0.0.1:1883 [rate] [seconds] [topics]
import mqtt from 'mqtt';
import { REPEATING_KINDS, configFor, payloadFor, soakPlan } from './soak-mix.js';
import { sparkplugAsJson, sparkplugMessages } from './sparkplug-load.js';

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
/** Reports the running soak's progress (set while soak() runs). */
let soakProgress = null;

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

/** Publishes rate × seconds messages at the fixed offered rate (rate 'max': `count` messages, flat out). */
async function run({ id, rate, seconds, topics, prefix = 'bench/t', sliceMs = 10, count, load = 'json', qos = 0 }) {
  if (running) throw new Error('a run is already in progress');
  running = true;
  const max = rate === 'max';
  const total = max ? count : Math.round(rate * seconds);
  const width = Math.max(4, String(topics - 1).length);
  const names = Array.from({ length: topics }, (_, i) => `${prefix}/${pad(i, width)}`);
  // `npm run bench -- --sparkplug`: Sparkplug B births then DDATA instead of JSON (sparkplug-load.js),
  // encoded before the run starts, so that encoding never slows the offered rate.
  // `json10`: the same readings as JSON (sparkplugAsJson), the Sparkplug page's "same load as JSON".
  const spMessage = load === 'sparkplug' ? sparkplugMessages(topics) : load === 'json10' ? sparkplugAsJson(topics) : null;
  const sparkplug = spMessage ? Array.from({ length: total }, (_, i) => spMessage(i)) : null;
  let sent = 0;
  let maxBehind = 0;
  const t0 = performance.now();
  const startedAt = Date.now();
  send({ type: 'started', id, startedAt });

  const publishOne = () => {
    const seq = sent;
    if (sparkplug) {
      const m = sparkplug[seq];
      client.publish(m.topic, m.payload, { qos, retain: false });
      sent++;
      return;
    }
    const payload = `{"v":${(20 + 5 * Math.sin(seq / 500) + (seq % 7) / 10).toFixed(2)},"seq":${seq},"ts":${Date.now()}}`;
    client.publish(names[seq % topics], payload, { qos, retain: false });
    sent++;
  };
  if (max) {
    // As fast as the broker reads: a chunk, then wait while the socket's buffer is full.
    await new Promise((resolve) => {
      const chunk = () => {
        const stream = client.stream;
        stream?.cork?.();
        for (let k = 0; k < 500 && sent < total; k++) publishOne();
        stream?.uncork?.();
        if (sent >= total) resolve();
        else if (stream?.writableNeedDrain) stream.once('drain', chunk);
        else setImmediate(chunk);
      };
      chunk();
    });
  }
  else await new Promise((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - t0;
      const due = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
      maxBehind = Math.max(maxBehind, due - sent);
      // Cork: one write per slice instead of one per packet.
      client.stream?.cork?.();
      while (sent < due) publishOne();
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

/**
 * The soak load: the fixed offered rate for `seconds`, over the growing-then-stable topic mix of
 * bench/soak-mix.js (same deficit schedule as run()). Retained status/config of each device go
 * out as it appears, on top of the rate.
 */
async function soak({ id, rate, seconds, topics, growSeconds = 60, sliceMs = 10 }) {
  if (running) throw new Error('a run is already in progress');
  running = true;
  const plan = soakPlan(topics);
  const D = plan.devices.length;
  const kinds = REPEATING_KINDS.map((k) => ({
    ...k,
    list: plan.byKind[k.kind],
    seq: new Array(plan.byKind[k.kind].length).fill(0),
    present: 0,
    next: 0,
    credit: 0,
  }));
  const total = Math.round(rate * seconds);
  let sent = 0;
  let retainedSent = 0;
  let bytes = 0;
  let devices = 0;
  const t0 = performance.now();
  const startedAt = Date.now();
  let lastProgress = t0;
  send({ type: 'started', id, startedAt });
  const topicsLive = () => devices + plan.devices.slice(0, devices).filter((d) => d.config).length + kinds.reduce((a, k) => a + k.present, 0);
  soakProgress = () => send({ type: 'progress', id, sent, retainedSent, devices, topicsLive: topicsLive(), bytes });

  await new Promise((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - t0;
      const now = Date.now();
      client.stream?.cork?.();
      // Devices that appeared since the last slice: retained state first, then their topics join the rotation.
      const due = growSeconds > 0 ? Math.min(D, Math.floor((elapsed / 1000 / growSeconds) * D) + 1) : D;
      for (; devices < due; devices++) {
        const dev = plan.devices[devices];
        client.publish(dev.status, 'online', { qos: 0, retain: true });
        retainedSent++;
        bytes += 6;
        if (dev.config) {
          const c = configFor(dev);
          client.publish(dev.config, c, { qos: 1, retain: true });
          retainedSent++;
          bytes += c.length;
        }
      }
      for (const k of kinds) while (k.present < k.list.length && k.list[k.present].device < devices) k.present++;
      const live = kinds.filter((k) => k.present > 0);
      const weight = live.reduce((a, k) => a + k.weight, 0);
      const target = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
      while (sent < target) {
        // Smooth weighted round-robin over the kinds, then round-robin over a kind's topics present so far.
        let pick = live[0];
        for (const k of live) {
          k.credit += k.weight;
          if (k.credit > pick.credit) pick = k;
        }
        pick.credit -= weight;
        const i = pick.next++ % pick.present;
        const payload = payloadFor(pick.kind, i, pick.seq[i]++, now);
        client.publish(pick.list[i].topic, payload, { qos: 0, retain: false });
        bytes += payload.length;
        sent++;
      }
      if (client.stream?.uncork) process.nextTick(() => client.stream.uncork());
      if (performance.now() - lastProgress >= 1_000) {
        lastProgress = performance.now();
        soakProgress();
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, sliceMs - ((performance.now() - t0) % sliceMs)));
    };
    tick();
  });
  const endedAt = Date.now();
  await flushed();
  running = false;
  soakProgress = null;
  const duration = (endedAt - startedAt) / 1000 || 1e-3;
  send({
    type: 'done',
    id,
    sent,
    retainedSent,
    startedAt,
    endedAt,
    flushedAt: Date.now(),
    offeredRate: rate,
    achievedRate: Math.round(sent / duration),
    bytes,
    topicsLive: topicsLive(),
  });
}

client.once('connect', () => {
  send({ type: 'ready', url });
  if (!process.send) {
    const [rate = 5000, seconds = 10, topics = 1000] = process.argv.slice(3).map((a) => (a === 'max' ? a : Number(a)));
    run({ id: 0, rate, seconds, topics, count: 50_000 }).then(() => {
      stopping = true;
      client.end(false, () => process.exit(0));
    });
  }
});

process.on('message', (msg) => {
  if (msg?.cmd === 'run') {
    run(msg).catch((err) => send({ type: 'error', message: `load generator: ${err.message}` }));
  } else if (msg?.cmd === 'soak') {
    soak(msg).catch((err) => send({ type: 'error', message: `load generator: ${err.message}` }));
  } else if (msg?.cmd === 'status') {
    soakProgress?.();
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
