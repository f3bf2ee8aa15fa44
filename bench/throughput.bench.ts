// The throughput benchmark behind `npm run bench` (run it through scripts/bench.js, which
// passes the settings in BENCH_* variables and prints the table; see bench/README.md).
//
// One real Mosquitto, one load generator process (bench/load-generator.js, mqtt.js over TCP),
// and two pages measured one after the other under the same offered load:
//   bare — bench/bare.html: mqtt.js (the same browser build the app bundles) on the main thread,
//          subscribed like the app, counting messages and nothing else;
//   app  — Switchyard's production build with the Explorer open (by default with the busy
//          subtree expanded and one of its topics selected), counting through
//          window.__switchyardStats().received.
// Every phase gets a fresh browser context, connects, proves its subscription with a probe
// message, takes a short warm-up load (JIT, and the app's trie holds all topics afterwards),
// then the measured load, then drains. Rounds alternate the order (bare→app, app→bare, …).
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { startMosquitto, type MosquittoHandle } from '../e2e/fixtures/mosquitto.ts';

type Kind = 'bare' | 'app';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const quick = process.env.BENCH_QUICK === '1';
const settings = {
  quick,
  rate: num('BENCH_RATE', quick ? 5_000 : 20_000),
  seconds: num('BENCH_SECONDS', quick ? 10 : 30),
  topics: Math.round(num('BENCH_TOPICS', 1_000)),
  rounds: Math.round(num('BENCH_ROUNDS', quick ? 1 : 2)),
  warmupSeconds: process.env.BENCH_WARMUP === '0' ? 0 : num('BENCH_WARMUP', 2),
  /** 'expanded': bench/t expanded and bench/t/0000 selected; 'plain': Explorer as it opens */
  view: process.env.BENCH_VIEW === 'plain' ? 'plain' : 'expanded',
  only: (process.env.BENCH_ONLY || undefined) as Kind | undefined,
  /** CPU-profile the main thread of each page during the measured window (costs some speed) */
  profile: process.env.BENCH_PROFILE === '1',
  /** Mosquitto max_queued_messages (QoS 0 messages pending per client before it drops); default: Mosquitto's */
  brokerQueue: process.env.BENCH_BROKER_QUEUE ? Number(process.env.BENCH_BROKER_QUEUE) : undefined,
  filter: '#',
  topicPrefix: 'bench/t',
};
const BAR = 0.9;
const outFile = process.env.BENCH_OUT ?? path.join(root, 'bench', 'results', 'latest.json');
const drainTimeoutMs = Math.max(10_000, settings.seconds * 1_000);
const quietMs = 3_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => console.log(`[bench] ${s}`);

// ---------------------------------------------------------------- load generator (own process)

interface RunDone {
  sent: number;
  startedAt: number;
  endedAt: number;
  flushedAt: number;
  achievedRate: number;
  maxBehind: number;
}

class LoadGenerator {
  private nextId = 1;
  private waiters = new Map<number, { started: (t: number) => void; done: (d: RunDone) => void; fail: (e: Error) => void }>();
  private failure: Error | null = null;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: any) => {
      const w = this.waiters.get(m.id);
      if (m.type === 'started') w?.started(m.startedAt);
      else if (m.type === 'done') {
        this.waiters.delete(m.id);
        w?.done(m as RunDone);
      } else if (m.type === 'error') this.fail(new Error(m.message));
    });
    child.on('exit', (code, signal) => this.fail(new Error(`load generator exited (${code ?? signal})`)));
  }

  private fail(err: Error) {
    this.failure ??= err;
    for (const w of this.waiters.values()) w.fail(err);
    this.waiters.clear();
  }

  static start(mqttUrl: string): Promise<LoadGenerator> {
    const child = fork(path.join(here, 'load-generator.js'), [], {
      env: { ...process.env, BENCH_MQTT_URL: mqttUrl },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('load generator did not connect within 10 s')), 10_000);
      child.once('message', (m: any) => {
        clearTimeout(timer);
        if (m.type === 'ready') resolve(new LoadGenerator(child));
        else reject(new Error(m.message ?? JSON.stringify(m)));
      });
      child.once('exit', (code) => reject(new Error(`load generator exited (${code}) before connecting`)));
    });
  }

  run(rate: number, seconds: number): { started: Promise<number>; done: Promise<RunDone> } {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    let started!: (t: number) => void;
    let done!: (d: RunDone) => void;
    let fail!: (e: Error) => void;
    const startedP = new Promise<number>((res, rej) => ((started = res), (fail = rej)));
    const doneP = new Promise<RunDone>((res, rej) => {
      done = res;
      const prev = fail;
      fail = (e) => (prev(e), rej(e));
    });
    startedP.catch(() => {});
    this.waiters.set(id, { started, done, fail });
    this.child.send({ cmd: 'run', id, rate, seconds, topics: settings.topics, prefix: settings.topicPrefix });
    return { started: startedP, done: doneP };
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.removeAllListeners('exit');
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.send({ cmd: 'stop' });
    const t = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(t);
  }
}

// ---------------------------------------------------------------- the bare page's tiny server

async function serveBare(): Promise<{ origin: string; close: () => Promise<void> }> {
  const files: Record<string, { body: Buffer; type: string }> = {
    '/bare.html': { body: await readFile(path.join(here, 'bare.html')), type: 'text/html; charset=utf-8' },
    '/mqtt.esm.js': {
      body: await readFile(path.join(root, 'node_modules', 'mqtt', 'dist', 'mqtt.esm.js')),
      type: 'text/javascript; charset=utf-8',
    },
  };
  const server = http.createServer((req, res) => {
    const f = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': f.type, 'cache-control': 'no-store' }).end(f.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

// ---------------------------------------------------------------- in-page instrumentation

/** Before any page script: long-task and frame accounting, identical for both pages. */
function instrument() {
  const w = window as any;
  const lt = (w.__benchLongTasks = { count: 0, totalMs: 0, maxMs: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        lt.count++;
        lt.totalMs += e.duration;
        lt.maxMs = Math.max(lt.maxMs, e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* not supported */
  }
  const fr = (w.__benchFrames = { count: 0, maxGapMs: 0, last: 0 });
  const frame = (t: number) => {
    if (fr.last) fr.maxGapMs = Math.max(fr.maxGapMs, t - fr.last);
    fr.last = t;
    fr.count++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Samples the page's own message counter every 5 ms and remembers when it last changed (wall
 * clock, comparable with the load generator's), plus a coarse timeline every 250 ms.
 */
function installSampler(kind: 'bare' | 'app') {
  const w = window as any;
  const read: () => number =
    kind === 'bare' ? () => w.__bare.count : () => w.__switchyardStats().received;
  const s = (w.__bench = { count: read(), lastChangeAt: Date.now(), timeline: [] as [number, number][] });
  setInterval(() => {
    const c = read();
    if (c !== s.count) {
      s.count = c;
      s.lastChangeAt = Date.now();
    }
  }, 5);
  setInterval(() => {
    s.timeline.push([Date.now(), s.count]);
    if (s.timeline.length > 4_000) s.timeline.splice(0, 1_000);
  }, 250);
}

interface Sample {
  count: number;
  lastChangeAt: number;
}
const sample = (page: Page): Promise<Sample> =>
  page.evaluate(() => {
    const s = (window as any).__bench;
    return { count: s.count, lastChangeAt: s.lastChangeAt };
  });

/** Waits until the count reaches `target`, or stops changing for `quietMs`, or `timeoutMs`. */
async function drain(page: Page, target: number, timeoutMs: number): Promise<Sample> {
  const deadline = Date.now() + timeoutMs;
  let s = await sample(page);
  while (s.count < target && Date.now() < deadline && Date.now() - s.lastChangeAt < quietMs) {
    await sleep(50);
    s = await sample(page);
  }
  // Let the 5 ms sampler see the last change if the target was just reached.
  await sleep(20);
  return sample(page);
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

interface ProfileEntry {
  fn: string;
  selfMs: number;
  percent: number;
}

/** Self time per function (name + script:line) of a CDP CPU profile, top 15. */
function summariseProfile(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): ProfileEntry[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    if (!node) continue;
    const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const key = `${functionName || '(anonymous)'}${url ? ` ${url.split('/').pop()}:${lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([fn, ms]) => ({ fn, selfMs: Math.round(ms), percent: Math.round((ms / (total || 1)) * 1000) / 10 }));
}

// ---------------------------------------------------------------- one phase

interface PhaseResult {
  kind: Kind;
  round: number;
  sent: number;
  received: number;
  lossless: boolean;
  /** received / (last count change − first message sent), msg/s */
  rate: number;
  offeredRate: number;
  generatorRate: number;
  /** how long after the generator's last publish the page counted its last message */
  lagMs: number;
  /** messages the broker dropped (QoS 0 queue full) during the phase, from $SYS */
  brokerDropped: number | null;
  /** connection events of the page's client in the broker log during the window (should be none) */
  brokerEvents: string[];
  /** times the page's client connected again during the window */
  reconnects: number;
  /** renderer process CPU (main thread + workers) per message, µs */
  cpuPerMessageUs: number;
  rendererCpuPercent: number;
  mainThreadBusyPercent: number;
  scriptMs: number;
  layoutMs: number;
  recalcStyleMs: number;
  longTasks: { count: number; totalMs: number; maxMs: number };
  fps: number;
  maxFrameGapMs: number;
  heapMB: number;
  /** messages per second of the measured window, second by second */
  timeline: number[];
  coalesced?: number;
  topicsInTrie?: number;
  /** with --profile: main-thread functions by self time */
  profileTop?: ProfileEntry[];
  view?: string;
}

interface Env {
  browser: Browser;
  broker: MosquittoHandle;
  gen: LoadGenerator;
  monitor: mqtt.MqttClient;
  dropped: () => number | null;
  bareOrigin: string;
  baseURL: string;
  notes: string[];
}

/** A page being measured: the page, its CDP session (metrics, profiler), and the errors it threw. */
interface PhasePage {
  page: Page;
  cdp: CDPSession;
  pageErrors: string[];
}

/** Opens the bare page or the app's Explorer on the broker, waits until it is subscribed, and starts its sampler. */
async function openConnectedPage(env: Env, context: BrowserContext, kind: Kind): Promise<PhasePage> {
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');

  if (kind === 'bare') {
    await page.goto(`${env.bareOrigin}/bare.html?broker=${encodeURIComponent(env.broker.wsUrl)}&filter=${encodeURIComponent(settings.filter)}&qos=2&v=5`);
    await page.waitForFunction(() => (window as any).__bare?.subscribed || (window as any).__bare?.error, null, { timeout: 15_000 });
    const err = await page.evaluate(() => (window as any).__bare.error);
    if (err) throw new Error(`bare page: ${err}`);
  } else {
    await page.goto(`/explorer?broker=${encodeURIComponent(env.broker.wsUrl)}`);
    await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/, { timeout: 15_000 });
    await page.waitForFunction(() => typeof (window as any).__switchyardStats === 'function', null, { timeout: 5_000 });
  }
  await page.evaluate(installSampler, kind);
  return { page, cdp, pageErrors };
}

/** Proves the subscription is live: probes on a non-bench topic until one is counted. */
async function proveSubscribed(env: Env, page: Page, kind: Kind): Promise<void> {
  const probeTopic = `bench-probe/${kind}`;
  const before = (await sample(page)).count;
  const probeDeadline = Date.now() + 15_000;
  for (;;) {
    await env.monitor.publishAsync(probeTopic, 'probe', { qos: 0 });
    await sleep(200);
    if ((await sample(page)).count > before) break;
    if (Date.now() > probeDeadline) throw new Error(`${kind}: no probe message counted within 15 s (not subscribed?)`);
  }
}

/** Warm-up: JIT, connection buffers, and (for the app) every topic in the trie. */
async function warmUp(env: Env, page: Page): Promise<void> {
  if (settings.warmupSeconds <= 0) return;
  const base = (await sample(page)).count;
  const w = env.gen.run(settings.rate, settings.warmupSeconds);
  const done = await w.done;
  await drain(page, base + done.sent, drainTimeoutMs);
}

/**
 * With --view expanded (the default): expands the bench subtree and selects its first topic,
 * through the UI contract only (tree "Topics", items named by their level, arrows expand).
 * Says what the measured view was; a failure is noted and the Explorer is measured as it opened.
 */
async function expandBenchSubtree(env: Env, page: Page, round: number): Promise<string> {
  if (settings.view !== 'expanded') return 'Explorer';
  try {
    const tree = page.getByRole('tree', { name: 'Topics' });
    const item = (name: string) => tree.getByRole('treeitem', { name, exact: true });
    for (const level of settings.topicPrefix.split('/')) {
      const it = item(level);
      if ((await it.getAttribute('aria-expanded', { timeout: 5_000 })) !== 'true') {
        await it.click({ timeout: 5_000 });
        await it.press('ArrowRight');
      }
      await expect(it).toHaveAttribute('aria-expanded', 'true', { timeout: 5_000 });
    }
    const leaf = String(0).padStart(Math.max(4, String(settings.topics - 1).length), '0');
    await item(leaf).click({ timeout: 5_000 });
    await expect(page.getByRole('region', { name: 'Message' })).toBeVisible({ timeout: 5_000 });
    return `Explorer, ${settings.topicPrefix} expanded (${settings.topics} rows, virtualised), ${settings.topicPrefix}/${leaf} selected`;
  } catch (err) {
    env.notes.push(`app round ${round}: could not expand ${settings.topicPrefix}: ${(err as Error).message.split('\n')[0]}`);
    return 'Explorer (expanding the tree failed; measured as it opened)';
  }
}

/** What the page and the broker showed over the measured window, before it is turned into a PhaseResult. */
interface WindowMeasurement {
  start: Sample;
  end: Sample;
  done: RunDone;
  startedAt: number;
  wallS: number;
  /** CDP metrics at the start and the end of the window. */
  m0: Record<string, number>;
  m1: Record<string, number>;
  dropped0: number | null;
  dropped1: number | null;
  brokerEvents: string[];
  heap: number;
  profileTop?: ProfileEntry[];
  longTasks: { count: number; totalMs: number; maxMs: number };
  frames: { count: number; maxGapMs: number };
  /** [wall time, count] every 250 ms */
  timeline: [number, number][];
  stats?: { coalesced?: number; topics?: number };
}

/** Zeroes the page's long-task and frame counters, and with --profile starts the CPU profiler. */
async function resetPageCounters(cdp: CDPSession, page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as any;
    Object.assign(w.__benchLongTasks, { count: 0, totalMs: 0, maxMs: 0 });
    Object.assign(w.__benchFrames, { count: 0, maxGapMs: 0, last: 0 });
  });
  if (settings.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
}

/** With --profile: stops the profiler, writes the profile under .tmp/bench-profiles and returns its busiest functions. */
async function stopProfile(env: Env, cdp: CDPSession, kind: Kind, round: number): Promise<ProfileEntry[] | undefined> {
  if (!settings.profile) return undefined;
  const { profile } = await cdp.send('Profiler.stop');
  const file = path.join(root, '.tmp', 'bench-profiles', `${kind}-round${round}.cpuprofile`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(profile));
  env.notes.push(`${kind} round ${round}: CPU profile in ${path.relative(root, file)} (open in Chrome DevTools › Performance)`);
  return summariseProfile(profile);
}

/** Runs the measured load, logging the page's count every 5 s, and resolves with the generator's report. */
async function runLoadWithProgress(env: Env, page: Page, kind: Kind, start: Sample): Promise<{ done: RunDone; startedAt: number }> {
  const run = env.gen.run(settings.rate, settings.seconds);
  const startedAt = await run.started;
  let lastReport = Date.now();
  let finished: RunDone | null = null;
  run.done.then((d) => (finished = d), () => {});
  while (!finished) {
    await Promise.race([run.done, sleep(1_000)]);
    if (!finished && Date.now() - lastReport >= 5_000) {
      lastReport = Date.now();
      const s = await sample(page);
      log(`  ${kind}: ${(s.count - start.count).toLocaleString('en-US')} counted after ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    }
  }
  return { done: (await run.done) as RunDone, startedAt };
}

/** The broker log's connection events since `from` (the bench's own load and monitor clients left out). */
async function brokerEventsSince(broker: MosquittoHandle, from: number): Promise<string[]> {
  return (await broker.log())
    .slice(from)
    .split('\n')
    .filter((l) => /connect|timeout|socket error|closed/i.test(l) && !/switchyard-bench-(load|monitor)/.test(l))
    .map((l) => l.trim());
}

/** The measured window: counters reset, the load, the drain, then the page's and the broker's figures. */
async function measureWindow(env: Env, { page, cdp }: PhasePage, kind: Kind, round: number): Promise<WindowMeasurement> {
  const start = await sample(page);
  await resetPageCounters(cdp, page);
  const m0 = await metrics(cdp);
  const dropped0 = env.dropped();
  const log0 = (await env.broker.log()).length;
  const wall0 = Date.now();
  const { done, startedAt } = await runLoadWithProgress(env, page, kind, start);
  const end = await drain(page, start.count + done.sent, drainTimeoutMs);
  const m1 = await metrics(cdp);
  const profileTop = await stopProfile(env, cdp, kind, round);
  const wall1 = Date.now();
  const extra = await page.evaluate(() => {
    const w = window as any;
    const stats = w.__switchyardStats?.();
    return {
      longTasks: { ...w.__benchLongTasks },
      frames: { ...w.__benchFrames },
      timeline: w.__bench.timeline as [number, number][],
      stats,
    };
  });
  // $SYS is published once a second.
  await sleep(1_300);
  const dropped1 = env.dropped();
  const brokerEvents = await brokerEventsSince(env.broker, log0);
  if (brokerEvents.length) env.notes.push(`${kind} round ${round}: connection events in the broker log: ${brokerEvents.slice(0, 4).join(' | ')}`);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const heap = (await metrics(cdp)).JSHeapUsedSize ?? 0;
  return { start, end, done, startedAt, wallS: (wall1 - wall0) / 1000, m0, m1, dropped0, dropped1, brokerEvents, heap, profileTop, ...extra };
}

/** Messages counted in each second from `from` until `until`, from the page's 250 ms samples. */
function perSecond(samples: [number, number][], startCount: number, from: number, until: number): number[] {
  const countAt = (t: number) => {
    let c = startCount;
    for (const [tt, cc] of samples) if (tt <= t) c = cc;
    return c;
  };
  const out: number[] = [];
  for (let t = from; t < until; t += 1000) out.push(countAt(t + 1000) - countAt(t));
  return out;
}

/** The phase's figures from the raw measurement (see the definitions written to latest.json). */
function phaseResult(w: WindowMeasurement, kind: Kind, round: number): PhaseResult {
  const received = w.end.count - w.start.count;
  const spanMs = Math.max(1, w.end.lastChangeAt - w.startedAt);
  const d = (k: string) => (w.m1[k] ?? 0) - (w.m0[k] ?? 0);
  const result: PhaseResult = {
    kind,
    round,
    sent: w.done.sent,
    received,
    lossless: received === w.done.sent,
    rate: Math.round(received / (spanMs / 1000)),
    offeredRate: settings.rate,
    generatorRate: w.done.achievedRate,
    lagMs: w.end.lastChangeAt - w.done.endedAt,
    brokerDropped: w.dropped0 === null || w.dropped1 === null ? null : w.dropped1 - w.dropped0,
    brokerEvents: w.brokerEvents.slice(0, 20),
    reconnects: w.brokerEvents.filter((l) => /New client connected/.test(l)).length,
    cpuPerMessageUs: received ? Math.round((d('ProcessTime') / received) * 1e6 * 10) / 10 : 0,
    rendererCpuPercent: Math.round((d('ProcessTime') / w.wallS) * 100),
    mainThreadBusyPercent: Math.round((d('TaskDuration') / w.wallS) * 100),
    scriptMs: Math.round(d('ScriptDuration') * 1000),
    layoutMs: Math.round(d('LayoutDuration') * 1000),
    recalcStyleMs: Math.round(d('RecalcStyleDuration') * 1000),
    longTasks: { count: w.longTasks.count, totalMs: Math.round(w.longTasks.totalMs), maxMs: Math.round(w.longTasks.maxMs) },
    fps: Math.round((w.frames.count / w.wallS) * 10) / 10,
    maxFrameGapMs: Math.round(w.frames.maxGapMs),
    heapMB: Math.round((w.heap / 2 ** 20) * 10) / 10,
    timeline: perSecond(w.timeline, w.start.count, w.startedAt, w.end.lastChangeAt),
  };
  if (w.profileTop) result.profileTop = w.profileTop;
  return result;
}

function logPhase(r: PhaseResult): void {
  log(
    `${r.kind.padEnd(4)} round ${r.round}: ${r.received.toLocaleString('en-US')}/${r.sent.toLocaleString('en-US')} counted` +
      `, ${r.rate.toLocaleString('en-US')} msg/s, lag ${r.lagMs} ms, renderer CPU ${r.rendererCpuPercent}%` +
      `, main thread busy ${r.mainThreadBusyPercent}%, ${r.cpuPerMessageUs} µs/msg, heap ${r.heapMB} MB` +
      (r.brokerDropped ? `, broker dropped ${r.brokerDropped}` : '') +
      (r.brokerEvents.length ? `, ${r.brokerEvents.length} connection event(s) in the broker log` : ''),
  );
}

/** One page under one load: open and subscribe, prove it, warm up, (app) set up the view, measure. */
async function runPhase(env: Env, kind: Kind, round: number): Promise<PhaseResult> {
  const context = await env.browser.newContext({ baseURL: env.baseURL, viewport: { width: 1440, height: 900 } });
  try {
    const opened = await openConnectedPage(env, context, kind);
    const { page, pageErrors } = opened;
    await proveSubscribed(env, page, kind);
    await warmUp(env, page);
    const view = kind === 'app' ? await expandBenchSubtree(env, page, round) : undefined;
    await sleep(500);

    const measured = await measureWindow(env, opened, kind, round);
    const result = phaseResult(measured, kind, round);
    if (kind === 'app') {
      result.coalesced = measured.stats?.coalesced;
      result.topicsInTrie = measured.stats?.topics;
      result.view = view;
    }
    if (pageErrors.length) env.notes.push(`${kind} round ${round}: page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    logPhase(result);
    return result;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- summary

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : 0);

function aggregate(phases: PhaseResult[]) {
  if (phases.length === 0) return null;
  const avg = (f: (p: PhaseResult) => number) => Math.round(mean(phases.map(f)) * 10) / 10;
  return {
    phases: phases.length,
    sent: sum(phases.map((p) => p.sent)),
    received: sum(phases.map((p) => p.received)),
    rate: Math.round(mean(phases.map((p) => p.rate))),
    lossless: phases.every((p) => p.lossless),
    lagMs: Math.max(...phases.map((p) => p.lagMs)),
    brokerDropped: phases.some((p) => p.brokerDropped === null) ? null : sum(phases.map((p) => p.brokerDropped!)),
    connectionEvents: sum(phases.map((p) => p.brokerEvents.length)),
    cpuPerMessageUs: avg((p) => p.cpuPerMessageUs),
    rendererCpuPercent: avg((p) => p.rendererCpuPercent),
    mainThreadBusyPercent: avg((p) => p.mainThreadBusyPercent),
    longTasks: sum(phases.map((p) => p.longTasks.count)),
    longTaskMaxMs: Math.max(...phases.map((p) => p.longTasks.maxMs)),
    fps: avg((p) => p.fps),
    maxFrameGapMs: Math.max(...phases.map((p) => p.maxFrameGapMs)),
    heapMB: Math.max(...phases.map((p) => p.heapMB)),
  };
}

function versionOf(cmd: string, args: string[]): string | undefined {
  let out: string;
  try {
    out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // `mosquitto -h` prints its version and exits non-zero.
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  return out.split('\n')[0].trim() || undefined;
}

// ---------------------------------------------------------------- the run

test('throughput: bare mqtt.js page vs Switchyard Explorer, same broker and load', async ({ browser, baseURL }) => {
  const kinds: Kind[] = settings.only ? [settings.only] : ['bare', 'app'];
  const perPhaseS = settings.warmupSeconds + settings.seconds + drainTimeoutMs / 1000 * 2 + 45;
  test.setTimeout((settings.rounds * kinds.length * perPhaseS + 60) * 1000);

  const notes: string[] = [];
  const extraConfig = [
    // The e2e launcher logs everything (log_type all = every PUBLISH at debug level); that would
    // make the broker's log the bottleneck. "none" resets the set, then the usual levels.
    'log_type none',
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    // $SYS/broker/publish/messages/dropped once a second: messages Mosquitto dropped because
    // a subscriber fell too far behind (QoS 0 over max_queued_messages).
    'sys_interval 1',
    ...(settings.brokerQueue !== undefined ? [`max_queued_messages ${settings.brokerQueue}`] : []),
  ].join('\n');
  const broker = await startMosquitto({ extraConfig });
  let gen: LoadGenerator | null = null;
  let monitor: mqtt.MqttClient | null = null;
  let bare: Awaited<ReturnType<typeof serveBare>> | null = null;
  try {
    gen = await LoadGenerator.start(broker.mqttUrl);
    monitor = await mqtt.connectAsync(broker.mqttUrl, { clientId: 'switchyard-bench-monitor', reconnectPeriod: 0 });
    let dropped: number | null = null;
    monitor.on('message', (topic, payload) => {
      if (topic === '$SYS/broker/publish/messages/dropped') dropped = Number(payload.toString());
    });
    await monitor.subscribeAsync('$SYS/broker/publish/messages/dropped', { qos: 0 });
    bare = await serveBare();
    await sleep(1_200); // first $SYS value

    const env: Env = {
      browser,
      broker,
      gen,
      monitor,
      dropped: () => dropped,
      bareOrigin: bare.origin,
      baseURL: baseURL ?? 'http://127.0.0.1:4180',
      notes,
    };
    log(
      `${settings.rate.toLocaleString('en-US')} msg/s offered for ${settings.seconds} s over ${settings.topics} topics` +
        ` (warm-up ${settings.warmupSeconds} s), ${settings.rounds} round(s), broker ${broker.wsUrl}`,
    );
    const phases: PhaseResult[] = [];
    for (let round = 1; round <= settings.rounds; round++) {
      const order = round % 2 === 1 ? kinds : [...kinds].reverse();
      for (const kind of order) phases.push(await runPhase(env, kind, round));
    }

    const bareAgg = aggregate(phases.filter((p) => p.kind === 'bare'));
    const appAgg = aggregate(phases.filter((p) => p.kind === 'app'));
    const ratio = bareAgg && appAgg && bareAgg.rate > 0 ? Math.round((appAgg.rate / bareAgg.rate) * 1000) / 1000 : null;
    // Per round, so a noisy round is visible.
    const roundRatios: number[] = [];
    for (let r = 1; r <= settings.rounds; r++) {
      const a = phases.find((p) => p.kind === 'app' && p.round === r);
      const b = phases.find((p) => p.kind === 'bare' && p.round === r);
      if (a && b && b.rate > 0) roundRatios.push(Math.round((a.rate / b.rate) * 1000) / 1000);
    }
    const lossless = phases.every((p) => p.lossless);
    if (phases.some((p) => p.generatorRate < settings.rate * 0.97)) {
      notes.push('the load generator fell more than 3% short of the offered rate in some phase (machine saturated?)');
    }
    for (const p of phases) {
      const missing = p.sent - p.received;
      if (missing > 0 && p.brokerDropped !== null && missing > p.brokerDropped && p.reconnects === 0) {
        notes.push(
          `${p.kind} round ${p.round}: ${missing - p.brokerDropped} messages missing that the broker did not report as dropped ` +
            `and without a reconnect (still in flight when the drain gave up after ${quietMs / 1000} s without progress, or miscounted)`,
        );
      }
      if (p.received > p.sent) notes.push(`${p.kind} round ${p.round}: counted ${p.received - p.sent} more messages than were sent`);
    }
    if (phases.some((p) => (p.brokerDropped ?? 0) > 0)) {
      notes.push('Mosquitto dropped QoS 0 messages for a subscriber that fell behind (see brokerDropped): that page could not keep up');
    }
    const appHeap = appAgg?.heapMB ?? null;
    const result = {
      timestamp: new Date().toISOString(),
      settings: {
        ...settings,
        drainTimeoutMs,
        order: settings.rounds > 1 ? 'alternating: odd rounds bare→app, even rounds app→bare' : 'bare→app',
        chromium: browser.version(),
        mosquitto: versionOf('/usr/sbin/mosquitto', ['-h']),
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
      },
      sent: appAgg?.sent ?? bareAgg?.sent ?? 0,
      bareReceived: bareAgg?.received ?? null,
      appReceived: appAgg?.received ?? null,
      bareRate: bareAgg?.rate ?? null,
      appRate: appAgg?.rate ?? null,
      appToBareRatio: ratio,
      roundRatios,
      lossless,
      bar: { appToBareRatio: BAR, lossless: true, met: ratio !== null && ratio >= BAR && lossless },
      appHeapMB: appHeap,
      bareHeapMB: bareAgg?.heapMB ?? null,
      bare: bareAgg,
      app: appAgg,
      phases,
      definitions: {
        rate: 'messages counted by the page / seconds from the load generator\'s first publish until the page\'s count last changed (sampled every 5 ms in the page)',
        lossless: 'every phase counted exactly as many messages as the generator sent',
        lagMs: 'time from the generator\'s last publish until the page counted its last message',
        cpuPerMessageUs: 'renderer process CPU time (main thread + workers; CDP Performance.getMetrics ProcessTime) / messages',
        mainThreadBusyPercent: 'CDP TaskDuration / wall time of the measured window',
        heapMB: 'main-thread JS heap after a forced GC at the end of the phase (the MQTT worker\'s heap is not included)',
      },
      notes,
    };
    await mkdir(path.dirname(outFile), { recursive: true });
    await writeFile(outFile, `${JSON.stringify(result, null, 2)}\n`);
    const stamp = result.timestamp.replace(/[:.]/g, '-');
    await writeFile(path.join(path.dirname(outFile), `run-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${path.relative(root, outFile)}`);
  } catch (err) {
    const brokerLog = await broker.log().catch(() => '');
    console.log(`--- mosquitto log (tail) ---\n${brokerLog.trimEnd().split('\n').slice(-20).join('\n')}`);
    throw err;
  } finally {
    await gen?.stop().catch(() => {});
    await monitor?.endAsync(true).catch(() => {});
    await bare?.close().catch(() => {});
    await broker.remove();
  }
});
