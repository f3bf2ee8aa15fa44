// `npm run bench -- --first-load`: what a first visit costs. The production build (with
// bench/first-load.vite.config.ts, which also writes a per-module size report of every chunk)
// is opened in a fresh browser context — nothing cached — against the embedded aedes broker
// with the device simulator (what `npm start` runs), and for each load we record:
//   - every JavaScript file fetched before the first topic row (`treeitem`) appeared: the main
//     bundle, the chunks it imports, the MQTT worker — with its size gzipped (level 9, computed
//     here from the bytes served, as Vite's build report does);
//   - the time from navigation start to the first treeitem in the DOM, and to the frame after it.
// Targets (issue 14): at most 200 KB gzip of JavaScript and 1 s to the first row.
// A benchmark, not a test: it writes bench/results/first-load-latest.json, and scripts/bench.js
// prints it (bench/first-load-report.js).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { test, expect, type Browser, type BrowserContext, type Response } from '@playwright/test';
import { startBroker } from '../dev/broker.js';
import { startSimulator } from '../dev/simulator.js';
import type { ChunkSize } from './first-load.vite.config.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_KB = 200;
const TARGET_MS = 1000;
/** The embedded broker's WebSocket port: the build's default broker URL (bench/playwright.config.ts uses the same). */
const DEFAULT_WS_PORT = Number(process.env.BENCH_PORT ?? 4180) + 10;

interface Loaded {
  file: string;
  bytes: number;
  gzip: number;
  /** ms after navigation start that the request was sent. */
  requestedAtMs: number;
}

/** Milestones of one load, ms after navigation start (page clock; the broker's marks converted from epoch ms). */
interface Breakdown {
  htmlDone: number | null;
  entryJsDone: number | null;
  /** `new Worker(…)` called in the page */
  workerCreated: number | null;
  workerJsDone: number | null;
  /** each WebSocket the broker accepted (two when MQTT 5 is refused and retried as 3.1.1) */
  wsOpened: number[];
  /** CONNECTs the broker refused (MQTT 5 on aedes), with the code */
  connectRefused: number[];
  connack: number | null;
  subscribe: number | null;
  /** the first message counted by the app (window.__switchyardStats().received > 0) */
  firstMessage: number | null;
  firstRowDom: number;
  firstRowPainted: number;
  /** the main thread's long animation frames (> 50 ms) that started before the first row, with their scripts */
  longFrames: LongFrame[];
}

interface LongFrame {
  start: number;
  duration: number;
  scripts: { src: string; invoker: string; start: number; duration: number; layout: number }[];
}

interface Round {
  breakdown: Breakdown;
  firstRowMs: number;
  firstRowFrameMs: number;
  jsBeforeFirstRow: Loaded[];
  jsGzipKB: number;
  /** JavaScript fetched after the first row (lazy chunks, prefetches), for information. */
  jsAfterFirstRow: Loaded[];
}

declare global {
  interface Window {
    __firstRow?: { dom: number; frame?: number };
    __firstLoadMarks?: { workerCreated?: number; firstMessage?: number };
  }
}

/** The broker's view of a load: epoch ms of each WebSocket accepted, CONNECT refused, CONNACK and SUBSCRIBE. */
type BrokerMarks = { ws: number[]; refused: number[]; connack: number[]; subscribe: number[] };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** One load in a fresh context (nothing cached), or with `shared` in that context (a repeat visit: cache and localStorage kept). */
/** `brokerUrl` null: the app opened at `/`, as `npm start` opens it (its default profile: the embedded broker, MQTT 3.1.1). */
async function loadOnce(browser: Browser, baseURL: string, brokerUrl: string | null, marks: BrokerMarks, shared?: BrowserContext): Promise<Round> {
  const context = shared ?? (await browser.newContext());
  for (const k of Object.keys(marks) as (keyof BrokerMarks)[]) marks[k].length = 0;
  const responses: { url: string; startEpochMs: number; body: Promise<Buffer | null>; doneEpochMs: Promise<number | null> }[] = [];
  // Requests of the page and of its dedicated worker (Playwright reports both on the context).
  const onResponse = (res: Response) => {
    const url = res.url();
    if (!/\.m?js(\?|$)/.test(new URL(url).pathname)) return;
    const doneEpochMs = res.finished().then(
      () => {
        const t = res.request().timing();
        return t.responseEnd >= 0 ? t.startTime + t.responseEnd : null;
      },
      () => null,
    );
    responses.push({ url, startEpochMs: res.request().timing().startTime, body: res.body().catch(() => null), doneEpochMs });
  };
  context.on('response', onResponse);
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen = () => {
        if (window.__firstRow || !document.querySelector('[role="treeitem"]')) return false;
        const mark: { dom: number; frame?: number } = { dom: performance.now() };
        window.__firstRow = mark;
        requestAnimationFrame(() => (mark.frame = performance.now()));
        return true;
      };
      new MutationObserver((_records, observer) => {
        if (seen()) observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
      // The breakdown: when the page creates the MQTT worker, and when the app counts its first message.
      const m: { workerCreated?: number; firstMessage?: number } = (window.__firstLoadMarks = {});
      const NativeWorker = window.Worker;
      window.Worker = class extends NativeWorker {
        constructor(url: string | URL, opts?: WorkerOptions) {
          m.workerCreated ??= performance.now();
          super(url, opts);
        }
      };
      // The main thread's long frames (Long Animation Frames, > 50 ms) with the scripts that ran in them.
      const loafs: unknown[] = ((window as unknown as { __loafs: unknown[] }).__loafs = []);
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { blockingDuration: number; scripts: any[] })[]) {
            loafs.push({
              start: Math.round(e.startTime),
              duration: Math.round(e.duration),
              scripts: e.scripts.map((x) => ({
                src: String(x.sourceURL).replace(/^.*\//, ''),
                invoker: x.invoker,
                start: Math.round(x.startTime),
                duration: Math.round(x.duration),
                layout: Math.round(x.forcedStyleAndLayoutDuration),
              })),
            });
          }
        }).observe({ type: 'long-animation-frame', buffered: true });
      } catch {
        /* not supported */
      }
      const poll = setInterval(() => {
        const stats = (window as { __switchyardStats?: () => { received: number } }).__switchyardStats;
        if (stats && stats().received > 0) {
          m.firstMessage = performance.now();
          clearInterval(poll);
        }
      }, 2);
    });
    await page.goto(brokerUrl === null ? `${baseURL}/` : `${baseURL}/?broker=${encodeURIComponent(brokerUrl)}`);
    await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => page.evaluate(() => window.__firstRow?.frame), { timeout: 5000 }).toBeGreaterThan(0);
    const { firstRow, timeOrigin, pageMarks, htmlDone, entryJsDone, loafs } = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src;
      const res = entry ? (performance.getEntriesByName(entry)[0] as PerformanceResourceTiming | undefined) : undefined;
      return {
        firstRow: window.__firstRow!,
        timeOrigin: performance.timeOrigin,
        pageMarks: window.__firstLoadMarks ?? {},
        loafs: (window as unknown as { __loafs?: LongFrame[] }).__loafs ?? [],
        htmlDone: nav ? nav.responseEnd : null,
        entryJsDone: res ? res.responseEnd : null,
      };
    });
    const rel = (epochMs: number) => Math.round(epochMs - timeOrigin);
    const workerResponse = responses.find((r) => /worker/i.test(new URL(r.url).pathname));
    const workerDone = workerResponse ? await workerResponse.doneEpochMs : null;
    const breakdown: Breakdown = {
      htmlDone: htmlDone === null ? null : Math.round(htmlDone),
      entryJsDone: entryJsDone === null ? null : Math.round(entryJsDone),
      workerCreated: pageMarks.workerCreated === undefined ? null : Math.round(pageMarks.workerCreated),
      workerJsDone: workerDone === null ? null : rel(workerDone),
      wsOpened: marks.ws.map(rel),
      connectRefused: marks.refused.map(rel),
      connack: marks.connack.length ? rel(marks.connack[0]) : null,
      subscribe: marks.subscribe.length ? rel(marks.subscribe[0]) : null,
      firstMessage: pageMarks.firstMessage === undefined ? null : Math.round(pageMarks.firstMessage),
      firstRowDom: Math.round(firstRow.dom),
      firstRowPainted: Math.round(firstRow.frame!),
      longFrames: loafs.filter((f) => f.start <= firstRow.dom),
    };
    // Let anything the page fetches right after the first row arrive, for the "after" list.
    await page.waitForTimeout(1500);
    const before: Loaded[] = [];
    const after: Loaded[] = [];
    for (const r of responses) {
      const body = await r.body;
      if (!body) continue;
      const requestedAtMs = Math.round(r.startEpochMs - timeOrigin);
      const entry = { file: new URL(r.url).pathname.replace(/^\//, ''), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, requestedAtMs };
      (requestedAtMs <= firstRow.dom ? before : after).push(entry);
    }
    return {
      breakdown,
      firstRowMs: Math.round(firstRow.dom),
      firstRowFrameMs: Math.round(firstRow.frame!),
      jsBeforeFirstRow: before,
      jsGzipKB: Math.round((before.reduce((a, x) => a + x.gzip, 0) / 1024) * 10) / 10,
      jsAfterFirstRow: after,
    };
  } finally {
    context.off('response', onResponse);
    if (shared) await context.pages().at(-1)?.close();
    else await context.close();
  }
}

function medianBreakdown(bs: Breakdown[]): Record<string, number | null> {
  const keys: (keyof Omit<Breakdown, 'longFrames'>)[] = ['htmlDone', 'entryJsDone', 'workerCreated', 'workerJsDone', 'wsOpened', 'connectRefused', 'connack', 'subscribe', 'firstMessage', 'firstRowDom', 'firstRowPainted'];
  const out: Record<string, number | null> = {};
  for (const k of keys) {
    if (k === 'wsOpened' || k === 'connectRefused') {
      const firsts = bs.map((b) => (b[k] as number[])[0]).filter((x) => x !== undefined);
      out[k === 'wsOpened' ? 'firstWsOpened' : 'connectRefused'] = firsts.length ? median(firsts) : null;
      if (k === 'wsOpened') {
        const lasts = bs.map((b) => (b[k] as number[]).at(-1)).filter((x): x is number => x !== undefined);
        out.lastWsOpened = lasts.length ? median(lasts) : null;
        out.webSockets = median(bs.map((b) => b.wsOpened.length));
      }
      continue;
    }
    const xs = bs.map((b) => b[k] as number | null).filter((x): x is number => x !== null);
    out[k] = xs.length ? median(xs) : null;
  }
  return out;
}

test('first load: JavaScript before the first topic row, and the time to it', async ({ browser, baseURL }) => {
  test.setTimeout(5 * 60_000);
  // On the port the build was told is the embedded broker's (VITE_SWITCHYARD_BROKER_URL, bench/playwright.config.ts),
  // so that `/` finds it as `npm start`'s first visit does.
  const broker = await startBroker({ wsPort: DEFAULT_WS_PORT, mqttPort: 0, host: '127.0.0.1', allowedOrigins: [baseURL!] });
  const sim = await startSimulator({ url: `mqtt://127.0.0.1:${broker.mqttPort}` });
  // The broker's side of the breakdown (the simulator's own connection is over TCP and not counted: only WebSockets).
  const marks: BrokerMarks = { ws: [], refused: [], connack: [], subscribe: [] };
  const wsClients = new WeakSet<object>();
  const aedes = broker.aedes as unknown as {
    handle: (stream: unknown, req?: unknown) => unknown;
    on: (ev: string, f: (...a: any[]) => void) => void;
  };
  const handle = aedes.handle.bind(aedes);
  aedes.handle = (stream, req) => {
    const client = handle(stream, req);
    if (req) {
      marks.ws.push(Date.now());
      if (client && typeof client === 'object') wsClients.add(client);
    }
    return client;
  };
  aedes.on('connackSent', (packet: { returnCode?: number }, client: object) => {
    if (wsClients.has(client)) (packet.returnCode ? marks.refused : marks.connack).push(Date.now());
  });
  aedes.on('subscribe', (_subs: unknown, client: object) => wsClients.has(client) && marks.subscribe.push(Date.now()));
  try {
    const brokerUrl = `ws://127.0.0.1:${broker.wsPort}`;
    // One load first that is not counted: Chromium's own start-up and the preview server's first
    // reads from disk are not what a visitor waits for.
    await loadOnce(browser, baseURL!, brokerUrl, marks);
    const rounds: Round[] = [];
    // Alternating: a `?broker=` link (a new profile: MQTT 5, refused by aedes, then 3.1.1), and `/` (npm start's default profile).
    const defaults: Round[] = [];
    await loadOnce(browser, baseURL!, null, marks);
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push(await loadOnce(browser, baseURL!, brokerUrl, marks));
      defaults.push(await loadOnce(browser, baseURL!, null, marks));
    }
    // Repeat visits: the same browser profile opens the app again (HTTP cache and localStorage
    // kept: what the app remembered about the broker, e.g. that it refused MQTT 5, applies).
    const visits = await browser.newContext();
    const repeats: Round[] = [];
    try {
      await loadOnce(browser, baseURL!, brokerUrl, marks, visits);
      for (let i = 0; i < ROUNDS; i++) repeats.push(await loadOnce(browser, baseURL!, brokerUrl, marks, visits));
    } finally {
      await visits.close();
    }

    const report = JSON.parse(readFileSync(path.join(root, '.tmp', 'bench-dist', 'bundle-report.json'), 'utf8')) as Record<string, ChunkSize>;
    const last = rounds[rounds.length - 1];
    const chunks = last.jsBeforeFirstRow.map((f) => {
      const c = report[f.file];
      return {
        ...f,
        // The 25 modules that weigh most in this chunk (estimates: each minified and gzipped alone).
        topModules: c?.modules.slice(0, 25) ?? [],
        moduleCount: c?.modules.length ?? 0,
      };
    });
    const result = {
      when: new Date().toISOString(),
      settings: {
        rounds: ROUNDS,
        chromium: browser.version(),
        node: process.version,
        cpus: os.cpus().length,
        broker: 'embedded aedes (dev/broker.js) with the device simulator (dev/simulator.js)',
      },
      target: { jsGzipKB: TARGET_KB, firstRowMs: TARGET_MS },
      jsGzipKB: median(rounds.map((r) => r.jsGzipKB)),
      firstRowMs: median(rounds.map((r) => r.firstRowMs)),
      firstRowFrameMs: median(rounds.map((r) => r.firstRowFrameMs)),
      met: {
        js: median(rounds.map((r) => r.jsGzipKB)) <= TARGET_KB,
        time: median(rounds.map((r) => r.firstRowFrameMs)) <= TARGET_MS,
      },
      chunks,
      lazy: last.jsAfterFirstRow,
      defaultStart: {
        firstRowMs: median(defaults.map((r) => r.firstRowMs)),
        firstRowFrameMs: median(defaults.map((r) => r.firstRowFrameMs)),
        webSockets: median(defaults.map((r) => r.breakdown.wsOpened.length)),
        loads: defaults.map((r) => ({ firstRowFrameMs: r.firstRowFrameMs, webSockets: r.breakdown.wsOpened.length })),
        breakdown: medianBreakdown(defaults.map((r) => r.breakdown)),
      },
      repeatVisit: {
        firstRowFrameMs: median(repeats.map((r) => r.firstRowFrameMs)),
        webSockets: median(repeats.map((r) => r.breakdown.wsOpened.length)),
        loads: repeats.map((r) => ({ firstRowFrameMs: r.firstRowFrameMs, webSockets: r.breakdown.wsOpened.length })),
        breakdown: medianBreakdown(repeats.map((r) => r.breakdown)),
      },
      rounds: rounds.map((r) => ({ firstRowMs: r.firstRowMs, firstRowFrameMs: r.firstRowFrameMs, jsGzipKB: r.jsGzipKB, files: r.jsBeforeFirstRow.length, breakdown: r.breakdown })),
      /** the median of each milestone over the loads (ms after navigation start) */
      breakdown: medianBreakdown(rounds.map((r) => r.breakdown)),
    };
    mkdirSync(path.join(here, 'results'), { recursive: true });
    writeFileSync(path.join(here, 'results', 'first-load-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await sim.stop();
    await broker.close();
  }
});
