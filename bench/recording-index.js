// Time travel over a big recording (src/core/recording-index.ts) in Node: build time, memory per
// message, and how long "the state as of time t" takes. No browser.
//
//   node --expose-gc bench/recording-index.js [--messages 1000000] [--topics 10000] [--queries 200] [--shuffled]
//
// Synthetic recording: N messages over one hour on T topics (plant/<k % 100>/dev/<k>, picked at
// random with a skew towards low k), 5 % retained, 0.5 % empty payloads, several per ms at times.
// Fed in batches of 5,000 (a stored chunk's worth) made on the fly and dropped, so only the
// index's own memory is counted: heap + ArrayBuffers growth after GC, / N. --shuffled feeds the
// messages out of time order (an imported file), so finish() sorts. Then, over Q random times:
//   stateAt       index.stateAt(t): a fresh state (typed arrays per topic), checkpoint + replay
//   + entries     the same and a walk over every topic's {topic, messageIndex, count, retained}
//   seek          one state moved to each time in turn (what a time slider does), with the
//                 changed topics' ids
// printed as p50 / p95 / max ms.
import { arg, args, BATCH, fmt, HOUR, load, num, respawn, rng, T0 } from './model-bench-kit.js';

const n = Number(arg('--messages', '1000000'));
const topicCount = Number(arg('--topics', '10000'));
const queries = Number(arg('--queries', '200'));
const shuffled = args.includes('--shuffled');

respawn(import.meta.url, 'RECORDING_INDEX_CHILD', ['--expose-gc', '--max-old-space-size=4096'], !globalThis.gc);

const { RecordingIndexBuilder } = await load('src/core/recording-index-builder.ts');

const heap = () => {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const SOME = { length: 20 };
const NONE = { length: 0 };
const random = rng(1);
/** Message times: in order, or a fixed permutation of them when --shuffled. */
const times = new Float64Array(n);
for (let i = 0; i < n; i++) times[i] = T0 + Math.floor((i / n) * HOUR);
if (shuffled) {
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const x = times[i];
    times[i] = times[j];
    times[j] = x;
  }
}
function batchAt(from) {
  const out = [];
  for (let i = from; i < Math.min(n, from + BATCH); i++) {
    const k = Math.floor(random() * random() * topicCount);
    const x = random();
    // A fresh string per message, as unpacking a stored chunk gives.
    out.push({ time: times[i], topic: `plant/${k % 100}/dev/${k}`, retain: x < 0.05, payload: x > 0.995 ? NONE : SOME });
  }
  return out;
}

const before = heap();
let buildMs = 0;
const builder = new RecordingIndexBuilder();
for (let i = 0; i < n; i += BATCH) {
  const batch = batchAt(i);
  const s = performance.now();
  builder.add(batch);
  buildMs += performance.now() - s;
}
let s = performance.now();
const index = builder.finish();
const finishMs = performance.now() - s;
const bytes = heap() - before;

const span = index.timeRange;
const ts = Array.from({ length: queries }, () => span.start + random() * (span.end - span.start));
const stateMs = [];
const walkMs = [];
const seekMs = [];
let walked = 0;
for (const t of ts) {
  s = performance.now();
  index.stateAt(t);
  stateMs.push(performance.now() - s);
}
for (const t of ts) {
  s = performance.now();
  for (const e of index.stateAt(t).entries()) walked += e.count > 0 ? 1 : 0;
  walkMs.push(performance.now() - s);
}
const state = index.newState();
let changed = 0;
for (const t of ts) {
  s = performance.now();
  changed += index.seek(state, index.indexAtTime(t)).length;
  seekMs.push(performance.now() - s);
}

console.log(
  `recording-index: ${num(n)} messages${shuffled ? ' (fed out of time order)' : ''} over ${num(index.topicCount)} topics, ${num(index.checkpointCount)} checkpoints: ` +
    `build ${((buildMs + finishMs) / 1000).toFixed(2)} s (add ${(buildMs / 1000).toFixed(2)} s, finish ${(finishMs / 1000).toFixed(2)} s); ` +
    `memory +${(bytes / 2 ** 20).toFixed(1)} MB after GC = ${(bytes / n).toFixed(1)} bytes/message (typed arrays ${(index.typedBytes / n).toFixed(1)})`,
);
console.log(`recording-index: ${queries} random times: stateAt ${fmt(stateMs)}`);
console.log(`recording-index: ${queries} random times: stateAt + entries() ${fmt(walkMs)} (${num(Math.round(walked / queries))} topics a state on average)`);
console.log(`recording-index: ${queries} random times: seek of one state ${fmt(seekMs)} (${num(Math.round(changed / queries))} changed topics a move on average)`);
