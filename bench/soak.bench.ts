// The soak benchmark behind `npm run bench -- --soak` (run it through scripts/bench.js, which
// passes the settings in BENCH_* variables and prints the table; see bench/README.md, "Soak").
//
// One real Mosquitto, the load generator (bench/load-generator.js) publishing the soak mix of
// bench/soak-mix.js at a fixed rate for N minutes (a device fleet that grows at first, then
// stays; JSON telemetry, plain numbers, 2–20 KB snapshots, retained state), and one app page
// used the way someone watching that broker would: a chart made through the Charts view's UI,
// then the Explorer with one busy topic selected (its Message panel and history render live),
// and, unless --view explorer, a short visit to the chart between two samples.
// Every --interval seconds: GC forced through CDP in the page and in the MQTT worker, then heap,
// DOM and renderer memory, and the app's counters. The verdict (bench/soak-stats.ts): is the
// heap flat after the warm-up?
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { startMosquitto } from '../e2e/fixtures/mosquitto.ts';
import { soakPlan } from './soak-mix.js';
import { startGenerator, type Progress } from './soak-generator.ts';
import { Probes } from './soak-probes.ts';
import { percentile, verdict, type SoakSample } from './soak-stats.ts';
import { instrumentFrames, readFrames, soakCsv } from './soak-frames.ts';
import { compare, summarise, takeSnapshot, topRetainers, type SnapshotSummary } from './heap-snapshot.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const minutes = num('BENCH_SOAK_MINUTES', 60);
const durationS = Math.round(minutes * 60);
const settings = {
  minutes,
  rate: num('BENCH_RATE', 2_000),
  topics: Math.round(num('BENCH_TOPICS', 10_000)),
  /** seconds between samples (a minute; runs under 4 minutes sample every 10 s so they still show a trend) */
  intervalS: num('BENCH_SOAK_INTERVAL', durationS >= 240 ? 60 : 10),
  /** seconds over which the devices (topics) appear */
  growS: Math.min(60, Math.round(durationS / 4)),
  /** seconds excluded from the verdict: topic growth plus history filling */
  warmupS: process.env.BENCH_WARMUP !== undefined && Number(process.env.BENCH_WARMUP) >= 0 ? Number(process.env.BENCH_WARMUP) : Math.min(300, Math.round(durationS * 0.3)),
  /** 'explorer' (default): stay in the Explorer, the charts record in the background; 'explorer+charts': visit the charts between samples */
  view: process.env.BENCH_VIEW === 'explorer+charts' ? 'explorer+charts' : 'explorer',
  snapshots: process.env.BENCH_SNAPSHOTS === '1',
  /** minutes after which to take a heap snapshot (--snapshot-at 10,30), compared with each other */
  snapshotAt: (process.env.BENCH_SOAK_SNAPSHOT_AT ?? '').split(',').map(Number).filter((m) => m > 0),
  brokerQueue: process.env.BENCH_BROKER_QUEUE ? Number(process.env.BENCH_BROKER_QUEUE) : undefined,
};
const outFile = process.env.BENCH_SOAK_OUT ?? path.join(root, 'bench', 'results', 'soak-latest.json');
const snapDir = path.join(root, '.tmp', 'bench-soak');
/** every sample as it is taken (a run cut short keeps its minutes): .tmp/bench-soak/soak-<start>.{json,csv} */
const runStamp = new Date().toISOString().replace(/[:.]/g, '-');
const minutesFile = path.join(snapDir, `soak-${runStamp}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => console.log(`[soak] ${s}`);
const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

// ---------------------------------------------------------------- the app, through its UI

/** "New chart" in the Charts view: the topic, its first numeric field (auto-picked), Save. */
async function createChart(page: Page, topic: string, field: string) {
  await page.getByRole('button', { name: 'New chart' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New chart' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Topic').fill(topic);
  await expect(dialog.getByRole('option', { name: field, exact: true })).toBeAttached({ timeout: 15_000 });
  await dialog.getByLabel('Field').selectOption(field);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('figure').first()).toBeVisible();
}

/** The Explorer with `topic` selected: levels expanded by click + ArrowRight, as a keyboard user does. */
async function selectInExplorer(page: Page, topic: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explorer' }).click();
  const message = page.getByRole('region', { name: 'Message' });
  if (await message.getByRole('heading', { name: topic, exact: true }).isVisible()) return;
  const tree = page.getByRole('tree', { name: 'Topics' });
  const levels = topic.split('/');
  for (const level of levels.slice(0, -1)) {
    const it = tree.getByRole('treeitem', { name: level, exact: true });
    if ((await it.getAttribute('aria-expanded', { timeout: 10_000 })) !== 'true') {
      await it.click();
      await it.press('ArrowRight');
    }
    await expect(it).toHaveAttribute('aria-expanded', 'true');
  }
  await tree.getByRole('treeitem', { name: levels.at(-1)!, exact: true }).click();
  await expect(message.getByRole('heading', { name: topic, exact: true })).toBeVisible();
  await expect(message.getByRole('list', { name: 'History' })).toBeVisible();
}

/** A look at the chart and back, as someone switching views does (mounts and unmounts both views). */
async function visitChart(page: Page, topic: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Charts' }).click();
  const fig = page.getByRole('figure').first();
  await expect(fig.getByRole('img', { name: /points drawn/ })).toBeVisible({ timeout: 10_000 });
  await sleep(3_000);
  await selectInExplorer(page, topic);
}

// ---------------------------------------------------------------- the run

test('soak: heap stays flat under steady load with the Explorer open', async ({ browser, baseURL }) => {
  test.skip(process.env.BENCH_SOAK !== '1', 'the soak runs through `npm run bench -- --soak`');
  test.setTimeout((durationS + 360 + (settings.snapshots ? 240 : 0) + settings.snapshotAt.length * 120) * 1000);

  const plan = soakPlan(settings.topics);
  const watched = plan.byKind.telemetry[0].topic; // device 0 appears first
  const charted2 = (plan.byKind.telemetry[1] ?? plan.byKind.telemetry[0]).topic; // the second chart: the next telemetry device
  const notes: string[] = [];
  const extraConfig = [
    'log_type none', 'log_type error', 'log_type warning', 'log_type notice', 'log_type information',
    'sys_interval 1',
    ...(settings.brokerQueue !== undefined ? [`max_queued_messages ${settings.brokerQueue}`] : []),
  ].join('\n');
  const broker = await startMosquitto({ extraConfig });
  let gen: Awaited<ReturnType<typeof startGenerator>> | null = null;
  let monitor: mqtt.MqttClient | null = null;
  const context = await browser.newContext({ baseURL: baseURL ?? 'http://127.0.0.1:4180', viewport: { width: 1440, height: 900 } });
  try {
    gen = await startGenerator(broker.mqttUrl);
    monitor = await mqtt.connectAsync(broker.mqttUrl, { clientId: 'switchyard-bench-monitor', reconnectPeriod: 0 });
    let dropped: number | null = null;
    monitor.on('message', (_t, p) => (dropped = Number(p.toString())));
    await monitor.subscribeAsync('$SYS/broker/publish/messages/dropped', { qos: 0 });
    await sleep(1_200);
    const dropped0 = dropped;

    const page = await context.newPage();
    await page.addInitScript(instrumentFrames);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`/charts?broker=${encodeURIComponent(broker.wsUrl)}`);
    await expect(page.getByRole('status', { name: 'Connection status' })).toHaveText(/^Connected/, { timeout: 15_000 });
    await page.waitForFunction(() => typeof (window as any).__switchyardStats === 'function');
    const probes = await Probes.attach(browser, context, page);

    log(
      `${settings.rate.toLocaleString('en-US')} msg/s for ${minutes} min over ${plan.topicCount.toLocaleString('en-US')} topics ` +
        `(${plan.devices.length} devices appearing over ${settings.growS} s), sample every ${settings.intervalS} s, ` +
        `verdict after ${settings.warmupS} s, view ${settings.view}, broker ${broker.wsUrl}`,
    );
    // The load runs a little past the last sample, so every sample is taken under load.
    const loadDone = gen.soak({ rate: settings.rate, seconds: durationS + 10, topics: settings.topics, growSeconds: settings.growS });
    const t0 = Date.now();
    const elapsed = () => (Date.now() - t0) / 1000;

    let chart = false;
    let charts = 0;
    try {
      await createChart(page, watched, 'temp');
      charts++;
      chart = true;
      await createChart(page, charted2, 'hum');
      charts++;
    } catch (err) {
      notes.push(`could not create chart ${charts + 1} (${firstLine(err)}); the soak runs with ${charts ? `${charts} chart` : 'the Explorer only'}`);
      await page.keyboard.press('Escape').catch(() => {});
    }
    let selected = true;
    try {
      await selectInExplorer(page, watched);
    } catch (err) {
      selected = false;
      notes.push(`could not select ${watched} in the Explorer (${firstLine(err)}); measured with the Explorer as it was`);
    }
    const chartNames = [`${watched} › temp`, `${charted2} › hum`].slice(0, charts).join(' and ');
    const viewName =
      `Explorer${selected ? `, ${watched.split('/').slice(0, -1).join(' → ')} expanded, ${watched} selected` : ''}` +
      `${chart ? `; ${charts} chart${charts > 1 ? 's' : ''} (${chartNames}) made in Charts, ${settings.view === 'explorer+charts' ? 'visited between samples' : 'recording in the background'}` : ''}`;

    const samples: SoakSample[] = [];
    const snapshots: SnapshotSummary[] = [];
    let prevCpu: { t: number; cpu: number } | null = null;
    let visitFailures = 0;
    const takeSample = async (first = false) => {
      const t = Math.round(elapsed());
      // The interval's frames and long tasks, read before the forced GC (which pauses the page) and reset after it.
      const fr = await page.evaluate(readFrames, false);
      // Sent first, received right after: "behind" (sent − received) is about the backlog in flight.
      const p = await gen!.current();
      const stats = (await page.evaluate(() => {
        const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
        let inDocument = 1;
        while (walker.nextNode()) inDocument++;
        return { ...(window as any).__switchyardStats(), inDocument };
      })) as { received: number; topics: number; coalesced: number; inDocument: number };
      const r = await probes.read();
      await page.evaluate(readFrames, true);
      const wall = Date.now() / 1000;
      const cpu = r.processTime !== null && prevCpu ? Math.round(((r.processTime - prevCpu.cpu) / (wall - prevCpu.t)) * 100) : null;
      if (r.processTime !== null) prevCpu = { t: wall, cpu: r.processTime };
      const s: SoakSample = {
        t,
        warmup: t < settings.warmupS,
        heapMB: r.heapMB,
        heapTotalMB: r.heapTotalMB,
        backingStoreMB: r.backingStoreMB,
        embedderHeapMB: r.embedderHeapMB,
        workerHeapMB: r.workerHeapMB,
        domNodes: r.domNodes,
        domNodesInDocument: stats.inDocument,
        jsEventListeners: r.jsEventListeners,
        documents: r.documents,
        rendererRssMB: r.rendererRssMB,
        rendererPrivateMB: r.rendererPrivateMB,
        cpuPercent: cpu,
        received: stats.received,
        topics: stats.topics,
        coalesced: stats.coalesced,
        sent: p.sent + p.retainedSent,
        brokerDropped: dropped === null || dropped0 === null ? null : dropped - dropped0,
        view: page.url().includes('/explorer') ? 'explorer' : 'other',
        loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100) as [number, number, number],
        fps: first || !fr.wallMs ? null : Math.round((fr.count / (fr.wallMs / 1000)) * 10) / 10,
        frameP95Ms: first ? null : percentile(fr.gaps, 0.95),
        longTasks: first ? null : fr.longTasks,
        longTaskMaxMs: first ? null : Math.round(fr.longTaskMaxMs),
      };
      samples.push(s);
      await mkdir(snapDir, { recursive: true });
      await writeFile(`${minutesFile}.csv`, soakCsv(samples));
      await writeFile(`${minutesFile}.json`, `${JSON.stringify({ settings, samples }, null, 2)}\n`);
      log(
        `t=${String(t).padStart(4)} s${s.warmup ? ' (warm-up)' : ''}: heap ${s.heapMB.toFixed(1)} MB, worker ${s.workerHeapMB?.toFixed(1) ?? '–'} MB, ` +
          `buffers ${s.backingStoreMB?.toFixed(1) ?? '–'} MB, DOM ${s.domNodes ?? '–'} nodes (${s.domNodesInDocument} in the document), renderer RSS ${s.rendererRssMB?.toFixed(0) ?? '–'} MB, ` +
          `${s.topics.toLocaleString('en-US')} topics, ${s.received.toLocaleString('en-US')}/${s.sent.toLocaleString('en-US')} received, CPU ${cpu ?? '–'}%, ` +
          `${s.fps ?? '–'} fps, frame p95 ${s.frameP95Ms ?? '–'} ms, ${s.longTasks ?? '–'} long tasks (max ${s.longTaskMaxMs ?? '–'} ms), load ${s.loadAverage!.join(' ')}`,
      );
    };
    const snapshot = async (label: string) => {
      const file = path.join(snapDir, `${label}.heapsnapshot`);
      const started = Date.now();
      const raw = await takeSnapshot(probes.cdp, file);
      const first = snapshots[0];
      const growth = first ? compare(first, summarise(raw, file)).bySize.slice(0, 5).map((g) => g.name) : [];
      snapshots.push(summarise(raw, path.relative(root, file), growth));
      log(`heap snapshot ${label}: ${path.relative(root, file)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    };

    await takeSample(true);
    for (let k = 1; k * settings.intervalS <= durationS; k++) {
      const at = k * settings.intervalS;
      if (chart && settings.view === 'explorer+charts' && elapsed() < at - settings.intervalS / 2 - 1) {
        await sleep((at - settings.intervalS / 2 - elapsed()) * 1000);
        try {
          await visitChart(page, watched);
        } catch (err) {
          visitFailures++;
          if (visitFailures === 1) notes.push(`a visit to the chart failed (${firstLine(err)}); later visits were still tried`);
          await selectInExplorer(page, watched).catch(() => {});
        }
      }
      if (gen.failure()) throw gen.failure();
      await sleep(Math.max(0, (at - elapsed()) * 1000));
      await takeSample();
      if (settings.snapshots && samples.at(-2)?.warmup && !samples.at(-1)!.warmup) await snapshot('after-warmup');
      if (settings.snapshotAt.includes(at / 60)) {
        await snapshot(`minute-${at / 60}`);
        await page.evaluate(readFrames, true); // the snapshot's pause is not the next minute's frames
      }
    }
    if (settings.snapshots) await snapshot('end');
    const last = samples.at(-1)!;
    await Promise.race([loadDone, sleep(30_000)]);
    const done = gen.progress() as Progress & { achievedRate?: number };
    // Lossless: after the load, wait until the app has counted everything sent (or its count stops moving for 5 s).
    const sentTotal = done.sent + done.retainedSent;
    let counted = 0;
    for (let still = 0, prev = -1; still < 5; ) {
      counted = (await page.evaluate(() => (window as any).__switchyardStats().received)) as number;
      if (counted >= sentTotal) break;
      still = counted === prev ? still + 1 : 0;
      prev = counted;
      await sleep(1_000);
    }
    const lossless = { sent: sentTotal, counted, lossless: counted === sentTotal };
    if (visitFailures > 1) notes.push(`${visitFailures} chart visits failed in all`);
    if (pageErrors.length) notes.push(`page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    notes.push(...probes.notes);
    if (last.sent - last.received > settings.rate * 5) {
      notes.push(`the app was ${(last.sent - last.received).toLocaleString('en-US')} messages behind at the last sample (not keeping up?)`);
    }
    if ((last.brokerDropped ?? 0) > 0) notes.push(`Mosquitto dropped ${last.brokerDropped} QoS 0 messages for a client that fell behind`);

    const v = verdict(samples, settings.warmupS);
    let snapshotDiff: object | null = null;
    if (snapshots.length >= 2) {
      const [s0, s1] = [snapshots[0], snapshots.at(-1)!];
      const c = compare(s0, s1);
      snapshotDiff = {
        from: s0.file,
        to: s1.file,
        totalMBBefore: Math.round((s0.totalSelfSize / 2 ** 20) * 10) / 10,
        totalMBAfter: Math.round((s1.totalSelfSize / 2 ** 20) * 10) / 10,
        grewMostBySize: c.bySize,
        grewMostByCount: c.byCount,
        retainersOfTopGrowth: Object.fromEntries(c.bySize.slice(0, 5).map((g) => [g.name, topRetainers(s1, g.name)])),
      };
    }
    const result = {
      timestamp: new Date().toISOString(),
      kind: 'soak',
      settings: {
        ...settings,
        durationS,
        topicCount: plan.topicCount,
        mix: plan.counts,
        watched,
        view: viewName,
        chromium: browser.version(),
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
      },
      load: { sent: done.sent, retainedSent: done.retainedSent, bytes: done.bytes, achievedRate: done.achievedRate ?? null },
      lossless,
      minutesFile: path.relative(root, `${minutesFile}.csv`),
      verdict: v,
      samples,
      snapshotDiff,
      definitions: {
        heapMB: 'main-thread JS heap used after two forced GCs (CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage usedSize)',
        workerHeapMB: 'the MQTT worker\'s JS heap used after a forced GC (same calls, sent to the worker target)',
        backingStoreMB: 'ArrayBuffer backing stores and external strings of the main thread (payload bytes live here)',
        rendererRssMB: 'resident memory of the busiest renderer process (/proc VmRSS): everything, allocator slack included',
        flat: `least-squares slope of heapMB (and workerHeapMB) over the samples after the warm-up below ${v.thresholdMBPerMin} MB/min`,
      },
      notes,
    };
    await mkdir(path.dirname(outFile), { recursive: true });
    await writeFile(outFile, `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(`${minutesFile}.json`, `${JSON.stringify(result, null, 2)}\n`);
    const stamp = result.timestamp.replace(/[:.]/g, '-');
    await writeFile(path.join(path.dirname(outFile), `soak-run-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
    log(v.summary);
    log(`frame p95 ${v.frameP95AtWarmupMs ?? '–'} ms at t = ${v.frameP95AtWarmupT ?? '–'} s, ${v.frameP95AtEndMs ?? '–'} ms at t = ${v.frameP95AtEndT ?? '–'} s; ` +
      `${lossless.counted.toLocaleString('en-US')} / ${lossless.sent.toLocaleString('en-US')} counted (${lossless.lossless ? 'lossless' : 'NOT lossless'})`);
    log(`every minute: ${path.relative(root, minutesFile)}.csv and .json`);
    log(`wrote ${path.relative(root, outFile)}`);
    await probes.detach();
  } catch (err) {
    const brokerLog = await broker.log().catch(() => '');
    console.log(`--- mosquitto log (tail) ---\n${brokerLog.trimEnd().split('\n').slice(-20).join('\n')}`);
    throw err;
  } finally {
    await context.close().catch(() => {});
    await gen?.stop().catch(() => {});
    await monitor?.endAsync(true).catch(() => {});
    await broker.remove();
  }
});
