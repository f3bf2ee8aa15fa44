// Compare (issue 12) in Node, below React: a big recording's state streamed chunk by chunk
// (core/recording-diff-state.ts RecordingStateCollector, as features/recordings/compare-run.ts
// feeds it from IndexedDB), twice (at half time and at the end), then the two states compared
// (core/recording-diff.ts diffStates). No browser, no IndexedDB.
//
//   node bench/recording-diff.js [--messages 1000000] [--topics 10000]
//
// Synthetic recording as bench/time-travel.js (one hour, plant/<k % 100>/dev/<k> with a skew
// towards low k, 5 % retained, 0.5 % empty; 20-byte payloads numbered per message, so most
// topics change), packed into chunks of 5,000 messages with the real chunk format. Printed: the
// time to read the whole recording per kind (last message / retained), the longest single chunk
// (the main thread yields between chunks, so this bounds how long input can wait), the heap held
// by a state, and the time to compare two states.
import { arg, BATCH, HOUR, load, num, respawn, rng, T0 } from './model-bench-kit.js';

const n = Number(arg('--messages', '1000000'));
const topicCount = Number(arg('--topics', '10000'));

respawn(import.meta.url, 'RECORDING_DIFF_CHILD', ['--expose-gc', '--max-old-space-size=4096']);

const { RecordingStateCollector } = await load('src/core/recording-diff-state.ts');
const { diffStates } = await load('src/core/recording-diff.ts');
const { packChunk } = await load('src/core/recording-chunk.ts');

const random = rng(1);
const empty = new Uint8Array(0);
const enc = new TextEncoder();

const blobs = [];
for (let from = 0; from < n; from += BATCH) {
  const batch = [];
  for (let i = from; i < Math.min(n, from + BATCH); i++) {
    const k = Math.floor(random() * random() * topicCount);
    const x = random();
    const payload = x > 0.995 ? empty : enc.encode(`{"v":${i % 1000},"n":${String(i).padStart(8, '0')}}`.slice(0, 20));
    batch.push({ time: T0 + Math.floor((i / n) * HOUR), topic: `plant/${k % 100}/dev/${k}`, qos: 0, retain: x < 0.05, payload });
  }
  blobs.push(packChunk(batch));
}

function collect(kind, upTo) {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const c = new RecordingStateCollector(kind, upTo);
  let longest = 0;
  const t0 = performance.now();
  for (const b of blobs) {
    const t = performance.now();
    c.addChunk(b);
    longest = Math.max(longest, performance.now() - t);
  }
  const state = c.state();
  const ms = performance.now() - t0;
  globalThis.gc?.();
  const held = process.memoryUsage().heapUsed - heap0;
  return { state, ms, longest, held };
}

for (const kind of ['last', 'retained']) {
  const half = collect(kind, T0 + HOUR / 2);
  const end = collect(kind);
  const t = performance.now();
  const d = diffStates(half.state, end.state);
  const diffMs = performance.now() - t;
  console.log(
    `recording-diff [${kind}]: ${num(n)} messages (${blobs.length} chunks of ${num(BATCH)}): state at the end read in ${(end.ms / 1000).toFixed(2)} s ` +
      `(longest chunk ${end.longest.toFixed(1)} ms), ${num(end.state.size)} topics held in ${(end.held / 2 ** 20).toFixed(1)} MB; ` +
      `half → end: ${num(d.added.length)} added, ${num(d.removed.length)} removed, ${num(d.changed.length)} changed, ${num(d.unchanged)} unchanged, compared in ${diffMs.toFixed(1)} ms`,
  );
}
