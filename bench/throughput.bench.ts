// The throughput benchmark behind `npm run bench` (run it through scripts/bench.js, which
// passes the settings in BENCH_* variables and prints the table; see bench/README.md).
//
// One real Mosquitto, one load generator process (bench/load-generator.js, mqtt.js over TCP),
// and three pages measured one after the other under the same offered load:
//   bare — bench/bare.html: mqtt.js (the same browser build the app bundles) on the main thread,
//          subscribed like the app, counting messages and nothing else;
//   raw  — bench/raw.html: the browser's WebSocket, CONNECT/SUBSCRIBE written by hand, PUBLISH
//          packets counted from their fixed headers only (the browser's own ceiling);
//   app  — Switchyard's production build (by default the Explorer with the busy subtree expanded,
//          one of its topics selected, and a chart of it recording; --view dashboard: 8 switches
//          and 4 gauges), counting through window.__switchyardStats().received.
// During the window the bench clicks, types and expands in each page (driveInput) and the
// page's Event Timing entries give the input latency. --ladder runs all of it at several rates.
// Every phase gets a fresh browser context, connects, proves its subscription with a probe
// message, takes a short warm-up load (JIT, and the app's trie holds all topics afterwards),
// then the measured load, then drains. Rounds alternate the order (bare→raw→app, app→raw→bare, …).
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Browser, type BrowserContext, type CDPSession, type Locator, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { startMosquitto, type MosquittoHandle } from '../e2e/fixtures/mosquitto.ts';
import { launchQuietBrowser, type QuietBrowser } from './quiet-browser.ts';
import { WorkerProfiler } from './worker-profile.ts';

/**
 * `alerts`: the app again, with --alert-rules N rules seeded (compared with `app`, which has none). `record`: the app recording (--record).
 * `sparkplug`: the app under the same load as Sparkplug B DDATA (--sparkplug; bench/sparkplug-load.js), compared with `app` under JSON.
 */
type Kind = 'bare' | 'raw' | 'app' | 'alerts' | 'record' | 'sparkplug' | 'json10';
const isApp = (kind: Kind) => kind === 'app' || kind === 'alerts' || kind === 'record' || kind === 'sparkplug' || kind === 'json10';
/** What the load generator publishes for a page: small JSON readings, Sparkplug B DDATA, or the same 10 metrics as JSON. */
const loadOf = (kind: Kind) => (kind === 'sparkplug' ? 'sparkplug' : kind === 'json10' ? 'json10' : 'json');
/** Offered load: messages per second, or 'max' (the generator as fast as the broker reads). */
type Rate = number | 'max';
type View = 'explorer' | 'expanded' | 'plain' | 'dashboard';
const VIEWS: View[] = ['explorer', 'expanded', 'plain', 'dashboard'];

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const quick = process.env.BENCH_QUICK === '1';
const parseRate = (v: string | undefined, fallback: number): Rate => (v?.trim() === 'max' ? 'max' : Number(v) > 0 ? Number(v) : fallback);
const settings = {
  quick,
  rate: parseRate(process.env.BENCH_RATE, quick ? 5_000 : 20_000),
  /** --ladder 2000,5000,max: every step measured in turn (all rounds, all pages), then the sustained lossless rate of each page */
  ladder: (process.env.BENCH_LADDER ?? '').split(',').filter((x) => x.trim()).map((x) => parseRate(x, NaN)),
  /** messages of a measured window at rate 'max' */
  maxMessages: Math.round(num('BENCH_MAX_MESSAGES', 50_000)),
  seconds: num('BENCH_SECONDS', quick ? 10 : 30),
  topics: Math.round(num('BENCH_TOPICS', 1_000)),
  rounds: Math.round(num('BENCH_ROUNDS', quick ? 1 : 2)),
  warmupSeconds: process.env.BENCH_WARMUP === '0' ? 0 : num('BENCH_WARMUP', 2),
  /**
   * 'explorer' (default): a chart of bench/t/0000 › v made in the Charts view, then the Explorer with
   * bench → t expanded and bench/t/0000 selected; 'expanded': the same without the chart;
   * 'plain': the Explorer as it opens; 'dashboard': a dashboard of 8 switches and 4 gauges on load topics.
   */
  view: (VIEWS as string[]).includes(process.env.BENCH_VIEW ?? '') ? (process.env.BENCH_VIEW as View) : 'explorer',
  /** drive clicks, typing and expanding in the pages during the measured window (Event Timing) */
  input: process.env.BENCH_INPUT !== '0',
  /**
   * --devtools-network: measure in Playwright's own browser, with DevTools' Network domain on (every
   * WebSocket frame relayed to Playwright: ~half a core here). Default: the quiet browser (quiet-browser.ts).
   */
  devtoolsNetwork: process.env.BENCH_DEVTOOLS_NETWORK === '1',
  only: (process.env.BENCH_ONLY || undefined) as Kind | undefined,
  /** --alert-rules N: a fourth page, the app with N alert rules on the load's topics (benchAlertRules) */
  alertRules: Math.round(Number(process.env.BENCH_ALERT_RULES) || 0),
  /** --quiet-rules: the rules' thresholds are out of the load's reach (evaluated, never firing) */
  quietRules: process.env.BENCH_ALERT_QUIET === '1',
  /** --record: a page of the app with a recording running (header Record) from before the warm-up to the end */
  record: process.env.BENCH_RECORD === '1',
  /** --sparkplug: a page of the app under the load as Sparkplug B (births, then DDATA with 10 metrics) */
  sparkplug: process.env.BENCH_SPARKPLUG === '1',
  /** CPU-profile the main thread of each page during the measured window (costs some speed) */
  profile: process.env.BENCH_PROFILE === '1',
  /** Chromium trace (devtools.timeline) of each page during the measured window, summarised by event */
  trace: process.env.BENCH_TRACE === '1',
  /** --qos: the load's publish QoS (every page subscribes with QoS 2, so this is the delivered QoS) */
  qos: [0, 1, 2].includes(Number(process.env.BENCH_QOS)) ? Number(process.env.BENCH_QOS) : 0,
  /** Mosquitto max_queued_messages (QoS 0 messages pending per client before it drops); default: Mosquitto's */
  brokerQueue: process.env.BENCH_BROKER_QUEUE ? Number(process.env.BENCH_BROKER_QUEUE) : undefined,
  filter: '#',
  topicPrefix: 'bench/t',
};
const BAR = 0.9;
const outFile = process.env.BENCH_OUT ?? path.join(root, 'bench', 'results', 'latest.json');
const drainTimeoutMs = Math.max(30_000, settings.seconds * 1_000);
/** The offered rate of the step being measured (settings.rate, or each --ladder step in turn). */
let offered: Rate = settings.rate;
const rateLabel = (r: Rate) => (r === 'max' ? 'max' : `${r.toLocaleString('en-US')} msg/s`);
/** Messages in a window of `seconds` at `rate`; at 'max' the fixed --max-messages (warm-up: 5,000 per second of it). */
const loadCount = (rate: Rate, seconds: number, warmup = false) =>
  rate === 'max' ? (warmup ? Math.min(settings.maxMessages, Math.round(seconds * 5_000)) : settings.maxMessages) : Math.round(rate * seconds);
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

  run(rate: Rate, count: number, load: 'json' | 'sparkplug' | 'json10' = 'json'): { started: Promise<number>; done: Promise<RunDone> } {
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
    const seconds = rate === 'max' ? 0 : count / rate;
    this.child.send({ cmd: 'run', id, rate, seconds, count, topics: settings.topics, prefix: settings.topicPrefix, load, qos: settings.qos });
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
    '/raw.html': { body: await readFile(path.join(here, 'raw.html')), type: 'text/html; charset=utf-8' },
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
  // Event Timing: events slower than 16 ms (the API's floor), grouped later by interaction; and
  // every trusted pointerdown/keydown, which is one interaction each, so the fast ones count too.
  const ev = (w.__benchEvents = { entries: [] as BenchEvent[], interactions: 0 });
  // What an event hit, for the slow-interaction breakdown: role and accessible-ish name, no payloads.
  const describe = (t: Node | null): string => {
    const el = t instanceof Element ? t : t?.parentElement;
    if (!el) return '';
    const role = el.getAttribute('role') ?? el.tagName.toLowerCase();
    const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 24);
    return `${role} "${name}"`;
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[]) {
        ev.entries.push({
          name: e.name,
          duration: e.duration,
          id: e.interactionId ?? 0,
          delay: e.processingStart - e.startTime,
          processing: e.processingEnd - e.processingStart,
          target: describe(e.target),
        });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  } catch {
    /* not supported */
  }
  for (const type of ['pointerdown', 'keydown']) {
    addEventListener(type, (e) => e.isTrusted && ev.interactions++, { capture: true });
  }
  const fr = (w.__benchFrames = { count: 0, maxGapMs: 0, last: 0, gaps: [] as number[] });
  const frame = (t: number) => {
    if (fr.last) {
      fr.maxGapMs = Math.max(fr.maxGapMs, t - fr.last);
      if (fr.gaps.length < 100_000) fr.gaps.push(t - fr.last);
    }
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
function installSampler(kind: Kind) {
  const w = window as any;
  const read: () => number =
    kind === 'bare' ? () => w.__bare.count : kind === 'raw' ? () => w.__raw.count : () => w.__switchyardStats().received;
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
  offeredRate: Rate;
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
  /** 95th percentile of the time between two animation frames (16.7 ms at 60 fps) */
  frameP95Ms: number;
  heapMB: number;
  /** messages per second of the measured window, second by second */
  timeline: number[];
  coalesced?: number;
  topicsInTrie?: number;
  /** elements in the document when the window started and when it ended (the view being measured) */
  domNodes: number;
  domNodesAtEnd: number;
  /** Event Timing over the driven interactions of the window (0 = under the API's 16 ms floor) */
  input: InputLatency;
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

interface InputLatency {
  /** interactions in the window (trusted pointerdown + keydown) */
  interactions: number;
  /** of those, with an Event Timing entry (16 ms or longer) */
  over16ms: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /**
   * The slowest interactions (up to 8, 48 ms or longer): their longest event's name, target and
   * input delay (waiting for the main thread), the handlers of all the interaction's events
   * (processing), and the rest of the duration (presentation: from the handlers to the frame on
   * screen — style, layout, paint, raster, compositing).
   */
  slowest: { ms: number; event: string; target: string; delayMs: number; processingMs: number; presentationMs: number; handlers: string }[];
}

/** One Event Timing entry as the page keeps it. */
interface BenchEvent {
  name: string;
  duration: number;
  id: number;
  /** processingStart − startTime */
  delay: number;
  /** processingEnd − processingStart */
  processing: number;
  target: string;
}

/** The p-th quantile (nearest rank) of `xs`, rounded to 0.1; 0 for none. */
function percentile(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] * 10) / 10;
}

/** Per interaction: its longest event (Event Timing groups them by interactionId); the ones under 16 ms count as 0. */
function inputLatency(ev: { entries: BenchEvent[]; interactions: number }): InputLatency {
  const byId = new Map<number, BenchEvent>();
  for (const e of ev.entries) if (e.id > 0 && e.duration > (byId.get(e.id)?.duration ?? -1)) byId.set(e.id, e);
  const slow = [...byId.values()].map((e) => e.duration);
  const n = Math.max(ev.interactions, slow.length);
  const all = [...new Array<number>(n - slow.length).fill(0), ...slow].sort((a, b) => a - b);
  const pct = (p: number) => (all.length ? Math.round(all[Math.max(0, Math.ceil(p * all.length) - 1)]) : 0);
  // Handlers of all of an interaction's events (keydown, keypress, input, keyup…) run before its frame.
  const handlers = new Map<number, { ms: number; events: string[] }>();
  for (const e of ev.entries) {
    if (e.id <= 0) continue;
    const h = handlers.get(e.id) ?? { ms: 0, events: [] };
    h.ms += e.processing;
    if (e.processing >= 1) h.events.push(`${e.name} ${Math.round(e.processing)}`);
    handlers.set(e.id, h);
  }
  const slowest = [...byId.entries()]
    .filter(([, e]) => e.duration >= 48)
    .sort((a, b) => b[1].duration - a[1].duration)
    .slice(0, 8)
    .map(([id, e]) => {
      const h = handlers.get(id) ?? { ms: e.processing, events: [] };
      return {
        ms: Math.round(e.duration),
        event: e.name,
        target: e.target,
        delayMs: Math.round(e.delay),
        processingMs: Math.round(h.ms),
        presentationMs: Math.round(Math.max(0, e.duration - e.delay - h.ms)),
        handlers: h.events.join(', '),
      };
    });
  return { interactions: n, over16ms: slow.length, p50Ms: pct(0.5), p95Ms: pct(0.95), maxMs: pct(1), slowest };
}

/**
 * The rules of --alert-rules N (the persisted store's format, version 1): every one on the load's
 * topics (`bench/t/+`) reading `v` (15…25.6 in the load, jumping around from message to message
 * on each topic), a third each above 25…27, below 15.6…13.6 and outside a band from 15.4…13.4 to
 * 25.2…27.2, hysteresis 0.3: every message is evaluated by every rule, the rules near the values'
 * extremes fire and clear often (about 2.5 transitions per message at 100 rules: the log and the
 * header's count stay busy), the others never fire.
 */
function benchAlertRules(): string {
  const n = settings.alertRules;
  const conditions = ['above', 'below', 'outside'] as const;
  const rules = Array.from({ length: n }, (_, i) => {
    const condition = conditions[i % 3];
    const k = i / n;
    const round2 = (x: number) => Math.round(x * 100) / 100;
    // --quiet-rules: the same rules 1,000 away from the values (15…25.6), so none ever fires.
    const off = settings.quietRules ? 1_000 : 0;
    const value = round2(condition === 'above' ? 25 + 2 * k + off : condition === 'below' ? 15.6 - 2 * k - off : 15.4 - 2 * k - off);
    const high = condition === 'outside' ? { high: round2(25.2 + 2 * k + off) } : {};
    return { id: `bench-${i}`, filter: `${settings.topicPrefix}/+`, condition, value, ...high, jsonPath: 'v', hysteresis: 0.3, enabled: true };
  });
  return JSON.stringify({ state: { rules, notify: false }, version: 1 });
}

/** The dashboard of --view dashboard: 8 switches and 4 gauges on topics of the load (bench/t/0000 …). */
function benchDashboard() {
  const t = (i: number) => `${settings.topicPrefix}/${String(i).padStart(Math.max(4, String(settings.topics - 1).length), '0')}`;
  const widgets = [
    ...Array.from({ length: 8 }, (_, i) => ({
      id: `sw-${i}`,
      type: 'switch',
      label: `Switch ${i + 1}`,
      pos: { x: (i % 4) * 3, y: Math.floor(i / 4) * 2, w: 3, h: 2 },
      commandTopic: `bench-cmd/${i}`,
      stateTopic: t(i % settings.topics),
      onPayload: 'ON',
      offPayload: 'OFF',
      stateJsonPath: 'v',
    })),
    ...Array.from({ length: 4 }, (_, i) => ({
      id: `g-${i}`,
      type: 'gauge',
      label: `Gauge ${i + 1}`,
      pos: { x: i * 3, y: 4, w: 3, h: 3 },
      topic: t((8 + i) % settings.topics),
      jsonPath: 'v',
      min: 0,
      max: 40,
      unit: '°C',
    })),
  ];
  return JSON.stringify({ state: { dashboards: [{ id: 'bench', name: 'Bench', widgets }], activeId: 'bench' }, version: 1 });
}

/** Opens the bare page or the app's Explorer on the broker, waits until it is subscribed, and starts its sampler. */
async function openConnectedPage(env: Env, context: BrowserContext, kind: Kind): Promise<PhasePage> {
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (settings.profile && kind !== 'raw' && kind !== 'bare') workerProfilers.set(cdp, await WorkerProfiler.attach(cdp));

  if (kind === 'raw') {
    await page.goto(`${env.bareOrigin}/raw.html?broker=${encodeURIComponent(env.broker.wsUrl)}&filter=${encodeURIComponent(settings.filter)}&qos=2&v=5`);
    await page.waitForFunction(() => (window as any).__raw?.subscribed || (window as any).__raw?.error, null, { timeout: 15_000 });
    const err = await page.evaluate(() => (window as any).__raw.error);
    if (err) throw new Error(`raw page: ${err}`);
  } else if (kind === 'bare') {
    await page.goto(`${env.bareOrigin}/bare.html?broker=${encodeURIComponent(env.broker.wsUrl)}&filter=${encodeURIComponent(settings.filter)}&qos=2&v=5`);
    await page.waitForFunction(() => (window as any).__bare?.subscribed || (window as any).__bare?.error, null, { timeout: 15_000 });
    const err = await page.evaluate(() => (window as any).__bare.error);
    if (err) throw new Error(`bare page: ${err}`);
  } else {
    if (settings.view === 'dashboard') {
      // Seeded the way e2e/dashboard.spec.ts reads it: the persisted store, schema version 1.
      await context.addInitScript((json) => localStorage.setItem('switchyard.dashboards', json), benchDashboard());
    }
    if (kind === 'alerts') await context.addInitScript((json) => localStorage.setItem('switchyard.alerts', json), benchAlertRules());
    await page.goto(`/explorer?broker=${encodeURIComponent(env.broker.wsUrl)}`);
    await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/, { timeout: 15_000 });
    await page.waitForFunction(() => typeof (window as any).__switchyardStats === 'function', null, { timeout: 5_000 });
    // The rules are read after the first batch (or 3 s): the header's count appears once they are.
    if (kind === 'alerts') await expect(page.getByRole('status', { name: 'Active alerts' })).toBeVisible({ timeout: 15_000 });
    if (kind === 'record') {
      await page.getByRole('button', { name: 'Record', exact: true }).click();
      await expect(page.getByRole('status', { name: 'Recorder' })).toHaveText(/^recording/, { timeout: 15_000 });
    }
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
async function warmUp(env: Env, page: Page, kind: Kind): Promise<void> {
  if (settings.warmupSeconds <= 0) return;
  const base = (await sample(page)).count;
  const w = env.gen.run(offered, loadCount(offered, settings.warmupSeconds, true), loadOf(kind));
  const done = await w.done;
  await drain(page, base + done.sent, drainTimeoutMs);
}

const leafName = (i: number) => String(i).padStart(Math.max(4, String(settings.topics - 1).length), '0');

/** "New chart" in the Charts view for `topic` › `field` (as bench/soak.bench.ts makes it), then back to the Explorer. */
async function createChart(page: Page, topic: string, field: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Charts' }).click();
  await page.getByRole('button', { name: 'New chart' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New chart' });
  await dialog.getByLabel('Topic').fill(topic);
  await expect(dialog.getByRole('option', { name: field, exact: true })).toBeAttached({ timeout: 10_000 });
  await dialog.getByLabel('Field').selectOption(field);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('figure').first()).toBeVisible();
  await nav.getByRole('link', { name: 'Explorer' }).click();
  await expect(page.getByRole('tree', { name: 'Topics' })).toBeVisible();
}

/** --view dashboard: the seeded dashboard, its 8 switches and 4 gauges showing load values. */
async function openDashboard(page: Page): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('switch')).toHaveCount(8, { timeout: 10_000 });
  await expect(page.getByRole('meter')).toHaveCount(4);
  await expect(page.getByRole('meter').first()).not.toHaveAttribute('aria-valuetext', /No data yet/, { timeout: 10_000 });
  return `Dashboard: 8 switches (state topics ${settings.topicPrefix}/${leafName(0)}…${leafName(7)}, JSON path v) and 4 gauges (${leafName(8)}…${leafName(11)} › v)`;
}

/**
 * Sets up the measured view through the UI contract only (tree "Topics", items named by their
 * level, arrows expand): by default (--view explorer) a chart of bench/t/0000 › v made in the
 * Charts view, then bench → t expanded and bench/t/0000 selected. Says what the measured view
 * was; a failure is noted and the page is measured as it then is.
 */
async function setUpView(env: Env, page: Page, round: number): Promise<string> {
  if (settings.view === 'plain') return 'Explorer';
  if (settings.view === 'dashboard') {
    try {
      return await openDashboard(page);
    } catch (err) {
      env.notes.push(`app round ${round}: could not open the bench dashboard: ${(err as Error).message.split('\n')[0]}`);
      return 'Dashboard (setting it up failed)';
    }
  }
  let chart = '';
  if (settings.view === 'explorer') {
    try {
      await createChart(page, `${settings.topicPrefix}/${leafName(0)}`, 'v');
      chart = `; a chart of ${settings.topicPrefix}/${leafName(0)} › v recording (made in the Charts view, not on screen)`;
    } catch (err) {
      env.notes.push(`app round ${round}: could not make the chart: ${(err as Error).message.split('\n')[0]}`);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explorer' }).click().catch(() => {});
    }
  }
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
    const leaf = leafName(0);
    await item(leaf).click({ timeout: 5_000 });
    const message = page.getByRole('region', { name: 'Message' });
    await expect(message.getByRole('list', { name: 'History' })).toBeVisible({ timeout: 5_000 });
    return `Explorer, ${settings.topicPrefix} expanded (${settings.topics} rows, virtualised), ${settings.topicPrefix}/${leaf} selected with its history${chart}`;
  } catch (err) {
    env.notes.push(`app round ${round}: could not expand ${settings.topicPrefix}: ${(err as Error).message.split('\n')[0]}`);
    return 'Explorer (expanding the tree failed; measured as it opened)';
  }
}

/**
 * Input while loaded: during the measured window, a few interactions per second (one every
 * ~300 ms), each a real Playwright click or key press (trusted input through CDP). In the
 * Explorer, one cycle: click row 0001, click row 0000 (the selected topic again), type "0001"
 * into Filter topics and delete it again, then Home (or End) → ArrowRight → ArrowLeft → Home in
 * the tree (expand and collapse bench-probe, the first or last top-level node). After
 * each cycle the view is what it was: the same rows expanded, bench/t/0000 selected, the filter
 * empty. On the dashboard: clicks on the gauges and Tab through the widgets (nothing is sent).
 * The bare and raw pages get as many clicks and key presses on their empty page, so the cost of
 * driving (CDP input, Playwright's own work on the shared CPU) lands on every page alike.
 */
function driveInput(page: Page, kind: Kind): { stop: () => Promise<string | undefined> } {
  let stopped = false;
  let failure: string | undefined;
  // Once stopped, the cycle ends at its next step (not after it: a click waiting for a row the
  // half-typed filter hides would hold the driver for its whole timeout).
  const STOP = new Error('input stopped');
  const go = () => {
    if (stopped) throw STOP;
  };
  const pause = async () => {
    go();
    await sleep(300);
  };
  const tree = page.getByRole('tree', { name: 'Topics' });
  const row = (name: string) => tree.getByRole('treeitem', { name, exact: true });
  const filter = page.getByRole('searchbox', { name: 'Filter topics' }).or(page.getByRole('textbox', { name: 'Filter topics' }));
  const opts = { timeout: 5_000 };
  const keys = async (list: string[]) => {
    for (const k of list) {
      go();
      await page.keyboard.press(k);
      await sleep(120);
    }
  };
  const click = async (target: Locator) => {
    go();
    await target.click(opts);
  };
  const explorerCycle = async () => {
    await click(row(leafName(1)));
    await pause();
    await click(row(leafName(0)));
    await pause();
    await click(filter);
    await keys(['0', '0', '0', '1']);
    await pause();
    await keys(['Backspace', 'Backspace', 'Backspace', 'Backspace']);
    await pause();
    await click(row(leafName(0)));
    await pause();
    // bench-probe is the first or the last top-level row (depending on the tree's order).
    await keys(['Home']);
    const first = await page.evaluate(() => document.activeElement?.textContent ?? '');
    await keys([...(first.includes('bench-probe') ? [] : ['End']), 'ArrowRight', 'ArrowLeft', 'Home']);
    await pause();
  };
  const plainCycle = async () => {
    await click(filter);
    await keys(['b', 'e', 'n', 'c', 'h']);
    await pause();
    await keys(['Backspace', 'Backspace', 'Backspace', 'Backspace', 'Backspace']);
    await pause();
  };
  const dashboardCycle = async () => {
    const meters = page.getByRole('meter');
    await click(meters.nth(0));
    await pause();
    await keys(['Tab', 'Tab', 'Tab']);
    await pause();
    await click(meters.nth(1));
    await pause();
    await keys(['Tab', 'Tab', 'Tab']);
    await pause();
  };
  // The same count of clicks and key presses as the app's cycle, on an empty spot of the page.
  const blankCycle = async () => {
    const clicks = settings.view === 'plain' ? 1 : settings.view === 'dashboard' ? 2 : 4;
    const presses = settings.view === 'plain' ? 10 : settings.view === 'dashboard' ? 6 : 12;
    for (let i = 0; i < clicks && !stopped; i++) {
      await page.mouse.click(400, 300);
      await pause();
    }
    for (let i = 0; i < presses && !stopped; i++) {
      await page.keyboard.press('Shift');
      await sleep(120);
    }
    await pause();
  };
  const cycle =
    !isApp(kind) ? blankCycle : settings.view === 'plain' ? plainCycle : settings.view === 'dashboard' ? dashboardCycle : explorerCycle;
  const loop = (async () => {
    if (!settings.input) return;
    while (!stopped) {
      try {
        await cycle();
      } catch (err) {
        if (err === STOP) return;
        failure = (err as Error).message.split('\n').slice(0, 4).join(' | ');
        // What the page showed when the driver got stuck (look at it before trusting the figures).
        const shot = path.join(root, '.tmp', 'bench-profiles', `input-stuck-${kind}.png`);
        await mkdir(path.dirname(shot), { recursive: true });
        await page.screenshot({ path: shot }).catch(() => {});
        failure += ` (screenshot: ${path.relative(root, shot)})`;
        return;
      }
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      // Leave the view as it was set up (the filter empty) even if a cycle was cut short.
      if (isApp(kind) && settings.input && settings.view !== 'dashboard') await filter.fill('').catch(() => {});
      return failure;
    },
  };
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
  frames: { count: number; maxGapMs: number; gaps: number[] };
  /** [wall time, count] every 250 ms */
  timeline: [number, number][];
  stats?: { coalesced?: number; topics?: number };
  events: { entries: BenchEvent[]; interactions: number };
  domNodes: number;
  domNodesAtEnd: number;
  /** why driving input stopped early, if it did */
  inputFailure?: string;
}

/** Zeroes the page's long-task and frame counters, and with --profile starts the CPU profiler. */
async function resetPageCounters(cdp: CDPSession, page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as any;
    Object.assign(w.__benchLongTasks, { count: 0, totalMs: 0, maxMs: 0 });
    Object.assign(w.__benchFrames, { count: 0, maxGapMs: 0, last: 0, gaps: [] });
    Object.assign(w.__benchEvents, { entries: [], interactions: 0 });
  });
  if (settings.trace) await page.context().browser()!.startTracing(page, { categories: TRACE_CATEGORIES });
  if (settings.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await workerProfilers.get(cdp)?.start();
  }
}

/** --profile: the MQTT worker's profiler, per page session. */
const workerProfilers = new WeakMap<CDPSession, WorkerProfiler>();

// BENCH_TRACE_CATEGORIES adds categories, e.g. disabled-by-default-devtools.timeline.invalidationTracking
// (which nodes each style recalculation and layout was for; slows the page further).
const TRACE_CATEGORIES = ['devtools.timeline', 'v8.execute', 'toplevel', ...(process.env.BENCH_TRACE_CATEGORIES?.split(',').filter(Boolean) ?? [])];

/** With --trace: stops tracing, writes the trace and notes where the renderer's main thread spent the window. */
async function stopTrace(env: Env, page: Page, kind: Kind, round: number): Promise<void> {
  if (!settings.trace) return;
  const buffer = await page.context().browser()!.stopTracing();
  const file = path.join(root, '.tmp', 'bench-profiles', `${kind}-round${round}.trace.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, buffer);
  env.notes.push(`${kind} round ${round}: trace in ${path.relative(root, file)} (summary: node bench/trace-summary.js ${path.relative(root, file)})`);
}

/** With --profile: stops the profiler, writes the profile under .tmp/bench-profiles and returns its busiest functions. */
async function stopProfile(env: Env, cdp: CDPSession, kind: Kind, round: number): Promise<ProfileEntry[] | undefined> {
  if (!settings.profile) return undefined;
  const { profile } = await cdp.send('Profiler.stop');
  const file = path.join(root, '.tmp', 'bench-profiles', `${kind}-round${round}.cpuprofile`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(profile));
  env.notes.push(`${kind} round ${round}: CPU profile in ${path.relative(root, file)} (open in Chrome DevTools › Performance)`);
  const worker = (await workerProfilers.get(cdp)?.stop()) as Parameters<typeof summariseProfile>[0] | null | undefined;
  if (worker) {
    const wfile = file.replace(/\.cpuprofile$/, '-worker.cpuprofile');
    await writeFile(wfile, JSON.stringify(worker));
    const top = summariseProfile(worker).slice(0, 8);
    env.notes.push(`${kind} round ${round}: MQTT worker profile in ${path.relative(root, wfile)}; by self time: ${top.map((e) => `${e.fn} ${e.selfMs} ms`).join(', ')}`);
  }
  return summariseProfile(profile);
}

/** Runs the measured load, logging the page's count every 5 s, and resolves with the generator's report. */
async function runLoadWithProgress(env: Env, page: Page, kind: Kind, start: Sample): Promise<{ done: RunDone; startedAt: number }> {
  const run = env.gen.run(offered, loadCount(offered, settings.seconds), loadOf(kind));
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
  const countNodes = () => page.evaluate(() => document.getElementsByTagName('*').length);
  const domNodes = await countNodes();
  const start = await sample(page);
  await resetPageCounters(cdp, page);
  const m0 = await metrics(cdp);
  const dropped0 = env.dropped();
  const log0 = (await env.broker.log()).length;
  const wall0 = Date.now();
  const driver = driveInput(page, kind);
  const { done, startedAt } = await runLoadWithProgress(env, page, kind, start);
  const end = await drain(page, start.count + done.sent, drainTimeoutMs);
  // The window ends when the page has caught up (at 'max' the generator is done long before the
  // page); input went on until then. Everything is read now, before the driver is stopped: the
  // rest of its cycle, the profiler and the trace would otherwise count as unloaded time (more
  // frames, less CPU per second).
  const wall1 = Date.now();
  const m1 = await metrics(cdp);
  const extra = await page.evaluate(() => {
    const w = window as any;
    const stats = w.__switchyardStats?.();
    return {
      longTasks: { ...w.__benchLongTasks },
      frames: { ...w.__benchFrames, gaps: [...w.__benchFrames.gaps] },
      timeline: w.__bench.timeline as [number, number][],
      stats,
      events: { entries: [...w.__benchEvents.entries], interactions: w.__benchEvents.interactions },
      domNodesAtEnd: document.getElementsByTagName('*').length,
    };
  });
  const inputFailure = await driver.stop();
  if (inputFailure) env.notes.push(`${kind} round ${round}: driving input stopped early: ${inputFailure}`);
  const profileTop = await stopProfile(env, cdp, kind, round);
  await stopTrace(env, page, kind, round);
  // $SYS is published once a second.
  await sleep(1_300);
  const dropped1 = env.dropped();
  const brokerEvents = await brokerEventsSince(env.broker, log0);
  if (brokerEvents.length) env.notes.push(`${kind} round ${round}: connection events in the broker log: ${brokerEvents.slice(0, 4).join(' | ')}`);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const heap = (await metrics(cdp)).JSHeapUsedSize ?? 0;
  return { start, end, done, startedAt, wallS: (wall1 - wall0) / 1000, m0, m1, dropped0, dropped1, brokerEvents, heap, profileTop, domNodes, inputFailure, ...extra };
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
    offeredRate: offered,
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
    frameP95Ms: percentile(w.frames.gaps, 0.95),
    heapMB: Math.round((w.heap / 2 ** 20) * 10) / 10,
    timeline: perSecond(w.timeline, w.start.count, w.startedAt, w.end.lastChangeAt),
    domNodes: w.domNodes,
    domNodesAtEnd: w.domNodesAtEnd,
    input: inputLatency(w.events),
  };
  if (w.profileTop) result.profileTop = w.profileTop;
  return result;
}

function logPhase(r: PhaseResult): void {
  log(
    `${r.kind.padEnd(4)} round ${r.round}: ${r.received.toLocaleString('en-US')}/${r.sent.toLocaleString('en-US')} counted` +
      `, ${r.rate.toLocaleString('en-US')} msg/s, lag ${r.lagMs} ms, renderer CPU ${r.rendererCpuPercent}%` +
      `, main thread busy ${r.mainThreadBusyPercent}%, ${r.cpuPerMessageUs} µs/msg, heap ${r.heapMB} MB` +
      `, ${r.fps} fps, input p50/p95 ${r.input.p50Ms}/${r.input.p95Ms} ms (${r.input.interactions} interactions)` +
      (r.brokerDropped ? `, broker dropped ${r.brokerDropped}` : '') +
      (r.brokerEvents.length ? `, ${r.brokerEvents.length} connection event(s) in the broker log` : ''),
  );
  for (const s of r.input.slowest) {
    log(
      `       slow input ${s.ms} ms: ${s.event} on ${s.target} — delay ${s.delayMs}, processing ${s.processingMs}${s.handlers ? ` (${s.handlers})` : ''}, presentation ${s.presentationMs} ms`,
    );
  }
}

/** One page under one load: open and subscribe, prove it, warm up, (app) set up the view, measure. */
async function runPhase(env: Env, kind: Kind, round: number): Promise<PhaseResult> {
  const context = await env.browser.newContext({ baseURL: env.baseURL, viewport: { width: 1440, height: 900 } });
  try {
    const opened = await openConnectedPage(env, context, kind);
    const { page, pageErrors } = opened;
    await proveSubscribed(env, page, kind);
    await warmUp(env, page, kind);
    const view = isApp(kind) ? await setUpView(env, page, round) : undefined;
    await sleep(500);

    const measured = await measureWindow(env, opened, kind, round);
    const result = phaseResult(measured, kind, round);
    if (isApp(kind)) {
      result.coalesced = measured.stats?.coalesced;
      result.topicsInTrie = measured.stats?.topics;
      result.view = view;
    }
    if (pageErrors.length) env.notes.push(`${kind} round ${round}: page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    if (kind === 'record') {
      // What the recorder says it holds (probes, warm-up and window included), and that it never stopped on its own.
      const said = await page.getByRole('status', { name: 'Recorder' }).textContent();
      env.notes.push(`record round ${round}: Recorder after the window: "${said}"`);
    }
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
    /** the worst round's */
    frameP95Ms: Math.max(...phases.map((p) => p.frameP95Ms)),
    heapMB: Math.max(...phases.map((p) => p.heapMB)),
    /** the worst round's */
    inputP50Ms: Math.max(...phases.map((p) => p.input.p50Ms)),
    inputP95Ms: Math.max(...phases.map((p) => p.input.p95Ms)),
    inputMaxMs: Math.max(...phases.map((p) => p.input.maxMs)),
    interactions: sum(phases.map((p) => p.input.interactions)),
    domNodes: Math.max(...phases.map((p) => p.domNodes)),
  };
}

const ratioOf = (a: { rate: number } | null, b: { rate: number } | null) =>
  a && b && b.rate > 0 ? Math.round((a.rate / b.rate) * 1000) / 1000 : null;

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

/** Every round of every page at the current offered rate (`offered`): the figures of latest.json. */
async function measureStep(env: Env, kinds: Kind[]) {
  const notes = env.notes;
  log(
    `${rateLabel(offered)} offered ${offered === 'max' ? `(${settings.maxMessages.toLocaleString('en-US')} messages)` : `for ${settings.seconds} s`} over ${settings.topics} topics` +
      ` (warm-up ${settings.warmupSeconds} s), ${settings.rounds} round(s), pages ${kinds.join(', ')}, broker ${env.broker.wsUrl}`,
  );
  const phases: PhaseResult[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const order = round % 2 === 1 ? kinds : [...kinds].reverse();
    for (const kind of order) phases.push(await runPhase(env, kind, round));
  }

  const bareAgg = aggregate(phases.filter((p) => p.kind === 'bare'));
  const rawAgg = aggregate(phases.filter((p) => p.kind === 'raw'));
  const appAgg = aggregate(phases.filter((p) => p.kind === 'app'));
  const alertsAgg = aggregate(phases.filter((p) => p.kind === 'alerts'));
  const recordAgg = aggregate(phases.filter((p) => p.kind === 'record'));
  const sparkplugAgg = aggregate(phases.filter((p) => p.kind === 'sparkplug'));
  const json10Agg = aggregate(phases.filter((p) => p.kind === 'json10'));
  const ratio = ratioOf(appAgg, bareAgg);
  // Per round, so a noisy round is visible.
  const roundRatios: number[] = [];
  for (let r = 1; r <= settings.rounds; r++) {
    const a = phases.find((p) => p.kind === 'app' && p.round === r);
    const b = phases.find((p) => p.kind === 'bare' && p.round === r);
    if (a && b && b.rate > 0) roundRatios.push(Math.round((a.rate / b.rate) * 1000) / 1000);
  }
  const lossless = phases.every((p) => p.lossless);
  if (offered !== 'max' && phases.some((p) => p.generatorRate < (offered as number) * 0.97)) {
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
  return {
    timestamp: new Date().toISOString(),
    settings: {
      ...settings,
      rate: offered,
      drainTimeoutMs,
      order: settings.rounds > 1 ? `alternating: odd rounds ${kinds.join('→')}, even rounds ${[...kinds].reverse().join('→')}` : kinds.join('→'),
      chromium: env.browser.version(),
      mosquitto: versionOf('/usr/sbin/mosquitto', ['-h']),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    sent: appAgg?.sent ?? bareAgg?.sent ?? rawAgg?.sent ?? 0,
    bareReceived: bareAgg?.received ?? null,
    rawReceived: rawAgg?.received ?? null,
    appReceived: appAgg?.received ?? null,
    bareRate: bareAgg?.rate ?? null,
    rawRate: rawAgg?.rate ?? null,
    appRate: appAgg?.rate ?? null,
    appToBareRatio: ratio,
    appToRawRatio: ratioOf(appAgg, rawAgg),
    bareToRawRatio: ratioOf(bareAgg, rawAgg),
    roundRatios,
    lossless,
    bar: { appToBareRatio: BAR, lossless: true, met: ratio !== null && ratio >= BAR && lossless },
    appHeapMB: appAgg?.heapMB ?? null,
    bareHeapMB: bareAgg?.heapMB ?? null,
    bare: bareAgg,
    raw: rawAgg,
    app: appAgg,
    /** --alert-rules: the app with the rules, and its rate relative to the app without */
    alerts: alertsAgg,
    alertsToAppRatio: ratioOf(alertsAgg, appAgg),
    /** --record: the app while recording, and its rate relative to the app not recording (issue 12: ≥ 0.9) */
    record: recordAgg,
    recordToAppRatio: ratioOf(recordAgg, appAgg),
    /** --sparkplug: the app under the load as Sparkplug B DDATA, and its rate relative to the same load as JSON (issue 13: ≥ 0.85) */
    sparkplug: sparkplugAgg,
    sparkplugToAppRatio: ratioOf(sparkplugAgg, appAgg),
    /** --sparkplug: the app under the same 10 metrics as JSON (bench/sparkplug-load.js sparkplugAsJson), and the Sparkplug page's rate relative to it */
    json10: json10Agg,
    sparkplugToJson10Ratio: ratioOf(sparkplugAgg, json10Agg),
    phases,
    definitions: {
      rate: 'messages counted by the page / seconds from the load generator\'s first publish until the page\'s count last changed (sampled every 5 ms in the page)',
      lossless: 'every phase counted exactly as many messages as the generator sent',
      lagMs: 'time from the generator\'s last publish until the page counted its last message',
      cpuPerMessageUs: 'renderer process CPU time (main thread + workers; CDP Performance.getMetrics ProcessTime) / messages',
      mainThreadBusyPercent: 'CDP TaskDuration / wall time of the measured window',
      heapMB: 'main-thread JS heap after a forced GC at the end of the phase (the MQTT worker\'s heap is not included)',
      raw: 'bench/raw.html: the browser\'s WebSocket with hand-written CONNECT/SUBSCRIBE, counting PUBLISH packets from their fixed headers only (the ceiling)',
      input:
        'Event Timing (PerformanceObserver type event, durationThreshold 16) during the window while the bench clicks, types and expands; per interaction its longest event; interactions without an entry (under 16 ms) count as 0; inputP50Ms/inputP95Ms: the worst round',
      domNodes: 'elements in the document when the measured window started',
    },
    notes: [...notes],
  };
}

type StepResult = Awaited<ReturnType<typeof measureStep>>;

/**
 * --ladder: per page, the sustained lossless rate (the highest numeric step at which every
 * round was lossless; at 'max' lossless too, the rate it reached there) and the rate at 'max'.
 */
function ladderSummary(steps: StepResult[], kinds: Kind[]) {
  const perKind = Object.fromEntries(
    kinds.map((kind) => {
      let sustained: number | null = null;
      let maxRate: number | null = null;
      let maxLossless: boolean | null = null;
      for (const st of steps) {
        const a = st[kind];
        if (!a) continue;
        if (st.settings.rate === 'max') {
          maxRate = a.rate;
          maxLossless = a.lossless;
          if (a.lossless) sustained = Math.max(sustained ?? 0, a.rate);
        } else if (a.lossless) sustained = Math.max(sustained ?? 0, st.settings.rate);
      }
      return [kind, { sustainedLosslessRate: sustained, rateAtMax: maxRate, losslessAtMax: maxLossless }];
    }),
  );
  return {
    steps: steps.map((st) => ({
      offered: st.settings.rate,
      notes: st.notes,
      appToBareRatio: st.appToBareRatio,
      appToRawRatio: st.appToRawRatio,
      bareToRawRatio: st.bareToRawRatio,
      ...Object.fromEntries(
        kinds.map((k) => {
          const a = st[k];
          return [k, a && { rate: a.rate, lossless: a.lossless, fps: a.fps, frameP95Ms: a.frameP95Ms, longTasks: a.longTasks, longTaskMaxMs: a.longTaskMaxMs, inputP95Ms: a.inputP95Ms }];
        }),
      ),
    })),
    perKind,
  };
}

test('throughput: bare mqtt.js page and raw WebSocket vs Switchyard, same broker and load', async ({ browser: playwrightBrowser, baseURL }) => {
  const extra: Kind[] = [
    ...(settings.alertRules ? (['alerts'] as const) : []),
    ...(settings.record ? (['record'] as const) : []),
    ...(settings.sparkplug ? (['json10', 'sparkplug'] as const) : []),
  ];
  const only: Kind[] | undefined = settings.only && (settings.only === 'app' ? ['app', ...extra] : [settings.only]);
  const kinds: Kind[] = only ?? ['bare', 'raw', 'app', ...extra];
  const steps: Rate[] = settings.ladder.length ? settings.ladder : [settings.rate];
  const windowS = Math.max(settings.seconds, settings.maxMessages / 5_000);
  const perPhaseS = settings.warmupSeconds + windowS + (drainTimeoutMs / 1000) * 2 + 60;
  test.setTimeout((steps.length * settings.rounds * kinds.length * perPhaseS + 60) * 1000);

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
  let quiet: QuietBrowser | null = null;
  let gen: LoadGenerator | null = null;
  let monitor: mqtt.MqttClient | null = null;
  let bare: Awaited<ReturnType<typeof serveBare>> | null = null;
  try {
    quiet = settings.devtoolsNetwork ? null : await launchQuietBrowser();
    const browser = quiet?.browser ?? playwrightBrowser;
    if (quiet && !quiet.playwrightCommandLine) log('quiet browser: Playwright\'s command line not found; started with the e2e flags instead');
    gen = await LoadGenerator.start(broker.mqttUrl);
    monitor = await mqtt.connectAsync(broker.mqttUrl, { clientId: 'switchyard-bench-monitor', reconnectPeriod: 0 });
    let dropped: number | null = null;
    monitor.on('message', (topic, payload) => {
      if (topic === '$SYS/broker/publish/messages/dropped') dropped = Number(payload.toString());
    });
    await monitor.subscribeAsync('$SYS/broker/publish/messages/dropped', { qos: 0 });
    bare = await serveBare();
    await sleep(1_200); // first $SYS value

    const results: StepResult[] = [];
    for (const step of steps) {
      offered = step;
      const env: Env = {
        browser,
        broker,
        gen,
        monitor,
        dropped: () => dropped,
        bareOrigin: bare.origin,
        baseURL: baseURL ?? 'http://127.0.0.1:4180',
        notes: [],
      };
      results.push(await measureStep(env, kinds));
    }
    // latest.json: the last step in full (the only one without --ladder), the ladder beside it.
    const result = settings.ladder.length ? { ...results.at(-1)!, ladder: ladderSummary(results, kinds) } : results[0];
    if (quiet) {
      // Proof that the pages ran unwatched: Playwright asked for the Network domain and the relay said yes without it.
      const n = quiet.networkEnablesAnswered();
      const line =
        n > 0
          ? `quiet browser: DevTools' Network domain kept off (${n} Network.enable answered by the relay)`
          : 'quiet browser: the relay answered no Network.enable (did Playwright change how it asks?): the pages may have been watched';
      log(line);
      result.notes.push(line);
    }
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
    await quiet?.close().catch(() => {});
    await broker.remove();
  }
});
