// `npm run bench`: the throughput benchmark (bench/README.md). Not part of `npm test`.
//
//   npm run bench -- --quick                 5,000 msg/s for 10 s over 1,000 topics, 1 round
//   npm run bench                            20,000 msg/s for 30 s over 1,000 topics, 2 rounds
//   npm run bench -- --rate 10000 --seconds 20 --topics 500 --rounds 3
//
// Starts the measurement (bench/throughput.bench.ts, run by Playwright with
// bench/playwright.config.ts: it builds and serves the app, starts Mosquitto and the load
// generator), then reads bench/results/latest.json and prints a table. Exit code: 0 when the
// run produced results (bar met or not; the table says which), 1 when it did not.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultFile = path.join(root, 'bench', 'results', 'latest.json');

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

Environment: CHROMIUM_PATH (default /usr/bin/chromium), MOSQUITTO_PATH.`;

function parseArgs(argv) {
  const opts = { quick: false, json: false };
  const valued = {
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
    else if (flag === '-h' || flag === '--help') opts.help = true;
    else if (valued[flag]) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      opts[valued[flag]] = value;
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  for (const k of ['rate', 'seconds', 'topics', 'rounds', 'port', 'brokerQueue']) {
    if (opts[k] !== undefined && !(Number(opts[k]) > 0)) throw new Error(`--${k} must be a positive number`);
  }
  if (opts.warmup !== undefined && !(Number(opts.warmup) >= 0)) throw new Error('--warmup must be 0 or more');
  if (opts.view !== undefined && !['plain', 'expanded'].includes(opts.view)) throw new Error('--view is plain or expanded');
  if (opts.only !== undefined && !['bare', 'app'].includes(opts.only)) throw new Error('--only is bare or app');
  return opts;
}

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

const env = { ...process.env, BENCH_QUICK: opts.quick ? '1' : '0', BENCH_PROFILE: opts.profile ? '1' : '0' };
const envNames = {
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
const args = ['test', '-c', path.join('bench', 'playwright.config.ts')];
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
