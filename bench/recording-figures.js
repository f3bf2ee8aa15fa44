// Charts and traffic figures of an open recording in Node (time travel, issue 12): what the
// Charts and Traffic views and the Explorer's Show rates cost on a big recording, below React.
//
//   node bench/recording-figures.js [--messages 1000000] [--topics 10000] [--moves 200]
//
// The synthetic recording of bench/time-travel.js (one hour, plant/<k % 100>/dev/<k>, skewed,
// 20-byte numeric payloads) plus one hot topic, plant/hot, with 10 % of the messages as JSON
// ({"v": …}), packed into 5,000-message chunks with the real chunk format. Printed:
//   traffic build   the first use: every message's size read from the blobs, per-topic running sums
//   traffic view    one refresh of the Traffic view at a random time: at(t), totals(), Top talkers
//                   (100 rows, by rate), silent topics
//   rates           one slider move with 30 tree rows asking their subtree rate (Show rates)
//   play 100×       one frame of Play at 100× with the rates shown (at(t) + 30 rows)
//   series          plant/hot's chart series read in slices of 2,000 messages (as the app's tasks):
//                   the whole, and the longest slice
import { arg, BATCH, fmt, HOUR, load, num, respawn, rng, T0, time } from './model-bench-kit.js';

const n = Number(arg('--messages', '1000000'));
const topicCount = Number(arg('--topics', '10000'));
const moves = Number(arg('--moves', '200'));

respawn(import.meta.url, 'RECORDING_FIGURES_CHILD', ['--max-old-space-size=4096', '--expose-gc']);

const { RecordingIndexBuilder } = await load('src/core/recording-index-builder.ts');
const { PackedMessages } = await load('src/core/recording-messages.ts');
const { packChunk } = await load('src/core/recording-chunk.ts');
const { RecordingFigures } = await load('src/core/recording-figures.ts');
const { TopTalkers } = await load('src/core/top-talkers.ts');

const heap = () => {
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const random = rng(1);
const payload = new Uint8Array(20).fill(49);
const enc = new TextEncoder();

const blobs = [];
for (let from = 0; from < n; from += BATCH) {
  const batch = [];
  for (let i = from; i < Math.min(n, from + BATCH); i++) {
    const time = T0 + Math.floor((i / n) * HOUR);
    if (random() < 0.1) {
      batch.push({ time, topic: 'plant/hot', qos: 0, retain: false, payload: enc.encode(JSON.stringify({ v: Math.round(Math.sin(i / 1000) * 1000) / 10 })) });
      continue;
    }
    const k = Math.floor(random() * random() * topicCount);
    batch.push({ time, topic: `plant/${k % 100}/dev/${k}`, qos: 0, retain: false, payload });
  }
  blobs.push(packChunk(batch));
}
const store = new PackedMessages();
const builder = new RecordingIndexBuilder();
for (const blob of blobs) builder.add(store.add(blob));
const index = builder.finish();
const read = (i, topic) => {
  const { batch, offset } = index.locate(i);
  return store.message(batch, offset, topic);
};
const tasks = [];
const figures = new RecordingFigures(index, read, () => store.sizes(), { start: T0 - 1, series: { schedule: (fn) => tasks.push(fn) } });
const { start, end } = index.timeRange;

const before = heap();
const buildMs = time(() => figures.traffic.at(end));
const held = heap() - before;
const traffic = figures.traffic;
const talkers = new TopTalkers();
const refresh = Array.from({ length: Math.min(moves, 60) }, () =>
  time(() => {
    traffic.at(start + random() * (end - start)).totals();
    talkers.run(traffic, { groupBy: null, filter: '', sort: 'msgRate', descending: true, limit: 100 });
    traffic.silentTopics();
  }),
);
const rows = ['plant', 'plant/hot', ...Array.from({ length: 28 }, (_, k) => `plant/${k}`)];
const rates = Array.from({ length: moves }, () =>
  time(() => {
    traffic.at(start + random() * (end - start));
    for (const r of rows) traffic.subtreeRate(r);
  }),
);
const play = [];
for (let t = start; t < end && play.length < moves * 5; t += 16.7 * 100) {
  play.push(
    time(() => {
      traffic.at(t);
      for (const r of rows) traffic.subtreeRate(r);
    }),
  );
}

const hot = { topic: 'plant/hot', field: 'v' };
figures.series.setTracked('bench', [hot]);
const slices = [];
const seriesStart = performance.now();
while (tasks.length) slices.push(time(tasks.shift()));
const seriesMs = performance.now() - seriesStart;
const s = figures.series.get(hot);
const progress = figures.series.progress(hot);

console.log(`recording-figures: ${num(n)} messages over ${num(index.topicCount)} topics`);
console.log(`recording-figures: traffic build (first use) ${buildMs.toFixed(0)} ms, +${(held / 2 ** 20).toFixed(1)} MB held`);
console.log(`recording-figures: Traffic view refresh at a random time (at, totals, Top talkers 100, silent): ${fmt(refresh)}`);
console.log(`recording-figures: slider move with 30 rows' rates: ${fmt(rates)}`);
console.log(`recording-figures: play at 100×, ${play.length} frames with 30 rows' rates: ${fmt(play)}`);
console.log(
  `recording-figures: series plant/hot › v, ${num(progress.total)} messages: ${(seriesMs / 1000).toFixed(2)} s in ${slices.length} slices (longest ${Math.max(...slices).toFixed(1)} ms), ${num(s.points.length)} points kept${progress.downsampled ? ' (downsampled)' : ''}`,
);
