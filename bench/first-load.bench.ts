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
import { test, expect, type Browser } from '@playwright/test';
import { startBroker } from '../dev/broker.js';
import { startSimulator } from '../dev/simulator.js';
import type { ChunkSize } from './first-load.vite.config.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_KB = 200;
const TARGET_MS = 1000;

interface Loaded {
  file: string;
  bytes: number;
  gzip: number;
  /** ms after navigation start that the request was sent. */
  requestedAtMs: number;
}

interface Round {
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
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function loadOnce(browser: Browser, baseURL: string, brokerUrl: string): Promise<Round> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const responses: { url: string; startEpochMs: number; body: Promise<Buffer | null> }[] = [];
    // Requests of the page and of its dedicated worker (Playwright reports both on the context).
    context.on('response', (res) => {
      const url = res.url();
      if (!/\.m?js(\?|$)/.test(new URL(url).pathname)) return;
      responses.push({ url, startEpochMs: res.request().timing().startTime, body: res.body().catch(() => null) });
    });
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
    });
    await page.goto(`${baseURL}/?broker=${encodeURIComponent(brokerUrl)}`);
    await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => page.evaluate(() => window.__firstRow?.frame), { timeout: 5000 }).toBeGreaterThan(0);
    const { firstRow, timeOrigin } = await page.evaluate(() => ({ firstRow: window.__firstRow!, timeOrigin: performance.timeOrigin }));
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
      firstRowMs: Math.round(firstRow.dom),
      firstRowFrameMs: Math.round(firstRow.frame!),
      jsBeforeFirstRow: before,
      jsGzipKB: Math.round((before.reduce((a, x) => a + x.gzip, 0) / 1024) * 10) / 10,
      jsAfterFirstRow: after,
    };
  } finally {
    await context.close();
  }
}

test('first load: JavaScript before the first topic row, and the time to it', async ({ browser, baseURL }) => {
  test.setTimeout(3 * 60_000);
  const broker = await startBroker({ wsPort: 0, mqttPort: 0, host: '127.0.0.1', allowedOrigins: [baseURL!] });
  const sim = await startSimulator({ url: `mqtt://127.0.0.1:${broker.mqttPort}` });
  try {
    const brokerUrl = `ws://127.0.0.1:${broker.wsPort}`;
    // One load first that is not counted: Chromium's own start-up and the preview server's first
    // reads from disk are not what a visitor waits for.
    await loadOnce(browser, baseURL!, brokerUrl);
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await loadOnce(browser, baseURL!, brokerUrl));

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
      rounds: rounds.map((r) => ({ firstRowMs: r.firstRowMs, firstRowFrameMs: r.firstRowFrameMs, jsGzipKB: r.jsGzipKB, files: r.jsBeforeFirstRow.length })),
    };
    mkdirSync(path.join(here, 'results'), { recursive: true });
    writeFileSync(path.join(here, 'results', 'first-load-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await sim.stop();
    await broker.close();
  }
});
