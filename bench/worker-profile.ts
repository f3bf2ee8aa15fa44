// `--profile` for the MQTT worker: the page's CDP session auto-attaches to its workers
// (non-flattened, so Target.sendMessageToTarget carries the calls, as in soak-probes.ts) and the
// worker named "mqtt" (or the only worker) gets its own CPU profiler for the measured window.
import type { CDPSession } from '@playwright/test';

export class WorkerProfiler {
  private workers = new Map<string, string>();
  private pending = new Map<number, (m: { result?: any; error?: { message: string } }) => void>();
  private nextId = 1;
  private sessionId: string | null = null;

  private constructor(private readonly cdp: CDPSession) {}

  /** Call before the page loads, so the worker is attached as it starts. */
  static async attach(cdp: CDPSession): Promise<WorkerProfiler> {
    const p = new WorkerProfiler(cdp);
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') p.workers.set(e.sessionId, e.targetInfo.title || e.targetInfo.url);
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId) p.workers.delete(e.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      const done = m.id !== undefined ? p.pending.get(m.id) : undefined;
      if (done) {
        p.pending.delete(m.id);
        done(m);
      }
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return p;
  }

  private worker(): string | null {
    for (const [id, title] of this.workers) if (title === 'mqtt') return id;
    return this.workers.size === 1 ? [...this.workers.keys()][0] : null;
  }

  private call(sessionId: string, method: string, params: object = {}): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} in the worker timed out`));
      }, 30_000);
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

  /** Starts the worker's profiler; false when there is no worker to profile. */
  async start(intervalUs = 200): Promise<boolean> {
    this.sessionId = this.worker();
    if (!this.sessionId) return false;
    await this.call(this.sessionId, 'Profiler.enable');
    await this.call(this.sessionId, 'Profiler.setSamplingInterval', { interval: intervalUs });
    await this.call(this.sessionId, 'Profiler.start');
    return true;
  }

  /** The worker's profile since start(), or null. */
  async stop(): Promise<unknown> {
    if (!this.sessionId) return null;
    const r = await this.call(this.sessionId, 'Profiler.stop').catch(() => null);
    this.sessionId = null;
    return r?.profile ?? null;
  }
}
