// `npm run bench`: the throughput benchmark, and with --soak the memory soak (bench/README.md).
// Not part of `npm test`.
//
//   npm run bench -- --quick                 5,000 msg/s for 10 s over 1,000 topics, 1 round
//   npm run bench                            20,000 msg/s for 30 s over 1,000 topics, 2 rounds
//   npm run bench -- --rate 10000 --seconds 20 --topics 500 --rounds 3
//   npm run bench -- --soak                  10 minutes at 2,000 msg/s over 5,000 topics: is memory flat?
//   npm run bench -- --soak --minutes 1      a quick try of the soak (too short for a verdict)
//   npm run bench -- --payload               selecting a 1 MiB JSON / text topic: longest main-thread task (< 100 ms?)
//
// Starts the measurement (bench/throughput.bench.ts, or bench/soak.bench.ts with --soak, run by
// Playwright with bench/playwright.config.ts: it builds and serves the app, starts Mosquitto and
// the load generator), then reads bench/results/latest.json (soak-latest.json) and prints a
// table. Exit code: 0 when the run produced results (bar met or not, memory flat or not; the
// table says which), 1 when it did not.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');

const HELP = `Usage: npm run bench -- [options]

  --quick            short run: 5,000 msg/s, 10 s, 1 round (default: 20,000 msg/s, 30 s, 2 rounds)
  --rate N           offered load in messages per second
  --seconds N        length of each measured window
  --topics N         number of topics the load is spread over (default 1,000)
  --rounds N         bare+app pairs; rounds alternate the order (bare→app, app→bare, …)
  --warmup N         seconds of warm-up load before each measured window (default 2; 0 = none)
  --view plain       measure the Explorer as it opens (default: bench/t expanded, one topic selected)
  --only bare|app    measure one page only (no ratio)
  --broker-queue N   Mosquitto max_queued_messages (default: Mosquitto's own, 1000)
  --port N           port for the app's preview server (default 4180)
  --profile          CPU-profile each page's main thread during the window (.tmp/bench-profiles/*.cpuprofile;
                     the busiest functions are listed; the profiler slows the pages a little)
  --json             print latest.json instead of the table
  -h, --help         this text

A million topics (docs/performance.md; bench/million.js):
  --million          1,000,000 distinct topics into the app: lossless?, heap after GC per topic,
                     expanding a 100,000-child level, filter typing (--topics N, --rate N, --port N)
  --trie-memory      the same model in Node: heap bytes per topic of the trie (--topics 100000,1000000)

Large payload (bench/README.md, "Large payloads"):
  --payload          select a topic holding a 1 MiB JSON, and one holding 1 MiB of text, in the
                     Explorer (3 rounds, --rounds N) and report the longest main-thread task each
                     selection causes (PerformanceObserver longtask); target: under 100 ms

Soak (memory over time; bench/README.md, "Soak"):
  --soak             run the soak instead: 2,000 msg/s over 5,000 topics (a device fleet that grows
                     for the first minute, then stays) with the Explorer open and a chart; GC is
                     forced and memory sampled every 30 s; verdict: is the heap flat after the warm-up?
  --minutes N        length of the soak (default 10; 1 for a quick try)
  --interval N       seconds between samples (default 30; 10 for runs shorter than 5 minutes)
  --warmup N         seconds excluded from the verdict (default 180, or 30% of shorter runs)
  --view explorer    stay in the Explorer (default: visit the chart between samples, explorer+charts)
  --snapshots        heap snapshots after the warm-up and at the end (.tmp/bench-soak/), compared
                     by constructor with their top retainers
  --rate, --topics, --broker-queue, --port and --json apply to the soak too.

Environment: CHROMIUM_PATH (default /usr/bin/chromium), MOSQUITTO_PATH.`;

function parseArgs(argv) {
  const opts = { quick: false, json: false, soak: false };
  const valued = {
    '--minutes': 'minutes',
    '--interval': 'interval',
    '--rate': 'rate',
    '--seconds': 'seconds',
    '--topics': 'topics',
    '--rounds': 'rounds',
    '--warmup': 'warmup',
    '--view': 'view',
    '--only': 'only',
    '--broker-queue': 'brokerQueue',
    '--port': 'port',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--quick') opts.quick = true;
    else if (flag === '--json') opts.json = true;
    else if (flag === '--profile') opts.profile = true;
    else if (flag === '--soak') opts.soak = true;
    else if (flag === '--payload') opts.payload = true;
    else if (flag === '--snapshots') opts.snapshots = true;
    else if (flag === '-h' || flag === '--help') opts.help = true;
    else if (valued[flag]) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      opts[valued[flag]] = value;
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  for (const k of ['rate', 'seconds', 'topics', 'rounds', 'port', 'brokerQueue', 'minutes', 'interval']) {
    if (opts[k] !== undefined && !(Number(opts[k]) > 0)) throw new Error(`--${k} must be a positive number`);
  }
  if (opts.warmup !== undefined && !(Number(opts.warmup) >= 0)) throw new Error('--warmup must be 0 or more');
  if (opts.soak) {
    for (const k of ['quick', 'profile']) if (opts[k]) throw new Error(`--${k} is for the throughput benchmark, not --soak`);
    for (const k of ['seconds', 'rounds', 'only']) if (opts[k] !== undefined) throw new Error(`--${k} is for the throughput benchmark, not --soak`);
    if (opts.view !== undefined && !['explorer', 'explorer+charts'].includes(opts.view)) throw new Error('with --soak, --view is explorer or explorer+charts');
  } else {
    for (const k of ['minutes', 'interval']) if (opts[k] !== undefined) throw new Error(`--${k} needs --soak`);
    if (opts.snapshots) throw new Error('--snapshots needs --soak');
    if (opts.view !== undefined && !['plain', 'expanded'].includes(opts.view)) throw new Error('--view is plain or expanded');
  }
  if (opts.only !== undefined && !['bare', 'app'].includes(opts.only)) throw new Error('--only is bare or app');
  if (opts.payload) {
    if (opts.soak) throw new Error('--payload and --soak are separate benchmarks');
    for (const k of ['rate', 'seconds', 'topics', 'warmup', 'view', 'only', 'brokerQueue']) {
      if (opts[k] !== undefined) throw new Error(`--${k} is not used by --payload`);
    }
  }
  return opts;
}

// --million / --trie-memory: "A million topics" (bench/million.js has its own options and exits).
if (process.argv.includes('--million') || process.argv.includes('--trie-memory')) await import('../bench/million.js');

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(`bench: ${err.message}\n\n${HELP}`);
  process.exit(2);
}
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}

const resultFile = path.join(resultsDir, opts.soak ? 'soak-latest.json' : opts.payload ? 'payload-latest.json' : 'latest.json');
const env = {
  ...process.env,
  BENCH_QUICK: opts.quick ? '1' : '0',
  BENCH_PROFILE: opts.profile ? '1' : '0',
  BENCH_SOAK: opts.soak ? '1' : '0',
  BENCH_SNAPSHOTS: opts.snapshots ? '1' : '0',
};
const envNames = {
  minutes: 'BENCH_SOAK_MINUTES',
  interval: 'BENCH_SOAK_INTERVAL',
  rate: 'BENCH_RATE',
  seconds: 'BENCH_SECONDS',
  topics: 'BENCH_TOPICS',
  rounds: 'BENCH_ROUNDS',
  warmup: 'BENCH_WARMUP',
  view: 'BENCH_VIEW',
  only: 'BENCH_ONLY',
  brokerQueue: 'BENCH_BROKER_QUEUE',
  port: 'BENCH_PORT',
};
for (const [k, name] of Object.entries(envNames)) if (opts[k] !== undefined) env[name] = String(opts[k]);

// Never print a stale result as if it were this run's.
rmSync(resultFile, { force: true });

const playwright = path.join(root, 'node_modules', '.bin', 'playwright');
// One spec per mode (the argument filters spec files by name).
const spec = opts.soak ? 'soak.bench.ts' : opts.payload ? 'large-payload.bench.ts' : 'throughput.bench.ts';
const args = ['test', '-c', path.join('bench', 'playwright.config.ts'), spec];
console.log(`$ node_modules/.bin/playwright ${args.join(' ')}`);
const child = spawn(playwright, args, { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    child.kill(sig);
  });
}
child.on('error', (err) => {
  console.error(`bench: could not start Playwright: ${err.message}`);
  process.exit(1);
});
child.on('close', (code, signal) => {
  if (!existsSync(resultFile)) {
    console.error(`\nbench: no results (Playwright exited ${code ?? signal}); see the output above.`);
    process.exit(1);
  }
  const r = JSON.parse(readFileSync(resultFile, 'utf8'));
  if (opts.json) console.log(JSON.stringify(r, null, 2));
  else if (opts.soak) printSoak(r);
  else if (opts.payload) printPayload(r);
  else printTable(r);
  process.exit(0);
});

// ---------------------------------------------------------------- table

const fmt = (n, digits = 0) =>
  n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printTable(r) {
  const s = r.settings;
  console.log('');
  console.log(
    `Switchyard throughput — ${fmt(s.rate)} msg/s offered for ${s.seconds} s over ${fmt(s.topics)} topics, ` +
      `${s.rounds} round(s)${s.quick ? ' (--quick)' : ''}, ${r.timestamp}`,
  );
  console.log(`Chromium ${s.chromium}, ${s.mosquitto ?? 'mosquitto'}, Node ${s.node}, ${s.cpus} CPU(s)`);
  if (r.app?.phases) {
    const view = r.phases.find((p) => p.kind === 'app')?.view;
    if (view) console.log(`App view: ${view}`);
  }
  console.log('');
  const rows = [
    ['', 'bare mqtt.js', 'Switchyard'],
    ['counted / sent', ...['bare', 'app'].map((k) => (r[k] ? `${fmt(r[k].received)} / ${fmt(r[k].sent)}` : '–'))],
    ['lossless', ...['bare', 'app'].map((k) => (r[k] ? (r[k].lossless ? 'yes' : 'NO') : '–'))],
    ['rate (msg/s)', ...['bare', 'app'].map((k) => fmt(r[k]?.rate))],
    ['lag after last publish (ms)', ...['bare', 'app'].map((k) => fmt(r[k]?.lagMs))],
    ['broker dropped', ...['bare', 'app'].map((k) => fmt(r[k]?.brokerDropped))],
    ['connection events (broker log)', ...['bare', 'app'].map((k) => fmt(r[k]?.connectionEvents))],
    ['renderer CPU (%)', ...['bare', 'app'].map((k) => fmt(r[k]?.rendererCpuPercent))],
    ['CPU per message (µs)', ...['bare', 'app'].map((k) => fmt(r[k]?.cpuPerMessageUs, 1))],
    ['main thread busy (%)', ...['bare', 'app'].map((k) => fmt(r[k]?.mainThreadBusyPercent))],
    ['long tasks (count / max ms)', ...['bare', 'app'].map((k) => (r[k] ? `${fmt(r[k].longTasks)} / ${fmt(r[k].longTaskMaxMs)}` : '–'))],
    ['frames/s (max gap ms)', ...['bare', 'app'].map((k) => (r[k] ? `${fmt(r[k].fps, 1)} (${fmt(r[k].maxFrameGapMs)})` : '–'))],
    ['JS heap after GC (MB)', ...['bare', 'app'].map((k) => fmt(r[k]?.heapMB, 1))],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => String(row[c]).length)));
  const line = (row) => `  ${String(row[0]).padEnd(widths[0])}  ${String(row[1]).padStart(widths[1])}  ${String(row[2]).padStart(widths[2])}`;
  console.log(line(rows[0]));
  console.log(`  ${'─'.repeat(widths[0] + widths[1] + widths[2] + 4)}`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
  if (r.appToBareRatio !== null && r.appToBareRatio !== undefined) {
    const perRound = r.roundRatios?.length > 1 ? ` (per round: ${r.roundRatios.map((x) => x.toFixed(3)).join(', ')})` : '';
    console.log(`  app / bare rate: ${r.appToBareRatio.toFixed(3)}${perRound}`);
    const met = r.bar?.met;
    console.log(
      `  bar (ratio ≥ ${r.bar?.appToBareRatio ?? 0.9} and lossless): ${met ? 'MET' : 'NOT MET'}` +
        (met ? '' : ` — ${[r.appToBareRatio < (r.bar?.appToBareRatio ?? 0.9) ? 'ratio too low' : '', r.lossless ? '' : 'messages lost'].filter(Boolean).join(', ')}`),
    );
  } else {
    console.log('  app / bare rate: – (only one page measured)');
  }
  for (const p of r.phases ?? []) {
    if (!p.profileTop) continue;
    console.log(`\n  ${p.kind} round ${p.round}, main thread by self time (excluding idle):`);
    for (const e of p.profileTop.slice(0, 10)) console.log(`    ${String(e.percent.toFixed(1)).padStart(5)}%  ${String(e.selfMs).padStart(6)} ms  ${e.fn}`);
  }
  for (const n of r.notes ?? []) console.log(`  note: ${n}`);
  console.log(`\n  ${path.relative(root, resultFile)} has every phase in detail.`);
}

// ---------------------------------------------------------------- soak table

function printSoak(r) {
  const s = r.settings;
  console.log('');
  console.log(
    `Switchyard soak — ${fmt(s.rate)} msg/s for ${s.minutes} min over ${fmt(s.topicCount)} topics ` +
      `(${fmt(s.mix.telemetry)} JSON telemetry, ${fmt(s.mix.rssi)} numbers, ${fmt(s.mix.snapshot)} 2–20 KB snapshots, ` +
      `${fmt(s.mix.status + s.mix.config)} retained; devices appear over the first ${s.growS} s), ${r.timestamp}`,
  );
  console.log(`Chromium ${s.chromium}, Node ${s.node}, ${s.cpus} CPU(s); view: ${s.view}`);
  console.log(`GC forced before every sample; verdict over the samples from t = ${s.warmupS} s on.`);
  console.log('');
  const head = ['t (s)', '', 'heap MB', 'worker MB', 'buffers MB', 'DOM nodes', 'in doc', 'listeners', 'RSS MB', 'topics', 'received', 'behind', 'CPU %'];
  const rows = r.samples.map((x) => [
    fmt(x.t),
    x.warmup ? 'warm-up' : '',
    fmt(x.heapMB, 1),
    fmt(x.workerHeapMB, 1),
    fmt(x.backingStoreMB, 1),
    fmt(x.domNodes),
    fmt(x.domNodesInDocument),
    fmt(x.jsEventListeners),
    fmt(x.rendererRssMB),
    fmt(x.topics),
    fmt(x.received),
    fmt(Math.max(0, x.sent - x.received)),
    fmt(x.cpuPercent),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => String(row[c]).length)));
  const line = (row) => `  ${row.map((v, c) => (c === 1 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join('  ')}`;
  console.log(line(head));
  console.log(`  ${'─'.repeat(widths.reduce((a, w) => a + w + 2, -2))}`);
  for (const row of rows) console.log(line(row));
  console.log('');
  const v = r.verdict;
  const trend = (label, f, unit, digits = 2) => {
    if (!f) return console.log(`  ${label.padEnd(22)} –`);
    const sign = f.slopePerMin >= 0 ? '+' : '';
    console.log(
      `  ${label.padEnd(22)} ${sign}${fmt(f.slopePerMin, digits)} ${unit}/min  (spread ${fmt(f.spread, 1)}, ${fmt(f.first, 1)} → ${fmt(f.last, 1)}, r² ${fmt(f.r2, 2)})`,
    );
  };
  console.log(`  after the warm-up (${v.samples} samples), least-squares slope per minute:`);
  trend('main-thread JS heap', v.heap, 'MB');
  trend('MQTT worker JS heap', v.workerHeap, 'MB');
  trend('ArrayBuffers (payloads)', v.backingStore, 'MB');
  trend('renderer RSS', v.rendererRss, 'MB');
  trend('DOM nodes', v.domNodes, 'nodes', 0);
  trend('JS event listeners', v.jsEventListeners, 'listeners', 1);
  console.log('');
  console.log(`  memory: ${v.summary}`);
  const d = r.snapshotDiff;
  if (d) {
    console.log(`\n  heap snapshots: ${d.from} (${fmt(d.totalMBBefore, 1)} MB) → ${d.to} (${fmt(d.totalMBAfter, 1)} MB); grew most:`);
    for (const g of d.grewMostBySize.slice(0, 10)) {
      console.log(`    ${(g.deltaKB >= 0 ? '+' : '') + fmt(g.deltaKB, 1)} KB`.padEnd(20) + `${(g.deltaCount >= 0 ? '+' : '') + fmt(g.deltaCount)} objects  ${g.name}`);
    }
    for (const [name, list] of Object.entries(d.retainersOfTopGrowth ?? {})) {
      if (!list.length) continue;
      console.log(`    held by (${name}): ${list.slice(0, 4).map((x) => `${x.via} ×${fmt(x.count)}`).join(', ')}`);
    }
  }
  for (const n of r.notes ?? []) console.log(`  note: ${n}`);
  console.log(`\n  ${path.relative(root, resultFile)} has every sample in detail.`);
}

// ---------------------------------------------------------------- large payload table

function printPayload(r) {
  const ms = (n) => (n === 0 ? '< 50 ms (no long task)' : `${fmt(n)} ms`);
  console.log(
    [
      '',
      `Switchyard large payload — selecting a topic in the Explorer, ${r.rounds.length} rounds, target: longest task under ${r.targetMs} ms`,
      '',
      `  1 MiB JSON  (${fmt(r.payloadBytes.json)} bytes)   longest task ${ms(r.longestTaskMs.json)}   rounds: ${r.rounds.map((x) => fmt(x.json)).join(', ')}`,
      `  1 MiB text  (${fmt(r.payloadBytes.text)} bytes)   longest task ${ms(r.longestTaskMs.text)}   rounds: ${r.rounds.map((x) => fmt(x.text)).join(', ')}`,
      '',
      r.met ? `  Met: every selection's longest task was under ${r.targetMs} ms.` : `  NOT met: a selection blocked the page for ${r.targetMs} ms or more.`,
      '',
    ].join('\n'),
  );
}
