// Heap bytes per topic of the Explorer's model (TopicTrie) in Node: no browser, no timing.
//
//   node --expose-gc bench/trie-memory.js [--topics 100000,1000000] [--wide 100000]
//   npm run bench -- --trie-memory [--topics N[,N…]]
//
// For each N it builds a TopicTrie with the first N topics of bench/million-topics.js (10 levels
// deep, ~1.11 nodes per topic), one small message each, fed in batches of 5,000 the way the session
// feeds it (each payload a copy of its bytes, each topic a fresh flat string as structured clone
// gives), forces GC and prints heapUsed growth / N. Each N runs in a fresh child process.
// --wide N (default 100,000; with the last N only) also times flattenVisible on one level with N
// children (bench/million-topics.js WIDE_PARENT; first expand = the sort, then again, then after
// 1,000 new children arrive), and with a filter typed over the whole trie, letter by letter.
// Node has no pointer compression: fields are 8 bytes here and 4 in Chromium, so a browser figure
// (npm run bench -- --million) is roughly half to two thirds of this one.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { WIDE_PARENT, millionPayload, millionTopic } from './million-topics.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const counts = String(arg('--topics', '100000,1000000')).split(',').map(Number);
const wide = Number(arg('--wide', '100000'));

if (!globalThis.gc || counts.length > 1 || process.env.TRIE_MEMORY_CHILD !== '1') {
  // Parent: one child process per N, so no run inherits another's garbage.
  for (const n of counts) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', fileURLToPath(import.meta.url), '--topics', String(n), '--wide', String(n === counts[counts.length - 1] ? wide : 0)], {
      stdio: 'inherit',
      env: { ...process.env, TRIE_MEMORY_CHILD: '1' },
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  process.exit(0);
}

const load = async (file) => (await runnerImport(path.join(root, file), { configFile: false, root, logLevel: 'silent' })).module;
const { TopicTrie } = await load('src/core/topic-trie.ts');
const { flattenVisible } = await load('src/core/tree-rows.ts');

const n = counts[0];
const enc = new TextEncoder();
const heap = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

/** One batch of messages as the session builds them (session.ts applyQueued). */
function batch(from, to, time) {
  const topics = [];
  const parts = [];
  let total = 0;
  for (let i = from; i < to; i++) {
    const p = enc.encode(millionPayload(i));
    parts.push(p);
    total += p.length;
    topics.push(millionTopic(i));
  }
  // Topic strings arrive flat (structured clone); a template literal here would be a cons string.
  const flat = JSON.parse(JSON.stringify(topics));
  const buffer = new Uint8Array(total);
  let off = 0;
  const out = [];
  for (let k = 0; k < parts.length; k++) {
    buffer.set(parts[k], off);
    const payload = buffer.slice(off, off + parts[k].length);
    off += parts[k].length;
    out.push({ topic: flat[k], payload, size: payload.length, qos: 0, retain: false, time });
  }
  return out;
}

const before = heap();
const trie = new TopicTrie();
const BATCH = 5000;
// The messages are built first (the trie keeps each as its topic's last message, so they count
// in the heap either way); only trie.apply is timed.
const batches = [];
for (let i = 0; i < n; i += BATCH) batches.push(batch(i, Math.min(n, i + BATCH), Date.now()));
const t0 = performance.now();
for (const b of batches) trie.apply(b);
const ingestMs = performance.now() - t0;
batches.length = 0;
const after = heap();
const perTopic = (after - before) / n;
let nodes = 0;
const stack = [trie.root];
while (stack.length) {
  const node = stack.pop();
  nodes++;
  if (node.children) for (const c of node.children.values()) stack.push(c);
}
console.log(
  `trie-memory: ${n.toLocaleString('en-US')} topics (${(nodes - 1).toLocaleString('en-US')} nodes), topics counted ${trie.topicCount.toLocaleString('en-US')}: ` +
    `heap +${((after - before) / 2 ** 20).toFixed(1)} MB after GC = ${perTopic.toFixed(0)} bytes/topic; ` +
    `ingest ${(ingestMs / 1000).toFixed(1)} s (${Math.round(n / (ingestMs / 1000)).toLocaleString('en-US')} topics/s in trie.apply)`,
);

if (wide > 0) {
  const ms = (f) => {
    const s = performance.now();
    const r = f();
    return [performance.now() - s, r];
  };
  const wideBatch = (from, to) =>
    batch(0, to - from, Date.now()).map((m, k) => ({ ...m, topic: JSON.parse(JSON.stringify(`${WIDE_PARENT}/sensor${from + k}`)) }));
  // With 1,000,000 topics the wide level is already there (these become second messages).
  if (!trie.get(`${WIDE_PARENT}/sensor${wide - 1}`)) for (let i = 0; i < wide; i += BATCH) trie.apply(wideBatch(i, Math.min(wide, i + BATCH)));
  const levels = WIDE_PARENT.split('/');
  const expanded = new Set(levels.map((_, k) => levels.slice(0, k + 1).join('/')));
  const [first, rows] = ms(() => flattenVisible(trie, expanded));
  const [again] = ms(() => flattenVisible(trie, expanded));
  trie.apply(wideBatch(wide, wide + 1000));
  const [grown, rows2] = ms(() => flattenVisible(trie, expanded));
  const filters = ['s', 'se', 'sen', 'sens', 'senso', 'sensor', 'sensor9', 'sensor99'];
  const filterMs = filters.map((f) => ms(() => flattenVisible(trie, new Set(), f))[0]);
  console.log(
    `trie-memory: a level with ${wide.toLocaleString('en-US')} children: flattenVisible first expand ${first.toFixed(1)} ms (${rows.rows.length.toLocaleString('en-US')} rows), ` +
      `again ${again.toFixed(1)} ms, after 1,000 new children ${grown.toFixed(1)} ms (${rows2.rows.length.toLocaleString('en-US')} rows)`,
  );
  console.log(
    `trie-memory: filter typed over ${trie.topicCount.toLocaleString('en-US')} topics ("${filters.join('", "')}"): ` +
      filterMs.map((x) => x.toFixed(0)).join(', ') + ' ms',
  );
}
