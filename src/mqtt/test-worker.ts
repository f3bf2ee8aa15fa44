/**
 * Test helper: a fake MQTT worker for the Session's `createWorker` option. The test plays the
 * worker: `emit` sends a WorkerEvent to the session (a batch packed as worker.ts posts it:
 * batch-wire.ts), `commands` holds what the session posted to it.
 */
import type { WorkerLike } from './session';
import type { ConnectRequest, WorkerCommand, WorkerEvent } from './protocol';
import { packBatch } from './batch-wire';

export class FakeWorker implements WorkerLike {
  commands: WorkerCommand[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: ((ev: MessageEvent) => void) | null = null;
  postMessage(message: WorkerCommand): void {
    this.commands.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker sends an event to the main thread. */
  emit(ev: WorkerEvent): void {
    this.onmessage!({ data: ev.type === 'batch' ? packBatch(ev) : ev } as MessageEvent<WorkerEvent>);
  }
  /** The last connect request the session sent. */
  lastConnect(): ConnectRequest {
    const c = this.commands.filter((x) => x.type === 'connect').at(-1);
    if (!c || c.type !== 'connect') throw new Error('no connect sent');
    return c.request;
  }
}
