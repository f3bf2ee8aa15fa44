// `npm run bench -- --million` and `npm run bench -- --trie-memory` (scripts/bench.js hands over
// here): "A million topics" in docs/performance.md.
//
//   npm run bench -- --trie-memory [--topics 100000,1000000] [--wide 100000]
//        Node only: heap bytes per topic of the TopicTrie, expand and filter times (bench/trie-memory.js)
//   npm run bench -- --million [--topics 1000000] [--rate 20000] [--port 4350]
//        the built app in Chromium against Mosquitto (bench/million.bench.ts): lossless count,
//        main-thread heap after GC per topic, expanding a 100,000-child level, filter typing
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const value = (flag) => {
  const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
};

const run = (cmd, args, env) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });

if (argv.includes('--trie-memory')) {
  const args = ['--expose-gc', path.join(root, 'bench', 'trie-memory.js')];
  for (const flag of ['--topics', '--wide']) if (value(flag)) args.push(flag, value(flag));
  process.exit(await run(process.execPath, args));
}

const resultFile = path.join(root, 'bench', 'results', 'million-latest.json');
rmSync(resultFile, { force: true });
const env = { BENCH_PORT: value('--port') ?? '4180' };
if (value('--topics')) env.BENCH_MILLION_TOPICS = value('--topics');
if (value('--rate')) env.BENCH_RATE = value('--rate');
// --profile: an unminified build, CPU profiles of the page and the MQTT worker while topics arrive.
if (argv.includes('--profile')) env.BENCH_PROFILE = '1';
const playwright = path.join(root, 'node_modules', '.bin', 'playwright');
const code = await run(playwright, ['test', '-c', path.join('bench', 'playwright.config.ts'), 'million.bench.ts'], env);
if (!existsSync(resultFile)) {
  console.error(`\nbench: no results (Playwright exited ${code}); see the output above.`);
  process.exit(1);
}
const r = JSON.parse(readFileSync(resultFile, 'utf8'));
const n = (x) => Number(x).toLocaleString('en-US');
if (!r.lossless) {
  console.log(`\nSwitchyard — a million topics: NOT lossless\n${JSON.stringify(r, null, 2)}`);
  process.exit(0);
}
console.log(`
Switchyard — a million topics (${r.timestamp})
  topics published / counted   ${n(r.publisher.sent)} / ${n(r.topicsCounted)}  (${r.lossless ? 'lossless' : 'LOST SOME'}; offered ${n(r.offeredRate)} msg/s, sent at ${n(r.publisher.rate)} msg/s, all counted after ${r.ingestSeconds} s)
  main-thread heap after GC    ${r.heapBeforeMB} MB → ${r.heapAfterMB} MB  (${n(r.bytesPerTopic)} bytes per topic; target ≤ 300 MB)
  expand ${r.wideLevel ?? '(no wide level)'} (100,000 children)
                               ${r.expandToFirstFrameMs} ms key press → first frame showing it (Event Timing ${r.expandEventTimingMs} ms; target ≤ 50 ms)
  filter typing "${r.filterText}"  p50 ${r.filterP50Ms} ms, p95 ${r.filterP95Ms} ms per key (${r.filterKeyMs.join(', ')}; target p95 < 100 ms)
  ${path.relative(root, resultFile)}`);
process.exit(0);
