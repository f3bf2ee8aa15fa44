// The main thread's per-message work in Node, below React: the worker's batches (as the bench's
// load makes them: small JSON readings round-robin over 1,000 topics, ~83 a frame at 5,000 msg/s)
// handed to a Session (fake worker), applied to the trie, then the live batch listeners of
// app/live.ts (chart series of bench/t/0000 › v, traffic model, Sparkplug feed). Prints the
// milliseconds per 50,000 messages (best and median of the repeats) and µs per message.
//
//   node bench/ingest.js [--messages 50000] [--topics 1000] [--batch 83] [--repeats 15] [--root DIR]
//
// --root loads src/ of another checkout (e.g. a worktree of an earlier commit) for a before/after.
// Not a timed test: a measurement tool (docs/performance.md, "What was changed").
import { existsSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runnerImport } from 'vite';
import { arg, num } from './model-bench-kit.js';

const root = path.resolve(arg('--root', path.join(path.dirname(new URL(import.meta.url).pathname), '..')));
const load = async (file) => (await runnerImport(path.join(root, file), { configFile: false, root, logLevel: 'silent' })).module;

const MESSAGES = Number(arg('--messages', '50000'));
const TOPICS = Number(arg('--topics', '1000'));
const BATCH = Number(arg('--batch', '83'));
const REPEATS = Number(arg('--repeats', '15'));

const { Session } = await load('src/mqtt/session.ts');
const { SparkplugFeed } = await load('src/app/sparkplug-feed.ts');
const packBatch = existsSync(path.join(root, 'src/mqtt/batch-wire.ts')) ? (await load('src/mqtt/batch-wire.ts')).packBatch : undefined;

const topics = Array.from({ length: TOPICS }, (_, i) => `bench/t/${String(i).padStart(4, '0')}`);
const enc = new TextEncoder();

/** The worker's batches for `count` messages starting at sequence `seq0` (payloads side by side in one buffer). */
function makeBatches(seq0, count, t0) {
  const batches = [];
  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const payloads = [];
    let bytes = 0;
    for (let k = 0; k < n; k++) {
      const seq = seq0 + start + k;
      const p = enc.encode(JSON.stringify({ v: Math.round(Math.sin(seq / 50) * 1000) / 10, seq, ts: t0 + seq / 5 }));
      payloads.push(p);
      bytes += p.length;
    }
    const buf = new Uint8Array(bytes);
    const messages = [];
    let offset = 0;
    for (let k = 0; k < n; k++) {
      const seq = seq0 + start + k;
      buf.set(payloads[k], offset);
      messages.push({ topic: topics[seq % TOPICS], offset, length: payloads[k].length, size: payloads[k].length, qos: 0, retain: false, time: Math.floor(t0 + seq / 5) });
      offset += payloads[k].length;
    }
    batches.push({ type: 'batch', messages, buffer: buf.buffer });
  }
  return batches;
}

// The session asks for an animation frame (and a 250 ms fallback timer) per batch; applyQueued is called here instead.
globalThis.requestAnimationFrame = () => 0;
globalThis.setTimeout = ((orig) => (fn, ms, ...a) => (ms === 250 ? 0 : orig(fn, ms, ...a)))(globalThis.setTimeout);

const fakeWorker = { postMessage() {}, terminate() {}, onmessage: null, onerror: null, onmessageerror: null };
const session = new Session({ createWorker: () => fakeWorker });
session.disconnect(); // starts the (fake) worker, so its onmessage is set
session.series.setTracked('charts-view', [{ topic: 'bench/t/0000', field: 'v' }]);
session.onBatch((messages) => session.series.ingest(messages));
session.onBatch((messages, _r, coalesced) => session.traffic.ingest(messages, coalesced));
const feed = new SparkplugFeed(() => new Promise(() => {}));
session.onBatch((messages) => feed.onBatch(messages));
session.trie.subscribe(() => feed.onTrieChanged(session.trie.topicCount));
let notified = 0;
session.trie.subscribe(() => notified++);

const t0 = Date.now();
let seq = 0;
/** Feeds `count` messages; returns the CPU ms spent reading and applying them (making and serializing the batches excluded). */
function feedMessages(count) {
  // As the worker posts them (packed in columns where the checkout has batch-wire.ts), serialized
  // here untimed; the main thread's part is reading them back (timed) and applying them.
  const batches = makeBatches(seq, count, t0).map((b) => v8.serialize(packBatch ? packBatch(b) : b));
  seq += count;
  let ms = 0;
  for (const wire of batches) {
    // CPU time, not wall time: on a shared machine the wall clock also counts waiting for a core.
    const t = process.cpuUsage();
    fakeWorker.onmessage({ data: v8.deserialize(wire) });
    session.applyQueued();
    const d = process.cpuUsage(t);
    ms += (d.user + d.system) / 1000;
  }
  return ms;
}

feedMessages(MESSAGES); // warm-up: every topic known, histories filling
const runs = [];
for (let r = 0; r < REPEATS; r++) runs.push(feedMessages(MESSAGES));
runs.sort((a, b) => a - b);
const best = runs[0];
const median = runs[Math.floor(runs.length / 2)];
const chart = session.series.get({ topic: 'bench/t/0000', field: 'v' });
console.log(`root ${root}`);
console.log(
  `${num(MESSAGES)} messages over ${num(TOPICS)} topics in batches of ${BATCH}: best ${best.toFixed(1)} ms, median ${median.toFixed(1)} ms` +
    ` (${((median * 1000) / MESSAGES).toFixed(2)} µs per message); received ${num(session.received)}, chart points ${num(chart?.points.length ?? 0)}, trie notified ${num(notified)}`,
);
