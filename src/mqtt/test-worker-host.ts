/**
 * Test-only: what the worker-host tests share — the embedded aedes broker of `npm start`
 * (dev/broker.js) on free ports, and a worker host whose posted events are recorded, with a way
 * to wait for the next one that matches (what the main thread would see).
 */
import { createWorkerHost } from './worker-host';
import type { WorkerCommand, WorkerEvent } from './protocol';

export interface TestBroker {
  wsPort: number;
  mqttPort: number;
  close: () => Promise<void>;
}

// dev/ is plain JavaScript outside this TypeScript project: its types are stated here.
const brokerModule = '../../dev/broker.js';

/** The embedded broker on free ports, accepting any origin, without $SYS. */
export async function startTestBroker(): Promise<TestBroker> {
  const { startBroker } = (await import(/* @vite-ignore */ brokerModule)) as {
    startBroker: (o: { wsPort: number; mqttPort: number; sysIntervalMs: number; allowedOrigins: string[] }) => Promise<TestBroker>;
  };
  return startBroker({ wsPort: 0, mqttPort: 0, sysIntervalMs: 0, allowedOrigins: ['*'] });
}

/** A worker host whose posted events are recorded, with a way to wait for the next one that matches. */
export function recordingHost(connect?: Parameters<typeof createWorkerHost>[0]['connect']) {
  const events: WorkerEvent[] = [];
  const waiting: { pred: (e: WorkerEvent) => boolean; resolve: (e: WorkerEvent) => void }[] = [];
  const onCommand = createWorkerHost({
    post: (ev) => {
      events.push(ev);
      for (const w of [...waiting]) {
        if (!w.pred(ev)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(ev);
      }
    },
    connect,
  });
  /** The first event from `from` on that matches (already posted, or the next one posted). */
  function next<E extends WorkerEvent>(pred: (e: WorkerEvent) => e is E, from = 0): Promise<E> {
    const seen = events.slice(from).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => waiting.push({ pred, resolve: resolve as (e: WorkerEvent) => void }));
  }
  const send = (cmd: WorkerCommand) => onCommand(cmd);
  return { events, next, send };
}
