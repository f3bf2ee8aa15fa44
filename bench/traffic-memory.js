// Heap bytes per topic of the traffic model (src/core/traffic.ts) in Node, and what its per-batch,
// per-second and per-refresh work costs at that size. No browser.
//
//   node --expose-gc bench/traffic-memory.js [--topics 100000,1000000]
//
// For each N (a fresh child process each): the first N topics of bench/million-topics.js, their
// strings made first and kept (in the app they are the trie's own strings, shared with the
// model), then one message per topic fed in batches of 5,000 the way app/live.ts feeds it. Prints
// the heap growth after GC / N, then times: a 5,000-message batch on known topics (ingest), the
// second's close (tick) after such a batch, the Top talkers query (whole topics; grouped by
// plant/+/+/+/+/+/+/+/+), and the Silent topics scan. Node has no pointer compression, so the
// topic → id map costs about twice what it does in Chromium; the typed arrays cost the same.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { millionTopic } from './million-topics.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const counts = String(arg('--topics', '100000,1000000')).split(',').map(Number);

if (!globalThis.gc || counts.length > 1 || process.env.TRAFFIC_MEMORY_CHILD !== '1') {
  for (const n of counts) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', fileURLToPath(import.meta.url), '--topics', String(n)], {
      stdio: 'inherit',
      env: { ...process.env, TRAFFIC_MEMORY_CHILD: '1' },
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  process.exit(0);
}

const load = async (file) => (await runnerImport(path.join(root, file), { configFile: false, root, logLevel: 'silent' })).module;
const { TrafficModel } = await load('src/core/traffic.ts');
const { TopTalkers } = await load('src/core/top-talkers.ts');

const n = counts[0];
/** JS heap plus ArrayBuffer backing stores (typed arrays live outside the JS heap). */
const heap = () => {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { js: m.heapUsed, buffers: m.arrayBuffers };
};
const ms = (f) => {
  const s = performance.now();
  f();
  return performance.now() - s;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Topic strings as they arrive (flat, from structured clone), kept for the whole run.
const topics = JSON.parse(JSON.stringify(Array.from({ length: n }, (_, i) => millionTopic(i))));
const payload = new Uint8Array(12);
const BATCH = 5000;
const batchOf = (from, to, time) => {
  const out = [];
  for (let i = from; i < to; i++) out.push({ topic: topics[i % n], payload, size: 12, time: time + (i - from) / 10 });
  return out;
};

let now = Date.UTC(2026, 0, 1);
const before = heap();
const model = new TrafficModel();
model.tick(now);
for (let i = 0; i < n; i += BATCH) {
  model.ingest(batchOf(i, Math.min(n, i + BATCH), now), undefined, now);
  now += 100;
}
// A minute later: the per-second records (traffic, not topics) have expired.
model.tick((now += 61_000));
const after = heap();
const js = after.js - before.js;
const buffers = after.buffers - before.buffers;
console.log(
  `traffic-memory: ${n.toLocaleString('en-US')} topics: +${((js + buffers) / 2 ** 20).toFixed(1)} MB after GC = ${((js + buffers) / n).toFixed(1)} bytes/topic: ` +
    `JS heap ${(js / n).toFixed(1)} (the topic → id map, records) + typed arrays ${(buffers / n).toFixed(1)} (capacity ${model.total.length.toLocaleString('en-US')})`,
);

// Steady state: 5,000 messages on known topics per batch, 12 batches a second (a 60,000 msg/s flood).
const ingest = [];
const tick = [];
for (let s = 0; s < 20; s++) {
  for (let b = 0; b < 12; b++) {
    const from = ((s * 12 + b) * BATCH) % n;
    const batch = batchOf(from, from + BATCH, now);
    ingest.push(ms(() => model.ingest(batch, undefined, now)));
    now += 80;
  }
  now = Math.ceil(now / 1000) * 1000 + 1;
  tick.push(ms(() => model.tick(now)));
}
const talkers = new TopTalkers();
const q = { groupBy: null, filter: '', sort: 'msgRate', descending: true, limit: 100 };
const group = { ...q, groupBy: ['plant', '+', '+', '+', '+', '+', '+', '+', '+'] };
const whole = [];
const grouped = [];
const silent = [];
for (let k = 0; k < 5; k++) {
  whole.push(ms(() => talkers.run(model, q)));
  grouped.push(ms(() => talkers.run(model, group)));
  silent.push(ms(() => model.silentTopics(now)));
}
console.log(
  `traffic-memory: ${n.toLocaleString('en-US')} topics: ingest of a 5,000-message batch ${median(ingest).toFixed(2)} ms (median), ` +
    `tick with 60,000 msg/s over ${Math.min(n, 60_000).toLocaleString('en-US')} topics ${median(tick).toFixed(2)} ms; ` +
    `Top talkers ${median(whole).toFixed(1)} ms (whole topics), ${median(grouped).toFixed(1)} ms (grouped, first run ${grouped[0].toFixed(0)} ms); ` +
    `Silent topics scan ${median(silent).toFixed(1)} ms`,
);
