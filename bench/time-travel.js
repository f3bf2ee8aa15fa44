// Time travel in Node, end to end below React: open a big recording (the stored chunk blobs →
// PackedMessages + RecordingIndexBuilder → RecordingSource at the end) and move its Time slider —
// each move is what the Explorer's slider does: index.seek, decode the changed topics' last (and
// retained) messages from the blobs, set them in the RecordingTrie. No browser.
//
//   node bench/time-travel.js [--messages 1000000] [--topics 10000] [--moves 200]
//
// Synthetic recording as bench/recording-index.js (one hour, plant/<k % 100>/dev/<k> with a skew
// towards low k, 5 % retained, 0.5 % empty), packed into chunks of 5,000 messages with the real
// chunk format (core/recording-chunk.ts packChunk), 20-byte payloads. Printed:
//   open        reading every chunk into the store and the index, finish, the source at the end
//   scrub       random times (a jump anywhere, either direction)
//   drag        200 moves from start to end in equal steps (a slider dragged across)
//   worst       start ↔ end alternately (every topic changes each move)
//   play 100×   one frame (16.7 ms × 100 of recording) at a time from the start
// as p50 / p95 / max ms; the focused topic (the Message panel's) is the busiest, history 100.
import { arg, BATCH, fmt, HOUR, load, num, respawn, rng, T0, time } from './model-bench-kit.js';

const n = Number(arg('--messages', '1000000'));
const topicCount = Number(arg('--topics', '10000'));
const moves = Number(arg('--moves', '200'));

respawn(import.meta.url, 'TIME_TRAVEL_CHILD', ['--max-old-space-size=4096']);

const { RecordingIndexBuilder } = await load('src/core/recording-index-builder.ts');
const { PackedMessages } = await load('src/core/recording-messages.ts');
const { RecordingSource } = await load('src/core/recording-source.ts');
const { packChunk } = await load('src/core/recording-chunk.ts');

const random = rng(1);
const payload = new Uint8Array(20).fill(49);
const empty = new Uint8Array(0);

// The stored chunks (made before the clock starts: they are what IndexedDB hands over).
const blobs = [];
for (let from = 0; from < n; from += BATCH) {
  const batch = [];
  for (let i = from; i < Math.min(n, from + BATCH); i++) {
    const k = Math.floor(random() * random() * topicCount);
    const x = random();
    batch.push({ time: T0 + Math.floor((i / n) * HOUR), topic: `plant/${k % 100}/dev/${k}`, qos: 0, retain: x < 0.05, payload: x > 0.995 ? empty : payload });
  }
  blobs.push(packChunk(batch));
}

let s = performance.now();
const store = new PackedMessages();
const builder = new RecordingIndexBuilder();
for (const blob of blobs) builder.add(store.add(blob));
const index = builder.finish();
const read = (i, topic) => {
  const { batch, offset } = index.locate(i);
  return store.message(batch, offset, topic);
};
const source = new RecordingSource(index, read, { historyLimit: 100 });
source.setFocus('plant/0/dev/0');
const openMs = performance.now() - s;

const { start, end } = source;
const scrub = Array.from({ length: moves }, () => time(() => source.seekTime(start + random() * (end - start))));
source.seekTime(start);
const drag = Array.from({ length: moves }, (_, k) => time(() => source.seekTime(start + ((k + 1) / moves) * (end - start))));
const worst = Array.from({ length: Math.min(moves, 40) }, (_, k) => time(() => source.seekTime(k % 2 ? end : start)));
source.seekTime(start);
const play = [];
for (let k = 0; k < moves * 5 && source.time < end; k++) play.push(time(() => source.seekTime(source.time + 16.7 * 100)));

console.log(
  `time-travel: ${num(n)} messages over ${num(index.topicCount)} topics (${blobs.length} chunks): open ${(openMs / 1000).toFixed(2)} s; ` +
    `held ${((store.bytes + index.typedBytes) / 2 ** 20).toFixed(1)} MB (blobs + offsets ${(store.bytes / 2 ** 20).toFixed(1)} MB, index ${(index.typedBytes / 2 ** 20).toFixed(1)} MB)`,
);
console.log(`time-travel: scrub to ${moves} random times: ${fmt(scrub)}`);
console.log(`time-travel: drag start → end in ${moves} steps: ${fmt(drag)}`);
console.log(`time-travel: worst case, start ↔ end (${num(index.topicCount)} topics change): ${fmt(worst)}`);
console.log(`time-travel: play at 100×, ${play.length} frames: ${fmt(play)}`);
