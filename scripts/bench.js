// `npm run bench`: the throughput benchmark, and with --soak the memory soak (bench/README.md).
// Not part of `npm test`.
//
//   npm run bench -- --quick                 5,000 msg/s for 10 s over 1,000 topics, 1 round
//   npm run bench                            20,000 msg/s for 30 s over 1,000 topics, 2 rounds
//   npm run bench -- --rate 10000 --seconds 20 --topics 500 --rounds 3
//   npm run bench -- --ladder 2000,5000,10000,20000,max --seconds 10   each page's sustained lossless rate
//   npm run bench -- --quick --view dashboard 8 switches and 4 gauges instead of the open Explorer
//   npm run bench -- --soak                  60 minutes at 2,000 msg/s over 10,000 topics: is memory flat, frame p95 steady?
//   npm run bench -- --soak --minutes 4      a quick try of the soak (too short for a verdict)
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
import { printFirstLoad } from '../bench/first-load-report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');

const HELP = `Usage: npm run bench -- [options]

  --quick            short run: 5,000 msg/s, 10 s, 1 round (default: 20,000 msg/s, 30 s, 2 rounds)
  --rate N|max       offered load in messages per second; max: --max-messages as fast as the
                     load generator can hand them to the broker
  --ladder A,B,…     run every rate in turn (e.g. 2000,5000,10000,20000,max), all pages and rounds at
                     each, and report each page's sustained lossless rate and its rate at max
  --max-messages N   messages of a window at rate max (default 50,000)
  --seconds N        length of each measured window
  --topics N         number of topics the load is spread over (default 1,000)
  --rounds N         bare+raw+app sets; rounds alternate the order (bare→raw→app, app→raw→bare, …)
  --warmup N         seconds of warm-up load before each measured window (default 2; 0 = none)
  --view V           what the app shows: explorer (default: a chart of bench/t/0000 made in Charts, then
                     bench/t expanded with bench/t/0000 and its history selected), expanded (the same
                     without the chart), plain (the Explorer as it opens), dashboard (8 switches, 4 gauges)
  --no-input         do not drive clicks/typing/expanding during the window (no input latency)
  --qos N            the load's publish QoS (0, 1 or 2; default 0): every page subscribes with QoS 2, so
                     Mosquitto delivers at N and, at 1 and 2, waits for each page's acknowledgements
                     beyond its in-flight window (max_inflight_messages, 20)
  --devtools-network measure in Playwright's own browser with DevTools' Network domain on, as before
                     December 2026 (every WebSocket frame relayed to Playwright; bench/quiet-browser.ts)
  --only bare|raw|app  measure one page only (no ratio)
  --alert-rules N    also measure the app with N alert rules on the load's topics (bench/t/+ › v, above/below/
                     outside thresholds across the values' range): its rate, fps and frame p95 beside the app's
                     without rules, in the same run (with --only app: just those two)
  --record           also measure the app with a recording running (header Record, from before the warm-up):
                     its rate, CPU per message and frames beside the app's without, in the same run (issue 12:
                     rate ratio ≥ 0.9 at 5,000 msg/s; with --only app: just those two)
  --sparkplug        also measure the app under the same load as Sparkplug B (issue 13: rate ratio >= 0.85 at
                     5,000 msg/s): an NBIRTH and a DBIRTH per topic, then DDATA with 10 metrics by alias on
                     spBv1.0/bench/DDATA/edge/NNNN (bench/sparkplug-load.js), decoded in the app's worker; its rate
                     beside the app's under the small JSON readings and under the same 10 metrics as JSON
                     (json/bench/DDATA/edge/NNNN), in the same run. Needs --view plain (the other views open
                     bench/t topics)
  --quiet-rules      with --alert-rules: rules whose thresholds the load never reaches (every message is
                     still evaluated by every rule; nothing fires) instead of rules that fire and clear often
  --broker-queue N   Mosquitto max_queued_messages (default: Mosquitto's own, 1000)
  --port N           port for the app's preview server (default 4180)
  --profile          CPU-profile each page's main thread during the window (.tmp/bench-profiles/*.cpuprofile;
                     the busiest functions are listed; the profiler slows the pages a little)
  --trace            record a Chromium trace of each page's window (.tmp/bench-profiles/*.trace.json): where the
                     renderer's main thread spent its time (script, style, layout, paint) and its longest tasks
                     (bench/trace-summary.js; the trace can be opened in Chrome DevTools › Performance)
  --json             print latest.json instead of the table
  -h, --help         this text

First load (docs/performance.md, "First load"):
  --first-load       fresh loads of the built app against the embedded broker and simulator: gzip KB
                     of JavaScript before the first topic row, and the time to it (5 loads, --rounds N)

A million topics (docs/performance.md; bench/million.js):
  --million          1,000,000 distinct topics into the app: lossless?, heap after GC per topic,
                     expanding a 100,000-child level, filter typing (--topics N, --rate N, --port N)
  --trie-memory      the same model in Node: heap bytes per topic of the trie (--topics 100000,1000000)

Large payload (bench/README.md, "Large payloads"):
  --payload          select a topic holding a 1 MiB JSON, and one holding 1 MiB of text, in the
                     Explorer (3 rounds, --rounds N) and report the longest main-thread task each
                     selection causes (PerformanceObserver longtask); target: under 100 ms

Soak (memory over time; bench/README.md, "Soak"):
  --soak             run the soak instead: 2,000 msg/s over 10,000 topics (a device fleet that grows
                     for the first minute, then stays) with the Explorer open (a device expanded, its
                     telemetry selected) and two charts made in Charts; every minute: heap after a
                     forced GC (page and MQTT worker), fps, frame p95, long tasks, counted vs sent,
                     load average; verdict: heap slope after the warm-up < 0.2 MB/min; frame p95 at
                     the end of the warm-up vs the last minute. Every minute is written as it is
                     taken to .tmp/bench-soak/soak-<start>.csv and .json
  --minutes N        length of the soak (default 60; 4 for a quick try)
  --interval N       seconds between samples (default 60; 10 for runs shorter than 4 minutes)
  --warmup N         seconds excluded from the verdict (default 300, or 30% of shorter runs)
  --view V           explorer (default: stay in the Explorer, the charts record in the background) or
                     explorer+charts (look at the charts between two samples)
  --snapshots        heap snapshots after the warm-up and at the end (.tmp/bench-soak/), compared
                     by constructor with their top retainers
  --snapshot-at M,N  heap snapshots after minutes M and N (e.g. 10,30), compared the same way
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
    '--ladder': 'ladder',
    '--max-messages': 'maxMessages',
    '--port': 'port',
    '--alert-rules': 'alertRules',
    '--snapshot-at': 'snapshotAt',
    '--qos': 'qos',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--quick') opts.quick = true;
    else if (flag === '--json') opts.json = true;
    else if (flag === '--profile') opts.profile = true;
    else if (flag === '--trace') opts.trace = true;
    else if (flag === '--no-input') opts.noInput = true;
    else if (flag === '--devtools-network') opts.devtoolsNetwork = true;
    else if (flag === '--soak') opts.soak = true;
    else if (flag === '--payload') opts.payload = true;
    else if (flag === '--first-load') opts.firstLoad = opts.payload = true; // --payload's option rules (only --rounds, --port)
    else if (flag === '--snapshots') opts.snapshots = true;
    else if (flag === '--quiet-rules') opts.quietRules = true;
    else if (flag === '--record') opts.record = true;
    else if (flag === '--sparkplug') opts.sparkplug = true;
    else if (flag === '-h' || flag === '--help') opts.help = true;
    else if (valued[flag]) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      opts[valued[flag]] = value;
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  const rateOk = (v) => v === 'max' || Number(v) > 0;
  if (opts.rate !== undefined && !rateOk(opts.rate)) throw new Error('--rate must be a positive number or max');
  if (opts.ladder !== undefined && !opts.ladder.split(',').every((x) => rateOk(x.trim()))) {
    throw new Error('--ladder is a comma-separated list of rates (numbers or max), e.g. 2000,5000,max');
  }
  if (opts.ladder !== undefined && opts.rate !== undefined) throw new Error('--ladder and --rate: pick one');
  for (const k of ['seconds', 'topics', 'rounds', 'port', 'brokerQueue', 'minutes', 'interval', 'maxMessages']) {
    if (opts[k] !== undefined && !(Number(opts[k]) > 0)) throw new Error(`--${k} must be a positive number`);
  }
  if (opts.warmup !== undefined && !(Number(opts.warmup) >= 0)) throw new Error('--warmup must be 0 or more');
  if (opts.qos !== undefined && !['0', '1', '2'].includes(String(opts.qos))) throw new Error('--qos is 0, 1 or 2');
  if (opts.alertRules !== undefined) {
    if (!(Number.isInteger(Number(opts.alertRules)) && Number(opts.alertRules) > 0 && Number(opts.alertRules) <= 500)) throw new Error('--alert-rules is a number of rules from 1 to 500');
    if (opts.soak || opts.payload) throw new Error('--alert-rules is for the throughput benchmark');
    if (opts.only !== undefined && opts.only !== 'app') throw new Error('--alert-rules with --only: only app (the app with and without the rules)');
  }
  if (opts.record) {
    if (opts.soak || opts.payload) throw new Error('--record is for the throughput benchmark');
    if (opts.only !== undefined && opts.only !== 'app') throw new Error('--record with --only: only app (the app recording and not)');
  }
  if (opts.sparkplug) {
    if (opts.soak || opts.payload) throw new Error('--sparkplug is for the throughput benchmark');
    if (opts.only !== undefined && opts.only !== 'app') throw new Error('--sparkplug with --only: only app (the app under Sparkplug B and JSON)');
    if (opts.view !== 'plain') throw new Error('--sparkplug needs --view plain (the other views open bench/t topics)');
  }
  if (opts.snapshotAt !== undefined && !opts.snapshotAt.split(',').every((x) => Number(x) > 0)) {
    throw new Error('--snapshot-at is a comma-separated list of minutes, e.g. 10,30');
  }
  if (opts.soak) {
    for (const k of ['quick', 'profile', 'trace']) if (opts[k]) throw new Error(`--${k} is for the throughput benchmark, not --soak`);
    for (const k of ['seconds', 'rounds', 'only', 'ladder', 'maxMessages']) if (opts[k] !== undefined) throw new Error(`--${k} is for the throughput benchmark, not --soak`);
    if (opts.view !== undefined && !['explorer', 'explorer+charts'].includes(opts.view)) throw new Error('with --soak, --view is explorer or explorer+charts');
  } else {
    for (const k of ['minutes', 'interval', 'snapshotAt']) if (opts[k] !== undefined) throw new Error(`--${k} needs --soak`);
    if (opts.snapshots) throw new Error('--snapshots needs --soak');
    if (opts.view !== undefined && !['explorer', 'expanded', 'plain', 'dashboard'].includes(opts.view)) {
      throw new Error('--view is explorer, expanded, plain or dashboard');
    }
  }
  if (opts.only !== undefined && !['bare', 'raw', 'app'].includes(opts.only)) throw new Error('--only is bare, raw or app');
  if (opts.payload) {
    if (opts.soak) throw new Error('--payload and --soak are separate benchmarks');
    for (const k of ['rate', 'seconds', 'topics', 'warmup', 'view', 'only', 'brokerQueue', 'ladder', 'maxMessages']) {
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

const resultFile = path.join(resultsDir, opts.soak ? 'soak-latest.json' : opts.firstLoad ? 'first-load-latest.json' : opts.payload ? 'payload-latest.json' : 'latest.json');
const env = {
  ...process.env,
  BENCH_QUICK: opts.quick ? '1' : '0',
  BENCH_PROFILE: opts.profile ? '1' : '0',
  BENCH_TRACE: opts.trace ? '1' : '0',
  BENCH_ALERT_QUIET: opts.quietRules ? '1' : '0',
  BENCH_RECORD: opts.record ? '1' : '0',
  BENCH_SPARKPLUG: opts.sparkplug ? '1' : '0',
  BENCH_SOAK: opts.soak ? '1' : '0',
  BENCH_SNAPSHOTS: opts.snapshots ? '1' : '0',
  BENCH_INPUT: opts.noInput ? '0' : '1',
  BENCH_DEVTOOLS_NETWORK: opts.devtoolsNetwork ? '1' : '0',
  BENCH_FIRST_LOAD: opts.firstLoad ? '1' : '0',
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
  ladder: 'BENCH_LADDER',
  maxMessages: 'BENCH_MAX_MESSAGES',
  alertRules: 'BENCH_ALERT_RULES',
  snapshotAt: 'BENCH_SOAK_SNAPSHOT_AT',
  qos: 'BENCH_QOS',
};
for (const [k, name] of Object.entries(envNames)) if (opts[k] !== undefined) env[name] = String(opts[k]);

// Never print a stale result as if it were this run's.
rmSync(resultFile, { force: true });

const playwright = path.join(root, 'node_modules', '.bin', 'playwright');
// One spec per mode (the argument filters spec files by name).
const spec = opts.soak ? 'soak.bench.ts' : opts.firstLoad ? 'first-load.bench.ts' : opts.payload ? 'large-payload.bench.ts' : 'throughput.bench.ts';
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
  else if (opts.firstLoad) printFirstLoad(r);
  else if (opts.payload) printPayload(r);
  else printTable(r);
  process.exit(0);
});

// ---------------------------------------------------------------- table

const fmt = (n, digits = 0) =>
  n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printTable(r) {
  const s = r.settings;
  const rate = (x) => (x === 'max' ? `max (${fmt(s.maxMessages)} messages as fast as the generator goes)` : `${fmt(x)} msg/s`);
  console.log('');
  console.log(
    `Switchyard throughput — ${rate(s.rate)} offered${s.rate === 'max' ? '' : ` for ${s.seconds} s`} over ${fmt(s.topics)} topics${s.qos ? ` at QoS ${s.qos}` : ''}, ` +
      `${s.rounds} round(s)${s.quick ? ' (--quick)' : ''}, ${r.timestamp}`,
  );
  console.log(
    `Chromium ${s.chromium}, ${s.mosquitto ?? 'mosquitto'}, Node ${s.node}, ${s.cpus} CPU(s)` +
      (s.loadAverage ? `, load average ${s.loadAverage.join(' ')} at the end` : ''),
  );
  console.log(
    s.devtoolsNetwork
      ? 'Browser: Playwright\'s own, DevTools Network domain on (--devtools-network: every WebSocket frame relayed to Playwright)'
      : 'Browser: quiet (Playwright through a CDP relay that keeps the Network domain off, as in a person\'s browser; bench/quiet-browser.ts)',
  );
  if (r.app?.phases) {
    const view = r.phases.find((p) => p.kind === 'app')?.view;
    if (view) console.log(`App view: ${view}`);
  }
  console.log('');
  const kinds = ['bare', 'raw', 'app', 'alerts', 'record', 'json10', 'sparkplug'].filter((k) => r[k]);
  const ms = (n) => (n === 0 ? '<16' : fmt(n));
  const rows = [
    ['', ...kinds.map((k) => ({ bare: 'bare mqtt.js', raw: 'raw WebSocket', app: 'Switchyard', alerts: `+ ${s.alertRules} alert rules`, record: 'recording', json10: '10 metrics as JSON', sparkplug: 'Sparkplug B load' })[k])],
    ['counted / sent', ...kinds.map((k) => `${fmt(r[k].received)} / ${fmt(r[k].sent)}`)],
    ['lossless', ...kinds.map((k) => (r[k].lossless ? 'yes' : 'NO'))],
    ['rate (msg/s)', ...kinds.map((k) => fmt(r[k].rate))],
    ['lag after last publish (ms)', ...kinds.map((k) => fmt(r[k].lagMs))],
    ['broker dropped', ...kinds.map((k) => fmt(r[k].brokerDropped))],
    ['connection events (broker log)', ...kinds.map((k) => fmt(r[k].connectionEvents))],
    ['renderer CPU (%)', ...kinds.map((k) => fmt(r[k].rendererCpuPercent))],
    ['CPU per message (µs)', ...kinds.map((k) => fmt(r[k].cpuPerMessageUs, 1))],
    ['main thread busy (%)', ...kinds.map((k) => fmt(r[k].mainThreadBusyPercent))],
    ['long tasks (count / max ms)', ...kinds.map((k) => `${fmt(r[k].longTasks)} / ${fmt(r[k].longTaskMaxMs)}`)],
    ['frames/s (max gap ms)', ...kinds.map((k) => `${fmt(r[k].fps, 1)} (${fmt(r[k].maxFrameGapMs)})`)],
    ['frame time p95 (ms)', ...kinds.map((k) => fmt(r[k].frameP95Ms, 1))],
    ['input p50 / p95 ms (interactions)', ...kinds.map((k) => (r[k].interactions ? `${ms(r[k].inputP50Ms)} / ${ms(r[k].inputP95Ms)} (${fmt(r[k].interactions)})` : '–'))],
    ['DOM elements', ...kinds.map((k) => fmt(r[k].domNodes))],
    ['JS heap after GC (MB)', ...kinds.map((k) => fmt(r[k].heapMB, 1))],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  const line = (row) => `  ${row.map((v, c) => (c === 0 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join('  ')}`;
  console.log(line(rows[0]));
  console.log(`  ${'─'.repeat(widths.reduce((a, w) => a + w + 2, -2))}`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
  const ratios = [
    ['app / bare', r.appToBareRatio],
    ['app / raw', r.appToRawRatio],
    ['bare / raw', r.bareToRawRatio],
    ['app with alert rules / app', r.alertsToAppRatio],
    ['app recording / app', r.recordToAppRatio],
    ['Sparkplug B load / small JSON load', r.sparkplugToAppRatio],
    ['Sparkplug B load / the same 10 metrics as JSON', r.sparkplugToJson10Ratio],
  ].filter(([, v]) => v !== null && v !== undefined);
  if (ratios.length) console.log(`  rate ratios: ${ratios.map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);
  if (r.appToBareRatio !== null && r.appToBareRatio !== undefined) {
    if (r.roundRatios?.length > 1) console.log(`  app / bare per round: ${r.roundRatios.map((x) => x.toFixed(3)).join(', ')}`);
    const met = r.bar?.met;
    console.log(
      `  bar (app / bare ≥ ${r.bar?.appToBareRatio ?? 0.9} and lossless): ${met ? 'MET' : 'NOT MET'}` +
        (met ? '' : ` — ${[r.appToBareRatio < (r.bar?.appToBareRatio ?? 0.9) ? 'ratio too low' : '', r.lossless ? '' : 'messages lost'].filter(Boolean).join(', ')}`),
    );
  } else if (!ratios.length) {
    console.log('  rate ratios: – (only one page measured)');
  }
  if (r.ladder) printLadder(r.ladder);
  for (const p of r.phases ?? []) {
    if (!p.profileTop) continue;
    console.log(`\n  ${p.kind} round ${p.round}, main thread by self time (excluding idle):`);
    for (const e of p.profileTop.slice(0, 10)) console.log(`    ${String(e.percent.toFixed(1)).padStart(5)}%  ${String(e.selfMs).padStart(6)} ms  ${e.fn}`);
  }
  if (!r.ladder) for (const n of r.notes ?? []) console.log(`  note: ${n}`);
  console.log(`\n  ${path.relative(root, resultFile)} has every phase in detail.`);
}

/** --ladder: one line per offered rate, then each page's sustained lossless rate. */
function printLadder(ladder) {
  const kinds = Object.keys(ladder.perKind);
  const cell = (x) => (x ? `${fmt(x.rate)}${x.lossless ? '' : ' (lossy)'}` : '–');
  const rows = [
    ['offered', ...kinds.map((k) => `${k} msg/s`), 'app/bare', 'app/raw', 'bare/raw', 'app fps', 'app input p95'],
    ...ladder.steps.map((st) => [
      st.offered === 'max' ? 'max' : fmt(st.offered),
      ...kinds.map((k) => cell(st[k])),
      fmt(st.appToBareRatio, 2),
      fmt(st.appToRawRatio, 2),
      fmt(st.bareToRawRatio, 2),
      fmt(st.app?.fps, 1),
      st.app ? (st.app.inputP95Ms === 0 ? '<16' : fmt(st.app.inputP95Ms)) : '–',
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  const line = (row) => `  ${row.map((v, c) => String(v).padStart(widths[c])).join('  ')}`;
  console.log('\n  Ladder (each step: every page, every round; "lossy" = some messages were lost):');
  console.log(line(rows[0]));
  console.log(`  ${'─'.repeat(widths.reduce((a, w) => a + w + 2, -2))}`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
  for (const k of kinds) {
    const x = ladder.perKind[k];
    console.log(
      `  ${k.padEnd(4)} sustained lossless rate: ${x.sustainedLosslessRate === null ? 'none (lossy at every step)' : `${fmt(x.sustainedLosslessRate)} msg/s`}` +
        (x.rateAtMax === null ? '' : `; at max: ${fmt(x.rateAtMax)} msg/s${x.losslessAtMax ? ', lossless' : ', lossy'}`),
    );
  }
  for (const st of ladder.steps) for (const n of st.notes ?? []) console.log(`  note (${st.offered === 'max' ? 'max' : fmt(st.offered)}): ${n}`);
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
  const head = ['t (s)', '', 'heap MB', 'worker MB', 'buffers MB', 'DOM nodes', 'in doc', 'listeners', 'RSS MB', 'topics', 'received', 'behind', 'CPU %', 'fps', 'p95 ms', 'long tasks', 'load 1m'];
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
    fmt(x.fps, 1),
    fmt(x.frameP95Ms, 1),
    x.longTasks === null || x.longTasks === undefined ? '–' : `${fmt(x.longTasks)}${x.longTasks ? ` / ${fmt(x.longTaskMaxMs)}` : ''}`,
    fmt(x.loadAverage?.[0], 2),
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
  trend('frame p95', v.frameP95, 'ms', 2);
  console.log('');
  console.log(`  memory: ${v.summary}`);
  if (v.frameP95AtWarmupMs !== undefined) {
    console.log(`  frame p95: ${fmt(v.frameP95AtWarmupMs, 1)} ms at t = ${fmt(v.frameP95AtWarmupT)} s (the first sample after the warm-up), ${fmt(v.frameP95AtEndMs, 1)} ms at t = ${fmt(v.frameP95AtEndT)} s (the last)`);
  }
  if (r.lossless) {
    console.log(`  messages: ${fmt(r.lossless.counted)} counted of ${fmt(r.lossless.sent)} sent (${r.lossless.lossless ? 'lossless' : 'NOT lossless'})`);
  }
  if (r.minutesFile) console.log(`  every sample: ${r.minutesFile} (and .json beside it)`);
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
