/** The MQTT worker started before the app's modules (early-worker.ts): handed to the session once, never when it failed to load. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

class FakeWorker extends EventTarget {
  static made: FakeWorker[] = [];
  terminated = false;
  constructor(
    readonly url: URL,
    readonly opts: WorkerOptions,
  ) {
    super();
    FakeWorker.made.push(this);
  }
  terminate() {
    this.terminated = true;
  }
}

beforeEach(() => {
  FakeWorker.made = [];
  vi.resetModules();
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

it('starts one named module worker and hands it over once', async () => {
  const m = await import('./early-worker');
  m.startEarlyWorker();
  m.startEarlyWorker();
  expect(FakeWorker.made).toHaveLength(1);
  expect(FakeWorker.made[0].opts).toEqual({ type: 'module', name: 'mqtt' });
  expect(String(FakeWorker.made[0].url)).toMatch(/worker\.ts$/);
  expect(m.takeEarlyWorker()).toBe(FakeWorker.made[0]);
  expect(m.takeEarlyWorker()).toBeNull();
});

it('does not hand over a worker whose script failed to load (the session starts a fresh one and sees its failure)', async () => {
  const m = await import('./early-worker');
  m.startEarlyWorker();
  FakeWorker.made[0].dispatchEvent(new Event('error'));
  expect(m.takeEarlyWorker()).toBeNull();
  expect(FakeWorker.made[0].terminated).toBe(true);
});

it('does nothing where there are no workers', async () => {
  vi.stubGlobal('Worker', undefined);
  const m = await import('./early-worker');
  m.startEarlyWorker();
  expect(m.takeEarlyWorker()).toBeNull();
});
