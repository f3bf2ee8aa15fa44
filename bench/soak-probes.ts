// Memory probes of the soak benchmark (bench/soak.bench.ts), all through CDP from outside the page:
//   main thread  HeapProfiler.collectGarbage, then Runtime.getHeapUsage (JS heap used/total,
//                ArrayBuffer backing stores, Blink's heap) and Performance.getMetrics (DOM nodes,
//                listeners, documents, renderer CPU time)
//   MQTT worker  the same GC + Runtime.getHeapUsage, sent to the worker's own target: the page's
//                CDP session auto-attaches to it (non-flattened, so Target.sendMessageToTarget
//                carries the calls); performance.memory does not exist in workers
//   renderer     the busiest renderer process (SystemInfo.getProcessInfo on the browser session),
//                VmRSS and private memory from /proc (Linux only; null elsewhere)
// Anything that cannot be measured is null, never an error.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';

const MB = 2 ** 20;
const mb = (bytes: number) => Math.round((bytes / MB) * 100) / 100;

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  embedderHeapUsedSize?: number;
  backingStorageSize?: number;
}

export interface ProbeReading {
  heapMB: number;
  heapTotalMB: number;
  backingStoreMB: number | null;
  embedderHeapMB: number | null;
  workerHeapMB: number | null;
  domNodes: number | null;
  jsEventListeners: number | null;
  documents: number | null;
  rendererRssMB: number | null;
  rendererPrivateMB: number | null;
  /** renderer process CPU seconds (CDP ProcessTime) */
  processTime: number | null;
}

export class Probes {
  readonly cdp: CDPSession;
  private browserCdp: CDPSession | null = null;
  /** worker targets attached to the page session: sessionId → title */
  private workers = new Map<string, string>();
  private pending = new Map<number, (m: { result?: any; error?: { message: string } }) => void>();
  private nextId = 1;
  notes: string[] = [];

  private constructor(cdp: CDPSession) {
    this.cdp = cdp;
  }

  static async attach(browser: Browser, context: BrowserContext, page: Page): Promise<Probes> {
    const p = new Probes(await context.newCDPSession(page));
    await p.cdp.send('Performance.enable');
    p.cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') p.workers.set(e.sessionId, e.targetInfo.title || e.targetInfo.url);
    });
    p.cdp.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId) p.workers.delete(e.sessionId);
    });
    p.cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      const done = m.id !== undefined ? p.pending.get(m.id) : undefined;
      if (done) {
        p.pending.delete(m.id);
        done(m);
      }
    });
    try {
      await p.cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    } catch (err) {
      p.notes.push(`worker heap not measured: Target.setAutoAttach failed (${(err as Error).message.split('\n')[0]})`);
    }
    try {
      p.browserCdp = await browser.newBrowserCDPSession();
    } catch (err) {
      p.notes.push(`renderer memory not measured: no browser CDP session (${(err as Error).message.split('\n')[0]})`);
    }
    return p;
  }

  /** The MQTT worker's session: the worker named "mqtt" (src/mqtt/session.ts), else the only worker. */
  private workerSession(): string | null {
    for (const [id, title] of this.workers) if (title === 'mqtt') return id;
    return this.workers.size === 1 ? [...this.workers.keys()][0] : null;
  }

  private callWorker(sessionId: string, method: string, params: object = {}, timeoutMs = 15_000): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} in the worker timed out`));
      }, timeoutMs);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(m.error.message));
        else resolve(m.result);
      });
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((err) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(err);
      });
    });
  }

  /** Sends one CDP command to the MQTT worker's target (null when there is no worker to ask). */
  async sendToWorker(method: string, params: object = {}, timeoutMs = 60_000): Promise<any> {
    const sid = this.workerSession();
    return sid ? this.callWorker(sid, method, params, timeoutMs) : null;
  }

  private async workerHeapMB(): Promise<number | null> {
    const sid = this.workerSession();
    if (!sid) return null;
    try {
      await this.callWorker(sid, 'HeapProfiler.collectGarbage');
      const u = (await this.callWorker(sid, 'Runtime.getHeapUsage')) as HeapUsage;
      return mb(u.usedSize);
    } catch (err) {
      const note = `worker heap: ${(err as Error).message.split('\n')[0]}`;
      if (!this.notes.includes(note)) this.notes.push(note);
      return null;
    }
  }

  /** The busiest renderer process: VmRSS and private (clean + dirty) memory, MB. */
  private async renderer(): Promise<{ rss: number | null; priv: number | null }> {
    if (!this.browserCdp || process.platform !== 'linux') return { rss: null, priv: null };
    try {
      const { processInfo } = (await this.browserCdp.send('SystemInfo.getProcessInfo')) as {
        processInfo: { type: string; id: number; cpuTime: number }[];
      };
      const r = processInfo.filter((p) => p.type === 'renderer').sort((a, b) => b.cpuTime - a.cpuTime)[0];
      if (!r) return { rss: null, priv: null };
      const status = await readFile(`/proc/${r.id}/status`, 'utf8');
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
      let priv: number | null = null;
      try {
        const rollup = await readFile(`/proc/${r.id}/smaps_rollup`, 'utf8');
        const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(rollup)?.[1] ?? 0);
        priv = mb((kb('Private_Clean') + kb('Private_Dirty')) * 1024);
      } catch {
        /* no smaps_rollup */
      }
      return { rss: Number.isFinite(rssKb) ? mb(rssKb * 1024) : null, priv };
    } catch (err) {
      const note = `renderer memory: ${(err as Error).message.split('\n')[0]}`;
      if (!this.notes.includes(note)) this.notes.push(note);
      return { rss: null, priv: null };
    }
  }

  /** Forces GC (twice: the first may leave work for finalizers) in the page and the worker, then reads everything. */
  async read(): Promise<ProbeReading> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    await this.cdp.send('HeapProfiler.collectGarbage');
    const usage = (await this.cdp.send('Runtime.getHeapUsage')) as HeapUsage;
    const { metrics: list } = await this.cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(list.map((x) => [x.name, x.value]));
    const workerHeapMB = await this.workerHeapMB();
    const r = await this.renderer();
    return {
      heapMB: mb(usage.usedSize),
      heapTotalMB: mb(usage.totalSize),
      backingStoreMB: typeof usage.backingStorageSize === 'number' ? mb(usage.backingStorageSize) : null,
      embedderHeapMB: typeof usage.embedderHeapUsedSize === 'number' ? mb(usage.embedderHeapUsedSize) : null,
      workerHeapMB,
      domNodes: m.Nodes ?? null,
      jsEventListeners: m.JSEventListeners ?? null,
      documents: m.Documents ?? null,
      rendererRssMB: r.rss,
      rendererPrivateMB: r.priv,
      processTime: m.ProcessTime ?? null,
    };
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => {});
    await this.browserCdp?.detach().catch(() => {});
  }
}
