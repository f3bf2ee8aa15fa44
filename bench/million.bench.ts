// "A million topics" in the browser (`npm run bench -- --million`, docs/performance.md): the
// production app connected to a real Mosquitto, 1,000,000 distinct topics 10 levels deep
// (bench/million-topics.js) published once each by bench/million-publisher.js (mqtt.js, a separate
// process), then:
//   - lossless: the app counts every topic (window.__switchyardStats().topics);
//   - the main thread's JS heap after a forced GC (CDP HeapProfiler.collectGarbage +
//     Runtime.getHeapUsage), before and after, per topic;
//   - expanding the level with 100,000 children (WIDE_PARENT): time from the key press to the
//     first frame that shows its first child (in-page: keydown timeStamp → the animation frame
//     after the row is in the DOM), and the Event Timing duration of that key press;
//   - typing into Filter topics, one letter every 300 ms: Event Timing per key press, p50/p95.
// Also: a timeline (counts, connection status, page heap each second), the worker's heap, the
// broker's log without per-message lines; BENCH_PROFILE=1 (--profile) CPU profiles of page and
// worker; BENCH_SNAPSHOT=1 the page's heap by class; BENCH_BROKER_DEBUG=1 the broker's full log.
// Settings: BENCH_MILLION_TOPICS (default 1,000,000), BENCH_RATE (offered msg/s, default 20,000).
// Results: bench/results/million-latest.json.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { startMosquitto } from '../e2e/fixtures/mosquitto.ts';
import { Probes } from './soak-probes.ts';
import { summarise as summariseSnapshot, takeSnapshot } from './heap-snapshot.ts';
import { WIDE_FROM, WIDE_PARENT } from './million-topics.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const count = Math.round(Number(process.env.BENCH_MILLION_TOPICS) || 1_000_000);
const rate = Math.round(Number(process.env.BENCH_RATE) || 20_000);
const outFile = path.join(here, 'results', 'million-latest.json');
const FILTER_TEXT = 'sensor99';

/** Event Timing entries (≥ 16 ms) by interaction, and a probe for the expand's first frame. */
function instrument() {
  const w = window as unknown as { __events: { name: string; duration: number; start: number }[] };
  w.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__events.push({ name: e.name, duration: e.duration, start: e.startTime });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

interface Sample {
  s: number;
  received: number;
  topics: number;
  heapMB: number;
  status: string;
}

/** One timeline sample: the app's counts, its connection status, the page's heap (no GC). */
async function sample(page: Page, t0: number): Promise<Sample> {
  const r = await page.evaluate(() => {
    const w = window as unknown as { __switchyardStats: () => { received: number; topics: number } };
    const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    const status = document.querySelector('[role="status"][aria-label="Connection status"]')?.textContent ?? '';
    return { ...w.__switchyardStats(), heap: mem?.usedJSHeapSize ?? 0, status };
  });
  return { s: Math.round((Date.now() - t0) / 100) / 10, received: r.received, topics: r.topics, heapMB: Math.round(r.heap / 2 ** 20), status: r.status };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (ms), the heaviest first, and the longest stretch of busy samples. */
function summarise(p: CpuProfile): { top: string[]; busyMs: number } {
  const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const f = byId.get(p.samples[i]);
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    if (!f || f.functionName === '(idle)' || f.functionName === '(program)') continue;
    busy += dt;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, ms]) => `${Math.round(ms)} ms ${k}`);
  return { top, busyMs: Math.round(busy) };
}

/** CPU profiles of the page's main thread and the MQTT worker (`--profile`), written to .tmp/bench-profiles. */
async function startProfiles(page: Page, probes: Probes) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await probes.sendToWorker('Profiler.enable').catch(() => null);
  await probes.sendToWorker('Profiler.setSamplingInterval', { interval: 1000 }).catch(() => null);
  await probes.sendToWorker('Profiler.start').catch(() => null);
  return {
    async stop() {
      const dir = path.join(here, '..', '.tmp', 'bench-profiles');
      await mkdir(dir, { recursive: true });
      const { profile: main } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      await writeFile(path.join(dir, 'million-main.cpuprofile'), JSON.stringify(main));
      const w = (await probes.sendToWorker('Profiler.stop').catch(() => null)) as { profile: CpuProfile } | null;
      if (w) await writeFile(path.join(dir, 'million-worker.cpuprofile'), JSON.stringify(w.profile));
      await cdp.detach();
      return { main: summarise(main), worker: w ? summarise(w.profile) : null };
    },
  };
}

/** A heap snapshot of the page summarised by class: the 20 largest, bytes per topic and count. */
async function heapClasses(page: Page, topics: number): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const file = path.join(here, '..', '.tmp', 'bench-profiles', 'million.heapsnapshot');
  const summary = summariseSnapshot(await takeSnapshot(cdp, file), file);
  await cdp.detach();
  return Object.entries(summary.byClass)
    .sort((a, b) => b[1].selfSize - a[1].selfSize)
    .slice(0, 20)
    .map(([name, c]) => `${(c.selfSize / Math.max(1, topics)).toFixed(1)} B/topic  ${c.count.toLocaleString('en-US')} × ${name}`);
}

/** The broker's log without the per-message debug lines (streamed: at debug level it is ~2 lines per message): connections, disconnections, pings, warnings, and how many PUBLISHes it sent to the app. */
async function brokerEvents(logFile: string): Promise<{ events: string[]; publishesSentToApp: number; lastSentToApp: string | null }> {
  const events: string[] = [];
  let sent = 0;
  let lastSent: string | null = null;
  const lines = createInterface({ input: createReadStream(logFile), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.includes('Sending PUBLISH to switchyard-')) {
      sent++;
      lastSent = line.slice(0, 8);
      continue;
    }
    if (/(Sending|Received) (PUBLISH|PUBACK)/.test(line) || line.trim() === '') continue;
    if (events.length < 300) events.push(line);
  }
  return { events, publishesSentToApp: sent, lastSentToApp: lastSent };
}

const stats = (page: Page) =>
  page.evaluate(() => (window as unknown as { __switchyardStats: () => { received: number; topics: number } }).__switchyardStats());

function publish(url: string): Promise<{ sent: number; seconds: number; rate: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, 'million-publisher.js'), url, String(count), String(rate)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() as string)) : reject(new Error(`publisher exited ${code}`))));
  });
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

test('a million topics', async ({ browser, page }) => {
  test.setTimeout(20 * 60_000);
  // No per-client queue limit: the broker never drops, so a missing topic is the app's loss.
  // The e2e launcher logs everything (two debug lines per message: 2,000,000 lines that cost the
  // broker more CPU than the app on two cores); BENCH_BROKER_DEBUG=1 keeps that (pings included).
  const quiet = process.env.BENCH_BROKER_DEBUG === '1' ? [] : ['log_type none', 'log_type error', 'log_type warning', 'log_type notice', 'log_type information'];
  const broker = await startMosquitto({ extraConfig: ['max_queued_messages 0', ...quiet].join('\n') });
  const notes: string[] = [];
  try {
    await page.addInitScript(instrument);
    // Attached before the page loads, so the MQTT worker's own target is there for its heap.
    const probes = await Probes.attach(browser, page.context(), page);
    await page.goto(`/explorer?broker=${encodeURIComponent(broker.wsUrl)}`);
    await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/, { timeout: 15_000 });
    await page.waitForFunction(() => typeof (window as unknown as { __switchyardStats?: unknown }).__switchyardStats === 'function');
    await page.waitForTimeout(1_000);
    const heapBefore = await heapAfterGc(page);

    const profiling = process.env.BENCH_PROFILE === '1' ? await startProfiles(page, probes) : null;
    const t0 = Date.now();
    // A sample a second while publishing and after (counts, the connection's status, the page's
    // heap without GC): where a run goes wrong, and when.
    const timeline: Sample[] = [];
    let publishing = true;
    const sampler = (async () => {
      while (publishing) {
        timeline.push(await sample(page, t0));
        await page.waitForTimeout(1_000);
      }
    })();
    const pub = await publish(broker.mqttUrl).finally(() => (publishing = false));
    await sampler;
    // Wait for the app to count them all (or to stop making progress).
    let last = await stats(page);
    let stalledSince = Date.now();
    while (last.topics < count) {
      await page.waitForTimeout(1_000);
      timeline.push(await sample(page, t0));
      const now = await stats(page);
      if (now.received !== last.received) stalledSince = Date.now();
      last = now;
      // 40 s: longer than the app's ping after 15 s of silence (a broker that holds deliveries until the client speaks shows here).
      if (Date.now() - stalledSince > 40_000) break;
    }
    const ingestS = (Date.now() - t0) / 1000;
    const profiles = profiling ? await profiling.stop() : null;
    const heapAfter = await heapAfterGc(page);
    const workerHeapMB = (await probes.read()).workerHeapMB;
    // BENCH_SNAPSHOT=1 (use with --topics 100000 or so): where the heap goes, by class, per topic.
    const heapByClass = process.env.BENCH_SNAPSHOT === '1' ? await heapClasses(page, last.topics) : null;
    if (heapByClass) console.log(`heap by class after ${last.topics} topics:\n${heapByClass.join('\n')}`);
    const brokerLog = await brokerEvents(broker.logFile);

    const connection = (await page.getByRole('status', { name: 'Connection status' }).textContent()) ?? '';
    if (last.topics < count) {
      // Write what there is (count, heap, the connection's state); expanding needs every topic.
      notes.push(`only ${last.topics.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} topics counted; connection: ${connection}`);
      await mkdir(path.dirname(outFile), { recursive: true });
      const partial = { timestamp: new Date().toISOString(), topics: count, offeredRate: rate, publisher: pub, received: last.received, topicsCounted: last.topics, lossless: false, connection, ingestSeconds: Math.round(ingestS * 10) / 10, heapBeforeMB: Math.round((heapBefore / 2 ** 20) * 10) / 10, heapAfterMB: Math.round((heapAfter / 2 ** 20) * 10) / 10, workerHeapMB, profiles, heapByClass, bytesPerTopic: last.topics > 0 ? Math.round((heapAfter - heapBefore) / last.topics) : null, notes, brokerLog, timeline };
      await writeFile(outFile, JSON.stringify(partial, null, 2));
      console.log(JSON.stringify(partial, null, 2));
      return;
    }
    // Expand the path to the wide level (each a few rows), then the wide level itself, measured.
    if (count <= WIDE_FROM) throw new Error(`--topics ${count}: the 100,000-child level needs more than ${WIDE_FROM.toLocaleString('en-US')} topics`);
    page.setDefaultTimeout(30_000);
    const tree = page.getByRole('tree', { name: 'Topics' });
    const item = (name: string) => tree.getByRole('treeitem', { name, exact: true });
    const levels = WIDE_PARENT.split('/');
    for (const level of levels.slice(0, -1)) {
      const it = item(level);
      await it.click();
      if ((await it.getAttribute('aria-expanded')) !== 'true') await it.press('ArrowRight');
      await expect(it).toHaveAttribute('aria-expanded', 'true', { timeout: 30_000 });
    }
    const wide = item(levels[levels.length - 1]);
    await wide.click();
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      const w = window as unknown as { __expand: Promise<{ keyAt: number; shownAt: number }> };
      w.__expand = new Promise((resolve) => {
        addEventListener(
          'keydown',
          (e) => {
            const keyAt = e.timeStamp;
            const check = () => {
              if (document.querySelector('[role="treeitem"][aria-label="sensor0"]')) {
                requestAnimationFrame((shownAt) => resolve({ keyAt, shownAt }));
              } else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          },
          { capture: true, once: true },
        );
      });
    });
    const eventsBefore = await page.evaluate(() => (window as unknown as { __events: unknown[] }).__events.length);
    await wide.press('ArrowRight');
    await expect(item('sensor0')).toBeVisible({ timeout: 30_000 });
    const expand = await page.evaluate(() => (window as unknown as { __expand: Promise<{ keyAt: number; shownAt: number }> }).__expand);
    const expandEvents = await page.evaluate(
      (from) => (window as unknown as { __events: { name: string; duration: number }[] }).__events.slice(from),
      eventsBefore,
    );
    const expandEventMs = Math.max(0, ...expandEvents.filter((e) => e.name === 'keydown' || e.name === 'keyup').map((e) => e.duration));

    // Filter typing, one letter every 300 ms (the wide level stays expanded).
    const filter = page.getByRole('searchbox', { name: 'Filter topics' }).or(page.getByRole('textbox', { name: 'Filter topics' }));
    await filter.click();
    await page.waitForTimeout(300);
    const typed: number[] = [];
    for (const ch of FILTER_TEXT) {
      const from = await page.evaluate(() => (window as unknown as { __events: unknown[] }).__events.length);
      await page.keyboard.press(ch);
      await page.waitForTimeout(300);
      const evs = await page.evaluate(
        (f) => (window as unknown as { __events: { name: string; duration: number }[] }).__events.slice(f),
        from,
      );
      // Under 16 ms the API reports nothing: count it as 0.
      typed.push(Math.max(0, ...evs.filter((e) => ['keydown', 'keypress', 'keyup', 'input', 'beforeinput'].includes(e.name)).map((e) => e.duration)));
    }
    const matches = await page.getByText(/match/i).first().textContent().catch(() => '');

    const result = {
      timestamp: new Date().toISOString(),
      topics: count,
      offeredRate: rate,
      publisher: pub,
      received: last.received,
      topicsCounted: last.topics,
      lossless: last.topics === count,
      ingestSeconds: Math.round(ingestS * 10) / 10,
      heapBeforeMB: Math.round((heapBefore / 2 ** 20) * 10) / 10,
      heapAfterMB: Math.round((heapAfter / 2 ** 20) * 10) / 10,
      bytesPerTopic: Math.round((heapAfter - heapBefore) / count),
      wideLevel: count > WIDE_FROM ? WIDE_PARENT : null,
      expandToFirstFrameMs: Math.round(expand.shownAt - expand.keyAt),
      expandEventTimingMs: Math.round(expandEventMs),
      filterText: FILTER_TEXT,
      filterKeyMs: typed.map(Math.round),
      filterP50Ms: Math.round(pct(typed, 50)),
      filterP95Ms: Math.round(pct(typed, 95)),
      filterMatchText: matches,
      workerHeapMB,
      profiles,
      heapByClass,
      notes,
      brokerLog,
      timeline,
    };
    await mkdir(path.dirname(outFile), { recursive: true });
    await writeFile(outFile, JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await broker.stop();
  }
});
